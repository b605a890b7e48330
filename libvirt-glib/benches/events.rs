//! Our GLib event implementation vs libvirt's default one
//! (`virEventRegisterDefaultImpl` + `virEventRunDefaultImpl`), on the same workloads,
//! side by side in one run:
//!
//! - `pipe`: a pipe handle made readable N times (the callback reads the byte and writes
//!   the next one): handle events dispatched per second;
//! - `latency`: another thread writes a byte and waits for the callback: per-event
//!   latency (median and 99th percentile);
//! - `timer0`: a timeout of 0 ms firing N times: timer events per second;
//! - `timers`: N timeouts added at once, each removing itself when it fires: per second;
//! - `idle`: wake-ups per second of the loop thread with an open `qemu:///system`
//!   connection and a 5 s keepalive (only what keepalive needs), when libvirtd runs.
//!
//! libvirt has one event implementation per process, so each measurement runs in a child
//! process of this binary; the two implementations alternate, ROUNDS times, and the
//! median is printed.
//!
//! ```text
//! cargo bench -p libvirt-glib --bench events [-- --rounds 5 --n 200000]
//! ```

use std::os::raw::{c_int, c_void};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Impl {
    Glib,
    Default,
}

impl Impl {
    fn name(self) -> &'static str {
        match self {
            Impl::Glib => "glib",
            Impl::Default => "default",
        }
    }
}

/// The event loop thread of the child process.
struct Loop {
    stop: Arc<AtomicBool>,
    tid: Arc<AtomicI32>,
    thread: Option<std::thread::JoinHandle<()>>,
    ctx: Option<glib::MainContext>,
}

impl Loop {
    fn start(which: Impl) -> Loop {
        libvirt_glib::init().expect("libvirt init");
        let stop = Arc::new(AtomicBool::new(false));
        let tid = Arc::new(AtomicI32::new(0));
        let (s, t) = (stop.clone(), tid.clone());
        match which {
            Impl::Glib => {
                let ctx = glib::MainContext::new();
                libvirt_glib::event_register_on(&ctx).expect("register");
                let c = ctx.clone();
                let thread = std::thread::spawn(move || {
                    // SAFETY: gettid(2) has no preconditions.
                    t.store(unsafe { libc::gettid() }, Ordering::SeqCst);
                    let _guard = c.acquire().expect("acquire");
                    while !s.load(Ordering::SeqCst) {
                        c.iteration(true);
                    }
                });
                Loop {
                    stop,
                    tid,
                    thread: Some(thread),
                    ctx: Some(ctx),
                }
            }
            Impl::Default => {
                // SAFETY: registers libvirt's own poll-based implementation.
                assert_eq!(unsafe { virt_sys::virEventRegisterDefaultImpl() }, 0);
                let thread = std::thread::spawn(move || {
                    // SAFETY: gettid(2) has no preconditions.
                    t.store(unsafe { libc::gettid() }, Ordering::SeqCst);
                    while !s.load(Ordering::SeqCst) {
                        // SAFETY: runs one iteration of libvirt's default loop.
                        unsafe { virt_sys::virEventRunDefaultImpl() };
                    }
                });
                Loop {
                    stop,
                    tid,
                    thread: Some(thread),
                    ctx: None,
                }
            }
        }
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the loop: a 0 ms timeout makes any implementation iterate.
        // SAFETY: static callback, no data.
        let t = unsafe {
            virt_sys::virEventAddTimeout(0, Some(noop_timer), std::ptr::null_mut(), None)
        };
        if let Some(ctx) = &self.ctx {
            ctx.wakeup();
        }
        if let Some(th) = self.thread.take() {
            let _ = th.join();
        }
        // SAFETY: removes the timeout added above.
        unsafe { virt_sys::virEventRemoveTimeout(t) };
    }
}

unsafe extern "C" fn noop_timer(_t: c_int, _d: *mut c_void) {}

// ----- workloads (child side) -----

static COUNT: AtomicUsize = AtomicUsize::new(0);
static TARGET: AtomicUsize = AtomicUsize::new(0);
static WRITE_FD: AtomicI32 = AtomicI32::new(-1);
static STAMP: AtomicU64 = AtomicU64::new(0);

fn pipe_nb() -> [c_int; 2] {
    let mut fds = [0; 2];
    // SAFETY: pipe2(2) into a local array.
    assert_eq!(
        unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) },
        0
    );
    fds
}

