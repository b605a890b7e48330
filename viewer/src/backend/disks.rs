//! Disks and storage volumes for clone and delete: which volume backs a disk, which
//! domains use a volume, which volumes are backing images of others.

use std::collections::{HashMap, HashSet};

use futures_util::future::{join_all, select, Either};
use gio::prelude::*;
use libvirt_gconfig::{DiskDevice, Domain as DomainConfig, StorageVolume};
use libvirt_gobject::{Connection, Domain, StoragePool, StorageVol};

use crate::i18n::gettext_f;
use crate::Prop;

/// libvirt's `VIR_DOMAIN_XML_INACTIVE`: the persistent definition.
pub const XML_INACTIVE: u32 = 2;

/// A disk of a domain configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskRef {
    /// Target device (`vda`).
    pub target: String,
    /// Host path of the image.
    pub path: String,
    /// Whether it is a CD-ROM (or floppy): never copied, not offered for deletion by
    /// default.
    pub removable: bool,
}

/// The file-backed disks of `cfg`.
pub fn disks_of(cfg: &DomainConfig) -> Vec<DiskRef> {
    let Some(devs) = cfg.devices() else {
        return Vec::new();
    };
    devs.disks()
        .into_iter()
        .filter_map(|d| {
            let path = d
                .source()
                .and_then(|s| s.file().val().or_else(|| s.dev().val()))?;
            let removable = matches!(
                d.device().val(),
                Some(DiskDevice::Cdrom) | Some(DiskDevice::Floppy)
            );
            Some(DiskRef {
                target: d.target_dev().val().unwrap_or_default(),
                path,
                removable,
            })
        })
        .collect()
}

/// A volume and its pool.
#[derive(Debug, Clone)]
pub struct VolRef {
    /// The pool.
    pub pool: StoragePool,
    /// The volume.
    pub vol: StorageVol,
}

/// Every volume of the connection's active pools, by path.
pub async fn volumes_by_path(conn: &Connection) -> HashMap<String, VolRef> {
    let pools = conn.storage_pools();
    let lists = join_all(pools.iter().map(|p| p.volumes_future())).await;
    let mut out = HashMap::new();
    for (pool, list) in pools.into_iter().zip(lists) {
        for vol in list.unwrap_or_default() {
            out.insert(
                vol.path(),
                VolRef {
                    pool: pool.clone(),
                    vol,
                },
            );
        }
    }
    out
}

/// The paths that are the backing image of some volume.
pub async fn backing_paths(vols: &HashMap<String, VolRef>) -> HashSet<String> {
    let xmls = join_all(vols.values().map(|v| v.vol.xml_future())).await;
    xmls.into_iter()
        .filter_map(Result::ok)
        .filter_map(|x| StorageVolume::from_xml(&x).ok())
        .filter_map(|v| v.backing_store().and_then(|b| b.path().val()))
        .collect()
}

/// For each disk path, the names of the domains (other than `except`) that use it.
pub async fn disk_users(conn: &Connection, except: &Domain) -> HashMap<String, Vec<String>> {
    let others: Vec<Domain> = conn
        .domains()
        .into_iter()
        .filter(|d| d.uuid() != except.uuid())
        .collect();
    let cfgs = join_all(others.iter().map(|d| d.config_future(XML_INACTIVE))).await;
    let mut users: HashMap<String, Vec<String>> = HashMap::new();
    for (d, cfg) in others.iter().zip(cfgs) {
        if let Ok(cfg) = cfg {
            for disk in disks_of(&cfg) {
                users.entry(disk.path).or_default().push(d.name());
            }
        }
    }
    users
}

/// One disk offered by the Delete dialog.
#[derive(Debug, Clone)]
pub struct DiskChoice {
    /// The disk.
    pub disk: DiskRef,
    /// The volume to delete, or why it must not be deleted.
    pub volume: Result<VolRef, String>,
}

impl DiskChoice {
    /// Whether the dialog checks it by default (deletable hard disks).
    pub fn default_checked(&self) -> bool {
        self.volume.is_ok() && !self.disk.removable
    }
}

/// What deleting `dom` could delete with it, and what it must not.
pub async fn plan_delete(dom: &Domain) -> Result<Vec<DiskChoice>, glib::Error> {
    let conn = dom
        .connection()
        .ok_or_else(|| glib::Error::new(gio::IOErrorEnum::NotConnected, "no connection"))?;
    let cfg = dom.config_future(XML_INACTIVE).await?;
    let vols = volumes_by_path(&conn).await;
    let backing = backing_paths(&vols).await;
    let users = disk_users(&conn, dom).await;
    Ok(disks_of(&cfg)
        .into_iter()
        .map(|disk| {
            let volume = if let Some(u) = users.get(&disk.path) {
                Err(gettext_f("used by {names}", &[("names", &u.join(", "))]))
            } else if backing.contains(&disk.path) {
                Err(gettext_f("backing image of another volume", &[]))
            } else {
                vols.get(&disk.path)
                    .cloned()
                    .ok_or_else(|| gettext_f("not in a storage pool", &[]))
            };
            DiskChoice { disk, volume }
        })
        .collect())
}

