//! LibvirtGObject: thin `extern "C"` functions over the libvirt-gobject crate.
//!
//! The macros below generate the repetitive shapes (GType getters, `_async`/`_finish`
//! pairs on a GTask, blocking calls with `GError**`); each file under `object/` lists
//! one class's functions.

pub mod connection;
pub mod devices;
pub mod domain;
pub mod misc;
pub mod network;
pub mod snapshot;
pub mod storage;
pub mod stream;

/// `xxx_get_type` functions for types registered by the libvirt-gobject crate.
macro_rules! get_types {
    ($($fname:ident => $T:ty;)*) => {$(
        #[doc = concat!("`", stringify!($fname), "`.")]
        #[no_mangle]
        pub extern "C" fn $fname() -> glib::ffi::GType {
            use glib::prelude::StaticType;
            use glib::translate::IntoGlib;
            $crate::ffi::guard(stringify!($fname), 0, || <$T>::static_type().into_glib())
        }
    )*};
}
pub(crate) use get_types;

/// An `_async`/`_finish` pair: the `_async` half starts a GTask completed by the future
/// `$fut` (built from the borrowed object `$o` and the extra C arguments); `_finish`
/// propagates its result. `$kind` is `unit` (finish returns TRUE), `bool`, `object`
/// (transfer full) or `string` (transfer full).
macro_rules! async_pair {
    ($(
        $async:ident, $finish:ident: $T:ty,
        |$o:ident $(, $a:ident : $at:ty)*| $fut:expr => $kind:ident;
    )*) => {$(
        #[doc = concat!("`", stringify!($async), "`: starts the call; `callback` runs on the thread-default main context.")]
        #[no_mangle]
        pub unsafe extern "C" fn $async(
            this: *mut glib::gobject_ffi::GObject,
            $($a: $at,)*
            cancellable: *mut gio::ffi::GCancellable,
            callback: gio::ffi::GAsyncReadyCallback,
            user_data: glib::ffi::gpointer,
        ) {
            $crate::ffi::guard(stringify!($async), (), || {
                // SAFETY: checked to be a live instance of the class.
                let Some(b) = (unsafe { $crate::ffi::obj::<$T>(stringify!($async), this) }) else {
                    return;
                };
                let $o: $T = (*b).clone();
                let fut = $fut;
                // SAFETY: this is live; cancellable per the C contract.
                unsafe {
                    $crate::ffi::spawn_task(
                        this,
                        cancellable,
                        callback,
                        user_data,
                        $async as *const () as glib::ffi::gpointer,
                        fut,
                        $crate::object::async_pair!(@map $kind),
                    )
                }
            })
        }

        #[doc = concat!("`", stringify!($finish), "`: the result of `", stringify!($async), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $finish(
            this: *mut glib::gobject_ffi::GObject,
            result: *mut gio::ffi::GAsyncResult,
            err: *mut *mut glib::ffi::GError,
        ) -> $crate::object::async_pair!(@ret $kind) {
            $crate::ffi::guard(stringify!($finish), $crate::object::async_pair!(@none $kind), || {
                // SAFETY: checked to be a live instance of the class.
                if unsafe { $crate::ffi::obj::<$T>(stringify!($finish), this) }.is_none() {
                    return $crate::object::async_pair!(@none $kind);
                }
                // SAFETY: result is checked to be this call's GTask.
                let Some(task) = (unsafe {
                    $crate::ffi::task_of(stringify!($finish), this, result, $async as *const () as glib::ffi::gpointer)
                }) else {
                    return $crate::object::async_pair!(@none $kind);
                };
                // SAFETY: task is this call's GTask; err per the C contract.
                unsafe { $crate::object::async_pair!(@finish $kind, task, err) }
            })
        }
    )*};
    (@map unit) => { |()| $crate::ffi::TaskValue::Bool(true) };
    (@map bool) => { |v: bool| $crate::ffi::TaskValue::Bool(v) };
    (@map object) => {
        |v| $crate::ffi::TaskValue::Pointer(
            glib::translate::IntoGlibPtr::<*mut glib::gobject_ffi::GObject>::into_glib_ptr(glib::prelude::Cast::upcast::<glib::Object>(v)) as glib::ffi::gpointer,
            Some($crate::ffi::unref),
        )
    };
    (@map string) => {
        |v: String| $crate::ffi::TaskValue::Pointer($crate::ffi::strdup(&v) as glib::ffi::gpointer, Some($crate::ffi::free))
    };
    (@map boxed) => {
        |v| {
            let free = $crate::ffi::drop_boxed_of(&v);
            $crate::ffi::TaskValue::Pointer($crate::ffi::boxed_full(v), Some(free))
        }
    };
    (@ret boxed) => { glib::ffi::gpointer };
    (@none boxed) => { std::ptr::null_mut() };
    (@finish boxed, $t:ident, $e:ident) => { $crate::ffi::finish_pointer($t, $e) };
    (@ret unit) => { glib::ffi::gboolean };
    (@ret bool) => { glib::ffi::gboolean };
    (@ret object) => { glib::ffi::gpointer };
    (@ret string) => { *mut std::ffi::c_char };
    (@none unit) => { glib::ffi::GFALSE };
    (@none bool) => { glib::ffi::GFALSE };
    (@none object) => { std::ptr::null_mut() };
    (@none string) => { std::ptr::null_mut() };
    (@finish unit, $t:ident, $e:ident) => { $crate::ffi::finish_bool($t, $e) };
    (@finish bool, $t:ident, $e:ident) => { $crate::ffi::finish_bool($t, $e) };
    (@finish object, $t:ident, $e:ident) => { $crate::ffi::finish_pointer($t, $e) };
    (@finish string, $t:ident, $e:ident) => { $crate::ffi::finish_pointer($t, $e) as *mut std::ffi::c_char };
}
pub(crate) use async_pair;

