//! The installed headers' function declarations and the real library's exported symbols
//! agree exactly, each symbol carries the C library's version node, and the thin
//! libraries define the version nodes their users need.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

/// Function names declared in the headers under `include/` (comments stripped).
fn declared(dir: &std::path::Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for sub in ["libvirt-glib", "libvirt-gconfig", "libvirt-gobject"] {
        for entry in std::fs::read_dir(dir.join("include").join(sub)).expect("headers") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
            let mut code = String::new();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("/*") {
                code.push_str(&rest[..i]);
                rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
            }
            code.push_str(rest);
            for line in code.lines().filter(|l| !l.trim_start().starts_with('#')) {
                if let Some(i) = line.find("gvir_") {
                    let name: String = line[i..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if line[i + name.len()..].trim_start().starts_with('(') && !line.contains("(*")
                    {
                        out.insert(name);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn headers_and_exports_agree() {
    let dir = common::capi_dir();
    let decl = declared(&dir);
    let exp = common::gvir_symbols(&dir.join("lib/libvirt-glib-1.0.so.0"), false);
    let exp_names: BTreeSet<String> = exp.keys().cloned().collect();
    let missing: Vec<_> = decl.difference(&exp_names).collect();
    let extra: Vec<_> = exp_names.difference(&decl).collect();
    assert!(missing.is_empty(), "declared but not exported: {missing:?}");
    assert!(extra.is_empty(), "exported but not declared: {extra:?}");
    assert!(decl.len() > 250, "only {} declarations", decl.len());

    // Every symbol the C library exports that we export has its version node.
    let mut checked = 0;
    for lib in [
        "libvirt-glib-1.0.so.0",
        "libvirt-gobject-1.0.so.0",
        "libvirt-gconfig-1.0.so.0",
    ] {
        let c = common::gvir_symbols(
            &std::path::Path::new("/usr/lib/x86_64-linux-gnu").join(lib),
            false,
        );
        for (sym, ver) in &c {
            if let Some(ours) = exp.get(sym) {
                assert_eq!(ours, ver, "{sym}: version node");
                checked += 1;
            }
        }
    }
    assert!(
        checked > 250,
        "only {checked} symbols compared with the C library"
    );

    // What 5.0.0 added (LibvirtGConfig; the C library here is 4.0.0): its node, as
    // upstream's libvirt-gconfig.sym has it.
    let v5: Vec<_> = exp
        .iter()
        .filter(|(_, v)| v.as_str() == "LIBVIRT_GCONFIG_5.0.0")
        .map(|(s, _)| s.as_str())
        .collect();
    for sym in [
        "gvir_config_domain_audio_backend_get_type",
        "gvir_config_domain_audio_get_type",
        "gvir_config_domain_audio_new",
        "gvir_config_domain_audio_new_from_xml",
        "gvir_config_domain_audio_set_backend",
        "gvir_config_domain_audio_set_server_name",
        "gvir_config_domain_graphics_dbus_get_address",
        "gvir_config_domain_graphics_dbus_set_address",
        "gvir_config_domain_graphics_dbus_set_gl",
        "gvir_config_domain_graphics_dbus_get_type",
        "gvir_config_domain_graphics_dbus_new",
        "gvir_config_domain_graphics_dbus_new_from_xml",
        "gvir_config_domain_os_enable_firmware_feature",
    ] {
        assert!(
            v5.contains(&sym),
            "{sym} is not in LIBVIRT_GCONFIG_5.0.0: {v5:?}"
        );
    }
    assert_eq!(v5.len(), 13, "LIBVIRT_GCONFIG_5.0.0: {v5:?}");

    // The thin libraries define the version nodes and need the real library.
    for (lib, prefix) in [
        ("libvirt-gobject-1.0.so.0", "LIBVIRT_GOBJECT_"),
        ("libvirt-gconfig-1.0.so.0", "LIBVIRT_GCONFIG_"),
    ] {
        let out = Command::new("objdump")
            .arg("-p")
            .arg(dir.join("lib").join(lib))
            .output()
            .expect("objdump");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("NEEDED               libvirt-glib-1.0.so.0"),
            "{lib}: {text}"
        );
        assert!(
            text.contains(&format!("SONAME               {lib}")),
            "{lib}: no SONAME"
        );
        let nodes: BTreeSet<&str> = exp
            .values()
            .filter(|v| v.starts_with(prefix))
            .map(String::as_str)
            .collect();
        for node in nodes {
            assert!(text.contains(node), "{lib} does not define {node}");
        }
    }
}
