//! Clone (new name, new MACs, copied disks) and Delete (chosen disks; never a volume
//! another machine uses, never a backing image) through their dialogs, on the demo host.

mod common;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

fn macs(xml: &str) -> Vec<String> {
    xml.split("<mac address='")
        .skip(1)
        .filter_map(|s| s.split('\'').next())
        .map(str::to_owned)
        .collect()
}

#[gtk::test]
fn clone_copies_disks_and_gets_new_macs() {
    let node = demo_node("clone");
    let uri = uri_of(&node);
    let app = launch(&uri);
    wait_loaded(&app, 12);
    select(&app, &["ci-runner-2"]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    let entry: gtk::Entry = find(&d, "clone-name").expect("name entry");
    assert_eq!(entry.text(), "ci-runner-2-clone");
    screenshot(&d, "clone-dialog");
    d.response("clone");
    wait_until(10, "the clone row", || {
        shown(&app)
            .iter()
            .any(|r| r.dom().name() == "ci-runner-2-clone")
    });
    let clone = row(&app, "ci-runner-2-clone");
    assert_eq!(clone.state(), DomainState::Shutoff);
    let orig_xml = row(&app, "ci-runner-2").dom().xml(2).expect("XML");
    let clone_xml = clone.dom().xml(2).expect("XML");
    assert!(
        clone_xml.contains("/var/lib/libvirt/default/ci-runner-2-clone.qcow2"),
        "{clone_xml}"
    );
    assert!(volume_names(&app, &uri, "default").contains(&"ci-runner-2-clone.qcow2".to_owned()));
    let (m1, m2) = (macs(&orig_xml), macs(&clone_xml));
    assert_eq!(m1.len(), 1);
    assert_eq!(m2.len(), 1);
    assert_ne!(m1, m2, "the clone kept the MAC");
    assert_ne!(row(&app, "ci-runner-2").dom().uuid(), clone.dom().uuid());
    // Tags travel with the clone.
    wait_until(5, "clone tags", || clone.tag_list() == ["ci"]);
    // A second clone under the same name is refused; the dialog keeps the name.
    select(&app, &["ci-runner-2"]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    d.response("clone");
    let status: gtk::Label = find(&d, "clone-status").expect("status");
    wait_until(5, "error shown", || !status.label().is_empty());
    assert!(d.is_visible());
    let entry: gtk::Entry = find(&d, "clone-name").expect("name entry");
    assert_eq!(entry.text(), "ci-runner-2-clone");
    d.response("cancel");
    app.widget().close();
}

#[gtk::test]
fn delete_keeps_shared_volumes_and_backing_images() {
    let node = demo_node("delete");
    let uri = uri_of(&node);
    let app = launch(&uri);
    wait_loaded(&app, 12);
    // k8s-node-1 shares vdb with k8s-node-2.
    select(&app, &["k8s-node-1"]);
    activate(&app, "delete", None);
    let d = dialog("delete-dialog");
    wait_until(10, "disks listed", || d.is_response_enabled("delete"));
    let own: gtk::CheckButton =
        find(&d, "disk:/var/lib/libvirt/default/k8s-node-1.qcow2").expect("own disk");
    let shared: gtk::CheckButton =
        find(&d, "disk:/var/lib/libvirt/default/k8s-shared.img").expect("shared disk");
    assert!(own.is_sensitive() && own.is_active());
    assert!(!shared.is_sensitive() && !shared.is_active());
    screenshot(&d, "delete-dialog");
    d.response("delete");
    wait_until(10, "row gone", || {
        !shown(&app).iter().any(|r| r.dom().name() == "k8s-node-1")
    });
    wait_until(5, "volume deleted", || {
        !volume_names(&app, &uri, "default").contains(&"k8s-node-1.qcow2".to_owned())
    });
    assert!(volume_names(&app, &uri, "default").contains(&"k8s-shared.img".to_owned()));

    // legacy-app uses the backing image of ubuntu-dev's disk.
    select(&app, &["legacy-app"]);
    activate(&app, "delete", None);
    let d = dialog("delete-dialog");
    wait_until(10, "disks listed", || d.is_response_enabled("delete"));
    let base: gtk::CheckButton =
        find(&d, "disk:/var/lib/libvirt/default/debian-11-base.qcow2").expect("base");
    assert!(!base.is_sensitive());
    d.response("delete");
    wait_until(10, "row gone", || {
        !shown(&app).iter().any(|r| r.dom().name() == "legacy-app")
    });
    let vols = volume_names(&app, &uri, "default");
    assert!(
        vols.contains(&"debian-11-base.qcow2".to_owned()),
        "{vols:?}"
    );
    assert!(!vols.contains(&"legacy-app.qcow2".to_owned()), "{vols:?}");
    app.widget().close();
}
