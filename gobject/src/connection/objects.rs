//! Networks, storage pools and host information of a [`Connection`].

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;

use gio::prelude::*;
use glib::subclass::prelude::*;

use super::fetch::{ActiveSnap, NetSnap, PoolSnap};
use super::Connection;
use crate::handles::{ActiveClass, ActiveHandle};
use crate::info::NodeInfo;
use crate::trace::{func, Func};
use crate::util::{async_trio, run};
use crate::{Network, StoragePool};

impl Connection {
    /// The networks as a [`gio::ListModel`] of [`Network`] (kept in sync from events).
    pub fn networks_model(&self) -> gio::ListModel {
        self.networks_store().clone().upcast()
    }

    /// The storage pools as a [`gio::ListModel`] of [`StoragePool`].
    pub fn storage_pools_model(&self) -> gio::ListModel {
        self.pools_store().clone().upcast()
    }

    fn networks_store(&self) -> &gio::ListStore {
        self.imp().networks.get().expect("created in constructed()")
    }

    fn pools_store(&self) -> &gio::ListStore {
        self.imp().pools.get().expect("created in constructed()")
    }

    /// The networks.
    pub fn networks(&self) -> Vec<Network> {
        self.networks_store()
            .iter::<Network>()
            .filter_map(Result::ok)
            .collect()
    }

    /// The storage pools.
    pub fn storage_pools(&self) -> Vec<StoragePool> {
        self.pools_store()
            .iter::<StoragePool>()
            .filter_map(Result::ok)
            .collect()
    }

    /// The network with this name.
    pub fn find_network_by_name(&self, name: &str) -> Option<Network> {
        self.networks().into_iter().find(|n| n.name() == name)
    }

    /// The storage pool with this name.
    pub fn find_storage_pool_by_name(&self, name: &str) -> Option<StoragePool> {
        self.storage_pools().into_iter().find(|n| n.name() == name)
    }

