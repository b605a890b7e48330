//! LibvirtGObject: thin `extern "C"` functions over the libvirt-gobject crate.
//!
//! The macros below generate the repetitive shapes (GType getters, `_async`/`_finish`
//! pairs on a GTask, blocking calls with `GError**`); each file under `object/` lists
//! one class's functions.

pub mod connection;

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
