//! libvirt event callbacks: run on libvirt's event context, copy what they need (local
//! calls only, no RPC) and queue it for the connection's owner context.

use std::collections::VecDeque;
use std::ffi::c_void;
use std::os::raw::{c_char, c_int, c_longlong, c_uint};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use glib::subclass::prelude::*;

use crate::util::cstr;

/// What a libvirt callback saw, carried to the owner context.
pub(crate) enum Event {
    DomainLifecycle {
        dom: virt::domain::Domain,
        uuid: String,
        name: String,
        event: i32,
        detail: i32,
    },
    DomainReboot {
        uuid: String,
    },
    DeviceAdded {
        uuid: String,
        alias: String,
    },
    DeviceRemoved {
        uuid: String,
        alias: String,
    },
    JobCompleted {
        uuid: String,
        stats: Vec<(String, crate::stats::StatValue)>,
    },
    BlockJob {
        uuid: String,
        disk: String,
        kind: i32,
        status: i32,
    },
    TrayChange {
        uuid: String,
        alias: String,
        reason: i32,
    },
    MetadataChange {
        uuid: String,
        kind: i32,
        nsuri: String,
    },
    Qmp {
        uuid: String,
        event: String,
        seconds: i64,
        micros: u32,
        details: String,
    },
    NetworkLifecycle {
        net: virt::network::Network,
        uuid: String,
        name: String,
        event: i32,
    },
    PoolLifecycle {
        pool: virt::storage_pool::StoragePool,
        uuid: String,
        name: String,
        event: i32,
    },
    NodeDevice {
        name: String,
        event: i32,
    },
    Closed {
        reason: i32,
    },
}

/// The queue between libvirt's callbacks and the owner context.
pub(crate) struct Sink {
    ctx: glib::MainContext,
    conn: glib::SendWeakRef<crate::Connection>,
    epoch: u64,
    owner: std::thread::ThreadId,
    queue: Mutex<(VecDeque<Event>, bool)>,
}

impl Sink {
    pub(crate) fn new(ctx: glib::MainContext, conn: &crate::Connection, epoch: u64) -> Arc<Self> {
        Arc::new(Self {
            ctx,
            conn: glib::SendWeakRef::from(glib::object::ObjectExt::downgrade(conn)),
            epoch,
            owner: std::thread::current().id(),
            queue: Mutex::new((VecDeque::new(), false)),
        })
    }

    /// Queues `ev`; one idle source at default priority drains the queue in order on the
    /// owner context (never inline inside libvirt's callback).
    pub(crate) fn push(self: &Arc<Self>, ev: Event) {
        let mut q = match self.queue.lock() {
            Ok(q) => q,
            Err(p) => p.into_inner(),
        };
        q.0.push_back(ev);
        if q.1 {
            return;
        }
        q.1 = true;
        drop(q);
        let me = self.clone();
        glib::idle_source_new(
            Some("gvir-connection-events"),
            glib::Priority::DEFAULT,
            move || me.drain(),
        )
        .attach(Some(&self.ctx));
    }

    /// Applies queued events; yields back to the main loop after a small batch so a
    /// burst of events (hundreds of domains starting) never stalls the context.
    fn drain(&self) -> glib::ControlFlow {
        const BATCH: usize = 32;
        // The connection can only be used on its owner thread; when its context is
        // iterated elsewhere, drop the events rather than touch it from the wrong thread.
        let conn = if std::thread::current().id() == self.owner {
            self.conn.upgrade()
        } else {
            None
        };
        for _ in 0..BATCH {
            let ev = {
                let mut q = match self.queue.lock() {
                    Ok(q) => q,
                    Err(p) => p.into_inner(),
                };
                match q.0.pop_front() {
                    Some(ev) => ev,
                    None => {
                        q.1 = false;
                        return glib::ControlFlow::Break;
                    }
                }
            };
            if let Some(c) = &conn {
                c.imp().dispatch(self.epoch, ev);
            }
        }
        glib::ControlFlow::Continue
    }
}

fn boxed(sink: &Arc<Sink>) -> *mut c_void {
    Box::into_raw(Box::new(sink.clone())) as *mut c_void
}

unsafe extern "C" fn free_sink(opaque: *mut c_void) {
    let _ = catch_unwind(|| {
        if !opaque.is_null() {
            // SAFETY: `opaque` came from `boxed` and libvirt frees it exactly once.
            drop(unsafe { Box::from_raw(opaque as *mut Arc<Sink>) });
        }
    });
}

