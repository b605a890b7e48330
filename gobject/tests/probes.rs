//! The static probe points (SystemTap SDT notes) of the library, read from this test
//! binary's ELF `.note.stapsdt` section, and watched live with `bpftrace` attached to
//! this very process.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{init, run, strict, until};
use libvirt_gobject::trace::{PROBE_NAMES, PROBE_PROVIDER};
use libvirt_gobject::{Connection, DomainState};

/// One SDT note: provider, name, probe address, semaphore address, argument spec.
#[derive(Debug)]
struct Probe {
    provider: String,
    name: String,
    pc: u64,
    semaphore: u64,
    args: String,
}

fn u16_at(b: &[u8], o: usize) -> usize {
    u16::from_le_bytes(b[o..o + 2].try_into().unwrap()) as usize
}
fn u32_at(b: &[u8], o: usize) -> usize {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap()) as usize
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

/// The NUL-terminated string at `o` and the offset after its NUL.
fn cstr_at(b: &[u8], o: usize) -> (String, usize) {
    let end = o + b[o..].iter().position(|&c| c == 0).unwrap();
    (String::from_utf8_lossy(&b[o..end]).into_owned(), end + 1)
}

/// The SDT notes of a little-endian ELF64 file (the section `.note.stapsdt`: notes of
/// type 3 owned by `stapsdt`, each three addresses then provider, name and arguments).
fn sdt_notes(elf: &[u8]) -> Vec<Probe> {
    assert_eq!(&elf[..4], b"\x7fELF");
    assert_eq!((elf[4], elf[5]), (2, 1), "ELF64 little-endian");
    let shoff = u64_at(elf, 0x28) as usize;
    let (shentsize, shnum, shstrndx) = (u16_at(elf, 0x3a), u16_at(elf, 0x3c), u16_at(elf, 0x3e));
    let sh = |i: usize| shoff + i * shentsize;
    let strtab = u64_at(elf, sh(shstrndx) + 0x18) as usize;
    let mut out = Vec::new();
    for i in 0..shnum {
        let name = cstr_at(elf, strtab + u32_at(elf, sh(i))).0;
        if name != ".note.stapsdt" {
            continue;
        }
        let off = u64_at(elf, sh(i) + 0x18) as usize;
        let size = u64_at(elf, sh(i) + 0x20) as usize;
        let mut p = off;
        while p + 12 <= off + size {
            let (namesz, descsz, kind) = (u32_at(elf, p), u32_at(elf, p + 4), u32_at(elf, p + 8));
            let owner = cstr_at(elf, p + 12).0;
            let desc = p + 12 + namesz.div_ceil(4) * 4;
            if owner == "stapsdt" && kind == 3 {
                let (provider, q) = cstr_at(elf, desc + 24);
                let (name, q) = cstr_at(elf, q);
                let (args, _) = cstr_at(elf, q);
                out.push(Probe {
                    provider,
                    name,
                    pc: u64_at(elf, desc),
                    semaphore: u64_at(elf, desc + 16),
                    args,
                });
            }
            p = desc + descsz.div_ceil(4) * 4;
        }
    }
    out
}

/// Opens `test:///default` and cycles its domain (destroy, start, a failing start),
/// waiting for the events.
fn exercise() {
    init();
    let conn = Connection::new("test:///default");
    run(10, conn.open_future()).unwrap();
    let d = conn.find_domain_by_name("test").unwrap();
    run(20, async {
        d.destroy_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        d.start_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        assert!(d.start_future(0).await.is_err());
        // Let the started event's follow-up call finish.
        glib::timeout_future(Duration::from_millis(100)).await;
    });
}

