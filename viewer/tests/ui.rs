//! The app driven through its UI code on the bundled demo host (libvirt's test
//! driver, in-process): list, live state, actions, search and filter, bulk start,
//! tags in `<metadata>`, and screenshots in light and dark.

mod common;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;
use viewer::factories::stats_cell::{no_data_tooltip, Shown, StatsCell};

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

#[gtk::test]
fn list_shows_every_domain_with_its_state() {
    let node = demo_node("list");
    let expected = node_states(&node);
    assert_eq!(expected.len(), 12);
    let app = launch(&uri_of(&node));
    wait_loaded(&app, expected.len());
    // The filter runs incrementally: wait for all rows, in name order.
    wait_until(10, "sorted rows", || {
        let names: Vec<String> = shown(&app).iter().map(|r| r.dom().name()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        names.len() == expected.len() && names == sorted
    });
    let rows = shown(&app);
    for (name, state) in &expected {
        let r = rows
            .iter()
            .find(|r| r.dom().name() == *name)
            .unwrap_or_else(|| panic!("{name} is not listed"));
        assert_eq!(r.state(), *state, "{name}");
    }
    // Sorted by name.
    let names: Vec<String> = rows.iter().map(|r| r.dom().name()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    // OS names come from the libosinfo metadata through osinfo-db.
    wait_until(10, "OS names", || {
        row(&app, "web-frontend").os_name() == "Debian 11"
    });
    dark(false);
    screenshot(app.widget(), "main-window-light");
    dark(true);
    screenshot(app.widget(), "main-window-dark");
    dark(false);
    app.widget().close();
}

#[gtk::test]
fn start_pause_resume_stop_change_the_row() {
    let node = demo_node("lifecycle");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let r = row(&app, "ci-runner-2");
    assert_eq!(r.state(), DomainState::Shutoff);
    select(&app, &["ci-runner-2"]);
    activate(&app, "start", None);
    wait_until(10, "running", || r.state() == DomainState::Running);
    settle(50);
    activate(&app, "pause", None);
    wait_until(10, "paused", || r.state() == DomainState::Paused);
    settle(50);
    activate(&app, "resume", None);
    wait_until(10, "resumed", || r.state() == DomainState::Running);
    settle(50);
    activate(&app, "force-off", None);
    wait_until(10, "shut off", || r.state() == DomainState::Shutoff);
    dark(false);
    screenshot(app.widget(), "details-overview-light");
    activate(&app, "show-page", Some(&"hardware".to_variant()));
    screenshot(app.widget(), "details-hardware-light");
    dark(true);
    screenshot(app.widget(), "details-hardware-dark");
    activate(&app, "show-page", Some(&"overview".to_variant()));
    screenshot(app.widget(), "details-overview-dark");
    dark(false);
    // The details pane shows the selected VM.
    let title = app.model().details().model().item().map(|i| i.dom().name());
    assert_eq!(title.as_deref(), Some("ci-runner-2"));
    app.widget().close();
}

#[gtk::test]
fn search_and_state_filter_narrow_the_list() {
    let node = demo_node("filter");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let search: gtk::SearchEntry = find(app.widget(), "vm-search").expect("search entry");
    // By name.
    search.set_text("db-");
    wait_until(5, "search by name", || shown(&app).len() == 2);
    // By tag ("ci" is a tag of the two runners, and in no other name/description).
    search.set_text("k8s");
    wait_until(5, "search by tag", || shown(&app).len() == 2);
    // By description.
    search.set_text("postgresql");
    wait_until(5, "search by description", || {
        let names: Vec<String> = shown(&app).iter().map(|r| r.dom().name()).collect();
        names == ["db-primary", "db-replica"]
    });
    // By UUID prefix.
    let uuid = row(&app, "db-replica").dom().uuid();
    search.set_text(&uuid[..13]);
    wait_until(5, "search by UUID", || {
        shown(&app)
            .iter()
            .map(|r| r.dom().name())
            .collect::<Vec<_>>()
            == ["db-replica"]
    });
    search.set_text("");
    wait_until(5, "search cleared", || shown(&app).len() == 12);
    // State filter: paused.
    let states: gtk::DropDown = find(app.widget(), "state-filter").expect("state filter");
    states.set_selected(2);
    wait_until(5, "paused only", || {
        let rows = shown(&app);
        rows.len() == 2 && rows.iter().all(|r| r.state() == DomainState::Paused)
    });
    screenshot(app.widget(), "filter-paused");
    // A state change moves a row in or out of the filtered list.
    select(&app, &["db-replica"]);
    activate(&app, "resume", None);
    wait_until(5, "resumed row leaves the paused filter", || {
        shown(&app).len() == 1
    });
    states.set_selected(0);
    wait_until(5, "all again", || shown(&app).len() == 12);
    app.widget().close();
}

#[gtk::test]
fn bulk_start_of_a_multi_selection() {
    let node = demo_node("bulk");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let states: gtk::DropDown = find(app.widget(), "state-filter").expect("state filter");
    states.set_selected(3); // shut off
    wait_until(5, "shut-off rows", || shown(&app).len() == 3);
    let off: Vec<_> = shown(&app);
    activate(&app, "select-all", None);
    settle(50);
    let count: gtk::Label = find(app.widget(), "selection-count").expect("count label");
    wait_until(5, "3 selected", || count.label().starts_with('3'));
    screenshot(app.widget(), "bulk-selection");
    activate(&app, "start", None);
    wait_until(10, "all started", || {
        off.iter().all(|r| r.state() == DomainState::Running)
    });
    // The filter follows: no shut-off machine is left, and the selection with it.
    wait_until(5, "filtered list empties", || shown(&app).is_empty());
    let enabled = |name: &str| {
        app.widget()
            .lookup_action(name)
            .is_some_and(|a| a.is_enabled())
    };
    wait_until(5, "nothing selected any more", || {
        !enabled("start") && !enabled("force-off")
    });
    states.set_selected(0);
    // The actions follow the state of what stays selected: a started VM can be
    // forced off, not started again.
    let one = off[0].dom().name();
    wait_until(5, "every row back", || shown(&app).contains(&off[0]));
    select(&app, &[one.as_str()]);
    wait_until(5, "force-off enabled", || enabled("force-off"));
    assert!(!enabled("start"), "a running VM offers start");
    activate(&app, "force-off", None);
    wait_until(10, "start enabled again", || {
        enabled("start") && !enabled("force-off")
    });
    app.widget().close();
}

#[gtk::test]
fn a_tag_on_two_vms_groups_them_and_is_in_their_metadata() {
    let node = demo_node("tags");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["ci-runner-2", "win11-desktop"]);
    activate(&app, "add-tag", Some(&"blue-team".to_variant()));
    let a = row(&app, "ci-runner-2");
    let b = row(&app, "win11-desktop");
    wait_until(10, "tags applied", || {
        a.tag_list().contains(&"blue-team".to_owned())
            && b.tag_list().contains(&"blue-team".to_owned())
    });
    // Read back through libvirt: the persistent XML has Vireo's element.
    for item in [&a, &b] {
        let xml = item.dom().xml(2).expect("inactive XML");
        let cfg = libvirt_gconfig::Domain::from_xml(&xml).expect("valid XML");
        let tags = viewer::backend::tags::read(&cfg);
        assert!(tags.contains(&"blue-team".to_owned()), "{xml}");
        assert!(
            xml.contains(vireo_console::metadata::VIREO_NS),
            "metadata namespace missing: {xml}"
        );
        // Other applications' metadata survives.
        assert!(xml.contains("libosinfo"), "{xml}");
    }
    // The sidebar shows the tag as a group; choosing it shows exactly the two VMs.
    let tags: gtk::ListBox = find(app.widget(), "tags").expect("tag list");
    wait_until(5, "tag row", || {
        find::<gtk::ListBoxRow>(&tags, "tag:blue-team").is_some()
    });
    let tag_row: gtk::ListBoxRow = find(&tags, "tag:blue-team").expect("tag row");
    tag_row.activate();
    wait_until(5, "grouped", || {
        let mut names: Vec<String> = shown(&app).iter().map(|r| r.dom().name()).collect();
        names.sort();
        names == ["ci-runner-2", "win11-desktop"]
    });
    screenshot(app.widget(), "tag-group");
    // Removing it from one VM takes that VM out of the group.
    select(&app, &["win11-desktop"]);
    activate(&app, "remove-tag", Some(&"blue-team".to_variant()));
    wait_until(10, "one left in the group", || shown(&app).len() == 1);
    app.widget().close();
}

#[gtk::test]
fn shortcuts_about_and_icon_buttons_are_labelled() {
    let node = demo_node("chrome");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["web-frontend"]);
    // Every icon-only button says what it does (tooltip and accessible label are set
    // together in the code).
    let mut stack = vec![app.widget().clone().upcast::<gtk::Widget>()];
    let mut icon_buttons = 0;
    while let Some(w) = stack.pop() {
        // GTK's own composite widgets label their inner buttons themselves.
        let inner = w.ancestor(gtk::SpinButton::static_type()).is_some()
            || w.ancestor(gtk::WindowControls::static_type()).is_some();
        if w.is::<gtk::MenuButton>() {
            assert!(w.tooltip_text().is_some(), "menu button without label");
        }
        if let (false, Some(b)) = (
            inner || w.ancestor(gtk::MenuButton::static_type()).is_some(),
            w.downcast_ref::<gtk::Button>(),
        ) {
            if b.icon_name().is_some() && b.label().is_none() && b.is_visible() {
                icon_buttons += 1;
                assert!(
                    b.tooltip_text().is_some_and(|t| !t.is_empty()),
                    "icon button {:?} has no label",
                    b.icon_name()
                );
            }
        }
        let mut c = w.first_child();
        while let Some(ch) = c {
            c = ch.next_sibling();
            stack.push(ch);
        }
    }
    assert!(icon_buttons >= 8, "{icon_buttons}");
    // The shortcuts window lists the window's accelerators.
    activate(&app, "show-help-overlay", None);
    let sw = gtk::Window::list_toplevels()
        .into_iter()
        .find_map(|w| w.downcast::<gtk::ShortcutsWindow>().ok())
        .expect("shortcuts window");
    wait_until(5, "shortcuts shown", || sw.is_visible());
    screenshot(&sw, "shortcuts-window");
    sw.close();
    activate(&app, "about", None);
    let about = gtk::Window::list_toplevels()
        .into_iter()
        .find_map(|w| w.downcast::<adw::AboutWindow>().ok())
        .expect("about window");
    wait_until(5, "about shown", || about.is_visible());
    assert_eq!(about.application_name(), "Vireo");
    about.close();
    // The new-VM assistant's action opens it (its own tests are in new_vm.rs).
    let new_vm = app.widget().lookup_action("new-vm").expect("new-vm action");
    assert!(new_vm.is_enabled());
    app.widget().close();
}