/// Runs `f` with the sink behind `opaque`, never letting a panic cross into libvirt.
fn with_sink(opaque: *mut c_void, f: impl FnOnce(&Arc<Sink>)) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if opaque.is_null() {
            return;
        }
        // SAFETY: `opaque` is a live `Box<Arc<Sink>>` until libvirt calls `free_sink`.
        let sink = unsafe { &*(opaque as *const Arc<Sink>) };
        f(sink);
    }));
}

/// The domain's UUID string (a local call: the UUID is in the handle).
pub(crate) fn dom_uuid(dom: virt_sys::virDomainPtr) -> String {
    let mut buf = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
    // SAFETY: valid domain pointer; the buffer has VIR_UUID_STRING_BUFLEN bytes.
    if unsafe { virt_sys::virDomainGetUUIDString(dom, buf.as_mut_ptr()) } < 0 {
        return String::new();
    }
    // SAFETY: libvirt wrote a NUL-terminated string.
    unsafe { cstr(buf.as_ptr()) }
}

/// The domain's UUID as its raw value (a local call; 0 if libvirt fails).
pub(crate) fn dom_uuid_raw(dom: virt_sys::virDomainPtr) -> u128 {
    let mut buf = [0u8; virt_sys::VIR_UUID_BUFLEN as usize];
    // SAFETY: valid domain pointer; the buffer has VIR_UUID_BUFLEN bytes.
    if unsafe { virt_sys::virDomainGetUUID(dom, buf.as_mut_ptr()) } < 0 {
        return 0;
    }
    u128::from_be_bytes(buf)
}

/// The domain's name (a local call).
pub(crate) fn dom_name(dom: virt_sys::virDomainPtr) -> String {
    // SAFETY: valid domain pointer; the name lives as long as the handle.
    unsafe { cstr(virt_sys::virDomainGetName(dom)) }
}

/// A new reference to `dom` as a `virt::domain::Domain`.
pub(crate) fn dom_ref(dom: virt_sys::virDomainPtr) -> Option<virt::domain::Domain> {
    // SAFETY: valid domain pointer; virDomainRef adds the reference `from_ptr` takes over.
    unsafe {
        if virt_sys::virDomainRef(dom) < 0 {
            None
        } else {
            Some(virt::domain::Domain::from_ptr(dom))
        }
    }
}

unsafe extern "C" fn on_lifecycle(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    event: c_int,
    detail: c_int,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        if let Some(d) = dom_ref(dom) {
            s.push(Event::DomainLifecycle {
                uuid: dom_uuid(dom),
                name: dom_name(dom),
                dom: d,
                event,
                detail,
            });
        }
    });
}

unsafe extern "C" fn on_reboot(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        s.push(Event::DomainReboot {
            uuid: dom_uuid(dom),
        })
    });
}

unsafe extern "C" fn on_device_added(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    alias: *const c_char,
    opaque: *mut c_void,
) {
    // SAFETY: libvirt passes a valid string.
    with_sink(opaque, |s| {
        s.push(Event::DeviceAdded {
            uuid: dom_uuid(dom),
            alias: unsafe { cstr(alias) },
        })
    });
}

unsafe extern "C" fn on_device_removed(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    alias: *const c_char,
    opaque: *mut c_void,
) {
    // SAFETY: libvirt passes a valid string.
    with_sink(opaque, |s| {
        s.push(Event::DeviceRemoved {
            uuid: dom_uuid(dom),
            alias: unsafe { cstr(alias) },
        })
    });
}

unsafe extern "C" fn on_job_completed(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    params: virt_sys::virTypedParameterPtr,
    n: c_int,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        s.push(Event::JobCompleted {
            uuid: dom_uuid(dom),
            // SAFETY: libvirt passes `n` valid parameters (or NULL with 0).
            stats: if params.is_null() {
                Vec::new()
            } else {
                unsafe { crate::stats::params(params, n) }
            },
        })
    });
}

unsafe extern "C" fn on_block_job(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    disk: *const c_char,
    kind: c_int,
    status: c_int,
    opaque: *mut c_void,
) {
    // SAFETY: libvirt passes a valid string.
    with_sink(opaque, |s| {
        s.push(Event::BlockJob {
            uuid: dom_uuid(dom),
            disk: unsafe { cstr(disk) },
            kind,
            status,
        })
    });
}

unsafe extern "C" fn on_tray_change(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    alias: *const c_char,
    reason: c_int,
    opaque: *mut c_void,
) {
    // SAFETY: libvirt passes a valid string.
    with_sink(opaque, |s| {
        s.push(Event::TrayChange {
            uuid: dom_uuid(dom),
            alias: unsafe { cstr(alias) },
            reason,
        })
    });
}

