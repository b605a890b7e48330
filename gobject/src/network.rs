//! [`Network`] (`GVirNetwork`) and [`NetworkDHCPLease`] (`GVirNetworkDHCPLease`).

use std::cell::{Cell, RefCell};
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use crate::util::{self, async_trio, run};

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::Network)]
    pub struct Network {
        pub(super) handle: RefCell<Option<virt::network::Network>>,
        /// The network's UUID.
        #[property(get)]
        pub(super) uuid: RefCell<String>,
        /// The network's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
        /// Whether the network is running (kept in sync from lifecycle events).
        #[property(get)]
        pub(super) active: Cell<bool>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Network {
        const NAME: &'static str = "GVirNetwork";
        type Type = super::Network;
    }

    #[glib::derived_properties]
    impl ObjectImpl for Network {}
}

glib::wrapper! {
    /// A libvirt virtual network (`GVirNetwork`). Its `active` property follows libvirt's
    /// network lifecycle events.
    pub struct Network(ObjectSubclass<imp::Network>);
}

impl Network {
    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::network::Network> {
        self.imp().handle.borrow().clone()
    }

    pub(crate) fn new(
        handle: virt::network::Network,
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

    pub(crate) fn replace_handle(&self, h: Option<virt::network::Network>) {
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
        F: FnOnce(&virt::network::Network) -> Result<T, virt::error::Error> + Send + 'static,
    {
        let h = self
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        async move {
            let n = h?;
            run(what, move || f(&n)).await
        }
    }

    /// Starts the network (`virNetworkCreate`).
    pub fn start_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("starting the network", |n| n.create())
    }

    /// Stops the network (`virNetworkDestroy`).
    pub fn stop_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("stopping the network", |n| n.destroy())
    }

    /// Undefines the network (`virNetworkUndefine`).
    pub fn delete_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call("deleting the network", |n| n.undefine())
    }

    /// The network's XML.
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call("reading the network XML", |n| n.xml_desc(0))
    }

    /// The DHCP leases of the network (`virNetworkGetDHCPLeases`).
    pub fn dhcp_leases_future(
        &self,
    ) -> impl Future<Output = Result<Vec<NetworkDHCPLease>, glib::Error>> + 'static {
        let h = self
            .imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected);
        async move {
            let n = h?;
            let raw = util::run_glib(move || {
                let mut leases: *mut virt_sys::virNetworkDHCPLeasePtr = std::ptr::null_mut();
                // SAFETY: valid network; libvirt allocates the array freed below.
                let c = unsafe {
                    virt_sys::virNetworkGetDHCPLeases(n.as_ptr(), std::ptr::null(), &mut leases, 0)
                };
                if c < 0 {
                    return Err(util::last_error("reading DHCP leases"));
                }
                let mut out = Vec::new();
                // SAFETY: `leases` has `c` valid entries, each freed once, then the array.
                unsafe {
                    for i in 0..c as usize {
                        let l = *leases.add(i);
                        out.push((
                            util::cstr((*l).iface),
                            util::cstr((*l).mac),
                            util::cstr((*l).ipaddr),
                            (*l).prefix,
                            util::cstr((*l).hostname),
                            (*l).expirytime,
                            (*l).type_,
                            util::cstr((*l).iaid),
                            util::cstr((*l).clientid),
                        ));
                        virt_sys::virNetworkDHCPLeaseFree(l);
                    }
                    libc::free(leases as *mut libc::c_void);
                }
                Ok(out)
            })
            .await?;
            Ok(raw
                .into_iter()
                .map(
                    |(iface, mac, ip, prefix, host, exp, ip_type, iaid, client_id)| {
                        glib::Object::builder()
                            .property("iface", iface)
                            .property("mac", mac)
                            .property("ip", ip)
                            .property("prefix", prefix)
                            .property("hostname", host)
                            .property("expiry-time", exp)
                            .property("ip-type", ip_type)
                            .property("iaid", iaid)
                            .property("client-id", client_id)
                            .build()
                    },
                )
                .collect())
        }
    }

    async_trio! {
        /// Starts the network.
        fn start, start_async => start_future() -> ();
        /// Stops the network.
        fn stop, stop_async => stop_future() -> ();
        /// Undefines the network.
        fn delete, delete_async => delete_future() -> ();
        /// Reads the network XML.
        fn xml, xml_async => xml_future() -> String;
        /// Reads the DHCP leases.
        fn dhcp_leases, dhcp_leases_async => dhcp_leases_future() -> Vec<NetworkDHCPLease>;
    }
}

mod lease_imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::NetworkDHCPLease)]
    pub struct NetworkDHCPLease {
        /// Network interface name.
        #[property(get, set, construct_only)]
        iface: RefCell<String>,
        /// MAC address.
        #[property(get, set, construct_only)]
        mac: RefCell<String>,
        /// IP address.
        #[property(get, set, construct_only)]
        ip: RefCell<String>,
        /// Prefix length.
        #[property(get, set, construct_only)]
        prefix: Cell<u32>,
        /// Hostname (may be empty).
        #[property(get, set, construct_only)]
        hostname: RefCell<String>,
        /// Expiry time (seconds since the epoch).
        #[property(get, set, construct_only)]
        expiry_time: Cell<i64>,
        /// Address family (`virIPAddrType`: 0 IPv4, 1 IPv6).
        #[property(get, set, construct_only)]
        ip_type: Cell<i32>,
        /// IAID (DHCPv6 only; may be empty).
        #[property(get, set, construct_only)]
        iaid: RefCell<String>,
        /// Client ID (may be empty).
        #[property(get, set, construct_only)]
        client_id: RefCell<String>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for NetworkDHCPLease {
        const NAME: &'static str = "GVirNetworkDHCPLease";
        type Type = super::NetworkDHCPLease;
    }

    #[glib::derived_properties]
    impl ObjectImpl for NetworkDHCPLease {}
}

glib::wrapper! {
    /// One DHCP lease of a [`Network`] (`GVirNetworkDHCPLease`).
    pub struct NetworkDHCPLease(ObjectSubclass<lease_imp::NetworkDHCPLease>);
}
