//! `GVirStream`: blocking send/receive, the `*_all` loops and the `add_watch` GSource.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

use glib::ffi::{gboolean, gpointer, GError, GSource, GSourceFunc};
use glib::gobject_ffi::GObject;
use glib::translate::*;
use libvirt_gobject::{flags, Stream};

use crate::ffi::{guard, obj, set_error};
use crate::object::get_types;

get_types! {
    gvir_stream_get_type => Stream;
    gvir_stream_handle_get_type => libvirt_gobject::handles::StreamHandle;
    gvir_stream_io_condition_get_type => flags::StreamIOCondition;
}

/// `GVirStreamIOCondition` bits (READABLE 1, WRITABLE 2, HANGUP 4, ERROR 8) to libvirt's
/// `virStreamEventType` (READABLE 1, WRITABLE 2, ERROR 4, HANGUP 8), and back.
fn to_virt(cond: u32) -> c_int {
    let mut e = 0;
    if cond & 1 != 0 {
        e |= virt_sys::VIR_STREAM_EVENT_READABLE as c_int;
    }
    if cond & 2 != 0 {
        e |= virt_sys::VIR_STREAM_EVENT_WRITABLE as c_int;
    }
    if cond & 4 != 0 {
        e |= virt_sys::VIR_STREAM_EVENT_HANGUP as c_int;
    }
    if cond & 8 != 0 {
        e |= virt_sys::VIR_STREAM_EVENT_ERROR as c_int;
    }
    e
}

fn from_virt(events: c_int) -> u32 {
    let mut c = 0;
    if events & virt_sys::VIR_STREAM_EVENT_READABLE as c_int != 0 {
        c |= 1;
    }
    if events & virt_sys::VIR_STREAM_EVENT_WRITABLE as c_int != 0 {
        c |= 2;
    }
    if events & virt_sys::VIR_STREAM_EVENT_HANGUP as c_int != 0 {
        c |= 4;
    }
    if events & virt_sys::VIR_STREAM_EVENT_ERROR as c_int != 0 {
        c |= 8;
    }
    c
}

/// A stream argument: the object and its libvirt stream.
///
/// # Safety
/// `ptr` NULL or a live GTypeInstance.
unsafe fn stream(func: &str, ptr: *mut GObject) -> Option<(Stream, virt::stream::Stream)> {
    // SAFETY: per the contract.
    let s = unsafe { obj::<Stream>(func, ptr) }?;
    let h = s.virt_handle()?;
    Some(((*s).clone(), h))
}

fn stream_error(what: &str) -> glib::Error {
    let quark = glib::Quark::from_str("gvir-stream-error-quark");
    // SAFETY: g_error_new_literal copies the message.
    unsafe {
        from_glib_full(glib::ffi::g_error_new_literal(
            quark.into_glib(),
            0,
            format!("Got {what} error").to_glib_none().0,
        ))
    }
}

/// `gvir_stream_receive`: reads up to `size` bytes (blocking on a blocking stream).
/// Returns the count, 0 at end of stream, -1 on error (`G_IO_ERROR_WOULD_BLOCK` when a
/// non-blocking stream has nothing yet).
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_receive(
    this: *mut GObject,
    buffer: *mut c_char,
    size: usize,
    _cancellable: *mut gio::ffi::GCancellable,
    err: *mut *mut GError,
) -> isize {
    guard("gvir_stream_receive", -1, || {
        crate::check!("gvir_stream_receive", !buffer.is_null(), -1);
        // SAFETY: checked to be a GVirStream.
        let Some((_, st)) = (unsafe { stream("gvir_stream_receive", this) }) else {
            return -1;
        };
        // SAFETY: buffer has `size` writable bytes per the C contract.
        let r = unsafe { virt_sys::virStreamRecv(st.as_ptr(), buffer, size) };
        match r {
            -2 => {
                let e = glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "virStreamRecv call would block",
                );
                // SAFETY: err per the C contract.
                unsafe { set_error(err, e, -1) }
            }
            // SAFETY: err per the C contract.
            r if r < 0 => unsafe { set_error(err, stream_error("virStreamRecv"), -1) },
            r => r as isize,
        }
    })
}

