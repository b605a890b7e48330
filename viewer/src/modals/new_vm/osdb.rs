//! A small, safe binding of the few libosinfo functions the assistant needs: the OS
//! list of the database (`osinfo-db`), per-OS recommended and minimum resources, the
//! devices an OS supports (virtio or not) and ISO detection.
//!
//! libosinfo is a GObject library without a maintained Rust binding; its objects are
//! held as `glib::Object`s (reference counted by GLib), and every string is copied out
//! before the object that owns it can go away.

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::ptr;
use std::rc::Rc;

use glib::translate::{from_glib_full, from_glib_none, ToGlibPtr};

#[link(name = "osinfo-1.0")]
extern "C" {
    fn osinfo_loader_new() -> *mut c_void;
    fn osinfo_loader_process_default_path(loader: *mut c_void, err: *mut *mut glib::ffi::GError);
    fn osinfo_loader_get_db(loader: *mut c_void) -> *mut c_void;
    fn osinfo_db_get_os_list(db: *mut c_void) -> *mut c_void;
    fn osinfo_db_get_os(db: *mut c_void, id: *const c_char) -> *mut c_void;
    fn osinfo_db_identify_media(db: *mut c_void, media: *mut c_void) -> glib::ffi::gboolean;
    fn osinfo_list_get_length(list: *mut c_void) -> c_int;
    fn osinfo_list_get_nth(list: *mut c_void, idx: c_int) -> *mut c_void;
    fn osinfo_entity_get_id(entity: *mut c_void) -> *const c_char;
    fn osinfo_product_get_short_id(product: *mut c_void) -> *const c_char;
    fn osinfo_product_get_name(product: *mut c_void) -> *const c_char;
    fn osinfo_product_get_vendor(product: *mut c_void) -> *const c_char;
    fn osinfo_product_get_release_date_string(product: *mut c_void) -> *const c_char;
    fn osinfo_product_get_eol_date_string(product: *mut c_void) -> *const c_char;
    fn osinfo_os_get_family(os: *mut c_void) -> *const c_char;
    fn osinfo_os_get_recommended_resources(os: *mut c_void) -> *mut c_void;
    fn osinfo_os_get_minimum_resources(os: *mut c_void) -> *mut c_void;
    fn osinfo_os_get_all_devices(os: *mut c_void, filter: *mut c_void) -> *mut c_void;
    fn osinfo_resources_get_architecture(r: *mut c_void) -> *const c_char;
    fn osinfo_resources_get_n_cpus(r: *mut c_void) -> c_int;
    fn osinfo_resources_get_ram(r: *mut c_void) -> i64;
    fn osinfo_resources_get_storage(r: *mut c_void) -> i64;
    fn osinfo_device_get_name(dev: *mut c_void) -> *const c_char;
    fn osinfo_media_create_from_location(
        location: *const c_char,
        cancellable: *mut c_void,
        err: *mut *mut glib::ffi::GError,
    ) -> *mut c_void;
    fn osinfo_media_get_os(media: *mut c_void) -> *mut c_void;
}

fn raw(o: &glib::Object) -> *mut c_void {
    let p: *mut glib::gobject_ffi::GObject = o.to_glib_none().0;
    p.cast()
}

/// Copies a string owned by libosinfo (`None` for NULL or empty).
///
/// # Safety
/// `p` is NULL or a valid NUL-terminated string.
unsafe fn text(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated per the caller.
    let s = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    (!s.is_empty()).then_some(s)
}

/// Takes a full reference to a libosinfo object (`None` for NULL).
///
/// # Safety
/// `p` is NULL or a GObject the caller owns one reference to.
unsafe fn take(p: *mut c_void) -> Option<glib::Object> {
    // SAFETY: a GObject with a reference we own, per the caller.
    (!p.is_null()).then(|| unsafe { from_glib_full(p.cast::<glib::gobject_ffi::GObject>()) })
}

/// Adds a reference to a libosinfo object we do not own (`None` for NULL).
///
/// # Safety
/// `p` is NULL or a live GObject.
unsafe fn borrow(p: *mut c_void) -> Option<glib::Object> {
    // SAFETY: a live GObject per the caller; we add our own reference.
    (!p.is_null()).then(|| unsafe { from_glib_none(p.cast::<glib::gobject_ffi::GObject>()) })
}

/// A full reference to a libosinfo object made in a worker thread, handed to the main
/// thread (GObject reference counting is atomic; the object is used by one thread at a
/// time).
struct Handoff(*mut c_void);

// SAFETY: the pointer is a GObject reference owned by this value alone; it is used
// only after the hand-off, on the receiving thread.
unsafe impl Send for Handoff {}