/// Plain C functions on one object: `fn name(this: Class, args...) -> kind { body }`.
/// With `; err` after the arguments the C function takes a trailing `GError **err` and
/// `body` is a `Result<_, glib::Error>`; without it `body` is the value itself.
///
/// Kinds: `void`, `bool`, `num(T)`, `str_none` (`Option<String>` kept alive on the object,
/// transfer none), `str_full` (`String`, transfer full), `obj_full` / `opt_obj_full`
/// (a GObject / `Option` of one, transfer full), `obj_list` (`Vec` of GObjects → a `GList`,
/// transfer full), `boxed` (a `glib::Boxed` value, transfer full).
macro_rules! cfn {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($this:ident: $T:ty $(, $a:ident : $at:ty)* $(; $err:ident)?) -> $kind:ident $(($num:ty))? $body:block
    )*) => {$(
        $(#[$doc])*
        #[doc = concat!("`", stringify!($name), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            this_ptr: *mut glib::gobject_ffi::GObject,
            $($a: $at,)*
            $($err: *mut *mut glib::ffi::GError,)?
        ) -> $crate::object::cfn!(@ret $kind $(($num))?) {
            $crate::ffi::guard(stringify!($name), $crate::object::cfn!(@none $kind $(($num))?), || {
                // SAFETY: checked to be a live instance of the class.
                let Some(b) = (unsafe { $crate::ffi::obj::<$T>(stringify!($name), this_ptr) }) else {
                    return $crate::object::cfn!(@none $kind $(($num))?);
                };
                let $this: &$T = &b;
                $crate::object::cfn!(@body $this, $name, $kind $(($num))?, $body $(, $err)?)
            })
        }
    )*};
    (@body $this:ident, $name:ident, $kind:ident $(($num:ty))?, $body:block, $err:ident) => {{
        #[allow(unused_unsafe, clippy::redundant_closure_call)]
        let r: Result<_, glib::Error> = (|| $body)();
        match r {
            Ok(v) => $crate::object::cfn!(@conv $this, $name, $kind $(($num))?, v),
            // SAFETY: err is NULL or a NULL GError* per the C contract.
            Err(e) => unsafe { $crate::ffi::set_error($err, e, $crate::object::cfn!(@none $kind $(($num))?)) },
        }
    }};
    (@body $this:ident, $name:ident, $kind:ident $(($num:ty))?, $body:block) => {{
        #[allow(unused_unsafe)]
        let v = $body;
        $crate::object::cfn!(@conv $this, $name, $kind $(($num))?, v)
    }};
    (@ret void) => { () };
    (@ret bool) => { glib::ffi::gboolean };
    (@ret num($t:ty)) => { $t };
    (@ret num_neg($t:ty)) => { $t };
    (@ret str_none) => { *const std::ffi::c_char };
    (@ret str_full) => { *mut std::ffi::c_char };
    (@ret obj_full) => { glib::ffi::gpointer };
    (@ret opt_obj_full) => { glib::ffi::gpointer };
    (@ret obj_list) => { *mut glib::ffi::GList };
    (@ret boxed) => { glib::ffi::gpointer };
    (@none void) => { () };
    (@none bool) => { glib::ffi::GFALSE };
    (@none num($t:ty)) => { Default::default() };
    (@none num_neg($t:ty)) => { -1 };
    (@none str_none) => { std::ptr::null() };
    (@none $other:ident) => { std::ptr::null_mut() };
    (@conv $this:ident, $name:ident, void, $v:expr) => { $v };
    (@conv $this:ident, $name:ident, bool, $v:expr) => { glib::translate::IntoGlib::into_glib($v) };
    (@conv $this:ident, $name:ident, num($t:ty), $v:expr) => { $v as $t };
    (@conv $this:ident, $name:ident, num_neg($t:ty), $v:expr) => { $v as $t };
    (@conv $this:ident, $name:ident, str_none, $v:expr) => {
        $crate::ffi::cached_str($this, stringify!($name), Option::<String>::from($v).as_deref())
    };
    (@conv $this:ident, $name:ident, str_full, $v:expr) => { $crate::ffi::strdup(&$v) };
    (@conv $this:ident, $name:ident, obj_full, $v:expr) => { $crate::ffi::obj_full($v) };
    (@conv $this:ident, $name:ident, opt_obj_full, $v:expr) => {
        match $v { Some(o) => $crate::ffi::obj_full(o), None => std::ptr::null_mut() }
    };
    (@conv $this:ident, $name:ident, obj_list, $v:expr) => { $crate::ffi::obj_list($v) };
    (@conv $this:ident, $name:ident, boxed, $v:expr) => { $crate::ffi::boxed_full($v) };
}
pub(crate) use cfn;

