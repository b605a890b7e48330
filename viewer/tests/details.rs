//! Details of a VM driven through the UI on the demo host: managed save and restore,
//! autostart, the Overview's typed edits (memory, vCPUs, boot order), the Hardware
//! page's edits (add/remove a NIC and a disk, change CD-ROM media), and libvirt's error
//! shown as a toast when a running VM's driver cannot hotplug; pages built on first view and
//! the Overview rebound (not rebuilt) when the selection changes.

mod common;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

fn answer_text(text: &str) {
    let d = dialog("ask-text-dialog");
    let entry: gtk::Entry = find(&d, "dialog-entry").expect("entry");
    entry.set_text(text);
    d.response("ok");
}

#[gtk::test]
fn managed_save_restore_and_autostart() {
    let node = demo_node("save");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let r = row(&app, "web-frontend");
    select(&app, &["web-frontend"]);
    activate(&app, "save", None);
    wait_until(10, "saved", || r.state() == DomainState::Shutoff);
    assert!(r.dom().saved().expect("managed save flag"));
    settle(50);
    activate(&app, "restore", None);
    wait_until(10, "restored", || r.state() == DomainState::Running);
    assert!(!r.dom().saved().expect("managed save flag"));
    settle(50);
    activate(&app, "set-autostart", Some(&true.to_variant()));
    wait_until(10, "autostart on", || r.dom().autostart().unwrap_or(false));
    app.widget().close();
}

#[gtk::test]
fn overview_and_hardware_edits_are_applied() {
    let node = demo_node("edits");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let dom = row(&app, "ci-runner-2").dom();
    select(&app, &["ci-runner-2"]);
    let win = app.widget().clone();

    // Overview: memory, vCPUs, boot order.
    let mem: gtk::SpinButton = find(&win, "memory-mib").expect("memory field");
    wait_until(5, "config loaded", || mem.value() as u64 == 4096);
    mem.set_value(3072.0);
    let vcpus: gtk::SpinButton = find(&win, "vcpus").expect("vCPU field");
    vcpus.set_value(2.0);
    let boot: gtk::DropDown = find(&win, "boot-order").expect("boot order");
    boot.set_selected(1); // CD-ROM first
    let apply: gtk::Button = find(&win, "apply-resources").expect("apply");
    apply.emit_clicked();
    wait_until(10, "applied", || {
        let x = dom.xml(2).unwrap_or_default();
        x.contains("<memory unit='KiB'>3145728</memory>") && x.contains(">2</vcpu>")
    });
    let x = dom.xml(2).expect("XML");
    let cd = x.find("<boot dev='cdrom'/>").expect("cdrom boot");
    let hd = x.find("<boot dev='hd'/>").expect("hd boot");
    assert!(cd < hd, "{x}");

    // Hardware: add a NIC on the "lab" network, then remove it.
    activate(&app, "show-page", Some(&"hardware".to_variant()));
    let add_nic: gtk::Button = find(&win, "add-nic").expect("add NIC button");
    add_nic.emit_clicked();
    answer_text("lab");
    wait_until(10, "NIC added", || {
        dom.xml(2).unwrap_or_default().matches("<interface").count() == 2
    });
    assert!(dom.xml(2).expect("XML").contains("network='lab'"));
    let list: gtk::ListBox = find(&win, "hardware-list").expect("hardware list");
    wait_until(5, "two NIC rows", || {
        count_named(&list, "device:interface") == 2
    });
    screenshot(&win, "details-hardware-edited");
    // Remove the second NIC (its row's trash button).
    let rows = named(&list, "device:interface");
    let trash = last_button(&rows[1]);
    trash.emit_clicked();
    wait_until(10, "NIC removed", || {
        dom.xml(2).unwrap_or_default().matches("<interface").count() == 1
    });
    assert!(!dom.xml(2).expect("XML").contains("network='lab'"));

    // A disk, and CD-ROM media.
    let add_disk: gtk::Button = find(&win, "add-disk").expect("add disk button");
    add_disk.emit_clicked();
    answer_text("/var/lib/libvirt/default/extra.qcow2");
    wait_until(10, "disk added", || {
        dom.xml(2)
            .unwrap_or_default()
            .contains("/var/lib/libvirt/default/extra.qcow2")
    });
    assert!(dom
        .xml(2)
        .expect("XML")
        .contains("<target dev='vdb' bus='virtio'/>"));
    wait_until(5, "cdrom row", || count_named(&list, "device:disk") == 3);
    let disks = named(&list, "device:disk");
    let cdrom = disks
        .iter()
        .find(|r| {
            r.downcast_ref::<adw::ActionRow>()
                .is_some_and(|a| a.title().starts_with("CD-ROM"))
        })
        .expect("cdrom row");
    // The media button is the first suffix button of the CD-ROM row.
    first_button(cdrom).emit_clicked();
    answer_text("/var/lib/libvirt/default/debian-11-netinst.iso");
    wait_until(10, "media changed", || {
        dom.xml(2)
            .unwrap_or_default()
            .contains("/var/lib/libvirt/default/debian-11-netinst.iso")
    });
    app.widget().close();
}

