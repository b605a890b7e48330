//! The assistant's pages: widgets built once (named for tests and accessibility).

use std::cell::RefCell;
use std::rc::Rc;

use adw::prelude::*;

use crate::i18n::tr;

/// Install sources, in the order of the source row.
pub const SOURCES: [&str; 4] = [
    "Local install media (ISO)",
    "Network install (URL)",
    "Import an existing disk image",
    "Direct kernel boot",
];

/// The assistant's widgets (named for tests and accessibility).
#[allow(missing_docs)]
pub struct Widgets {
    pub window: adw::Window,
    pub title: adw::WindowTitle,
    pub stack: gtk::Stack,
    pub back: gtk::Button,
    pub next: gtk::Button,
    pub cancel: gtk::Button,
    pub connection: adw::ComboRow,
    pub name: adw::EntryRow,
    pub source: adw::ComboRow,
    pub iso: adw::EntryRow,
    pub url: adw::EntryRow,
    pub image: adw::EntryRow,
    pub kernel: adw::EntryRow,
    pub initrd: adw::EntryRow,
    pub cmdline: adw::EntryRow,
    pub os: gtk::DropDown,
    pub os_row: adw::ActionRow,
    pub detected: gtk::Label,
    pub memory: gtk::SpinButton,
    pub memory_row: adw::ActionRow,
    pub vcpus: gtk::SpinButton,
    pub vcpus_row: adw::ActionRow,
    pub firmware: adw::ComboRow,
    pub accel: adw::ComboRow,
    pub disk_mode: adw::ComboRow,
    pub pool: adw::ComboRow,
    pub disk_size: gtk::SpinButton,
    pub disk_unit: gtk::DropDown,
    pub size_row: adw::ActionRow,
    pub volume: adw::ComboRow,
    pub net_mode: adw::ComboRow,
    pub network: adw::ComboRow,
    pub bridge: adw::EntryRow,
    pub summary: adw::PreferencesGroup,
    pub problems: gtk::Label,
    pub start: gtk::Switch,
    pub console: gtk::Switch,
    pub progress: gtk::ProgressBar,
    pub status: gtk::Label,
    pub progress_page: adw::StatusPage,
}

pub(super) fn strings(items: &[String]) -> gtk::StringList {
    let v: Vec<&str> = items.iter().map(String::as_str).collect();
    gtk::StringList::new(&v)
}

fn combo(title: &str, name: &str, items: &[String]) -> adw::ComboRow {
    let c = adw::ComboRow::builder()
        .title(title)
        .model(&strings(items))
        .build();
    c.set_widget_name(name);
    c
}

fn entry(title: &str, name: &str) -> adw::EntryRow {
    let e = adw::EntryRow::builder().title(title).build();
    e.set_widget_name(name);
    e
}

fn spin(name: &str, lo: f64, hi: f64, step: f64) -> gtk::SpinButton {
    let s = gtk::SpinButton::with_range(lo, hi, step);
    s.set_widget_name(name);
    s.set_valign(gtk::Align::Center);
    s.set_numeric(true);
    s
}

pub(super) fn selected_string(c: &adw::ComboRow) -> String {
    c.selected_item()
        .and_downcast::<gtk::StringObject>()
        .map(|s| s.string().to_string())
        .unwrap_or_default()
}

fn page(title: &str) -> adw::PreferencesPage {
    let p = adw::PreferencesPage::new();
    p.set_title(title);
    p
}

fn group(title: &str, desc: &str) -> adw::PreferencesGroup {
    let g = adw::PreferencesGroup::builder().title(title).build();
    if !desc.is_empty() {
        g.set_description(Some(desc));
    }
    g
}

fn browse_button(target: &adw::EntryRow, window: &adw::Window, title: &str) -> gtk::Button {
    let b = gtk::Button::from_icon_name("document-open-symbolic");
    b.set_valign(gtk::Align::Center);
    b.add_css_class("flat");
    b.set_tooltip_text(Some(&tr("Choose a file")));
    let (t, w, title) = (target.clone(), window.clone(), title.to_owned());
    b.connect_clicked(move |_| {
        let chooser = gtk::FileChooserNative::new(
            Some(&title),
            Some(&w),
            gtk::FileChooserAction::Open,
            Some(&tr("Open")),
            Some(&tr("Cancel")),
        );
        // Kept alive while shown; released on the response.
        let holder = Rc::new(RefCell::new(Some(chooser.clone())));
        let t = t.clone();
        chooser.connect_response(move |c, r| {
            if r == gtk::ResponseType::Accept {
                if let Some(p) = c.file().and_then(|f| f.path()) {
                    t.set_text(&p.display().to_string());
                }
            }
            holder.borrow_mut().take();
        });
        chooser.show();
    });
    target.add_suffix(&b);
    b
}