    /// The connection's networks as a tracked set.
    fn tracked_networks(&self) -> Tracked<'_, Network> {
        Tracked {
            index: &self.imp().network_index,
            store: self.networks_store(),
            uuid: Network::uuid,
            added: "network-added",
            removed: "network-removed",
        }
    }

    /// The connection's storage pools as a tracked set.
    fn tracked_pools(&self) -> Tracked<'_, StoragePool> {
        Tracked {
            index: &self.imp().pool_index,
            store: self.pools_store(),
            uuid: StoragePool::uuid,
            added: "storage-pool-added",
            removed: "storage-pool-removed",
        }
    }

    /// Lists the objects of one kind on a worker thread: `list` fetches libvirt's handles
    /// and `key` reads each one's name (or UUID) there; `wrap` builds our objects on the
    /// caller's thread.
    fn list_objects<H: Send + 'static, T: 'static>(
        &self,
        func: Func,
        list: fn(&virt::connect::Connect) -> Result<Vec<H>, virt::error::Error>,
        key: fn(&H) -> String,
        wrap: fn(H, String) -> T,
    ) -> impl Future<Output = Result<Vec<T>, glib::Error>> + 'static {
        let h = self.live_handle();
        async move {
            let c = h?;
            let list = run(func, c, Some(0), move |c| {
                Ok::<_, virt::error::Error>(
                    list(c)?
                        .into_iter()
                        .map(|o| {
                            let k = key(&o);
                            (o, k)
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .await?;
            Ok(list.into_iter().map(|(o, k)| wrap(o, k)).collect())
        }
    }

    pub(super) fn sync_networks(&self, snaps: Vec<NetSnap>) {
        self.tracked_networks().sync_active(self, snaps);
    }

    pub(super) fn on_network_lifecycle(
        &self,
        net: virt::network::Network,
        uuid: String,
        name: String,
        event: i32,
    ) {
        self.tracked_networks()
            .on_lifecycle(self, net, uuid, name, event);
    }

    pub(super) fn sync_pools(&self, snaps: Vec<PoolSnap>) {
        self.tracked_pools().sync_active(self, snaps);
    }

    pub(super) fn on_pool_lifecycle(
        &self,
        pool: virt::storage_pool::StoragePool,
        uuid: String,
        name: String,
        event: i32,
    ) {
        self.tracked_pools()
            .on_lifecycle(self, pool, uuid, name, event);
    }

    /// Defines a network from XML (`virNetworkDefineXML`); `network-added` follows.
    pub fn create_network_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<Network, glib::Error>> + 'static {
        let xml = xml.to_owned();
        self.define_active(
            func!("virNetworkDefineXML", "defining a network"),
            None,
            move |c| c.define_network_xml(&xml),
            Self::tracked_networks,
        )
    }

    /// Defines a storage pool from XML (`virStoragePoolDefineXML`); `storage-pool-added`
    /// follows.
    pub fn create_storage_pool_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<StoragePool, glib::Error>> + 'static {
        let xml = xml.to_owned();
        self.define_active(
            func!("virStoragePoolDefineXML", "defining a storage pool"),
            Some(0),
            move |c| c.define_storage_pool_xml(&xml, 0),
            Self::tracked_pools,
        )
    }

    /// Defines a network or pool with `define` on a worker thread, then returns the
    /// tracked object for it (adding it unless its event came first).
    fn define_active<T: ActiveClass>(
        &self,
        func: Func,
        flags: Option<u32>,
        define: impl FnOnce(&virt::connect::Connect) -> Result<T::Handle, virt::error::Error>
            + Send
            + 'static,
        set: for<'a> fn(&'a Connection) -> Tracked<'a, T>,
    ) -> impl Future<Output = Result<T, glib::Error>> + 'static
    where
        T::Handle: ActiveHandle,
    {
        let this = self.clone();
        async move {
            let conn = this.live_handle()?;
            let (handle, uuid, name) = run(func, conn, flags, move |conn| {
                let h = define(conn)?;
                let uuid = h.uuid_string()?;
                let name = h.name()?;
                Ok::<_, virt::error::Error>((h, uuid, name))
            })
            .await?;
            let set = set(&this);
            let known = set.index.borrow().get(&uuid).cloned();
            Ok(known.unwrap_or_else(|| {
                let obj = T::create(handle, uuid, name, false);
                set.add(&this, obj.clone());
                obj
            }))
        }
    }

    /// The host's hardware (`virNodeGetInfo`).
    pub fn node_info_future(
        &self,
    ) -> impl Future<Output = Result<NodeInfo, glib::Error>> + 'static {
        let h = self.live_handle();
        async move {
            let c = h?;
            run(func!("virNodeGetInfo", "reading node info"), c, None, |c| {
                c.node_info().map(|i| {
                    let mut info = NodeInfo {
                        memory: i.memory,
                        cpus: i.cpus,
                        mhz: i.mhz,
                        nodes: i.nodes,
                        sockets: i.sockets,
                        cores: i.cores,
                        threads: i.threads,
                        ..NodeInfo::default()
                    };
                    info.set_model(&i.model);
                    info
                })
            })
            .await
        }
    }

    /// The host capabilities XML (`virConnectGetCapabilities`).
    pub fn capabilities_future(
        &self,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        let h = self.live_handle();
        async move {
            let c = h?;
            run(
                func!("virConnectGetCapabilities", "reading capabilities"),
                c,
                None,
                |c| c.capabilities(),
            )
            .await
        }
    }

    /// The domain capabilities XML for an emulator/arch/machine/virt type
    /// (`virConnectGetDomainCapabilities`; `None` = the default).
    pub fn domain_capabilities_future(
        &self,
        emulator: Option<&str>,
        arch: Option<&str>,
        machine: Option<&str>,
        virttype: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        let h = self.live_handle();
        let args = [emulator, arch, machine, virttype].map(|a| a.map(str::to_owned));
        async move {
            let c = h?;
            run(
                func!(
                    "virConnectGetDomainCapabilities",
                    "reading domain capabilities"
                ),
                c,
                Some(flags),
                move |c| {
                    let [e, a, m, v] = args;
                    c.domain_capabilities(
                        e.as_deref(),
                        a.as_deref(),
                        m.as_deref(),
                        v.as_deref(),
                        flags,
                    )
                },
            )
            .await
        }
    }

    /// The host interface with this MAC address (`virInterfaceLookupByMACString`).
    pub fn find_interface_by_mac_future(
        &self,
        mac: &str,
    ) -> impl Future<Output = Result<crate::Interface, glib::Error>> + 'static {
        let h = self.live_handle();
        let mac = mac.to_owned();
        async move {
            let c = h?;
            let (i, n) = run(
                func!("virInterfaceLookupByMACString", "looking up an interface"),
                c,
                None,
                move |c| {
                    let i = c.lookup_interface_by_mac_string(&mac)?;
                    let n = i.name()?;
                    Ok::<_, virt::error::Error>((i, n))
                },
            )
            .await?;
            Ok(crate::Interface::new(i, n))
        }
    }

    /// The hypervisor driver's name (`virConnectGetType`), e.g. `QEMU` or `TEST`.
    pub fn hypervisor_name_future(
        &self,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        let h = self.live_handle();
        async move {
            let c = h?;
            run(
                func!("virConnectGetType", "reading the driver type"),
                c,
                None,
                |c| c.driver_type(),
            )
            .await
        }
    }

    /// The hypervisor version (`virConnectGetVersion`), as `major * 1,000,000 + minor * 1,000 + micro`.
    pub fn version_future(&self) -> impl Future<Output = Result<u32, glib::Error>> + 'static {
        let h = self.live_handle();
        async move {
            let c = h?;
            run(
                func!("virConnectGetVersion", "reading the hypervisor version"),
                c,
                None,
                |c| c.hyp_version(),
            )
            .await
        }
    }

    /// The node device names (`virConnectListAllNodeDevices`).
    pub fn node_devices_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::NodeDevice>, glib::Error>> + 'static {
        self.list_objects(
            func!("virConnectListAllNodeDevices", "listing node devices"),
            |c| c.list_all_node_devices(0),
            |o| o.name().unwrap_or_default(),
            crate::NodeDevice::new,
        )
    }

    /// Creates a virtual host device from XML, e.g. an NPIV vHBA
    /// (`virNodeDeviceCreateXML`); the connection emits `node-device-event`.
    pub fn create_node_device_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<crate::NodeDevice, glib::Error>> + 'static {
        let h = self.live_handle();
        let xml = xml.to_owned();
        async move {
            let c = h?;
            let (d, n) = run(
                func!("virNodeDeviceCreateXML", "creating a node device"),
                c,
                Some(0),
                move |c| {
                    let d = c.create_node_device_xml(&xml, 0)?;
                    let n = d.name()?;
                    Ok::<_, virt::error::Error>((d, n))
                },
            )
            .await?;
            Ok(crate::NodeDevice::new(d, n))
        }
    }

    /// The secrets (`virConnectListAllSecrets`).
    pub fn secrets_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::Secret>, glib::Error>> + 'static {
        self.list_objects(
            func!("virConnectListAllSecrets", "listing secrets"),
            |c| c.list_all_secrets(0),
            |o| o.uuid_string().unwrap_or_default(),
            crate::Secret::new,
        )
    }

    /// The host interfaces (`virConnectListAllInterfaces`).
    pub fn interfaces_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::Interface>, glib::Error>> + 'static {
        self.list_objects(
            func!("virConnectListAllInterfaces", "listing interfaces"),
            |c| c.list_all_interfaces(0),
            |o| o.name().unwrap_or_default(),
            crate::Interface::new,
        )
    }

    /// The network filters (`virConnectListAllNWFilters`).
    pub fn network_filters_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::NetworkFilter>, glib::Error>> + 'static {
        self.list_objects(
            func!("virConnectListAllNWFilters", "listing network filters"),
            |c| c.list_all_nw_filters(0),
            |o| o.name().unwrap_or_default(),
            crate::NetworkFilter::new,
        )
    }

    /// [`Self::capabilities_future`] under the C library's name
    /// (`gvir_connection_get_capabilities`).
    pub fn get_capabilities_future(
        &self,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.capabilities_future()
    }

    /// [`Self::domain_capabilities_future`] under the C library's name
    /// (`gvir_connection_get_domain_capabilities`).
    pub fn get_domain_capabilities_future(
        &self,
        emulator: Option<&str>,
        arch: Option<&str>,
        machine: Option<&str>,
        virttype: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.domain_capabilities_future(emulator, arch, machine, virttype, flags)
    }

    /// [`Self::interfaces_future`] under the C library's name
    /// (`gvir_connection_fetch_interfaces`): lists the host interfaces.
    pub fn fetch_interfaces_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::Interface>, glib::Error>> + 'static {
        self.interfaces_future()
    }

    async_trio! {
        /// Defines a network.
        fn create_network, create_network_async => create_network_future(xml: &str) -> Network;
        /// Defines a storage pool.
        fn create_storage_pool, create_storage_pool_async => create_storage_pool_future(xml: &str) -> StoragePool;
        /// Reads node info.
        fn node_info, node_info_async => node_info_future() -> NodeInfo;
        /// Reads the capabilities XML.
        fn capabilities, capabilities_async => capabilities_future() -> String;
        /// Reads domain capabilities.
        fn domain_capabilities, domain_capabilities_async => domain_capabilities_future(emulator: Option<&str>, arch: Option<&str>, machine: Option<&str>, virttype: Option<&str>, flags: u32) -> String;
        /// Looks an interface up by MAC address.
        fn find_interface_by_mac, find_interface_by_mac_async => find_interface_by_mac_future(mac: &str) -> crate::Interface;
        /// Reads the driver name.
        fn hypervisor_name, hypervisor_name_async => hypervisor_name_future() -> String;
        /// Reads the hypervisor version.
        fn version, version_async => version_future() -> u32;
        /// Lists node devices.
        fn node_devices, node_devices_async => node_devices_future() -> Vec<crate::NodeDevice>;
        /// Creates a node device.
        fn create_node_device, create_node_device_async => create_node_device_future(xml: &str) -> crate::NodeDevice;
        /// Lists secrets.
        fn secrets, secrets_async => secrets_future() -> Vec<crate::Secret>;
        /// Lists host interfaces.
        fn interfaces, interfaces_async => interfaces_future() -> Vec<crate::Interface>;
        /// Reads the capabilities XML (the C library's name for [`Self::capabilities`]).
        fn get_capabilities, get_capabilities_async => get_capabilities_future() -> String;
        /// Reads domain capabilities (the C library's name for [`Self::domain_capabilities`]).
        fn get_domain_capabilities, get_domain_capabilities_async => get_domain_capabilities_future(emulator: Option<&str>, arch: Option<&str>, machine: Option<&str>, virttype: Option<&str>, flags: u32) -> String;
        /// Lists host interfaces (the C library's name for [`Self::interfaces`]).
        fn fetch_interfaces, fetch_interfaces_async => fetch_interfaces_future() -> Vec<crate::Interface>;
        /// Lists network filters.
        fn network_filters, network_filters_async => network_filters_future() -> Vec<crate::NetworkFilter>;
    }
}

