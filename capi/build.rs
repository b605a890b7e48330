//! Compiles the C half of the ABI: the variadic functions (`gvir_error_new`,
//! `gvir_set_error`, `gvir_critical`, `gvir_warning`, ...) that stable Rust cannot define.
//! They format their message and call the Rust `*_literal` functions.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=c/varargs.c");
    // scripts/build-capi.sh links with a version script written from the table: a
    // changed table must relink the library, which cargo does not see on its own.
    println!("cargo:rerun-if-changed=api");
    let cflags = Command::new("pkg-config")
        .args(["--cflags", "glib-2.0"])
        .output()
        .expect("pkg-config is installed (scripts/install-deps.sh)");
    let cflags = String::from_utf8_lossy(&cflags.stdout).into_owned();
    let mut build = cc::Build::new();
    build.file("c/varargs.c").warnings(true);
    for flag in cflags.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-I") {
            build.include(dir);
        } else {
            build.flag(flag);
        }
    }
    // Nothing in Rust calls these functions, so link every object of the archive
    // (otherwise the linker leaves them out and they are not exported).
    build.cargo_metadata(false).compile("capi_varargs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rustc-link-search=native={out}");
    println!("cargo:rustc-link-lib=static:+whole-archive=capi_varargs");
}
