//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::cell::RefCell;
use std::future::Future;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use glib::prelude::*;

/// Initialises libvirt with its event loop on the default main context.
pub fn init() {
    libvirt_gobject::init().expect("libvirt init");
}

/// Runs `fut` on the default main context (which also runs libvirt's events), failing
/// the test after `secs` seconds.
pub fn run<F: Future>(secs: u64, fut: F) -> F::Output {
    let ctx = glib::MainContext::default();
    ctx.block_on(async move {
        match glib::future_with_timeout(Duration::from_secs(secs), fut).await {
            Ok(v) => v,
            Err(_) => panic!("timed out after {secs} s"),
        }
    })
}

/// Waits (iterating the default main context, i.e. while events are delivered) until
/// `pred` holds, for at most `secs` seconds.
pub async fn until(secs: u64, mut pred: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(secs);
    while !pred() {
        assert!(Instant::now() < end, "condition not met within {secs} s");
        glib::timeout_future(Duration::from_millis(2)).await;
    }
}

/// Lets pending events be delivered for `ms` milliseconds.
pub async fn settle(ms: u64) {
    glib::timeout_future(Duration::from_millis(ms)).await;
}

/// Records signal names (with detail) emitted by a domain, in order.
pub fn record_domain(d: &libvirt_gobject::Domain) -> Rc<RefCell<Vec<String>>> {
    let log = Rc::new(RefCell::new(Vec::new()));
    for sig in [
        "started",
        "stopped",
        "suspended",
        "resumed",
        "pmsuspended",
        "crashed",
        "updated",
    ] {
        let l = log.clone();
        let sig_s = sig.to_owned();
        let id =
            glib::subclass::signal::SignalId::lookup(sig, libvirt_gobject::Domain::static_type())
                .unwrap();
        d.connect_local_id(id, None, false, move |_| {
            // The detail is not passed to handlers: record the plain name.
            l.borrow_mut().push(sig_s.clone());
            None
        });
    }
    let l = log.clone();
    d.connect_notify_local(Some("state"), move |d, _| {
        l.borrow_mut().push(format!("state={:?}", d.state()));
    });
    log
}

/// A UUID for index `i` in a generated node file.
pub fn uuid(kind: u32, i: u32) -> String {
    format!("{kind:08x}-0000-4000-8000-{i:012x}")
}

/// Writes a test-driver `<node>` file with `n` domains (even ones running, odd ones shut
/// off; all shut off with `all_off`), `n / 10` networks and `n / 10` directory pools,
/// and returns its path.
pub fn node_file(n: u32, tag: &str, all_off: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lvg-gobject-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut x = String::from("<node>\n");
    for i in 0..n {
        let runstate = if i % 2 == 0 && !all_off {
            ""
        } else {
            "<test:runstate>5</test:runstate>"
        };
        x += &format!(
            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>dom-{i}</name><uuid>{}</uuid><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>{runstate}</domain>\n",
            uuid(1, i)
        );
    }
    for i in 0..n / 10 {
        x += &format!(
            "<network><name>net-{i}</name><uuid>{}</uuid><bridge name='tbr{i}'/><ip address='10.{}.{}.1' netmask='255.255.255.0'/></network>\n",
            uuid(2, i),
            i / 250,
            i % 250
        );
        let pdir = dir.join(format!("pool-{i}"));
        std::fs::create_dir_all(&pdir).unwrap();
        x += &format!(
            "<pool type='dir'><name>pool-{i}</name><uuid>{}</uuid><target><path>{}</path></target></pool>\n",
            uuid(3, i),
            pdir.display()
        );
    }
    x += "</node>\n";
    let path = dir.join("node.xml");
    std::fs::write(&path, x).unwrap();
    path
}

/// Whether skipping is forbidden (`CI=true`).
pub fn strict() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// The test guest's directory (built by scripts/build-guest.sh).
pub fn guest_dir() -> PathBuf {
    std::env::var_os("LIBVIRT_GLIB_RS_GUEST_DIR")
        .map(Into::into)
        .unwrap_or_else(|| "/var/cache/libvirt-glib-rs/guest/current".into())
}

/// The test guest's XML renamed to `name`, with a private copy of its disk (so snapshots
/// never touch the shared image), or `None` (skipping loudly outside CI).
pub fn guest_xml(name: &str) -> Option<(String, PathBuf)> {
    let dir = guest_dir();
    let xml = match std::fs::read_to_string(dir.join("domain.xml")) {
        Ok(x) => x,
        Err(e) if !strict() => {
            eprintln!(
                "\n*** SKIPPING: no test guest in {} ({e}); run scripts/build-guest.sh ***\n",
                dir.display()
            );
            return None;
        }
        Err(e) => panic!("no test guest in {}: {e}", dir.display()),
    };
    let disk = std::env::temp_dir().join(format!("{name}-{}.qcow2", std::process::id()));
    std::fs::copy(dir.join("disk.qcow2.orig"), &disk).unwrap();
    // QEMU runs as an unprivileged user: let it open the copy.
    let _ = std::process::Command::new("chmod")
        .arg("666")
        .arg(&disk)
        .status();
    let real_dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let xml = xml
        .replace("<name>lvg-guest</name>", &format!("<name>{name}</name>"))
        .replace(
            &format!("{}/disk.qcow2", real_dir.display()),
            &disk.display().to_string(),
        );
    assert!(
        xml.contains(&disk.display().to_string()),
        "disk path not replaced in the guest XML"
    );
    Some((xml, disk))
}