impl Handoff {
    fn new(o: glib::Object) -> Handoff {
        let p: *mut glib::gobject_ffi::GObject = glib::translate::IntoGlibPtr::into_glib_ptr(o);
        Handoff(p.cast())
    }

    fn into_object(self) -> glib::Object {
        let p = self.0;
        std::mem::forget(self);
        // SAFETY: the reference `new` took over.
        unsafe { from_glib_full(p.cast::<glib::gobject_ffi::GObject>()) }
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        // SAFETY: the reference `new` took over, never handed on.
        unsafe { glib::gobject_ffi::g_object_unref(self.0.cast()) };
    }
}

/// The items of an `OsinfoList` (each with its own reference).
fn list_items(list: &glib::Object) -> Vec<glib::Object> {
    // SAFETY: `list` is an OsinfoList; nth returns borrowed entities within its length.
    unsafe {
        let n = osinfo_list_get_length(raw(list));
        (0..n)
            .filter_map(|i| borrow(osinfo_list_get_nth(raw(list), i)))
            .collect()
    }
}

/// One operating system of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsEntry {
    /// The libosinfo id (`http://debian.org/debian/12`), written to the domain metadata.
    pub id: String,
    /// The short id (`debian12`).
    pub short_id: String,
    /// The human name (`Debian 12`).
    pub name: String,
    /// The vendor (`Debian Project`).
    pub vendor: String,
    /// The family (`linux`, `winnt`, …).
    pub family: String,
    /// Release date `YYYY-MM-DD`, when known.
    pub release: Option<String>,
    /// Whether the OS reached its end of life (has an EOL date in the past).
    pub eol: bool,
}

/// Sizes libosinfo gives for an OS (recommended or minimum), for one architecture.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    /// Memory in bytes.
    pub ram: Option<u64>,
    /// Number of vCPUs.
    pub n_cpus: Option<u32>,
    /// Disk size in bytes.
    pub storage: Option<u64>,
}

impl Resources {
    /// Fills what `self` lacks from `other`.
    pub fn or(self, other: Resources) -> Resources {
        Resources {
            ram: self.ram.or(other.ram),
            n_cpus: self.n_cpus.or(other.n_cpus),
            storage: self.storage.or(other.storage),
        }
    }
}

/// What the assistant takes from libosinfo for one OS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OsDefaults {
    /// Recommended resources (missing ones from the minimum).
    pub recommended: Resources,
    /// Minimum resources.
    pub minimum: Resources,
    /// The OS has a virtio block driver.
    pub virtio_disk: bool,
    /// The OS has a virtio network driver.
    pub virtio_net: bool,
    /// The OS has a virtio GPU driver.
    pub virtio_gpu: bool,
}

/// The loaded OS database.
#[derive(Clone)]
pub struct OsDb {
    _loader: glib::Object,
    db: glib::Object,
}

impl std::fmt::Debug for OsDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OsDb").finish_non_exhaustive()
    }
}

thread_local! {
    static SHARED: RefCell<Option<Rc<OsDb>>> = const { RefCell::new(None) };
}

impl OsDb {
    /// Loads the database from libosinfo's default paths (blocking: reads ~1000 files).
    ///
    /// # Errors
    /// libosinfo's error when a database file cannot be read or parsed.
    pub fn load() -> Result<OsDb, glib::Error> {
        // SAFETY: plain constructor; we own the returned reference.
        let loader = unsafe { take(osinfo_loader_new()) }
            .ok_or_else(|| glib::Error::new(gio::IOErrorEnum::Failed, "libosinfo: no loader"))?;
        let mut err: *mut glib::ffi::GError = ptr::null_mut();
        // SAFETY: a valid loader and an out-pointer for the error.
        unsafe { osinfo_loader_process_default_path(raw(&loader), &mut err) };
        if !err.is_null() {
            // SAFETY: libosinfo set a new GError we now own.
            return Err(unsafe { from_glib_full(err) });
        }
        // SAFETY: the db belongs to the loader, which we keep alive next to it.
        let db = unsafe { borrow(osinfo_loader_get_db(raw(&loader))) }
            .ok_or_else(|| glib::Error::new(gio::IOErrorEnum::Failed, "libosinfo: no db"))?;
        Ok(OsDb {
            _loader: loader,
            db,
        })
    }

    /// The database, loaded once per thread in a worker thread (the main loop keeps
    /// running while libosinfo reads its files).
    ///
    /// # Errors
    /// See [`OsDb::load`].
    pub async fn shared() -> Result<Rc<OsDb>, glib::Error> {
        if let Some(db) = SHARED.with(|s| s.borrow().clone()) {
            return Ok(db);
        }
        let (loader, db) = gio::spawn_blocking(|| {
            OsDb::load().map(|d| (Handoff::new(d._loader), Handoff::new(d.db)))
        })
        .await
        .map_err(|_| glib::Error::new(gio::IOErrorEnum::Failed, "libosinfo loader panicked"))??;
        let (loader, db) = (loader.into_object(), db.into_object());
        let db = SHARED.with(|s| {
            s.borrow_mut()
                .get_or_insert_with(|| {
                    Rc::new(OsDb {
                        _loader: loader,
                        db,
                    })
                })
                .clone()
        });
        Ok(db)
    }

