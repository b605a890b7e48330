//! [`Network`] (`GVirNetwork`) and [`NetworkDHCPLease`] (`GVirNetworkDHCPLease`).

use std::cell::{Cell, RefCell};
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use crate::trace::func;
use crate::util::{self, async_trio, run, Handled as _};

crate::handles::active_class!(
    /// A libvirt virtual network (`GVirNetwork`). Its `active` property follows libvirt's
    /// network lifecycle events.
    Network,
    "GVirNetwork",
    virt::network::Network,
    NetworkHandle
);

impl Network {
    /// Starts the network (`virNetworkCreate`).
    pub fn start_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virNetworkCreate", "starting the network"),
            None,
            |n| n.create(),
        )
    }

    /// Stops the network (`virNetworkDestroy`).
    pub fn stop_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virNetworkDestroy", "stopping the network"),
            None,
            |n| n.destroy(),
        )
    }

    /// Undefines the network (`virNetworkUndefine`).
    pub fn delete_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virNetworkUndefine", "deleting the network"),
            None,
            |n| n.undefine(),
        )
    }

    /// Whether the network starts when the host boots (`virNetworkGetAutostart`).
    pub fn autostart_future(&self) -> impl Future<Output = Result<bool, glib::Error>> + 'static {
        self.call(
            func!(
                "virNetworkGetAutostart",
                "reading the network autostart flag"
            ),
            None,
            |n| n.autostart(),
        )
    }

    /// Sets whether the network starts when the host boots (`virNetworkSetAutostart`).
    pub fn set_autostart_future(
        &self,
        autostart: bool,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!(
                "virNetworkSetAutostart",
                "setting the network autostart flag"
            ),
            None,
            move |n| n.set_autostart(autostart),
        )
    }

    /// The network's XML.
    pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
        self.call(
            func!("virNetworkGetXMLDesc", "reading the network XML"),
            Some(0),
            |n| n.xml_desc(0),
        )
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
            let what = "reading DHCP leases";
            let raw = run(
                func!("virNetworkGetDHCPLeases", what),
                n,
                Some(0),
                move |n| {
                    let mut leases: *mut virt_sys::virNetworkDHCPLeasePtr = std::ptr::null_mut();
                    // SAFETY: valid network; libvirt allocates the array freed below.
                    let c = unsafe {
                        virt_sys::virNetworkGetDHCPLeases(
                            n.as_ptr(),
                            std::ptr::null(),
                            &mut leases,
                            0,
                        )
                    };
                    let c = util::check(c, what)?;
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
                    Ok::<_, glib::Error>(out)
                },
            )
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
        /// Reads the autostart flag.
        fn autostart, autostart_async => autostart_future() -> bool;
        /// Sets the autostart flag.
        fn set_autostart, set_autostart_async => set_autostart_future(autostart: bool) -> ();
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