fn read_one(fd: c_int) -> bool {
    let mut b = 0u8;
    // SAFETY: one byte into a local.
    unsafe { libc::read(fd, (&mut b as *mut u8).cast(), 1) == 1 }
}

fn write_one(fd: c_int) {
    let b = 1u8;
    // SAFETY: one byte from a local.
    unsafe { libc::write(fd, (&b as *const u8).cast(), 1) };
}

unsafe extern "C" fn selffeed(_w: c_int, fd: c_int, _e: c_int, _d: *mut c_void) {
    if read_one(fd) {
        let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
        if n < TARGET.load(Ordering::SeqCst) {
            write_one(WRITE_FD.load(Ordering::SeqCst));
        }
    }
}

unsafe extern "C" fn stamp_reader(_w: c_int, fd: c_int, _e: c_int, _d: *mut c_void) {
    if read_one(fd) {
        STAMP.store(now_ns(), Ordering::SeqCst);
        COUNT.fetch_add(1, Ordering::SeqCst);
    }
}

unsafe extern "C" fn zero_timer(t: c_int, _d: *mut c_void) {
    let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    if n >= TARGET.load(Ordering::SeqCst) {
        // SAFETY: plain libvirt API call.
        unsafe { virt_sys::virEventUpdateTimeout(t, -1) };
    }
}

unsafe extern "C" fn self_removing_timer(t: c_int, _d: *mut c_void) {
    COUNT.fetch_add(1, Ordering::SeqCst);
    // SAFETY: plain libvirt API call.
    unsafe { virt_sys::virEventRemoveTimeout(t) };
}

fn now_ns() -> u64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

