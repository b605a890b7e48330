//! Test harness: builds the real root component from the library on a test-driver
//! `<node>` file, drives it through its `gio::Action`s and widgets, waits on the main
//! context and saves screenshots under `target/screenshots/`.
#![allow(dead_code)]

pub mod guest;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use adw::prelude::*;
use libvirt_gobject::DomainState;
use relm4::prelude::*;
use viewer::backend::VmItem;
use viewer::{App, AppInit, StartMode};

/// Initialises libadwaita, libvirt and the resources (idempotent).
pub fn init() {
    let _ = adw::init();
    viewer::init_libvirt().expect("libvirt initialises");
    viewer::ensure_resources();
}

/// A private copy of the bundled demo host (`data/demo-host.xml`) in a temp dir.
pub fn demo_node(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vireo-test-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join("node.xml");
    std::fs::write(&p, viewer::config::DEMO_HOST_XML).expect("node file written");
    p
}

/// The `(name, test:runstate)` pairs of a node file.
pub fn node_states(path: &Path) -> Vec<(String, DomainState)> {
    let xml = std::fs::read_to_string(path).expect("node file");
    let mut out = Vec::new();
    for dom in xml.split("<domain type='test' xmlns:test").skip(1) {
        let state = dom
            .split("<test:runstate>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .and_then(|s| s.trim().parse::<i32>().ok())
            .unwrap_or(1);
        // The domain's own <name> is the first one after the snapshots.
        let body = dom.rsplit("</test:domainsnapshot>").next().unwrap_or(dom);
        let name = body
            .split("<name>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("a domain has a name");
        out.push((name.to_owned(), DomainState::from_raw(state)));
    }
    out
}

/// The app on `uri`, its window presented.
pub fn launch(uri: &str) -> Controller<App> {
    init();
    let c = App::builder()
        .launch(AppInit {
            start: StartMode::Uris(vec![uri.to_owned()]),
            ready_line: false,
            quit_after_ready: false,
            use_settings: false,
            use_keyring: false,
        })
        .detach();
    c.widget().present();
    c
}

/// Iterates the default main context until `cond` holds (panics after `secs`).
pub fn wait_until(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let ctx = glib::MainContext::default();
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        ctx.iteration(false);
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Runs the main context for `ms` milliseconds.
pub fn settle(ms: u64) {
    let ctx = glib::MainContext::default();
    let end = Instant::now() + Duration::from_millis(ms);
    while Instant::now() < end {
        while ctx.iteration(false) {}
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The first widget named `name` under `root` (depth first).
pub fn find<W: IsA<gtk::Widget>>(root: &impl IsA<gtk::Widget>, name: &str) -> Option<W> {
    let root = root.as_ref();
    if root.widget_name() == name {
        if let Ok(w) = root.clone().downcast::<W>() {
            return Some(w);
        }
    }
    let mut c = root.first_child();
    while let Some(w) = c {
        if let Some(f) = find::<W>(&w, name) {
            return Some(f);
        }
        c = w.next_sibling();
    }
    None
}

/// Every widget named `name` under `root` (depth first).
pub fn named(root: &impl IsA<gtk::Widget>, name: &str) -> Vec<gtk::Widget> {
    let mut out = Vec::new();
    let mut stack = vec![root.as_ref().clone()];
    while let Some(w) = stack.pop() {
        if w.widget_name() == name {
            out.push(w.clone());
        }
        let mut c = w.last_child();
        while let Some(ch) = c {
            c = ch.prev_sibling();
            stack.push(ch);
        }
    }
    out
}

/// The rows the list shows (after filter and sort), by looking up the column view.
pub fn shown(app: &Controller<App>) -> Vec<VmItem> {
    let view: gtk::ColumnView = find(app.widget(), "vm-list").expect("the VM list exists");
    let model = view.model().expect("the list has a model");
    (0..model.n_items())
        .filter_map(|i| model.item(i).and_downcast::<VmItem>())
        .collect()
}

/// The shown row named `name`.
pub fn row(app: &Controller<App>, name: &str) -> VmItem {
    shown(app)
        .into_iter()
        .find(|i| i.dom().name() == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

/// Selects exactly the shown rows whose names are in `names`.
pub fn select(app: &Controller<App>, names: &[&str]) {
    let view: gtk::ColumnView = find(app.widget(), "vm-list").expect("the VM list exists");
    let model = view.model().expect("the list has a model");
    model.unselect_all();
    for i in 0..model.n_items() {
        if let Some(item) = model.item(i).and_downcast::<VmItem>() {
            if names.contains(&item.dom().name().as_str()) {
                model.select_item(i, false);
            }
        }
    }
    settle(50);
}

/// The status line of connection `uri` in the sidebar ("Connected", "Failed — reason").
pub fn conn_status(app: &Controller<App>, uri: &str) -> String {
    let conns: gtk::ListBox = find(app.widget(), "connections").expect("sidebar list");
    let row: gtk::ListBoxRow = find(&conns, &format!("conn:{uri}")).expect("row");
    let status: gtk::Label = find(&row, "conn-status").expect("status label");
    status.label().to_string()
}

/// Activates `win.<name>` on the app's window.
pub fn activate(app: &Controller<App>, name: &str, param: Option<&glib::Variant>) {
    let action = app
        .widget()
        .lookup_action(name)
        .unwrap_or_else(|| panic!("no action win.{name}"));
    assert!(action.is_enabled(), "win.{name} is disabled");
    action.activate(param);
}

/// Waits until the list has all domains of the connection(s).
pub fn wait_loaded(app: &Controller<App>, n: usize) {
    wait_until(20, "the list to fill", || shown(app).len() == n);
}

/// Where screenshots go: `<workspace>/target/screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&d).expect("screenshot dir");
    d
}

/// Renders `widget` (as drawn now) to `target/screenshots/<name>.png`.
pub fn screenshot(widget: &impl IsA<gtk::Widget>, name: &str) -> PathBuf {
    settle(300);
    let w = widget.as_ref();
    // A new toplevel (a dialog) is mapped and allocated a few frames after it is
    // presented; on a loaded machine that can take longer than the settle above.
    wait_until(10, &format!("{name}: the widget allocated"), || {
        w.width() > 0 && w.height() > 0
    });
    settle(100);
    render_png(w, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Like [`screenshot`], for a widget that may be gone by the time it would be drawn
/// (a window showing a short-lived state): `None` then.
pub fn try_screenshot(widget: &impl IsA<gtk::Widget>, name: &str) -> Option<PathBuf> {
    settle(100);
    render_png(widget.as_ref(), name).ok()
}

fn render_png(w: &gtk::Widget, name: &str) -> Result<PathBuf, String> {
    let (width, height) = (w.width(), w.height());
    if width <= 0 || height <= 0 {
        return Err("the widget is not allocated".into());
    }
    let paintable = gtk::WidgetPaintable::new(Some(w));
    let snap = gtk::Snapshot::new();
    paintable.snapshot(&snap, f64::from(width), f64::from(height));
    let node = snap.to_node().ok_or("the widget draws nothing")?;
    let renderer = w
        .native()
        .and_then(|n| n.renderer())
        .ok_or("the widget is not in a realized window")?;
    let tex = renderer.render_texture(&node, None);
    let path = screenshot_dir().join(format!("{name}.png"));
    tex.save_to_png(&path)
        .map_err(|e| format!("PNG not written: {e}"))?;
    Ok(path)
}

/// Forces the light or dark style (libadwaita follows the system otherwise).
pub fn dark(on: bool) {
    adw::StyleManager::default().set_color_scheme(if on {
        adw::ColorScheme::ForceDark
    } else {
        adw::ColorScheme::ForceLight
    });
    settle(200);
}

/// The open `adw::MessageDialog` named `name` (dialogs are separate toplevels).
pub fn dialog(name: &str) -> adw::MessageDialog {
    let mut found = None;
    wait_until(5, name, || {
        found = gtk::Window::list_toplevels()
            .into_iter()
            .filter_map(|w| w.downcast::<adw::MessageDialog>().ok())
            .find(|d| d.widget_name() == name && d.is_visible());
        found.is_some()
    });
    found.expect("dialog found")
}

/// The app's connection `uri`.
pub fn conn_of(app: &Controller<App>, uri: &str) -> libvirt_gobject::Connection {
    app.model()
        .inventory()
        .entry(uri)
        .expect("connection")
        .conn()
}

/// A `<node>` file with `n` shut-off domains ([`viewer::demo::synthetic_node_xml`]) in
/// its own temp dir: `(dir, file)`.
pub fn synthetic_node(tag: &str, n: usize) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("vireo-test-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let node = dir.join("node.xml");
    std::fs::write(&node, viewer::demo::synthetic_node_xml(n)).expect("node file");
    (dir, node)
}

/// The volumes' names of pool `pool` on the app's connection `uri`.
pub fn volume_names(app: &Controller<App>, uri: &str, pool: &str) -> Vec<String> {
    let conn = conn_of(app, uri);
    let pool = conn.find_storage_pool_by_name(pool).expect("pool");
    let mut names: Vec<String> = pool
        .volumes()
        .expect("volumes listed")
        .iter()
        .map(|v| v.name())
        .collect();
    names.sort();
    names
}

/// Launches the app on the real libvirtd, defines the guest `xml` and starts it through
/// the library, and waits for its running row: the domain.
pub fn launch_with_running_guest(
    xml: &str,
    name: &str,
) -> (Controller<App>, libvirt_gobject::Domain) {
    let app = launch_connected(guest::URI);
    let dom = start_listed(&app, guest::URI, xml, name);
    (app, dom)
}

/// The app on `uri`, once that connection is open.
pub fn launch_connected(uri: &str) -> Controller<App> {
    let app = launch(uri);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(uri)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    app
}

/// Defines (`xml`) and starts domain `name` on the app's connection `uri` through the
/// library, and waits until the list shows it running.
pub fn start_listed(
    app: &Controller<App>,
    uri: &str,
    xml: &str,
    name: &str,
) -> libvirt_gobject::Domain {
    let conn = app.model().inventory().entry(uri).expect("entry").conn();
    let ctx = glib::MainContext::default();
    let dom = ctx
        .block_on(conn.create_domain_future(xml))
        .expect("guest defined");
    ctx.block_on(dom.start_future(0)).expect("guest started");
    wait_until(30, "the running row", || {
        shown(app)
            .iter()
            .any(|r| r.dom().name() == name && r.state() == DomainState::Running)
    });
    dom
}