/// `gvir_stream_send`: writes up to `size` bytes; the count written, or -1.
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_send(
    this: *mut GObject,
    buffer: *const c_char,
    size: usize,
    _cancellable: *mut gio::ffi::GCancellable,
    err: *mut *mut GError,
) -> isize {
    guard("gvir_stream_send", -1, || {
        crate::check!("gvir_stream_send", !buffer.is_null(), -1);
        // SAFETY: checked to be a GVirStream.
        let Some((_, st)) = (unsafe { stream("gvir_stream_send", this) }) else {
            return -1;
        };
        // SAFETY: buffer has `size` readable bytes per the C contract.
        let r = unsafe { virt_sys::virStreamSend(st.as_ptr(), buffer, size) };
        match r {
            -2 => {
                let e = glib::Error::new(
                    gio::IOErrorEnum::WouldBlock,
                    "virStreamSend call would block",
                );
                // SAFETY: err per the C contract.
                unsafe { set_error(err, e, -1) }
            }
            // SAFETY: err per the C contract.
            r if r < 0 => unsafe { set_error(err, stream_error("virStreamSend"), -1) },
            r => r as isize,
        }
    })
}

/// The user's function and data for the `*_all` loops.
struct AllData {
    stream: *mut GObject,
    func: gpointer,
    user_data: gpointer,
}

type SinkFunc = unsafe extern "C" fn(*mut GObject, *const c_char, usize, gpointer) -> c_int;
type SourceFunc = unsafe extern "C" fn(*mut GObject, *mut c_char, usize, gpointer) -> c_int;

unsafe extern "C" fn sink_trampoline(
    _st: virt_sys::virStreamPtr,
    data: *const c_char,
    nbytes: usize,
    opaque: *mut c_void,
) -> c_int {
    // SAFETY: opaque is the AllData of gvir_stream_receive_all, alive during the call.
    let d = unsafe { &*(opaque as *const AllData) };
    // SAFETY: func is a GVirStreamSinkFunc per the C contract.
    let f: SinkFunc = unsafe { std::mem::transmute(d.func) };
    // SAFETY: calling the user's function with the documented arguments.
    unsafe { f(d.stream, data, nbytes, d.user_data) }
}

unsafe extern "C" fn source_trampoline(
    _st: virt_sys::virStreamPtr,
    data: *mut c_char,
    nbytes: usize,
    opaque: *mut c_void,
) -> c_int {
    // SAFETY: opaque is the AllData of gvir_stream_send_all, alive during the call.
    let d = unsafe { &*(opaque as *const AllData) };
    // SAFETY: func is a GVirStreamSourceFunc per the C contract.
    let f: SourceFunc = unsafe { std::mem::transmute(d.func) };
    // SAFETY: calling the user's function with the documented arguments.
    unsafe { f(d.stream, data, nbytes, d.user_data) }
}

/// `gvir_stream_receive_all`: feeds the whole stream to `func` (`virStreamRecvAll`).
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_receive_all(
    this: *mut GObject,
    _cancellable: *mut gio::ffi::GCancellable,
    func: gpointer,
    user_data: gpointer,
    err: *mut *mut GError,
) -> isize {
    guard("gvir_stream_receive_all", -1, || {
        crate::check!("gvir_stream_receive_all", !func.is_null(), -1);
        // SAFETY: checked to be a GVirStream.
        let Some((_, st)) = (unsafe { stream("gvir_stream_receive_all", this) }) else {
            return -1;
        };
        let data = AllData {
            stream: this,
            func,
            user_data,
        };
        // SAFETY: data outlives the call; the trampoline matches virStreamSinkFunc.
        let r = unsafe {
            virt_sys::virStreamRecvAll(
                st.as_ptr(),
                Some(sink_trampoline),
                &data as *const AllData as *mut c_void,
            )
        };
        if r < 0 {
            // SAFETY: err per the C contract.
            unsafe { set_error(err, stream_error("virStreamRecvAll"), -1) }
        } else {
            r as isize
        }
    })
}

