//! The new-VM assistant against the real libvirtd with the real test guest, driven
//! through its UI: it creates a VM from the guest's kernel + initrd with a new 64 MiB
//! qcow2 disk in a pool, starts it, the console page opens and the guest's serial
//! console shows its prompt; cancelling after the volume was created (before define)
//! leaves no domain and no volume.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a
//! missing libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use adw::prelude::*;
use common::guest::{self, virsh, Scratch};
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;
use viewer::modals::new_vm::create::Step;
use viewer::modals::new_vm::{NewVm, Phase};

const URI: &str = "qemu:///system";

/// The guest's kernel, initrd and command line (from its domain.xml); `None` = skip.
fn guest_boot() -> Option<(String, String, String)> {
    if !guest::libvirtd_answers() {
        return None;
    }
    let (_, xml) = guest::guest_domain_xml()?;
    let dom = libvirt_gconfig::Domain::from_xml(&xml).expect("guest XML parses");
    let os = dom.os().expect("<os>");
    let get =
        |v: Result<Option<String>, libvirt_gconfig::Error>| v.ok().flatten().unwrap_or_default();
    Some((get(os.kernel()), get(os.initrd()), get(os.cmdline())))
}

/// Opens the assistant on `app` and fills its pages for a direct-boot guest named
/// `name` with a new 64 MiB qcow2 disk in `pool`, TCG, no network; returns it on the
/// summary page.
fn fill(
    app: &relm4::Controller<viewer::App>,
    name: &str,
    pool: &str,
    boot: &(String, String, String),
) -> NewVm {
    activate(app, "new-vm", None);
    let nv = NewVm::current().expect("the assistant is open");
    wait_until(60, "the assistant to load", || nv.is_ready());
    let w = nv.widgets();
    let pick = |c: &adw::ComboRow, label: &str| {
        let m = c.model().expect("model");
        let pos = (0..m.n_items())
            .find(|i| {
                m.item(*i)
                    .and_downcast::<gtk::StringObject>()
                    .is_some_and(|s| s.string() == label)
            })
            .unwrap_or_else(|| panic!("no {label:?} in {}", c.widget_name()));
        c.set_selected(pos);
    };
    // Connections are named as in the sidebar ("QEMU/KVM").
    pick(
        &w.connection,
        &viewer::factories::connection_row::title_for(URI),
    );
    wait_until(30, "host data", || nv.is_ready());
    // Page 1: name and direct kernel boot.
    w.name.set_text(name);
    w.source.set_selected(3);
    w.kernel.set_text(&boot.0);
    w.initrd.set_text(&boot.1);
    w.cmdline.set_text(&boot.2);
    w.next.emit_clicked();
    // Page 2: a generic Linux, the guest's 128 MiB, 1 vCPU, TCG.
    assert!(nv.select_os("http://libosinfo.org/linux/2022"));
    w.memory.set_value(128.0);
    w.vcpus.set_value(1.0);
    pick(&w.accel, "TCG (emulation)");
    w.next.emit_clicked();
    // Page 3: a new 64 MiB qcow2 disk in our pool; no network.
    w.disk_mode.set_selected(0);
    wait_until(10, "the pool in the list", || {
        w.pool.model().is_some_and(|m| {
            (0..m.n_items()).any(|i| {
                m.item(i)
                    .and_downcast::<gtk::StringObject>()
                    .is_some_and(|s| s.string() == pool)
            })
        })
    });
    pick(&w.pool, pool);
    w.disk_unit.set_selected(0);
    w.disk_size.set_value(64.0);
    w.net_mode.set_selected(2);
    w.next.emit_clicked();
    assert_eq!(w.stack.visible_child_name().as_deref(), Some("summary"));
    assert!(
        w.next.is_sensitive(),
        "Create enabled: {}",
        w.problems.label()
    );
    nv
}

fn open_app() -> relm4::Controller<viewer::App> {
    let app = launch(URI);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(URI)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    app
}