/// Deletes `dom` (stopping it first) and the volumes of `paths` that are still safe to
/// delete (checked again now). Returns the paths deleted.
///
/// # Errors
///
/// libvirt's message of the first failing step; volumes are only deleted once the
/// domain is gone.
pub async fn delete_domain(dom: &Domain, paths: &[String]) -> Result<Vec<String>, String> {
    let plan = plan_delete(dom).await.map_err(|e| e.message().to_owned())?;
    if dom.state().is_active() {
        dom.destroy_future(0)
            .await
            .map_err(|e| e.message().to_owned())?;
    }
    // VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA
    dom.delete_future(1 | 2)
        .await
        .map_err(|e| e.message().to_owned())?;
    let mut deleted = Vec::new();
    for choice in plan {
        if let (true, Ok(v)) = (paths.contains(&choice.disk.path), &choice.volume) {
            v.vol
                .delete_future(0)
                .await
                .map_err(|e| e.message().to_owned())?;
            deleted.push(choice.disk.path.clone());
        }
    }
    Ok(deleted)
}

/// The name of a disk copy: the source file name with the old domain name replaced by the
/// new one (or prefixed with it).
pub fn copy_name(vol_name: &str, old: &str, new: &str) -> String {
    if vol_name.contains(old) {
        vol_name.replacen(old, new, 1)
    } else {
        format!("{new}-{vol_name}")
    }
}

/// How often the size of a disk copy in progress is read.
const COPY_POLL: std::time::Duration = std::time::Duration::from_millis(300);

/// How far a clone is.
#[derive(Debug, Clone, PartialEq)]
pub struct CloneProgress {
    /// The disk being copied, from 1.
    pub disk: usize,
    /// How many disks are copied.
    pub disks: usize,
    /// The name of the copy being made.
    pub volume: String,
    /// The share of all bytes copied so far, 0.0 to 1.0.
    pub fraction: f64,
}

/// Why a clone did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloneError {
    /// It was cancelled; the copies made so far were deleted.
    Cancelled,
    /// It failed with this message (libvirt's, or why a disk cannot be copied); the
    /// copies made so far were deleted.
    Failed(String),
}

impl std::fmt::Display for CloneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CloneError::Cancelled => f.write_str(&crate::i18n::tr("The clone was cancelled.")),
            CloneError::Failed(m) => f.write_str(m),
        }
    }
}

impl From<glib::Error> for CloneError {
    fn from(e: glib::Error) -> Self {
        CloneError::Failed(e.message().to_owned())
    }
}

/// Copies `src` (in `pool`) as `name`, reporting the copy's allocation as it grows
/// (libvirt has no progress callback for `virStorageVolCreateXMLFrom`: the new volume is
/// looked up and its size read every [`COPY_POLL`], as virt-manager does).
async fn copy_volume(
    src: &VolRef,
    name: &str,
    capacity: u64,
    on_bytes: impl Fn(u64),
) -> Result<StorageVol, glib::Error> {
    let xml = format!(
        "<volume><name>{}</name><capacity>{}</capacity></volume>",
        glib::markup_escape_text(name),
        capacity
    );
    let copy = src.pool.create_volume_from_future(&xml, &src.vol, 0);
    let (pool, name) = (src.pool.clone(), name.to_owned());
    let watch = async move {
        loop {
            glib::timeout_future(COPY_POLL).await;
            if let Ok(v) = pool.volume_future(&name).await {
                if let Ok(i) = v.info_future().await {
                    on_bytes(i.allocation);
                }
            }
        }
    };
    match select(Box::pin(copy), Box::pin(watch)).await {
        Either::Left((r, _)) => r,
        Either::Right(((), _)) => unreachable!("the size watch never ends"),
    }
}