/// `gvir_stream_send_all`: sends what `func` produces until it returns 0
/// (`virStreamSendAll`).
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_send_all(
    this: *mut GObject,
    _cancellable: *mut gio::ffi::GCancellable,
    func: gpointer,
    user_data: gpointer,
    err: *mut *mut GError,
) -> isize {
    guard("gvir_stream_send_all", -1, || {
        crate::check!("gvir_stream_send_all", !func.is_null(), -1);
        // SAFETY: checked to be a GVirStream.
        let Some((_, st)) = (unsafe { stream("gvir_stream_send_all", this) }) else {
            return -1;
        };
        let data = AllData {
            stream: this,
            func,
            user_data,
        };
        // SAFETY: data outlives the call; the trampoline matches virStreamSourceFunc.
        let r = unsafe {
            virt_sys::virStreamSendAll(
                st.as_ptr(),
                Some(source_trampoline),
                &data as *const AllData as *mut c_void,
            )
        };
        if r < 0 {
            // SAFETY: err per the C contract.
            unsafe { set_error(err, stream_error("virStreamSendAll"), -1) }
        } else {
            r as isize
        }
    })
}

/// What libvirt's stream callback and the GSource share.
struct WatchShared {
    revents: AtomicI32,
    context: glib::MainContext,
}

/// The GSource of `gvir_stream_add_watch`: ready when libvirt reported one of `cond`.
#[repr(C)]
struct StreamSource {
    source: GSource,
    stream: *mut GObject,
    st: virt_sys::virStreamPtr,
    cond: u32,
    shared: *const WatchShared,
}

unsafe extern "C" fn on_stream_event(
    _st: virt_sys::virStreamPtr,
    events: c_int,
    opaque: *mut c_void,
) {
    // SAFETY: opaque is a WatchShared kept alive by the registration (freed by its ff).
    let shared = unsafe { &*(opaque as *const WatchShared) };
    shared.revents.fetch_or(events, Ordering::SeqCst);
    shared.context.wakeup();
}

unsafe extern "C" fn free_shared(opaque: *mut c_void) {
    // SAFETY: the Arc reference handed to libvirt at registration.
    drop(unsafe { std::sync::Arc::from_raw(opaque as *const WatchShared) });
}

unsafe fn ready(source: *mut GSource) -> bool {
    // SAFETY: source is a StreamSource (created with its size).
    let s = unsafe { &*(source as *const StreamSource) };
    // SAFETY: shared lives as long as the source.
    let revents = unsafe { &*s.shared }.revents.load(Ordering::SeqCst);
    from_virt(revents) & s.cond != 0
}

unsafe extern "C" fn prepare(source: *mut GSource, timeout: *mut c_int) -> gboolean {
    // SAFETY: GLib passes a valid out pointer.
    unsafe { *timeout = -1 };
    // SAFETY: a StreamSource.
    unsafe { ready(source) }.into_glib()
}

unsafe extern "C" fn check(source: *mut GSource) -> gboolean {
    // SAFETY: a StreamSource.
    unsafe { ready(source) }.into_glib()
}

unsafe extern "C" fn dispatch(
    source: *mut GSource,
    callback: GSourceFunc,
    user_data: gpointer,
) -> gboolean {
    // SAFETY: a StreamSource.
    let s = unsafe { &*(source as *const StreamSource) };
    // SAFETY: shared lives as long as the source.
    let revents = unsafe { &*s.shared }.revents.swap(0, Ordering::SeqCst);
    let Some(cb) = callback else {
        return glib::ffi::GFALSE;
    };
    // SAFETY: the callback was set from a GVirStreamIOFunc in gvir_stream_add_watch_full.
    let f: unsafe extern "C" fn(*mut GObject, u32, gpointer) -> gboolean =
        unsafe { std::mem::transmute(cb) };
    // SAFETY: calling the user's function with the documented arguments.
    unsafe { f(s.stream, from_virt(revents) & s.cond, user_data) }
}

