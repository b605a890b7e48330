//! The installed headers' function declarations and the real library's exported symbols
//! agree exactly, each symbol carries the C library's version node, and the thin
//! libraries define the version nodes their users need.

mod common;

use std::collections::{BTreeMap, BTreeSet};
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

/// `symbol -> version` of the defined dynamic symbols of `lib`.
fn exported(lib: &std::path::Path) -> BTreeMap<String, String> {
    let out = Command::new("objdump")
        .arg("-T")
        .arg(lib)
        .output()
        .expect("objdump");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.contains("*UND*") && l.contains(" DF "))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let (ver, sym) = (f[f.len() - 2], f[f.len() - 1]);
            (
                sym.to_string(),
                ver.trim_matches(|c| c == '(' || c == ')').to_string(),
            )
        })
        .collect()
}

#[test]
fn headers_and_exports_agree() {
    let dir = common::capi_dir();
    let decl = declared(&dir);
    let exp = exported(&dir.join("lib/libvirt-glib-1.0.so.0"));
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
        let c = exported(&std::path::Path::new("/usr/lib/x86_64-linux-gnu").join(lib));
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