/// The XML of a `GVirConfigObject` argument; `None` (after a critical warning) when
/// `ptr` is not one. NULL gives `Some(None)` for nullable arguments.
///
/// # Safety
/// `ptr` must be NULL or a live GTypeInstance.
pub(crate) unsafe fn config_arg(
    func: &str,
    ptr: *mut glib::gobject_ffi::GObject,
) -> Option<Option<crate::config::object::ConfigObject>> {
    if ptr.is_null() {
        return Some(None);
    }
    // SAFETY: per the contract.
    unsafe { crate::ffi::obj::<crate::config::object::ConfigObject>(func, ptr) }
        .map(|b| Some((*b).clone()))
}

/// A required `GVirConfigObject` argument's XML, or a `G_IO_ERROR_INVALID_ARGUMENT`
/// error naming the function.
///
/// # Safety
/// As [`config_arg`].
pub(crate) unsafe fn config_xml(
    func: &str,
    ptr: *mut glib::gobject_ffi::GObject,
) -> Result<String, glib::Error> {
    // SAFETY: per the contract.
    match unsafe { config_arg(func, ptr) } {
        Some(Some(c)) => Ok(c.to_xml()),
        _ => Err(glib::Error::new(
            gio::IOErrorEnum::InvalidArgument,
            &format!("{func}: the configuration is not a GVirConfigObject"),
        )),
    }
}

/// A new `GVirConfigXxx` of type `C` (root element `root`) parsed from `xml`.
pub(crate) fn new_config<C: glib::prelude::StaticType>(
    root: &str,
    xml: &str,
) -> Result<crate::config::object::ConfigObject, glib::Error> {
    crate::config::object::ConfigObject::from_xml(C::static_type(), root, xml)
}

/// Runs a blocking libvirt call on a worker thread; the libvirt error is converted there
/// (libvirt errors are thread-local), with `what` as its context.
pub(crate) fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> Result<T, virt::error::Error> + Send + 'static,
) -> impl std::future::Future<Output = Result<T, glib::Error>> + 'static {
    let h = gio::spawn_blocking(move || f().map_err(|e| libvirt_glib::to_glib(&e, what)));
    async move {
        h.await
            .map_err(|_| glib::Error::new(gio::IOErrorEnum::Failed, "worker thread panicked"))?
    }
}

/// The "not connected" error of an object whose connection is closed.
pub(crate) fn closed() -> glib::Error {
    glib::Error::new(gio::IOErrorEnum::NotConnected, "the connection is closed")
}

/// Reads a C string argument (NULL reads as "").
///
/// # Safety
/// `s` must be NULL or a NUL-terminated string.
pub(crate) unsafe fn arg_str(s: *const std::ffi::c_char) -> String {
    // SAFETY: per the contract.
    unsafe { crate::ffi::opt_str(s) }
        .map(|c| c.into_owned())
        .unwrap_or_default()
}

/// Reads an optional C string argument.
///
/// # Safety
/// As [`arg_str`].
pub(crate) unsafe fn arg_opt(s: *const std::ffi::c_char) -> Option<String> {
    // SAFETY: per the contract.
    unsafe { crate::ffi::opt_str(s) }.map(|c| c.into_owned())
}
