//! The shapes of the LibvirtGConfig C functions (one macro per shape, used one line per
//! function by the generated table in `generated.rs`) and the few functions with logic
//! of their own.

use std::ffi::{c_char, c_int};

use glib::ffi::GType;
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;

pub use super::object::{new_from_xml, ConfigObject};
pub use super::rules::{attach, set_attribute, walk};
pub use crate::ffi::{cached_str, guard, obj, opt_str, opt_strdup};

/// `xxx_get_type` of a class.
#[macro_export]
macro_rules! get_type {
    ($f:ident, $T:ty) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub extern "C" fn $f() -> glib::ffi::GType {
            guard(stringify!($f), 0, || {
                glib::translate::IntoGlib::into_glib(
                    <$T as glib::prelude::StaticType>::static_type(),
                )
            })
        }
    };
}

/// `xxx_new`: a new, empty element as a document of its own (transfer full).
#[macro_export]
macro_rules! new_fn {
    ($f:ident, $T:ty, $root:literal, [$(($k:literal, $v:literal)),*]) => {
        #[doc = concat!("`", stringify!($f), "`: a new `<", $root, "/>` (transfer full).")]
        #[no_mangle]
        pub extern "C" fn $f() -> *mut glib::gobject_ffi::GObject {
            guard(stringify!($f), std::ptr::null_mut(), || {
                let o = ConfigObject::new_empty(
                    <$T as glib::prelude::StaticType>::static_type(),
                    $root,
                );
                if let Some((_doc, _node)) = o.node() {
                    $(set_attribute(&mut _doc.borrow_mut(), _node, $k, $v);)*
                }
                o.set_schema($crate::config::object::document_schema(
                    glib::prelude::ObjectExt::type_(&o),
                ));
                glib::translate::IntoGlibPtr::into_glib_ptr(glib::prelude::Cast::upcast::<
                    glib::Object,
                >(o))
            })
        }
    };
}

/// `xxx_new_from_xml`: parses a document whose root element is the class's.
#[macro_export]
macro_rules! new_from_xml_fn {
    ($f:ident, $T:ty, $root:literal) => {
        #[doc = concat!("`", stringify!($f), "`: parses a `<", $root, ">` document (transfer full).")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(
            xml: *const std::ffi::c_char,
            err: *mut *mut glib::ffi::GError,
        ) -> *mut glib::gobject_ffi::GObject {
            let (name, ty, root) = (
                stringify!($f),
                <$T as glib::prelude::StaticType>::static_type(),
                $root,
            );
            // SAFETY: forwarded under the same contract.
            unsafe { new_from_xml(name, ty, root, xml, err) }
        }
    };
}

/// The object behind `$p` as a [`ConfigObject`], or return `$ret` (after a critical).
#[macro_export]
macro_rules! this {
    ($f:ident, $T:ty, $p:ident) => {
        match this_obj::<$T>(stringify!($f), $p) {
            Some(o) => glib::prelude::Cast::upcast_ref::<ConfigObject>(&*o).clone(),
            None => return,
        }
    };
    ($f:ident, $T:ty, $p:ident, $ret:expr) => {
        match this_obj::<$T>(stringify!($f), $p) {
            Some(o) => glib::prelude::Cast::upcast_ref::<ConfigObject>(&*o).clone(),
            None => return $ret,
        }
    };
}

/// A string setter.
#[macro_export]
macro_rules! set_str {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(
            o: *mut glib::gobject_ffi::GObject,
            v: *const std::ffi::c_char,
        ) {
            guard(stringify!($f), (), || {
                let o = $crate::this!($f, $T, o);
                // SAFETY: v is NULL or a C string.
                let v = unsafe { opt_str(v) };
                $R.set(&o, v.as_deref());
                $crate::config::props::notify_setter(&o, stringify!($f));
            })
        }
    };
}