    fn entry(os: &glib::Object) -> Option<OsEntry> {
        let p = raw(os);
        // SAFETY: `os` is an OsinfoOs (an OsinfoProduct and OsinfoEntity); the strings
        // are copied while it is alive.
        unsafe {
            let id = text(osinfo_entity_get_id(p))?;
            let eol = text(osinfo_product_get_eol_date_string(p))
                .is_some_and(|d| d.as_str() < today().as_str());
            Some(OsEntry {
                short_id: text(osinfo_product_get_short_id(p)).unwrap_or_else(|| id.clone()),
                name: text(osinfo_product_get_name(p)).unwrap_or_else(|| id.clone()),
                vendor: text(osinfo_product_get_vendor(p)).unwrap_or_default(),
                family: text(osinfo_os_get_family(p)).unwrap_or_default(),
                release: text(osinfo_product_get_release_date_string(p)),
                eol,
                id,
            })
        }
    }

    /// Every OS, newest release first (unknown dates last), then by name.
    pub fn oses(&self) -> Vec<OsEntry> {
        // SAFETY: a valid db; the list is returned with a reference we own.
        let Some(list) = (unsafe { take(osinfo_db_get_os_list(raw(&self.db))) }) else {
            return Vec::new();
        };
        let mut v: Vec<OsEntry> = list_items(&list).iter().filter_map(Self::entry).collect();
        v.sort_by(|a, b| {
            b.release
                .is_some()
                .cmp(&a.release.is_some())
                .then_with(|| b.release.cmp(&a.release))
                .then_with(|| a.name.cmp(&b.name))
        });
        v
    }

    fn os_object(&self, id: &str) -> Option<glib::Object> {
        let c = CString::new(id).ok()?;
        // SAFETY: a valid db and NUL-terminated id; the OS is borrowed from the db.
        unsafe { borrow(osinfo_db_get_os(raw(&self.db), c.as_ptr())) }
    }

    /// The entry of OS `id` (a libosinfo id or a short id).
    pub fn find(&self, id: &str) -> Option<OsEntry> {
        if let Some(os) = self.os_object(id) {
            return Self::entry(&os);
        }
        self.oses().into_iter().find(|o| o.short_id == id)
    }

    /// Recommended and minimum resources for `arch` and the OS's device support.
    pub fn defaults(&self, id: &str, arch: &str) -> Option<OsDefaults> {
        let os = self.os_object(id)?;
        let pick = |list: *mut c_void| -> Resources {
            // SAFETY: a resources list we own (or NULL).
            let Some(list) = (unsafe { take(list) }) else {
                return Resources::default();
            };
            let mut best: Option<(bool, Resources)> = None;
            for r in list_items(&list) {
                let p = raw(&r);
                // SAFETY: `r` is an OsinfoResources; values <= 0 mean "not set".
                let (a, res) = unsafe {
                    let a = text(osinfo_resources_get_architecture(p)).unwrap_or_default();
                    let n = osinfo_resources_get_n_cpus(p);
                    let ram = osinfo_resources_get_ram(p);
                    let st = osinfo_resources_get_storage(p);
                    (
                        a,
                        Resources {
                            ram: u64::try_from(ram).ok().filter(|v| *v > 0),
                            n_cpus: u32::try_from(n).ok().filter(|v| *v > 0),
                            storage: u64::try_from(st).ok().filter(|v| *v > 0),
                        },
                    )
                };
                let exact = a == arch;
                if exact || a == "all" || a.is_empty() {
                    best = match best {
                        Some((true, b)) => Some((true, b)),
                        Some((false, b)) if !exact => Some((false, b.or(res))),
                        _ => Some((exact, res)),
                    };
                }
            }
            best.map(|(_, r)| r).unwrap_or_default()
        };
        // SAFETY: `os` is an OsinfoOs; both calls return lists we own.
        let (recommended, minimum) = unsafe {
            (
                pick(osinfo_os_get_recommended_resources(raw(&os))),
                pick(osinfo_os_get_minimum_resources(raw(&os))),
            )
        };
        // SAFETY: `os` is an OsinfoOs; a NULL filter means all devices.
        let devices = unsafe { take(osinfo_os_get_all_devices(raw(&os), ptr::null_mut())) };
        let names: Vec<String> = devices
            .map(|d| {
                list_items(&d)
                    .iter()
                    // SAFETY: each item is an OsinfoDevice.
                    .filter_map(|dev| unsafe { text(osinfo_device_get_name(raw(dev))) })
                    .collect()
            })
            .unwrap_or_default();
        let has = |suffix: &str| {
            names
                .iter()
                .any(|n| n.starts_with("virtio") && n.ends_with(suffix))
        };
        Some(OsDefaults {
            recommended: recommended.or(minimum),
            minimum,
            virtio_disk: has("-block"),
            virtio_net: has("-net"),
            virtio_gpu: has("-gpu"),
        })
    }

