//! `gvir_config_object_validate`: the object's whole document checked against its RELAX NG
//! schema by libxml2, the validator the C library uses (same schemas, same verdicts).

use std::ffi::{c_char, c_int, c_void, CString};

use glib::ffi::GError;
use glib::gobject_ffi::GObject;

use super::object::{error, ConfigObject};
use crate::ffi::{guard, obj, set_error};

/// The few libxml2 entry points validation needs (libxml2 is a dependency of libvirt).
mod xml2 {
    use std::ffi::{c_char, c_int, c_void};

    #[link(name = "xml2")]
    extern "C" {
        pub fn xmlReadMemory(
            buffer: *const c_char,
            size: c_int,
            url: *const c_char,
            encoding: *const c_char,
            options: c_int,
        ) -> *mut c_void;
        pub fn xmlFreeDoc(doc: *mut c_void);
        pub fn xmlRelaxNGNewParserCtxt(url: *const c_char) -> *mut c_void;
        pub fn xmlRelaxNGParse(ctxt: *mut c_void) -> *mut c_void;
        pub fn xmlRelaxNGFreeParserCtxt(ctxt: *mut c_void);
        pub fn xmlRelaxNGNewValidCtxt(schema: *mut c_void) -> *mut c_void;
        pub fn xmlRelaxNGValidateDoc(ctxt: *mut c_void, doc: *mut c_void) -> c_int;
        pub fn xmlRelaxNGFreeValidCtxt(ctxt: *mut c_void);
        pub fn xmlRelaxNGFree(schema: *mut c_void);
        pub fn xmlSetGenericErrorFunc(ctx: *mut c_void, handler: *const c_void);
        pub fn xmlSetStructuredErrorFunc(ctx: *mut c_void, handler: *const c_void);
        pub fn xmlGetLastError() -> *const XmlError;
    }

    /// The head of libxml2's `xmlError` (the fields read here).
    #[repr(C)]
    pub struct XmlError {
        pub domain: c_int,
        pub code: c_int,
        pub message: *const c_char,
    }
}

/// libxml2's structured error handler that drops the message (as the C library's).
unsafe extern "C" fn structured_nop(_ctx: *mut c_void, _error: *mut c_void) {}

extern "C" {
    /// The generic (variadic) one, in `capi/c/varargs.c`.
    fn gvir_capi_xml_generic_error_nop(ctx: *mut c_void, msg: *const c_char, ...);
}

/// `XML_PARSE_NONET`: never fetch anything over the network.
const XML_PARSE_NONET: c_int = 1 << 11;

/// An error as the C library's `gvir_config_set_error` makes it: `message: ` and the
/// message of libxml2's last error of the thread — and none at all when libxml2 has no
/// last error (so the C library reports success then, even for a missing schema).
fn xml_error(message: &str) -> Option<glib::Error> {
    // SAFETY: libxml2's thread-local last error, NULL or valid until the next error.
    let last = unsafe { xml2::xmlGetLastError() };
    if last.is_null() {
        return None;
    }
    // SAFETY: checked non-NULL; its message is NULL or a C string.
    let detail: Option<String> =
        unsafe { glib::translate::from_glib_none((*last).message as *const c_char) };
    Some(error(format!("{message}: {}", detail.unwrap_or_default())))
}

/// Validates `text` against the schema file `schema`; `Err(message)` names the step
/// that failed, as the C library words it.
fn validate(text: &str, schema: &str) -> Result<(), String> {
    let schema_c =
        CString::new(schema).map_err(|_| format!("Unable to create RNG parser for {schema}"))?;
    let len = c_int::try_from(text.len()).map_err(|_| "Unable to validate doc".to_owned())?;
    // SAFETY: every libxml2 object made here is freed once below; the buffers outlive
    // the calls. Like the C library, libxml2's messages are silenced (for the process).
    unsafe {
        xml2::xmlSetGenericErrorFunc(
            std::ptr::null_mut(),
            gvir_capi_xml_generic_error_nop as *const c_void,
        );
        xml2::xmlSetStructuredErrorFunc(std::ptr::null_mut(), structured_nop as *const c_void);
        let parser = xml2::xmlRelaxNGNewParserCtxt(schema_c.as_ptr());
        if parser.is_null() {
            return Err(format!("Unable to create RNG parser for {schema}"));
        }
        let rng = xml2::xmlRelaxNGParse(parser);
        xml2::xmlRelaxNGFreeParserCtxt(parser);
        if rng.is_null() {
            return Err(format!("Unable to parse RNG {schema}"));
        }
        let valid = xml2::xmlRelaxNGNewValidCtxt(rng);
        if valid.is_null() {
            xml2::xmlRelaxNGFree(rng);
            return Err(format!("Unable to create RNG validation context {schema}"));
        }
        let doc = xml2::xmlReadMemory(
            text.as_ptr() as *const c_char,
            len,
            std::ptr::null(),
            std::ptr::null(),
            XML_PARSE_NONET,
        );
        let ok = !doc.is_null() && xml2::xmlRelaxNGValidateDoc(valid, doc) == 0;
        if !doc.is_null() {
            xml2::xmlFreeDoc(doc);
        }
        xml2::xmlRelaxNGFreeValidCtxt(valid);
        xml2::xmlRelaxNGFree(rng);
        if ok {
            Ok(())
        } else {
            Err("Unable to validate doc".to_owned())
        }
    }
}

/// `gvir_config_object_validate`: checks the object's whole document against its schema;
/// sets `err` (domain `gvir-config-object`) when it has none or does not validate —
/// worded as the C library's, with libxml2's last error appended (see `xml_error`).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_object_validate(config: *mut GObject, err: *mut *mut GError) {
    const F: &str = "gvir_config_object_validate";
    guard(F, (), || {
        // SAFETY: config is checked to be a GVirConfigObject.
        let Some(o) = (unsafe { obj::<ConfigObject>(F, config) }) else {
            return;
        };
        // SAFETY: err is NULL or a GError** per the C API.
        crate::check!(F, err.is_null() || unsafe { (*err).is_null() });
        let result = match (o.node(), o.schema()) {
            (None, _) => Err("No XML document associated with this config object".to_owned()),
            (_, None) => Err("No XML schema associated with this config object".to_owned()),
            // The whole document the element belongs to, as libxml2 does.
            (Some((doc, _)), Some(schema)) => validate(&doc.borrow().to_xml(), &schema),
        };
        if let Some(e) = result.err().and_then(|m| xml_error(&m)) {
            // SAFETY: err per the C contract.
            unsafe { set_error(err, e, ()) };
        }
    })
}
