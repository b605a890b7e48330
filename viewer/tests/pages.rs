//! The XML editor, Snapshots, Storage and Networks pages driven through their widgets on
//! the bundled demo host (libvirt's test driver, in-process), with results read back
//! through libvirt, and screenshots of each page in light and dark.

mod common;

use adw::prelude::*;
use common::*;
use libvirt_gobject::{Connection, DomainSnapshot};
use relm4::ComponentController;

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

fn conn_of(app: &relm4::Controller<viewer::App>) -> Connection {
    app.model().inventory().entries()[0].conn()
}

fn text(buf: &gtk::TextBuffer) -> String {
    let (a, b) = buf.bounds();
    buf.text(&a, &b, true).to_string()
}

fn button(app: &relm4::Controller<viewer::App>, name: &str) -> gtk::Button {
    find(app.widget(), name).unwrap_or_else(|| panic!("no button {name}"))
}

/// Waits for a message dialog and answers it with `response`.
fn answer_dialog(response: &str) -> String {
    let mut dialog = None;
    wait_until(5, "the dialog", || {
        dialog = gtk::Window::list_toplevels()
            .into_iter()
            .filter_map(|w| w.downcast::<adw::MessageDialog>().ok())
            .find(|d| d.is_visible());
        dialog.is_some()
    });
    let d = dialog.expect("dialog shown");
    let body = format!("{}\n{}", d.heading().unwrap_or_default(), d.body());
    d.response(response);
    d.close();
    body
}

#[gtk::test]
fn xml_editor_round_trips_and_refuses_invalid_xml() {
    let node = demo_node("xml");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["ubuntu-dev"]);
    activate(&app, "show-page", Some(&"xml".to_variant()));
    let dom = row(&app, "ubuntu-dev").dom();
    let view: gtk::TextView = find(app.widget(), "xml-view").expect("the XML editor");
    let buf = view.buffer();
    wait_until(10, "the XML", || {
        text(&buf).contains("<name>ubuntu-dev</name>")
    });
    let apply = button(&app, "xml-apply");
    let revert = button(&app, "xml-revert");
    let error: gtk::Label = find(app.widget(), "xml-error").expect("error label");
    assert!(!apply.is_sensitive(), "nothing to apply before an edit");
    dark(false);
    screenshot(app.widget(), "xml-editor-light");

    // Round trip: edit the description, apply, read back through libvirt.
    let original = text(&buf);
    let edited = original.replace(
        "<description>Development box with snapshots</description>",
        "<description>Edited in the XML editor</description>",
    );
    assert_ne!(edited, original, "{original}");
    buf.set_text(&edited);
    settle(50);
    assert!(apply.is_sensitive());
    apply.emit_clicked();
    wait_until(10, "applied", || {
        dom.xml(2)
            .is_ok_and(|x| x.contains("<description>Edited in the XML editor</description>"))
    });
    let status: gtk::Label = find(app.widget(), "xml-status").expect("status");
    wait_until(10, "reloaded", || {
        status.label() == "Definition as stored by libvirt"
            && text(&buf).contains("Edited in the XML editor")
    });
    assert!(!apply.is_sensitive());
    assert!(!error.is_visible() || error.label().is_empty());

    // Malformed XML: the line is marked, the message shown, Apply refused, text kept.
    let good = text(&buf);
    let malformed = good.replacen("</name>", "</nam>", 1);
    buf.set_text(&malformed);
    settle(50);
    wait_until(5, "the well-formedness error", || {
        error.label().contains("line 2")
    });
    let reveal: gtk::Revealer = error
        .ancestor(gtk::Revealer::static_type())
        .and_downcast()
        .expect("error revealer");
    assert!(reveal.reveals_child());
    assert!(!apply.is_sensitive(), "malformed XML cannot be applied");
    apply.emit_clicked();
    settle(200);
    assert_eq!(text(&buf), malformed, "the edited text is kept");
    assert!(dom.xml(2).expect("xml").contains("<name>ubuntu-dev</name>"));
    screenshot(app.widget(), "xml-editor-malformed-light");

    // Well-formed but refused by libvirt's schema: libvirt's error, text kept.
    let rejected = good.replace("</devices>", "<frobnicator/></devices>");
    buf.set_text(&rejected);
    settle(50);
    assert!(apply.is_sensitive(), "{}", error.label());
    apply.emit_clicked();
    wait_until(10, "libvirt's error", || {
        error.label().contains("libvirt refused")
    });
    assert_eq!(text(&buf), rejected, "the edited text is kept");
    assert!(!dom.xml(2).expect("xml").contains("frobnicator"));
    dark(true);
    screenshot(app.widget(), "xml-editor-rejected-dark");

    // Revert reloads libvirt's definition.
    revert.emit_clicked();
    wait_until(10, "reverted", || text(&buf) == good);
    screenshot(app.widget(), "xml-editor-dark");
    dark(false);
    app.widget().close();
}

