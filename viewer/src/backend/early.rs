//! Connections opened before the window exists.
//!
//! Opening a connection is mostly libvirt's own work on a worker thread (for the test
//! driver, parsing the whole `<node>` file; for a daemon, the handshake and the first
//! listing). [`open_early`] starts it for the URIs given on the command line before GTK
//! is initialised, so that it runs while the window is being built; the
//! [`Inventory`](super::Inventory) then [takes over](take) the connection and the result
//! of that open instead of opening it again.
//!
//! libvirt may ask for credentials during such an open: the questions wait until the
//! inventory has taken the connection over and hands them to its own handler.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use libvirt_gobject::{Connection, CredentialReply, CredentialRequest};

/// Who answers libvirt's questions for a connection.
pub type CredentialHandler = Rc<dyn Fn(&Connection, Vec<CredentialRequest>, CredentialReply)>;

/// Where the questions of an early open go: the inventory's handler once it is there;
/// until then they wait.
#[derive(Default)]
struct Asks {
    handler: Option<CredentialHandler>,
    waiting: Vec<(Vec<CredentialRequest>, CredentialReply)>,
}

/// A connection whose open was started before the inventory existed.
pub struct EarlyOpen {
    /// The connection (its open is running or done).
    pub conn: Connection,
    /// The result of that open.
    pub opened: oneshot::Receiver<Result<(), glib::Error>>,
    asks: Rc<RefCell<Asks>>,
}

impl EarlyOpen {
    /// Hands libvirt's questions (those already asked, and any later ones of this open)
    /// to `handler`.
    pub fn answer_with(&self, handler: CredentialHandler) {
        let waiting = {
            let mut a = self.asks.borrow_mut();
            a.handler = Some(handler.clone());
            std::mem::take(&mut a.waiting)
        };
        for (requests, reply) in waiting {
            handler(&self.conn, requests, reply);
        }
    }
}

thread_local! {
    static EARLY: RefCell<HashMap<String, EarlyOpen>> = RefCell::default();
}

/// Starts opening each of `uris` now (on the default main context, whose first
/// iteration hands the open to a worker thread); returns the connections started.
/// Needs [`crate::init_libvirt`].
pub fn open_early(uris: &[String]) -> Vec<Connection> {
    let ctx = glib::MainContext::default();
    let mut started = Vec::new();
    for uri in uris {
        if EARLY.with(|e| e.borrow().contains_key(uri)) {
            continue;
        }
        let conn = Connection::new(uri);
        let asks: Rc<RefCell<Asks>> = Rc::default();
        let a = asks.clone();
        conn.set_credential_handler(move |c, requests, reply| {
            let handler = a.borrow().handler.clone();
            match handler {
                Some(h) => h(c, requests, reply),
                None => a.borrow_mut().waiting.push((requests, reply)),
            }
        });
        started.push(conn.clone());
        let (tx, opened) = oneshot::channel();
        let open = conn.open_future();
        ctx.spawn_local(async move {
            let _ = tx.send(open.await);
        });
        EARLY.with(|e| {
            e.borrow_mut()
                .insert(uri.clone(), EarlyOpen { conn, opened, asks })
        });
    }
    // Polls the opens once: each submits its blocking part to a worker thread.
    while ctx.iteration(false) {}
    started
}

/// The early open of `uri`, if [`open_early`] started one (taken: asked only once).
pub fn take(uri: &str) -> Option<EarlyOpen> {
    EARLY.with(|e| e.borrow_mut().remove(uri))
}