unsafe extern "C" fn finalize(source: *mut GSource) {
    // SAFETY: a StreamSource; its fields were set at creation.
    unsafe {
        let s = &*(source as *const StreamSource);
        virt_sys::virStreamEventRemoveCallback(s.st);
        virt_sys::virStreamFree(s.st);
        glib::gobject_ffi::g_object_unref(s.stream);
        drop(std::sync::Arc::from_raw(s.shared));
    }
}

struct Funcs(glib::ffi::GSourceFuncs);
// SAFETY: the table is immutable function pointers.
unsafe impl Sync for Funcs {}

static FUNCS: Funcs = Funcs(glib::ffi::GSourceFuncs {
    prepare: Some(prepare),
    check: Some(check),
    dispatch: Some(dispatch),
    finalize: Some(finalize),
    closure_callback: None,
    closure_marshal: None,
});

/// `gvir_stream_add_watch_full`: calls `func` on the default main context whenever the
/// stream meets `cond`, until it returns FALSE; `notify(opaque)` when the watch goes.
/// Returns the GSource id (0 on failure).
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_add_watch_full(
    this: *mut GObject,
    priority: c_int,
    cond: u32,
    func: gpointer,
    opaque: gpointer,
    notify: glib::ffi::GDestroyNotify,
) -> u32 {
    guard("gvir_stream_add_watch_full", 0, || {
        crate::check!("gvir_stream_add_watch_full", !func.is_null(), 0);
        // SAFETY: checked to be a GVirStream.
        let Some((_, st)) = (unsafe { stream("gvir_stream_add_watch_full", this) }) else {
            return 0;
        };
        let shared = std::sync::Arc::new(WatchShared {
            revents: AtomicI32::new(0),
            context: glib::MainContext::default(),
        });
        // SAFETY: registering our callback; libvirt owns one Arc reference (freed by ff).
        let r = unsafe {
            virt_sys::virStreamEventAddCallback(
                st.as_ptr(),
                to_virt(cond),
                Some(on_stream_event),
                std::sync::Arc::into_raw(shared.clone()) as *mut c_void,
                Some(free_shared),
            )
        };
        if r < 0 {
            glib::g_warning!(
                "libvirt-glib",
                "gvir_stream_add_watch_full: {}",
                stream_error("virStreamEventAddCallback")
            );
            return 0;
        }
        // SAFETY: a new source of our size; every field is set before it is attached.
        unsafe {
            let source = glib::ffi::g_source_new(
                &FUNCS.0 as *const _ as *mut glib::ffi::GSourceFuncs,
                std::mem::size_of::<StreamSource>() as u32,
            );
            let s = &mut *(source as *mut StreamSource);
            virt_sys::virStreamRef(st.as_ptr());
            s.st = st.as_ptr();
            s.stream = glib::gobject_ffi::g_object_ref(this);
            s.cond = cond;
            s.shared = std::sync::Arc::into_raw(shared);
            glib::ffi::g_source_set_priority(source, priority);
            glib::ffi::g_source_set_callback(
                source,
                std::mem::transmute::<gpointer, GSourceFunc>(func),
                opaque,
                notify,
            );
            let id = glib::ffi::g_source_attach(source, std::ptr::null_mut());
            glib::ffi::g_source_unref(source);
            id
        }
    })
}

/// `gvir_stream_add_watch`: `gvir_stream_add_watch_full` at default priority without a
/// destroy notification.
#[no_mangle]
pub unsafe extern "C" fn gvir_stream_add_watch(
    this: *mut GObject,
    cond: u32,
    func: gpointer,
    opaque: gpointer,
) -> u32 {
    // SAFETY: forwarded under the same contract.
    unsafe {
        gvir_stream_add_watch_full(
            this,
            glib::ffi::G_PRIORITY_DEFAULT,
            cond,
            func,
            opaque,
            None,
        )
    }
}
