//! The LibvirtGConfig additions of libvirt-glib 5.0.0 that have logic of their own (the
//! plain accessors of `GVirConfigDomainAudio` and `GVirConfigDomainGraphicsDBus` are
//! generated): each writes what the 5.0.0 C code writes.
//!
//! - `gvir_config_domain_audio_set_backend` / `_set_server_name`: the `type` and
//!   `serverName` attributes of `<audio>` (removed, then added at the end; a value
//!   without a nick leaves no `type`, NULL gives `serverName=""`).
//! - `gvir_config_domain_graphics_dbus_new_from_xml`: NULL when the `<graphics>` parsed
//!   is not `type="dbus"`.
//! - `gvir_config_domain_os_enable_firmware_feature`: a new
//!   `<firmware><feature enabled="yes|no" name="..."/></firmware>` appended to `<os>`
//!   on every call (as the C code, which does not look for an existing `<firmware>`).
//! - `gvir_config_domain_disk_set_target_bus`: USB disks are removable by default —
//!   `bus="usb"` comes with `removable="on"` on the same `<target>`.

use std::ffi::c_char;

use glib::ffi::GError;
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;

use super::fns::this_obj;
use super::generated::{
    gvir_config_domain_audio_backend_get_type, gvir_config_domain_disk_bus_get_type, DomainAudio,
    DomainDisk, DomainGraphicsDBus, DomainOs,
};
use super::object::{new_from_xml, ConfigObject};
use super::read::nick_of;
use super::rules::{add_child, set_attribute};
use crate::ffi::{guard, opt_str};

/// Sets attribute `name` of the element of `o` as the C library's
/// `gvir_config_object_set_attribute_with_type` does: every `name` removed, then
/// `value` (if any) added at the end.
fn replace_attribute(o: &ConfigObject, name: &str, value: Option<&str>) {
    let Some((doc, node)) = o.node() else { return };
    let mut d = doc.borrow_mut();
    match value {
        Some(v) => set_attribute(&mut d, node, name, v),
        None => while d.remove_attribute(node, name) {},
    }
}

/// `gvir_config_domain_audio_set_backend`: `<audio type="nick">`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_audio_set_backend(
    audio: *mut GObject,
    backend: std::ffi::c_int,
) {
    guard("gvir_config_domain_audio_set_backend", (), || {
        let o = crate::this!(gvir_config_domain_audio_set_backend, DomainAudio, audio);
        let nick = nick_of(gvir_config_domain_audio_backend_get_type(), backend);
        replace_attribute(&o, "type", nick.as_deref());
    })
}

/// `gvir_config_domain_audio_set_server_name`: `<audio serverName="...">` (NULL: an
/// empty value, as libxml2's `xmlNewProp` with no value writes it).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_audio_set_server_name(
    audio: *mut GObject,
    server_name: *const c_char,
) {
    guard("gvir_config_domain_audio_set_server_name", (), || {
        let o = crate::this!(gvir_config_domain_audio_set_server_name, DomainAudio, audio);
        // SAFETY: NULL or a C string per the C API.
        let v = unsafe { opt_str(server_name) };
        replace_attribute(&o, "serverName", Some(v.as_deref().unwrap_or("")));
    })
}

/// `gvir_config_domain_graphics_dbus_new_from_xml`: parses a `<graphics>` document
/// (transfer full); NULL with `err` set when it does not parse, NULL without an error
/// when it is not `type="dbus"`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_graphics_dbus_new_from_xml(
    xml: *const c_char,
    err: *mut *mut GError,
) -> *mut GObject {
    const F: &str = "gvir_config_domain_graphics_dbus_new_from_xml";
    // SAFETY: forwarded under the same contract.
    let p = unsafe { new_from_xml(F, DomainGraphicsDBus::static_type(), "graphics", xml, err) };
    if p.is_null() {
        return p;
    }
    guard(F, std::ptr::null_mut(), || {
        // SAFETY: p is the new object (transfer full) made above.
        let o: ConfigObject =
            unsafe { from_glib_full(p as *mut <ConfigObject as ObjectType>::GlibType) };
        let dbus = o
            .node()
            .is_some_and(|(d, n)| d.borrow().attribute(n, "type").as_deref() == Some("dbus"));
        if dbus {
            o.upcast::<glib::Object>().into_glib_ptr()
        } else {
            std::ptr::null_mut()
        }
    })
}

/// `gvir_config_domain_os_enable_firmware_feature`: appends
/// `<firmware><feature enabled="yes|no" name="name"/></firmware>` to `<os>`, which
/// libvirt reads as a feature the automatically selected firmware must have (or lack),
/// e.g. `secure-boot`, `enrolled-keys`. A NULL `name` is written empty.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_os_enable_firmware_feature(
    os: *mut GObject,
    name: *const c_char,
    enable: glib::ffi::gboolean,
) {
    guard("gvir_config_domain_os_enable_firmware_feature", (), || {
        let o = crate::this!(gvir_config_domain_os_enable_firmware_feature, DomainOs, os);
        // SAFETY: NULL or a C string per the C API.
        let name = unsafe { opt_str(name) };
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let firmware = d.append_element_plain(node, "firmware");
        let feature = d.append_element_plain(firmware, "feature");
        d.set_attribute(feature, "enabled", if enable != 0 { "yes" } else { "no" });
        d.set_attribute(feature, "name", name.as_deref().unwrap_or(""));
    })
}

/// `gvir_config_domain_disk_set_target_bus`: `<target bus="nick">` on the first
/// `<target>` (or a new one); a USB disk also gets `removable="on"`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_disk_set_target_bus(
    disk: *mut GObject,
    bus: std::ffi::c_int,
) {
    const F: &str = "gvir_config_domain_disk_set_target_bus";
    guard(F, (), || {
        let o = crate::this!(gvir_config_domain_disk_set_target_bus, DomainDisk, disk);
        let nick = nick_of(gvir_config_domain_disk_bus_get_type(), bus);
        let Some(nick) = nick else {
            crate::ffi::return_if_fail_warning(F, "bus_str != NULL");
            return;
        };
        let Some((doc, node)) = o.node() else { return };
        let mut d = doc.borrow_mut();
        let target = add_child(&mut d, node, "target");
        set_attribute(&mut d, target, "bus", &nick);
        if nick == "usb" {
            set_attribute(&mut d, target, "removable", "on");
        }
    })
}
