//! Helpers shared by every `extern "C"` function: the unwind guard, argument checks
//! in the style of `g_return_val_if_fail`, string and error conversions, and the GTask
//! glue of the `_async`/`_finish` pairs.

use std::ffi::{c_char, CStr};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};

use glib::ffi::{gboolean, gpointer, GError};
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;

/// Runs `f`, turning a panic into a critical warning and `default`: nothing unwinds into C.
pub fn guard<R>(func: &str, default: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            glib::g_critical!("libvirt-glib", "{func}: internal error: {what}");
            default
        }
    }
}

/// Reports a failed precondition as `g_return_val_if_fail` does (a critical warning
/// naming the function and the expression).
pub fn return_if_fail_warning(func: &str, expr: &str) {
    let func = std::ffi::CString::new(func).unwrap_or_default();
    let expr = std::ffi::CString::new(expr).unwrap_or_default();
    // SAFETY: both strings are NUL-terminated and outlive the call.
    unsafe {
        glib::ffi::g_return_if_fail_warning(c"libvirt-glib".as_ptr(), func.as_ptr(), expr.as_ptr())
    };
}

/// `g_return_val_if_fail(cond, val)` for the body of an `extern "C"` function.
#[macro_export]
macro_rules! check {
    ($func:expr, $cond:expr) => {
        if !($cond) {
            $crate::ffi::return_if_fail_warning($func, stringify!($cond));
            return;
        }
    };
    ($func:expr, $cond:expr, $ret:expr) => {
        if !($cond) {
            $crate::ffi::return_if_fail_warning($func, stringify!($cond));
            return $ret;
        }
    };
}

/// Borrows a GObject of type `T` from a C pointer, or `None` (after a critical warning)
/// when it is NULL or not a `T`.
///
/// # Safety
/// `ptr` must be NULL or point to a live GTypeInstance.
pub unsafe fn obj<T>(func: &str, ptr: *mut GObject) -> Option<Borrowed<T>>
where
    T: ObjectType + FromGlibPtrBorrow<*mut T::GlibType>,
{
    // SAFETY: per the contract; g_type_check_instance_is_a accepts any instance.
    let ok = !ptr.is_null()
        && unsafe {
            glib::gobject_ffi::g_type_check_instance_is_a(
                ptr as *mut _,
                T::static_type().into_glib(),
            ) != 0
        };
    if !ok {
        return_if_fail_warning(func, &format!("GVIR_IS_{}(obj)", T::static_type().name()));
        return None;
    }
    // SAFETY: checked above to be a live instance of T.
    Some(unsafe { from_glib_borrow(ptr as *mut T::GlibType) })
}

/// Reads a C string argument; `None` for NULL. Invalid UTF-8 is replaced.
///
/// # Safety
/// `s` must be NULL or a NUL-terminated string.
pub unsafe fn opt_str<'a>(s: *const c_char) -> Option<std::borrow::Cow<'a, str>> {
    if s.is_null() {
        None
    } else {
        // SAFETY: per the contract.
        Some(unsafe { CStr::from_ptr(s) }.to_string_lossy())
    }
}

/// A newly allocated (g_malloc) copy of `s`: transfer full.
pub fn strdup(s: &str) -> *mut c_char {
    s.to_glib_full()
}

/// A newly allocated copy of `s`, or NULL.
pub fn opt_strdup(s: Option<&str>) -> *mut c_char {
    s.map_or(std::ptr::null_mut(), strdup)
}

/// Stores `e` in `err` (when the caller asked for errors) and returns `ret`.
///
/// # Safety
/// `err` must be NULL or point to a NULL `GError*`.
pub unsafe fn set_error<R>(err: *mut *mut GError, e: glib::Error, ret: R) -> R {
    if !err.is_null() {
        // SAFETY: per the contract; ownership of the error moves to the caller.
        unsafe { *err = e.into_glib_ptr() };
    }
    ret
}

/// Converts a `Result<(), glib::Error>` to the C convention (`gboolean` + `GError**`).
///
/// # Safety
/// As [`set_error`].
pub unsafe fn bool_result(r: Result<(), glib::Error>, err: *mut *mut GError) -> gboolean {
    match r {
        Ok(()) => glib::ffi::GTRUE,
        // SAFETY: per the contract.
        Err(e) => unsafe { set_error(err, e, glib::ffi::GFALSE) },
    }
}

