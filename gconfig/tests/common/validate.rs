//! Validation of XML against libvirt's RNG schemas with `virt-xml-validate`.
//!
//! Include it in a test file with
//! ```ignore
//! #[path = "common/validate.rs"]
//! mod validate;
//! ```
//! and call [`available`] first: it returns `false` (after a loud message) when
//! `virt-xml-validate` or the schemas are missing, and panics instead when the
//! environment variable `CI` is `true`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where libvirt installs its schemas.
pub const SCHEMAS: &str = "/usr/share/libvirt/schemas";

/// Whether the environment variable `CI` is `true`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips (returns `false` after an `eprintln!`) or, under `CI=true`, panics
/// with `why`.
pub fn skip(why: &str) -> bool {
    if in_ci() {
        panic!("{why} (required when CI=true)");
    }
    eprintln!("\n*** SKIPPED: {why} ***\n");
    false
}

/// Whether `virt-xml-validate` and libvirt's schemas are installed; see the
/// [module documentation](self).
pub fn available() -> bool {
    let runs = Command::new("virt-xml-validate")
        .arg("--help")
        .output()
        .is_ok();
    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if !runs || !xmllint {
        return skip(
            "virt-xml-validate or xmllint not found (Debian libvirt-clients, libxml2-utils)",
        );
    }
    if !Path::new(SCHEMAS).join("domain.rng").is_file() {
        return skip(&format!("libvirt schemas not found in {SCHEMAS}"));
    }
    true
}

/// Runs `virt-xml-validate FILE` (the schema chosen by the root element).
///
/// # Errors
/// The tool's output when the file does not validate.
pub fn validate_file(path: &Path) -> Result<(), String> {
    let out = Command::new("virt-xml-validate")
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run virt-xml-validate: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The schema `virt-xml-validate` picks for a root element name (its
/// substring rules, in its order), e.g. `domain` for `<domain>`.
pub fn schema_type(root: &str) -> Option<&'static str> {
    const RULES: &[(&str, &str)] = &[
        ("cpu", "cpu"),
        ("domainsnapshot", "domainsnapshot"),
        ("domaincheckpoint", "domaincheckpoint"),
        ("domainbackup", "domainbackup"),
        ("domainCap", "domaincaps"),
        ("domain", "domain"),
        ("networkport", "networkport"),
        ("network", "network"),
        ("storagepoolCap", "storagepoolcaps"),
        ("pool", "storagepool"),
        ("volume", "storagevol"),
        ("capabilities", "capability"),
        ("device", "nodedev"),
        ("filterbinding", "nwfilterbinding"),
        ("filter", "nwfilter"),
        ("secret", "secret"),
        ("interface", "interface"),
    ];
    RULES
        .iter()
        .find(|(pat, _)| root.contains(pat))
        .map(|(_, t)| *t)
}

/// Validates many files against one schema (`SCHEMAS/<schema_type>.rng`) in a
/// single `xmllint --relaxng` run, exactly what `virt-xml-validate FILE` runs
/// for each of them when [`schema_type`] of its root is `schema_type`, but
/// compiling the schema once. Returns the files that failed, each with its
/// messages.
///
/// # Panics
/// When `xmllint` cannot be run.
pub fn validate_batch(schema_type: &str, files: &[PathBuf]) -> Vec<(PathBuf, String)> {
    if files.is_empty() {
        return Vec::new();
    }
    let schema = Path::new(SCHEMAS).join(format!("{schema_type}.rng"));
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--relaxng")
        .arg(&schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint: {e}"));
    let log = String::from_utf8_lossy(&out.stderr);
    let mut failed = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let validates = format!("{name} validates");
        if log.lines().any(|l| l == validates) {
            continue;
        }
        let messages: Vec<&str> = log
            .lines()
            .filter(|l| {
                l.strip_prefix(name.as_str())
                    .is_some_and(|r| r.starts_with(':') || r.starts_with(' '))
            })
            .collect();
        failed.push((f.clone(), messages.join("\n")));
    }
    if failed.is_empty() && !out.status.success() {
        failed.push((schema.clone(), log.into_owned()));
    }
    failed
}

/// A directory removed (with its content) when dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory under the system temporary directory.
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "libvirt-gconfig-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Validates an XML string against libvirt's schemas (through a temporary
/// file and `virt-xml-validate`).
///
/// # Errors
/// The tool's output when the document does not validate.
pub fn validate_xml(xml: &str) -> Result<(), String> {
    let dir = TempDir::new("validate");
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    validate_file(&file)
}
