//! Clone on the real libvirtd: a machine whose disk is a 256 MiB raw volume of random
//! data (nothing sparse to skip). The dialog says which disk is copied and its bar ends
//! full; the allocation readings taken while libvirt writes are printed (a copy this size
//! takes well under a second here, so there may be none). A second clone, cancelled as
//! its copy starts, leaves no volume and no machine behind: the copy libvirt made is
//! deleted again.
//!
//! Takes `/tmp/real-libvirtd.lock` (other test suites share the daemon). Outside CI a
//! missing libvirtd skips loudly; with `CI=true` it fails.

mod common;

use std::cell::RefCell;
use std::process::Command;
use std::rc::Rc;
use std::time::Instant;

use adw::prelude::*;
use common::guest::{self, virsh, Scratch};
use common::*;
use relm4::ComponentController;

const SIZE_MIB: u32 = 256;

#[gtk::test]
fn a_clone_copies_the_disk_and_a_cancelled_one_leaves_nothing() {
    if !guest::libvirtd_answers() {
        return;
    }
    let s = Scratch::new("clone");
    let src = s.dir.join(format!("{}.img", s.vm));
    let dd = Command::new("dd")
        .arg("if=/dev/urandom")
        .arg(format!("of={}", src.display()))
        .args(["bs=4M", &format!("count={}", SIZE_MIB / 4), "status=none"])
        .status()
        .expect("dd runs");
    assert!(dd.success());
    virsh(&["pool-refresh", &s.pool]).expect("pool refreshed");
    let xml = format!(
        "<domain type='qemu'><name>{}</name><memory unit='MiB'>64</memory>\
         <os><type arch='x86_64'>hvm</type></os><devices>\
         <disk type='file' device='disk'><driver name='qemu' type='raw'/>\
         <source file='{}'/><target dev='vda' bus='virtio'/></disk></devices></domain>",
        s.vm,
        src.display()
    );
    let xml_path = s.dir.with_extension("xml");
    std::fs::write(&xml_path, xml).expect("XML written");
    virsh(&["define", &xml_path.display().to_string()]).expect("defined");
    let _ = std::fs::remove_file(&xml_path);

    let app = launch_connected(guest::URI);
    wait_until(10, "the row", || {
        shown(&app).iter().any(|r| r.dom().name() == s.vm)
    });
    let clone_name = format!("{}-clone", s.vm);

    // A whole clone: the bar moves while the disk is copied.
    select(&app, &[&s.vm]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    let bar: gtk::ProgressBar = find(&d, "clone-progress").expect("bar");
    let step: gtk::Label = find(&d, "clone-step").expect("step");
    let seen = Rc::new(RefCell::new(Vec::new()));
    let f = seen.clone();
    bar.connect_fraction_notify(move |b| f.borrow_mut().push(b.fraction()));
    let t = Instant::now();
    d.response("clone");
    assert!(bar.is_visible());
    wait_until(300, "the clone", || {
        shown(&app).iter().any(|r| r.dom().name() == clone_name)
    });
    let took = t.elapsed();
    let readings = seen.borrow().clone();
    eprintln!("{SIZE_MIB} MiB clone in {took:?}; bar readings: {readings:?}");
    assert_eq!(
        step.label(),
        format!("Copying disk 1 of 1 ({clone_name}.img)")
    );
    assert!(readings.windows(2).all(|w| w[0] <= w[1]), "{readings:?}");
    assert_eq!(readings.last().copied(), Some(1.0));
    let cfg = virsh(&["dumpxml", &clone_name]).expect("the clone is defined");
    assert!(
        cfg.contains(&format!("{}/{clone_name}.img", s.dir.display())),
        "{cfg}"
    );
    let vols = s.volumes();
    assert_eq!(
        vols,
        [format!("{clone_name}.img"), format!("{}.img", s.vm)],
        "{vols:?}"
    );

    // Cancelled mid-copy: the copy in flight ends, then it is deleted; no machine.
    let again = format!("{}-clone2", s.vm);
    select(&app, &[&s.vm]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    let entry: gtk::Entry = find(&d, "clone-name").expect("name");
    entry.set_text(&again);
    let step: gtk::Label = find(&d, "clone-step").expect("step");
    let dd = d.clone();
    step.connect_label_notify(move |l| {
        if l.label().starts_with("Copying disk 1 of 1") {
            dd.response("cancel");
        }
    });
    d.response("clone");
    wait_until(60, "the cancel", || {
        step.label() == "Cancelling after the current disk…"
    });
    assert!(d.is_visible(), "the dialog waits for the copy in flight");
    wait_until(300, "the dialog to close", || !d.is_visible());
    assert!(virsh(&["dominfo", &again]).is_err(), "no machine {again}");
    assert_eq!(s.volumes(), vols, "the cancelled copy was deleted");
    app.widget().close();
}
