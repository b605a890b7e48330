//! Runs every edit case of `tests/cases` (input → typed edit → exact expected XML).

mod cases;

use std::panic::{catch_unwind, AssertUnwindSafe};

#[test]
fn every_edit_case_gives_the_expected_xml() {
    let cases = cases::all();
    let mut names = std::collections::HashSet::new();
    let mut failed = Vec::new();
    for case in &cases {
        assert!(names.insert(case.name), "case {} listed twice", case.name);
        if catch_unwind(AssertUnwindSafe(case.run)).is_err() {
            failed.push(case.name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed: {failed:?}",
        failed.len(),
        cases.len()
    );
    eprintln!("{} edit cases passed", cases.len());
}