/// A string getter returning memory of the object (transfer none).
#[macro_export]
macro_rules! get_str_none {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "` (transfer none).")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> *const std::ffi::c_char {
            guard(stringify!($f), std::ptr::null(), || {
                let o = $crate::this!($f, $T, o, std::ptr::null());
                cached_str(&o, stringify!($f), $R.get(&o).as_deref())
            })
        }
    };
}

/// A string getter returning a copy (transfer full).
#[macro_export]
macro_rules! get_str_full {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "` (transfer full).")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> *mut std::ffi::c_char {
            guard(stringify!($f), std::ptr::null_mut(), || {
                let o = $crate::this!($f, $T, o, std::ptr::null_mut());
                opt_strdup($R.get(&o).as_deref())
            })
        }
    };
}

/// An integer setter.
#[macro_export]
macro_rules! set_int {
    ($f:ident, $T:ty, $R:ident, $I:ty) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject, v: $I) {
            guard(stringify!($f), (), || {
                let o = $crate::this!($f, $T, o);
                $R.set_int(&o, v as i128);
                $crate::config::props::notify_setter(&o, stringify!($f));
            })
        }
    };
}

/// An integer getter (0 when absent).
#[macro_export]
macro_rules! get_int {
    ($f:ident, $T:ty, $R:ident, $I:ty) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> $I {
            guard(stringify!($f), 0 as $I, || {
                let o = $crate::this!($f, $T, o, 0 as $I);
                $R.get_int(&o) as $I
            })
        }
    };
}

/// A boolean setter.
#[macro_export]
macro_rules! set_bool {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject, v: glib::ffi::gboolean) {
            guard(stringify!($f), (), || {
                let o = $crate::this!($f, $T, o);
                $R.set_bool(&o, v != 0);
            })
        }
    };
}

/// A boolean getter.
#[macro_export]
macro_rules! get_bool {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> glib::ffi::gboolean {
            guard(stringify!($f), glib::ffi::GFALSE, || {
                let o = $crate::this!($f, $T, o, glib::ffi::GFALSE);
                $R.get_bool(&o) as glib::ffi::gboolean
            })
        }
    };
}

/// An enumeration setter.
#[macro_export]
macro_rules! set_enum {
    ($f:ident, $T:ty, $R:ident) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject, v: std::ffi::c_int) {
            guard(stringify!($f), (), || {
                let o = $crate::this!($f, $T, o);
                $R.set_enum(&o, v);
            })
        }
    };
}

/// An enumeration getter (`$default` when absent or unknown, as the C library).
#[macro_export]
macro_rules! get_enum {
    ($f:ident, $T:ty, $R:ident, $default:expr) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> std::ffi::c_int {
            guard(stringify!($f), $default, || {
                let o = $crate::this!($f, $T, o, $default);
                $R.get_enum(&o, $default)
            })
        }
    };
}

/// Attaches an object (moves its element under this one; `$replace`: removing every
/// element of that name first). NULL removes them when the C function accepts it.
#[macro_export]
macro_rules! set_obj {
    ($f:ident, $T:ty, $C:ty, $path:expr, $elem:literal, $replace:expr, $nullable:expr) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(
            o: *mut glib::gobject_ffi::GObject,
            child: *mut glib::gobject_ffi::GObject,
        ) {
            guard(stringify!($f), (), || {
                let o = $crate::this!($f, $T, o);
                if child.is_null() && $nullable {
                    remove_children(&o, $path, $elem);
                    return;
                }
                let child = $crate::this!($f, $C, child);
                attach(&o, $path, &child, $replace);
            })
        }
    };
}

