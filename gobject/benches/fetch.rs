//! Fetch all domains and read each one's name and state, over libvirtd's RPC
//! (`test+unix:///ABS/PATH/node.xml`), ours vs the C libvirt-gobject 4.0, at 100, 1,000
//! and 5,000 domains. Each (implementation, size) runs in its own process so RSS is
//! comparable.
//!
//! `cargo bench -p libvirt-gobject --bench fetch` (needs libvirtd running and
//! `libvirt-glib-1.0-dev` for the C side, compiled here with `cc`).
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

extern "C" {
    fn malloc_trim(pad: usize) -> i32;
}

fn rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn node_file(n: u32, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut x = String::from("<node>\n");
    for i in 0..n {
        let runstate = if i % 2 == 0 {
            ""
        } else {
            "<test:runstate>5</test:runstate>"
        };
        x += &format!(
            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>dom-{i}</name><uuid>00000001-0000-4000-8000-{i:012x}</uuid><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>{runstate}</domain>\n"
        );
    }
    x += "</node>\n";
    let path = dir.join(format!("node-{n}.xml"));
    std::fs::write(&path, x).unwrap();
    path
}

/// Our side, in this (child) process: prints the same fields as the C program plus the
/// time of a bare `virConnectOpen` (so the initial fetch inside `open_future` can be
/// separated from the open itself).
fn ours(uri: &str) {
    libvirt_gobject::init().unwrap();
    let rss0 = rss_kb();
    let t = Instant::now();
    let bare = virt::connect::Connect::open(Some(uri)).unwrap();
    let bare_open = t.elapsed().as_secs_f64() * 1e3;
    drop(bare);
    let conn = libvirt_gobject::Connection::new(uri);
    let ctx = glib::MainContext::default();
    let t0 = Instant::now();
    ctx.block_on(conn.open_future()).unwrap();
    let t1 = Instant::now();
    let rss_open = rss_kb();
    ctx.block_on(conn.fetch_domains_future()).unwrap();
    let t2 = Instant::now();
    let (mut n, mut running) = (0, 0);
    for d in conn.domains() {
        let name = d.name();
        assert!(!name.is_empty());
        if d.state() == libvirt_gobject::DomainState::Running {
            running += 1;
        }
        n += 1;
    }
    let t3 = Instant::now();
    let rss1 = rss_kb();
    // What stays after glibc returns its free pages (live objects only).
    // SAFETY: plain glibc call, no pointers.
    unsafe { malloc_trim(0) };
    let rss_trim = rss_kb();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    println!(
        "{:.3} {:.3} {:.3} {n} {running} {rss0} {rss1} {bare_open:.3} {rss_open} {rss_trim}",
        ms(t0, t1),
        ms(t1, t2),
        ms(t2, t3)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child-ours") {
        ours(&args[i + 1]);
        return;
    }
    // `test+unix://` opens the test driver inside a running libvirtd.
    let socket = Path::new("/var/run/libvirt/libvirt-sock");
    if !socket.exists() {
        println!(
            "fetch: SKIPPED: no libvirtd listening on {} (start one: bash scripts/libvirtd.sh start)",
            socket.display()
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("lvg-gobject-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The C program, built now against the system libvirt-gobject.
    let c_bin = dir.join("c_fetch");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/c_fetch.c");
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libvirt-gobject-1.0"])
        .output()
        .unwrap();
    let flags = String::from_utf8_lossy(&flags.stdout).to_string();
    let st = Command::new("cc")
        .arg("-O2")
        .arg("-o")
        .arg(&c_bin)
        .arg(&src)
        .args(flags.split_whitespace())
        .status()
        .unwrap();
    assert!(st.success(), "building the C program");
    let me = std::env::current_exe().unwrap();
    println!("phase times in ms (median of 3 runs by fetch+states); RSS in MB; over libvirtd RPC (test+unix)");
    println!(
        "{:>6} {:>5} | {:>9} {:>9} {:>9} {:>9} | {:>8} {:>8} | {:>7}",
        "N", "impl", "open", "fetch", "states", "f+s", "RSS", "RSS/1k", "ratio"
    );
    for n in [100u32, 1000, 5000] {
        let path = node_file(n, &dir);
        let uri = format!("test+unix://{}", path.display());
        let parse = |b: &[u8]| -> Vec<f64> {
            String::from_utf8_lossy(b)
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect()
        };
        // Three runs each, alternating; keep the median by fetch + states.
        let (mut cs, mut os) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let c = Command::new(&c_bin).arg(&uri).output().unwrap();
            assert!(
                c.status.success(),
                "C: {}",
                String::from_utf8_lossy(&c.stderr)
            );
            cs.push(parse(&c.stdout));
            let o = Command::new(&me)
                .args(["--child-ours", &uri])
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "ours: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            os.push(parse(&o.stdout));
        }
        let median = |mut v: Vec<Vec<f64>>| {
            v.sort_by(|a, b| (a[1] + a[2]).total_cmp(&(b[1] + b[2])));
            v.swap_remove(1)
        };
        let (c, o) = (median(cs), median(os));
        assert_eq!(c[3] as u32, n);
        assert_eq!(o[3] as u32, n);
        assert_eq!(c[4], o[4], "both see the same running domains");
        let cfs = c[1] + c[2];
        let ofs = o[1] + o[2];
        let mb = |kb: f64| kb / 1024.0;
        println!(
            "{n:>6} {:>5} | {:>9.1} {:>9.1} {:>9.1} {:>9.1} | {:>8.1} {:>8.2} |",
            "C",
            c[0],
            c[1],
            c[2],
            cfs,
            mb(c[6]),
            mb(c[6] - c[5]) * 1000.0 / f64::from(n)
        );
        println!(
            "{n:>6} {:>5} | {:>9.1} {:>9.1} {:>9.3} {:>9.1} | {:>8.1} {:>8.2} | {:>6.3}x",
            "ours",
            o[0],
            o[1],
            o[2],
            ofs,
            mb(o[6]),
            mb(o[6] - o[5]) * 1000.0 / f64::from(n),
            ofs / cfs
        );
        println!(
            "{:>6} {:>5} | (open = open_future: connect, event registration, initial fetch of domains (one bulk state call), networks, pools; a bare virConnectOpen took {:.1} ms, so ~{:.1} ms of it is ours, noisy; RSS/1k right after open: {:.2}, after malloc_trim at the end: {:.2})",
            "", "", o[7], o[0] - o[7], mb(o[8] - o[5]) * 1000.0 / f64::from(n), mb(o[9] - o[5]) * 1000.0 / f64::from(n)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
