//! The sidebar through a libvirtd restart: a private libvirtd (its own socket directory,
//! no driver modules: only libvirt's built-in test driver, so it touches nothing of the
//! shared daemon) serves the demo host over `test+unix://`. Killed, the connection shows
//! "Reconnecting…" and keeps its machines; while the new daemon is frozen (SIGSTOP) a
//! reconnect attempt hangs in a worker thread and the main loop keeps running; once it
//! answers, the connection is "Connected" again with the same list.

mod common;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use adw::prelude::*;
use common::*;
use relm4::prelude::*;
use viewer::backend::ConnState;
use viewer::App;

/// A libvirtd of our own, killed on drop.
struct PrivateLibvirtd {
    dir: PathBuf,
    child: Option<Child>,
}

impl PrivateLibvirtd {
    fn socket(&self) -> PathBuf {
        self.dir.join("sock/libvirt-sock")
    }

    /// Writes the config (own sockets, no TCP, no auth: it listens on a private path
    /// only) and an empty driver-module directory.
    fn new(dir: &Path) -> Self {
        std::fs::create_dir_all(dir.join("sock")).expect("socket dir");
        std::fs::create_dir_all(dir.join("no-drivers")).expect("driver dir");
        let conf = format!(
            "unix_sock_dir = \"{sock}\"\nlisten_tcp = 0\nlisten_tls = 0\n\
             auth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n\
             log_outputs = \"3:file:{log}\"\n",
            sock = dir.join("sock").display(),
            log = dir.join("libvirtd.log").display(),
        );
        std::fs::write(dir.join("libvirtd.conf"), conf).expect("config written");
        PrivateLibvirtd {
            dir: dir.to_owned(),
            child: None,
        }
    }

