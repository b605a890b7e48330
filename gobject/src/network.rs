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
                    // SAFETY: `leases` has `c` valid entries, each owned by one RawLease
                    // from here on; the array itself is freed at once.
                    let out: Vec<RawLease> = unsafe {
                        let v = (0..c as usize).map(|i| RawLease(*leases.add(i))).collect();
                        libc::free(leases as *mut libc::c_void);
                        v
                    };
                    Ok::<_, glib::Error>(out)
                },
            )
            .await?;
            Ok(raw.into_iter().map(NetworkDHCPLease::adopt).collect())
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

/// A `virNetworkDHCPLeasePtr` on its way from the worker thread to its lease object,
/// freed if it never gets there.
struct RawLease(virt_sys::virNetworkDHCPLeasePtr);

// SAFETY: the lease is a plain heap struct owned by this value alone.
unsafe impl Send for RawLease {}

impl Drop for RawLease {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: owned, freed once.
            unsafe { virt_sys::virNetworkDHCPLeaseFree(self.0) };
        }
    }
}

mod lease_imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::NetworkDHCPLease)]
    pub struct NetworkDHCPLease {
        /// The property `handle`: the libvirt `virNetworkDHCPLeasePtr` (construct-only, as
        /// in the C library: the lease takes it over and frees it when finalized). The
        /// read-only properties below are read from it at construction.
        handle: Cell<glib::Pointer>,
        /// Network interface name.
        #[property(get)]
        iface: RefCell<String>,
        /// MAC address.
        #[property(get)]
        mac: RefCell<String>,
        /// IP address.
        #[property(get)]
        ip: RefCell<String>,
        /// Prefix length.
        #[property(get)]
        prefix: Cell<u32>,
        /// Hostname (may be empty).
        #[property(get)]
        hostname: RefCell<String>,
        /// Expiry time (seconds since the epoch).
        #[property(get)]
        expiry_time: Cell<i64>,
        /// Address family (`virIPAddrType`: 0 IPv4, 1 IPv6).
        #[property(get)]
        ip_type: Cell<i32>,
        /// IAID (DHCPv6 only; may be empty).
        #[property(get)]
        iaid: RefCell<String>,
        /// Client ID (may be empty).
        #[property(get)]
        client_id: RefCell<String>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for NetworkDHCPLease {
        const NAME: &'static str = "GVirNetworkDHCPLease";
        type Type = super::NetworkDHCPLease;
    }

    impl ObjectImpl for NetworkDHCPLease {
        fn properties() -> &'static [glib::ParamSpec] {
            static P: std::sync::OnceLock<Vec<glib::ParamSpec>> = std::sync::OnceLock::new();
            P.get_or_init(|| {
                let mut v = Self::derived_properties().to_vec();
                v.push(
                    glib::ParamSpecPointer::builder("handle")
                        .construct_only()
                        .build(),
                );
                v
            })
        }

        fn set_property(&self, id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
            if pspec.name() == "handle" {
                self.handle
                    .set(value.get().expect("a gpointer, checked by GObject"));
            } else {
                self.derived_set_property(id, value, pspec)
            }
        }

        fn property(&self, id: usize, pspec: &glib::ParamSpec) -> glib::Value {
            if pspec.name() == "handle" {
                self.handle.get().to_value()
            } else {
                self.derived_property(id, pspec)
            }
        }

        fn constructed(&self) {
            self.parent_constructed();
            let l = self.handle.get() as virt_sys::virNetworkDHCPLeasePtr;
            if l.is_null() {
                return;
            }
            // SAFETY: a non-NULL handle is a valid lease (the construct-only contract).
            let l = unsafe { &*l };
            // SAFETY: libvirt's lease strings are NULL or NUL-terminated.
            let s = |p| unsafe { util::cstr(p) };
            self.iface.replace(s(l.iface));
            self.mac.replace(s(l.mac));
            self.ip.replace(s(l.ipaddr));
            self.prefix.set(l.prefix);
            self.hostname.replace(s(l.hostname));
            self.expiry_time.set(l.expirytime);
            self.ip_type.set(l.type_);
            self.iaid.replace(s(l.iaid));
            self.client_id.replace(s(l.clientid));
        }
    }

    impl Drop for NetworkDHCPLease {
        fn drop(&mut self) {
            // Freed with the object (its finalize), as the C library does.
            drop(RawLease(self.handle.get() as _));
        }
    }
}

glib::wrapper! {
    /// One DHCP lease of a [`Network`] (`GVirNetworkDHCPLease`).
    pub struct NetworkDHCPLease(ObjectSubclass<lease_imp::NetworkDHCPLease>);
}

impl NetworkDHCPLease {
    /// A lease object owning `raw`.
    fn adopt(mut raw: RawLease) -> Self {
        let p = std::mem::replace(&mut raw.0, std::ptr::null_mut());
        glib::Object::builder()
            .property("handle", p as glib::Pointer)
            .build()
    }
}
