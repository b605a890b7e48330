//! Job progress and abort against the real libvirtd (`qemu:///system`) and the test
//! guest (TCG): a managed save and the restore, their job statistics read while they
//! run, and an abort raced against a save.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{run, until};
use futures_util::future::{select, Either};
use libvirt_gobject::{Domain, DomainJobInfo, DomainJobType, DomainState};

const URI: &str = "qemu:///system";

/// Runs `op` while reading the domain's job statistics every few milliseconds on other
/// workers; returns its result and the statistics read while it ran.
async fn with_job_samples<T>(
    d: &Domain,
    op: impl std::future::Future<Output = T>,
) -> (T, Vec<DomainJobInfo>) {
    let samples = Rc::new(RefCell::new(Vec::new()));
    let s = samples.clone();
    let d2 = d.clone();
    let poll = async move {
        loop {
            if let Ok(j) = d2.job_info_future(0).await {
                s.borrow_mut().push(j);
            }
            glib::timeout_future(Duration::from_millis(3)).await;
        }
    };
    let r = match select(Box::pin(op), Box::pin(poll)).await {
        Either::Left((r, _)) => r,
        Either::Right(((), _)) => unreachable!(),
    };
    let v = samples.borrow().clone();
    (r, v)
}

#[test]
fn managed_save_and_restore_report_job_progress() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let name = "lvg-gobject-savejob";
    let Some((_guard, d)) = common::define_guest(&conn, URI, name) else {
        return;
    };
    run(60, async {
        d.start_future(0).await.unwrap();
        until(20, || d.state() == DomainState::Running).await;
        // Idle: no job, and nothing to abort (libvirt's message).
        let idle = d.job_info_future(0).await.unwrap();
        assert_eq!(idle.kind, DomainJobType::None, "{idle:?}");
        let e = d.abort_job_future().await.unwrap_err();
        assert!(e.message().starts_with("aborting the job: "), "{e}");
        eprintln!("abort without a job: {}", e.message());
        common::settle(1500).await;
    });
    let t = Instant::now();
    let (res, during) = run(120, with_job_samples(&d, d.save_future(0)));
    let save_time = t.elapsed();
    res.unwrap();
    let active: Vec<&DomainJobInfo> = during.iter().filter(|j| j.kind.is_active()).collect();
    eprintln!(
        "managed save: {save_time:?}, {} job reads, {} while the job ran; last: {:?}",
        during.len(),
        active.len(),
        active
            .last()
            .map(|j| (j.data_processed(), j.data_total(), j.time_elapsed_ms()))
    );
    run(30, until(10, || d.state() == DomainState::Shutoff));
    assert!(d.saved().unwrap());
    // The save runs for a few hundred ms in QEMU: readings taken meanwhile show the job
    // with its size, each consistent (processed <= total).
    assert!(
        !active.is_empty(),
        "no job seen during the save: {during:?}"
    );
    assert!(active.iter().any(|j| j.data_total().is_some_and(|t| t > 0)));
    for j in &active {
        if let (Some(p), Some(t)) = (j.data_processed(), j.data_total()) {
            assert!(p <= t, "{j:?}");
        }
    }
    // The completed save's statistics (VIR_DOMAIN_JOB_STATS_COMPLETED).
    let done = run(
        10,
        d.job_info_future(virt_sys::VIR_DOMAIN_JOB_STATS_COMPLETED),
    )
    .unwrap();
    eprintln!("completed save job: {done:?}");
    assert_eq!(done.kind, DomainJobType::Completed, "{done:?}");
    assert_eq!(
        done.operation(),
        Some(i64::from(virt_sys::VIR_DOMAIN_JOB_OPERATION_SAVE)),
        "{done:?}"
    );
    let total = done.data_total().expect("the save's size");
    assert!(
        total > 1 << 20,
        "a 128 MiB guest saves more than 1 MiB: {total}"
    );
    assert_eq!(done.fraction(), Some(1.0), "{done:?}");
    assert!(done.time_elapsed_ms().is_some());

    // Restore (a start from the managed save image).
    let t = Instant::now();
    let (res, during) = run(120, with_job_samples(&d, d.start_future(0)));
    res.unwrap();
    eprintln!(
        "restore: {:?}, {} job reads, {} while a job ran",
        t.elapsed(),
        during.len(),
        during.iter().filter(|j| j.kind.is_active()).count()
    );
    run(30, until(20, || d.state() == DomainState::Running));
    assert!(!d.saved().unwrap());

    // An abort raced against a save: whichever wins, the outcome is consistent.
    let (save_res, abort_res) = run(120, async {
        let save = d.save_future(0);
        let d2 = d.clone();
        let abort = async move {
            // As soon as the job shows, abort it.
            let end = Instant::now() + Duration::from_secs(20);
            while Instant::now() < end {
                if let Ok(j) = d2.job_info_future(0).await {
                    if j.kind.is_active() {
                        return Some(d2.abort_job_future().await);
                    }
                }
                glib::timeout_future(Duration::from_millis(1)).await;
            }
            None
        };
        futures_util::future::join(save, abort).await
    });
    match (&save_res, &abort_res) {
        (Err(e), Some(Ok(()))) => {
            eprintln!("the abort won: the save failed with: {}", e.message());
            run(10, common::settle(500));
            assert_eq!(
                d.state(),
                DomainState::Running,
                "an aborted save keeps it running"
            );
            assert!(!d.saved().unwrap());
        }
        (Ok(()), _) => {
            eprintln!("the save finished first (abort: {abort_res:?})");
            run(30, until(10, || d.state() == DomainState::Shutoff));
            assert!(d.saved().unwrap());
        }
        other => panic!("inconsistent save/abort outcome: {other:?}"),
    }
}