    /// Starts it and waits until it listens.
    fn start(&mut self) {
        let _ = std::fs::remove_file(self.socket());
        let bin = ["/usr/sbin/libvirtd", "/usr/bin/libvirtd"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .unwrap_or("libvirtd");
        let child = Command::new(bin)
            .arg("-f")
            .arg(self.dir.join("libvirtd.conf"))
            .arg("-p")
            .arg(self.dir.join("libvirtd.pid"))
            // No driver modules: no QEMU, network or storage driver state is touched.
            .env("LIBVIRT_DRIVER_DIR", self.dir.join("no-drivers"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("libvirtd started");
        self.child = Some(child);
        let end = Instant::now() + Duration::from_secs(20);
        // Listening (a connection is accepted into the backlog even when it is stopped).
        while std::os::unix::net::UnixStream::connect(self.socket()).is_err() {
            assert!(Instant::now() < end, "private libvirtd does not listen");
            settle(20);
        }
    }

    fn pid(&self) -> i32 {
        self.child.as_ref().expect("running").id() as i32
    }

    fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's PID.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0);
    }

    /// SIGKILL, and reaps it.
    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for PrivateLibvirtd {
    fn drop(&mut self) {
        if self.child.is_some() {
            self.signal(libc::SIGCONT);
        }
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether this machine can run a private libvirtd (root and the binary); under
/// `CI=true` it must.
fn can_run() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let bin = Path::new("/usr/sbin/libvirtd").exists() || Path::new("/usr/bin/libvirtd").exists();
    if root && bin {
        return true;
    }
    assert!(
        !guest::strict(),
        "a private libvirtd needs root and libvirtd"
    );
    eprintln!("\n*** SKIPPING: a private libvirtd needs root and libvirtd ***\n");
    false
}

fn names(app: &Controller<App>) -> Vec<String> {
    let mut v: Vec<String> = shown(app).iter().map(|r| r.dom().name()).collect();
    v.sort();
    v
}

#[gtk::test]
fn sidebar_follows_a_libvirtd_restart_and_the_list_survives() {
    if !can_run() {
        return;
    }
    init();
    let dir = std::env::temp_dir().join(format!("vireo-reconnect-{}", std::process::id()));
    let mut daemon = PrivateLibvirtd::new(&dir);
    daemon.start();
    let node = demo_node("reconnect");
    let uri = format!(
        "test+unix://{}?socket={}",
        node.display(),
        daemon.socket().display()
    );
    let app = launch(&uri);
    let inv = app.model().inventory().clone();
    let state = |want: ConnState| inv.entry(&uri).is_some_and(|e| e.state() == want);
    wait_until(20, "connected", || state(ConnState::Connected));
    // Beside it: the in-process test driver (always connected) and a dead URI.
    let always = "test:///default";
    let dead = format!("qemu+unix:///system?socket={}/none.sock", dir.display());
    activate(&app, "add-connection-uri", Some(&always.to_variant()));
    activate(&app, "add-connection-uri", Some(&dead.to_variant()));
    let state_of = |u: &str, want: ConnState| inv.entry(u).is_some_and(|e| e.state() == want);
    wait_until(20, "dead URI failed", || state_of(&dead, ConnState::Failed));
    let n = node_states(&node).len() + 1;
    wait_loaded(&app, n);
    // Tags come from each machine's XML, read after the rows appear.
    wait_until(20, "tags", || inv.tags().n_items() > 0);
    let tags = inv.tags().n_items();
    let before = names(&app);
    assert_eq!(conn_status(&app, &uri), "Connected");

    // The main loop's longest pause from here on (a 10 ms heartbeat).
    let last = Rc::new(Cell::new(Instant::now()));
    let worst = Rc::new(Cell::new(Duration::ZERO));
    let (l, w) = (last.clone(), worst.clone());
    let beat = glib::timeout_add_local(Duration::from_millis(10), move || {
        let now = Instant::now();
        w.set(w.get().max(now - l.replace(now)));
        glib::ControlFlow::Continue
    });

    // libvirtd dies: "Reconnecting…", the machines stay listed.
    daemon.kill();
    let killed = Instant::now();
    wait_until(10, "reconnecting", || state(ConnState::Reconnecting));
    eprintln!("reconnecting shown {:?} after SIGKILL", killed.elapsed());
    assert!(
        conn_status(&app, &uri).starts_with("Reconnecting…"),
        "{}",
        conn_status(&app, &uri)
    );
    let sidebar: gtk::Box = find(app.widget(), "sidebar").expect("sidebar");
    screenshot(&sidebar, "reconnect-reconnecting");
    // Attempts against the dead socket fail and are retried; the list is kept.
    settle(2500);
    assert!(state(ConnState::Reconnecting));
    let reason = inv.entry(&uri).expect("entry").reason();
    assert!(!reason.is_empty(), "the failed attempt's reason is shown");
    assert!(conn_status(&app, &uri).contains(reason.as_str()));
    assert_eq!(names(&app), before, "the list is kept while reconnecting");
    assert_eq!(inv.tags().n_items(), tags, "and so are the tags");

    // A new libvirtd that does not answer yet: the next attempt hangs in a worker
    // thread, the app does not.
    daemon.start();
    daemon.signal(libc::SIGSTOP);
    worst.set(Duration::ZERO);
    last.set(Instant::now());
    // Meanwhile a new connection to it hangs in "Connecting…": every state at once.
    let other = dir.join("other.xml");
    std::fs::write(
        &other,
        "<node><domain type='test'><name>late-guest</name><memory>65536</memory>\
         <os><type>hvm</type></os></domain></node>",
    )
    .expect("node written");
    let late = format!(
        "test+unix://{}?socket={}",
        other.display(),
        daemon.socket().display()
    );
    activate(&app, "add-connection-uri", Some(&late.to_variant()));
    settle(3500);
    assert!(state(ConnState::Reconnecting));
    assert!(state_of(&late, ConnState::Connecting));
    assert_eq!(conn_status(&app, always), "Connected");
    assert!(conn_status(&app, &uri).starts_with("Reconnecting…"));
    assert_eq!(conn_status(&app, &late), "Connecting…");
    assert!(conn_status(&app, &dead).starts_with("Failed — "));
    screenshot(&sidebar, "connection-states");
    let stall = worst.get();
    eprintln!("longest main-loop pause while a reconnect hung: {stall:?}");
    assert!(
        stall < Duration::from_millis(1000),
        "the main loop froze for {stall:?} while reconnecting"
    );

    // It answers: connected again, same machines.
    daemon.signal(libc::SIGCONT);
    let resumed = Instant::now();
    wait_until(20, "connected again", || state(ConnState::Connected));
    eprintln!("connected {:?} after the daemon resumed", resumed.elapsed());
    wait_until(20, "the new one connected", || {
        state_of(&late, ConnState::Connected)
    });
    beat.remove();
    wait_loaded(&app, n + 1);
    let mut expect = before.clone();
    expect.push("late-guest".to_owned());
    expect.sort();
    assert_eq!(
        names(&app),
        expect,
        "the list is intact after the reconnect"
    );
    assert_eq!(inv.tags().n_items(), tags);
    assert_eq!(conn_status(&app, &uri), "Connected");
    screenshot(&sidebar, "reconnect-connected");
    // And it is live: an action on the reconnected connection works.
    let dom = shown(&app)
        .into_iter()
        .find(|i| i.dom().state() == libvirt_gobject::DomainState::Running)
        .expect("a running machine")
        .dom();
    let name = dom.name();
    let res = Rc::new(Cell::new(None));
    let r = res.clone();
    glib::MainContext::default().spawn_local(async move {
        r.set(Some(dom.suspend_future().await.is_ok()));
    });
    wait_until(10, "suspend", || res.get().is_some());
    assert_eq!(res.get(), Some(true), "suspending {name} after reconnect");
    wait_until(10, "paused state from the event", || {
        row(&app, &name).dom().state() == libvirt_gobject::DomainState::Paused
    });
    app.widget().close();
    drop(daemon);
}
