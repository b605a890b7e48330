//! GObject properties of LibvirtGConfig classes, read and written through the same C
//! functions the C library's property handlers call (`GVirConfigDomain:name` is
//! `gvir_config_domain_get_name` / `_set_name`, ...), so both ways give one result.

use std::ffi::c_char;

use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;

use super::edit::{gvir_config_domain_get_current_memory, gvir_config_domain_get_memory};
use super::generated::*;
use super::lists::{gvir_config_domain_get_features, gvir_config_domain_set_features};
use super::object::{ConfigObject, ConfigProps};

/// Emits `notify` for the property a setter changes, as the C library's setters do
/// (`gvir_config_domain_set_name` notifies `name`, ...).
pub fn notify_setter(o: &ConfigObject, setter: &str) {
    const NOTIFIES: &[(&str, &str)] = &[
        ("gvir_config_domain_set_name", "name"),
        ("gvir_config_domain_set_uuid", "uuid"),
        ("gvir_config_domain_set_title", "title"),
        ("gvir_config_domain_set_description", "description"),
        ("gvir_config_domain_set_memory", "memory"),
        ("gvir_config_domain_set_current_memory", "current-memory"),
        ("gvir_config_domain_set_vcpus", "vcpu"),
        ("gvir_config_domain_set_features", "features"),
    ];
    if let Some((_, prop)) = NOTIFIES.iter().find(|(f, _)| *f == setter) {
        o.notify(prop);
    }
}

/// The properties of `GVirConfigDomain`.
pub struct DomainProps;

/// A readable and writable string property.
fn string(name: &str, nick: &str, blurb: &str) -> glib::ParamSpec {
    glib::ParamSpecString::builder(name)
        .nick(nick)
        .blurb(blurb)
        .build()
}

/// A readable and writable `guint64` property.
fn uint64(name: &str, nick: &str, blurb: &str) -> glib::ParamSpec {
    glib::ParamSpecUInt64::builder(name)
        .nick(nick)
        .blurb(blurb)
        .build()
}

/// A C string borrowed from the object, copied.
///
/// # Safety
/// `p` is NULL or a valid C string.
unsafe fn owned(p: *const c_char) -> Option<String> {
    // SAFETY: per the contract.
    unsafe { from_glib_none(p) }
}

impl ConfigProps for DomainProps {
    fn properties() -> &'static [glib::ParamSpec] {
        static P: std::sync::OnceLock<Vec<glib::ParamSpec>> = std::sync::OnceLock::new();
        P.get_or_init(|| {
            vec![
                string("name", "Name", "Domain Name"),
                string("uuid", "UUID", "Domain UUID"),
                string(
                    "title",
                    "Title",
                    "A short description - title - of the domain",
                ),
                string(
                    "description",
                    "Description",
                    "Some human readable description (could be anything).",
                ),
                uint64("memory", "Memory", "Maximum Guest Memory (in kilobytes)"),
                uint64(
                    "vcpu",
                    "Virtual CPUs",
                    "Maximum Number of Guest Virtual CPUs",
                ),
                glib::ParamSpecBoxed::builder::<glib::StrV>("features")
                    .nick("Features")
                    .blurb("Hypervisor Features")
                    .build(),
                uint64(
                    "current-memory",
                    "Current memory",
                    "Current Guest Memory (in kilobytes)",
                ),
            ]
        })
    }

    fn set(obj: &ConfigObject, pspec: &glib::ParamSpec, value: &glib::Value) {
        let p = obj.as_ptr() as *mut GObject;
        let s = || value.get::<Option<String>>().ok().flatten();
        let n = || value.get::<u64>().unwrap_or(0);
        let s_ptr = |f: unsafe extern "C" fn(*mut GObject, *const c_char)| {
            let v = s();
            // SAFETY: p is a live GVirConfigDomain; the string outlives the call.
            unsafe { f(p, v.as_deref().to_glib_none().0) }
        };
        // SAFETY (each call below): p is a live GVirConfigDomain.
        match pspec.name() {
            "name" => s_ptr(gvir_config_domain_set_name),
            "uuid" => s_ptr(gvir_config_domain_set_uuid),
            "title" => s_ptr(gvir_config_domain_set_title),
            "description" => s_ptr(gvir_config_domain_set_description),
            "memory" => unsafe { gvir_config_domain_set_memory(p, n()) },
            "current-memory" => unsafe { gvir_config_domain_set_current_memory(p, n()) },
            "vcpu" => unsafe { gvir_config_domain_set_vcpus(p, n()) },
            "features" => {
                // The boxed GStrv as it is (NULL included), borrowed from the value.
                let ptr = unsafe { glib::gobject_ffi::g_value_get_boxed(value.to_glib_none().0) };
                unsafe { gvir_config_domain_set_features(p, ptr as *mut *mut c_char) }
            }
            _ => {}
        }
    }

    fn get(obj: &ConfigObject, pspec: &glib::ParamSpec) -> glib::Value {
        let p = obj.as_ptr() as *mut GObject;
        // SAFETY (each call below): p is a live GVirConfigDomain; strings of transfer
        // none are copied at once, the features (transfer full) are taken over.
        unsafe {
            match pspec.name() {
                "name" => owned(gvir_config_domain_get_name(p)).to_value(),
                "uuid" => owned(gvir_config_domain_get_uuid(p)).to_value(),
                "title" => owned(gvir_config_domain_get_title(p)).to_value(),
                "description" => owned(gvir_config_domain_get_description(p)).to_value(),
                "memory" => gvir_config_domain_get_memory(p).to_value(),
                "current-memory" => gvir_config_domain_get_current_memory(p).to_value(),
                "vcpu" => gvir_config_domain_get_vcpus(p).to_value(),
                "features" => {
                    let raw = gvir_config_domain_get_features(p);
                    if raw.is_null() {
                        glib::Value::from_type(glib::StrV::static_type())
                    } else {
                        glib::StrV::from_glib_full(raw).to_value()
                    }
                }
                _ => glib::Value::from_type(pspec.value_type()),
            }
        }
    }
}