fn wait_count(n: usize, limit: Duration) -> bool {
    let end = Instant::now() + limit;
    while COUNT.load(Ordering::SeqCst) < n {
        if Instant::now() > end {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    true
}

/// Runs one workload in this (child) process and prints `key=value` figures.
fn child(which: Impl, workload: &str, n: usize) {
    let lp = Loop::start(which);
    match workload {
        "pipe" => {
            let fds = pipe_nb();
            WRITE_FD.store(fds[1], Ordering::SeqCst);
            TARGET.store(n, Ordering::SeqCst);
            // SAFETY: static callback, no data.
            let w = unsafe {
                virt_sys::virEventAddHandle(
                    fds[0],
                    virt_sys::VIR_EVENT_HANDLE_READABLE as c_int,
                    Some(selffeed),
                    std::ptr::null_mut(),
                    None,
                )
            };
            let t0 = Instant::now();
            write_one(fds[1]);
            assert!(
                wait_count(n, Duration::from_secs(120)),
                "pipe workload stalled"
            );
            let secs = t0.elapsed().as_secs_f64();
            println!("rate={:.0}", n as f64 / secs);
            // SAFETY: plain libvirt API call.
            unsafe { virt_sys::virEventRemoveHandle(w) };
        }
        "latency" => {
            let fds = pipe_nb();
            // SAFETY: static callback, no data.
            let w = unsafe {
                virt_sys::virEventAddHandle(
                    fds[0],
                    virt_sys::VIR_EVENT_HANDLE_READABLE as c_int,
                    Some(stamp_reader),
                    std::ptr::null_mut(),
                    None,
                )
            };
            std::thread::sleep(Duration::from_millis(20));
            let rounds = (n / 20).clamp(1000, 20_000);
            let mut lat = Vec::with_capacity(rounds);
            for i in 0..rounds {
                let sent = now_ns();
                write_one(fds[1]);
                while COUNT.load(Ordering::SeqCst) <= i {
                    std::hint::spin_loop();
                }
                lat.push(STAMP.load(Ordering::SeqCst).saturating_sub(sent));
            }
            lat.sort_unstable();
            println!("p50_us={:.1}", lat[lat.len() / 2] as f64 / 1000.0);
            println!("p99_us={:.1}", lat[lat.len() * 99 / 100] as f64 / 1000.0);
            // SAFETY: plain libvirt API call.
            unsafe { virt_sys::virEventRemoveHandle(w) };
        }
        "timer0" => {
            TARGET.store(n, Ordering::SeqCst);
            let t0 = Instant::now();
            // SAFETY: static callback, no data.
            let t = unsafe {
                virt_sys::virEventAddTimeout(0, Some(zero_timer), std::ptr::null_mut(), None)
            };
            assert!(
                wait_count(n, Duration::from_secs(120)),
                "timer0 workload stalled"
            );
            println!("rate={:.0}", n as f64 / t0.elapsed().as_secs_f64());
            // SAFETY: plain libvirt API call.
            unsafe { virt_sys::virEventRemoveTimeout(t) };
        }
        "timers" => {
            let m = (n / 50).max(1000);
            let t0 = Instant::now();
            for _ in 0..m {
                // SAFETY: static callback, no data.
                unsafe {
                    virt_sys::virEventAddTimeout(
                        0,
                        Some(self_removing_timer),
                        std::ptr::null_mut(),
                        None,
                    )
                };
            }
            assert!(
                wait_count(m, Duration::from_secs(120)),
                "timers workload stalled"
            );
            println!("rate={:.0}", m as f64 / t0.elapsed().as_secs_f64());
        }
        "idle" => match virt::connect::Connect::open(Some("qemu:///system")) {
            Ok(conn) => {
                conn.set_keep_alive(5, 3).expect("keepalive");
                conn.list_all_domains(0).expect("list");
                std::thread::sleep(Duration::from_millis(300));
                let tid = lp.tid.load(Ordering::SeqCst);
                let before = switches(tid);
                let secs = 10.0;
                std::thread::sleep(Duration::from_secs_f64(secs));
                let after = switches(tid);
                println!("wakeups_per_s={:.2}", (after - before) as f64 / secs);
                drop(conn);
            }
            Err(e) => println!("skipped={}", e.message().replace(' ', "_")),
        },
        other => panic!("unknown workload {other}"),
    }
    lp.stop();
}

/// Voluntary context switches of thread `tid` (each wake-up from poll is one).
fn switches(tid: i32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/self/task/{tid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

// ----- driver (parent side) -----

fn run_child(which: Impl, workload: &str, n: usize) -> Vec<(String, f64)> {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--child", which.name(), workload, &n.to_string()])
        .output()
        .expect("spawn child");
    if !out.status.success() {
        eprintln!(
            "{} {workload} failed: {}",
            which.name(),
            String::from_utf8_lossy(&out.stderr)
        );
        return Vec::new();
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter_map(|(k, v)| v.parse().ok().map(|v| (k.to_owned(), v)))
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        let which = if args[2] == "glib" {
            Impl::Glib
        } else {
            Impl::Default
        };
        child(which, &args[3], args[4].parse().expect("n"));
        return;
    }
    let mut rounds = 5;
    let mut n = 200_000;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rounds" => rounds = it.next().and_then(|v| v.parse().ok()).unwrap_or(rounds),
            "--n" => n = it.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            _ => {} // cargo bench passes --bench
        }
    }
    println!("libvirt event loop: ours (GLib GSources) vs libvirt's default (poll), {rounds} alternating rounds, median");
    println!(
        "{:<10} {:<14} {:>14} {:>14} {:>8}",
        "workload", "figure", "ours", "default", "ours/def"
    );
    for workload in ["pipe", "latency", "timer0", "timers", "idle"] {
        let r = if workload == "idle" { 1 } else { rounds };
        let mut ours: Vec<Vec<(String, f64)>> = Vec::new();
        let mut def: Vec<Vec<(String, f64)>> = Vec::new();
        for i in 0..r {
            // Alternate which goes first, so drift on a noisy machine hits both.
            if i % 2 == 0 {
                ours.push(run_child(Impl::Glib, workload, n));
                def.push(run_child(Impl::Default, workload, n));
            } else {
                def.push(run_child(Impl::Default, workload, n));
                ours.push(run_child(Impl::Glib, workload, n));
            }
        }
        let keys: Vec<String> = ours
            .first()
            .map(|v| v.iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default();
        if keys.is_empty() {
            println!("{workload:<10} (skipped: no qemu:///system)");
        }
        for key in keys {
            let pick = |runs: &Vec<Vec<(String, f64)>>| {
                median(
                    runs.iter()
                        .filter_map(|r| r.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
                        .collect(),
                )
            };
            let (a, b) = (pick(&ours), pick(&def));
            println!(
                "{workload:<10} {key:<14} {a:>14.2} {b:>14.2} {:>8.2}",
                a / b
            );
        }
    }
}