/// Returns the first element at `$path` as a new object of class `$C` (transfer full).
#[macro_export]
macro_rules! get_obj {
    ($f:ident, $T:ty, $C:ty, $path:expr) => {
        #[doc = concat!("`", stringify!($f), "` (transfer full).")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(
            o: *mut glib::gobject_ffi::GObject,
        ) -> *mut glib::gobject_ffi::GObject {
            guard(stringify!($f), std::ptr::null_mut(), || {
                let o = $crate::this!($f, $T, o, std::ptr::null_mut());
                child_object(&o, $path, <$C as glib::prelude::StaticType>::static_type())
            })
        }
    };
}

/// The object behind `p` if it is a live instance of `T` (else a critical and `None`).
// Called only from the extern "C" bodies, whose contract covers the pointer.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn this_obj<T>(f: &str, p: *mut GObject) -> Option<glib::translate::Borrowed<T>>
where
    T: glib::prelude::ObjectType + glib::translate::FromGlibPtrBorrow<*mut T::GlibType>,
{
    // SAFETY: obj checks that the pointer is NULL or a live instance of T; the C
    // caller passes a pointer it owns for the duration of the call.
    unsafe { obj::<T>(f, p) }
}

/// Removes every element `elem` at `path` below `o`.
pub fn remove_children(o: &ConfigObject, path: &[&str], elem: &str) {
    let Some((doc, node)) = o.node() else { return };
    let mut d = doc.borrow_mut();
    let Some(parent) = walk(&d, node, path) else {
        return;
    };
    let old: Vec<_> = d.children_named(parent, elem).collect();
    for c in old {
        d.unlink(c);
    }
}

/// A new object of type `ty` over the element at `path` below `o`, or NULL.
pub fn child_object(o: &ConfigObject, path: &[&str], ty: glib::Type) -> *mut GObject {
    let Some((doc, node)) = o.node() else {
        return std::ptr::null_mut();
    };
    let Some(el) = walk(&doc.borrow(), node, path) else {
        return std::ptr::null_mut();
    };
    // As the C library's get_child_with_type: the child shares the parent's schema.
    let child = ConfigObject::wrap(ty, doc, el);
    child.set_schema(o.schema());
    child.upcast::<glib::Object>().into_glib_ptr()
}

/// Registers an enumeration type (values, C names and nicks as in the C library).
pub fn register_enum(
    name: &'static str,
    values: &[(i64, &'static str, &'static str)],
    flags: bool,
) -> GType {
    let cname = std::ffi::CString::new(name).unwrap_or_default();
    // SAFETY: the value tables are leaked (GLib keeps pointers to them for ever) and
    // NUL-terminated by a zeroed entry; their strings are leaked C strings. The type
    // name is copied by GLib (interned as a quark).
    unsafe {
        let existing = glib::gobject_ffi::g_type_from_name(cname.as_ptr());
        if existing != 0 {
            return existing;
        }
        let leak = |s: &str| -> *const c_char {
            std::ffi::CString::new(s).unwrap_or_default().into_raw() as *const c_char
        };
        let name_ptr = cname.as_ptr();
        if flags {
            let mut v: Vec<glib::gobject_ffi::GFlagsValue> = values
                .iter()
                .map(|(val, n, k)| glib::gobject_ffi::GFlagsValue {
                    value: *val as u32,
                    value_name: leak(n),
                    value_nick: leak(k),
                })
                .collect();
            v.push(std::mem::zeroed());
            glib::gobject_ffi::g_flags_register_static(
                name_ptr,
                Box::leak(v.into_boxed_slice()).as_ptr(),
            )
        } else {
            let mut v: Vec<glib::gobject_ffi::GEnumValue> = values
                .iter()
                .map(|(val, n, k)| glib::gobject_ffi::GEnumValue {
                    value: *val as c_int,
                    value_name: leak(n),
                    value_nick: leak(k),
                })
                .collect();
            v.push(std::mem::zeroed());
            glib::gobject_ffi::g_enum_register_static(
                name_ptr,
                Box::leak(v.into_boxed_slice()).as_ptr(),
            )
        }
    }
}

