//! Getters of the read-mostly classes (capabilities, domain capabilities, snapshots) and
//! `gvir_config_object_new`/`_new_from_xml`. Their classes have no `_new()` for
//! gconfig-probe.py to observe, so the rules are written here as the C library reads
//! (`get_node_content`, `get_attribute`, `get_child_with_type`, `foreach_child`); the
//! differential test (tests/gconfig_diff.rs) runs them over the corpus documents.

use std::ffi::{c_char, c_int};

use glib::ffi::GError;
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gconfig::dom::NodeId;

use super::fns::*;
use super::generated::*;
use super::rules::{Fmt, Null, Rule};
use crate::{get_int, get_obj, get_str_none};

/// The text of the child element `elem` (as `gvir_config_object_get_node_content`).
const fn content(path: &'static [&'static str]) -> Rule {
    Rule {
        path,
        attr: None,
        fmt: Fmt::Str,
        extras: &[],
        null: Null::Keep,
        replace: false,
    }
}

/// The attribute `attr` of the element at `path` (`gvir_config_object_get_attribute`).
const fn attribute(path: &'static [&'static str], attr: &'static str) -> Rule {
    Rule {
        path,
        attr: Some(attr),
        fmt: Fmt::Str,
        extras: &[],
        null: Null::Keep,
        replace: false,
    }
}

/// The element children of the element at `path` below `o` named `elem` (any name
/// when `None`), in document order.
pub fn children(o: &ConfigObject, path: &[&str], elem: Option<&str>) -> Vec<NodeId> {
    let Some((doc, node)) = o.node() else {
        return Vec::new();
    };
    let d = doc.borrow();
    let Some(parent) = walk(&d, node, path) else {
        return Vec::new();
    };
    d.child_elements(parent)
        .filter(|c| elem.is_none_or(|e| d.name(*c) == e))
        .collect()
}

/// A new `GList` of `items`, in order (the list owns nothing it points to).
pub fn ptr_list(items: impl IntoIterator<Item = glib::ffi::gpointer>) -> *mut glib::ffi::GList {
    let mut list: *mut glib::ffi::GList = std::ptr::null_mut();
    for p in items {
        // SAFETY: g_list_prepend takes any pointer; the list is reversed below.
        list = unsafe { glib::ffi::g_list_prepend(list, p) };
    }
    // SAFETY: list is a valid GList.
    unsafe { glib::ffi::g_list_reverse(list) }
}

/// A `GList` of new objects of type `ty` over `nodes` of `o`'s document (transfer full).
pub fn object_list(o: &ConfigObject, nodes: Vec<NodeId>, ty: glib::Type) -> *mut glib::ffi::GList {
    let Some((doc, _)) = o.node() else {
        return std::ptr::null_mut();
    };
    ptr_list(nodes.into_iter().map(|n| {
        let obj: *mut GObject = ConfigObject::wrap(ty, doc.clone(), n)
            .upcast::<glib::Object>()
            .into_glib_ptr();
        obj as glib::ffi::gpointer
    }))
}

/// A `GList` of `GINT_TO_POINTER` values of the enumeration `ty` named by `nicks`
/// (transfer container); unknown or missing names are left out.
pub fn enum_list(
    ty: glib::ffi::GType,
    nicks: impl IntoIterator<Item = Option<String>>,
) -> *mut glib::ffi::GList {
    ptr_list(
        nicks
            .into_iter()
            .map(|n| enum_by_nick(ty, n.as_deref(), -1))
            .filter(|v| *v >= 0)
            .map(|v| v as isize as glib::ffi::gpointer),
    )
}

/// Runs `f` on the class of the enumeration `ty` (`None` when it is not one).
fn with_enum_class<R>(
    ty: glib::ffi::GType,
    f: impl FnOnce(*mut glib::gobject_ffi::GEnumClass) -> R,
) -> Option<R> {
    // SAFETY: g_type_class_ref on a registered type; the reference is released.
    unsafe {
        if glib::gobject_ffi::g_type_check_is_value_type(ty) == 0
            || glib::gobject_ffi::g_type_fundamental(ty) != glib::gobject_ffi::G_TYPE_ENUM
        {
            return None;
        }
        let class = glib::gobject_ffi::g_type_class_ref(ty);
        let out = f(class as *mut glib::gobject_ffi::GEnumClass);
        glib::gobject_ffi::g_type_class_unref(class);
        Some(out)
    }
}

