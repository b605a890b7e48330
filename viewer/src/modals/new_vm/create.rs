//! Creating the VM: upload the ISO (remote hosts), allocate the disk, define, start —
//! each step awaited on the main context through the library's `*_future` methods,
//! reported as a [`Step`], and undone in reverse order when the user cancels or a step
//! fails, so nothing is left behind (no orphan volume, no half-made domain).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use libvirt_gobject::{Connection, Domain, StorageVol};

use super::plan::{volume_xml, DiskChoice, HostLimits, InstallSource, Plan};
use crate::i18n::tr;

/// Bytes per upload call (each is one `virStorageVolUpload` at an offset).
const UPLOAD_CHUNK: u64 = 4 * 1024 * 1024;

/// Progress of a creation.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Uploading the ISO: bytes sent and total.
    Uploading(u64, u64),
    /// Allocating the new disk volume.
    AllocatingDisk,
    /// The disk volume exists (path).
    DiskReady(String),
    /// Defining the domain.
    Defining,
    /// The domain is defined.
    Defined,
    /// Starting it.
    Starting,
    /// Undoing what was created (after a cancel or an error).
    RollingBack,
}

/// A cancellation flag shared by the UI and the running creation.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    /// Asks the creation to stop at the next step boundary.
    pub fn cancel(&self) {
        self.0.set(true);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

/// Why a creation did not finish.
#[derive(Debug)]
pub enum CreateError {
    /// The user cancelled; everything created was removed.
    Cancelled,
    /// A step failed (message with context); everything created was removed, except
    /// what the rollback messages name.
    Failed(String),
}

impl std::fmt::Display for CreateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreateError::Cancelled => f.write_str(&tr("Cancelled")),
            CreateError::Failed(m) => f.write_str(m),
        }
    }
}

enum Made {
    Volume(StorageVol),
    Domain(Domain, bool),
}

/// Things created so far, undone in reverse order.
#[derive(Default)]
struct Undo(RefCell<Vec<Made>>);

impl Undo {
    async fn run(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let made: Vec<Made> = self.0.borrow_mut().drain(..).rev().collect();
        for m in made {
            match m {
                Made::Domain(d, started) => {
                    if started {
                        if let Err(e) = d.destroy_future(0).await {
                            errors.push(e.to_string());
                        }
                    }
                    // VIR_DOMAIN_UNDEFINE_NVRAM: a UEFI guest's variables go too.
                    if let Err(e) = d.delete_future(4).await {
                        errors.push(e.to_string());
                    }
                }
                Made::Volume(v) => {
                    if let Err(e) = v.delete_future(0).await {
                        errors.push(e.to_string());
                    }
                }
            }
        }
        errors
    }
}

/// Whether `uri` names another machine (an ISO must then be uploaded into a pool).
pub fn is_remote(uri: &str) -> bool {
    uri.split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
        .is_some_and(|host| !host.is_empty() && host != "localhost")
}

/// Creates the VM of `plan` on `conn`. `progress` sees each step before it runs, and
/// may cancel through `cancel` (checked between steps and upload chunks).
///
/// # Errors
/// [`CreateError::Cancelled`] or the failing step's error; what was created is gone.
pub async fn create(
    conn: &Connection,
    plan: &Plan,
    limits: &HostLimits,
    cancel: &Cancel,
    progress: &dyn Fn(&Step),
) -> Result<Domain, CreateError> {
    let undo = Undo::default();
    match steps(conn, plan, limits, cancel, progress, &undo).await {
        Ok(d) => Ok(d),
        Err(e) => {
            progress(&Step::RollingBack);
            let left = undo.run().await;
            match (e, left.is_empty()) {
                (e, true) => Err(e),
                (e, false) => Err(CreateError::Failed(format!(
                    "{e}; {}: {}",
                    tr("cleaning up failed"),
                    left.join("; ")
                ))),
            }
        }
    }
}

fn failed(what: &str) -> impl Fn(glib::Error) -> CreateError + '_ {
    move |e| CreateError::Failed(format!("{what}: {}", e.message()))
}

fn check(cancel: &Cancel) -> Result<(), CreateError> {
    if cancel.is_cancelled() {
        Err(CreateError::Cancelled)
    } else {
        Ok(())
    }
}

