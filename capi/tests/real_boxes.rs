//! Debian's compiled GNOME Boxes 43, unchanged, with our libraries first on
//! LD_LIBRARY_PATH. It links 266 versioned `gvir_` symbols and binds them all at start
//! (BIND_NOW): every one must resolve to ours with the C library's version node. Then,
//! under Xvfb with a session bus of its own, Boxes must start, map our library (not the C
//! library), list the test guest this test defines on the real libvirtd (its debug log:
//! "new libvirt machine: NAME") and stay up, with no critical warning; screenshots of its
//! window go to target/screenshots/gnome-boxes*.png.
//!
//! Boxes opens `qemu:///session`; run as root, libvirt serves that URI from the system
//! daemon, so Boxes lists the system's domains (those of other tests too) and creates its
//! `gnome-boxes` storage pool there, which this test removes again.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{display, virsh, wait_log};

const BOXES: &str = "/usr/bin/gnome-boxes";
const NAME: &str = "capi-boxes-listed";

/// The processes of process group `pgid` named `comm`.
fn group_members(pgid: u32, comm: &str) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // pid (comm) state ppid pgrp ...
            let Some((head, tail)) = stat.rsplit_once(") ") else {
                return false;
            };
            let name = head.split_once(" (").map_or("", |(_, n)| n);
            let pgrp = tail
                .split_whitespace()
                .nth(2)
                .and_then(|p| p.parse::<u32>().ok());
            name == comm && pgrp == Some(pgid)
        })
        .collect()
}