/// The value of the enumeration `ty` whose nick is `nick` (`default` when none is, as
/// the C library's `gvir_config_genum_get_value`).
pub fn enum_by_nick(ty: glib::ffi::GType, nick: Option<&str>, default: c_int) -> c_int {
    let Some(c) = nick.and_then(|n| std::ffi::CString::new(n).ok()) else {
        return default;
    };
    with_enum_class(ty, |class| {
        // SAFETY: class is a live GEnumClass; the nick is a C string.
        let v = unsafe { glib::gobject_ffi::g_enum_get_value_by_nick(class, c.as_ptr()) };
        // SAFETY: a non-NULL GEnumValue of the class.
        (!v.is_null()).then(|| unsafe { (*v).value })
    })
    .flatten()
    .unwrap_or(default)
}

/// The nick of value `v` of the enumeration `ty`.
pub fn nick_of(ty: glib::ffi::GType, v: c_int) -> Option<String> {
    with_enum_class(ty, |class| {
        // SAFETY: class is a live GEnumClass.
        let e = unsafe { glib::gobject_ffi::g_enum_get_value(class, v) };
        // SAFETY: a non-NULL GEnumValue has a C string nick.
        (!e.is_null()).then(|| unsafe {
            std::ffi::CStr::from_ptr((*e).value_nick)
                .to_string_lossy()
                .into_owned()
        })
    })
    .flatten()
}

/// A list of the children `$elem` (any when `None`) of the element at `$path`, as new
/// objects of class `$C` (transfer full).
#[macro_export]
macro_rules! get_list {
    ($f:ident, $T:ty, $C:ty, $path:expr, $elem:expr) => {
        #[doc = concat!("`", stringify!($f), "` (transfer full).")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> *mut glib::ffi::GList {
            guard(stringify!($f), std::ptr::null_mut(), || {
                let o = $crate::this!($f, $T, o, std::ptr::null_mut());
                let nodes = $crate::config::read::children(&o, $path, $elem);
                $crate::config::read::object_list(
                    &o,
                    nodes,
                    <$C as glib::prelude::StaticType>::static_type(),
                )
            })
        }
    };
}

/// An enumeration read by nick through the enumeration's GType (`$default` when absent
/// or unknown).
#[macro_export]
macro_rules! get_enum_nick {
    ($f:ident, $T:ty, $R:ident, $gtype:ident, $default:expr) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f(o: *mut glib::gobject_ffi::GObject) -> std::ffi::c_int {
            guard(stringify!($f), $default, || {
                let o = $crate::this!($f, $T, o, $default);
                $crate::config::read::enum_by_nick($gtype(), $R.get(&o).as_deref(), $default)
            })
        }
    };
}

// ----- <capabilities> --------------------------------------------------------------

static R_HOST_UUID: Rule = content(&["uuid"]);
static R_SECMODEL_MODEL: Rule = content(&["model"]);
static R_SECMODEL_DOI: Rule = content(&["doi"]);
static R_GUEST_OS_TYPE: Rule = content(&["os_type"]);
static R_ARCH_NAME: Rule = attribute(&[], "name");
static R_EMULATOR: Rule = content(&["emulator"]);
static R_GUEST_DOMAIN_TYPE: Rule = attribute(&[], "type");
static R_CPU_ARCH: Rule = content(&["arch"]);

