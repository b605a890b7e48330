//! Differential tests of LibvirtGConfig: the C programs capi/tests/c/gconfig_*.c are
//! built against the C libvirt-gconfig (installed headers and library) and against ours
//! (scripts/build-capi.sh), and must print byte for byte the same thing — including
//! every `gvir_config_object_to_xml` text. `gconfig_build` builds a domain (disks,
//! interfaces, graphics, video, console, input, sound, balloon), a pool, a volume and a
//! snapshot from scratch; `gconfig_boxes` makes the calls GNOME Boxes makes (custom
//! metadata, chardev and smartcard sources, USB companion controllers); `gconfig_devices` the setters with quirks of their own
//! (smartcard certificates and address, filesystem RAM usage); `gconfig_props` the
//! GObject properties of GVirConfigDomain and their notifications; `gconfig_edit` parses corpus documents (../shared/corpus),
//! prints them, edits them and prints them again. Ours then runs under valgrind
//! memcheck: no invalid access, no definite leak.
//!
//! `gconfig_v5` calls the 5.0.0 additions, which the installed C library (4.0.0) lacks:
//! its output on ours must equal `tests/c/gconfig_v5.expected`, the XML the 5.0.0 C code
//! writes for those calls.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PKGS: [&str; 1] = ["libvirt-gconfig-1.0"];

/// Corpus documents for `gconfig_edit`: the first domains, every pool, volume, network,
/// snapshot and capabilities document.
fn corpus_files() -> Vec<PathBuf> {
    let root = common::top().join("../shared/corpus/libvirt");
    if !root.is_dir() {
        assert!(!common::strict(), "../shared/corpus is required under CI");
        return Vec::new();
    }
    let list = |kind: &str, max: usize| {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(kind))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.extension().is_some_and(|e| e == "xml"));
        v.sort();
        v.truncate(max);
        v
    };
    let mut files = list("domain", 300);
    for kind in [
        "storagepool",
        "storagevol",
        "network",
        "domainsnapshot",
        "capabilities",
        "domaincaps",
    ] {
        files.extend(list(kind, usize::MAX));
    }
    files
}

fn run_both(prog: &str, args: &[PathBuf], dir: &Path, tmp: &Path) -> PathBuf {
    let src = common::top().join(format!("capi/tests/c/{prog}.c"));
    let (c_exe, rs_exe) = (
        tmp.join(format!("{prog}-c")),
        tmp.join(format!("{prog}-rs")),
    );
    common::build_c(&src, &c_exe, None, &PKGS);
    common::build_c(&src, &rs_exe, Some(&dir.join("lib/pkgconfig")), &PKGS);
    let c_out = Command::new(&c_exe)
        .args(args)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("run on the C library");
    assert!(c_out.status.success(), "{prog} failed on the C library");
    let mut ours = Command::new(&rs_exe);
    common::with_env(ours.args(args), dir);
    let rs_out = ours.output().expect("run on ours");
    assert!(
        rs_out.status.success(),
        "{prog} failed on ours: {}",
        String::from_utf8_lossy(&rs_out.stderr)
    );
    let (c_text, rs_text) = (
        String::from_utf8_lossy(&c_out.stdout),
        String::from_utf8_lossy(&rs_out.stdout),
    );
    assert!(c_text.lines().count() > 30, "{prog}: too little output");
    if c_text != rs_text {
        let first = c_text
            .lines()
            .zip(rs_text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let ctx = |t: &str| {
            t.lines()
                .skip(first.saturating_sub(5))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{prog}: output differs at line {first}\n--- C library:\n{}\n--- ours:\n{}",
            ctx(&c_text),
            ctx(&rs_text)
        );
    }
    println!("{prog}: {} lines identical", c_text.lines().count());
    rs_exe
}

#[test]
fn gconfig_programs_print_what_the_c_library_prints() {
    let dir = common::capi_dir();
    let valgrind = common::have("valgrind", &["--version"]);
    let tmp = std::env::temp_dir().join(format!("capi-gconfig-diff-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    for prog in [
        "gconfig_build",
        "gconfig_boxes",
        "gconfig_devices",
        "gconfig_props",
    ] {
        let built = run_both(prog, &[], &dir, &tmp);
        if valgrind {
            common::valgrind_clean(&built, &[], &dir);
        }
    }
    let files = corpus_files();
    if !files.is_empty() {
        let edit = run_both("gconfig_edit", &files, &dir, &tmp);
        // Under valgrind a sample is enough.
        let sample: Vec<PathBuf> = files.iter().step_by(25).cloned().collect();
        if valgrind {
            common::valgrind_clean(&edit, &sample, &dir);
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn gconfig_5_0_additions_write_what_the_5_0_c_code_writes() {
    let dir = common::capi_dir();
    let tmp = std::env::temp_dir().join(format!("capi-gconfig-v5-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let src = common::top().join("capi/tests/c/gconfig_v5.c");
    let exe = tmp.join("gconfig_v5-rs");
    common::build_c(&src, &exe, Some(&dir.join("lib/pkgconfig")), &PKGS);
    let mut ours = Command::new(&exe);
    common::with_env(&mut ours, &dir);
    let out = ours
        .env("G_DEBUG", "fatal-criticals")
        .output()
        .expect("run on ours");
    assert!(
        out.status.success(),
        "gconfig_v5 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8_lossy(&out.stdout);
    let want = std::fs::read_to_string(common::top().join("capi/tests/c/gconfig_v5.expected"))
        .expect("gconfig_v5.expected");
    if got != want {
        let first = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want.lines().count().min(got.lines().count()));
        panic!(
            "gconfig_v5: output differs from the 5.0.0 C code's at line {first}\n--- expected:\n{want}\n--- ours:\n{got}"
        );
    }
    if common::have("valgrind", &["--version"]) {
        let again = common::valgrind_clean(&exe, &[], &dir);
        assert_eq!(again, want, "output under valgrind");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