/// What a finished GTask carries.
pub enum TaskValue {
    /// `g_task_return_boolean`.
    Bool(bool),
    /// `g_task_return_int`.
    Int(isize),
    /// `g_task_return_pointer` with its free function.
    Pointer(gpointer, Option<unsafe extern "C" fn(gpointer)>),
}

/// Starts an `_async` call: a real `GTask` on `source` (with the caller's cancellable,
/// callback and data) completed from `fut` on the thread-default main context, as the C
/// library's `g_task_run_in_thread` does. `map` turns the success value into the task's
/// return value.
///
/// # Safety
/// `source` must be a live GObject, `cancellable` NULL or a GCancellable.
pub unsafe fn spawn_task<T: 'static>(
    source: *mut GObject,
    cancellable: *mut gio::ffi::GCancellable,
    callback: gio::ffi::GAsyncReadyCallback,
    user_data: gpointer,
    source_tag: gpointer,
    fut: impl Future<Output = Result<T, glib::Error>> + 'static,
    map: impl FnOnce(T) -> TaskValue + 'static,
) {
    // SAFETY: per the contract; the task holds its own references.
    let task = unsafe { gio::ffi::g_task_new(source, cancellable, callback, user_data) };
    // SAFETY: task was just created.
    unsafe { gio::ffi::g_task_set_source_tag(task, source_tag) };
    let task_ptr = task as usize;
    let cancel: Option<gio::Cancellable> = if cancellable.is_null() {
        None
    } else {
        // SAFETY: a live GCancellable per the contract.
        Some(unsafe { from_glib_none(cancellable) })
    };
    let ctx = glib::MainContext::ref_thread_default();
    let ctx2 = ctx.clone();
    ctx.spawn_local(async move {
        let r = match cancel {
            Some(c) => match gio::CancellableFuture::new(fut, c).await {
                Ok(r) => r,
                Err(_) => Err(glib::Error::new(
                    gio::IOErrorEnum::Cancelled,
                    "Operation was cancelled",
                )),
            },
            None => fut.await,
        };
        // Complete the task from a plain idle source of the same context, not from
        // inside this future's poll: the caller's callback may make blocking calls, which
        // run a future executor of their own.
        let mut done = glib::thread_guard::ThreadGuard::new(Some((r, map)));
        let source = glib::source::idle_source_new(None, glib::Priority::DEFAULT, move || {
            let Some((r, map)) = done.get_mut().take() else {
                return glib::ControlFlow::Break;
            };
            let task = task_ptr as *mut gio::ffi::GTask;
            // SAFETY: we own one reference on the task until the unref below.
            unsafe {
                match r {
                    Ok(v) => match map(v) {
                        TaskValue::Bool(b) => gio::ffi::g_task_return_boolean(task, b.into_glib()),
                        TaskValue::Int(i) => gio::ffi::g_task_return_int(task, i),
                        TaskValue::Pointer(p, free) => {
                            gio::ffi::g_task_return_pointer(task, p, free)
                        }
                    },
                    Err(e) => gio::ffi::g_task_return_error(task, e.into_glib_ptr()),
                }
                glib::gobject_ffi::g_object_unref(task as *mut _);
            }
            glib::ControlFlow::Break
        });
        source.attach(Some(&ctx2));
    });
}

/// Checks that `result` is a GTask of `source` made by the `_async` whose tag is `tag`.
///
/// # Safety
/// `result` must be NULL or a live GAsyncResult.
pub unsafe fn task_of(
    func: &str,
    source: *mut GObject,
    result: *mut gio::ffi::GAsyncResult,
    tag: gpointer,
) -> Option<*mut gio::ffi::GTask> {
    // SAFETY: per the contract.
    let valid = !result.is_null()
        && unsafe { gio::ffi::g_task_is_valid(result, source) } != 0
        && unsafe { gio::ffi::g_task_get_source_tag(result as *mut gio::ffi::GTask) } == tag;
    if !valid {
        return_if_fail_warning(func, "g_task_is_valid(result, source)");
        return None;
    }
    Some(result as *mut gio::ffi::GTask)
}

