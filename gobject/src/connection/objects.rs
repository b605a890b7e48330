//! Networks, storage pools and host information of a [`Connection`].

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;

use gio::prelude::*;
use glib::subclass::prelude::*;

use super::fetch::{NetSnap, PoolSnap};
use super::Connection;
use crate::info::NodeInfo;
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
        what: &'static str,
        list: fn(&virt::connect::Connect) -> Result<Vec<H>, virt::error::Error>,
        key: fn(&H) -> String,
        wrap: fn(H, String) -> T,
    ) -> impl Future<Output = Result<Vec<T>, glib::Error>> + 'static {
        let h = self.handle();
        async move {
            let c = h?;
            let list = run(what, move || {
                Ok(list(&c)?
                    .into_iter()
                    .map(|o| {
                        let k = key(&o);
                        (o, k)
                    })
                    .collect::<Vec<_>>())
            })
            .await?;
            Ok(list.into_iter().map(|(o, k)| wrap(o, k)).collect())
        }
    }

    pub(super) fn sync_networks(&self, snaps: Vec<NetSnap>) {
        self.tracked_networks().sync(
            self,
            snaps,
            |s| s.uuid.clone(),
            |n, s| {
                n.replace_handle(Some(s.net));
                n.set_active(s.active);
            },
            |s| Network::new(s.net, s.uuid, s.name, s.active),
            |n| n.replace_handle(None),
        );
    }

    fn add_network(&self, n: Network) {
        self.tracked_networks().add(self, n);
    }

    fn remove_network(&self, uuid: &str) {
        self.tracked_networks()
            .remove(self, uuid, |n| n.replace_handle(None));
    }

    pub(super) fn on_network_lifecycle(
        &self,
        net: virt::network::Network,
        uuid: String,
        name: String,
        event: i32,
    ) {
        use virt_sys as s;
        let ev = event as u32;
        let known = self.imp().network_index.borrow().get(&uuid).cloned();
        match (known, ev) {
            (None, s::VIR_NETWORK_EVENT_UNDEFINED | s::VIR_NETWORK_EVENT_STOPPED) => {}
            (None, _) => self.add_network(Network::new(
                net,
                uuid,
                name,
                ev == s::VIR_NETWORK_EVENT_STARTED,
            )),
            (Some(_), s::VIR_NETWORK_EVENT_UNDEFINED) => self.remove_network(&uuid),
            (Some(n), s::VIR_NETWORK_EVENT_STARTED) => n.set_active(true),
            (Some(n), s::VIR_NETWORK_EVENT_STOPPED) => n.set_active(false),
            _ => {}
        }
    }

    pub(super) fn sync_pools(&self, snaps: Vec<PoolSnap>) {
        self.tracked_pools().sync(
            self,
            snaps,
            |s| s.uuid.clone(),
            |p, s| {
                p.replace_handle(Some(s.pool));
                p.set_active(s.active);
            },
            |s| StoragePool::new(s.pool, s.uuid, s.name, s.active),
            |p| p.replace_handle(None),
        );
    }

    fn add_pool(&self, p: StoragePool) {
        self.tracked_pools().add(self, p);
    }

    fn remove_pool(&self, uuid: &str) {
        self.tracked_pools()
            .remove(self, uuid, |p| p.replace_handle(None));
    }

    pub(super) fn on_pool_lifecycle(
        &self,
        pool: virt::storage_pool::StoragePool,
        uuid: String,
        name: String,
        event: i32,
    ) {
        use virt_sys as s;
        let ev = event as u32;
        let known = self.imp().pool_index.borrow().get(&uuid).cloned();
        match (known, ev) {
            (
                None,
                s::VIR_STORAGE_POOL_EVENT_UNDEFINED
                | s::VIR_STORAGE_POOL_EVENT_STOPPED
                | s::VIR_STORAGE_POOL_EVENT_DELETED,
            ) => {}
            (None, _) => self.add_pool(StoragePool::new(
                pool,
                uuid,
                name,
                ev == s::VIR_STORAGE_POOL_EVENT_STARTED,
            )),
            (Some(_), s::VIR_STORAGE_POOL_EVENT_UNDEFINED) => self.remove_pool(&uuid),
            (Some(p), s::VIR_STORAGE_POOL_EVENT_STARTED) => p.set_active(true),
            (Some(p), s::VIR_STORAGE_POOL_EVENT_STOPPED) => p.set_active(false),
            _ => {}
        }
    }

    /// Defines a network from XML (`virNetworkDefineXML`); `network-added` follows.
    pub fn create_network_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<Network, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let this = self.clone();
        async move {
            let conn = this.handle()?;
            let (net, uuid, name) = run("defining a network", move || {
                let n = conn.define_network_xml(&xml)?;
                let uuid = n.uuid_string()?;
                let name = n.name()?;
                Ok((n, uuid, name))
            })
            .await?;
            let known = this.imp().network_index.borrow().get(&uuid).cloned();
            Ok(known.unwrap_or_else(|| {
                let n = Network::new(net, uuid, name, false);
                this.add_network(n.clone());
                n
            }))
        }
    }

    /// Defines a storage pool from XML (`virStoragePoolDefineXML`); `storage-pool-added`
    /// follows.
    pub fn create_storage_pool_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<StoragePool, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let this = self.clone();
        async move {
            let conn = this.handle()?;
            let (pool, uuid, name) = run("defining a storage pool", move || {
                let p = conn.define_storage_pool_xml(&xml, 0)?;
                let uuid = p.uuid_string()?;
                let name = p.name()?;
                Ok((p, uuid, name))
            })
            .await?;
            let known = this.imp().pool_index.borrow().get(&uuid).cloned();
            Ok(known.unwrap_or_else(|| {
                let p = StoragePool::new(pool, uuid, name, false);
                this.add_pool(p.clone());
                p
            }))
        }
    }

    /// The host's hardware (`virNodeGetInfo`).
    pub fn node_info_future(
        &self,
    ) -> impl Future<Output = Result<NodeInfo, glib::Error>> + 'static {
        let h = self.handle();
        async move {
            let c = h?;
            run("reading node info", move || {
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
        let h = self.handle();
        async move {
            let c = h?;
            run("reading capabilities", move || c.capabilities()).await
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
        let h = self.handle();
        let args = [emulator, arch, machine, virttype].map(|a| a.map(str::to_owned));
        async move {
            let c = h?;
            run("reading domain capabilities", move || {
                let [e, a, m, v] = args;
                c.domain_capabilities(
                    e.as_deref(),
                    a.as_deref(),
                    m.as_deref(),
                    v.as_deref(),
                    flags,
                )
            })
            .await
        }
    }

    /// The host interface with this MAC address (`virInterfaceLookupByMACString`).
    pub fn find_interface_by_mac_future(
        &self,
        mac: &str,
    ) -> impl Future<Output = Result<crate::Interface, glib::Error>> + 'static {
        let h = self.handle();
        let mac = mac.to_owned();
        async move {
            let c = h?;
            let (i, n) = run("looking up an interface", move || {
                let i = c.lookup_interface_by_mac_string(&mac)?;
                let n = i.name()?;
                Ok((i, n))
            })
            .await?;
            Ok(crate::Interface::new(i, n))
        }
    }

    /// The hypervisor driver's name (`virConnectGetType`), e.g. `QEMU` or `TEST`.
    pub fn hypervisor_name_future(
        &self,
    ) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        let h = self.handle();
        async move {
            let c = h?;
            run("reading the driver type", move || c.driver_type()).await
        }
    }

    /// The hypervisor version (`virConnectGetVersion`), as `major * 1,000,000 + minor * 1,000 + micro`.
    pub fn version_future(&self) -> impl Future<Output = Result<u32, glib::Error>> + 'static {
        let h = self.handle();
        async move {
            let c = h?;
            run("reading the hypervisor version", move || c.hyp_version()).await
        }
    }

    /// The node device names (`virConnectListAllNodeDevices`).
    pub fn node_devices_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::NodeDevice>, glib::Error>> + 'static {
        self.list_objects(
            "listing node devices",
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
        let h = self.handle();
        let xml = xml.to_owned();
        async move {
            let c = h?;
            let (d, n) = run("creating a node device", move || {
                let d = c.create_node_device_xml(&xml, 0)?;
                let n = d.name()?;
                Ok((d, n))
            })
            .await?;
            Ok(crate::NodeDevice::new(d, n))
        }
    }

    /// The secrets (`virConnectListAllSecrets`).
    pub fn secrets_future(
        &self,
    ) -> impl Future<Output = Result<Vec<crate::Secret>, glib::Error>> + 'static {
        self.list_objects(
            "listing secrets",
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
            "listing interfaces",
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
            "listing network filters",
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