get_obj!(
    gvir_config_capabilities_get_host,
    Capabilities,
    CapabilitiesHost,
    &["host"]
);
get_list!(
    gvir_config_capabilities_get_guests,
    Capabilities,
    CapabilitiesGuest,
    &[],
    Some("guest")
);
get_str_none!(
    gvir_config_capabilities_host_get_uuid,
    CapabilitiesHost,
    R_HOST_UUID
);
get_obj!(
    gvir_config_capabilities_host_get_cpu,
    CapabilitiesHost,
    CapabilitiesCpu,
    &["cpu"]
);
get_list!(
    gvir_config_capabilities_host_get_secmodels,
    CapabilitiesHost,
    CapabilitiesHostSecModel,
    &[],
    Some("secmodel")
);
get_str_none!(
    gvir_config_capabilities_host_secmodel_get_model,
    CapabilitiesHostSecModel,
    R_SECMODEL_MODEL
);
get_str_none!(
    gvir_config_capabilities_host_secmodel_get_doi,
    CapabilitiesHostSecModel,
    R_SECMODEL_DOI
);
get_enum_nick!(
    gvir_config_capabilities_guest_get_os_type,
    CapabilitiesGuest,
    R_GUEST_OS_TYPE,
    gvir_config_domain_os_type_get_type,
    0
);
get_obj!(
    gvir_config_capabilities_guest_get_arch,
    CapabilitiesGuest,
    CapabilitiesGuestArch,
    &["arch"]
);
get_list!(
    gvir_config_capabilities_guest_get_features,
    CapabilitiesGuest,
    CapabilitiesGuestFeature,
    &["features"],
    None
);
get_str_none!(
    gvir_config_capabilities_guest_arch_get_name,
    CapabilitiesGuestArch,
    R_ARCH_NAME
);
get_str_none!(
    gvir_config_capabilities_guest_arch_get_emulator,
    CapabilitiesGuestArch,
    R_EMULATOR
);
get_list!(
    gvir_config_capabilities_guest_arch_get_domains,
    CapabilitiesGuestArch,
    CapabilitiesGuestDomain,
    &[],
    Some("domain")
);
get_str_none!(
    gvir_config_capabilities_guest_domain_get_emulator,
    CapabilitiesGuestDomain,
    R_EMULATOR
);
get_enum_nick!(
    gvir_config_capabilities_guest_domain_get_virt_type,
    CapabilitiesGuestDomain,
    R_GUEST_DOMAIN_TYPE,
    gvir_config_domain_virt_type_get_type,
    0
);
get_str_none!(
    gvir_config_capabilities_cpu_get_arch,
    CapabilitiesCpu,
    R_CPU_ARCH
);
get_obj!(
    gvir_config_capabilities_cpu_get_model,
    CapabilitiesCpu,
    CapabilitiesCpuModel,
    &["model"]
);

/// `gvir_config_capabilities_guest_feature_get_name`: the feature's element name
/// (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_capabilities_guest_feature_get_name(
    feature: *mut GObject,
) -> *const c_char {
    const F: &str = "gvir_config_capabilities_guest_feature_get_name";
    guard(F, std::ptr::null(), || {
        let o = crate::this!(
            gvir_config_capabilities_guest_feature_get_name,
            CapabilitiesGuestFeature,
            feature,
            std::ptr::null()
        );
        let name = o.node().map(|(d, n)| d.borrow().name(n).to_owned());
        cached_str(&o, F, name.as_deref())
    })
}

/// `gvir_config_capabilities_cpu_get_features`: the `<feature>` children, as
/// `GVirConfigDomainCpuFeature` for a domain's `<cpu>` (the C class's `parse_feature`)
/// and `GVirConfigCapabilitiesCpuFeature` otherwise (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_capabilities_cpu_get_features(
    cpu: *mut GObject,
) -> *mut glib::ffi::GList {
    guard(
        "gvir_config_capabilities_cpu_get_features",
        std::ptr::null_mut(),
        || {
            let o = crate::this!(
                gvir_config_capabilities_cpu_get_features,
                CapabilitiesCpu,
                cpu,
                std::ptr::null_mut()
            );
            let ty = if o.is::<DomainCpu>() {
                DomainCpuFeature::static_type()
            } else {
                CapabilitiesCpuFeature::static_type()
            };
            object_list(&o, children(&o, &[], Some("feature")), ty)
        },
    )
}

// ----- <domainCapabilities> ----------------------------------------------------------

get_obj!(
    gvir_config_domain_capabilities_get_os,
    DomainCapabilities,
    DomainCapabilitiesOs,
    &["os"]
);

