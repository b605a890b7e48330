//! Fails when a declared typed property is never read or never written by an edit
//! case: every accessor the property table lists must be exercised by a test that
//! compares real output.

mod cases;

use std::collections::BTreeSet;

use libvirt_gconfig::view::{all_views, exercise};

#[test]
fn every_declared_property_is_read_and_written_by_a_case() {
    let ((), hits) = exercise::record(|| {
        for case in cases::all() {
            (case.run)();
        }
    });
    let mut missing = BTreeSet::new();
    let mut declared = 0;
    for view in all_views() {
        for p in view.properties {
            declared += 1;
            for op in [exercise::Op::Read, exercise::Op::Write] {
                if !hits.contains(&(view.type_name, p.name, op)) {
                    missing.insert(format!("{}::{} ({op:?})", view.type_name, p.name));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {declared} declared properties lack a case that exercises them:\n{}",
        missing.len(),
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn recording_sees_reads_and_writes() {
    let dom = libvirt_gconfig::Domain::new();
    let ((), hits) = exercise::record(|| {
        dom.set_name(Some("x".into()));
    });
    assert!(hits.contains(&("Domain", "name", exercise::Op::Write)));
    assert!(!hits.contains(&("Domain", "name", exercise::Op::Read)));
    // touch reads and writes everything but records nothing.
    let ((), hits) = exercise::record(|| {
        let mut errors = Vec::new();
        libvirt_gconfig::view::XmlView::touch(&dom, &mut errors);
    });
    assert!(hits.is_empty());
}
