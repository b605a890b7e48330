//! Edits with logic of their own, as the C library makes them: custom metadata in a
//! namespace (`gvir_config_domain_set_custom_xml*`), character-device and smartcard
//! sources, USB companion controllers, smartcard certificates and address, the RAM
//! usage of a filesystem.

use std::ffi::c_char;

use glib::ffi::{gboolean, GError};
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gconfig::dom::{Document, NodeId};

use super::fns::remove_children;
use super::fns::this_obj;
use super::generated::{
    gvir_config_domain_controller_get_index, gvir_config_domain_controller_set_index, Domain,
    DomainAddress, DomainChardev, DomainChardevSource, DomainChardevSourcePty, DomainControllerUsb,
    DomainFilesys, DomainRedirdev, DomainSmartcardHostCertificates, DomainSmartcardPassthrough,
};
use super::object::{error, new_from_xml, ConfigObject};
use super::rules::{add_child, attach, replace_child, set_attribute, Fmt, Null, Rule};
use crate::ffi::{guard, opt_str, set_error};

/// Puts `ns` on `node` as libxml2's `xmlNewNs` + `xmlSetNs` do: a declaration of `ns`
/// (when `uri` is given; libxml2 writes none for a NULL URI) and the prefix on the name.
fn set_namespace(doc: &mut Document, node: NodeId, ns: &str, uri: Option<&str>) {
    if let Some(uri) = uri {
        // Namespace declarations come before the attributes.
        doc.set_attribute_ordered(node, &format!("xmlns:{ns}"), uri, |n| {
            Some(usize::from(!n.starts_with("xmlns")))
        });
    }
    let name = format!("{ns}:{}", doc.local_name(node));
    doc.rename_element(node, &name);
}

/// Every element below `node`, in document order.
fn descendants(doc: &Document, node: NodeId, out: &mut Vec<NodeId>) {
    for c in doc.child_elements(node) {
        out.push(c);
        descendants(doc, c, out);
    }
}

/// Shared body of `gvir_config_domain_set_custom_xml` and `..._ns_children`: `xml` in
/// namespace `ns_uri` (prefix `ns`; with `children`, on every element of it) replaces
/// the children of `<metadata>` in that namespace.
///
/// # Safety
/// C strings or NULL, `err` NULL or a NULL `GError*`.
unsafe fn set_custom_xml(
    func: &str,
    domain: *mut GObject,
    xml: *const c_char,
    ns: *const c_char,
    ns_uri: *const c_char,
    children: bool,
    err: *mut *mut GError,
) -> gboolean {
    guard(func, glib::ffi::GFALSE, || {
        let Some(o) = this_obj::<Domain>(func, domain) else {
            return glib::ffi::GFALSE;
        };
        let o = o.upcast_ref::<ConfigObject>();
        crate::check!(func, !xml.is_null(), glib::ffi::GFALSE);
        crate::check!(
            func,
            err.is_null() || unsafe { (*err).is_null() },
            glib::ffi::GFALSE
        );
        crate::check!(func, !ns.is_null(), glib::ffi::GFALSE);
        crate::check!(func, !ns_uri.is_null(), glib::ffi::GFALSE);
        // SAFETY: checked non-NULL; C strings per the C API.
        let (xml, ns, uri) = unsafe {
            (
                opt_str(xml).unwrap_or_default(),
                opt_str(ns).unwrap_or_default(),
                opt_str(ns_uri).unwrap_or_default(),
            )
        };
        let Some((shared, node)) = o.node() else {
            return glib::ffi::GFALSE;
        };
        let mut d = shared.borrow_mut();
        let metadata = add_child(&mut d, node, "metadata");
        let custom = match Document::parse(&xml) {
            Ok(c) => c,
            Err(e) => {
                let e = error(format!("Unable to parse configuration: {e}"));
                // SAFETY: err per the C contract.
                return unsafe { set_error(err, e, glib::ffi::GFALSE) };
            }
        };
        let Some(root) = custom.root() else {
            let e = error("XML data has no root element");
            // SAFETY: err per the C contract.
            return unsafe { set_error(err, e, glib::ffi::GFALSE) };
        };
        let copy = d.copy_subtree_from(&custom, root);
        let mut below = Vec::new();
        if children {
            descendants(&d, copy, &mut below);
        }
        set_namespace(&mut d, copy, &ns, Some(&uri));
        for el in below {
            set_namespace(&mut d, el, &ns, None);
        }
        let old: Vec<NodeId> = d
            .child_elements(metadata)
            .filter(|c| d.namespace_uri(*c).as_deref() == Some(uri.as_ref()))
            .collect();
        for c in old {
            d.unlink(c);
        }
        d.append_child(metadata, copy);
        glib::ffi::GTRUE
    })
}