/// Ends the whole process group of `child` (dbus-run-session, its bus, Boxes and the
/// helpers they started).
fn stop_group(child: &mut Child) {
    let pgid = child.id() as i32;
    // SAFETY: signals to the process group this test created.
    unsafe { libc::kill(-pgid, libc::SIGTERM) };
    for _ in 0..20 {
        if matches!(child.try_wait(), Ok(Some(_))) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // SAFETY: as above; whatever ignored SIGTERM.
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
    let _ = child.wait();
}

/// Removes the `gnome-boxes` storage pool Boxes defined under `home` (and only that one).
fn remove_boxes_pool(home: &Path) {
    let out = Command::new("virsh")
        .args(["-c", common::URI, "pool-dumpxml", "gnome-boxes"])
        .output();
    let xml = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if xml.is_ok_and(|x| x.contains(&home.display().to_string())) {
        virsh(&["pool-destroy", "gnome-boxes"]);
        virsh(&["pool-undefine", "gnome-boxes"]);
    }
}

/// Closes Boxes' first-run "Welcome Tutorial" window and switches the main window to
/// the list view (its names and states), when xdotool is there to do it.
fn tidy_window(display: &str) {
    let xdo = |args: &[&str]| -> String {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    for w in xdo(&["search", "--onlyvisible", "--name", "Welcome Tutorial"]).lines() {
        xdo(&["windowfocus", w, "key", "--window", w, "Escape"]);
    }
    // The tutorial closes on the key press: the release may find no window and leave
    // Escape held down on the display, repeating into whatever opens next.
    xdo(&["keyup", "Escape"]);
    std::thread::sleep(Duration::from_millis(500));
    if let Some(w) = xdo(&["search", "--onlyvisible", "--name", "^Boxes$"])
        .lines()
        .next()
    {
        xdo(&["windowsize", w, "1200", "780"]);
        std::thread::sleep(Duration::from_millis(500));
        // The header bar's list/grid toggle, left of the menu button.
        xdo(&["mousemove", "--window", w, "1007", "21", "click", "1"]);
    }
    std::thread::sleep(Duration::from_secs(2));
}

#[test]
fn gnome_boxes_binary_on_our_libraries() {
    let dir = common::capi_dir();
    if !Path::new(BOXES).exists() {
        assert!(
            !common::strict(),
            "gnome-boxes is required (install-deps.sh --with-peers)"
        );
        eprintln!("skipping: no {BOXES}");
        return;
    }
    let needed = common::gvir_symbols(Path::new(BOXES), true);
    assert!(
        needed.len() >= 250,
        "Boxes links only {} gvir_ symbols?",
        needed.len()
    );
    let ours = common::gvir_symbols(&dir.join("lib/libvirt-glib-1.0.so.0"), false);
    let missing: Vec<_> = needed.keys().filter(|s| !ours.contains_key(*s)).collect();
    assert!(missing.is_empty(), "symbols Boxes needs: {missing:?}");
    for (sym, ver) in &needed {
        assert_eq!(&ours[sym], ver, "{sym}: version node");
    }
    println!(
        "Boxes links {} gvir_ symbols: all resolve to ours",
        needed.len()
    );

    if !common::have("dbus-run-session", &["--version"]) || !common::have("virsh", &["--version"]) {
        return;
    }
    let Some(guest) = common::define_guest(NAME) else {
        return;
    };

    let (display, xvfb) = display();
    let home = std::env::temp_dir().join(format!("capi-boxes-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let log = home.join("boxes.log");
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", BOXES])
        .env("DISPLAY", &display)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("GDK_BACKEND", "x11")
        .env("G_MESSAGES_DEBUG", "Boxes")
        .process_group(0)
        .stdout(std::fs::File::create(&log).expect("log"))
        .stderr(Stdio::from(
            std::fs::File::options()
                .append(true)
                .open(&log)
                .expect("log"),
        ));
    common::with_env(&mut cmd, &dir);
    cmd.env_remove("G_DEBUG"); // criticals are checked in the log below
    let _a11y = common::PeerA11y::new(&mut cmd, &display, &home);
    let mut child = cmd.spawn().expect("start gnome-boxes");

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Boxes lists the guest: it went through gvir_connection_fetch_domains, the
        // domain's config, info and devices, all ours.
        let text = wait_log(&log, &format!("new libvirt machine: {NAME}"), 120);
        let boxes = group_members(child.id(), "gnome-boxes");
        assert_eq!(boxes.len(), 1, "gnome-boxes processes: {boxes:?}");
        let maps = std::fs::read_to_string(format!("/proc/{}/maps", boxes[0])).unwrap_or_default();
        for lib in ["glib", "gconfig", "gobject"] {
            let ours = dir.join(format!("lib/libvirt-{lib}-1.0.so.0"));
            assert!(
                maps.contains(&ours.display().to_string()),
                "Boxes did not map {}",
                ours.display()
            );
        }
        assert!(
            !maps.contains("/usr/lib/x86_64-linux-gnu/libvirt-gconfig-1.0.so")
                && !maps.contains("/usr/lib/x86_64-linux-gnu/libvirt-glib-1.0.so"),
            "the C library is loaded too"
        );
        assert!(!text.contains("symbol lookup error"), "{text}");

        std::thread::sleep(Duration::from_secs(2));
        let shot = common::screenshot(&display, "gnome-boxes-start.png");
        println!("screenshot: {}", shot.display());
        if common::have("xdotool", &["version"]) {
            tidy_window(&display);
        }
        let shot = common::screenshot(&display, "gnome-boxes.png");
        println!("screenshot: {}", shot.display());

        assert!(
            matches!(child.try_wait(), Ok(None)),
            "Boxes exited:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let criticals: Vec<&str> = text.lines().filter(|l| l.contains("CRITICAL")).collect();
        assert!(criticals.is_empty(), "critical warnings:\n{text}");
        println!(
            "Boxes' log:\n{}",
            text.lines()
                .filter(|l| l.contains("Boxes-"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }));
    stop_group(&mut child);
    if let Some(mut x) = xvfb {
        let _ = x.kill();
        let _ = x.wait();
    }
    remove_boxes_pool(&home);
    drop(guest);
    let _ = std::fs::remove_dir_all(&home);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
