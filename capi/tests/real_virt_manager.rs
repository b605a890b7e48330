//! Debian's virt-manager 4.1, unchanged, on our LibvirtGLib typelib and library: it calls
//! `LibvirtGLib.init(None)` and `LibvirtGLib.event_register()`, so every libvirt event it
//! sees comes through our event loop. Under Xvfb, connected to the real libvirtd, it must
//! list the test guest, and a `virsh start` / `virsh destroy` must reach it as lifecycle
//! events (its debug log) and show in its window (screenshots in target/screenshots/).

mod common;
#[allow(unused_imports)]
#[path = "../../gobject/tests/common/mod.rs"]
mod guest;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const URI: &str = "qemu:///system";
const NAME: &str = "capi-virt-manager-smoke";

/// Serialises the tests that drive the shared real libvirtd (/tmp/real-libvirtd.lock).
/// A daemon started under `flock` inherits the lock and holds it for its lifetime, so
/// after 20 seconds this goes ahead without it (the guest's name is unique to this test).
fn lock_libvirtd() -> std::fs::File {
    let f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open("/tmp/real-libvirtd.lock")
        .expect("lock file");
    let t = Instant::now();
    // SAFETY: a valid fd for the call.
    while unsafe {
        libc::flock(
            std::os::fd::AsRawFd::as_raw_fd(&f),
            libc::LOCK_EX | libc::LOCK_NB,
        )
    } != 0
    {
        if t.elapsed() > Duration::from_secs(20) {
            eprintln!("warning: /tmp/real-libvirtd.lock is still held; going ahead");
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    f
}

/// A display: the suite's Xvfb ($DISPLAY) or one started here.
fn display() -> (String, Option<Child>) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (d, None);
        }
    }
    for n in 130..160 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            || Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
            continue;
        }
        let child = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb");
        let t = Instant::now();
        while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            && t.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(100));
        }
        return (format!(":{n}"), Some(child));
    }
    panic!("no free X display number");
}

fn screenshot(display: &str, name: &str) -> PathBuf {
    let dir = common::top().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let path = dir.join(name);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "xwd -root -display {display} | convert xwd:- {}",
            path.display()
        ))
        .status()
        .expect("xwd");
    assert!(status.success(), "screenshot failed");
    path
}

fn virsh(args: &[&str]) -> bool {
    Command::new("virsh")
        .args(["-c", URI])
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// Waits until the log file contains `needle` (virt-manager's --debug log).
fn wait_log(log: &Path, needle: &str, secs: u64) -> String {
    let t = Instant::now();
    loop {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(log) {
            let _ = f.read_to_string(&mut text);
        }
        if text.contains(needle) {
            return text;
        }
        assert!(
            t.elapsed() < Duration::from_secs(secs),
            "no {needle:?} in virt-manager's log:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn virt_manager_runs_on_our_libvirt_glib() {
    let dir = common::capi_dir();
    if !common::have("virt-manager", &["--version"]) || !common::have("virsh", &["--version"]) {
        return;
    }
    let Some((xml, disk)) = guest::guest_xml(NAME) else {
        return;
    };
    let _lock = lock_libvirtd();
    let cleanup = guest::Cleanup {
        uri: URI,
        name: NAME.into(),
        disk: Some(disk),
    };
    cleanup.sweep();
    let xml_path = std::env::temp_dir().join(format!("{NAME}-{}.xml", std::process::id()));
    std::fs::write(&xml_path, xml).expect("write xml");
    if !virsh(&["define", &xml_path.display().to_string()]) {
        assert!(!common::strict(), "cannot define the guest on {URI}");
        eprintln!("skipping: libvirtd not reachable at {URI}");
        return;
    }

    let (display, xvfb) = display();
    let home = std::env::temp_dir().join(format!("capi-vmm-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let log = home.join("virt-manager.log");
    let mut cmd = Command::new("virt-manager");
    cmd.args(["--no-fork", "--debug", "--connect", URI])
        .env("DISPLAY", &display)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("GDK_BACKEND", "x11")
        .stdout(std::fs::File::create(&log).expect("log"))
        .stderr(Stdio::from(
            std::fs::File::options()
                .append(true)
                .open(&log)
                .expect("log"),
        ));
    common::with_env(&mut cmd, &dir);
    cmd.env_remove("G_DEBUG"); // virt-manager's own GTK warnings are not ours to judge
    let mut vmm = cmd.spawn().expect("start virt-manager");

    let result = std::panic::catch_unwind(|| {
        // virt-manager loaded our typelib and our library, not the C library.
        wait_log(&log, "Using domain events", 60);
        let maps = std::fs::read_to_string(format!("/proc/{}/maps", vmm.id())).unwrap_or_default();
        let ours = dir.join("lib/libvirt-glib-1.0.so.0").display().to_string();
        assert!(maps.contains(&ours), "virt-manager did not map {ours}");
        assert!(
            !maps.contains("/usr/lib/x86_64-linux-gnu/libvirt-glib-1.0.so"),
            "the C library is loaded too"
        );

        wait_log(&log, &format!("domain={NAME}"), 30);
        std::thread::sleep(Duration::from_secs(2));
        let shot = screenshot(&display, "virt-manager-guest-shutoff.png");
        println!("screenshot: {}", shot.display());

        let event = format!("domain lifecycle event: domain={NAME} ");
        assert!(virsh(&["start", NAME]), "virsh start");
        wait_log(&log, &format!("{event}state=VIR_DOMAIN_EVENT_STARTED"), 60);
        std::thread::sleep(Duration::from_secs(3));
        let shot = screenshot(&display, "virt-manager-guest-running.png");
        println!("screenshot: {}", shot.display());

        assert!(virsh(&["destroy", NAME]), "virsh destroy");
        wait_log(&log, &format!("{event}state=VIR_DOMAIN_EVENT_STOPPED"), 60);
        std::thread::sleep(Duration::from_secs(2));
        let shot = screenshot(&display, "virt-manager-guest-stopped.png");
        println!("screenshot: {}", shot.display());
    });
    let _ = vmm.kill();
    let _ = vmm.wait();
    if let Some(mut x) = xvfb {
        let _ = x.kill();
        let _ = x.wait();
    }
    let _ = std::fs::remove_file(&xml_path);
    drop(cleanup);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
