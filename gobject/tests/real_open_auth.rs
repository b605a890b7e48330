//! A credential handler on connections to the real libvirtd that need no credentials
//! (`qemu:///system` as root, `qemu+tcp://127.0.0.1/system` with `auth_tcp = "none"`):
//! the open goes through `virConnectOpenAuth`, succeeds, and never asks.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{init, run, strict};
use libvirt_gobject::Connection;

fn open_with_handler(uri: &str) -> Option<(Connection, Rc<Cell<u32>>)> {
    init();
    let conn = Connection::new(uri);
    let asked = Rc::new(Cell::new(0));
    let a = asked.clone();
    conn.set_credential_handler(move |_, _, reply| {
        a.set(a.get() + 1);
        reply.cancel();
    });
    match run(60, conn.open_future()) {
        Ok(()) => Some((conn, asked)),
        Err(e) if !strict() => {
            eprintln!("\n*** SKIPPING: cannot open {uri}: {e} ***\n");
            None
        }
        Err(e) => panic!("cannot open {uri}: {e}"),
    }
}

#[test]
fn local_and_tcp_opens_with_a_handler_never_ask() {
    for uri in ["qemu:///system", "qemu+tcp://127.0.0.1/system"] {
        let Some((conn, asked)) = open_with_handler(uri) else {
            continue;
        };
        assert!(conn.is_open(), "{uri}");
        assert_eq!(asked.get(), 0, "{uri}: no credentials needed, none asked");
        run(30, conn.close_future()).unwrap();
    }
}