/// `xxx_get_type` of an enumeration.
#[macro_export]
macro_rules! enum_type {
    ($f:ident, $name:literal, [$(($v:expr, $n:literal, $k:literal)),* $(,)?]) => {
        #[doc = concat!("`", stringify!($f), "`: the GType of `", $name, "`.")]
        #[no_mangle]
        pub extern "C" fn $f() -> glib::ffi::GType {
            static T: std::sync::OnceLock<glib::ffi::GType> = std::sync::OnceLock::new();
            guard(stringify!($f), 0, || *T.get_or_init(|| register_enum($name, &[$(($v, $n, $k)),*], false)))
        }
    };
}

/// `xxx_get_type` of a flags type.
#[macro_export]
macro_rules! flags_type {
    ($f:ident, $name:literal, [$(($v:expr, $n:literal, $k:literal)),* $(,)?]) => {
        #[doc = concat!("`", stringify!($f), "`: the GType of `", $name, "`.")]
        #[no_mangle]
        pub extern "C" fn $f() -> glib::ffi::GType {
            static T: std::sync::OnceLock<glib::ffi::GType> = std::sync::OnceLock::new();
            guard(stringify!($f), 0, || *T.get_or_init(|| register_enum($name, &[$(($v, $n, $k)),*], true)))
        }
    };
}

// ----- functions with logic of their own ------------------------------------------

use super::generated::{Domain, DomainDevice, DomainOs};
use super::rules::replace_child;
use libvirt_gconfig::dom::NodeKind;

/// `gvir_config_object_error_quark`.
#[no_mangle]
pub extern "C" fn gvir_config_object_error_quark() -> glib::ffi::GQuark {
    guard("gvir_config_object_error_quark", 0, || {
        glib::Quark::from_str("gvir-config-object").into_glib()
    })
}

/// Sets (or reads) an attribute of `<os><type>`, which must exist (as the C library asserts).
fn os_type_attr(f: &str, o: &ConfigObject, attr: &str, value: Option<&str>) -> Option<String> {
    let (doc, node) = o.node()?;
    let mut d = doc.borrow_mut();
    let Some(t) = d.first_child_named(node, "type") else {
        crate::ffi::return_if_fail_warning(f, "os_type_node != NULL");
        return None;
    };
    match value {
        Some(v) => {
            set_attribute(&mut d, t, attr, v);
            None
        }
        None => d.attribute(t, attr).map(|s| s.into_owned()),
    }
}

/// `gvir_config_domain_os_set_arch`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_set_arch(os: *mut GObject, arch: *const c_char) {
    guard("gvir_config_domain_os_set_arch", (), || {
        let o = crate::this!(gvir_config_domain_os_set_arch, DomainOs, os);
        // SAFETY: arch is NULL or a C string.
        let Some(v) = (unsafe { opt_str(arch) }) else {
            return;
        };
        os_type_attr("gvir_config_domain_os_set_arch", &o, "arch", Some(&v));
    })
}

/// `gvir_config_domain_os_set_machine`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_set_machine(
    os: *mut GObject,
    machine: *const c_char,
) {
    guard("gvir_config_domain_os_set_machine", (), || {
        let o = crate::this!(gvir_config_domain_os_set_machine, DomainOs, os);
        // SAFETY: machine is NULL or a C string.
        let Some(v) = (unsafe { opt_str(machine) }) else {
            return;
        };
        os_type_attr("gvir_config_domain_os_set_machine", &o, "machine", Some(&v));
    })
}

/// `gvir_config_domain_os_get_arch` (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_get_arch(os: *mut GObject) -> *const c_char {
    guard("gvir_config_domain_os_get_arch", std::ptr::null(), || {
        let o = crate::this!(
            gvir_config_domain_os_get_arch,
            DomainOs,
            os,
            std::ptr::null()
        );
        let v = o.node().and_then(|(d, n)| {
            let d = d.borrow();
            let t = d.first_child_named(n, "type")?;
            d.attribute(t, "arch").map(|s| s.into_owned())
        });
        cached_str(&o, "gvir_config_domain_os_get_arch", v.as_deref())
    })
}

