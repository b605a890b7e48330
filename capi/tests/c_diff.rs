//! Differential C tests: the programs in capi/tests/c/ are built against the C
//! libvirt-glib (its installed headers, .pc files and libraries) and against ours, run
//! on libvirt's test driver, and must print the same thing. Ours then runs under
//! valgrind memcheck: no invalid access, no definite leak.

mod common;

use std::process::Command;

const PKGS: [&str; 3] = [
    "libvirt-glib-1.0",
    "libvirt-gconfig-1.0",
    "libvirt-gobject-1.0",
];
const PROGRAMS: [&str; 4] = [
    "glib_errors",
    "gobject_sync",
    "gobject_async",
    "gobject_properties",
];

#[test]
fn c_programs_match_the_c_library_and_run_clean_under_valgrind() {
    let dir = common::capi_dir();
    let valgrind = common::have("valgrind", &["--version"]);
    let tmp = std::env::temp_dir().join(format!("capi-cdiff-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    for prog in PROGRAMS {
        let src = common::top().join(format!("capi/tests/c/{prog}.c"));
        let c_exe = tmp.join(format!("{prog}-c"));
        let rs_exe = tmp.join(format!("{prog}-rs"));
        common::build_c(&src, &c_exe, None, &PKGS);
        common::build_c(&src, &rs_exe, Some(&dir.join("lib/pkgconfig")), &PKGS);

        let c_out = Command::new(&c_exe)
            .env_remove("LD_LIBRARY_PATH")
            .output()
            .expect("run C");
        assert!(c_out.status.success(), "{prog} on the C library failed");
        let mut ours = Command::new(&rs_exe);
        common::with_env(&mut ours, &dir);
        let rs_out = ours.output().expect("run ours");
        assert!(
            rs_out.status.success(),
            "{prog} on ours failed: {}",
            String::from_utf8_lossy(&rs_out.stderr)
        );
        let (c_text, rs_text) = (
            String::from_utf8_lossy(&c_out.stdout),
            String::from_utf8_lossy(&rs_out.stdout),
        );
        println!("== {prog}\n{rs_text}");
        assert!(
            c_text.lines().count() >= 5,
            "{prog}: too little output:\n{c_text}"
        );
        assert_eq!(
            c_text, rs_text,
            "{prog}: output differs from the C library's"
        );

        // Our build resolved to our library.
        let ldd = Command::new("ldd")
            .arg(&rs_exe)
            .env("LD_LIBRARY_PATH", dir.join("lib"))
            .output()
            .expect("ldd");
        assert!(
            String::from_utf8_lossy(&ldd.stdout).contains(&dir.join("lib").display().to_string())
        );

        if valgrind {
            assert_eq!(
                common::valgrind_clean(&rs_exe, &[], &dir),
                c_text,
                "{prog}: output under valgrind"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
