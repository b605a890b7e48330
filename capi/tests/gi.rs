//! The PyGObject suite (capi/tests/python/test_gi.py) on our typelibs and library, with
//! G_DEBUG=fatal-criticals, against libvirt's test driver.

mod common;

use std::process::Command;

#[test]
fn pygobject_suite() {
    let dir = common::capi_dir();
    if !common::have("/usr/bin/python3", &["-c", "import gi"]) {
        return;
    }
    let mut cmd = Command::new("/usr/bin/python3");
    cmd.arg(common::top().join("capi/tests/python/test_gi.py"));
    common::with_env(&mut cmd, &dir);
    let out = common::run(&mut cmd);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "PyGObject suite failed");
    assert!(text.contains(" passed, 0 failed"), "no summary line");
    // Our typelibs were the ones loaded, not the C library's.
    let mut check = Command::new("/usr/bin/python3");
    check.args([
        "-c",
        "import gi; gi.require_version('LibvirtGObject', '1.0'); \
         from gi.repository import GIRepository; \
         r = GIRepository.Repository.get_default(); r.require('LibvirtGObject', '1.0', 0); \
         print(r.get_typelib_path('LibvirtGObject')); print(r.get_shared_library('LibvirtGObject'))",
    ]);
    common::with_env(&mut check, &dir);
    let out = common::run(&mut check);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&dir.join("girepository-1.0").display().to_string()),
        "the typelib came from elsewhere: {text}"
    );
}
