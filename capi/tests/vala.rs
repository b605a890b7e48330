//! A Vala program (capi/tests/vala/smoke.vala) compiled with
//! `valac --pkg libvirt-gobject-1.0` against our VAPIs, headers and .pc files, using
//! `yield conn.open_async()` and friends, run against our libraries.

mod common;

use std::process::Command;

#[test]
fn vala_program_on_our_vapis() {
    let dir = common::capi_dir();
    if !common::have("valac", &["--version"]) {
        return;
    }
    let tmp = std::env::temp_dir().join(format!("capi-vala-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let exe = tmp.join("smoke");
    let mut valac = Command::new("valac");
    valac
        .arg("--vapidir")
        .arg(dir.join("vala/vapi"))
        .args(["--pkg", "libvirt-gobject-1.0", "-o"])
        .arg(&exe)
        .arg(common::top().join("capi/tests/vala/smoke.vala"))
        .current_dir(&tmp);
    common::with_env(&mut valac, &dir);
    assert!(common::run(&mut valac).status.success(), "valac failed");

    // Linked against our library (the C library is installed too).
    let ldd = Command::new("ldd")
        .arg(&exe)
        .env("LD_LIBRARY_PATH", dir.join("lib"))
        .output()
        .expect("ldd");
    let ldd = String::from_utf8_lossy(&ldd.stdout);
    assert!(
        ldd.contains(&dir.join("lib/libvirt-glib-1.0.so.0").display().to_string()),
        "{ldd}"
    );

    let mut run = Command::new(&exe);
    common::with_env(&mut run, &dir);
    let out = common::run(&mut run);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the Vala program failed");
    for line in [
        "domain test",
        "state GVIR_DOMAIN_STATE_RUNNING memory 2097152",
        "config name test",
        "domain-added vala-dom",
        "started vala-dom: GVIR_DOMAIN_STATE_RUNNING",
        "open failed as expected: gvir-error-quark",
        "5.0: <audio type=\"pulseaudio\"/> unix:path=/tmp/vala.sock true",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    assert!(!text.contains("error:"), "{text}");
    let _ = std::fs::remove_dir_all(&tmp);
}
