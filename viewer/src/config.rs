//! Build-time configuration: application id, version, paths (plain `cargo build`
//! works: every value has a default).

/// The application id (D-Bus name, desktop file, GSettings schema id).
pub const APP_ID: &str = "org.libvirtglib.Vireo";
/// The application's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The gettext domain.
pub const GETTEXT_PACKAGE: &str = "vireo";
/// Where compiled translations are looked up (`VIREO_LOCALEDIR` at build time, else
/// the system locale dir).
pub const LOCALEDIR: &str = match option_env!("VIREO_LOCALEDIR") {
    Some(d) => d,
    None => "/usr/share/locale",
};
/// The GSettings schemas compiled by `build.rs` (used when the schema is not installed).
pub const BUILD_SCHEMA_DIR: &str = concat!(env!("OUT_DIR"), "/schemas");
/// The GResource base path.
pub const RESOURCE_BASE: &str = "/org/libvirtglib/Vireo";
/// The bundled demo host: a `<node>` file for libvirt's test driver.
pub const DEMO_HOST_XML: &str = include_str!("../../data/demo-host.xml");