#[gtk::test]
fn a_hotplug_the_driver_refuses_is_a_toast_with_libvirts_message() {
    let node = demo_node("toast");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["web-frontend"]);
    activate(&app, "show-page", Some(&"hardware".to_variant()));
    let add_disk: gtk::Button = find(app.widget(), "add-disk").expect("add disk button");
    add_disk.emit_clicked();
    answer_text("/var/lib/libvirt/default/hot.qcow2");
    wait_until(10, "toast", || !app.model().toasts_shown().is_empty());
    let msg = app.model().toasts_shown().last().cloned().expect("toast");
    assert!(msg.contains("web-frontend"), "{msg}");
    assert!(
        msg.contains("not supported"),
        "libvirt's message missing: {msg}"
    );
    screenshot(app.widget(), "toast-error");
    app.widget().close();
}

fn count_named(root: &impl IsA<gtk::Widget>, name: &str) -> usize {
    named(root, name).len()
}

fn buttons(root: &gtk::Widget) -> Vec<gtk::Button> {
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(w) = stack.pop() {
        if let Ok(b) = w.clone().downcast::<gtk::Button>() {
            out.push(b);
        }
        let mut c = w.last_child();
        while let Some(ch) = c {
            c = ch.prev_sibling();
            stack.push(ch);
        }
    }
    out
}

fn first_button(row: &gtk::Widget) -> gtk::Button {
    buttons(row).into_iter().next().expect("a button")
}

fn last_button(row: &gtk::Widget) -> gtk::Button {
    buttons(row).into_iter().last().expect("a button")
}

#[gtk::test]
fn the_taint_badge_shows_libvirts_messages() {
    let node = demo_node("taint");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let r = row(&app, "legacy-app");
    select(&app, &["legacy-app"]);
    let badge: gtk::Revealer = find(app.widget(), "taint-badge").expect("badge");
    activate(&app, "start", None);
    wait_until(10, "running", || r.state() == DomainState::Running);
    wait_until(10, "badge", || badge.reveals_child());
    let label: gtk::Label = find(app.widget(), "taint-label").expect("label");
    assert!(label.label().contains("tainted"), "{}", label.label());
    assert!(
        label.label().contains("Deprecated-Test"),
        "{}",
        label.label()
    );
    assert!(r.dom().tainted());
    dark(false);
    screenshot(app.widget(), "details-taint-light");
    dark(true);
    screenshot(app.widget(), "details-taint-dark");
    dark(false);
    app.widget().close();
}

#[gtk::test]
fn a_page_is_built_when_first_shown_and_the_overview_follows_the_selection() {
    let node = demo_node("lazy");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let details = || app.model().details().model().built_pages();
    let title = || {
        find::<gtk::Label>(app.widget(), "overview-title")
            .expect("the Overview's title")
            .label()
            .to_string()
    };
    select(&app, &["web-frontend"]);
    wait_until(5, "the Overview of web-frontend", || {
        title() == "web-frontend"
    });
    assert_eq!(details(), vec!["overview"], "only the page shown is built");
    // web-frontend was up when the connection opened: libvirt does not say since
    // when, and the Overview says so rather than guessing.
    let uptime = || {
        find::<adw::ActionRow>(app.widget(), "overview-uptime")
            .expect("the Overview's uptime")
            .subtitle()
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    assert!(uptime().starts_with("Unknown"), "{}", uptime());
    assert!(
        find::<gtk::TextView>(app.widget(), "xml-view").is_none(),
        "the XML editor is not built before it is shown"
    );
    activate(&app, "show-page", Some(&"xml".to_variant()));
    assert_eq!(details(), vec!["overview", "xml"]);
    assert!(find::<gtk::TextView>(app.widget(), "xml-view").is_some());
    activate(&app, "show-page", Some(&"overview".to_variant()));
    let overview: gtk::Label = find(app.widget(), "overview-title").expect("title");

    // Another VM: the same Overview widgets show it; the XML page is dropped.
    select(&app, &["db-primary"]);
    wait_until(5, "the Overview of db-primary", || title() == "db-primary");
    assert_eq!(details(), vec!["overview"]);
    let again: gtk::Label = find(app.widget(), "overview-title").expect("title");
    assert_eq!(overview, again, "the Overview is rebound, not rebuilt");
    assert!(find::<gtk::TextView>(app.widget(), "xml-view").is_none());

    // A VM started while Vireo watches: its uptime is counted from then.
    select(&app, &["ci-runner-2"]);
    wait_until(5, "the Overview of ci-runner-2", || {
        title() == "ci-runner-2"
    });
    assert_eq!(uptime(), "Not running");
    activate(&app, "start", None);
    wait_until(10, "an uptime in seconds", || {
        let up = uptime();
        up.ends_with('s') && up.starts_with(|c: char| c.is_ascii_digit())
    });
    app.widget().close();
}
