//! Helpers shared by the cases: reading and setting a property in one line,
//! short value constructors, and checking a document built from scratch
//! (validating it against libvirt's schema).

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Validates `xml` with `virt-xml-validate FILE schema` (libvirt's RNG schemas).
///
/// When the tool is missing the check fails if `CI=true` and is skipped with a
/// loud message otherwise.
pub fn validate(name: &str, xml: &str, schema: &str) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "gconfig-{}-{}-{name}.xml",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, xml).unwrap();
    let out = Command::new("virt-xml-validate")
        .arg(&path)
        .arg(schema)
        .output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(out) => assert!(
            out.status.success(),
            "{name}: not valid against the {schema} schema:\n{}{}\n{xml}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{name}: virt-xml-validate is required when CI=true: {e}");
            }
            eprintln!(
                "!!!!! SKIPPED schema validation of {name}: cannot run virt-xml-validate ({e}); \
                 install libvirt-clients and libxml2-utils !!!!!"
            );
        }
    }
}

/// Checks a document built from scratch against `tests/data/<case>-out.xml`
/// byte for byte and validates it against `schema`.
pub fn check_built(case: &str, xml: &str, schema: &str) {
    let expected = super::data(&format!("{case}-out.xml"));
    assert_eq!(xml, expected, "{case}: got\n{xml}");
    validate(case, xml, schema);
}

/// The value of a getter that must be present and valid.
#[track_caller]
pub fn get<T>(r: libvirt_gconfig::Result<Option<T>>) -> T {
    r.unwrap().expect("value present")
}

/// A UUID value.
pub fn uuid(s: &str) -> libvirt_gconfig::value::Uuid {
    libvirt_gconfig::value::Uuid::new(s).unwrap()
}

/// Asserts what a getter reads, then calls its setter with a new value:
/// `rw!(view, getter, setter, old, new)` or `rw!(view, getter / setter: old => new)`.
macro_rules! rw {
    ($v:expr, $get:ident / $set:ident : $old:expr => $new:expr) => {{
        assert_eq!($v.$get().unwrap(), $old, stringify!($get));
        $v.$set($new);
    }};
    ($v:expr, $get:ident, $set:ident, $old:expr, $new:expr) => {{
        assert_eq!($v.$get().unwrap(), $old, stringify!($get));
        $v.$set($new);
    }};
}
pub(crate) use rw;

/// `Some(String)`, for the string getters and setters.
pub fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

/// `Some(YesNo(true))`.
pub fn yes() -> Option<libvirt_gconfig::value::YesNo> {
    Some(libvirt_gconfig::value::YesNo(true))
}

/// `Some(OnOff(true))`.
pub fn on() -> Option<libvirt_gconfig::value::OnOff> {
    Some(libvirt_gconfig::value::OnOff(true))
}