pub(super) fn build(parent: Option<&gtk::Window>) -> Widgets {
    let window = adw::Window::builder()
        .modal(true)
        .default_width(640)
        .default_height(700)
        .title(tr("New Virtual Machine"))
        .build();
    window.set_widget_name("new-vm-window");
    window.set_transient_for(parent);
    let title = adw::WindowTitle::new(&tr("New Virtual Machine"), "");
    let header = adw::HeaderBar::builder()
        .title_widget(&title)
        .show_end_title_buttons(false)
        .show_start_title_buttons(false)
        .build();
    let cancel = gtk::Button::with_label(&tr("Cancel"));
    cancel.set_widget_name("new-vm-cancel");
    header.pack_start(&cancel);
    let next = gtk::Button::with_label(&tr("Next"));
    next.set_widget_name("new-vm-next");
    next.add_css_class("suggested-action");
    header.pack_end(&next);
    let back = gtk::Button::with_label(&tr("Back"));
    back.set_widget_name("new-vm-back");
    header.pack_end(&back);
    let stack = gtk::Stack::builder()
        .transition_type(gtk::StackTransitionType::SlideLeftRight)
        .vexpand(true)
        .build();
    stack.set_widget_name("new-vm-stack");
    let outer = gtk::Box::new(gtk::Orientation::Vertical, 0);
    outer.append(&header);
    outer.append(&stack);
    window.set_content(Some(&outer));

    // Page 1: name, connection, install source.
    let p1 = page(&tr("Source"));
    let g = group(&tr("Machine"), "");
    let name = entry(&tr("Name"), "new-vm-name");
    let connection = combo(&tr("Connection"), "new-vm-connection", &[]);
    g.add(&name);
    g.add(&connection);
    p1.add(&g);
    let g = group(
        &tr("Install From"),
        &tr("Where the guest's operating system comes from."),
    );
    let source = combo(&tr("Source"), "new-vm-source", &SOURCES.map(tr));
    let iso = entry(&tr("ISO image"), "new-vm-iso");
    browse_button(&iso, &window, &tr("Choose an ISO image"));
    let url = entry(&tr("URL of an ISO (http, https, ftp)"), "new-vm-url");
    let image = entry(&tr("Disk image on the host"), "new-vm-image");
    browse_button(&image, &window, &tr("Choose a disk image"));
    let kernel = entry(&tr("Kernel"), "new-vm-kernel");
    browse_button(&kernel, &window, &tr("Choose a kernel"));
    let initrd = entry(&tr("Initrd"), "new-vm-initrd");
    browse_button(&initrd, &window, &tr("Choose an initrd"));
    let cmdline = entry(&tr("Kernel command line"), "new-vm-cmdline");
    for r in [&iso, &url, &image, &kernel, &initrd, &cmdline] {
        r.set_visible(false);
    }
    g.add(&source);
    for r in [&iso, &url, &image, &kernel, &initrd, &cmdline] {
        g.add(r);
    }
    p1.add(&g);
    stack.add_named(&p1, Some("source"));

    // Page 2: OS and resources.
    let p2 = page(&tr("System"));
    let g = group(
        &tr("Operating System"),
        &tr("From libosinfo's database: it sets the recommended memory, vCPUs, disk size and devices."),
    );
    let os = gtk::DropDown::builder()
        .enable_search(true)
        .expression(gtk::PropertyExpression::new(
            gtk::StringObject::static_type(),
            None::<gtk::Expression>,
            "string",
        ))
        .valign(gtk::Align::Center)
        .build();
    os.set_widget_name("new-vm-os");
    let os_row = adw::ActionRow::builder()
        .title(tr("Operating system"))
        .build();
    os_row.add_suffix(&os);
    let detected = gtk::Label::builder()
        .xalign(0.0)
        .wrap(true)
        .margin_top(6)
        .build();
    detected.add_css_class("dim-label");
    detected.set_widget_name("new-vm-detected");
    g.add(&os_row);
    g.add(&detected);
    p2.add(&g);
    let g = group(&tr("Resources"), "");
    let memory = spin("new-vm-memory", 16.0, 1024.0, 64.0);
    let memory_row = adw::ActionRow::builder().title(tr("Memory (MiB)")).build();
    memory_row.add_suffix(&memory);
    let vcpus = spin("new-vm-vcpus", 1.0, 1.0, 1.0);
    let vcpus_row = adw::ActionRow::builder().title(tr("vCPUs")).build();
    vcpus_row.add_suffix(&vcpus);
    let firmware = combo(&tr("Firmware"), "new-vm-firmware", &[tr("BIOS")]);
    let accel = combo(
        &tr("Acceleration"),
        "new-vm-accel",
        &[tr("TCG (emulation)")],
    );
    g.add(&memory_row);
    g.add(&vcpus_row);
    g.add(&firmware);
    g.add(&accel);
    p2.add(&g);
    stack.add_named(&p2, Some("system"));

    // Page 3: storage and network.
    let p3 = page(&tr("Storage"));
    let g = group(&tr("Disk"), "");
    let disk_mode = combo(
        &tr("Disk"),
        "new-vm-disk-mode",
        &[tr("New qcow2 disk"), tr("Existing volume"), tr("No disk")],
    );
    let pool = combo(&tr("Storage pool"), "new-vm-pool", &[]);
    let disk_size = spin("new-vm-disk-size", 1.0, 1_048_576.0, 1.0);
    let disk_unit = gtk::DropDown::from_strings(&["MiB", "GiB"]);
    disk_unit.set_widget_name("new-vm-disk-unit");
    disk_unit.set_valign(gtk::Align::Center);
    disk_unit.set_selected(1);
    let size_row = adw::ActionRow::builder().title(tr("Size")).build();
    size_row.add_suffix(&disk_size);
    size_row.add_suffix(&disk_unit);
    let volume = combo(&tr("Volume"), "new-vm-volume", &[]);
    volume.set_visible(false);
    g.add(&disk_mode);
    g.add(&pool);
    g.add(&size_row);
    g.add(&volume);
    p3.add(&g);
    let g = group(&tr("Network"), "");
    let net_mode = combo(
        &tr("Connect to"),
        "new-vm-net-mode",
        &[
            tr("Virtual network (NAT)"),
            tr("Host bridge"),
            tr("No network"),
        ],
    );
    let network = combo(&tr("Network"), "new-vm-network", &[]);
    let bridge = entry(&tr("Bridge device"), "new-vm-bridge");
    bridge.set_text("br0");
    bridge.set_visible(false);
    g.add(&net_mode);
    g.add(&network);
    g.add(&bridge);
    p3.add(&g);
    stack.add_named(&p3, Some("storage"));

    // Page 4: summary.
    let p4 = page(&tr("Summary"));
    let summary = group(&tr("Summary"), &tr("The machine that will be defined."));
    summary.set_widget_name("new-vm-summary");
    // Problems first, where they are seen before the disabled Create button.
    let problems = gtk::Label::builder()
        .xalign(0.0)
        .wrap(true)
        .visible(false)
        .margin_bottom(12)
        .build();
    problems.add_css_class("error");
    problems.set_widget_name("new-vm-problems");
    let top = group("", "");
    top.add(&problems);
    problems
        .bind_property("visible", &top, "visible")
        .sync_create()
        .build();
    p4.add(&top);
    p4.add(&summary);
    let g = group("", "");
    let start = gtk::Switch::builder()
        .active(true)
        .valign(gtk::Align::Center)
        .build();
    start.set_widget_name("new-vm-start");
    let r = adw::ActionRow::builder()
        .title(tr("Start the machine"))
        .activatable_widget(&start)
        .build();
    r.add_suffix(&start);
    g.add(&r);
    let console = gtk::Switch::builder()
        .active(true)
        .valign(gtk::Align::Center)
        .build();
    console.set_widget_name("new-vm-open-console");
    let r = adw::ActionRow::builder()
        .title(tr("Open its console"))
        .activatable_widget(&console)
        .build();
    r.add_suffix(&console);
    g.add(&r);
    p4.add(&g);
    stack.add_named(&p4, Some("summary"));

    // Progress.
    let progress = gtk::ProgressBar::builder()
        .show_text(true)
        .width_request(360)
        .halign(gtk::Align::Center)
        .build();
    progress.set_widget_name("new-vm-progress");
    let status = gtk::Label::builder()
        .wrap(true)
        .justify(gtk::Justification::Center)
        .build();
    status.set_widget_name("new-vm-status");
    let pbox = gtk::Box::new(gtk::Orientation::Vertical, 12);
    pbox.append(&progress);
    pbox.append(&status);
    let progress_page = adw::StatusPage::builder()
        .icon_name("computer-symbolic")
        .title(tr("Creating the Machine"))
        .child(&pbox)
        .build();
    stack.add_named(&progress_page, Some("progress"));
    stack.set_visible_child_name("source");

    Widgets {
        window,
        title,
        stack,
        back,
        next,
        cancel,
        connection,
        name,
        source,
        iso,
        url,
        image,
        kernel,
        initrd,
        cmdline,
        os,
        os_row,
        detected,
        memory,
        memory_row,
        vcpus,
        vcpus_row,
        firmware,
        accel,
        disk_mode,
        pool,
        disk_size,
        disk_unit,
        size_row,
        volume,
        net_mode,
        network,
        bridge,
        summary,
        problems,
        start,
        console,
        progress,
        status,
        progress_page,
    }
}