/// Clones `dom` as `new_name`: its configuration without UUID and MACs (libvirt makes
/// new ones), each hard disk copied to a new volume in the same pool, one after the
/// other, `progress` told before and during each copy. Cancelling `cancel` stops after
/// the copy in flight (libvirt cannot stop one). Nothing is left behind on failure or
/// cancel: the copies are deleted and no domain is defined.
///
/// # Errors
///
/// [`CloneError::Cancelled`], or a disk outside any storage pool (it could not be
/// copied), or libvirt's message.
pub async fn clone_domain(
    dom: &Domain,
    new_name: &str,
    cancel: &gio::Cancellable,
    progress: impl Fn(&CloneProgress) + Clone,
) -> Result<Domain, CloneError> {
    let fail = |m: String| CloneError::Failed(m);
    let conn = dom
        .connection()
        .ok_or_else(|| fail("no connection".into()))?;
    if conn.find_domain_by_name(new_name).is_some() {
        return Err(fail(gettext_f(
            "A machine called {name} exists already.",
            &[("name", new_name)],
        )));
    }
    let cfg = dom.config_future(XML_INACTIVE).await?;
    let old = dom.name();
    cfg.set_name(Some(new_name.to_owned()));
    cfg.set_uuid(None);
    if let Some(devs) = cfg.devices() {
        for nic in devs.interfaces() {
            nic.set_mac_address(None);
            nic.set_target_dev(None);
        }
        for g in devs.graphics() {
            g.set_port(None);
        }
    }
    let vols = volumes_by_path(&conn).await;
    let mut plan = Vec::new();
    for disk in disks_of(&cfg).into_iter().filter(|d| !d.removable) {
        let v = vols.get(&disk.path).ok_or_else(|| {
            fail(gettext_f(
                "Disk {target} ({path}) is not in a storage pool: it cannot be copied.",
                &[("target", &disk.target), ("path", &disk.path)],
            ))
        })?;
        plan.push((disk, v.clone()));
    }
    let infos = join_all(plan.iter().map(|(_, v)| v.vol.info_future())).await;
    let infos = infos.into_iter().collect::<Result<Vec<_>, _>>()?;
    // What a copy writes is about the source's allocation (a sparse or qcow2 image is
    // not written out to its capacity).
    let sizes: Vec<u64> = infos.iter().map(|i| i.allocation.max(1)).collect();
    let total: u64 = sizes.iter().sum::<u64>().max(1);
    let mut created: Vec<StorageVol> = Vec::new();
    let result = async {
        let mut before = 0u64;
        for (k, ((disk, v), info)) in plan.iter().zip(&infos).enumerate() {
            if cancel.is_cancelled() {
                return Err(CloneError::Cancelled);
            }
            let name = copy_name(&v.vol.name(), &old, new_name);
            let step = CloneProgress {
                disk: k + 1,
                disks: plan.len(),
                volume: name.clone(),
                fraction: before as f64 / total as f64,
            };
            progress(&step);
            let (size, p, step2) = (sizes[k], progress.clone(), step.clone());
            let copy = copy_volume(v, &name, info.capacity, move |bytes| {
                p(&CloneProgress {
                    fraction: (before + bytes.min(size)) as f64 / total as f64,
                    ..step2.clone()
                });
            })
            .await?;
            before += sizes[k];
            let new_path = copy.path();
            created.push(copy);
            progress(&CloneProgress {
                fraction: before as f64 / total as f64,
                ..step
            });
            if let Some(devs) = cfg.devices() {
                for d in devs.disks() {
                    if d.target_dev().val().as_deref() == Some(disk.target.as_str()) {
                        if let Some(s) = d.source() {
                            s.set_file(Some(new_path.clone()));
                        }
                    }
                }
            }
        }
        if cancel.is_cancelled() {
            return Err(CloneError::Cancelled);
        }
        Ok(conn.create_domain_future(&cfg.to_xml()).await?)
    }
    .await;
    if result.is_err() {
        for v in created {
            if let Err(e) = v.delete_future(0).await {
                tracing::warn!(volume = %v.path(), error = %e, "could not delete a clone's disk copy");
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_names_follow_the_new_domain_name() {
        assert_eq!(copy_name("web.qcow2", "web", "web2"), "web2.qcow2");
        assert_eq!(copy_name("disk0.img", "web", "web2"), "web2-disk0.img");
    }

    #[test]
    fn cdroms_are_removable_and_blockless_disks_skipped() {
        let cfg = DomainConfig::from_xml(
            "<domain type='test'><name>a</name><devices>
               <disk type='file' device='disk'><source file='/p/a.qcow2'/><target dev='vda'/></disk>
               <disk type='file' device='cdrom'><source file='/p/x.iso'/><target dev='sda'/></disk>
               <disk type='file' device='cdrom'><target dev='sdb'/></disk>
             </devices></domain>",
        )
        .expect("valid XML");
        let d = disks_of(&cfg);
        assert_eq!(d.len(), 2);
        assert!(!d[0].removable && d[0].path == "/p/a.qcow2" && d[0].target == "vda");
        assert!(d[1].removable);
    }
}
