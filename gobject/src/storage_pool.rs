//! [`StoragePool`] (`GVirStoragePool`) and [`StorageVol`] (`GVirStorageVol`).

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use crate::enums::StoragePoolState;
use crate::info::{StoragePoolInfo, StorageVolInfo};
use crate::stream::new_stream;
use crate::trace::func;
use crate::util::{self, async_trio, run, Handled as _};

crate::handles::active_class!(
    /// A libvirt storage pool (`GVirStoragePool`). Its `active` property follows libvirt's
    /// storage pool lifecycle events.
    StoragePool,
    "GVirStoragePool",
    virt::storage_pool::StoragePool,
    StoragePoolHandle
);

impl StoragePool {
    /// Builds the pool's underlying storage (`virStoragePoolBuild`).
    pub fn build_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolBuild", "building the storage pool"),
            Some(flags),
            move |p| p.build(flags),
        )
    }

    /// Starts the pool (`virStoragePoolCreate`).
    pub fn start_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolCreate", "starting the storage pool"),
            Some(flags),
            move |p| p.create(flags),
        )
    }

    /// Stops the pool (`virStoragePoolDestroy`).
    pub fn stop_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolDestroy", "stopping the storage pool"),
            None,
            |p| p.destroy(),
        )
    }

    /// Refreshes the pool's volume list (`virStoragePoolRefresh`).
    pub fn refresh_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolRefresh", "refreshing the storage pool"),
            Some(0),
            |p| p.refresh(0),
        )
    }

    /// Deletes the pool's underlying storage (`virStoragePoolDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolDelete", "deleting the storage pool"),
            Some(flags),
            move |p| p.delete(flags),
        )
    }

    /// Undefines the pool (`virStoragePoolUndefine`).
    pub fn undefine_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolUndefine", "undefining the storage pool"),
            None,
            |p| p.undefine(),
        )
    }

    /// The pool's state and sizes (`virStoragePoolGetInfo`).
    pub fn info_future(
        &self,
    ) -> impl Future<Output = Result<StoragePoolInfo, glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolGetInfo", "reading storage pool info"),
            None,
            |p| {
                p.info().map(|i| StoragePoolInfo {
                    state: StoragePoolState::from_raw(i.state as i32),
                    capacity: i.capacity,
                    allocation: i.allocation,
                    available: i.available,
                })
            },
        )
    }

    /// The pool's volumes (`virStoragePoolListAllVolumes`).
    pub fn volumes_future(
        &self,
    ) -> impl Future<Output = Result<Vec<StorageVol>, glib::Error>> + 'static {
        let fut = self.call(
            func!("virStoragePoolListAllVolumes", "listing storage volumes"),
            Some(0),
            |p| {
                let vols = p.list_all_volumes(0)?;
                Ok(vols
                    .into_iter()
                    .map(|v| {
                        let name = v.name().unwrap_or_default();
                        let path = v.path().unwrap_or_default();
                        (v, name, path)
                    })
                    .collect::<Vec<_>>())
            },
        );
        let pool = self.clone();
        async move {
            Ok(fut
                .await?
                .into_iter()
                .map(|(v, n, p)| StorageVol::new(&pool, v, n, p))
                .collect())
        }
    }

    /// Creates a volume from XML (`virStorageVolCreateXML`).
    pub fn create_volume_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<StorageVol, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let fut = self.call(
            func!("virStorageVolCreateXML", "creating a storage volume"),
            Some(0),
            move |p| {
                let v = virt::storage_vol::StorageVol::create_xml(p, &xml, 0)?;
                let name = v.name().unwrap_or_default();
                let path = v.path().unwrap_or_default();
                Ok((v, name, path))
            },
        );
        let pool = self.clone();
        async move {
            let (v, n, p) = fut.await?;
            Ok(StorageVol::new(&pool, v, n, p))
        }
    }

    /// Creates a volume in this pool as a copy of `source` (`virStorageVolCreateXMLFrom`;
    /// `source` may be in another pool of the same connection). `xml` names the new volume
    /// and may set its format (e.g. qcow2 from raw).
    pub fn create_volume_from_future(
        &self,
        xml: &str,
        source: &StorageVol,
        flags: u32,
    ) -> impl Future<Output = Result<StorageVol, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let src = source
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        let handle = self
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        let pool = self.clone();
        async move {
            let (p, src) = (handle?, src?);
            let (v, n, path) = run(
                func!("virStorageVolCreateXMLFrom", "copying a storage volume"),
                p,
                Some(flags),
                move |p| {
                    let v = virt::storage_vol::StorageVol::create_xml_from(p, &xml, &src, flags)?;
                    let name = v.name().unwrap_or_default();
                    let path = v.path().unwrap_or_default();
                    Ok::<_, virt::error::Error>((v, name, path))
                },
            )
            .await?;
            Ok(StorageVol::new(&pool, v, n, path))
        }
    }

    /// Whether the pool starts with the host (`virStoragePoolGetAutostart`).
    pub fn autostart_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolGetAutostart", "reading autostart"),
            None,
            |p| p.autostart(),
        )
    }

    /// Sets whether the pool starts with the host.
    pub fn set_autostart_future(
        &self,
        autostart: bool,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolSetAutostart", "setting autostart"),
            None,
            move |p| p.set_autostart(autostart),
        )
    }

    /// The pool's XML (`virStoragePoolGetXMLDesc`).
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call(
            func!("virStoragePoolGetXMLDesc", "reading the storage pool XML"),
            Some(0),
            |p| p.xml_desc(0),
        )
    }

    /// The volume called `name` (`virStorageVolLookupByName`).
    pub fn volume_future(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<StorageVol, glib::Error>> + 'static {
        let name = name.to_owned();
        let fut = self.call(
            func!("virStorageVolLookupByName", "looking up a storage volume"),
            None,
            move |p| {
                let v = p.lookup_storage_vol_by_name(&name)?;
                let path = v.path().unwrap_or_default();
                Ok((v, name, path))
            },
        );
        let pool = self.clone();
        async move {
            let (v, n, p) = fut.await?;
            Ok(StorageVol::new(&pool, v, n, p))
        }
    }

    async_trio! {
        /// Reads autostart.
        fn autostart, autostart_async => autostart_future() -> bool;
        /// Sets autostart.
        fn set_autostart, set_autostart_async => set_autostart_future(autostart: bool) -> ();
        /// Reads the pool XML.
        fn xml, xml_async => xml_future() -> String;
        /// Looks a volume up by name.
        fn volume, volume_async => volume_future(name: &str) -> StorageVol;
    }

    async_trio! {
        /// Builds the pool.
        fn build, build_async => build_future(flags: u32) -> ();
        /// Starts the pool.
        fn start, start_async => start_future(flags: u32) -> ();
        /// Stops the pool.
        fn stop, stop_async => stop_future() -> ();
        /// Refreshes the pool.
        fn refresh, refresh_async => refresh_future() -> ();
        /// Deletes the pool's storage.
        fn delete, delete_async => delete_future(flags: u32) -> ();
        /// Undefines the pool.
        fn undefine, undefine_async => undefine_future() -> ();
        /// Reads pool info.
        fn info, info_async => info_future() -> StoragePoolInfo;
        /// Lists volumes.
        fn volumes, volumes_async => volumes_future() -> Vec<StorageVol>;
        /// Creates a volume.
        fn create_volume, create_volume_async => create_volume_future(xml: &str) -> StorageVol;
        /// Creates a volume as a copy of another.
        fn create_volume_from, create_volume_from_async => create_volume_from_future(xml: &str, source: &StorageVol, flags: u32) -> StorageVol;
    }
}

