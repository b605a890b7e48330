//! Shared by the capi tests: the built drop-in (scripts/build-capi.sh) and the
//! environment that puts it first for GI, the dynamic linker and pkg-config.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The test guest and its cleanup (gobject's test helpers).
#[allow(unused_imports)]
#[path = "../../../gobject/tests/common/mod.rs"]
pub mod guest;

/// The shared real libvirtd the `real_*` tests drive.
pub const URI: &str = "qemu:///system";

/// The workspace root.
pub fn top() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("capi/ is inside the workspace")
        .to_path_buf()
}

/// The directory of the built drop-in: `$CAPI_DIR` when scripts/test.sh built it, else
/// built here (under a lock, so parallel test processes build it once).
pub fn capi_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CAPI_DIR") {
        return PathBuf::from(d);
    }
    let top = top();
    let out = top.join("target/capi");
    std::fs::create_dir_all(&out).expect("create target/capi");
    let status = Command::new("flock")
        .arg(top.join("target/capi.lock"))
        .args(["bash", "scripts/build-capi.sh"])
        .current_dir(&top)
        .env("CAPI_SKIP_IF_FRESH", "1")
        .status()
        .expect("run scripts/build-capi.sh");
    assert!(status.success(), "scripts/build-capi.sh failed");
    out
}

/// Whether a missing tool must fail the test (CI) instead of skipping it.
pub fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `true` when `tool` runs; otherwise fails under CI, or reports a skip.
pub fn have(tool: &str, args: &[&str]) -> bool {
    let ok = Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !strict(),
            "{tool} is required (scripts/install-deps.sh installs it)"
        );
        eprintln!("skipping: {tool} is not installed");
    }
    ok
}

/// A command with our typelibs, libraries and .pc files first.
pub fn with_env(cmd: &mut Command, dir: &Path) {
    let prepend = |var: &str, p: PathBuf| {
        let old = std::env::var(var).unwrap_or_default();
        if old.is_empty() {
            p.display().to_string()
        } else {
            format!("{}:{old}", p.display())
        }
    };
    cmd.env(
        "GI_TYPELIB_PATH",
        prepend("GI_TYPELIB_PATH", dir.join("girepository-1.0")),
    )
    .env(
        "LD_LIBRARY_PATH",
        prepend("LD_LIBRARY_PATH", dir.join("lib")),
    )
    .env(
        "PKG_CONFIG_PATH",
        prepend("PKG_CONFIG_PATH", dir.join("lib/pkgconfig")),
    )
    .env("G_DEBUG", "fatal-criticals");
}

/// Runs `cmd`, printing its output; returns it.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Saves a screenshot of X display `display` as target/screenshots/`name`.
pub fn screenshot(display: &str, name: &str) -> PathBuf {
    let dir = top().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let path = dir.join(name);
    // A window the client maps or unmaps during the capture makes X refuse the read
    // (BadDrawable): take it again.
    for attempt in 1..=5 {
        let status = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; xwd -root -display {display} | convert xwd:- {}",
                path.display()
            ))
            .status()
            .expect("xwd");
        if status.success() {
            return path;
        }
        assert!(attempt < 5, "screenshot failed");
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    path
}

/// `symbol -> version node` of the dynamic `gvir_` functions of `file`: the ones it
/// defines, or (`undefined`) the ones it needs.
pub fn gvir_symbols(file: &Path, undefined: bool) -> std::collections::BTreeMap<String, String> {
    let out = Command::new("objdump")
        .arg("-T")
        .arg(file)
        .output()
        .expect("objdump");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("*UND*") == undefined && l.contains(" gvir_"))
        .filter(|l| undefined || l.contains(" DF "))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let ver = f[f.len() - 2].trim_matches(|c| c == '(' || c == ')');
            (f[f.len() - 1].to_string(), ver.to_string())
        })
        .collect()
}

/// Compiles the C program `src` to `exe` with the pkg-config flags of `pkgs` from
/// `pc_dir` (None: the system's, i.e. the C library's).
pub fn build_c(src: &Path, exe: &Path, pc_dir: Option<&Path>, pkgs: &[&str]) {
    let mut pc = Command::new("pkg-config");
    pc.args(["--cflags", "--libs"])
        .args(pkgs)
        .env_remove("PKG_CONFIG_PATH");
    if let Some(d) = pc_dir {
        pc.env("PKG_CONFIG_PATH", d);
    }
    let flags = pc.output().expect("pkg-config");
    assert!(
        flags.status.success(),
        "pkg-config: {}",
        String::from_utf8_lossy(&flags.stderr)
    );
    let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
    let mut cc = Command::new("cc");
    cc.args(["-Wall", "-Werror=implicit-function-declaration", "-o"])
        .arg(exe)
        .arg(src)
        .args(flags.split_whitespace());
    assert!(run(&mut cc).status.success(), "compiling {}", src.display());
}

