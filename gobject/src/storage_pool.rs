//! [`StoragePool`] (`GVirStoragePool`) and [`StorageVol`] (`GVirStorageVol`).

use std::cell::{Cell, RefCell};
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use crate::enums::StoragePoolState;
use crate::info::{StoragePoolInfo, StorageVolInfo};
use crate::util::{self, async_trio, run};

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::StoragePool)]
    pub struct StoragePool {
        pub(super) handle: RefCell<Option<virt::storage_pool::StoragePool>>,
        /// The pool's UUID.
        #[property(get)]
        pub(super) uuid: RefCell<String>,
        /// The pool's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
        /// Whether the pool is active (kept in sync from lifecycle events).
        #[property(get)]
        pub(super) active: Cell<bool>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for StoragePool {
        const NAME: &'static str = "GVirStoragePool";
        type Type = super::StoragePool;
    }

    #[glib::derived_properties]
    impl ObjectImpl for StoragePool {}
}

glib::wrapper! {
    /// A libvirt storage pool (`GVirStoragePool`). Its `active` property follows libvirt's
    /// storage pool lifecycle events.
    pub struct StoragePool(ObjectSubclass<imp::StoragePool>);
}

impl StoragePool {
    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::storage_pool::StoragePool> {
        self.imp().handle.borrow().clone()
    }

    pub(crate) fn new(
        handle: virt::storage_pool::StoragePool,
        uuid: String,
        name: String,
        active: bool,
    ) -> Self {
        let obj: Self = glib::Object::new();
        obj.imp().handle.replace(Some(handle));
        obj.imp().uuid.replace(uuid);
        obj.imp().name.replace(name);
        obj.imp().active.set(active);
        obj
    }

    pub(crate) fn replace_handle(&self, h: Option<virt::storage_pool::StoragePool>) {
        self.imp().handle.replace(h);
    }

    pub(crate) fn set_active(&self, a: bool) {
        if self.imp().active.replace(a) != a {
            self.notify_active();
        }
    }

    fn call<T, F>(
        &self,
        what: &'static str,
        f: F,
    ) -> impl Future<Output = Result<T, glib::Error>> + 'static
    where
        T: Send + 'static,
        F: FnOnce(&virt::storage_pool::StoragePool) -> Result<T, virt::error::Error>
            + Send
            + 'static,
    {
        let h = self
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        async move {
            let p = h?;
            run(what, move || f(&p)).await
        }
    }

    /// Builds the pool's underlying storage (`virStoragePoolBuild`).
    pub fn build_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("building the storage pool", move |p| p.build(flags))
    }

    /// Starts the pool (`virStoragePoolCreate`).
    pub fn start_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("starting the storage pool", move |p| p.create(flags))
    }

    /// Stops the pool (`virStoragePoolDestroy`).
    pub fn stop_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("stopping the storage pool", |p| p.destroy())
    }

    /// Refreshes the pool's volume list (`virStoragePoolRefresh`).
    pub fn refresh_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("refreshing the storage pool", |p| p.refresh(0))
    }

    /// Deletes the pool's underlying storage (`virStoragePoolDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("deleting the storage pool", move |p| p.delete(flags))
    }

    /// Undefines the pool (`virStoragePoolUndefine`).
    pub fn undefine_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("undefining the storage pool", |p| p.undefine())
    }

    /// The pool's state and sizes (`virStoragePoolGetInfo`).
    pub fn info_future(
        &self,
    ) -> impl Future<Output = Result<StoragePoolInfo, glib::Error>> + 'static {
        self.call("reading storage pool info", |p| {
            p.info().map(|i| StoragePoolInfo {
                state: StoragePoolState::from_raw(i.state as i32),
                capacity: i.capacity,
                allocation: i.allocation,
                available: i.available,
            })
        })
    }

    /// The pool's volumes (`virStoragePoolListAllVolumes`).
    pub fn volumes_future(
        &self,
    ) -> impl Future<Output = Result<Vec<StorageVol>, glib::Error>> + 'static {
        let fut = self.call("listing storage volumes", |p| {
            let vols = p.list_all_volumes(0)?;
            Ok(vols
                .into_iter()
                .map(|v| {
                    let name = v.name().unwrap_or_default();
                    let path = v.path().unwrap_or_default();
                    (v, name, path)
                })
                .collect::<Vec<_>>())
        });
        async move {
            Ok(fut
                .await?
                .into_iter()
                .map(|(v, n, p)| StorageVol::new(v, n, p))
                .collect())
        }
    }

    /// Creates a volume from XML (`virStorageVolCreateXML`).
    pub fn create_volume_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<StorageVol, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let fut = self.call("creating a storage volume", move |p| {
            let v = virt::storage_vol::StorageVol::create_xml(p, &xml, 0)?;
            let name = v.name().unwrap_or_default();
            let path = v.path().unwrap_or_default();
            Ok((v, name, path))
        });
        async move {
            let (v, n, p) = fut.await?;
            Ok(StorageVol::new(v, n, p))
        }
    }

    /// Whether the pool starts with the host (`virStoragePoolGetAutostart`).
    pub fn autostart_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call("reading autostart", |p| p.autostart())
    }

    /// Sets whether the pool starts with the host.
    pub fn set_autostart_future(
        &self,
        autostart: bool,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("setting autostart", move |p| p.set_autostart(autostart))
    }

    /// The pool's XML (`virStoragePoolGetXMLDesc`).
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call("reading the storage pool XML", |p| p.xml_desc(0))
    }

    /// The volume called `name` (`virStorageVolLookupByName`).
    pub fn volume_future(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<StorageVol, glib::Error>> + 'static {
        let name = name.to_owned();
        let fut = self.call("looking up a storage volume", move |p| {
            let v = p.lookup_storage_vol_by_name(&name)?;
            let path = v.path().unwrap_or_default();
            Ok((v, name, path))
        });
        async move {
            let (v, n, p) = fut.await?;
            Ok(StorageVol::new(v, n, p))
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
    }
}