/// `gvir_config_domain_capabilities_os_get_firmwares`: the `<value>`s of
/// `<enum name='firmware'>` as `GVirConfigDomainOsFirmware` values (a list of
/// `GINT_TO_POINTER`s, transfer container); unknown names are left out.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_capabilities_os_get_firmwares(
    os: *mut GObject,
) -> *mut glib::ffi::GList {
    guard(
        "gvir_config_domain_capabilities_os_get_firmwares",
        std::ptr::null_mut(),
        || {
            let o = crate::this!(
                gvir_config_domain_capabilities_os_get_firmwares,
                DomainCapabilitiesOs,
                os,
                std::ptr::null_mut()
            );
            let Some((doc, node)) = o.node() else {
                return std::ptr::null_mut();
            };
            let d = doc.borrow();
            let values = d
                .children_named(node, "enum")
                .filter(|e| d.attribute(*e, "name").as_deref() == Some("firmware"))
                .flat_map(|e| d.children_named(e, "value"))
                .map(|v| Some(d.text(v).into_owned()));
            enum_list(gvir_config_domain_os_firmware_get_type(), values)
        },
    )
}

// ----- <domainsnapshot> ----------------------------------------------------------------

static R_SNAPSHOT_PARENT: Rule = content(&["parent", "name"]);
static R_SNAPSHOT_STATE: Rule = content(&["state"]);
static R_SNAPSHOT_CREATION: Rule = content(&["creationTime"]);

get_str_none!(
    gvir_config_domain_snapshot_get_parent,
    DomainSnapshot,
    R_SNAPSHOT_PARENT
);
get_enum_nick!(
    gvir_config_domain_snapshot_get_state,
    DomainSnapshot,
    R_SNAPSHOT_STATE,
    gvir_config_domain_snapshot_domain_state_get_type,
    0
);
get_int!(
    gvir_config_domain_snapshot_get_creation_time,
    DomainSnapshot,
    R_SNAPSHOT_CREATION,
    std::ffi::c_long
);
get_obj!(
    gvir_config_domain_snapshot_get_domain,
    DomainSnapshot,
    Domain,
    &["domain"]
);
get_list!(
    gvir_config_domain_snapshot_get_disks,
    DomainSnapshot,
    DomainSnapshotDisk,
    &["disks"],
    Some("disk")
);

// ----- devices -----------------------------------------------------------------------

static R_DEVICE_ALIAS: Rule = attribute(&["alias"], "name");

get_str_none!(
    gvir_config_domain_device_get_alias,
    DomainDevice,
    R_DEVICE_ALIAS
);

static R_DISK_TYPE: Rule = attribute(&[], "type");
static R_DISK_TARGET_BUS: Rule = attribute(&["target"], "bus");
static R_PCI_FUNCTION: Rule = attribute(&[], "function");

// The C library returns IDE for every disk and FALSE for every address here (it reads
// the wrong node); these read what the setters write (different by design).
get_enum_nick!(
    gvir_config_domain_disk_get_target_bus,
    DomainDisk,
    R_DISK_TARGET_BUS,
    gvir_config_domain_disk_bus_get_type,
    0
);
get_int!(
    gvir_config_domain_address_pci_get_function,
    DomainAddressPci,
    R_PCI_FUNCTION,
    c_int
);

/// `gvir_config_domain_address_pci_get_multifunction`: `multifunction="on"`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_address_pci_get_multifunction(
    address: *mut GObject,
) -> glib::ffi::gboolean {
    const F: &str = "gvir_config_domain_address_pci_get_multifunction";
    guard(F, glib::ffi::GFALSE, || {
        let o = crate::this!(
            gvir_config_domain_address_pci_get_multifunction,
            DomainAddressPci,
            address,
            glib::ffi::GFALSE
        );
        let on = o
            .node()
            .and_then(|(d, n)| d.borrow().attribute(n, "multifunction").map(|v| v == "on"));
        on.unwrap_or(false).into_glib()
    })
}

get_enum_nick!(
    gvir_config_domain_disk_get_disk_type,
    DomainDisk,
    R_DISK_TYPE,
    gvir_config_domain_disk_type_get_type,
    0
);

/// `gvir_config_domain_filesys_set_driver_type`: `<driver type=...>` (the first
/// `<driver>`, or a new last child); `..._DRIVER_DEFAULT` removes the attribute.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_filesys_set_driver_type(
    filesys: *mut GObject,
    ty: c_int,
) {
    guard("gvir_config_domain_filesys_set_driver_type", (), || {
        let o = crate::this!(
            gvir_config_domain_filesys_set_driver_type,
            DomainFilesys,
            filesys
        );
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let driver = super::rules::add_child(&mut d, node, "driver");
        match nick_of(gvir_config_domain_filesys_driver_type_get_type(), ty) {
            Some(_) if ty == 0 => while d.remove_attribute(driver, "type") {},
            Some(nick) => set_attribute(&mut d, driver, "type", &nick),
            None => {}
        }
    })
}

