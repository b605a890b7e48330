//! libvirt failures become `libvirt_glib::Error` / `glib::Error` with libvirt's own
//! domain (origin), code and message, read in the thread that made the failing call.
#![allow(clippy::unwrap_used)]

use libvirt_glib::{Error, ErrorCode, ErrorOrigin};
use virt::connect::Connect;

fn test_conn() -> Connect {
    libvirt_glib::init().unwrap();
    Connect::open(Some("test:///default")).unwrap()
}

#[test]
fn a_missing_domain() {
    let conn = test_conn();
    let e = conn.lookup_domain_by_name("no-such-domain").unwrap_err();
    let err = Error::from_virt(&e, "looking up no-such-domain");
    assert_eq!(err.code(), Some(ErrorCode::NoDomain));
    assert_eq!(err.origin(), Some(ErrorOrigin::Test));
    // libvirt's own message, unchanged.
    assert_eq!(err.message(), e.message());
    assert!(
        err.message().contains("Domain not found"),
        "{}",
        err.message()
    );
    let g: glib::Error = err.to_glib();
    assert_eq!(g.domain().as_str(), "gvir-error-quark");
    assert_eq!(g.kind::<ErrorCode>(), Some(ErrorCode::NoDomain));
    assert_eq!(
        g.message(),
        format!("looking up no-such-domain: {}", e.message())
    );
}

#[test]
fn a_bad_uri() {
    libvirt_glib::init().unwrap();
    let e = Connect::open(Some("nosuchdriver:///system")).unwrap_err();
    let err = Error::from_virt(&e, "connecting");
    assert_eq!(err.code(), Some(ErrorCode::NoConnect), "{err}");
    assert!(
        err.message().contains("nosuchdriver:///system"),
        "{}",
        err.message()
    );
    let e = Connect::open(Some("::not a uri::")).unwrap_err();
    let err = Error::from_virt(&e, "connecting");
    assert!(
        matches!(
            err.code(),
            Some(ErrorCode::InternalError | ErrorCode::NoConnect | ErrorCode::InvalidArg)
        ),
        "{err}"
    );
    assert!(!err.message().is_empty());
}

#[test]
fn a_malformed_xml() {
    let conn = test_conn();
    let e = conn
        .define_domain_xml("<domain type='test'><name>x</name")
        .unwrap_err();
    let err = Error::from_virt(&e, "defining");
    // libxml2's parse error, with the line and a caret under the position.
    assert_eq!(err.code(), Some(ErrorCode::XmlDetail), "{err}");
    assert_eq!(err.origin(), Some(ErrorOrigin::Domain), "{err}");
    assert!(err.message().contains("expected '>'"), "{}", err.message());
    assert_eq!(err.message(), e.message());
    let g = err.to_glib();
    assert_eq!(g.kind::<ErrorCode>(), Some(ErrorCode::XmlDetail));
}

#[test]
fn the_last_error_belongs_to_the_thread_that_failed() {
    let conn = test_conn();
    // Fail in a worker thread and build the error there.
    let raw = unsafe { conn.as_ptr() } as usize;
    let built = std::thread::spawn(move || {
        let name = std::ffi::CString::new("only-in-worker").unwrap();
        // SAFETY: the connection outlives this thread (joined below).
        let dom = unsafe {
            virt_sys::virDomainLookupByName(raw as virt_sys::virConnectPtr, name.as_ptr())
        };
        assert!(dom.is_null());
        Error::last("worker lookup")
    })
    .join()
    .unwrap();
    assert_eq!(built.code(), Some(ErrorCode::NoDomain));
    assert!(built.message().contains("Domain not found"), "{built}");
    // This thread has its own (unrelated) last error.
    let here = Error::last("main thread");
    assert_ne!(here.code(), Some(ErrorCode::NoDomain), "{here}");
}