/// The window at 1280 x 800 with the details pane open: every statistics column of the
/// list is in view (no horizontal scrolling), and running VMs on the test driver (which
/// reports no CPU or memory statistics) say "No data" instead of showing empty graphs.
#[gtk::test]
fn the_list_fits_beside_the_details_and_says_when_there_are_no_statistics() {
    let node = demo_node("layout");
    let app = launch(&uri_of(&node));
    app.widget().set_default_size(1280, 800);
    wait_loaded(&app, 12);
    select(&app, &["web-frontend"]);
    let web = row(&app, "web-frontend");
    assert_eq!(web.state(), DomainState::Running);
    // The first statistics sample (every 2 s) tells that the driver has none.
    wait_until(10, "a statistics sample", || web.stats_unavailable());
    settle(100);
    let view: gtk::ColumnView = find(app.widget(), "vm-list").expect("the list");
    let scroll = view
        .parent()
        .and_downcast::<gtk::ScrolledWindow>()
        .expect("the list scrolls");
    let h = scroll.hadjustment();
    assert!(
        h.upper() <= h.page_size() + 0.5,
        "the columns overflow: {} px of columns in {} px",
        h.upper(),
        h.page_size()
    );
    let cols = view.columns();
    let titles: Vec<String> = (0..cols.n_items())
        .filter_map(|i| cols.item(i).and_downcast::<gtk::ColumnViewColumn>())
        .filter(|c| c.is_visible())
        .filter_map(|c| c.title().map(|t| t.to_string()))
        .collect();
    for t in ["Name", "CPU", "Memory", "Uptime"] {
        assert!(titles.iter().any(|x| x == t), "{t} not shown: {titles:?}");
    }
    let no_data: Vec<StatsCell> = named(&view, "stats-cell")
        .into_iter()
        .filter(|w| w.is_mapped())
        .filter_map(|w| w.downcast::<StatsCell>().ok())
        .filter(|c| c.shown() == Shown::NoData)
        .collect();
    assert!(no_data
        .iter()
        .all(|c| c.tooltip().is_some_and(|t| t == no_data_tooltip())));
    assert!(no_data.iter().all(|c| c.words() == "No data"));
    // "No data" is painted (as text) in each of them.
    assert!(no_data.iter().all(|c| {
        let snap = gtk::Snapshot::new();
        c.paint(&snap);
        snap.to_node().is_some()
    }));
    // Machines already up when the connection opened (libvirt does not say since
    // when): the uptime cell says whether they run or are paused.
    let uptime_words = |name: &str| {
        let item = row(&app, name);
        named(&view, "uptime-cell")
            .into_iter()
            .filter_map(|w| w.downcast::<StatsCell>().ok())
            .find(|c| c.item().as_ref() == Some(&item))
            .map(|c| c.words())
    };
    assert_eq!(uptime_words("db-replica").as_deref(), Some("paused"));
    assert_eq!(uptime_words("web-frontend").as_deref(), Some("running"));
    let running = shown(&app).iter().filter(|i| i.state().is_active()).count();
    // Two cells (CPU, memory) per running VM.
    assert_eq!(
        no_data.len(),
        2 * running,
        "one 'No data' per statistics cell"
    );
    // No page of the details pane widens it (and squeezes the list) beyond its
    // own minimum: tool bars fit 340 px.
    let details: gtk::Widget = find(app.widget(), "details").expect("the details pane");
    for page in [
        "hardware",
        "xml",
        "snapshots",
        "console",
        "qemu",
        "overview",
    ] {
        activate(&app, "show-page", Some(&page.to_variant()));
        settle(100);
        assert!(
            details.width() <= 360,
            "the {page} page widens the details pane to {} px",
            details.width()
        );
    }
    dark(false);
    screenshot(app.widget(), "layout-1280-details-light");
    dark(true);
    screenshot(app.widget(), "layout-1280-details-dark");
    dark(false);

    // A driver with statistics: samples turn the cell into a graph and a figure
    // (rendered here at once, before the next sample of the test driver).
    let cell = named(&view, "stats-cell")
        .into_iter()
        .filter_map(|w| w.downcast::<StatsCell>().ok())
        .find(|c| c.is_cpu() && c.item().as_ref() == Some(&web))
        .expect("web-frontend's CPU cell");
    let t0 = glib::monotonic_time();
    for i in 0..10u64 {
        // 2 s apart; CPU time rising by 0.4 to 1.3 s per sample.
        web.push_sample(
            Some(i * i * 50_000_000),
            Some(512 * 1024),
            t0 + i as i64 * 2_000_000,
        );
    }
    assert_eq!(cell.shown(), Shown::Graph);
    assert!(cell.tooltip().is_none());
    // In words (the cell's accessible label): the latest percentage.
    let words = cell.words();
    assert!(
        words.ends_with('%') && words.trim_end_matches('%').parse::<u32>().is_ok(),
        "{words:?}"
    );
    let snap = gtk::Snapshot::new();
    cell.paint(&snap);
    let node = snap.to_node().expect("the cell draws");
    let renderer = cell.native().and_then(|n| n.renderer()).expect("realized");
    let tex = renderer.render_texture(&node, None);
    let (w, h) = (tex.width(), tex.height());
    assert!(
        w >= cell.width() - 2,
        "the figure ends at the right edge: {w}"
    );
    tex.save_to_png(screenshot_dir().join("stats-cell-graph.png"))
        .expect("PNG written");
    let mut px = vec![0u8; (w * h * 4) as usize];
    tex.download(&mut px, (w * 4) as usize);
    let painted = |x0: i32, x1: i32| {
        (0..h)
            .flat_map(|y| (x0..x1).map(move |x| (y * w + x) as usize * 4 + 3))
            .filter(|&a| px[a] > 0)
            .count()
    };
    assert!(painted(0, 44) > 40, "the graph is drawn");
    assert!(painted(w - 30, w) > 10, "the figure is drawn");
    app.widget().close();
}

