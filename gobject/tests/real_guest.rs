//! Against the real libvirtd (`qemu:///system`) and the test guest (TCG).
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{run, send_until, spawn_reader, until};
use gio::prelude::*;
use libvirt_gobject::{Connection, DomainState, MonitorReply};

const URI: &str = "qemu:///system";

/// Every state signal of a full lifecycle, driven by async calls, in order.
#[test]
fn lifecycle_through_async_calls_emits_state_signals_in_order() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let name = "lvg-gobject-lifecycle";
    let removed = Rc::new(RefCell::new(Vec::new()));
    let r = removed.clone();
    conn.connect_domain_removed(move |_, d| r.borrow_mut().push(d.name()));
    let Some((_guard, d)) = common::define_guest(&conn, URI, name) else {
        return;
    };
    assert_eq!(d.state(), DomainState::Shutoff);
    assert!(d.persistent());
    let log = common::record_domain(&d);
    run(80, async {
        d.start_future(0).await.unwrap();
        until(20, || {
            d.state() == DomainState::Running && log.borrow().iter().any(|s| s == "started")
        })
        .await;
        d.suspend_future().await.unwrap();
        until(10, || d.state() == DomainState::Paused).await;
        d.resume_future().await.unwrap();
        until(10, || d.state() == DomainState::Running).await;
        // ACPI power button: the guest's acpid powers it off once booted; press again
        // every second until it reacts.
        let end = Instant::now() + Duration::from_secs(40);
        while d.state() != DomainState::Shutoff {
            // May fail with "not running" when the guest has just powered off.
            let _ = d
                .shutdown_future(virt_sys::VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN)
                .await;
            let t = Instant::now();
            while d.state() != DomainState::Shutoff && t.elapsed() < Duration::from_secs(1) {
                glib::timeout_future(Duration::from_millis(20)).await;
            }
            assert!(
                Instant::now() < end,
                "the guest ignored the ACPI power button"
            );
        }
        d.start_future(0).await.unwrap();
        until(20, || d.state() == DomainState::Running).await;
        d.destroy_future(0).await.unwrap();
        until(10, || d.state() == DomainState::Shutoff).await;
        common::settle(100).await;
        d.delete_future(0).await.unwrap();
        until(10, || removed.borrow().iter().any(|n| n == name)).await;
    });
    // QEMU starts with paused vCPUs and libvirt then runs them: it reports a resume,
    // then the start.
    let boot = ["state=Running", "resumed", "started"];
    let mut want: Vec<&str> = Vec::new();
    want.extend(boot);
    want.extend([
        "state=Paused",
        "suspended",
        "state=Running",
        "resumed",
        "state=Shutoff",
        "stopped",
    ]);
    want.extend(boot);
    want.extend(["state=Shutoff", "stopped"]);
    assert_eq!(*log.borrow(), want);
    assert!(conn.find_domain_by_name(name).is_none());
}