/// Runs `exe args` on ours (`dir`) under valgrind memcheck and asserts no invalid access
/// and no definite leak; returns its standard output.
pub fn valgrind_clean(exe: &Path, args: &[PathBuf], dir: &Path) -> String {
    let mut vg = Command::new("valgrind");
    vg.args([
        "--leak-check=full",
        "--errors-for-leak-kinds=definite",
        "--error-exitcode=9",
        "--num-callers=30",
    ])
    .arg(exe)
    .args(args);
    with_env(&mut vg, dir);
    let out = vg.output().expect("valgrind");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && log.contains("ERROR SUMMARY: 0 errors"),
        "{} under valgrind:\n{log}",
        exe.display()
    );
    assert!(
        log.contains("definitely lost: 0 bytes") || log.contains("All heap blocks were freed"),
        "{log}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Serialises the tests that drive the shared real libvirtd (/tmp/real-libvirtd.lock).
/// A daemon started under `flock` inherits the lock and holds it for its lifetime, so
/// after 20 seconds this goes ahead without it (the guest's name is unique to this test).
pub fn lock_libvirtd() -> std::fs::File {
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
pub fn display() -> (String, Option<Child>) {
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

/// Keeps a peer application (GTK 3) from leaving its accessibility bus on the X display:
/// with the AT-SPI bridge off it starts none, and when the guard is dropped an
/// `AT_SPI_BUS` root-window property that points into the peer's `home` (the bus of its
/// private session, gone with it) is removed: left behind, every GTK program started
/// later on the display would try to reach that dead bus.
pub struct PeerA11y {
    display: String,
    home: PathBuf,
}

impl PeerA11y {
    /// Sets up `cmd` (the peer) for `display`; `home` is the peer's private home.
    pub fn new(cmd: &mut Command, display: &str, home: &Path) -> Self {
        cmd.env("NO_AT_BRIDGE", "1");
        PeerA11y {
            display: display.to_owned(),
            home: home.to_owned(),
        }
    }
}

impl Drop for PeerA11y {
    fn drop(&mut self) {
        let Ok(out) = Command::new("xprop")
            .args(["-display", &self.display, "-root", "AT_SPI_BUS"])
            .output()
        else {
            return;
        };
        if String::from_utf8_lossy(&out.stdout).contains(&*self.home.to_string_lossy()) {
            let _ = Command::new("xprop")
                .args(["-display", &self.display, "-root", "-remove", "AT_SPI_BUS"])
                .status();
        }
    }
}

pub fn virsh(args: &[&str]) -> bool {
    Command::new("virsh")
        .args(["-c", URI])
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// Waits until the log file `log` (an application's debug output) contains `needle`;
/// returns its text.
pub fn wait_log(log: &Path, needle: &str, secs: u64) -> String {
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
            "no {needle:?} in {}:\n{text}",
            log.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The test guest defined on [`URI`] under a name of the test's own, with the shared
/// libvirtd's lock held; dropping it undefines the guest, removes its disk and XML file,
/// then releases the lock.
pub struct DefinedGuest {
    cleanup: guest::Cleanup,
    xml_path: PathBuf,
    _lock: std::fs::File,
}

impl Drop for DefinedGuest {
    fn drop(&mut self) {
        self.cleanup.sweep();
        let _ = std::fs::remove_file(&self.xml_path);
    }
}

/// Defines the test guest as `name` (after removing any left from an earlier run);
/// `None` (a skip; a failure under CI) without the guest or a reachable libvirtd.
pub fn define_guest(name: &str) -> Option<DefinedGuest> {
    let (xml, disk) = guest::guest_xml(name)?;
    let lock = lock_libvirtd();
    let cleanup = guest::Cleanup {
        uri: URI,
        name: name.into(),
        disk: Some(disk),
    };
    cleanup.sweep();
    let xml_path = std::env::temp_dir().join(format!("{name}-{}.xml", std::process::id()));
    std::fs::write(&xml_path, xml).expect("write the domain XML");
    if !virsh(&["define", &xml_path.display().to_string()]) {
        let _ = std::fs::remove_file(&xml_path);
        assert!(!strict(), "cannot define the guest on {URI}");
        eprintln!("skipping: libvirtd not reachable at {URI}");
        return None;
    }
    Some(DefinedGuest {
        cleanup,
        xml_path,
        _lock: lock,
    })
}
