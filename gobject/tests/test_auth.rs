//! Opening a connection that asks for credentials (`virConnectOpenAuth`), on libvirt's
//! test driver with `data/auth-host.xml` (user `alice`, password `secret`): right
//! answers open it, wrong ones fail with libvirt's authentication error, a cancelled or
//! dropped reply and a missing handler fail cleanly, and the main context keeps running
//! while the worker thread waits for an answer.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use common::{init, run};
use libvirt_gobject::{Connection, CredentialRequest, CredentialType};

/// The URI of a private copy of the node file (each test its own).
fn auth_uri(tag: &str) -> String {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/auth-host.xml");
    let dir = std::env::temp_dir().join(format!("lvg-auth-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dst = dir.join("node.xml");
    std::fs::copy(src, &dst).unwrap();
    format!("test://{}", dst.display())
}

/// A handler answering `user`/`password` by request kind, recording every round.
fn answering(
    conn: &Connection,
    user: &'static str,
    password: &'static str,
) -> Rc<RefCell<Vec<Vec<CredentialRequest>>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    conn.set_credential_handler(move |_, requests, reply| {
        let values: Vec<&str> = requests
            .iter()
            .map(|r| if r.kind.is_secret() { password } else { user })
            .collect();
        s.borrow_mut().push(requests);
        reply.answer(values);
    });
    seen
}

fn code(e: &glib::Error) -> Option<libvirt_glib::ErrorCode> {
    e.kind::<libvirt_glib::ErrorCode>()
}

#[test]
fn right_credentials_open_and_list_the_domains() {
    init();
    let conn = Connection::new(&auth_uri("right"));
    let seen = answering(&conn, "alice", "secret");
    run(30, conn.open_future()).unwrap();
    assert!(conn.is_open());
    let mut names: Vec<String> = conn.domains().iter().map(|d| d.name()).collect();
    names.sort();
    assert_eq!(names, ["vault-backup", "vault-db"]);
    // The test driver asks for the user name, then for that user's password.
    let seen = seen.borrow();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].len(), 1);
    assert_eq!(seen[0][0].kind, CredentialType::Authname);
    assert!(seen[0][0].prompt.contains("username"), "{:?}", seen[0][0]);
    assert_eq!(seen[1][0].kind, CredentialType::Passphrase);
    assert!(seen[1][0].prompt.contains("alice"), "{:?}", seen[1][0]);
}

#[test]
fn wrong_password_fails_with_libvirts_auth_error() {
    init();
    let conn = Connection::new(&auth_uri("wrong"));
    answering(&conn, "alice", "not-the-password");
    let e = run(30, conn.open_future()).unwrap_err();
    assert_eq!(code(&e), Some(libvirt_glib::ErrorCode::AuthFailed), "{e}");
    assert!(e.message().contains("authentication failed"), "{e}");
    assert!(!conn.is_open());
    // The right answers open the same connection object afterwards.
    answering(&conn, "alice", "secret");
    run(30, conn.open_future()).unwrap();
    assert_eq!(conn.domains().len(), 2);
}

#[test]
fn cancelled_or_dropped_reply_fails_cleanly() {
    init();
    let conn = Connection::new(&auth_uri("cancel"));
    conn.set_credential_handler(|_, _, reply| reply.cancel());
    let e = run(30, conn.open_future()).unwrap_err();
    assert_eq!(
        code(&e),
        Some(libvirt_glib::ErrorCode::AuthCancelled),
        "{e}"
    );
    assert!(e.message().ends_with("authentication cancelled"), "{e}");

    // A dialog destroyed without an answer drops its reply: same clean failure.
    conn.set_credential_handler(|_, _, reply| drop(reply));
    let e = run(30, conn.open_future()).unwrap_err();
    assert_eq!(code(&e), Some(libvirt_glib::ErrorCode::AuthCancelled));
    // The wrong number of answers cancels too.
    conn.set_credential_handler(|_, _, reply| reply.answer(["a", "b", "c"]));
    let e = run(30, conn.open_future()).unwrap_err();
    assert_eq!(code(&e), Some(libvirt_glib::ErrorCode::AuthCancelled));
    assert!(!conn.is_open());
}