/// `gvir_config_domain_set_custom_xml`: `xml` as the child of `<metadata>` in
/// namespace `ns_uri` (its root element prefixed `ns`), replacing any there.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_custom_xml(
    domain: *mut GObject,
    xml: *const c_char,
    ns: *const c_char,
    ns_uri: *const c_char,
    err: *mut *mut GError,
) -> gboolean {
    // SAFETY: forwarded under the same contract.
    unsafe {
        set_custom_xml(
            "gvir_config_domain_set_custom_xml",
            domain,
            xml,
            ns,
            ns_uri,
            false,
            err,
        )
    }
}

/// `gvir_config_domain_set_custom_xml_ns_children`: as `gvir_config_domain_set_custom_xml`,
/// with every element of `xml` in the namespace.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_custom_xml_ns_children(
    domain: *mut GObject,
    xml: *const c_char,
    ns: *const c_char,
    ns_uri: *const c_char,
    err: *mut *mut GError,
) -> gboolean {
    // SAFETY: forwarded under the same contract.
    unsafe {
        set_custom_xml(
            "gvir_config_domain_set_custom_xml_ns_children",
            domain,
            xml,
            ns,
            ns_uri,
            true,
            err,
        )
    }
}

/// A source's element handed to a device as the C library does it: the source's first
/// child node moves to the end of the device's element (the C loop stops after one,
/// since the moved node has no next sibling any more) and each of the source's
/// attributes is put in front of the device's, so they end up in reverse order.
fn take_source(func: &str, device: &ConfigObject, source: &ConfigObject) {
    let (Some((ddoc, dnode)), Some((sdoc, snode))) = (device.node(), source.node()) else {
        crate::ffi::return_if_fail_warning(func, "(chardev_node != NULL) && (source_node != NULL)");
        return;
    };
    let attrs: Vec<(String, String)> = sdoc
        .borrow()
        .attributes(snode)
        .map(|(n, v)| (n.to_owned(), v.into_owned()))
        .collect();
    if std::rc::Rc::ptr_eq(&ddoc, &sdoc) {
        let mut d = ddoc.borrow_mut();
        if let Some(first) = d.children(snode).next() {
            d.unlink(first);
            d.append_child(dnode, first);
        }
    } else {
        let first = sdoc.borrow().children(snode).next();
        if let Some(first) = first {
            let copy = ddoc.borrow_mut().copy_subtree_from(&sdoc.borrow(), first);
            sdoc.borrow_mut().unlink(first);
            ddoc.borrow_mut().append_child(dnode, copy);
        }
    }
    let mut d = ddoc.borrow_mut();
    for (name, value) in attrs {
        d.set_attribute_ordered(dnode, &name, &value, |n| Some(usize::from(n != name)));
    }
}

/// A `set_source` taking a `GVirConfigDomainChardevSource` (see [`take_source`]).
macro_rules! source_setter {
    ($f:ident, $Dev:ty, $dev:ident) => {
        #[doc = concat!("`", stringify!($f), "`.")]
        #[no_mangle]
        pub unsafe extern "C" fn $f($dev: *mut GObject, source: *mut GObject) {
            guard(stringify!($f), (), || {
                let dev = crate::this!($f, $Dev, $dev);
                let src = crate::this!($f, DomainChardevSource, source);
                take_source(stringify!($f), &dev, &src);
            })
        }
    };
}

source_setter!(
    gvir_config_domain_chardev_set_source,
    DomainChardev,
    chardev
);
source_setter!(
    gvir_config_domain_smartcard_passthrough_set_source,
    DomainSmartcardPassthrough,
    smartcard
);

/// `gvir_config_domain_chardev_get_source`: the device's element seen as its source
/// (transfer full) — a `GVirConfigDomainChardevSourcePty` for `type='pty'`, else NULL,
/// as in the C library.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_chardev_get_source(
    chardev: *mut GObject,
) -> *mut GObject {
    const F: &str = "gvir_config_domain_chardev_get_source";
    guard(F, std::ptr::null_mut(), || {
        let dev = crate::this!(
            gvir_config_domain_chardev_get_source,
            DomainChardev,
            chardev,
            std::ptr::null_mut()
        );
        let Some((doc, node)) = dev.node() else {
            return std::ptr::null_mut();
        };
        let ty = doc.borrow().attribute(node, "type").map(|t| t.into_owned());
        if ty.as_deref() != Some("pty") {
            glib::g_debug!("libvirt-gconfig", "Unknown chardev source type: {ty:?}");
            return std::ptr::null_mut();
        }
        ConfigObject::wrap(DomainChardevSourcePty::static_type(), doc, node)
            .upcast::<glib::Object>()
            .into_glib_ptr()
    })
}