#[test]
fn elf_notes_list_the_probe_points() {
    // Used code only: the linker keeps the probe sites of functions this binary calls.
    exercise();
    let elf = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    let probes = sdt_notes(&elf);
    let ours: Vec<&Probe> = probes
        .iter()
        .filter(|p| p.provider == PROBE_PROVIDER)
        .collect();
    let mut names: Vec<&str> = ours.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    // One site per probe (the sites are in non-generic, never-inlined functions).
    assert_eq!(names, PROBE_NAMES, "{probes:#?}");
    assert_eq!(PROBE_NAMES, ["call_begin", "call_end", "event"]);
    for p in &ours {
        assert!(p.pc > 0x1000, "{p:?}");
        assert_ne!(
            p.semaphore, 0,
            "{p:?}: lazily evaluated arguments need a semaphore"
        );
        let n = match p.name.as_str() {
            "call_begin" => 5,
            "call_end" => 3,
            _ => 6,
        };
        assert_eq!(p.args.split_whitespace().count(), n, "{p:?}");
        assert!(
            p.args.split_whitespace().all(|a| a.starts_with("-8@")),
            "{p:?}"
        );
    }
}

/// `bpftrace` attached to this process (`-p`) prints every probe hit, one line each.
#[test]
fn bpftrace_attached_to_the_process_sees_calls_and_events() {
    let Ok(which) = Command::new("bpftrace").arg("--version").output() else {
        assert!(
            !strict(),
            "bpftrace is not installed (scripts/install-deps.sh installs it)"
        );
        eprintln!("SKIP: bpftrace is not installed");
        return;
    };
    assert!(which.status.success());
    let exe = std::env::current_exe().unwrap();
    let exe = exe.display();
    let script = format!(
        r#"BEGIN {{ printf("ready\n"); }}
usdt:{exe}:libvirt_gobject:call_begin {{ printf("%d begin %s %s %s %s %d\n", pid, str(arg0), str(arg1), str(arg2), str(arg3), arg4); }}
usdt:{exe}:libvirt_gobject:call_end {{ printf("%d end %s %d %d\n", pid, str(arg0), arg1, arg2); }}
usdt:{exe}:libvirt_gobject:event {{ printf("%d event %s %s %s %s %s\n", pid, str(arg0), str(arg1), str(arg2), str(arg3), str(arg5)); }}"#
    );
    let mut bt = Command::new("bpftrace")
        .args([
            "-B",
            "line",
            "-p",
            &std::process::id().to_string(),
            "-e",
            &script,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(bt.stdout.take().unwrap());
    // Wait for the probes to be attached (BEGIN runs after them).
    let t = Instant::now();
    let mut line = String::new();
    while !line.starts_with("ready") {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            let mut err = String::new();
            bt.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            panic!("bpftrace could not attach: {err}");
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "bpftrace did not start"
        );
    }
    exercise();
    // SAFETY: plain signal to the child we started; bpftrace prints what it has and exits.
    unsafe { libc::kill(bt.id() as i32, libc::SIGINT) };
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    bt.wait().unwrap();
    // Only this process's lines (the probes are in the binary, which another test
    // process may run at the same time).
    let me = format!("{} ", std::process::id());
    let lines: Vec<&str> = rest.lines().filter_map(|l| l.strip_prefix(&me)).collect();
    let uuid = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    for want in [
        "begin virConnectOpen test:///default   -1".to_owned(),
        "end virConnectOpen 0 ".to_owned(),
        format!("begin virDomainDestroyFlags test:///default test {uuid} 0"),
        "end virDomainDestroyFlags 0 ".to_owned(),
        format!("begin virDomainCreateWithFlags test:///default test {uuid} 0"),
        // The second start fails: VIR_ERR_INTERNAL_ERROR on the test driver.
        "end virDomainCreateWithFlags 1 ".to_owned(),
        "end virConnectDomainQemuMonitorEventRegister 3 ".to_owned(),
        format!("event domain-lifecycle test:///default test {uuid} stopped/destroyed"),
        format!("event domain-lifecycle test:///default test {uuid} started/booted"),
    ] {
        assert!(has(&want), "no line starting with {want:?} in {rest}");
    }
    // Each call's end carries its duration in ns: a start takes some.
    let ns: u64 = lines
        .iter()
        .find_map(|l| l.strip_prefix("end virDomainCreateWithFlags 0 "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(ns > 0);
    // Begins and ends pair up.
    let count = |p: &str| lines.iter().filter(|l| l.starts_with(p)).count();
    assert_eq!(count("begin "), count("end "), "{rest}");
}