/// One kind of object a connection tracks by UUID (networks, storage pools): its
/// index, the list store behind its model, and its added/removed signals.
struct Tracked<'a, T> {
    index: &'a RefCell<HashMap<String, T>>,
    store: &'a gio::ListStore,
    uuid: fn(&T) -> String,
    added: &'static str,
    removed: &'static str,
}

// Networks and storage pools share their lifecycle event numbers.
const _: () = {
    use virt_sys as s;
    assert!(s::VIR_NETWORK_EVENT_UNDEFINED == s::VIR_STORAGE_POOL_EVENT_UNDEFINED);
    assert!(s::VIR_NETWORK_EVENT_STARTED == s::VIR_STORAGE_POOL_EVENT_STARTED);
    assert!(s::VIR_NETWORK_EVENT_STOPPED == s::VIR_STORAGE_POOL_EVENT_STOPPED);
};

impl<T: ActiveClass> Tracked<'_, T> {
    /// Brings a set of networks or pools in line with a fresh listing.
    fn sync_active(&self, conn: &Connection, snaps: Vec<ActiveSnap<T::Handle>>) {
        self.sync(
            conn,
            snaps,
            |s| s.uuid.clone(),
            |o, s| {
                o.replace_handle(Some(s.handle));
                o.set_active(s.active);
            },
            |s| T::create(s.handle, s.uuid, s.name, s.active),
            |o| o.replace_handle(None),
        );
    }

    /// Applies a network or storage pool lifecycle event (whose numbers are the same).
    fn on_lifecycle(
        &self,
        conn: &Connection,
        handle: T::Handle,
        uuid: String,
        name: String,
        event: i32,
    ) {
        use virt_sys as s;
        let ev = event as u32;
        let known = self.index.borrow().get(&uuid).cloned();
        match (known, ev) {
            (
                None,
                s::VIR_NETWORK_EVENT_UNDEFINED
                | s::VIR_NETWORK_EVENT_STOPPED
                | s::VIR_STORAGE_POOL_EVENT_DELETED,
            ) => {}
            (None, _) => self.add(
                conn,
                T::create(handle, uuid, name, ev == s::VIR_NETWORK_EVENT_STARTED),
            ),
            (Some(_), s::VIR_NETWORK_EVENT_UNDEFINED) => {
                self.remove(conn, &uuid, |o| o.replace_handle(None))
            }
            (Some(o), s::VIR_NETWORK_EVENT_STARTED) => o.set_active(true),
            (Some(o), s::VIR_NETWORK_EVENT_STOPPED) => o.set_active(false),
            _ => {}
        }
    }
}

