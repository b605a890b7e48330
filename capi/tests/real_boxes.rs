//! Debian's compiled GNOME Boxes 43, unchanged, with our libraries first on
//! LD_LIBRARY_PATH. It links 266 versioned `gvir_` symbols and binds them all at start
//! (BIND_NOW): every LibvirtGLib/LibvirtGObject one must resolve to ours with the C
//! library's version. While LibvirtGConfig is being filled in, the test checks that the
//! only symbols still missing are `gvir_config_*` ones and that Boxes stops exactly there;
//! once none is missing it must start and stay up (screenshot in target/screenshots/).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BOXES: &str = "/usr/bin/gnome-boxes";

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
    let mut missing = Vec::new();
    for (sym, ver) in &needed {
        match ours.get(sym) {
            Some(v) => assert_eq!(v, ver, "{sym}: version node"),
            None => missing.push(sym.clone()),
        }
    }
    let not_config: Vec<_> = missing
        .iter()
        .filter(|s| !s.starts_with("gvir_config_"))
        .collect();
    assert!(
        not_config.is_empty(),
        "LibvirtGLib/LibvirtGObject symbols Boxes needs: {not_config:?}"
    );
    println!(
        "Boxes links {} gvir_ symbols: {} resolve to ours, {} LibvirtGConfig ones are not implemented yet",
        needed.len(),
        needed.len() - missing.len(),
        missing.len()
    );

    // Run it under a display with a session bus.
    let display = std::env::var("DISPLAY").unwrap_or_default();
    if display.is_empty() || !common::have("dbus-run-session", &["--version"]) {
        assert!(
            !common::strict(),
            "a display (scripts/test.sh starts Xvfb) and dbus are required"
        );
        return;
    }
    let home = std::env::temp_dir().join(format!("capi-boxes-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let log = home.join("boxes.log");
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", BOXES])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("GDK_BACKEND", "x11")
        .stdout(std::fs::File::create(&log).expect("log"))
        .stderr(Stdio::from(
            std::fs::File::options()
                .append(true)
                .open(&log)
                .expect("log"),
        ));
    common::with_env(&mut cmd, &dir);
    cmd.env_remove("G_DEBUG");
    let mut child = cmd.spawn().expect("start gnome-boxes");
    let t = Instant::now();
    let mut exited = None;
    while t.elapsed() < Duration::from_secs(20) {
        if let Ok(Some(st)) = child.try_wait() {
            exited = Some(st);
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    common::screenshot(&display, "gnome-boxes.png");
    let _ = child.kill();
    let _ = child.wait();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    println!("Boxes' output:\n{text}");
    if missing.is_empty() {
        assert!(exited.is_none(), "Boxes exited early ({exited:?}):\n{text}");
        assert!(!text.contains("symbol lookup error"), "{text}");
    } else {
        // It got through every LibvirtGLib/LibvirtGObject symbol and stopped at the first
        // unimplemented LibvirtGConfig one.
        assert!(
            exited.is_some(),
            "Boxes ran although {} symbols are missing",
            missing.len()
        );
        let stop = text
            .lines()
            .find(|l| l.contains("undefined symbol: "))
            .unwrap_or_else(|| panic!("Boxes failed for another reason:\n{text}"));
        assert!(
            missing
                .iter()
                .any(|m| stop.contains(&format!("undefined symbol: {m},"))),
            "unexpected stop: {stop}"
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}