/// The state of a long transfer, shared between the worker thread doing it and the UI
/// polling it: bytes done of the total, and a cancel request.
#[derive(Debug, Default)]
pub struct Transfer {
    /// Bytes transferred so far.
    pub done: std::sync::atomic::AtomicU64,
    /// Bytes to transfer in all (set when the transfer starts).
    pub total: std::sync::atomic::AtomicU64,
    cancelled: std::sync::atomic::AtomicBool,
}

impl Transfer {
    /// Asks the transfer to stop (it fails with "cancelled" at the next chunk).
    pub fn cancel(&self) {
        self.cancelled
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The fraction done, 0.0 to 1.0 (0.0 while the total is unknown).
    pub fn fraction(&self) -> f64 {
        let t = self.total.load(std::sync::atomic::Ordering::Relaxed);
        if t == 0 {
            0.0
        } else {
            self.done.load(std::sync::atomic::Ordering::Relaxed) as f64 / t as f64
        }
    }
}

mod vol_imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::StorageVol)]
    pub struct StorageVol {
        /// The libvirt handle as the C library's boxed `GVirStorageVolHandle` (construct-only: adopts
        /// an existing libvirt object, as in the C library).
        #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::StorageVolHandle>)]
        pub(super) handle_boxed: std::marker::PhantomData<Option<crate::handles::StorageVolHandle>>,
        pub(super) handle: RefCell<Option<virt::storage_vol::StorageVol>>,
        /// The volume's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
        /// The volume's path.
        #[property(get)]
        pub(super) path: RefCell<String>,
        /// The pool holding the volume (`pool` in the C library).
        #[property(get, set, construct_only)]
        pub(super) pool: glib::WeakRef<super::StoragePool>,
    }

    crate::handles::handle_property!(StorageVol, StorageVolHandle);

    #[glib::object_subclass]
    impl ObjectSubclass for StorageVol {
        const NAME: &'static str = "GVirStorageVol";
        type Type = super::StorageVol;
    }

    #[glib::derived_properties]
    impl ObjectImpl for StorageVol {}
}