impl<T: IsA<glib::Object> + Clone> Tracked<'_, T> {
    /// Indexes `obj`, appends it to the model and emits the added signal.
    fn add(&self, conn: &Connection, obj: T) {
        self.index
            .borrow_mut()
            .insert((self.uuid)(&obj), obj.clone());
        self.store.append(&obj);
        conn.emit_by_name::<()>(self.added, &[&obj]);
    }

    /// Drops the object with `uuid` from the index and the model, `detach`es it and
    /// emits the removed signal.
    fn remove(&self, conn: &Connection, uuid: &str, detach: impl FnOnce(&T)) {
        let Some(obj) = self.index.borrow_mut().remove(uuid) else {
            return;
        };
        if let Some(pos) = self.store.find(&obj) {
            self.store.remove(pos);
        }
        detach(&obj);
        conn.emit_by_name::<()>(self.removed, &[&obj]);
    }

    /// Brings the set in line with a fresh listing: known objects are `update`d, new
    /// ones `create`d and added, vanished ones removed (in model order).
    fn sync<S>(
        &self,
        conn: &Connection,
        snaps: Vec<S>,
        uuid_of: impl Fn(&S) -> String,
        update: impl Fn(&T, S),
        create: impl Fn(S) -> T,
        detach: impl Fn(&T),
    ) {
        let mut seen = HashSet::new();
        for snap in snaps {
            let uuid = uuid_of(&snap);
            let known = self.index.borrow().get(&uuid).cloned();
            seen.insert(uuid);
            match known {
                Some(obj) => update(&obj, snap),
                None => self.add(conn, create(snap)),
            }
        }
        let gone: Vec<String> = self
            .store
            .iter::<T>()
            .filter_map(Result::ok)
            .map(|o| (self.uuid)(&o))
            .filter(|u| !seen.contains(u))
            .collect();
        for uuid in gone {
            self.remove(conn, &uuid, &detach);
        }
    }
}