/// Uptime cells tick only for the rows on screen: with 300 running VMs, a tick
/// refreshes the cells in the list's viewport, never an off-screen row (GTK keeps
/// cells for up to 200 rows, most of them off screen).
#[gtk::test]
fn only_uptime_cells_on_screen_tick() {
    let (dir, node) = synthetic_node("ticks", 300);
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 300);
    activate(&app, "select-all", None);
    wait_until(10, "start enabled", || {
        app.widget()
            .lookup_action("start")
            .is_some_and(|a| a.is_enabled())
    });
    activate(&app, "start", None);
    let rows = shown(&app);
    wait_until(30, "all running", || {
        rows.iter().all(|r| r.state() == DomainState::Running)
    });
    settle(100);
    let (first, last) = (rows[0].clone(), rows[299].clone());
    assert_eq!(first.dom().name(), "vm-0000");
    let count = |item: &viewer::backend::VmItem| {
        let n = std::rc::Rc::new(std::cell::Cell::new(0));
        let c = n.clone();
        item.connect_running_since_notify(move |_| c.set(c.get() + 1));
        n
    };
    let (on_screen, off_screen) = (count(&first), count(&last));
    let ticked = app.model().list().model().uptimes.tick();
    assert_eq!(on_screen.get(), 1, "the top row's uptime ticks");
    assert_eq!(off_screen.get(), 0, "an off-screen row does not tick");
    assert!(
        ticked > 0 && ticked < 60,
        "{ticked} cells ticked for 300 running VMs"
    );
    // The top row's uptime cell paints how long the VM has run ("3s").
    let view: gtk::ColumnView = find(app.widget(), "vm-list").expect("the VM list exists");
    let cell = named(&view, "uptime-cell")
        .into_iter()
        .filter_map(|w| w.downcast::<StatsCell>().ok())
        .find(|c| c.item().as_ref() == Some(&first))
        .expect("vm-0000's uptime cell");
    let text = cell.words();
    assert!(
        text.ends_with('s') && text.starts_with(|c: char| c.is_ascii_digit()),
        "uptime {text:?}"
    );
    let snap = gtk::Snapshot::new();
    cell.paint(&snap);
    assert!(snap.to_node().is_some(), "the uptime is painted");
    app.widget().close();
    let _ = std::fs::remove_dir_all(dir);
}

