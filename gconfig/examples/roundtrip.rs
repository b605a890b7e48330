//! Parses libvirt XML files, writes them back and compares the bytes.
//!
//! ```text
//! cargo run -p libvirt-gconfig --example roundtrip -- [--touch] FILE_OR_DIR...
//! ```
//!
//! Prints one line per failure and, last, `N passed, N failed`. With `--touch`,
//! every typed property of a document (of any known kind) is read and set back to the value
//! read before writing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(rd) = std::fs::read_dir(path) else {
            out.push(path.to_owned());
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "xml") {
                collect(&e, out);
            }
        }
    } else {
        out.push(path.to_owned());
    }
}

fn check(path: &Path, touch: bool) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let written = if touch {
        libvirt_gconfig::touch_xml(text).map_err(|e| format!("touch: {e}"))?
    } else {
        libvirt_gconfig::Document::parse(text)
            .map_err(|e| e.to_string())?
            .to_xml()
    };
    if written.as_bytes() == bytes.as_slice() {
        Ok(())
    } else {
        let at = written
            .bytes()
            .zip(bytes.iter())
            .position(|(a, b)| a != *b)
            .unwrap_or(written.len().min(bytes.len()));
        Err(format!("output differs from byte {at}"))
    }
}

fn main() -> ExitCode {
    let mut touch = false;
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        if arg == "--touch" {
            touch = true;
        } else {
            collect(Path::new(&arg), &mut files);
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for f in &files {
        match check(f, touch) {
            Ok(()) => passed += 1,
            Err(e) => {
                failed += 1;
                println!("FAIL {}: {e}", f.display());
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