/// `g_task_propagate_boolean` with the C convention.
///
/// # Safety
/// `task` a GTask returned by [`task_of`], `err` as [`set_error`].
pub unsafe fn finish_bool(task: *mut gio::ffi::GTask, err: *mut *mut GError) -> gboolean {
    // SAFETY: per the contract.
    unsafe { gio::ffi::g_task_propagate_boolean(task, err) }
}

/// `g_task_propagate_pointer` (transfer full of whatever the task carried).
///
/// # Safety
/// As [`finish_bool`].
pub unsafe fn finish_pointer(task: *mut gio::ffi::GTask, err: *mut *mut GError) -> gpointer {
    // SAFETY: per the contract.
    unsafe { gio::ffi::g_task_propagate_pointer(task, err) }
}

/// `g_task_propagate_int`.
///
/// # Safety
/// As [`finish_bool`].
pub unsafe fn finish_int(task: *mut gio::ffi::GTask, err: *mut *mut GError) -> isize {
    // SAFETY: per the contract.
    unsafe { gio::ffi::g_task_propagate_int(task, err) }
}

/// `g_object_unref` as a `GDestroyNotify`.
pub unsafe extern "C" fn unref(p: gpointer) {
    // SAFETY: called only on pointers holding a reference.
    unsafe { glib::gobject_ffi::g_object_unref(p as *mut GObject) }
}

/// `g_free` as a `GDestroyNotify`.
pub unsafe extern "C" fn free(p: gpointer) {
    // SAFETY: called only on g_malloc'd memory.
    unsafe { glib::ffi::g_free(p) }
}

/// Returns a `const gchar*` (transfer none) for `value` that stays valid while `owner`
/// lives and the value does not change: the string is kept as data on `owner` under
/// `key`, and an unchanged value keeps its old pointer (as a C library pointer into its
/// own state would).
pub fn cached_str(owner: &impl IsA<glib::Object>, key: &str, value: Option<&str>) -> *const c_char {
    let Some(value) = value else {
        return std::ptr::null();
    };
    let key = format!("gvir-capi-{key}");
    // SAFETY: the data under these keys is only ever a CString, set here.
    unsafe {
        let obj = owner.upcast_ref::<glib::Object>();
        if let Some(old) = obj.data::<std::ffi::CString>(&key) {
            if old.as_ref().as_c_str().to_bytes() == value.as_bytes() {
                return old.as_ref().as_ptr();
            }
        }
        let c = std::ffi::CString::new(value.replace('\0', "")).unwrap_or_default();
        let p = c.as_ptr();
        obj.set_data(&key, c);
        p
    }
}

/// A GObject as a C pointer carrying one reference (transfer full).
pub fn obj_full(o: impl IsA<glib::Object>) -> gpointer {
    let p: *mut GObject = o.upcast::<glib::Object>().into_glib_ptr();
    p as gpointer
}

/// A `GList` of GObjects, each carrying one reference (transfer full: the caller frees
/// the list and unrefs the elements, `g_list_free_full(l, g_object_unref)`).
pub fn obj_list<T: IsA<glib::Object>>(v: Vec<T>) -> *mut glib::ffi::GList {
    let mut list: *mut glib::ffi::GList = std::ptr::null_mut();
    for o in v.into_iter().rev() {
        // SAFETY: prepending to a list we own.
        list = unsafe { glib::ffi::g_list_prepend(list, obj_full(o)) };
    }
    list
}

/// A boxed value as a C pointer (transfer full; freed with `g_boxed_free` of its GType,
/// which drops the same allocation).
pub fn boxed_full<T: glib::prelude::StaticType + 'static>(v: T) -> gpointer {
    Box::into_raw(Box::new(v)) as gpointer
}

/// Frees a value made by [`boxed_full`] (the `GDestroyNotify` of a GTask result).
pub unsafe extern "C" fn drop_boxed<T>(p: gpointer) {
    // SAFETY: p came from boxed_full::<T>.
    drop(unsafe { Box::from_raw(p as *mut T) });
}

/// [`drop_boxed`] for the type of `_v` (lets macros name it without the type).
pub fn drop_boxed_of<T>(_v: &T) -> unsafe extern "C" fn(gpointer) {
    drop_boxed::<T>
}