#[gtk::test]
fn the_assistant_creates_and_starts_a_direct_boot_guest_whose_console_shows_its_prompt() {
    let Some(boot) = guest_boot() else { return };
    let s = Scratch::new("create");
    // The pool was made outside the app: its event adds it.
    let app = open_app();
    let nv = fill(&app, &s.vm, &s.pool, &boot);
    let w = nv.widgets();
    screenshot(&w.window, "new-vm-real-summary");
    let steps: Rc<std::cell::RefCell<Vec<Step>>> = Rc::default();
    let st = steps.clone();
    nv.connect_step(move |s| st.borrow_mut().push(s.clone()));
    let t = Instant::now();
    w.next.emit_clicked(); // Create
    let mut shot = false;
    wait_until(120, "created", || {
        if !shot && nv.phase() == Phase::Running {
            // The creation may end (and the assistant close) before it is drawn.
            let _ = try_screenshot(&w.window, "new-vm-real-progress");
            shot = true;
        }
        !matches!(nv.phase(), Phase::Running | Phase::Editing)
    });
    assert_eq!(
        nv.phase(),
        Phase::Done(s.vm.clone()),
        "{}",
        w.status.label()
    );
    eprintln!(
        "created and started in {:?}; steps {:?}",
        t.elapsed(),
        steps.borrow()
    );
    assert!(steps
        .borrow()
        .iter()
        .any(|x| matches!(x, Step::DiskReady(_))));

    // Through libvirt: a TCG guest with our kernel, the libosinfo id and the new disk.
    let xml = virsh(&["dumpxml", &s.vm]).expect("the domain exists");
    for want in [
        "type='qemu'",
        &format!("<kernel>{}</kernel>", boot.0),
        &format!("{}.qcow2", s.vm),
        "<memory unit='KiB'>131072</memory>",
    ] {
        assert!(xml.contains(want), "{want} missing in\n{xml}");
    }
    let parsed = libvirt_gconfig::Domain::from_xml(&xml).expect("libvirt's XML parses");
    assert_eq!(
        parsed
            .metadata()
            .and_then(|m| m.libosinfo())
            .and_then(|l| l.os_id().ok().flatten())
            .as_deref(),
        Some("http://libosinfo.org/linux/2022")
    );
    assert!(virsh(&["domstate", &s.vm])
        .expect("domstate")
        .contains("running"));
    let vol = virsh(&["vol-dumpxml", &format!("{}.qcow2", s.vm), "--pool", &s.pool])
        .expect("the volume exists");
    assert!(
        vol.contains("<capacity unit='bytes'>67108864</capacity>"),
        "{vol}"
    );
    assert!(vol.contains("<format type='qcow2'/>"), "{vol}");

    // The app selected the new machine and shows its console page.
    wait_until(10, "the new row selected", || {
        app.model()
            .details()
            .model()
            .item()
            .is_some_and(|i| i.dom().name() == s.vm)
    });
    let item = app.model().details().model().item().expect("shown");
    wait_until(10, "running row", || item.state() == DomainState::Running);
    assert_eq!(
        app.model()
            .details()
            .model()
            .stack()
            .visible_child_name()
            .as_deref(),
        Some("console")
    );
    screenshot(app.widget(), "new-vm-real-console-page");

    // The guest's output on its serial console (libvirt-gobject's stream).
    let dom = item.dom();
    let ctx = glib::MainContext::default();
    let stream = ctx
        .block_on(dom.open_console_future(None, 1))
        .expect("console opens");
    let seen = Rc::new(std::cell::RefCell::new(String::new()));
    let o = seen.clone();
    let input = stream.input_stream();
    ctx.spawn_local(async move {
        use gio::prelude::*;
        while let Ok((buf, n)) = input
            .read_future(vec![0u8; 4096], glib::Priority::DEFAULT)
            .await
        {
            if n == 0 {
                break;
            }
            o.borrow_mut().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let out = stream.output_stream();
    let deadline = Instant::now() + Duration::from_secs(90);
    while !seen.borrow().contains("lvg# ") {
        assert!(
            Instant::now() < deadline,
            "no prompt on the console: {:?}",
            seen.borrow()
        );
        let _ = ctx.block_on(out.write_all_future(b"\n".to_vec(), glib::Priority::DEFAULT));
        settle(500);
    }
    // A command typed there gets its answer.
    let _ = ctx
        .block_on(out.write_all_future(b"echo vireo-$((6*7))\n".to_vec(), glib::Priority::DEFAULT));
    wait_until(30, "the command's answer", || {
        seen.borrow().contains("vireo-42")
    });
    eprintln!("console: {:?}", seen.borrow().lines().last());
    app.widget().close();
}

#[gtk::test]
fn cancelling_after_the_volume_is_created_leaves_no_domain_and_no_volume() {
    let Some(boot) = guest_boot() else { return };
    let s = Scratch::new("cancel");
    let app = open_app();
    let nv = fill(&app, &s.vm, &s.pool, &boot);
    let seen_volume = Rc::new(std::cell::Cell::new(false));
    let (sv, cancel, pool_dir) = (
        seen_volume.clone(),
        nv.widgets().cancel.clone(),
        s.dir.clone(),
    );
    let vm = s.vm.clone();
    nv.connect_step(move |step| {
        if let Step::DiskReady(path) = step {
            // The volume exists now; the user cancels before the machine is defined.
            assert!(std::path::Path::new(path).exists(), "{path}");
            assert!(path.starts_with(&pool_dir.display().to_string()));
            assert!(virsh(&["dominfo", &vm]).is_err(), "not defined yet");
            sv.set(true);
            cancel.emit_clicked();
        }
    });
    nv.widgets().next.emit_clicked(); // Create
    wait_until(60, "cancelled", || {
        !matches!(nv.phase(), Phase::Running | Phase::Editing)
    });
    assert_eq!(
        nv.phase(),
        Phase::Cancelled,
        "{}",
        nv.widgets().status.label()
    );
    assert!(seen_volume.get(), "the volume had been created");
    screenshot(&nv.widgets().window, "new-vm-real-cancelled");
    // Nothing left: no domain, no volume (asked through libvirt).
    assert!(virsh(&["dominfo", &s.vm]).is_err(), "the domain is gone");
    assert_eq!(
        s.volumes(),
        Vec::<String>::new(),
        "no volume left in the pool"
    );
    let conn = app.model().inventory().entry(URI).expect("entry").conn();
    assert!(conn.find_domain_by_name(&s.vm).is_none());
    // Close returns to the list.
    nv.widgets().cancel.emit_clicked();
    settle(100);
    assert!(!nv.widgets().window.is_visible());
    app.widget().close();
}

#[gtk::test]
fn an_iso_is_uploaded_into_the_pool_for_a_remote_connection() {
    const TCP: &str = "qemu+tcp://127.0.0.1/system";
    if !guest::answers(TCP) {
        return;
    }
    let s = Scratch::new("iso");
    // A small bootable ISO (6 MiB: two upload chunks).
    let root = s.dir.with_extension("root");
    std::fs::create_dir_all(root.join("boot")).expect("iso root");
    std::fs::write(root.join("boot/boot.bin"), [0u8; 2048]).expect("boot image");
    std::fs::write(root.join("payload.bin"), vec![0x5au8; 6 * 1024 * 1024]).expect("payload");
    let iso = s.dir.with_extension("iso");
    let made = Command::new("genisoimage")
        .args([
            "-quiet",
            "-V",
            "VIREO_TEST",
            "-b",
            "boot/boot.bin",
            "-no-emul-boot",
        ])
        .args(["-boot-load-size", "4", "-o"])
        .arg(&iso)
        .arg(&root)
        .status();
    assert!(made.is_ok_and(|m| m.success()), "genisoimage failed");
    let size = std::fs::metadata(&iso).expect("iso").len();

    let app = launch(TCP);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(TCP)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    activate(&app, "new-vm", None);
    let nv = NewVm::current().expect("the assistant is open");
    wait_until(60, "the assistant to load", || nv.is_ready());
    let w = nv.widgets();
    w.name.set_text(&s.vm);
    w.source.set_selected(0);
    w.iso.set_text(&iso.display().to_string());
    w.accel
        .set_selected(w.accel.model().map_or(1, |m| m.n_items()) - 1); // TCG
    w.memory.set_value(128.0);
    wait_until(10, "the pool in the list", || {
        w.pool.model().is_some_and(|m| {
            (0..m.n_items()).any(|i| {
                m.item(i)
                    .and_downcast::<gtk::StringObject>()
                    .is_some_and(|x| x.string() == s.pool)
            })
        })
    });
    let m = w.pool.model().expect("pools");
    let pos = (0..m.n_items())
        .find(|i| {
            m.item(*i)
                .and_downcast::<gtk::StringObject>()
                .is_some_and(|x| x.string() == s.pool)
        })
        .expect("our pool");
    w.pool.set_selected(pos);
    w.disk_unit.set_selected(0);
    w.disk_size.set_value(64.0);
    w.net_mode.set_selected(2);
    w.start.set_active(false);
    for _ in 0..3 {
        w.next.emit_clicked();
    }
    assert!(
        w.next.is_sensitive(),
        "Create enabled: {}",
        w.problems.label()
    );
    let uploads = Rc::new(std::cell::RefCell::new(Vec::new()));
    let u = uploads.clone();
    nv.connect_step(move |st| {
        if let Step::Uploading(done, total) = st {
            u.borrow_mut().push((*done, *total));
        }
    });
    w.next.emit_clicked();
    wait_until(120, "created", || {
        !matches!(nv.phase(), Phase::Running | Phase::Editing)
    });
    assert_eq!(
        nv.phase(),
        Phase::Done(s.vm.clone()),
        "{}",
        w.status.label()
    );
    // Progress went from 0 to the whole file in chunks.
    let ups = uploads.borrow().clone();
    assert_eq!(ups.first(), Some(&(0, size)));
    assert_eq!(ups.last(), Some(&(size, size)));
    assert!(ups.len() >= 3, "{ups:?}");
    // The pool holds the ISO, byte for byte, and the CD-ROM uses it.
    let vol = format!("{}-install.iso", s.vm);
    let back = s.dir.with_extension("back");
    virsh(&[
        "vol-download",
        &vol,
        &back.display().to_string(),
        "--pool",
        &s.pool,
    ])
    .expect("vol-download");
    assert!(std::fs::read(&back).expect("downloaded") == std::fs::read(&iso).expect("iso"));
    let xml = virsh(&["dumpxml", &s.vm]).expect("defined");
    assert!(xml.contains(&format!("{}/{vol}", s.dir.display())), "{xml}");
    assert!(xml.contains("device='cdrom'"), "{xml}");
    for f in [&iso, &back] {
        let _ = std::fs::remove_file(f);
    }
    let _ = std::fs::remove_dir_all(&root);
    app.widget().close();
}
