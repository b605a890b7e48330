//! Compiles the GResources and the GSettings schema (so `cargo run` works without
//! installing anything).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    glib_build_tools::compile_resources(
        &["../data/resources"],
        "../data/resources/resources.gresource.xml",
        "vireo.gresource",
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let schemas = out.join("schemas");
    std::fs::create_dir_all(&schemas).expect("OUT_DIR is writable");
    let schema = "../data/org.libvirtglib.Vireo.gschema.xml";
    std::fs::copy(schema, schemas.join("org.libvirtglib.Vireo.gschema.xml"))
        .expect("the schema file exists");
    let status = Command::new("glib-compile-schemas")
        .arg("--strict")
        .arg(&schemas)
        .status()
        .expect("glib-compile-schemas (libglib2.0-bin) is installed");
    assert!(status.success(), "glib-compile-schemas failed");
    println!("cargo:rerun-if-changed={schema}");
    println!("cargo:rerun-if-changed=../data/demo-host.xml");
}