async fn steps(
    conn: &Connection,
    plan: &Plan,
    limits: &HostLimits,
    cancel: &Cancel,
    progress: &dyn Fn(&Step),
    undo: &Undo,
) -> Result<Domain, CreateError> {
    check(cancel)?;
    let pool_of = |name: &str| {
        conn.find_storage_pool_by_name(name)
            .ok_or_else(|| CreateError::Failed(format!("{}: {name}", tr("No such storage pool"))))
    };
    // The ISO: used in place on a local host, uploaded into a pool for a remote one.
    let mut iso_path = None;
    if let InstallSource::Iso(file) = &plan.source {
        if is_remote(&conn.uri()) {
            let pool_name = match &plan.disk {
                DiskChoice::New { pool, .. } | DiskChoice::Existing { pool, .. } => pool.clone(),
                DiskChoice::None => String::new(),
            };
            let pool = pool_of(&pool_name)?;
            let total = std::fs::metadata(file)
                .map_err(|e| CreateError::Failed(format!("{file}: {e}")))?
                .len();
            let name = format!("{}-install.iso", plan.name);
            progress(&Step::Uploading(0, total));
            let vol = pool
                .create_volume_future(&volume_xml(&name, total, "raw"))
                .await
                .map_err(failed(&tr("Creating the ISO volume")))?;
            undo.0.borrow_mut().push(Made::Volume(vol.clone()));
            let mut off = 0u64;
            while off < total {
                check(cancel)?;
                let (f, len) = (file.clone(), UPLOAD_CHUNK.min(total - off));
                let chunk = gio::spawn_blocking(move || read_chunk(&f, off, len))
                    .await
                    .map_err(|_| CreateError::Failed(tr("Reading the ISO failed")))?
                    .map_err(|e| CreateError::Failed(format!("{file}: {e}")))?;
                vol.upload_future(glib::Bytes::from_owned(chunk), off)
                    .await
                    .map_err(failed(&tr("Uploading the ISO")))?;
                off += len;
                progress(&Step::Uploading(off, total));
            }
            iso_path = Some(vol.path());
        } else {
            iso_path = Some(file.clone());
        }
    }
    check(cancel)?;
    let disk_path = match &plan.disk {
        DiskChoice::None => None,
        DiskChoice::New { pool, .. } => {
            let pool = pool_of(pool)?;
            progress(&Step::AllocatingDisk);
            let xml = plan.volume_xml().unwrap_or_default();
            let vol = pool
                .create_volume_future(&xml)
                .await
                .map_err(failed(&tr("Allocating the disk")))?;
            undo.0.borrow_mut().push(Made::Volume(vol.clone()));
            let path = vol.path();
            progress(&Step::DiskReady(path.clone()));
            Some(path)
        }
        DiskChoice::Existing { pool, volume } => {
            let vol = pool_of(pool)?
                .volume_future(volume)
                .await
                .map_err(failed(&tr("Looking up the volume")))?;
            Some(vol.path())
        }
    };
    check(cancel)?;
    progress(&Step::Defining);
    let xml = plan
        .domain(limits, disk_path.as_deref(), iso_path.as_deref())
        .to_xml();
    // VIR_DOMAIN_DEFINE_VALIDATE: libvirt checks the XML against its schema first.
    let dom = conn
        .define_domain_flags_future(&xml, 1)
        .await
        .map_err(failed(&tr("Defining the machine")))?;
    undo.0.borrow_mut().push(Made::Domain(dom.clone(), false));
    progress(&Step::Defined);
    check(cancel)?;
    if plan.start {
        progress(&Step::Starting);
        let r = dom.start_future(0).await;
        if let Some(Made::Domain(_, started)) = undo.0.borrow_mut().last_mut() {
            *started = r.is_ok();
        }
        r.map_err(failed(&tr("Starting the machine")))?;
        check(cancel)?;
    }
    Ok(dom)
}

fn read_chunk(path: &str, off: u64, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    f.seek(SeekFrom::Start(off))?;
    let mut buf = vec![0u8; usize::try_from(len).unwrap_or(usize::MAX)];
    f.read_exact(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    #[test]
    fn remote_uris() {
        assert!(!super::is_remote("qemu:///system"));
        assert!(!super::is_remote("test:///default"));
        assert!(!super::is_remote("qemu://localhost/system"));
        assert!(super::is_remote("qemu+ssh://root@host/system"));
        assert!(super::is_remote("qemu+tcp://127.0.0.1/system"));
    }
}
