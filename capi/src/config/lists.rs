//! The LibvirtGConfig functions taking or returning lists and string arrays (devices,
//! snapshot disks, features, boot devices), with the C library's edit primitives:
//! `<devices>`/`<disks>` removed and a new one appended (NULL: just removed), each
//! object's element moved into it in list order; `<features>` replaced in place.

use std::ffi::{c_char, c_int};

use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gconfig::dom::NodeKind;

use super::fns::*;
use super::generated::*;
use super::read::{enum_list, nick_of};
use super::rules::replace_child;

/// The pointers of a `GList` (borrowed), in order.
///
/// # Safety
/// `list` is NULL or a valid `GList`.
unsafe fn list_items(list: *mut glib::ffi::GList) -> Vec<glib::ffi::gpointer> {
    let mut out = Vec::new();
    let mut l = list;
    while !l.is_null() {
        // SAFETY: l is a live node of the list per the contract.
        unsafe {
            out.push((*l).data);
            l = (*l).next;
        }
    }
    out
}

/// Removes the elements `container` of `o` and (unless `list` is NULL) appends a new
/// one, into which the element of every `T` of `list` is moved.
///
/// # Safety
/// `list` is NULL or a valid `GList` of objects.
unsafe fn set_children<T>(f: &str, o: &ConfigObject, container: &str, list: *mut glib::ffi::GList)
where
    T: glib::prelude::ObjectType + glib::translate::FromGlibPtrBorrow<*mut T::GlibType>,
    T: IsA<ConfigObject>,
{
    remove_children(o, &[], container);
    if list.is_null() {
        return;
    }
    let Some((doc, node)) = o.node() else { return };
    doc.borrow_mut().append_element_plain(node, container);
    // SAFETY: per the contract.
    for p in unsafe { list_items(list) } {
        if let Some(child) = this_obj::<T>(f, p as *mut GObject) {
            super::rules::attach(o, &[container], child.upcast_ref::<ConfigObject>(), false);
        }
    }
}

/// `gvir_config_domain_set_devices`: `<devices>` holding the list's devices.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_devices(
    domain: *mut GObject,
    devices: *mut glib::ffi::GList,
) {
    const F: &str = "gvir_config_domain_set_devices";
    guard(F, (), || {
        let o = crate::this!(gvir_config_domain_set_devices, Domain, domain);
        // SAFETY: a GList of GVirConfigDomainDevice per the C API.
        unsafe { set_children::<DomainDevice>(F, &o, "devices", devices) }
    })
}

/// `gvir_config_domain_snapshot_set_disks`: `<disks>` holding the list's disks.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_snapshot_set_disks(
    snapshot: *mut GObject,
    disks: *mut glib::ffi::GList,
) {
    const F: &str = "gvir_config_domain_snapshot_set_disks";
    guard(F, (), || {
        let o = crate::this!(
            gvir_config_domain_snapshot_set_disks,
            DomainSnapshot,
            snapshot
        );
        // SAFETY: a GList of GVirConfigDomainSnapshotDisk per the C API.
        unsafe { set_children::<DomainSnapshotDisk>(F, &o, "disks", disks) }
    })
}

/// `gvir_config_domain_set_features`: `<features>` replaced in place by one empty
/// element per name.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_features(
    domain: *mut GObject,
    features: *mut *mut c_char,
) {
    const F: &str = "gvir_config_domain_set_features";
    guard(F, (), || {
        let o = crate::this!(gvir_config_domain_set_features, Domain, domain);
        // The C library dereferences NULL here; a critical instead.
        crate::check!(F, !features.is_null());
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let parent = replace_child(&mut d, node, "features");
        let mut i = 0;
        loop {
            // SAFETY: a NULL-terminated array of C strings per the C API.
            let s = unsafe { *features.add(i) };
            if s.is_null() {
                break;
            }
            // SAFETY: a C string.
            let name = unsafe { opt_str(s) }.unwrap_or_default();
            d.append_element_plain(parent, &name);
            i += 1;
        }
        drop(d);
        super::props::notify_setter(&o, F);
    })
}