/// Destroys and undefines domain `name` (with snapshot metadata) when dropped, also when
/// the test fails; removes the private disk.
pub struct Cleanup {
    pub uri: &'static str,
    pub name: String,
    pub disk: Option<PathBuf>,
}

impl Cleanup {
    /// Removes leftovers now (e.g. from an aborted earlier run).
    pub fn sweep(&self) {
        if let Ok(c) = virt::connect::Connect::open(Some(self.uri)) {
            if let Ok(d) = c.lookup_domain_by_name(&self.name) {
                let _ = d.destroy();
                let _ = d.undefine_flags(
                    virt_sys::VIR_DOMAIN_UNDEFINE_MANAGED_SAVE
                        | virt_sys::VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA
                        | virt_sys::VIR_DOMAIN_UNDEFINE_NVRAM,
                );
            }
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.sweep();
        if let Some(d) = &self.disk {
            let _ = std::fs::remove_file(d);
        }
    }
}

/// Defines the test guest as `name` on `conn` (at `uri`) through our API and returns it,
/// its cleanup guard first; `None` when there is no test guest (skipped).
pub fn define_guest(
    conn: &libvirt_gobject::Connection,
    uri: &'static str,
    name: &str,
) -> Option<(Cleanup, libvirt_gobject::Domain)> {
    let (xml, disk) = guest_xml(name)?;
    let guard = Cleanup {
        uri,
        name: name.to_owned(),
        disk: Some(disk),
    };
    guard.sweep();
    run(10, until(5, || conn.find_domain_by_name(name).is_none()));
    let d = run(30, conn.create_domain_future(&xml)).expect("the guest is defined");
    Some((guard, d))
}

/// Opens `uri` on the default main context, or returns `None` (skipping loudly) when it
/// cannot be opened and `CI` is not `true`.
pub fn open_or_skip(uri: &str) -> Option<libvirt_gobject::Connection> {
    init();
    let conn = libvirt_gobject::Connection::new(uri);
    match run(30, conn.open_future()) {
        Ok(()) => Some(conn),
        Err(e) if !strict() => {
            eprintln!("\n*** SKIPPING: cannot open {uri}: {e} ***\n");
            None
        }
        Err(e) => panic!("cannot open {uri}: {e}"),
    }
}

/// Reads a console stream into the returned buffer in the background until the stream
/// fails or closes.
pub fn spawn_reader(stream: &libvirt_gobject::Stream) -> Rc<RefCell<String>> {
    use gio::prelude::*;
    let out = Rc::new(RefCell::new(String::new()));
    let o = out.clone();
    let input = stream.input_stream();
    glib::MainContext::default().spawn_local(async move {
        loop {
            match input
                .read_future(vec![0u8; 4096], glib::Priority::DEFAULT)
                .await
            {
                Ok((buf, n)) if n > 0 => {
                    o.borrow_mut().push_str(&String::from_utf8_lossy(&buf[..n]))
                }
                _ => break,
            }
        }
    });
    out
}

/// Sends `text` on a console stream until `want` appears in what [`spawn_reader`]
/// collected after the call began (or fails after `secs`).
pub async fn send_until(
    stream: &libvirt_gobject::Stream,
    seen: &Rc<RefCell<String>>,
    text: &str,
    want: &str,
    secs: u64,
) {
    try_send_until(stream, seen, text, want, secs)
        .await
        .unwrap();
}

/// [`send_until`], returning the error when the stream cannot be written (e.g. after
/// libvirtd restarted) instead of failing.
pub async fn try_send_until(
    stream: &libvirt_gobject::Stream,
    seen: &Rc<RefCell<String>>,
    text: &str,
    want: &str,
    secs: u64,
) -> Result<(), glib::Error> {
    use gio::prelude::*;
    let out = stream.output_stream();
    let end = Instant::now() + Duration::from_secs(secs);
    let from = seen.borrow().len();
    loop {
        out.write_all_future(text.as_bytes().to_vec(), glib::Priority::DEFAULT)
            .await
            .map_err(|(_, e)| e)?;
        for _ in 0..25 {
            if seen.borrow()[from..].contains(want) {
                return Ok(());
            }
            glib::timeout_future(Duration::from_millis(20)).await;
        }
        assert!(
            Instant::now() < end,
            "no {want:?} on the console; got {:?}",
            seen.borrow()
        );
    }
}