/// A connection named at start begins opening before the window exists: the inventory
/// takes that connection over (the same object, opened once) and lists its VMs.
#[gtk::test]
fn a_connection_opened_before_the_window_is_taken_over() {
    init();
    let node = demo_node("early");
    let uri = uri_of(&node);
    let started = viewer::backend::early::open_early(std::slice::from_ref(&uri));
    assert_eq!(started.len(), 1);
    let early = started[0].clone();
    let opened = std::rc::Rc::new(std::cell::Cell::new(0));
    let o = opened.clone();
    early.connect_local("connection-opened", false, move |_| {
        o.set(o.get() + 1);
        None
    });
    let app = launch(&uri);
    wait_loaded(&app, 12);
    let entry = app.model().inventory().entry(&uri).expect("the entry");
    assert_eq!(entry.conn(), early, "the early connection is the entry's");
    assert!(viewer::backend::early::take(&uri).is_none(), "taken over");
    settle(200);
    assert_eq!(opened.get(), 1, "opened once");
    app.widget().close();
}

/// GTK rebinds every row whose selection changes: selecting all rows and then one
/// leaves one thumbnail watch per row widget (plus the overview's), none piling up.
#[gtk::test]
fn selecting_rows_keeps_one_thumbnail_watch_per_widget() {
    let node = demo_node("watches");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["web-frontend"]);
    settle(300);
    let thumbs = app.model().inventory().thumbnails();
    let before = thumbs.watch_count();
    assert!(before >= 12, "a watch per row: {before}");
    let sel = app.model().list().model().selection.clone();
    for _ in 0..5 {
        sel.select_all();
        settle(50);
        sel.select_item(0, true);
        settle(50);
    }
    settle(300);
    assert_eq!(thumbs.watch_count(), before);
    app.widget().close();
}

