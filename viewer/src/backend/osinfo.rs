//! Guest OS names from libosinfo's database (the `osinfo-db` files virt-manager and
//! GNOME Boxes use), looked up by the id in a domain's libosinfo metadata.

use std::cell::RefCell;

use crate::Prop;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where osinfo-db keeps its OS files.
const DB_DIRS: &[&str] = &["/usr/share/osinfo/os", "/usr/share/libosinfo/db/os"];

thread_local! {
    static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The OS id of a domain's libosinfo metadata (`http://debian.org/debian/12`).
pub fn os_id(dom: &libvirt_gconfig::Domain) -> Option<String> {
    dom.metadata()?.libosinfo()?.os_id().val()
}

/// A human name for the libosinfo id: from osinfo-db when present, else derived from
/// the id (`http://debian.org/debian/12` -> `debian 12`).
pub fn name_for(id: &str) -> String {
    if let Some(n) = CACHE.with(|c| c.borrow().get(id).cloned()) {
        return n;
    }
    let name = DB_DIRS
        .iter()
        .find_map(|d| lookup(Path::new(d), id))
        .unwrap_or_else(|| fallback_name(id));
    CACHE.with(|c| c.borrow_mut().insert(id.to_owned(), name.clone()));
    name
}

/// Finds the `<os id="...">` file in the vendor directory named by the id's host.
fn lookup(dir: &Path, id: &str) -> Option<String> {
    let host = id.split("//").nth(1)?.split('/').next()?;
    let vendor_dir: PathBuf = dir.join(host);
    let needle = format!("<os id=\"{id}\"");
    for e in std::fs::read_dir(vendor_dir).ok()?.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        if text.contains(&needle) {
            let start = text.find("<name>")? + "<name>".len();
            let end = start + text.get(start..)?.find("</name>")?;
            return text.get(start..end).map(str::to_owned);
        }
    }
    None
}

fn fallback_name(id: &str) -> String {
    let path = id.split("//").nth(1).unwrap_or(id);
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    if parts.is_empty() {
        id.to_owned()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_get_a_readable_fallback() {
        assert_eq!(name_for("http://nowhere.invalid/someos/7"), "someos 7");
    }

    #[test]
    fn known_ids_come_from_osinfo_db_when_installed() {
        if !Path::new(DB_DIRS[0]).join("debian.org").exists() {
            assert!(
                std::env::var("CI").is_err(),
                "osinfo-db is missing under CI"
            );
            return;
        }
        assert_eq!(name_for("http://debian.org/debian/11"), "Debian 11");
        // Not the OS that derives from it.
        assert_eq!(name_for("http://centos.org/centos/7.0"), "CentOS 7");
    }
}
