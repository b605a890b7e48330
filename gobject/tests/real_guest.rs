//! Against the real libvirtd (`qemu:///system`) and the test guest.
#![allow(clippy::unwrap_used)]

mod common;

use libvirt_gobject::Connection;

/// Opens `qemu:///system`, or returns `None` (skipping loudly) when libvirtd is not
/// reachable and `CI` is not `true`.
fn system() -> Option<Connection> {
    common::init();
    let conn = Connection::new("qemu:///system");
    match common::run(30, conn.open_future()) {
        Ok(()) => Some(conn),
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("\n*** SKIPPING: cannot open qemu:///system: {e} ***\n");
            None
        }
        Err(e) => panic!("cannot open qemu:///system: {e}"),
    }
}

#[test]
fn opens_the_system_connection() {
    let Some(conn) = system() else { return };
    assert!(conn.is_open());
    assert_eq!(
        common::run(10, conn.hypervisor_name_future()).unwrap(),
        "QEMU"
    );
}
