//! Launch-to-list-drawn time, RSS at that point and CPU over 30 s idle: Vireo vs
//! Debian's virt-manager 4.1, on the same 1,000-domain `<node>` file (libvirt's test
//! driver), in the same run, on the same X display.
//!
//! "Drawn":
//! - Vireo: `--ready-line` prints once every connection has settled, the list model has
//!   its rows and the window's frame clock has finished painting the next frame (the
//!   first frame with the rows on screen).
//! - virt-manager: after it logs `Showing manager` (its list is filled before the window
//!   is shown), the first moment two captures of its window 50 ms apart (`xwd -id`) are
//!   identical (painting finished).
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p viewer --bench launch [-- --idle SECS]
//! ```
//!
//! Vireo's renderer is its own choice (see `viewer::render`): on a machine without a
//! GPU, such as this benchmark's Xvfb, cairo with OpenGL off, as virt-manager (GTK 3)
//! draws.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const N: usize = 1000;

fn clk_tck() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

/// utime + stime of `pid`, seconds.
fn cpu_secs(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    ticks as f64 / clk_tck()
}

fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

struct Figures {
    drawn: Duration,
    rss_mib: f64,
    idle_cpu: f64,
}

fn idle_cpu(pid: u32, secs: u64) -> f64 {
    let c0 = cpu_secs(pid);
    std::thread::sleep(Duration::from_secs(secs));
    cpu_secs(pid) - c0
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn vireo(uri: &str, idle: u64) -> Figures {
    let t0 = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vireo"))
        .args([uri, "--no-settings", "--ready-line"])
        .env("GTK_A11Y", "none")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vireo starts");
    let out = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(out).lines();
    let line = loop {
        match lines.next() {
            Some(Ok(l)) if l.starts_with("vireo-ready") => break l,
            Some(_) => {}
            None => panic!("vireo exited before it was ready"),
        }
    };
    let drawn = t0.elapsed();
    assert!(line.contains(&format!("rows={N}")), "{line}");
    let rss = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("rss_kib="))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0;
    let idle_cpu = idle_cpu(child.id(), idle);
    kill(&mut child);
    Figures {
        drawn,
        rss_mib: rss,
        idle_cpu,
    }
}

/// The X window id of the first top-level window whose name contains `title`.
fn find_window(title: &str) -> Option<String> {
    let out = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains(&format!("\"{title}\"")))
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
}

fn capture(win: &str) -> Vec<u8> {
    Command::new("xwd")
        .args(["-silent", "-id", win])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default()
}

/// The virt-manager process started under `dbus-run-session` (pid `parent`).
fn child_pid(parent: u32) -> Option<u32> {
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let after = stat.rsplit(')').next().unwrap_or("");
        let ppid: u32 = after
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let cmd = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if ppid == parent && cmd.contains("virt-manager") {
            return Some(pid);
        }
    }
    None
}

fn virt_manager(uri: &str, idle: u64) -> Option<Figures> {
    if Command::new("virt-manager")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("virt-manager is not installed (scripts/install-deps.sh --with-peers)");
        return None;
    }
    let t0 = Instant::now();
    let mut child = Command::new("dbus-run-session")
        .args([
            "--",
            "virt-manager",
            "--connect",
            uri,
            "--no-fork",
            "--debug",
        ])
        .env("HOME", std::env::temp_dir().join("vireo-bench-vmm-home"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let err = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(err).lines().map_while(Result::ok) {
            if l.contains("Showing manager") {
                let _ = tx.send(Instant::now());
            }
        }
    });
    let shown = rx.recv_timeout(Duration::from_secs(120)).ok()?;
    let win = loop {
        if let Some(w) = find_window("Virtual Machine Manager") {
            break w;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(150),
            "no virt-manager window"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut prev = capture(&win);
    let drawn = loop {
        std::thread::sleep(Duration::from_millis(50));
        let cur = capture(&win);
        if !cur.is_empty() && cur == prev {
            break t0.elapsed().saturating_sub(Duration::from_millis(50));
        }
        prev = cur;
        assert!(
            t0.elapsed() < Duration::from_secs(180),
            "virt-manager never settled"
        );
    };
    println!(
        "virt-manager: 'Showing manager' logged at {:.2} s",
        (shown - t0).as_secs_f64()
    );
    let pid = child_pid(child.id()).unwrap_or(child.id());
    let rss = rss_mib(pid);
    let idle_cpu = idle_cpu(pid, idle);
    // SAFETY: kill(2) on the pid of the process we started (and its session bus parent).
    unsafe {
        libc::kill(pid as i32, libc::SIGTERM);
    }
    kill(&mut child);
    Some(Figures {
        drawn,
        rss_mib: rss,
        idle_cpu,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let idle = args
        .iter()
        .position(|a| a == "--idle")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs an X display: run under xvfb-run"
    );
    let node = std::env::temp_dir().join(format!("vireo-launch-{}.xml", std::process::id()));
    std::fs::write(&node, viewer::demo::synthetic_node_xml(N)).expect("node file");
    let uri = format!("test://{}", node.display());
    let gpu = viewer::render::has_render_node(std::path::Path::new(viewer::render::DRI_DIR));
    println!(
        "{N} domains, {uri}; idle CPU measured over {idle} s after the list is drawn; {}",
        if gpu {
            "a GPU render node exists: Vireo draws as GTK chooses"
        } else {
            "no GPU render node: Vireo draws with cairo, OpenGL off (unless GSK_RENDERER or GDK_DEBUG is set)"
        }
    );
    let ours = vireo(&uri, idle);
    println!(
        "vireo:        list drawn {:>6.2} s   RSS {:>6.1} MiB   CPU while idle {:>6.2} s / {idle} s",
        ours.drawn.as_secs_f64(),
        ours.rss_mib,
        ours.idle_cpu
    );
    if let Some(vm) = virt_manager(&uri, idle) {
        println!(
            "virt-manager: list drawn {:>6.2} s   RSS {:>6.1} MiB   CPU while idle {:>6.2} s / {idle} s",
            vm.drawn.as_secs_f64(),
            vm.rss_mib,
            vm.idle_cpu
        );
        println!(
            "ratios (vireo / virt-manager): launch {:.3}  idle CPU {:.3}  RSS {:.3}",
            ours.drawn.as_secs_f64() / vm.drawn.as_secs_f64(),
            ours.idle_cpu / vm.idle_cpu.max(1e-9),
            ours.rss_mib / vm.rss_mib
        );
    }
    let _ = std::fs::remove_file(node);
}
