//! Debian's virt-manager 4.1, unchanged, on our LibvirtGLib typelib and library: it calls
//! `LibvirtGLib.init(None)` and `LibvirtGLib.event_register()`, so every libvirt event it
//! sees comes through our event loop. Under Xvfb, connected to the real libvirtd, it must
//! list the test guest, and a `virsh start` / `virsh destroy` must reach it as lifecycle
//! events (its debug log) and show in its window (screenshots in target/screenshots/).

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{display, virsh, wait_log};

const NAME: &str = "capi-virt-manager-smoke";

#[test]
fn virt_manager_runs_on_our_libvirt_glib() {
    let dir = common::capi_dir();
    if !common::have("virt-manager", &["--version"]) || !common::have("virsh", &["--version"]) {
        return;
    }
    let Some(guest) = common::define_guest(NAME) else {
        return;
    };

    let (display, xvfb) = display();
    let home = std::env::temp_dir().join(format!("capi-vmm-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("home");
    let log = home.join("virt-manager.log");
    let mut cmd = Command::new("virt-manager");
    cmd.args(["--no-fork", "--debug", "--connect", common::URI])
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
    let _a11y = common::PeerA11y::new(&mut cmd, &display, &home);
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
        let shot = common::screenshot(&display, "virt-manager-guest-shutoff.png");
        println!("screenshot: {}", shot.display());

        let event = format!("domain lifecycle event: domain={NAME} ");
        assert!(virsh(&["start", NAME]), "virsh start");
        wait_log(&log, &format!("{event}state=VIR_DOMAIN_EVENT_STARTED"), 60);
        std::thread::sleep(Duration::from_secs(3));
        let shot = common::screenshot(&display, "virt-manager-guest-running.png");
        println!("screenshot: {}", shot.display());

        assert!(virsh(&["destroy", NAME]), "virsh destroy");
        wait_log(&log, &format!("{event}state=VIR_DOMAIN_EVENT_STOPPED"), 60);
        std::thread::sleep(Duration::from_secs(2));
        let shot = common::screenshot(&display, "virt-manager-guest-stopped.png");
        println!("screenshot: {}", shot.display());
    });
    let _ = vmm.kill();
    let _ = vmm.wait();
    if let Some(mut x) = xvfb {
        let _ = x.kill();
        let _ = x.wait();
    }
    drop(guest);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
