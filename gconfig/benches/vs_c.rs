//! Throughput and memory, side by side with the C libvirt-gconfig 4.0.
//!
//! ```text
//! cargo bench -p libvirt-gconfig --bench vs_c [-- ITERATIONS]
//! ```
//!
//! On the same 20 domain documents of the shared corpus ([`FILES`]), each side
//! runs in a child process of its own and does, per document: parse, read the
//! name, the memory and the list of devices, write back to XML. The C side is
//! `benches/c/gconfig_bench.c`, compiled here with
//! `cc $(pkg-config --cflags --libs libvirt-gconfig-1.0)` into the target
//! directory (the crate itself never links the C library). The sides alternate
//! [`ROUNDS`] times (so that a change of the machine's load touches both) and the
//! medians are printed, per side:
//!
//! - documents per second over `ITERATIONS` (default 200) passes over the 20 files;
//! - memory per document: the growth of the peak RSS (`getrusage`) while
//!   [`COPIES`] copies of every file are parsed and kept alive, divided by
//!   their number;
//! - the process's peak RSS at the end;
//! - for our side also the documents per second of quick-xml's `Reader` event
//!   loop alone, with none of our checks and no tree
//!   ([`Document::tokenize_only`]): what reading every event through that loop
//!   would cost before any check or node, which is why the parser reads tags
//!   with quick-xml's element parser instead (see `src/dom/parse.rs`).
//!
//! Without the corpus the benchmark prints why and exits successfully; without
//! a C compiler or the C library's development files only our side runs.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use libvirt_gconfig::{Document, Domain};

/// The documents, relative to `shared/corpus/libvirt/domain`: medium and large
/// real configurations of several architectures, buses and device mixes.
pub const FILES: [&str; 20] = [
    "pci-bridge-many-disks.x86_64-latest.xml",
    "pcie-expander-bus.x86_64-latest.xml",
    "pcie-root-port-too-many.xml",
    "bhyvexml2xmlout-addr-more-than-32-sata-disks.xml",
    "pci-many.x86_64-latest.xml",
    "launch-security-sev-snp.x86_64-latest.xml",
    "disk-backing-chains-index-active.x86_64-latest.xml",
    "q35-pcie.x86_64-latest.xml",
    "domain-qemu-interface-filterref.xml",
    "pseries-many-devices.ppc64-latest.xml",
    "user-aliases.x86_64-latest.xml",
    "aarch64-virt-graphics.aarch64-latest.xml",
    "x86_64-q35-graphics.x86_64-latest.xml",
    "q35-virt-manager-basic.x86_64-latest.xml",
    "hostdev-scsi-autogen-address.x86_64-latest.xml",
    "luks-disks-source-qcow2.x86_64-latest.xml",
    "virtio-options.x86_64-latest.xml",
    "qemuhotplug-graphics-spice-timeout.xml",
    "disk-network-iscsi.x86_64-latest.xml",
    "riscv64-virt-graphics.riscv64-latest.xml",
];

/// Copies of every file held at once for the memory figure.
pub const COPIES: usize = 25;

/// Runs of each side, alternating; the medians are printed.
pub const ROUNDS: usize = 5;

const CHILD_ENV: &str = "LIBVIRT_GCONFIG_BENCH_CHILD";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/libvirt/domain")
}

/// Peak resident set size of this process in KiB.
fn peak_rss_kib() -> i64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru.ru_maxrss
    }
}

fn parse(xml: &str) -> Domain {
    Domain::from_xml(xml).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

/// The per-document work; returns a checksum so nothing is optimised away.
fn work(xml: &str) -> usize {
    let dom = parse(xml);
    let mut sum = dom.name().ok().flatten().map_or(0, |n| n.len());
    sum += dom
        .memory()
        .ok()
        .flatten()
        .and_then(|m| m.to_kib())
        .unwrap_or(0) as usize;
    let devices = dom.devices().map(|d| d.all()).unwrap_or_default();
    sum += devices.len();
    sum += devices.iter().map(|d| d.kind().len()).sum::<usize>();
    sum += dom.to_xml().len();
    sum
}

/// Our side, in the child process; prints the same line as the C program.
fn child(iterations: usize, files: &[String]) -> ExitCode {
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    let mut sum = work(&texts[0]);

    let before = peak_rss_kib();
    let held: Vec<Domain> = (0..COPIES)
        .flat_map(|_| texts.iter().map(|t| parse(t)))
        .collect();
    let after = peak_rss_kib();
    let n_held = held.len() as i64;
    drop(held);

    let start = Instant::now();
    for _ in 0..iterations {
        for t in &texts {
            sum += work(t);
        }
    }
    let secs = start.elapsed().as_secs_f64();

    let start = Instant::now();
    for _ in 0..iterations {
        for t in &texts {
            sum += Document::tokenize_only(t).unwrap_or_else(|e| panic!("tokenize failed: {e}"));
        }
    }
    let tokenizer_secs = start.elapsed().as_secs_f64();
    println!(
        "docs_per_sec={:.1} peak_rss_kib={} mem_per_doc_bytes={} docs={} \
         tokenizer_docs_per_sec={:.1} checksum={sum}",
        (iterations * texts.len()) as f64 / secs,
        peak_rss_kib(),
        (after - before) * 1024 / n_held,
        iterations * texts.len(),
        (iterations * texts.len()) as f64 / tokenizer_secs,
    );
    ExitCode::SUCCESS
}

/// One side's figures.
#[derive(Debug, Default)]
struct Figures {
    docs_per_sec: f64,
    peak_rss_kib: f64,
    mem_per_doc: f64,
    /// Only printed by our side.
    tokenizer_docs_per_sec: Option<f64>,
}

/// The median of each figure over `runs` (`None` when there are none).
fn median_figures(runs: &[Figures]) -> Option<Figures> {
    fn median(mut v: Vec<f64>) -> Option<f64> {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    }
    Some(Figures {
        docs_per_sec: median(runs.iter().map(|f| f.docs_per_sec).collect())?,
        peak_rss_kib: median(runs.iter().map(|f| f.peak_rss_kib).collect())?,
        mem_per_doc: median(runs.iter().map(|f| f.mem_per_doc).collect())?,
        tokenizer_docs_per_sec: median(
            runs.iter()
                .filter_map(|f| f.tokenizer_docs_per_sec)
                .collect(),
        ),
    })
}

fn figures(out: &str) -> Option<Figures> {
    let line = out.lines().find(|l| l.starts_with("docs_per_sec="))?;
    let mut f = Figures::default();
    for kv in line.split_whitespace() {
        let (k, v) = kv.split_once('=')?;
        let v: f64 = v.parse().ok()?;
        match k {
            "docs_per_sec" => f.docs_per_sec = v,
            "peak_rss_kib" => f.peak_rss_kib = v,
            "mem_per_doc_bytes" => f.mem_per_doc = v,
            "tokenizer_docs_per_sec" => f.tokenizer_docs_per_sec = Some(v),
            _ => {}
        }
    }
    Some(f)
}

fn run(cmd: &mut Command, what: &str) -> Option<Figures> {
    match cmd.output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let f = figures(&text);
            if f.is_none() {
                eprintln!("{what}: unexpected output: {text}");
            }
            f
        }
        Ok(out) => {
            eprintln!(
                "{what} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("{what}: cannot run: {e}");
            None
        }
    }
}