glib::wrapper! {
    /// A storage volume (`GVirStorageVol`).
    pub struct StorageVol(ObjectSubclass<vol_imp::StorageVol>);
}

impl util::Handled for StorageVol {
    type Handle = virt::storage_vol::StorageVol;

    fn handle(&self) -> Option<Self::Handle> {
        self.imp().handle.borrow().clone()
    }
}

impl StorageVol {
    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::storage_vol::StorageVol> {
        self.imp().handle.borrow().clone()
    }

    pub(crate) fn new(
        pool: &StoragePool,
        handle: virt::storage_vol::StorageVol,
        name: String,
        path: String,
    ) -> Self {
        let obj: Self = glib::Object::builder().property("pool", pool).build();
        obj.imp().handle.replace(Some(handle));
        obj.imp().name.replace(name);
        obj.imp().path.replace(path);
        obj
    }

    /// Deletes the volume (`virStorageVolDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStorageVolDelete", "deleting the storage volume"),
            Some(flags),
            move |v| v.delete(flags),
        )
    }

    /// Resizes the volume (`virStorageVolResize`).
    pub fn resize_future(
        &self,
        capacity: u64,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStorageVolResize", "resizing the storage volume"),
            Some(flags),
            move |v| v.resize(capacity, flags),
        )
    }

    /// The volume's type and sizes (`virStorageVolGetInfo`).
    pub fn info_future(
        &self,
    ) -> impl Future<Output = Result<StorageVolInfo, glib::Error>> + 'static {
        self.call(
            func!("virStorageVolGetInfo", "reading storage volume info"),
            None,
            |v| {
                v.info().map(|i| StorageVolInfo {
                    kind: i.kind as i32,
                    capacity: i.capacity,
                    allocation: i.allocation,
                })
            },
        )
    }

    /// Writes `data` at `offset` (`virStorageVolUpload` over a stream).
    pub fn upload_future(
        &self,
        data: glib::Bytes,
        offset: u64,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virStorageVolUpload", "uploading to the storage volume"),
            Some(0),
            move |v| {
                let st = new_stream(v)?;
                v.upload(&st, offset, data.len() as u64, 0)?;
                crate::stream::send_all(&st, v, &data)
            },
        )
    }

    /// Uploads the local file `path` into the volume from its start
    /// (`virStorageVolUpload` over a stream, in 256 KiB chunks, on a worker thread).
    /// `progress` counts the bytes sent so far (poll it for a progress bar) and stops the
    /// transfer when cancelled. Returns the number of bytes sent.
    pub fn upload_file_future(
        &self,
        path: &std::path::Path,
        progress: std::sync::Arc<Transfer>,
    ) -> impl Future<Output = Result<u64, glib::Error>> + 'static {
        use std::io::Read;
        let path = path.to_owned();
        self.call_with::<_, glib::Error, _>(
            func!("virStorageVolUpload", "uploading to the storage volume"),
            Some(0),
            move |v| {
                let io_err = |e: std::io::Error| {
                    util::own_error(
                        libvirt_glib::ErrorCode::SystemError,
                        format!("reading {}: {e}", path.display()),
                    )
                };
                let virt_err = |e: virt::error::Error| {
                    libvirt_glib::Error::from_virt(&e, "uploading to the storage volume").to_glib()
                };
                let mut file = std::fs::File::open(&path).map_err(io_err)?;
                let len = file.metadata().map_err(io_err)?.len();
                progress
                    .total
                    .store(len, std::sync::atomic::Ordering::Relaxed);
                let st = new_stream(v).map_err(virt_err)?;
                v.upload(&st, 0, len, 0).map_err(virt_err)?;
                let mut buf = vec![0u8; 256 * 1024];
                let mut sent = 0u64;
                let res = loop {
                    if progress.is_cancelled() {
                        break Err(util::own_error(
                            libvirt_glib::ErrorCode::OperationAborted,
                            "the upload was cancelled",
                        ));
                    }
                    let n = match file.read(&mut buf) {
                        Ok(0) => break Ok(()),
                        Ok(n) => n,
                        Err(e) => break Err(io_err(e)),
                    };
                    if let Err(e) = crate::stream::send_chunk(&st, v, &buf[..n]) {
                        break Err(virt_err(e));
                    }
                    sent += n as u64;
                    progress
                        .done
                        .store(sent, std::sync::atomic::Ordering::Relaxed);
                };
                match res {
                    Ok(()) => crate::stream::finish(&st, v)
                        .map_err(virt_err)
                        .map(|_| sent),
                    Err(e) => {
                        crate::stream::abort_stream(&st, v);
                        Err(e)
                    }
                }
            },
        )
    }

    /// Reads `length` bytes at `offset` (0 = to the end; `virStorageVolDownload`).
    pub fn download_future(
        &self,
        offset: u64,
        length: u64,
    ) -> impl Future<Output = Result<glib::Bytes, glib::Error>> + 'static {
        self.call(
            func!(
                "virStorageVolDownload",
                "downloading from the storage volume"
            ),
            Some(0),
            move |v| {
                let st = new_stream(v)?;
                v.download(&st, offset, length, 0)?;
                let out = crate::stream::recv_all(&st, v, 64 * 1024)?;
                Ok(glib::Bytes::from_owned(out))
            },
        )
    }

    /// The volume's XML (`virStorageVolGetXMLDesc`).
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call(
            func!("virStorageVolGetXMLDesc", "reading the storage volume XML"),
            Some(0),
            |v| v.xml_desc(0),
        )
    }

    async_trio! {
        /// Reads the volume XML.
        fn xml, xml_async => xml_future() -> String;
        /// Deletes the volume.
        fn delete, delete_async => delete_future(flags: u32) -> ();
        /// Resizes the volume.
        fn resize, resize_async => resize_future(capacity: u64, flags: u32) -> ();
        /// Reads volume info.
        fn info, info_async => info_future() -> StorageVolInfo;
        /// Uploads data.
        fn upload, upload_async => upload_future(data: glib::Bytes, offset: u64) -> ();
        /// Downloads data.
        fn download, download_async => download_future(offset: u64, length: u64) -> glib::Bytes;
    }
}
