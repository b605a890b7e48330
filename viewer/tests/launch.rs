//! The real `vireo` binary, first run with no libvirtd reachable: it opens the bundled
//! demo host and says so in its banner (read from the binary's ready line, printed
//! once the list is drawn).

use std::process::Command;
use std::time::{Duration, Instant};

/// The `vireo` binary with `args`, settings in memory, runtime files in
/// `runtime_dir`, stdout piped.
fn vireo(args: &[&str], runtime_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vireo"));
    cmd.args(args)
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .env("GSETTINGS_BACKEND", "memory")
        .env("GDK_BACKEND", "x11")
        .env("GTK_A11Y", "none")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    cmd
}

fn run_vireo(args: &[&str], runtime_dir: &std::path::Path) -> String {
    let mut child = vireo(args, runtime_dir)
        .env("GSK_RENDERER", "cairo")
        .spawn()
        .expect("vireo starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            assert!(status.success(), "vireo exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("vireo did not report ready within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn first_run_without_libvirtd_opens_the_demo_host_with_its_banner() {
    let dir = std::env::temp_dir().join(format!("vireo-launch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A libvirtd that does not exist: the socket path is in an empty directory.
    let dead = format!(
        "qemu+unix:///system?socket={}/no-libvirtd.sock",
        dir.display()
    );
    let out = run_vireo(
        &["--probe-uri", &dead, "--ready-line", "--quit-after-ready"],
        &dir,
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("vireo-ready "))
        .unwrap_or_else(|| panic!("no ready line in {out:?}"));
    let demo = dir.join("vireo/demo-host.xml");
    assert!(demo.exists(), "the demo host was not written");
    assert!(
        line.contains(&format!("uris=test://{}", demo.display())),
        "{line}"
    );
    assert!(line.contains("rows=12"), "{line}");
    assert!(line.to_lowercase().contains("demo host"), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_uri_argument_opens_that_uri_and_no_banner() {
    let dir = std::env::temp_dir().join(format!("vireo-launch-uri-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = run_vireo(
        &["test:///default", "--ready-line", "--quit-after-ready"],
        &dir,
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("vireo-ready "))
        .unwrap_or_else(|| panic!("no ready line in {out:?}"));
    assert!(line.contains("uris=test:///default "), "{line}");
    assert!(line.contains("rows=1 "), "{line}");
    assert!(line.ends_with("banner=\"\""), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_gpu_opengl_stays_off() {
    if viewer::render::has_render_node(std::path::Path::new(viewer::render::DRI_DIR)) {
        eprintln!("this machine has a GPU render node: GTK chooses the renderer, nothing to check");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vireo-launch-gl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut child = vireo(&["test:///default", "--ready-line"], &dir)
        .env_remove("GSK_RENDERER")
        .env_remove("GDK_DEBUG")
        .spawn()
        .expect("vireo starts");
    let stdout = child.stdout.take().expect("stdout");
    let ready = std::io::BufRead::lines(std::io::BufReader::new(stdout))
        .map_while(Result::ok)
        .find(|l| l.starts_with("vireo-ready "));
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ready.is_some(), "vireo did not get ready");
    // Mesa's drivers and LLVM are what GTK's OpenGL set-up loads.
    for lib in ["libLLVM", "_dri.so", "libEGL_mesa", "libGLX_mesa"] {
        assert!(!maps.contains(lib), "{lib} is loaded:\n{maps}");
    }
}
