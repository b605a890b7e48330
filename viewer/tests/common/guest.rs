//! The real libvirtd and the real test guest for the `real_*` tests: `virsh`, the
//! guest's XML under a test's own name (fresh UUID, private disk copy), clean-up that
//! also runs after a failed run, and the shared daemon's lock.

use std::os::fd::AsRawFd;
use std::process::Command;

/// The URI of the real libvirtd.
pub const URI: &str = "qemu:///system";

/// Whether skipping is forbidden (`CI=true`).
pub fn strict() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Runs `virsh -c URI args…`: its stdout, or its stderr as the error.
pub fn virsh(args: &[&str]) -> Result<String, String> {
    virsh_on(URI, args)
}

/// Runs `virsh -c uri args…`: its stdout, or its stderr as the error.
pub fn virsh_on(uri: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new("virsh")
        .arg("-c")
        .arg(uri)
        .args(args)
        .output()
        .map_err(|e| format!("virsh: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Whether libvirtd answers; `false` means skip (outside CI; with `CI=true` it panics).
pub fn libvirtd_answers() -> bool {
    answers(URI)
}

/// Whether libvirtd answers on `uri`; `false` means skip (outside CI; with `CI=true` it
/// panics).
pub fn answers(uri: &str) -> bool {
    if virsh_on(uri, &["uri"]).is_ok() {
        return true;
    }
    assert!(!strict(), "libvirtd does not answer on {uri}");
    eprintln!("\n*** SKIPPING: libvirtd does not answer on {uri} ***\n");
    false
}

/// Takes the shared daemon's lock (`/tmp/real-libvirtd.lock`) until the file is dropped,
/// when it is free: other runners of the shared daemon wait for it. Not waited for
/// here: a runner may hold it around this whole test run (`flock … cargo nextest`), and
/// nextest already runs the `real_*` binaries one at a time.
pub fn lock() -> std::fs::File {
    let lock = std::fs::File::create("/tmp/real-libvirtd.lock").expect("lock file");
    // SAFETY: flock on a file descriptor we own; released when `lock` is dropped.
    let _ = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    lock
}

/// Removes domain `name` (also after a failed earlier run) and its private disk.
pub struct Cleanup {
    name: &'static str,
    disk: std::path::PathBuf,
}

impl Cleanup {
    /// Removes the domain now and again (with `disk`) when dropped.
    pub fn new(name: &'static str, disk: std::path::PathBuf) -> Self {
        sweep(name);
        Cleanup { name, disk }
    }
}

/// Destroys and undefines domain `name`, if it exists.
pub fn sweep(name: &str) {
    let _ = virsh(&["destroy", name]);
    let _ = virsh(&["undefine", name, "--managed-save", "--snapshots-metadata"]);
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        sweep(self.name);
        let _ = std::fs::remove_file(&self.disk);
    }
}

/// The test guest's directory and its `domain.xml`; `None` = skip (fails under
/// `CI=true`).
pub fn guest_domain_xml() -> Option<(std::path::PathBuf, String)> {
    let dir = std::env::var_os("LIBVIRT_GLIB_RS_GUEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/var/cache/libvirt-glib-rs/guest/current".into());
    match std::fs::read_to_string(dir.join("domain.xml")) {
        Ok(x) => Some((dir, x)),
        Err(e) => {
            assert!(!strict(), "no test guest in {}: {e}", dir.display());
            eprintln!(
                "\n*** SKIPPING: no test guest in {} ({e}) ***\n",
                dir.display()
            );
            None
        }
    }
}

/// The guest's XML renamed to `name`, with a private copy of its disk and a fresh UUID;
/// `None` = skip.
pub fn guest_xml(name: &str) -> Option<(String, std::path::PathBuf)> {
    let (dir, xml) = guest_domain_xml()?;
    let disk = std::env::temp_dir().join(format!("{name}-{}.qcow2", std::process::id()));
    std::fs::copy(dir.join("disk.qcow2.orig"), &disk).expect("guest disk copied");
    let _ = Command::new("chmod").arg("666").arg(&disk).status();
    let real = std::fs::canonicalize(&dir).unwrap_or(dir);
    let xml = xml
        .replace("<name>lvg-guest</name>", &format!("<name>{name}</name>"))
        .replace(
            &format!("{}/disk.qcow2", real.display()),
            &disk.display().to_string(),
        );
    assert!(
        xml.contains(&disk.display().to_string()),
        "disk path not replaced"
    );
    // A fresh UUID: the guest's own may be defined by another suite.
    let xml = match (xml.find("<uuid>"), xml.find("</uuid>")) {
        (Some(a), Some(b)) => format!("{}{}", &xml[..a], &xml[b + "</uuid>".len()..]),
        _ => xml,
    };
    Some((xml, disk))
}

/// A private directory pool and the name of the machine a test creates (its other
/// machines are named with it as prefix); everything is removed on drop, also when the
/// test fails. Holds the shared daemon's lock.
pub struct Scratch {
    /// The pool's name.
    pub pool: String,
    /// The pool's directory.
    pub dir: std::path::PathBuf,
    /// The machine's name.
    pub vm: String,
    _lock: std::fs::File,
}

impl Scratch {
    /// A new pool `vireo-nv-<tag>-<pid>` (and machine name), leftovers removed first.
    pub fn new(tag: &str) -> Scratch {
        let lock = lock();
        let pid = std::process::id();
        let s = Scratch {
            pool: format!("vireo-nv-{tag}-{pid}"),
            dir: std::env::temp_dir().join(format!("vireo-nv-{tag}-{pid}")),
            vm: format!("vireo-nv-{tag}-{pid}"),
            _lock: lock,
        };
        s.sweep();
        std::fs::create_dir_all(&s.dir).expect("pool dir");
        let _ = Command::new("chmod").arg("755").arg(&s.dir).status();
        let dir = s.dir.display().to_string();
        virsh(&["pool-define-as", &s.pool, "dir", "--target", &dir]).expect("pool defined");
        virsh(&["pool-start", &s.pool]).expect("pool started");
        s
    }

    fn sweep(&self) {
        let names = virsh(&["list", "--all", "--name"]).unwrap_or_default();
        for vm in names.lines().filter(|n| n.starts_with(&self.vm)) {
            let _ = virsh(&["destroy", vm]);
            let _ = virsh(&["undefine", vm, "--nvram", "--managed-save"]);
        }
        if virsh(&["pool-info", &self.pool]).is_ok() {
            for vol in self.volumes() {
                let _ = virsh(&["vol-delete", &vol, "--pool", &self.pool]);
            }
        }
        let _ = virsh(&["pool-destroy", &self.pool]);
        let _ = virsh(&["pool-undefine", &self.pool]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// The names of the pool's volumes (after a refresh).
    pub fn volumes(&self) -> Vec<String> {
        let _ = virsh(&["pool-refresh", &self.pool]);
        // " Name   Path", a rule, then one volume per line.
        let mut v: Vec<String> = virsh(&["vol-list", &self.pool])
            .expect("vol-list")
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_owned)
            .collect();
        v.sort();
        v
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        self.sweep();
    }
}