    /// Detects the OS of an installation image (ISO) at `path`: reads its volume
    /// descriptors in a worker thread, then matches them against the database.
    /// `Ok(None)`: a readable image of no known OS.
    ///
    /// # Errors
    /// The image cannot be read or is not an ISO 9660 image.
    pub async fn identify_iso(&self, path: &str) -> Result<Option<OsEntry>, glib::Error> {
        let location = path.to_owned();
        let media = gio::spawn_blocking(move || -> Result<Handoff, glib::Error> {
            let c = CString::new(location)
                .map_err(|_| glib::Error::new(gio::IOErrorEnum::InvalidArgument, "NUL in path"))?;
            let mut err: *mut glib::ffi::GError = ptr::null_mut();
            // SAFETY: NUL-terminated location, no cancellable, an error out-pointer.
            let m =
                unsafe { osinfo_media_create_from_location(c.as_ptr(), ptr::null_mut(), &mut err) };
            if !err.is_null() {
                // SAFETY: a new GError we own.
                return Err(unsafe { from_glib_full(err) });
            }
            // SAFETY: a new media object we own.
            unsafe { take(m) }
                .map(Handoff::new)
                .ok_or_else(|| glib::Error::new(gio::IOErrorEnum::Failed, "no media"))
        })
        .await
        .map_err(|_| glib::Error::new(gio::IOErrorEnum::Failed, "media reader panicked"))??
        .into_object();
        // SAFETY: a valid db and media; get_os returns a reference we own (or NULL).
        let os = unsafe {
            if osinfo_db_identify_media(raw(&self.db), raw(&media)) == glib::ffi::GFALSE {
                return Ok(None);
            }
            take(osinfo_media_get_os(raw(&media)))
        };
        Ok(os.as_ref().and_then(Self::entry))
    }
}

/// Today as `YYYY-MM-DD` (UTC).
fn today() -> String {
    glib::DateTime::now_utc()
        .and_then(|d| d.format("%Y-%m-%d"))
        .map(|s| s.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Option<OsDb> {
        match OsDb::load() {
            Ok(d) if !d.oses().is_empty() => Some(d),
            other => {
                assert!(
                    std::env::var("CI").is_err(),
                    "libosinfo database missing under CI: {other:?}"
                );
                None
            }
        }
    }

    #[test]
    fn the_database_lists_debian_with_its_recommended_resources() {
        let Some(db) = db() else { return };
        let oses = db.oses();
        assert!(oses.len() > 100, "only {} OSes", oses.len());
        let deb = db.find("debian11").expect("debian11 by short id");
        assert_eq!(deb.id, "http://debian.org/debian/11");
        assert_eq!(deb.name, "Debian 11");
        assert_eq!(db.find(&deb.id), Some(deb.clone()));
        let d = db.defaults(&deb.id, "x86_64").expect("defaults");
        // osinfo-db: Debian 11 recommends 1 GiB and 20 GiB; the vCPU count only has a
        // minimum (1), which fills in.
        assert_eq!(d.recommended.ram, Some(1 << 30));
        assert_eq!(d.recommended.storage, Some(20 << 30));
        assert_eq!(d.recommended.n_cpus, Some(1));
        assert_eq!(d.minimum.storage, Some(10 << 30));
        assert!(d.minimum.ram.unwrap_or(0) <= d.recommended.ram.unwrap_or(0));
        assert!(d.virtio_disk && d.virtio_net);
        // Newest first.
        let dates: Vec<&String> = oses.iter().filter_map(|o| o.release.as_ref()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn unknown_ids_and_bad_images_are_clean_errors() {
        let Some(db) = db() else { return };
        assert!(db.find("no-such-os-0").is_none());
        assert!(db.defaults("http://nowhere.invalid/x", "x86_64").is_none());
        let dir = std::env::temp_dir().join(format!("vireo-osdb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let junk = dir.join("junk.iso");
        std::fs::write(&junk, vec![0u8; 64 * 1024]).expect("junk written");
        let ctx = glib::MainContext::new();
        let r = ctx.block_on(db.identify_iso(&junk.display().to_string()));
        assert!(r.is_err(), "a zero-filled file is no ISO: {r:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
