//! The new-VM assistant on the bundled demo host (libvirt's test driver): choosing an
//! OS sets libosinfo's recommended memory, vCPUs and disk size, clamped to the host's
//! limits (node info; the test driver has no domain capabilities); the pages are
//! screenshotted.

mod common;

use adw::prelude::*;
use common::*;
use relm4::ComponentController;
use viewer::modals::new_vm::{NewVm, Phase};

const MIB: u64 = 1024 * 1024;

/// libosinfo's recommended (else minimum) `ram`, `n-cpus` and `storage` for OS `id`,
/// read from the osinfo-db XML file itself (not through our binding).
fn recommended(id: &str) -> Option<(Option<u64>, Option<u64>, Option<u64>)> {
    let needle = format!("<os id=\"{id}\"");
    let host = id.split("//").nth(1)?.split('/').next()?;
    let dir = std::path::Path::new("/usr/share/osinfo/os").join(host);
    let text = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .find(|t| t.contains(&needle))?;
    let res = text
        .split("<resources arch=\"all\">")
        .nth(1)
        .or_else(|| text.split("<resources arch=\"x86_64\">").nth(1))?
        .split("</resources>")
        .next()?;
    let part = |section: &str| {
        res.split(&format!("<{section}>"))
            .nth(1)
            .and_then(|s| s.split(&format!("</{section}>")).next())
            .unwrap_or("")
            .to_owned()
    };
    let (rec, min) = (part("recommended"), part("minimum"));
    let val = |s: &str, tag: &str| -> Option<u64> {
        s.split(&format!("<{tag}>"))
            .nth(1)?
            .split('<')
            .next()?
            .trim()
            .parse()
            .ok()
    };
    let get = |tag: &str| val(&rec, tag).or_else(|| val(&min, tag));
    Some((get("ram"), get("n-cpus"), get("storage")))
}

fn wait_ready(nv: &NewVm) {
    wait_until(60, "the assistant to load", || nv.is_ready());
    assert_eq!(nv.phase(), Phase::Editing);
}