unsafe extern "C" fn on_metadata_change(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    kind: c_int,
    nsuri: *const c_char,
    opaque: *mut c_void,
) {
    // SAFETY: libvirt passes NULL or a valid string.
    with_sink(opaque, |s| {
        s.push(Event::MetadataChange {
            uuid: dom_uuid(dom),
            kind,
            nsuri: unsafe { cstr(nsuri) },
        })
    });
}

unsafe extern "C" fn on_qmp(
    _c: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    event: *const c_char,
    seconds: c_longlong,
    micros: c_uint,
    details: *const c_char,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        s.push(Event::Qmp {
            uuid: dom_uuid(dom),
            // SAFETY: libvirt passes valid (or NULL details) strings.
            event: unsafe { cstr(event) },
            seconds,
            micros,
            // SAFETY: as above.
            details: unsafe { cstr(details) },
        })
    });
}

unsafe extern "C" fn on_network(
    _c: virt_sys::virConnectPtr,
    net: virt_sys::virNetworkPtr,
    event: c_int,
    _detail: c_int,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        // SAFETY: valid network pointer; the reference is handed to `from_ptr`.
        unsafe {
            if virt_sys::virNetworkRef(net) < 0 {
                return;
            }
            let mut buf = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
            virt_sys::virNetworkGetUUIDString(net, buf.as_mut_ptr());
            let uuid = cstr(buf.as_ptr());
            let name = cstr(virt_sys::virNetworkGetName(net));
            s.push(Event::NetworkLifecycle {
                net: virt::network::Network::from_ptr(net),
                uuid,
                name,
                event,
            });
        }
    });
}

unsafe extern "C" fn on_pool(
    _c: virt_sys::virConnectPtr,
    pool: virt_sys::virStoragePoolPtr,
    event: c_int,
    _detail: c_int,
    opaque: *mut c_void,
) {
    with_sink(opaque, |s| {
        // SAFETY: valid pool pointer; the reference is handed to `from_ptr`.
        unsafe {
            if virt_sys::virStoragePoolRef(pool) < 0 {
                return;
            }
            let mut buf = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
            virt_sys::virStoragePoolGetUUIDString(pool, buf.as_mut_ptr());
            let uuid = cstr(buf.as_ptr());
            let name = cstr(virt_sys::virStoragePoolGetName(pool));
            s.push(Event::PoolLifecycle {
                pool: virt::storage_pool::StoragePool::from_ptr(pool),
                uuid,
                name,
                event,
            });
        }
    });
}

unsafe extern "C" fn on_node_device(
    _c: virt_sys::virConnectPtr,
    dev: virt_sys::virNodeDevicePtr,
    event: c_int,
    _detail: c_int,
    opaque: *mut c_void,
) {
    // SAFETY: valid node device pointer.
    with_sink(opaque, |s| {
        s.push(Event::NodeDevice {
            name: unsafe { cstr(virt_sys::virNodeDeviceGetName(dev)) },
            event,
        })
    });
}

unsafe extern "C" fn on_close(_c: virt_sys::virConnectPtr, reason: c_int, opaque: *mut c_void) {
    with_sink(opaque, |s| s.push(Event::Closed { reason }));
}

/// One registered callback, to deregister on close.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Registration {
    Domain(c_int),
    Qemu(c_int),
    Network(c_int),
    Pool(c_int),
    NodeDevice(c_int),
    /// The close callback and its `Box<Arc<Sink>>` (as an address), which we free after
    /// unregistering: drivers without close callbacks (test:///) accept the registration
    /// but never call the free function, so libvirt cannot own it.
    Close(usize),
}