mod vol_imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::StorageVol)]
    pub struct StorageVol {
        pub(super) handle: RefCell<Option<virt::storage_vol::StorageVol>>,
        /// The volume's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
        /// The volume's path.
        #[property(get)]
        pub(super) path: RefCell<String>,
    }

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

impl StorageVol {
    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::storage_vol::StorageVol> {
        self.imp().handle.borrow().clone()
    }

    pub(crate) fn new(handle: virt::storage_vol::StorageVol, name: String, path: String) -> Self {
        let obj: Self = glib::Object::new();
        obj.imp().handle.replace(Some(handle));
        obj.imp().name.replace(name);
        obj.imp().path.replace(path);
        obj
    }

    fn call<T, F>(
        &self,
        what: &'static str,
        f: F,
    ) -> impl Future<Output = Result<T, glib::Error>> + 'static
    where
        T: Send + 'static,
        F: FnOnce(&virt::storage_vol::StorageVol) -> Result<T, virt::error::Error> + Send + 'static,
    {
        let h = self
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        async move {
            let v = h?;
            run(what, move || f(&v)).await
        }
    }

    /// Deletes the volume (`virStorageVolDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("deleting the storage volume", move |v| v.delete(flags))
    }

    /// Resizes the volume (`virStorageVolResize`).
    pub fn resize_future(
        &self,
        capacity: u64,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("resizing the storage volume", move |v| {
            v.resize(capacity, flags)
        })
    }

    /// The volume's type and sizes (`virStorageVolGetInfo`).
    pub fn info_future(
        &self,
    ) -> impl Future<Output = Result<StorageVolInfo, glib::Error>> + 'static {
        self.call("reading storage volume info", |v| {
            v.info().map(|i| StorageVolInfo {
                kind: i.kind as i32,
                capacity: i.capacity,
                allocation: i.allocation,
            })
        })
    }

    /// Writes `data` at `offset` (`virStorageVolUpload` over a stream).
    pub fn upload_future(
        &self,
        data: glib::Bytes,
        offset: u64,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("uploading to the storage volume", move |v| {
            let conn = v.connect()?;
            let st = virt::stream::Stream::new(&conn, 0)?;
            v.upload(&st, offset, data.len() as u64, 0)?;
            let mut off = 0;
            while off < data.len() {
                let n = st.send(&data[off..])?;
                off += n.max(0) as usize;
            }
            st.finish()
        })
    }

    /// Reads `length` bytes at `offset` (0 = to the end; `virStorageVolDownload`).
    pub fn download_future(
        &self,
        offset: u64,
        length: u64,
    ) -> impl Future<Output = Result<glib::Bytes, glib::Error>> + 'static {
        self.call("downloading from the storage volume", move |v| {
            let conn = v.connect()?;
            let st = virt::stream::Stream::new(&conn, 0)?;
            v.download(&st, offset, length, 0)?;
            let mut out = Vec::new();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = st.recv(&mut buf)?;
                if n <= 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n as usize]);
            }
            st.finish()?;
            Ok(glib::Bytes::from_owned(out))
        })
    }

    /// The volume's XML (`virStorageVolGetXMLDesc`).
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call("reading the storage volume XML", |v| v.xml_desc(0))
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