#[test]
fn no_handler_fails_with_libvirts_missing_credentials_error() {
    init();
    let conn = Connection::new(&auth_uri("none"));
    let e = run(30, conn.open_future()).unwrap_err();
    // libvirt's own error: the driver needs credentials and has no way to ask.
    assert_eq!(code(&e), Some(libvirt_glib::ErrorCode::InvalidArg), "{e}");
    assert!(
        e.message().contains("Missing authentication credentials"),
        "{e}"
    );
    assert!(e.message().starts_with("opening test://"), "{e}");
    // Clearing a handler goes back to that.
    answering(&conn, "alice", "secret");
    conn.clear_credential_handler();
    assert!(run(30, conn.open_future()).is_err());
}

#[test]
fn a_late_answer_keeps_the_main_context_running() {
    init();
    let conn = Connection::new(&auth_uri("late"));
    // Answers 300 ms after being asked, from a timeout on the main context, as a
    // dialog would.
    conn.set_credential_handler(|_, requests, reply| {
        let values: Vec<String> = requests
            .iter()
            .map(|r| {
                if r.kind.is_secret() {
                    "secret"
                } else {
                    "alice"
                }
                .to_owned()
            })
            .collect();
        glib::timeout_add_local_once(Duration::from_millis(300), move || reply.answer(values));
    });
    let ticks = Rc::new(Cell::new(0u32));
    let t = ticks.clone();
    let tick = glib::timeout_add_local(Duration::from_millis(10), move || {
        t.set(t.get() + 1);
        glib::ControlFlow::Continue
    });
    run(30, conn.open_future()).unwrap();
    tick.remove();
    assert_eq!(conn.domains().len(), 2);
    // Two rounds of 300 ms each: the 10 ms timer kept firing meanwhile.
    assert!(
        ticks.get() >= 30,
        "main context stalled: {} ticks",
        ticks.get()
    );
}

#[test]
fn the_blocking_variant_asks_the_handler_too() {
    init();
    let conn = Connection::new(&auth_uri("blocking"));
    let seen = answering(&conn, "alice", "secret");
    conn.open().unwrap();
    assert_eq!(conn.domains().len(), 2);
    assert_eq!(seen.borrow().len(), 2);
}

/// A `tracing` layer keeping the names of the libvirt call spans and the `error` values
/// recorded on them.
#[derive(Clone, Default)]
struct Calls(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Calls {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _id: &tracing::span::Id,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        if attrs.metadata().target() == libvirt_gobject::trace::CALL_TARGET {
            self.0
                .lock()
                .unwrap()
                .push(attrs.metadata().name().to_owned());
        }
    }
    fn on_record(
        &self,
        _id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        struct V<'a>(&'a Calls);
        impl tracing::field::Visit for V<'_> {
            fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                if f.name() == "error" {
                    self.0 .0.lock().unwrap().push(format!("error={v:?}"));
                }
            }
            fn record_str(&mut self, f: &tracing::field::Field, v: &str) {
                if f.name() == "error" {
                    self.0 .0.lock().unwrap().push(format!("error={v}"));
                }
            }
        }
        values.record(&mut V(self));
    }
}

#[test]
fn the_open_is_traced_as_virconnectopenauth() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::Layer;
    let calls = Calls::default();
    // Each test runs in its own process (nextest): a global subscriber is fine here.
    tracing::subscriber::set_global_default(
        tracing_subscriber::registry().with(
            calls
                .clone()
                .with_filter(tracing_subscriber::filter::LevelFilter::DEBUG),
        ),
    )
    .unwrap();
    init();
    let conn = Connection::new(&auth_uri("trace"));
    answering(&conn, "alice", "wrong");
    assert!(run(30, conn.open_future()).is_err());
    let seen = calls.0.lock().unwrap().clone();
    assert_eq!(
        seen[..2],
        ["virConnectOpenAuth", "error=VIR_ERR_AUTH_FAILED"],
        "{seen:?}"
    );
}