/// Console round trip, screenshot, graphics socket, snapshot, QMP/HMP, schema, taint,
/// bulk stats — one boot of the guest.
#[test]
fn console_screenshot_snapshot_qemu_passthrough_and_stats() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let name = "lvg-gobject-console";
    let Some((_guard, d)) = common::define_guest(&conn, URI, name) else {
        return;
    };
    let qmp_events = Rc::new(RefCell::new(Vec::new()));
    let q = qmp_events.clone();
    d.connect_qmp_event(move |_, ev, _, _, _| q.borrow_mut().push(ev.to_owned()));
    run(80, async {
        d.start_future(0).await.unwrap();
        until(20, || d.state() == DomainState::Running).await;
        assert!(
            !d.tainted(),
            "a fresh guest is not tainted: {:?}",
            d.messages()
        );

        // Serial console: wait for the shell prompt, run a command, read its answer.
        let console = d.open_console_future(None, 0).await.unwrap();
        let seen = spawn_reader(&console);
        send_until(&console, &seen, "\r", "lvg# ", 30).await;
        send_until(&console, &seen, "echo lvg-$((6*7))\r", "lvg-42", 10).await;

        // The guest suspends itself to RAM (S3): `pmsuspended`; waking it: `started::wakeup`.
        let pm = Rc::new(RefCell::new(Vec::new()));
        for sig in ["pmsuspended", "started::wakeup"] {
            let l = pm.clone();
            d.connect_local(sig, false, move |_| {
                l.borrow_mut().push(sig);
                None
            });
        }
        console
            .output_stream()
            .write_all_future(
                b"echo mem > /sys/power/state\r".to_vec(),
                glib::Priority::DEFAULT,
            )
            .await
            .unwrap();
        until(20, || d.state() == DomainState::PmSuspended).await;
        d.wakeup_future(0).await.unwrap();
        until(20, || d.state() == DomainState::Running).await;
        until(5, || pm.borrow().len() == 2).await;
        assert_eq!(*pm.borrow(), ["pmsuspended", "started::wakeup"]);
        send_until(&console, &seen, "echo lvg-$((7*7))\r", "lvg-49", 20).await;

        // Screenshot of the VGA text console: an image (PNG from QEMU 7.2, else PPM) that
        // decodes and is not blank.
        let (mime, bytes) = d.screenshot_future(0).await.unwrap();
        let (w, h, pixels) = match mime.as_str() {
            "image/png" => decode_png(&bytes),
            _ => decode_ppm(&bytes).map(|(w, h, p)| (w, h, p.to_vec())),
        }
        .unwrap_or_else(|| panic!("cannot decode the {mime} screenshot: {} bytes", bytes.len()));
        assert!(w >= 320 && h >= 200, "{w}x{h}");
        let first = &pixels[..3];
        assert!(pixels.chunks(3).any(|p| p != first), "blank screenshot");

        // A socket to the VNC server speaks RFB.
        let sock = d.open_graphics_fd_future(0, 0).await.unwrap();
        sock.set_blocking(true);
        sock.set_timeout(5);
        let mut banner = [0u8; 12];
        let n = sock.receive(&mut banner, gio::Cancellable::NONE).unwrap();
        assert_eq!(&banner[..n.min(4)], b"RFB ");
        let _ = sock.close();

        // The same over a remote (TCP) connection, which cannot pass file descriptors.
        let remote = Connection::new("qemu+tcp://127.0.0.1/system");
        remote.open_future().await.unwrap();
        let rd = remote.find_domain_by_name(name).unwrap();
        assert_eq!(rd.state(), DomainState::Running);
        let sock = rd.open_graphics_fd_future(0, 0).await.unwrap();
        sock.set_blocking(true);
        sock.set_timeout(5);
        let n = sock.receive(&mut banner, gio::Cancellable::NONE).unwrap();
        assert_eq!(&banner[..n.min(4)], b"RFB ");
        let _ = sock.close();
        remote.close_future().await.unwrap();

        // Snapshot: create, revert, delete.
        let snap = d
            .create_snapshot_future(Some("<domainsnapshot><name>s1</name></domainsnapshot>"), 0)
            .await
            .unwrap();
        assert_eq!(
            d.snapshots_future(0)
                .await
                .unwrap()
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>(),
            ["s1"]
        );
        snap.revert_future(0).await.unwrap();
        until(10, || d.state() == DomainState::Running).await;
        snap.delete_future(0).await.unwrap();
        assert!(d.snapshots_future(0).await.unwrap().is_empty());

        // QMP and HMP.
        let status = d
            .qemu_monitor_command_future(r#"{"execute":"query-status"}"#, false)
            .await
            .unwrap();
        assert_eq!(status.json().unwrap()["status"], "running", "{status:?}");
        let cpus = d
            .qemu_monitor_command_future("info cpus", true)
            .await
            .unwrap();
        assert!(
            matches!(&cpus, MonitorReply::Text(t) if t.contains("CPU #0")),
            "{cpus:?}"
        );
        let err = d
            .qemu_monitor_command_future(r#"{"execute":"no-such-command"}"#, false)
            .await
            .unwrap_err();
        assert!(err.message().contains("QMP error"), "{err}");

        // The schema model.
        let schema = d.qmp_schema_future().await.unwrap();
        assert!(schema.has_command("query-status"));
        assert!(!schema.has_command("no-such-command"));
        assert!(schema.has_argument_of_type("screendump", "filename", "str"));
        assert!(!schema.has_argument("screendump", "no-such-arg"));
        if schema.has_argument("screendump", "format") {
            assert!(schema
                .argument_enum_values("screendump", "format")
                .unwrap()
                .contains(&"ppm".to_owned()));
        }

        // libvirt tainted the domain: the property says so.
        assert!(d.tainted(), "{:?}", d.messages());
        assert!(
            d.messages().iter().any(|m| m.contains("custom monitor")),
            "{:?}",
            d.messages()
        );

        // QMP events arrive as signals.
        d.suspend_future().await.unwrap();
        until(10, || qmp_events.borrow().iter().any(|e| e == "STOP")).await;
        d.resume_future().await.unwrap();
        until(10, || qmp_events.borrow().iter().any(|e| e == "RESUME")).await;

        // Bulk stats: one call for all domains.
        let stats = conn
            .domain_stats_future(libvirt_gobject::stats::groups::ALL, 0)
            .await
            .unwrap();
        let s = stats.iter().find(|s| s.name == name).unwrap();
        assert_eq!(s.get_i64("state.state"), Some(1));
        assert!(s.get_u64("cpu.time").unwrap() > 0);
        assert!(s.get_u64("balloon.current").unwrap() > 0);
        assert_eq!(s.get_u64("vcpu.current"), Some(1));
        assert_eq!(
            s.fields.get("block.0.name"),
            Some(&libvirt_gobject::StatValue::String("vda".into()))
        );
        let disk = d.disk_stats_future("vda").await.unwrap();
        assert!(disk.rd_req >= 0);

        // Hot-plug a NIC: `device-added` / `device-removed` with its alias.
        let devs = Rc::new(RefCell::new(Vec::new()));
        for sig in ["device-added", "device-removed"] {
            let l = devs.clone();
            d.connect_local(sig, false, move |v| {
                l.borrow_mut()
                    .push(format!("{sig} {}", v[1].get::<String>().unwrap()));
                None
            });
        }
        let nic = "<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface>";
        d.attach_device_future(nic, virt_sys::VIR_DOMAIN_AFFECT_LIVE)
            .await
            .unwrap();
        until(10, || devs.borrow().len() == 1).await;
        d.detach_device_future(nic, virt_sys::VIR_DOMAIN_AFFECT_LIVE)
            .await
            .unwrap();
        until(10, || devs.borrow().len() == 2).await;
        assert_eq!(*devs.borrow(), ["device-added net0", "device-removed net0"]);
        assert!(conn
            .domain_capabilities_future(None, None, None, Some("qemu"), 0)
            .await
            .unwrap()
            .contains("<domainCapabilities>"));

        // A reset from the monitor: libvirt's reboot event becomes `rebooted`.
        let rebooted = Rc::new(std::cell::Cell::new(false));
        let rb = rebooted.clone();
        d.connect_local("rebooted", false, move |_| {
            rb.set(true);
            None
        });
        d.qemu_monitor_command_future(r#"{"execute":"system_reset"}"#, false)
            .await
            .unwrap();
        until(10, || rebooted.get()).await;

        let _ = console.close_future(glib::Priority::DEFAULT).await;
        d.destroy_future(0).await.unwrap();
        until(10, || d.state() == DomainState::Shutoff).await;
    });
}

/// Decodes a PNG to 8-bit RGB: width, height and the pixel bytes.
fn decode_png(b: &[u8]) -> Option<(usize, usize, Vec<u8>)> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(b));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    buf.truncate(info.buffer_size());
    let px = match info.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g]).collect(),
        _ => return None,
    };
    Some((info.width as usize, info.height as usize, px))
}

/// Parses a binary PPM (P6, maxval 255): width, height and the RGB bytes.
fn decode_ppm(b: &[u8]) -> Option<(usize, usize, &[u8])> {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) == Some(&b'#') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&b[start..i]).ok()?);
    }
    if fields[0] != "P6" || fields[3] != "255" {
        return None;
    }
    let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let data = &b[i + 1..];
    (data.len() == w * h * 3).then_some((w, h, data))
}
