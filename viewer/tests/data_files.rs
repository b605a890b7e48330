//! The app's data files pass the GNOME validators: the desktop file
//! (`desktop-file-validate`), the AppStream metainfo (`appstreamcli validate --no-net`)
//! and the GSettings schema (`glib-compile-schemas --strict --dry-run`); the icons are
//! SVG and the desktop file, metainfo and schema name the same application id.

use std::path::{Path, PathBuf};
use std::process::Command;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn check(cmd: &str, args: &[&str]) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is not installed (scripts/install-deps.sh): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn desktop_file_is_valid() {
    let f = data().join(format!("{}.desktop", viewer::config::APP_ID));
    check("desktop-file-validate", &[&f.display().to_string()]);
    let text = std::fs::read_to_string(&f).expect("desktop file");
    assert!(text.contains(&format!("Icon={}", viewer::config::APP_ID)));
}

#[test]
fn metainfo_is_valid() {
    let f = data().join(format!("{}.metainfo.xml", viewer::config::APP_ID));
    check(
        "appstreamcli",
        &["validate", "--no-net", &f.display().to_string()],
    );
    let text = std::fs::read_to_string(&f).expect("metainfo");
    assert!(text.contains(&format!("<id>{}</id>", viewer::config::APP_ID)));
    assert!(text.contains(&format!("{}.desktop", viewer::config::APP_ID)));
}

#[test]
fn gsettings_schema_is_valid() {
    check(
        "glib-compile-schemas",
        &["--strict", "--dry-run", &data().display().to_string()],
    );
    let text =
        std::fs::read_to_string(data().join(format!("{}.gschema.xml", viewer::config::APP_ID)))
            .expect("schema");
    assert!(text.contains(&format!("id=\"{}\"", viewer::config::APP_ID)));
}

#[test]
fn icons_exist_and_are_svg() {
    for p in [
        format!("icons/hicolor/scalable/apps/{}.svg", viewer::config::APP_ID),
        format!(
            "icons/hicolor/symbolic/apps/{}-symbolic.svg",
            viewer::config::APP_ID
        ),
    ] {
        let text = std::fs::read_to_string(data().join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(text.trim_start().starts_with("<svg"), "{p}");
    }
}

#[test]
fn the_demo_host_is_a_test_driver_node_with_every_state() {
    let xml = viewer::config::DEMO_HOST_XML;
    assert!(xml.contains("<node>"));
    for state in 1..=6 {
        if state == 2 || state == 4 {
            continue; // blocked and shutting down are transitions, not runstates
        }
        assert!(
            xml.contains(&format!("<test:runstate>{state}</test:runstate>")),
            "no domain in state {state}"
        );
    }
    assert_eq!(xml.matches("<network>").count(), 2);
    assert_eq!(xml.matches("<pool type=").count(), 2);
    assert!(xml.matches("<test:domainsnapshot>").count() >= 4);
}
