//! Domain snapshots (`GVirDomainSnapshot`).

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use super::Domain;
use crate::trace::func;
use crate::util::{self, async_trio, run, Handled as _};

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::DomainSnapshot)]
    pub struct DomainSnapshot {
        /// The libvirt handle as the C library's boxed `GVirDomainSnapshotHandle` (construct-only: adopts
        /// an existing libvirt object, as in the C library).
        #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::DomainSnapshotHandle>)]
        pub(super) handle_boxed:
            std::marker::PhantomData<Option<crate::handles::DomainSnapshotHandle>>,
        pub(super) handle: RefCell<Option<virt::domain_snapshot::DomainSnapshot>>,
        /// The snapshot's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
    }

    crate::handles::handle_property!(DomainSnapshot, DomainSnapshotHandle);

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

impl util::Handled for DomainSnapshot {
    type Handle = virt::domain_snapshot::DomainSnapshot;

    fn handle(&self) -> Option<Self::Handle> {
        self.imp().handle.borrow().clone()
    }
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

    /// Reverts the domain to this snapshot (`virDomainRevertToSnapshot`).
    pub fn revert_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainRevertToSnapshot", "reverting to the snapshot"),
            Some(flags),
            move |s| s.revert(flags),
        )
    }

    /// Deletes the snapshot (`virDomainSnapshotDelete`).
    pub fn delete_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virDomainSnapshotDelete", "deleting the snapshot"),
            Some(flags),
            move |s| s.delete(flags),
        )
    }

    /// The snapshot's XML.
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call(
            func!("virDomainSnapshotGetXMLDesc", "reading the snapshot XML"),
            Some(0),
            |s| s.xml_desc(0),
        )
    }

    /// The name of the parent snapshot (`virDomainSnapshotGetParent`), `None` for a root.
    pub fn parent_name_future(
        &self,
    ) -> impl Future<Output = Result<Option<String>, glib::Error>> + 'static {
        self.call(
            func!("virDomainSnapshotGetParent", "reading the parent snapshot"),
            Some(0),
            |s| match s.parent(0) {
                Ok(p) => p.name().map(Some),
                Err(e) if e.code().to_raw() == virt_sys::VIR_ERR_NO_DOMAIN_SNAPSHOT => Ok(None),
                Err(e) => Err(e),
            },
        )
    }

    /// Whether this is the domain's current snapshot (`virDomainSnapshotIsCurrent`).
    pub fn is_current_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call(
            func!("virDomainSnapshotIsCurrent", "reading the current snapshot"),
            Some(0),
            |s| s.is_current(0),
        )
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
        /// Reads the parent snapshot's name.
        fn parent_name, parent_name_async => parent_name_future() -> Option<String>;
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
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let what = "creating a snapshot";
            let (s, n) = run(
                func!("virDomainSnapshotCreateXML", what),
                dom,
                Some(flags),
                move |dom| {
                    let s = dom.create_snapshot_xml(&xml, flags)?;
                    let n = s.name()?;
                    Ok::<_, virt::error::Error>((s, n))
                },
            )
            .await?;
            Ok(DomainSnapshot::new(s, n))
        }
    }

    /// The domain's snapshots (`virDomainListAllSnapshots`).
    pub fn snapshots_future(
        &self,
        flags: u32,
    ) -> impl Future<Output = Result<Vec<DomainSnapshot>, glib::Error>> + 'static {
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let what = "listing snapshots";
            let list = run(
                func!("virDomainListAllSnapshots", what),
                dom,
                Some(flags),
                move |dom| {
                    let l = dom.list_all_snapshots(flags)?;
                    Ok::<_, virt::error::Error>(
                        l.into_iter()
                            .map(|s| {
                                let n = s.name().unwrap_or_default();
                                (s, n)
                            })
                            .collect::<Vec<_>>(),
                    )
                },
            )
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
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let what = "reading the current snapshot";
            run(
                func!("virDomainHasCurrentSnapshot", what),
                dom,
                Some(0),
                move |dom| {
                    // SAFETY: valid domain pointer.
                    let r = unsafe { virt_sys::virDomainHasCurrentSnapshot(dom.as_ptr(), 0) };
                    util::check(r, what).map(|r| r == 1)
                },
            )
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
