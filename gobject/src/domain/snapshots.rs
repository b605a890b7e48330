//! Domain snapshots (`GVirDomainSnapshot`).

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use super::Domain;
use crate::util::{self, async_trio, run};

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::DomainSnapshot)]
    pub struct DomainSnapshot {
        pub(super) handle: RefCell<Option<virt::domain_snapshot::DomainSnapshot>>,
        /// The snapshot's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for DomainSnapshot {
        const NAME: &'static str = "GVirDomainSnapshot";
        type Type = super::DomainSnapshot;
    }

    #[glib::derived_properties]
    impl ObjectImpl for DomainSnapshot {}
}

glib::wrapper! {
    /// A snapshot of a [`Domain`] (`GVirDomainSnapshot`).
    pub struct DomainSnapshot(ObjectSubclass<imp::DomainSnapshot>);
}

impl DomainSnapshot {
    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::domain_snapshot::DomainSnapshot> {
        self.imp().handle.borrow().clone()
    }

    fn new(handle: virt::domain_snapshot::DomainSnapshot, name: String) -> Self {
        let obj: Self = glib::Object::new();
        obj.imp().handle.replace(Some(handle));
        obj.imp().name.replace(name);
        obj
    }

    fn call<T, F>(
        &self,
        what: &'static str,
        f: F,
    ) -> impl Future<Output = Result<T, glib::Error>> + 'static
    where
        T: Send + 'static,
        F: FnOnce(&virt::domain_snapshot::DomainSnapshot) -> Result<T, virt::error::Error>
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
            let s = h?;
            run(what, move || f(&s)).await
        }
    }

    /// Reverts the domain to this snapshot (`virDomainRevertToSnapshot`).
    pub fn revert_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("reverting to the snapshot", move |s| s.revert(flags))
    }

    /// Deletes the snapshot (`virDomainSnapshotDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("deleting the snapshot", move |s| s.delete(flags))
    }

    /// The snapshot's XML.
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call("reading the snapshot XML", |s| s.xml_desc(0))
    }

    /// Whether this is the domain's current snapshot (`virDomainSnapshotIsCurrent`).
    pub fn is_current_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call("reading the current snapshot", |s| s.is_current(0))
    }

    /// [`Self::revert_future`] under the C library's name
    /// (`gvir_domain_snapshot_revert_to`).
    pub fn revert_to_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.revert_future(flags)
    }

    async_trio! {
        /// Reverts to the snapshot (the C library's name for [`Self::revert`]).
        fn revert_to, revert_to_async => revert_to_future(flags: u32) -> ();
        /// Reads whether the snapshot is current.
        fn is_current, is_current_async => is_current_future() -> bool;
        /// Reverts to the snapshot.
        fn revert, revert_async => revert_future(flags: u32) -> ();
        /// Deletes the snapshot.
        fn delete, delete_async => delete_future(flags: u32) -> ();
        /// Reads the snapshot XML.
        fn xml, xml_async => xml_future() -> String;
    }
}

impl Domain {
    /// Creates a snapshot from snapshot XML (`virDomainSnapshotCreateXML`; `None` =
    /// libvirt picks a name).
    pub fn create_snapshot_future(
        &self,
        xml: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<DomainSnapshot, glib::Error>> + 'static {
        let xml = xml.unwrap_or("<domainsnapshot/>").to_owned();
        let handle = self.handle();
        async move {
            let dom = handle?;
            let (s, n) = run("creating a snapshot", move || {
                let s = dom.create_snapshot_xml(&xml, flags)?;
                let n = s.name()?;
                Ok((s, n))
            })
            .await?;
            Ok(DomainSnapshot::new(s, n))
        }
    }

    /// The domain's snapshots (`virDomainListAllSnapshots`).
    pub fn snapshots_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<Vec<DomainSnapshot>, glib::Error>> + 'static {
        let handle = self.handle();
        async move {
            let dom = handle?;
            let list = run("listing snapshots", move || {
                let l = dom.list_all_snapshots(flags)?;
                Ok(l.into_iter()
                    .map(|s| {
                        let n = s.name().unwrap_or_default();
                        (s, n)
                    })
                    .collect::<Vec<_>>())
            })
            .await?;
            Ok(list
                .into_iter()
                .map(|(s, n)| DomainSnapshot::new(s, n))
                .collect())
        }
    }

    /// Whether the domain has a current snapshot (`virDomainHasCurrentSnapshot`).
    pub fn has_current_snapshot_future(
        &self,
    ) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        let handle = self.handle();
        async move {
            let dom = handle?;
            util::run_glib(move || {
                // SAFETY: valid domain pointer.
                let r = unsafe { virt_sys::virDomainHasCurrentSnapshot(dom.as_ptr(), 0) };
                if r < 0 {
                    Err(util::last_error("reading the current snapshot"))
                } else {
                    Ok(r == 1)
                }
            })
            .await
        }
    }

    async_trio! {
        /// Reads whether a current snapshot exists.
        fn has_current_snapshot, has_current_snapshot_async => has_current_snapshot_future() -> bool;
        /// Creates a snapshot.
        fn create_snapshot, create_snapshot_async => create_snapshot_future(xml: Option<&str>, flags: u32) -> DomainSnapshot;
        /// Lists snapshots.
        fn snapshots, snapshots_async => snapshots_future(flags: u32) -> Vec<DomainSnapshot>;
        /// Lists snapshots (the C library's name for [`Self::snapshots`]).
        fn fetch_snapshots, fetch_snapshots_async => fetch_snapshots_future(flags: u32) -> Vec<DomainSnapshot>;
    }

    /// [`Self::snapshots_future`] under the C library's name
    /// (`gvir_domain_fetch_snapshots`).
    pub fn fetch_snapshots_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<Vec<DomainSnapshot>, glib::Error>> + 'static {
        self.snapshots_future(flags)
    }
}