/// The rows of the snapshot tree: (name, parent name).
fn tree_rows(app: &relm4::Controller<viewer::App>) -> Vec<(String, Option<String>)> {
    let tree: gtk::ListView = find(app.widget(), "snapshot-tree").expect("snapshot tree");
    let Some(model) = tree.model() else {
        return Vec::new();
    };
    (0..model.n_items())
        .filter_map(|i| model.item(i).and_downcast::<gtk::TreeListRow>())
        .filter_map(|r| {
            let name = r.item().and_downcast::<DomainSnapshot>()?.name();
            let parent = r
                .parent()
                .and_then(|p| p.item())
                .and_downcast::<DomainSnapshot>()
                .map(|p| p.name());
            Some((name, parent))
        })
        .collect()
}

#[gtk::test]
fn a_snapshot_is_created_and_appears_in_the_tree_under_its_parent() {
    let node = demo_node("snapshots");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    select(&app, &["ubuntu-dev"]);
    activate(&app, "show-page", Some(&"snapshots".to_variant()));
    wait_until(10, "the tree", || tree_rows(&app).len() == 4);
    let rows = tree_rows(&app);
    let parent_of = |rows: &[(String, Option<String>)], n: &str| {
        rows.iter()
            .find(|(name, _)| name == n)
            .unwrap_or_else(|| panic!("{n} not in the tree: {rows:?}"))
            .1
            .clone()
    };
    assert_eq!(parent_of(&rows, "base-install"), None);
    assert_eq!(
        parent_of(&rows, "before-upgrade").as_deref(),
        Some("base-install")
    );
    assert_eq!(
        parent_of(&rows, "experiment-a").as_deref(),
        Some("before-upgrade")
    );
    assert_eq!(
        parent_of(&rows, "experiment-b").as_deref(),
        Some("before-upgrade")
    );
    // The current snapshot is marked.
    let current: gtk::TreeExpander =
        find(app.widget(), "snapshot:experiment-b").expect("current row");
    let chip_visible = |ex: &gtk::TreeExpander| {
        let mut found = false;
        let mut stack = vec![ex.clone().upcast::<gtk::Widget>()];
        while let Some(w) = stack.pop() {
            if let Some(l) = w.downcast_ref::<gtk::Label>() {
                if l.has_css_class("tag-chip") && l.is_visible() {
                    found = true;
                }
            }
            let mut c = w.first_child();
            while let Some(x) = c {
                c = x.next_sibling();
                stack.push(x);
            }
        }
        found
    };
    assert!(chip_visible(&current));
    dark(false);
    screenshot(app.widget(), "snapshots-tree-light");

    let name: adw::EntryRow = find(app.widget(), "snapshot-name").expect("name entry");
    let desc: adw::EntryRow = find(app.widget(), "snapshot-description").expect("description");
    name.set_text("vireo-pages-snap");
    desc.set_text("Taken by the UI test");
    button(&app, "snapshot-create").emit_clicked();
    wait_until(10, "the new snapshot in the tree", || {
        tree_rows(&app).iter().any(|(n, _)| n == "vireo-pages-snap")
    });
    let rows = tree_rows(&app);
    assert_eq!(
        parent_of(&rows, "vireo-pages-snap").as_deref(),
        Some("experiment-b"),
        "the new snapshot hangs under the current one: {rows:?}"
    );
    // Read back through libvirt: it exists, is current, with its description.
    let dom = row(&app, "ubuntu-dev").dom();
    let snaps = dom.snapshots(0).expect("snapshots");
    let s = snaps
        .iter()
        .find(|s| s.name() == "vireo-pages-snap")
        .expect("created in libvirt");
    assert!(s.is_current().expect("current"));
    assert!(s.xml().expect("xml").contains("Taken by the UI test"));
    let new_row: gtk::TreeExpander =
        find(app.widget(), "snapshot:vireo-pages-snap").expect("new row");
    assert!(chip_visible(&new_row), "the new snapshot is marked current");

    // Delete of a snapshot with children: the safe default keeps the children.
    let tree: gtk::ListView = find(app.widget(), "snapshot-tree").expect("tree");
    let sel = tree
        .model()
        .and_downcast::<gtk::SingleSelection>()
        .expect("single selection");
    let pos = (0..sel.n_items())
        .find(|&i| {
            sel.item(i)
                .and_downcast::<gtk::TreeListRow>()
                .and_then(|r| r.item())
                .and_downcast::<DomainSnapshot>()
                .is_some_and(|s| s.name() == "before-upgrade")
        })
        .expect("before-upgrade row");
    sel.set_selected(pos);
    settle(50);
    button(&app, "snapshot-delete").emit_clicked();
    let body = answer_dialog("delete");
    assert!(body.contains("later snapshots"), "{body}");
    wait_until(10, "deleted, children kept", || {
        let rows = tree_rows(&app);
        !rows.iter().any(|(n, _)| n == "before-upgrade")
            && parent_of(&rows, "experiment-a").as_deref() == Some("base-install")
    });
    assert_eq!(dom.snapshots(0).expect("snapshots").len(), 4);
    dark(true);
    screenshot(app.widget(), "snapshots-tree-dark");
    dark(false);
    app.widget().close();
}