/// Compiles the C program into the target directory.
fn build_c() -> Option<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/c/gconfig_bench.c");
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gconfig_bench");
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "libvirt-gconfig-1.0"])
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(flags) = flags else {
        eprintln!(
            "pkg-config libvirt-gconfig-1.0 failed: install libvirt-glib-1.0-dev for the C side"
        );
        return None;
    };
    let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
    let status = Command::new("cc")
        .args(["-O2", "-o"])
        .arg(&exe)
        .arg(&src)
        .args(flags.split_whitespace())
        .status();
    match status {
        Ok(s) if s.success() => Some(exe),
        other => {
            eprintln!("cc failed ({other:?}): the C side is skipped");
            None
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; a number is the iteration count.
    let iterations = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(200);
    let dir = corpus_dir();
    let files: Vec<String> = FILES
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    if std::env::var_os(CHILD_ENV).is_some() {
        return child(iterations, &files);
    }
    if !dir.is_dir() {
        println!("vs_c: SKIPPED: corpus not found at {}", dir.display());
        return ExitCode::SUCCESS;
    }

    // The two sides alternate, ROUNDS times: on a busy machine a load change then
    // touches both, and the medians are compared.
    let exe = std::env::current_exe().ok();
    let c_exe = build_c();
    let (mut ours_runs, mut c_runs) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        if let Some(exe) = &exe {
            ours_runs.extend(run(
                Command::new(exe)
                    .env(CHILD_ENV, "1")
                    .arg(iterations.to_string()),
                "ours",
            ));
        }
        if let Some(c_exe) = &c_exe {
            c_runs.extend(run(
                Command::new(c_exe)
                    .arg(iterations.to_string())
                    .arg(COPIES.to_string())
                    .args(&files),
                "C libvirt-gconfig",
            ));
        }
    }
    let ours = median_figures(&ours_runs);
    let c = median_figures(&c_runs);
    println!(
        "vs_c: {} domain documents x {iterations} iterations (parse, name, memory, devices, write); \
         memory: {COPIES} copies of each held at once; medians of {ROUNDS} alternating rounds",
        FILES.len()
    );
    println!(
        "{:<22} {:>12} {:>16} {:>14}",
        "", "docs/s", "memory/doc", "peak RSS"
    );
    let row = |name: &str, f: &Figures| {
        println!(
            "{name:<22} {:>12.0} {:>13.1} KiB {:>10.1} MiB",
            f.docs_per_sec,
            f.mem_per_doc / 1024.0,
            f.peak_rss_kib / 1024.0
        )
    };
    if let Some(f) = &ours {
        row("libvirt-gconfig (Rust)", f);
    }
    if let Some(f) = &c {
        row("libvirt-gconfig 4.0 (C)", f);
    }
    if let Some(t) = ours.as_ref().and_then(|o| o.tokenizer_docs_per_sec) {
        println!("{:<22} {t:>12.0}", "quick-xml Reader alone");
    }
    if let (Some(o), Some(c)) = (&ours, &c) {
        println!(
            "ratio: {:.1}x throughput, {:.1}x less memory per document",
            o.docs_per_sec / c.docs_per_sec,
            c.mem_per_doc / o.mem_per_doc.max(1.0)
        );
        if let Some(t) = o.tokenizer_docs_per_sec {
            println!(
                "quick-xml's Reader event loop alone (no checks, no tree): {:.1}x the C library's throughput",
                t / c.docs_per_sec
            );
        }
    }
    if ours.is_none() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
