//! The LibvirtGConfig 5.0.0 additions on the real libvirtd (QEMU driver): a domain built
//! through our typelibs from PyGObject (`tests/python/real_gconfig_v5.py`: audio backend,
//! D-Bus graphics, a firmware feature, a USB disk removable by default) is defined, and
//! the daemon's own XML of it keeps every one of them.

mod common;

use std::process::Command;

#[test]
fn gconfig_5_0_additions_on_the_real_libvirtd() {
    let dir = common::capi_dir();
    if !common::have("/usr/bin/python3", &["-c", "import gi"])
        || !common::have("virsh", &["--version"])
    {
        return;
    }
    let _lock = common::lock_libvirtd();
    if !common::virsh(&["version"]) {
        assert!(
            !common::strict(),
            "libvirtd not reachable at {}",
            common::URI
        );
        eprintln!("skipping: libvirtd not reachable at {}", common::URI);
        return;
    }
    let mut cmd = Command::new("/usr/bin/python3");
    cmd.arg(common::top().join("capi/tests/python/real_gconfig_v5.py"))
        .arg(common::URI);
    common::with_env(&mut cmd, &dir);
    let out = common::run(&mut cmd);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "real_gconfig_v5.py failed:\n{text}");
    assert!(
        text.contains("defined and read back: the 5.0.0 additions kept"),
        "{text}"
    );
}