#[gtk::test]
fn a_volume_is_created_and_deleted() {
    let node = demo_node("storage");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    app.model()
        .shell()
        .main_stack
        .set_visible_child_name("storage");
    let conn = conn_of(&app);
    let pool_name: gtk::Label = find(app.widget(), "pool-name").expect("pool header");
    wait_until(10, "a pool shown", || !pool_name.label().is_empty());
    let volumes: gtk::ListBox = find(app.widget(), "volume-list").expect("volume list");
    // The bundled host's "default" pool has the machines' disks.
    let pools: gtk::ListBox = find(app.widget(), "pool-list").expect("pool list");
    let default_row: gtk::ListBoxRow = find(&pools, "pool:default").expect("default pool row");
    pools.select_row(Some(&default_row));
    wait_until(5, "the default pool", || pool_name.label() == "default");
    let pool = conn
        .find_storage_pool_by_name("default")
        .expect("default pool");
    let n_before = pool.volumes().expect("volumes").len();
    wait_until(10, "the volumes", || {
        find::<adw::ActionRow>(&volumes, "volume:ci-runner-1.qcow2").is_some()
    });
    dark(false);
    screenshot(app.widget(), "storage-light");

    let name: gtk::Entry = find(app.widget(), "volume-name").expect("name");
    let size: gtk::SpinButton = find(app.widget(), "volume-size").expect("size");
    name.set_text("vireo-pages-vol");
    size.set_value(2.0);
    button(&app, "volume-create").emit_clicked();
    wait_until(10, "the new volume row", || {
        find::<adw::ActionRow>(&volumes, "volume:vireo-pages-vol.qcow2").is_some()
    });
    let vols = pool.volumes().expect("volumes");
    assert_eq!(vols.len(), n_before + 1);
    let v = vols
        .iter()
        .find(|v| v.name() == "vireo-pages-vol.qcow2")
        .expect("in libvirt");
    assert_eq!(v.info().expect("info").capacity, 2 << 30);
    assert!(v.xml().expect("xml").contains("qcow2"));
    dark(true);
    screenshot(app.widget(), "storage-dark");
    dark(false);

    button(&app, "vol-delete:vireo-pages-vol.qcow2").emit_clicked();
    let body = answer_dialog("delete");
    assert!(body.contains("vireo-pages-vol.qcow2"), "{body}");
    wait_until(10, "the row gone", || {
        find::<adw::ActionRow>(&volumes, "volume:vireo-pages-vol.qcow2").is_none()
    });
    assert_eq!(pool.volumes().expect("volumes").len(), n_before);
    app.widget().close();
}

#[gtk::test]
fn a_network_is_stopped_and_started() {
    let node = demo_node("networks");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    app.model()
        .shell()
        .main_stack
        .set_visible_child_name("networks");
    let conn = conn_of(&app);
    // The connection is named as in the sidebar; its URI is the tooltip.
    let on: gtk::Label = find(app.widget(), "networks-connection").expect("the connection");
    assert_eq!(
        on.label().as_str(),
        format!(
            "On {}",
            viewer::factories::connection_row::title_for(&conn.uri())
        )
    );
    assert_eq!(on.tooltip_text().as_deref(), Some(conn.uri().as_str()));
    let net = conn.find_network_by_name("lab").expect("lab network");
    assert!(net.active());
    let toggle = button(&app, "net-toggle:lab");
    let label = |b: &gtk::Button| b.tooltip_text().unwrap_or_default().to_string();
    assert!(label(&toggle).contains("Stop"), "{}", label(&toggle));
    let row: adw::ExpanderRow = find(app.widget(), "network:default").expect("default row");
    row.set_expanded(true);
    dark(false);
    screenshot(app.widget(), "networks-light");

    toggle.emit_clicked();
    wait_until(10, "stopped", || !net.active());
    wait_until(5, "the button offers Start", || {
        label(&toggle).contains("Start")
    });
    toggle.emit_clicked();
    wait_until(10, "started", || net.active());
    wait_until(5, "the button offers Stop", || {
        label(&toggle).contains("Stop")
    });
    dark(true);
    screenshot(app.widget(), "networks-dark");
    dark(false);
    app.widget().close();
}