/// Add Connection: a click on an example URI puts it in the entry and enables Add;
/// text that is not a URI leaves Add disabled; Add hands the URI over.
#[gtk::test]
fn add_connection_examples_fill_the_entry() {
    init();
    let window = gtk::Window::new();
    window.present();
    let added = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
    let a = added.clone();
    viewer::modals::add_connection::show(&window, move |uri| *a.borrow_mut() = Some(uri));
    settle(50);
    let dialog = gtk::Window::list_toplevels()
        .into_iter()
        .find_map(|w| w.downcast::<adw::MessageDialog>().ok())
        .expect("the dialog is shown");
    let entry: gtk::Entry = find(&dialog, "uri-entry").expect("the URI entry");
    assert!(!dialog.is_response_enabled("add"));
    entry.set_text("system");
    assert!(!dialog.is_response_enabled("add"), "not a URI");
    let examples: gtk::FlowBox = find(&dialog, "uri-examples").expect("the examples");
    let session = named(&examples, "uri-example").into_iter().find_map(|w| {
        w.downcast::<gtk::Button>()
            .ok()
            .filter(|b| b.label().as_deref() == Some("qemu:///session"))
    });
    let session = session.expect("a qemu:///session example button");
    session.emit_clicked();
    assert_eq!(entry.text(), "qemu:///session");
    assert!(dialog.is_response_enabled("add"));
    dialog.response("add");
    assert_eq!(added.borrow().as_deref(), Some("qemu:///session"));
    window.close();
}