/// Registers every event callback on `conn` (in a worker thread: these are RPCs on
/// remote connections). Event kinds a driver does not support are skipped.
pub(crate) fn register_all(conn: &virt::connect::Connect, sink: &Arc<Sink>) -> Vec<Registration> {
    type Generic =
        unsafe extern "C" fn(virt_sys::virConnectPtr, virt_sys::virDomainPtr, *mut c_void);
    let mut regs = Vec::new();
    // SAFETY (whole block): each callback is cast to the generic type libvirt expects for
    // registration and is called back with the signature of its event id; the opaque is a
    // Box<Arc<Sink>> freed by `free_sink`.
    unsafe {
        let p = conn.as_ptr();
        let domain_cbs: [(u32, *const ()); 8] = [
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                on_lifecycle as *const (),
            ),
            (virt_sys::VIR_DOMAIN_EVENT_ID_REBOOT, on_reboot as *const ()),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                on_device_added as *const (),
            ),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                on_device_removed as *const (),
            ),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
                on_job_completed as *const (),
            ),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                on_block_job as *const (),
            ),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_TRAY_CHANGE,
                on_tray_change as *const (),
            ),
            (
                virt_sys::VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                on_metadata_change as *const (),
            ),
        ];
        for (id, cb) in domain_cbs {
            let cb: Generic = std::mem::transmute::<*const (), Generic>(cb);
            let op = boxed(sink);
            let r = virt_sys::virConnectDomainEventRegisterAny(
                p,
                std::ptr::null_mut(),
                id as c_int,
                Some(cb),
                op,
                Some(free_sink),
            );
            if r >= 0 {
                regs.push(Registration::Domain(r));
            } else {
                free_sink(op);
                tracing::debug!(event_id = id, "domain event not supported by this driver");
            }
        }
        let op = boxed(sink);
        let r = virt_sys::virConnectDomainQemuMonitorEventRegister(
            p,
            std::ptr::null_mut(),
            std::ptr::null(),
            Some(on_qmp),
            op,
            Some(free_sink),
            0,
        );
        if r >= 0 {
            regs.push(Registration::Qemu(r));
        } else {
            free_sink(op);
        }
        type NetGeneric =
            unsafe extern "C" fn(virt_sys::virConnectPtr, virt_sys::virNetworkPtr, *mut c_void);
        let op = boxed(sink);
        let cb = std::mem::transmute::<*const (), NetGeneric>(on_network as *const ());
        let r = virt_sys::virConnectNetworkEventRegisterAny(
            p,
            std::ptr::null_mut(),
            virt_sys::VIR_NETWORK_EVENT_ID_LIFECYCLE as c_int,
            Some(cb),
            op,
            Some(free_sink),
        );
        if r >= 0 {
            regs.push(Registration::Network(r));
        } else {
            free_sink(op);
        }
        type PoolGeneric =
            unsafe extern "C" fn(virt_sys::virConnectPtr, virt_sys::virStoragePoolPtr, *mut c_void);
        let op = boxed(sink);
        let cb = std::mem::transmute::<*const (), PoolGeneric>(on_pool as *const ());
        let r = virt_sys::virConnectStoragePoolEventRegisterAny(
            p,
            std::ptr::null_mut(),
            virt_sys::VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE as c_int,
            Some(cb),
            op,
            Some(free_sink),
        );
        if r >= 0 {
            regs.push(Registration::Pool(r));
        } else {
            free_sink(op);
        }
        type DevGeneric =
            unsafe extern "C" fn(virt_sys::virConnectPtr, virt_sys::virNodeDevicePtr, *mut c_void);
        let op = boxed(sink);
        let cb = std::mem::transmute::<*const (), DevGeneric>(on_node_device as *const ());
        let r = virt_sys::virConnectNodeDeviceEventRegisterAny(
            p,
            std::ptr::null_mut(),
            virt_sys::VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE as c_int,
            Some(cb),
            op,
            Some(free_sink),
        );
        if r >= 0 {
            regs.push(Registration::NodeDevice(r));
        } else {
            free_sink(op);
        }
        let op = boxed(sink);
        if virt_sys::virConnectRegisterCloseCallback(p, Some(on_close), op, None) >= 0 {
            regs.push(Registration::Close(op as usize));
        } else {
            free_sink(op);
        }
    }
    regs
}

/// Deregisters the callbacks (worker thread; errors on a dead connection are ignored).
pub(crate) fn deregister_all(conn: &virt::connect::Connect, regs: &[Registration]) {
    // SAFETY: valid connection pointer; ids came from the matching register calls.
    unsafe {
        let p = conn.as_ptr();
        for r in regs {
            match *r {
                Registration::Domain(id) => {
                    virt_sys::virConnectDomainEventDeregisterAny(p, id);
                }
                Registration::Qemu(id) => {
                    virt_sys::virConnectDomainQemuMonitorEventDeregister(p, id);
                }
                Registration::Network(id) => {
                    virt_sys::virConnectNetworkEventDeregisterAny(p, id);
                }
                Registration::Pool(id) => {
                    virt_sys::virConnectStoragePoolEventDeregisterAny(p, id);
                }
                Registration::NodeDevice(id) => {
                    virt_sys::virConnectNodeDeviceEventDeregisterAny(p, id);
                }
                Registration::Close(op) => {
                    // Once this returns no close callback runs (libvirt holds the callback
                    // data's lock while calling it), so the sink can go.
                    virt_sys::virConnectUnregisterCloseCallback(p, Some(on_close));
                    free_sink(op as *mut c_void);
                }
            }
        }
    }
}