/// `gvir_config_domain_controller_usb_set_master`: `controller` becomes a companion of
/// `master` (same index, `<master startport='N'/>` replacing any).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_controller_usb_set_master(
    controller: *mut GObject,
    master: *mut GObject,
    startport: u32,
) {
    guard("gvir_config_domain_controller_usb_set_master", (), || {
        let c = crate::this!(
            gvir_config_domain_controller_usb_set_master,
            DomainControllerUsb,
            controller
        );
        let _ = crate::this!(
            gvir_config_domain_controller_usb_set_master,
            DomainControllerUsb,
            master
        );
        // SAFETY: both checked to be live controllers.
        unsafe {
            let index = gvir_config_domain_controller_get_index(master);
            gvir_config_domain_controller_set_index(controller, index);
        }
        let Some((doc, node)) = c.node() else { return };
        let mut d = doc.borrow_mut();
        let el = replace_child(&mut d, node, "master");
        // The C library formats it with "%d".
        set_attribute(&mut d, el, "startport", &(startport as i32).to_string());
    })
}

/// `gvir_config_domain_smartcard_host_certificates_set_certificates`, as the C library
/// does it: the `<certificate>` elements go, then for each certificate a `<certificate>`
/// is added (or the first one reused) and the text of the smartcard element itself is
/// set to it — which replaces every child — while a NULL removes the first child node.
/// So one text (the last certificate) is what remains.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_smartcard_host_certificates_set_certificates(
    smartcard: *mut GObject,
    cert1: *const c_char,
    cert2: *const c_char,
    cert3: *const c_char,
) {
    guard(
        "gvir_config_domain_smartcard_host_certificates_set_certificates",
        (),
        || {
            let o = crate::this!(
                gvir_config_domain_smartcard_host_certificates_set_certificates,
                DomainSmartcardHostCertificates,
                smartcard
            );
            remove_children(&o, &[], "certificate");
            if cert1.is_null() {
                return;
            }
            let Some((doc, node)) = o.node() else { return };
            let mut d = doc.borrow_mut();
            for cert in [cert1, cert2, cert3] {
                add_child(&mut d, node, "certificate");
                // SAFETY: NULL or a C string per the C API.
                match unsafe { opt_str(cert) } {
                    Some(text) => d.set_text(node, &text),
                    None => {
                        if let Some(first) = d.children(node).next() {
                            d.unlink(first);
                        }
                    }
                }
            }
        },
    )
}

/// `gvir_config_domain_smartcard_set_address`: the C library's prototype takes a
/// `GVirConfigDomainRedirdev` and checks for one; `<address>` is replaced (NULL: removed).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_smartcard_set_address(
    redirdev: *mut GObject,
    address: *mut GObject,
) {
    guard("gvir_config_domain_smartcard_set_address", (), || {
        let o = crate::this!(
            gvir_config_domain_smartcard_set_address,
            DomainRedirdev,
            redirdev
        );
        if address.is_null() {
            remove_children(&o, &[], "address");
            return;
        }
        let a = crate::this!(
            gvir_config_domain_smartcard_set_address,
            DomainAddress,
            address
        );
        attach(&o, &[], &a, true);
    })
}

/// `<filesystem type='...'>`, the nicks of `GVirConfigDomainFilesysType`.
static FILESYS_TYPE: Rule = Rule {
    path: &[],
    attr: Some("type"),
    fmt: Fmt::Enum(&[
        (0, Some("mount")),
        (1, Some("block")),
        (2, Some("file")),
        (3, Some("template")),
        (4, Some("ram")),
        (5, Some("bind")),
    ]),
    extras: &[],
    null: Null::Keep,
    replace: false,
};

/// Object data: the type last given to `gvir_config_domain_filesys_set_type` (the C
/// library keeps it in the object, not in the XML, and `set_ram_usage` checks it).
const FILESYS_TYPE_KEY: &str = "gvir-capi-filesys-type";
/// `GVIR_CONFIG_DOMAIN_FILESYS_RAM`.
const FILESYS_RAM: i32 = 4;