/// `gvir_config_storage_vol_target_set_features`: `<features><lazy_refcount/>` for
/// `GVIR_CONFIG_STORAGE_VOL_TARGET_FEATURE_LAZY_REFCOUNT` (added once; 0 changes
/// nothing, as the C library).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_storage_vol_target_set_features(
    target: *mut GObject,
    features: u64,
) {
    const F: &str = "gvir_config_storage_vol_target_set_features";
    guard(F, (), || {
        let o = crate::this!(
            gvir_config_storage_vol_target_set_features,
            StorageVolTarget,
            target
        );
        crate::check!(F, features & !1 == 0);
        if features & 1 == 0 {
            return;
        }
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let f = super::rules::add_child(&mut d, node, "features");
        super::rules::add_child(&mut d, f, "lazy_refcount");
    })
}

get_list!(
    gvir_config_domain_interface_filterref_get_parameters,
    DomainInterfaceFilterref,
    DomainInterfaceFilterrefParameter,
    &[],
    Some("parameter")
);

// ----- GVirConfigObject ----------------------------------------------------------------

/// The class `ty` if it is an instantiable `GVirConfigObject` type.
fn config_type(ty: glib::ffi::GType) -> Option<glib::Type> {
    // SAFETY: from_glib on a GType only wraps the number; the checks read the type.
    let t: glib::Type = unsafe { from_glib(ty) };
    let instantiable = ty != 0
        // SAFETY: g_type_test_flags only reads the type.
        && unsafe {
            glib::gobject_ffi::g_type_test_flags(ty, glib::gobject_ffi::G_TYPE_FLAG_ABSTRACT)
        } == 0;
    (instantiable && t.is_a(ConfigObject::static_type())).then_some(t)
}

/// `gvir_config_object_new`: a new object of class `type` over a new document whose
/// root element is `root_name` (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_object_new(
    ty: glib::ffi::GType,
    root_name: *const c_char,
    schema: *const c_char,
) -> *mut GObject {
    const F: &str = "gvir_config_object_new";
    guard(F, std::ptr::null_mut(), || {
        let t = config_type(ty);
        crate::check!(F, t.is_some(), std::ptr::null_mut());
        crate::check!(F, !root_name.is_null(), std::ptr::null_mut());
        let Some(t) = t else {
            return std::ptr::null_mut();
        };
        // SAFETY: C strings per the contract.
        let (root, schema) = unsafe { (opt_str(root_name), opt_str(schema)) };
        let o = ConfigObject::new_empty(t, &root.unwrap_or_default());
        o.set_schema(schema.map(|s| s.into_owned()));
        o.upcast::<glib::Object>().into_glib_ptr()
    })
}

/// `gvir_config_object_new_from_xml`: parses `xml` (its root element must be
/// `root_name`) into a new object of class `type` (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_object_new_from_xml(
    ty: glib::ffi::GType,
    root_name: *const c_char,
    schema: *const c_char,
    xml: *const c_char,
    err: *mut *mut GError,
) -> *mut GObject {
    const F: &str = "gvir_config_object_new_from_xml";
    guard(F, std::ptr::null_mut(), || {
        let t = config_type(ty);
        crate::check!(F, t.is_some(), std::ptr::null_mut());
        crate::check!(F, !root_name.is_null(), std::ptr::null_mut());
        let Some(t) = t else {
            return std::ptr::null_mut();
        };
        // SAFETY: C strings per the contract.
        let (root, schema) = unsafe { (opt_str(root_name), opt_str(schema)) };
        let root = root.unwrap_or_default();
        // SAFETY: forwarded under the same contract.
        let p = unsafe { new_from_xml(F, t, &root, xml, err) };
        if !p.is_null() {
            // SAFETY: p is the new GVirConfigObject just made.
            let o: glib::translate::Borrowed<glib::Object> = unsafe { from_glib_borrow(p) };
            if let Some(o) = o.downcast_ref::<ConfigObject>() {
                o.set_schema(schema.map(|s| s.into_owned()));
            }
        }
        p
    })
}
