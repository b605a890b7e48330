//! Differential tests of LibvirtGConfig: the C programs capi/tests/c/gconfig_*.c are
//! built against the C libvirt-gconfig (installed headers and library) and against ours
//! (scripts/build-capi.sh), and must print byte for byte the same thing — including
//! every `gvir_config_object_to_xml` text. `gconfig_build` builds a domain (disks,
//! interfaces, graphics, video, console, input, sound, balloon), a pool, a volume and a
//! snapshot from scratch; `gconfig_edit` parses corpus documents (../shared/corpus),
//! prints them, edits them and prints them again. Ours then runs under valgrind
//! memcheck: no invalid access, no definite leak.

use std::path::{Path, PathBuf};
use std::process::Command;

fn top() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("capi/ is inside the workspace")
        .to_path_buf()
}

fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The built drop-in: `$CAPI_DIR`, else built here by scripts/build-capi.sh (under the
/// same lock the other capi tests take).
fn capi_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CAPI_DIR") {
        return PathBuf::from(d);
    }
    let top = top();
    std::fs::create_dir_all(top.join("target/capi")).expect("create target/capi");
    let status = Command::new("flock")
        .arg(top.join("target/capi.lock"))
        .args(["bash", "scripts/build-capi.sh"])
        .current_dir(&top)
        .env("CAPI_SKIP_IF_FRESH", "1")
        .status()
        .expect("run scripts/build-capi.sh");
    assert!(status.success(), "scripts/build-capi.sh failed");
    top.join("target/capi")
}

fn build(src: &Path, exe: &Path, pc_dir: Option<&Path>) {
    let mut pc = Command::new("pkg-config");
    pc.args(["--cflags", "--libs", "libvirt-gconfig-1.0"])
        .env_remove("PKG_CONFIG_PATH");
    if let Some(d) = pc_dir {
        pc.env("PKG_CONFIG_PATH", d);
    }
    let flags = pc.output().expect("pkg-config");
    assert!(flags.status.success(), "pkg-config: {flags:?}");
    let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
    let out = Command::new("cc")
        .args(["-Wall", "-Werror=implicit-function-declaration", "-o"])
        .arg(exe)
        .arg(src)
        .args(flags.split_whitespace())
        .output()
        .expect("cc");
    assert!(
        out.status.success(),
        "compiling {}: {}",
        src.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Corpus documents for `gconfig_edit`: the first domains, every pool, volume, network,
/// snapshot and capabilities document.
fn corpus_files() -> Vec<PathBuf> {
    let root = top().join("../shared/corpus/libvirt");
    if !root.is_dir() {
        assert!(!strict(), "../shared/corpus is required under CI");
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
    ] {
        files.extend(list(kind, usize::MAX));
    }
    files
}

fn run_both(prog: &str, args: &[PathBuf], dir: &Path, tmp: &Path) -> PathBuf {
    let src = top().join(format!("capi/tests/c/{prog}.c"));
    let (c_exe, rs_exe) = (
        tmp.join(format!("{prog}-c")),
        tmp.join(format!("{prog}-rs")),
    );
    build(&src, &c_exe, None);
    build(&src, &rs_exe, Some(&dir.join("lib/pkgconfig")));
    let c_out = Command::new(&c_exe)
        .args(args)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("run on the C library");
    assert!(c_out.status.success(), "{prog} failed on the C library");
    let rs_out = Command::new(&rs_exe)
        .args(args)
        .env("LD_LIBRARY_PATH", dir.join("lib"))
        .env("G_DEBUG", "fatal-criticals")
        .output()
        .expect("run on ours");
    assert!(
        rs_out.status.success(),
        "{prog} failed on ours: {}",
        String::from_utf8_lossy(&rs_out.stderr)
    );
    let (c_text, rs_text) = (
        String::from_utf8_lossy(&c_out.stdout),
        String::from_utf8_lossy(&rs_out.stdout),
    );
    assert!(c_text.lines().count() > 50, "{prog}: too little output");
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

fn valgrind(exe: &Path, args: &[PathBuf], dir: &Path) {
    let have = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(!strict(), "valgrind is required under CI");
        return;
    }
    let out = Command::new("valgrind")
        .args([
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--error-exitcode=9",
        ])
        .arg(exe)
        .args(args)
        .env("LD_LIBRARY_PATH", dir.join("lib"))
        .output()
        .expect("valgrind");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && log.contains("ERROR SUMMARY: 0 errors"),
        "{} under valgrind:\n{log}",
        exe.display()
    );
}

#[test]
fn gconfig_programs_print_what_the_c_library_prints() {
    let dir = capi_dir();
    let tmp = std::env::temp_dir().join(format!("capi-gconfig-diff-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let built = run_both("gconfig_build", &[], &dir, &tmp);
    valgrind(&built, &[], &dir);
    let files = corpus_files();
    if !files.is_empty() {
        let edit = run_both("gconfig_edit", &files, &dir, &tmp);
        // Under valgrind a sample is enough.
        let sample: Vec<PathBuf> = files.iter().step_by(25).cloned().collect();
        valgrind(&edit, &sample, &dir);
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