/// `gvir_config_domain_filesys_set_type`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_filesys_set_type(filesys: *mut GObject, ty: i32) {
    guard("gvir_config_domain_filesys_set_type", (), || {
        let o = crate::this!(gvir_config_domain_filesys_set_type, DomainFilesys, filesys);
        FILESYS_TYPE.set_enum(&o, ty);
        // SAFETY: the data under this key is only ever an i32.
        unsafe { o.set_data(FILESYS_TYPE_KEY, ty) };
    })
}

/// `gvir_config_domain_filesys_set_ram_usage`: `<source usage='N' units='bytes'/>`
/// replacing any `<source>`, for a filesystem set to RAM through this object.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_filesys_set_ram_usage(
    filesys: *mut GObject,
    bytes: u64,
) {
    const F: &str = "gvir_config_domain_filesys_set_ram_usage";
    guard(F, (), || {
        let o = crate::this!(
            gvir_config_domain_filesys_set_ram_usage,
            DomainFilesys,
            filesys
        );
        // SAFETY: see gvir_config_domain_filesys_set_type.
        let ty = unsafe { o.data::<i32>(FILESYS_TYPE_KEY).map(|p| *p.as_ref()) };
        crate::check!(F, ty.unwrap_or(0) == FILESYS_RAM);
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let src = replace_child(&mut d, node, "source");
        set_attribute(&mut d, src, "usage", &bytes.to_string());
        set_attribute(&mut d, src, "units", "bytes");
    })
}

/// Bytes per `unit` as the C library counts them (`None`: KiB, its default; an unknown
/// unit: a critical and KiB).
fn unit_base(func: &str, unit: Option<&str>) -> u64 {
    const BASES: &[(&str, u64)] = &[
        ("b", 1),
        ("bytes", 1),
        ("KB", 1000),
        ("k", 1 << 10),
        ("KiB", 1 << 10),
        ("MB", 1000 * 1000),
        ("M", 1 << 20),
        ("MiB", 1 << 20),
        ("GB", 1000 * 1000 * 1000),
        ("G", 1 << 30),
        ("GiB", 1 << 30),
        ("TB", 1000 * 1000 * 1000 * 1000),
        ("T", 1 << 40),
        ("TiB", 1 << 40),
    ];
    let Some(unit) = unit else { return 1 << 10 };
    match BASES.iter().find(|(u, _)| *u == unit) {
        Some((_, b)) => *b,
        None => {
            crate::ffi::return_if_fail_warning(func, "unit_base != NULL");
            1 << 10
        }
    }
}

/// A memory size of the domain (`<memory>`, `<currentMemory>`) in KiB, whatever its
/// `unit` (the number read as `g_ascii_strtoull`; the product wraps as in C).
fn memory_kib(func: &str, o: &ConfigObject, element: &str) -> u64 {
    let Some((doc, node)) = o.node() else {
        return 0;
    };
    let (value, unit) = {
        let d = doc.borrow();
        match d.first_child_named(node, element) {
            Some(el) => (
                super::rules::strtoull0(&d.text(el)) as u64,
                d.attribute(el, "unit").map(|u| u.into_owned()),
            ),
            None => (0, None),
        }
    };
    value.wrapping_mul(unit_base(func, unit.as_deref())) / 1024
}

/// `gvir_config_domain_get_memory`: the maximum memory in KiB.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_memory(domain: *mut GObject) -> u64 {
    const F: &str = "gvir_config_domain_get_memory";
    guard(F, 0, || {
        let o = crate::this!(gvir_config_domain_get_memory, Domain, domain, 0);
        memory_kib(F, &o, "memory")
    })
}

/// `gvir_config_domain_get_current_memory`: the current memory in KiB.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_current_memory(domain: *mut GObject) -> u64 {
    const F: &str = "gvir_config_domain_get_current_memory";
    guard(F, 0, || {
        let o = crate::this!(gvir_config_domain_get_current_memory, Domain, domain, 0);
        memory_kib(F, &o, "currentMemory")
    })
}

// The C library's headers and GIR declare these two, but its 4.0 library does not export
// them (so a C program cannot link them there); they parse a `<model>` as the `_new` of
// the class makes one.
use crate::new_from_xml_fn;
new_from_xml_fn!(
    gvir_config_capabilities_cpu_model_new_from_xml,
    super::generated::CapabilitiesCpuModel,
    "model"
);
new_from_xml_fn!(
    gvir_config_domain_cpu_model_new_from_xml,
    super::generated::DomainCpuModel,
    "model"
);
