//! Credentials remembered in a keyring through the Secret Service D-Bus API: a private
//! session bus with its own GNOME Keyring (fresh, unlocked "login" collection in a temp
//! home). Asked to, the dialog's answers are stored once the connection opens; the next
//! open is answered from the keyring without a dialog; answers the host refuses are
//! forgotten and the user is asked again.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use adw::prelude::*;
use common::*;
use relm4::prelude::*;
use viewer::backend::secrets::SecretStore;
use viewer::backend::ConnState;
use viewer::modals::credentials;
use viewer::{App, AppInit, StartMode};

const USER_PROMPT: &str = "Enter username for localhost";
const PASSWORD_PROMPT: &str = "Enter alice's password for localhost";

/// A session bus and a keyring daemon of our own, stopped on drop.
struct Keyring {
    dir: PathBuf,
    children: Vec<Child>,
    address: String,
}

impl Drop for Keyring {
    fn drop(&mut self) {
        for c in self.children.iter_mut().rev() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Keyring {
    /// Starts both, or `None` (skip; fails under `CI=true`) when they are not installed.
    fn start() -> Option<Keyring> {
        let have = |b: &str| Path::new("/usr/bin").join(b).exists();
        if !have("dbus-daemon") || !have("gnome-keyring-daemon") {
            assert!(
                !guest::strict(),
                "dbus-daemon and gnome-keyring-daemon are needed"
            );
            eprintln!("\n*** SKIPPING: no dbus-daemon or gnome-keyring-daemon ***\n");
            return None;
        }
        let dir = std::env::temp_dir().join(format!("vireo-keyring-{}", std::process::id()));
        let home = dir.join("home");
        let run = dir.join("run");
        std::fs::create_dir_all(&home).expect("home");
        std::fs::create_dir_all(&run).expect("runtime dir");
        let _ = Command::new("chmod").arg("700").arg(&run).status();
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon started");
        let mut line = String::new();
        BufReader::new(bus.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("bus address");
        let address = line.trim().to_owned();
        assert!(address.starts_with("unix:"), "bus address {address:?}");
        let mut keyring = Keyring {
            dir: dir.clone(),
            children: vec![bus],
            address: address.clone(),
        };
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--foreground"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_RUNTIME_DIR", &run)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon started");
        // The new login keyring's password, on stdin.
        let mut stdin = daemon.stdin.take().expect("piped");
        stdin.write_all(b"test-keyring").expect("password written");
        drop(stdin);
        keyring.children.push(daemon);
        Some(keyring)
    }
}

/// Runs `fut` on the main context (iterating it) and returns its output.
fn block<T: 'static>(fut: impl std::future::Future<Output = T> + 'static) -> T {
    let out = std::rc::Rc::new(std::cell::RefCell::new(None));
    let o = out.clone();
    glib::MainContext::default().spawn_local(async move {
        o.replace(Some(fut.await));
    });
    wait_until(20, "the keyring call", || out.borrow().is_some());
    out.take().expect("finished")
}

fn auth_uri(tag: &str) -> String {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/auth-host.xml");
    let dir = std::env::temp_dir().join(format!("vireo-krauth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dst = dir.join(format!("{tag}.xml"));
    std::fs::copy(src, &dst).expect("node file copied");
    format!("test://{}", dst.display())
}

/// Answers the open dialog's single field, switching "remember" to `remember`.
fn answer(value: &str, remember: bool, shot: Option<&str>) {
    let d = dialog(credentials::DIALOG_NAME);
    assert!(
        d.body().contains("keyring"),
        "the dialog says where answers may go: {}",
        d.body()
    );
    let row: adw::EntryRow = find(&d, &credentials::row_name(0)).expect("field");
    row.set_text(value);
    let switch: gtk::Switch = find(&d, credentials::REMEMBER_NAME).expect("remember switch");
    assert!(!switch.is_active(), "remembering is off unless asked");
    switch.set_active(remember);
    if let Some(name) = shot {
        screenshot(&d, name);
    }
    d.response("connect");
    d.close();
    wait_until(5, "the dialog to close", || !d.is_visible());
}

fn no_dialog_open() -> bool {
    gtk::Window::list_toplevels()
        .into_iter()
        .filter_map(|w| w.downcast::<adw::MessageDialog>().ok())
        .all(|d| !d.is_visible())
}

#[gtk::test]
fn remembered_answers_open_without_asking_and_refused_ones_are_forgotten() {
    let Some(keyring) = Keyring::start() else {
        return;
    };
    // SAFETY: set before anything in this process uses the session bus; this test
    // binary has one test.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &keyring.address) };
    init();
    // Never the user's own keyring: the session bus this process uses is ours.
    let bus = block(gio::bus_get_future(gio::BusType::Session)).expect("session bus");
    let guid = keyring
        .address
        .split(',')
        .find_map(|kv| kv.strip_prefix("guid="))
        .expect("the address names the bus guid");
    assert_eq!(
        bus.guid(),
        guid,
        "the test must use its private session bus"
    );
    let mut store = None;
    wait_until(20, "the Secret Service", || {
        store = block(SecretStore::open()).ok();
        store.is_some()
    });
    let store = store.expect("opened");

    let uri = auth_uri("keyring");
    let app = App::builder()
        .launch(AppInit {
            start: StartMode::Uris(vec![uri.clone()]),
            ready_line: false,
            quit_after_ready: false,
            use_settings: false,
            use_keyring: true,
        })
        .detach();
    app.widget().present();
    let inv = app.model().inventory().clone();
    let state = |want: ConnState| inv.entry(&uri).is_some_and(|e| e.state() == want);

    // Asked, with "remember" on: stored once the connection opened.
    answer("alice", true, Some("credentials-keyring"));
    answer("secret", true, None);
    wait_until(10, "connected", || state(ConnState::Connected));
    let (u, s) = (uri.clone(), store.clone());
    wait_until(10, "remembered", || {
        let (u, s) = (u.clone(), s.clone());
        block(async move { s.lookup(&u, PASSWORD_PROMPT).await }).is_some()
    });
    let (u, s) = (uri.clone(), store.clone());
    assert_eq!(
        block(async move { s.lookup(&u, USER_PROMPT).await }).as_deref(),
        Some("alice")
    );

    // Opened again: answered from the keyring, no dialog.
    activate(&app, "remove-connection", Some(&uri.to_variant()));
    wait_until(5, "removed", || inv.entry(&uri).is_none());
    activate(&app, "add-connection-uri", Some(&uri.to_variant()));
    wait_until(10, "connected from the keyring", || {
        assert!(no_dialog_open(), "remembered answers need no dialog");
        state(ConnState::Connected)
    });
    wait_loaded(&app, 2);

    // The host now refuses the remembered password: failed, forgotten, asked again.
    let (u, s) = (uri.clone(), store.clone());
    block(async move { s.store(&u, PASSWORD_PROMPT, "stale").await }).expect("stored");
    activate(&app, "remove-connection", Some(&uri.to_variant()));
    wait_until(5, "removed", || inv.entry(&uri).is_none());
    activate(&app, "add-connection-uri", Some(&uri.to_variant()));
    wait_until(10, "refused", || state(ConnState::Failed));
    assert!(conn_status(&app, &uri).contains("authentication failed"));
    let (u, s) = (uri.clone(), store.clone());
    wait_until(10, "forgotten", || {
        let (u, s) = (u.clone(), s.clone());
        block(async move { s.lookup(&u, USER_PROMPT).await }).is_none()
    });
    inv.retry(&uri);
    answer("alice", false, None);
    answer("secret", false, None);
    wait_until(10, "connected after asking", || state(ConnState::Connected));
    settle(300);
    let (u, s) = (uri.clone(), store.clone());
    assert_eq!(
        block(async move { s.lookup(&u, PASSWORD_PROMPT).await }),
        None,
        "not remembered when not asked to"
    );
    app.widget().close();
    drop(keyring);
}
