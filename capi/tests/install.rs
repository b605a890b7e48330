//! scripts/install-capi.sh into a DESTDIR: the Debian locations, .pc files that build a C
//! program against the staged tree, and --uninstall removing every file it installed.

mod common;

use std::process::Command;

#[test]
fn install_to_destdir_and_uninstall() {
    let dir = common::capi_dir();
    let stage = std::env::temp_dir().join(format!("capi-stage-{}", std::process::id()));
    let script = common::top().join("scripts/install-capi.sh");
    let install = |extra: &[&str]| {
        let st = Command::new("bash")
            .arg(&script)
            .args(extra)
            .env("DESTDIR", &stage)
            .env("PREFIX", "/usr")
            .env("CAPI_DIR", &dir)
            .status()
            .expect("install-capi.sh");
        assert!(st.success(), "install-capi.sh {extra:?} failed");
    };
    install(&[]);
    let usr = stage.join("usr");
    for f in [
        "lib/x86_64-linux-gnu/libvirt-glib-1.0.so.0",
        "lib/x86_64-linux-gnu/libvirt-gobject-1.0.so",
        "lib/x86_64-linux-gnu/pkgconfig/libvirt-gconfig-1.0.pc",
        "lib/x86_64-linux-gnu/girepository-1.0/LibvirtGObject-1.0.typelib",
        "include/libvirt-glib-1.0/libvirt-glib/libvirt-glib.h",
        "include/libvirt-gobject-1.0/libvirt-gobject/libvirt-gobject.h",
        "include/libvirt-gconfig-1.0/libvirt-gconfig/libvirt-gconfig.h",
        "share/gir-1.0/LibvirtGLib-1.0.gir",
        "share/vala/vapi/libvirt-gobject-1.0.vapi",
    ] {
        assert!(usr.join(f).exists(), "{f} not installed");
    }
    // A C program builds against the staged tree through its .pc files (their prefix
    // moved into the stage).
    let pc = stage.join("pc");
    std::fs::create_dir_all(&pc).expect("pc dir");
    for ns in ["glib", "gconfig", "gobject"] {
        let name = format!("libvirt-{ns}-1.0.pc");
        let staged = usr.join("lib/x86_64-linux-gnu/pkgconfig").join(&name);
        let text = std::fs::read_to_string(staged).expect("pc");
        assert!(text.contains("prefix=/usr\n"), "{name}: {text}");
        let text = text.replace("prefix=/usr\n", &format!("prefix={}\n", usr.display()));
        std::fs::write(pc.join(&name), text).expect("write pc");
    }
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libvirt-gobject-1.0"])
        .env("PKG_CONFIG_PATH", &pc)
        .output()
        .expect("pkg-config");
    let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
    assert!(flags.contains(&stage.display().to_string()), "{flags}");
    let exe = stage.join("prog");
    let mut cc = Command::new("cc");
    cc.arg("-o")
        .arg(&exe)
        .arg(common::top().join("capi/tests/c/gobject_sync.c"))
        .args(flags.split_whitespace());
    assert!(
        common::run(&mut cc).status.success(),
        "building against the staged tree"
    );

    let _ = std::fs::remove_dir_all(&pc);
    let _ = std::fs::remove_file(&exe);
    install(&["--uninstall"]);
    let left: Vec<_> = walk(&usr)
        .into_iter()
        .filter(|p| p.is_file() || p.is_symlink())
        .collect();
    assert!(left.is_empty(), "left after --uninstall: {left:?}");
    let _ = std::fs::remove_dir_all(&stage);
}

fn walk(p: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() && !path.is_symlink() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}