#[gtk::test]
fn choosing_an_os_sets_its_recommended_resources_within_host_limits() {
    if !std::path::Path::new("/usr/share/osinfo/os").exists() {
        assert!(std::env::var("CI").is_err(), "osinfo-db missing under CI");
        eprintln!("\n*** SKIPPING: osinfo-db is not installed ***\n");
        return;
    }
    // The demo host on a small machine: 2 CPUs, 2 GiB (the test driver's node info).
    let node = demo_node("new-vm");
    let xml = std::fs::read_to_string(&node).expect("node file");
    let xml = xml.replacen(
        "\n<node>\n",
        "\n<node>\n  <cpu><mhz>2000</mhz><model>x86_64</model><active>2</active><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads></cpu>\n  <memory>2097152</memory>\n",
        1,
    );
    std::fs::write(&node, xml).expect("node file written");
    let uri = format!("test://{}", node.display());
    let app = launch(&uri);
    wait_until(20, "connected", || {
        app.model()
            .inventory()
            .entry(&uri)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    activate(&app, "new-vm", None);
    let nv = NewVm::current().expect("the assistant is open");
    wait_ready(&nv);
    let w = nv.widgets();

    // The connection is named as in the sidebar, not by its URI.
    let chosen = w
        .connection
        .selected_item()
        .and_downcast::<gtk::StringObject>()
        .map(|s| s.string().to_string());
    assert_eq!(
        chosen,
        Some(viewer::factories::connection_row::title_for(&uri))
    );
    assert!(chosen.is_some_and(|c| c.starts_with("Test host (")));

    // Host limits: the test driver's node info (it has no domain capabilities).
    let conn = app.model().inventory().entry(&uri).expect("entry").conn();
    let node_info = glib::MainContext::default()
        .block_on(conn.node_info_future())
        .expect("node info");
    let limits = nv.limits();
    assert_eq!(limits.max_vcpus, node_info.cpus);
    assert_eq!(limits.max_memory, node_info.memory * 1024);
    assert_eq!((node_info.cpus, node_info.memory), (2, 2 * 1024 * 1024));
    assert!(!limits.kvm && !limits.uefi);
    assert_eq!(
        w.memory.adjustment().upper() as u64,
        node_info.memory / 1024
    );
    assert_eq!(w.vcpus.adjustment().upper() as u32, node_info.cpus);

    // Debian 11: within the host's limits, libosinfo's values as they are.
    let deb = "http://debian.org/debian/11";
    let (ram, cpus, disk) = recommended(deb).expect("Debian 11 in osinfo-db");
    assert!(nv.select_os(deb), "Debian 11 is offered");
    settle(50);
    assert_eq!(w.memory.value() as u64 * MIB, ram.expect("ram"));
    assert_eq!(w.vcpus.value() as u64, cpus.unwrap_or(1));
    let size = w.disk_size.value() as u64
        * if w.disk_unit.selected() == 1 {
            1024 * MIB
        } else {
            MIB
        };
    assert_eq!(size, disk.expect("storage"));
    assert_eq!(nv.plan().os_id.as_deref(), Some(deb));

    // An OS that recommends more memory than the host has: clamped to the host.
    let big = nv
        .oses()
        .into_iter()
        .filter_map(|o| {
            recommended(&o.id)
                .and_then(|(r, _, _)| r)
                .map(|r| (r, o.id))
        })
        .filter(|(r, _)| *r > limits.max_memory)
        .max()
        .expect("some OS recommends more than the test host's memory");
    assert!(nv.select_os(&big.1));
    settle(50);
    assert_eq!(
        w.memory.value() as u64 * MIB,
        limits.max_memory,
        "{}",
        big.1
    );

    // The generic entry: generic defaults, no libosinfo metadata.
    w.os.set_selected(0);
    settle(50);
    assert_eq!(nv.plan().os_id, None);
    assert_eq!(w.memory.value() as u64, 1024);

    // An ISO is detected: a tiny image with the Debian 11 netinst volume id.
    let iso = node.with_file_name("debian-11.5.0-amd64-netinst.iso");
    let dir = node.with_file_name("iso-root");
    std::fs::create_dir_all(dir.join("boot")).expect("iso dir");
    // libosinfo wants bootable media: an El Torito entry (its image need not boot).
    std::fs::write(dir.join("boot/boot.bin"), [0u8; 2048]).expect("boot image");
    let made = std::process::Command::new("genisoimage")
        .args([
            "-quiet",
            "-V",
            "Debian 11.5.0 amd64 n",
            "-b",
            "boot/boot.bin",
        ])
        .args(["-no-emul-boot", "-boot-load-size", "4", "-o"])
        .arg(&iso)
        .arg(&dir)
        .status();
    match made {
        Ok(s) if s.success() => {
            w.source.set_selected(0);
            w.iso.set_text(&iso.display().to_string());
            wait_until(20, "the ISO's OS", || {
                w.detected.label().contains("Debian 11")
            });
            assert_eq!(
                nv.plan().os_id.as_deref(),
                Some(deb),
                "detection selects the OS"
            );
            assert_eq!(w.memory.value() as u64 * MIB, ram.expect("ram"));
            w.next.emit_clicked();
            screenshot(&w.window, "new-vm-2-system-detected");
            w.back.emit_clicked();
        }
        other => {
            assert!(
                std::env::var("CI").is_err(),
                "genisoimage failed: {other:?}"
            );
            eprintln!("\n*** SKIPPING ISO detection: genisoimage: {other:?} ***\n");
        }
    }

    // Screenshots of each page, filled in as a user would.
    dark(false);
    w.name.set_text("web-frontend-2");
    w.source.set_selected(3);
    w.kernel.set_text("/var/lib/libvirt/boot/vmlinuz");
    w.initrd.set_text("/var/lib/libvirt/boot/initrd.gz");
    w.cmdline.set_text("console=ttyS0 quiet");
    assert!(nv.select_os("http://libosinfo.org/linux/2022"));
    screenshot(&w.window, "new-vm-1-source");
    w.next.emit_clicked();
    screenshot(&w.window, "new-vm-2-system");
    w.next.emit_clicked();
    screenshot(&w.window, "new-vm-3-storage");
    w.next.emit_clicked();
    assert_eq!(w.stack.visible_child_name().as_deref(), Some("summary"));
    screenshot(&w.window, "new-vm-4-summary");
    // A problem disables Create and is listed.
    w.name.set_text("bad/name");
    w.back.emit_clicked();
    w.next.emit_clicked();
    assert!(!w.next.is_sensitive(), "Create is disabled with a bad name");
    assert!(w.problems.is_visible() && w.problems.label().contains('/'));
    screenshot(&w.window, "new-vm-4-summary-problems");
    dark(true);
    w.name.set_text("web-frontend-2");
    w.back.emit_clicked();
    w.next.emit_clicked();
    screenshot(&w.window, "new-vm-4-summary-dark");
    dark(false);
    w.cancel.emit_clicked();
    settle(100);
    assert!(!w.window.is_visible(), "Cancel closes the assistant");
    app.widget().close();
}