/// `gvir_config_domain_os_get_machine` (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_get_machine(os: *mut GObject) -> *const c_char {
    guard(
        "gvir_config_domain_os_get_machine",
        std::ptr::null(),
        || {
            let o = crate::this!(
                gvir_config_domain_os_get_machine,
                DomainOs,
                os,
                std::ptr::null()
            );
            let v = o.node().and_then(|(d, n)| {
                let d = d.borrow();
                let t = d.first_child_named(n, "type")?;
                d.attribute(t, "machine").map(|s| s.into_owned())
            });
            cached_str(&o, "gvir_config_domain_os_get_machine", v.as_deref())
        },
    )
}

/// Nicks of `GVirConfigDomainLifecycleEvent` (the element names).
const LIFECYCLE_EVENTS: [&str; 3] = ["on_poweroff", "on_reboot", "on_crash"];
/// Nicks of `GVirConfigDomainLifecycleAction`.
const LIFECYCLE_ACTIONS: [&str; 6] = [
    "destroy",
    "restart",
    "preserve",
    "rename-restart",
    "coredump-destroy",
    "coredump-restart",
];

/// `gvir_config_domain_set_lifecycle`: `<on_poweroff>destroy</on_poweroff>` and the like.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_lifecycle(
    domain: *mut GObject,
    event: c_int,
    action: c_int,
) {
    guard("gvir_config_domain_set_lifecycle", (), || {
        let o = crate::this!(gvir_config_domain_set_lifecycle, Domain, domain);
        let (Some(ev), Some(act)) = (
            usize::try_from(event)
                .ok()
                .and_then(|i| LIFECYCLE_EVENTS.get(i)),
            usize::try_from(action)
                .ok()
                .and_then(|i| LIFECYCLE_ACTIONS.get(i)),
        ) else {
            crate::ffi::return_if_fail_warning(
                "gvir_config_domain_set_lifecycle",
                "event and action are known values",
            );
            return;
        };
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let el = replace_child(&mut d, node, ev);
        d.set_text(el, act);
    })
}

/// `gvir_config_domain_get_devices`: the elements of `<devices>` as objects of their
/// classes (transfer full: a new list of new references).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_devices(
    domain: *mut GObject,
) -> *mut glib::ffi::GList {
    guard(
        "gvir_config_domain_get_devices",
        std::ptr::null_mut(),
        || {
            let o = crate::this!(
                gvir_config_domain_get_devices,
                Domain,
                domain,
                std::ptr::null_mut()
            );
            let Some((doc, node)) = o.node() else {
                return std::ptr::null_mut();
            };
            let kids: Vec<_> = {
                let d = doc.borrow();
                // As the C library, every child but text: a comment (or a processing
                // instruction, a CDATA section) among the devices is a plain
                // GVirConfigDomainDevice too, so lists keep the C library's length.
                match d.first_child_named(node, "devices") {
                    Some(devs) => d
                        .children(devs)
                        .filter(|c| !matches!(d.kind(*c), Some(NodeKind::Text | NodeKind::Raw)))
                        .map(|c| {
                            let base = DomainDevice::static_type();
                            let ty = if d.is_element(c) {
                                super::generated::class_of(&d, c, base)
                            } else {
                                Some(base)
                            };
                            (c, ty)
                        })
                        .collect(),
                    None => Vec::new(),
                }
            };
            super::read::ptr_list(kids.into_iter().filter_map(|(c, ty)| {
                let obj: *mut glib::gobject_ffi::GObject = ConfigObject::wrap(ty?, doc.clone(), c)
                    .upcast::<glib::Object>()
                    .into_glib_ptr();
                Some(obj as glib::ffi::gpointer)
            }))
        },
    )
}