/// In a narrow window (half of a 1920 px screen) the sidebar hides itself, and the
/// window then fits: its minimum width is below 960 px. Wider again, the sidebar comes
/// back; the header's toggle shows and hides it by hand.
#[gtk::test]
fn the_sidebar_gives_way_in_a_narrow_window() {
    let node = demo_node("narrow");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let window = app.widget();
    let toggle: gtk::ToggleButton = find(window, "sidebar-toggle").expect("the toggle");
    let sidebar: gtk::Widget = find(window, "sidebar").expect("the sidebar");
    assert!(toggle.is_active() && sidebar.is_visible());
    // Whether the details pane ends inside the window (not cut off at its right).
    let details: gtk::Widget = find(window, "details").expect("the details pane");
    let fits = || {
        details
            .compute_bounds(window)
            .is_some_and(|b| b.x() + b.width() <= window.width() as f32 + 1.0)
    };
    assert!(fits());
    // Resized as a window manager (or the user dragging its edge) does: through X,
    // found by a title of its own (tests run side by side on one display).
    let title = format!("vireo-narrow-{}", std::process::id());
    window.set_title(Some(&title));
    settle(50);
    let resize = |w: u32| {
        let status = std::process::Command::new("xdotool")
            .args([
                "search",
                "--onlyvisible",
                "--name",
                &title,
                "windowsize",
                "%@",
            ])
            .args([w.to_string(), "760".to_owned()])
            .status()
            .expect("xdotool (scripts/install-deps.sh installs it)");
        assert!(status.success(), "xdotool: {status}");
        settle(300);
    };
    resize(960);
    assert!(
        !toggle.is_active() && !sidebar.is_visible(),
        "hidden at 960 px"
    );
    assert!(window.width() <= 960, "{} px wide", window.width());
    assert!(fits(), "the details pane is cut off at 960 px");
    dark(false);
    screenshot(window, "narrow-window-960");
    resize(1240);
    assert!(
        toggle.is_active() && sidebar.is_visible(),
        "back at 1240 px"
    );
    toggle.set_active(false);
    assert!(!sidebar.is_visible(), "hidden by hand");
    toggle.set_active(true);
    assert!(sidebar.is_visible());
    // The action behind F9.
    activate(&app, "show-sidebar", None);
    assert!(
        !toggle.is_active() && !sidebar.is_visible(),
        "hidden with F9"
    );
    activate(&app, "show-sidebar", None);
    assert!(toggle.is_active() && sidebar.is_visible(), "shown with F9");
    window.close();
}