/// `gvir_config_domain_get_features`: the names of the children of `<features>` (as
/// libxml2 names them: a comment is "comment"), a new `GStrv` (empty without
/// `<features>`).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_features(domain: *mut GObject) -> *mut *mut c_char {
    guard(
        "gvir_config_domain_get_features",
        std::ptr::null_mut(),
        || {
            let o = crate::this!(
                gvir_config_domain_get_features,
                Domain,
                domain,
                std::ptr::null_mut()
            );
            let Some((doc, node)) = o.node() else {
                return std::ptr::null_mut();
            };
            let d = doc.borrow();
            let features = d.first_child_named(node, "features");
            let names: Vec<String> = features
                .into_iter()
                .flat_map(|f| d.children(f))
                .filter_map(|c| match d.kind(c) {
                    Some(NodeKind::Element | NodeKind::ProcessingInstruction) => {
                        Some(d.name(c).to_owned())
                    }
                    Some(NodeKind::Comment) => Some("comment".to_owned()),
                    _ => None,
                })
                .collect();
            names.to_glib_full()
        },
    )
}

/// `gvir_config_domain_os_set_boot_devices`: the `<boot dev=...>` elements replaced by
/// one per list value, appended (NULL: none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_set_boot_devices(
    os: *mut GObject,
    boot_devices: *mut glib::ffi::GList,
) {
    guard("gvir_config_domain_os_set_boot_devices", (), || {
        let o = crate::this!(gvir_config_domain_os_set_boot_devices, DomainOs, os);
        remove_children(&o, &[], "boot");
        let Some((doc, node)) = o.node() else { return };
        let ty = gvir_config_domain_os_boot_device_get_type();
        // SAFETY: a GList of GINT_TO_POINTER values per the C API.
        for p in unsafe { list_items(boot_devices) } {
            if let Some(nick) = nick_of(ty, p as isize as c_int) {
                let mut d = doc.borrow_mut();
                let b = d.append_element_plain(node, "boot");
                set_attribute(&mut d, b, "dev", &nick);
            }
        }
    })
}

/// `gvir_config_domain_os_get_boot_devices`: the `dev` of every `<boot>` as
/// `GVirConfigDomainOsBootDevice` values (a list of `GINT_TO_POINTER`s, transfer
/// container); unknown names are left out.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_get_boot_devices(
    os: *mut GObject,
) -> *mut glib::ffi::GList {
    guard(
        "gvir_config_domain_os_get_boot_devices",
        std::ptr::null_mut(),
        || {
            let o = crate::this!(
                gvir_config_domain_os_get_boot_devices,
                DomainOs,
                os,
                std::ptr::null_mut()
            );
            let Some((doc, node)) = o.node() else {
                return std::ptr::null_mut();
            };
            let d = doc.borrow();
            let values = d
                .children_named(node, "boot")
                .map(|b| d.attribute(b, "dev").map(|v| v.into_owned()));
            enum_list(gvir_config_domain_os_boot_device_get_type(), values)
        },
    )
}

/// `gvir_config_domain_get_custom_xml`: the first child of `<metadata>` in namespace
/// `ns_uri`, as libxml2 writes it (transfer full; NULL when there is none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_custom_xml(
    domain: *mut GObject,
    ns_uri: *const c_char,
) -> *mut c_char {
    const F: &str = "gvir_config_domain_get_custom_xml";
    guard(F, std::ptr::null_mut(), || {
        let o = crate::this!(
            gvir_config_domain_get_custom_xml,
            Domain,
            domain,
            std::ptr::null_mut()
        );
        crate::check!(F, !ns_uri.is_null(), std::ptr::null_mut());
        // SAFETY: checked non-NULL; a C string per the C API.
        let uri = unsafe { opt_str(ns_uri) }.unwrap_or_default();
        let Some((doc, node)) = o.node() else {
            return std::ptr::null_mut();
        };
        let d = doc.borrow();
        let Some(meta) = d.first_child_named(node, "metadata") else {
            return std::ptr::null_mut();
        };
        let Some(el) = d
            .child_elements(meta)
            .find(|c| d.namespace_uri(*c).as_deref() == Some(uri.as_ref()))
        else {
            return std::ptr::null_mut();
        };
        let mut out = String::new();
        d.write_node_libxml2(el, &mut out);
        opt_strdup(Some(&out))
    })
}
