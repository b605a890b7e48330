//! Vireo against the real libvirtd with the real test guest: a guest started with
//! `virsh` outside the app shows as running in Vireo within one second (libvirt's
//! lifecycle events, not polling), and stopping it outside shows it shut off; a managed
//! save in the app shows libvirt's job progress.
//!
//! Takes `/tmp/real-libvirtd.lock` (other test suites share the daemon). Outside CI a
//! missing libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::time::{Duration, Instant};

use adw::prelude::*;
use common::guest::{self, virsh, URI};
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

const NAME: &str = "vireo-real-guest";

#[gtk::test]
fn a_guest_started_with_virsh_shows_running_within_a_second() {
    if !guest::libvirtd_answers() {
        return;
    }
    let Some((xml, disk)) = guest::guest_xml(NAME) else {
        return;
    };
    let _lock = guest::lock();
    let _cleanup = guest::Cleanup::new(NAME, disk);
    let xml_path = std::env::temp_dir().join(format!("{NAME}-{}.xml", std::process::id()));
    std::fs::write(&xml_path, &xml).expect("XML written");

    let app = launch(URI);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(URI)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    // Defined outside the app: the row appears (domain-added from libvirt's event).
    virsh(&["define", &xml_path.display().to_string()]).expect("virsh define");
    wait_until(5, "the new row", || {
        shown(&app).iter().any(|r| r.dom().name() == NAME)
    });
    let r = row(&app, NAME);
    assert_eq!(r.state(), DomainState::Shutoff);

    // Started outside the app, on another thread; the main loop keeps running.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let res = virsh(&["start", NAME]);
        let _ = tx.send((res, Instant::now()));
    });
    let mut running_at = None;
    let mut virsh_done: Option<(Result<String, String>, Instant)> = None;
    let deadline = Instant::now() + Duration::from_secs(60);
    let ctx = glib::MainContext::default();
    while running_at.is_none() || virsh_done.is_none() {
        assert!(Instant::now() < deadline, "timed out");
        ctx.iteration(false);
        if running_at.is_none() && r.state() == DomainState::Running {
            running_at = Some(Instant::now());
        }
        if virsh_done.is_none() {
            virsh_done = rx.try_recv().ok();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let (res, done_at) = virsh_done.expect("virsh finished");
    res.expect("virsh start");
    let running_at = running_at.expect("row running");
    let lag = running_at.saturating_duration_since(done_at);
    eprintln!(
        "row running {:?} {} virsh start returned",
        if running_at > done_at {
            running_at - done_at
        } else {
            done_at - running_at
        },
        if running_at > done_at {
            "after"
        } else {
            "before"
        }
    );
    assert!(
        lag < Duration::from_secs(1),
        "row turned running {lag:?} after virsh start"
    );
    screenshot(app.widget(), "real-guest-running");

    // Stopped outside the app.
    virsh(&["destroy", NAME]).expect("virsh destroy");
    let t = Instant::now();
    wait_until(5, "shut off", || r.state() == DomainState::Shutoff);
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    app.widget().close();
    let _ = std::fs::remove_file(&xml_path);
}

/// A managed save of the real guest in the window: the activity's bar follows
/// libvirt's job statistics (data remaining of data total) while QEMU writes the
/// memory out, then says it is saved; the restore is followed too.
#[gtk::test]
fn a_managed_save_shows_libvirts_job_progress() {
    const SAVE_NAME: &str = "vireo-real-save";
    if !guest::libvirtd_answers() {
        return;
    }
    let Some((xml, disk)) = guest::guest_xml(SAVE_NAME) else {
        return;
    };
    let _lock = guest::lock();
    let _cleanup = guest::Cleanup::new(SAVE_NAME, disk);
    let (app, dom) = launch_with_running_guest(&xml, SAVE_NAME);
    settle(1500);
    select(&app, &[SAVE_NAME]);
    let store = app.model().inventory().activities();
    let before = store.n_items();
    activate(&app, "save", None);
    wait_until(5, "the save activity", || store.n_items() > before);
    let act = store
        .item(before)
        .and_downcast::<viewer::backend::Activity>()
        .expect("an activity");
    assert_eq!(act.text(), format!("Saving {SAVE_NAME}"));
    assert_eq!(act.stop_label(), "Abort");
    // (fraction, whether it was read while saving: finishing sets the text first).
    let fractions = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let f = fractions.clone();
    act.connect_fraction_notify(move |a| {
        f.borrow_mut()
            .push((a.fraction(), a.text().starts_with("Saving")))
    });
    let t = Instant::now();
    let mut shot = false;
    wait_until(120, "the save to end", || {
        if !shot && fractions.borrow().iter().any(|&(_, saving)| saving) {
            // The strip while QEMU writes (the save goes on meanwhile).
            shot = true;
            screenshot(app.widget(), "save-progress-real");
            let stop: gtk::Button = find(app.widget(), "activity-stop").expect("abort button");
            assert!(stop.is_visible() && stop.is_sensitive());
        }
        act.finished()
    });
    let took = t.elapsed();
    let seen = fractions.borrow().clone();
    eprintln!("managed save in the app: {took:?}; progress read from libvirt: {seen:?}");
    assert_eq!(act.text(), format!("Saved {SAVE_NAME}"), "{}", act.text());
    assert!(!act.failed());
    // A reading from libvirt's job statistics arrived while QEMU wrote (the bar pulses
    // until the first).
    assert!(
        seen.iter()
            .any(|&(f, saving)| saving && (0.0..=1.0).contains(&f)),
        "no job progress seen: {seen:?}"
    );
    wait_until(30, "shut off", || dom.state() == DomainState::Shutoff);
    assert!(dom.saved().expect("managed save flag"));
    settle(100);
    activate(&app, "restore", None);
    wait_until(5, "the restore activity", || {
        (0..store.n_items()).any(|i| {
            store
                .item(i)
                .and_downcast::<viewer::backend::Activity>()
                .is_some_and(|a| a.text() == format!("Restored {SAVE_NAME}"))
        }) || dom.state() == DomainState::Running
    });
    wait_until(60, "running again", || dom.state() == DomainState::Running);

    // Abort, pressed as soon as libvirt reports the job: QEMU stops writing, the save
    // fails and the machine keeps running (no error toast: the user asked for it). The
    // save may still win the race on a fast host; then it is simply saved.
    settle(500);
    select(&app, &[SAVE_NAME]);
    let before = store.n_items();
    let toasts = app.model().toasts_shown().len();
    activate(&app, "save", None);
    wait_until(5, "the second save activity", || store.n_items() > before);
    let act = store
        .item(store.n_items() - 1)
        .and_downcast::<viewer::backend::Activity>()
        .expect("an activity");
    let stop: gtk::Button = {
        let rows = named(app.widget(), "activity");
        let row = rows.last().expect("the save row").clone();
        find(&row, "activity-stop").expect("abort button")
    };
    let s = stop.clone();
    act.connect_fraction_notify(move |a| {
        if a.text().starts_with("Saving") && s.is_sensitive() {
            s.emit_clicked();
        }
    });
    wait_until(120, "the second save to end", || act.finished());
    eprintln!("abort in the app: {}", act.text());
    if act.text() == format!("Saving {SAVE_NAME} was aborted") {
        assert!(!act.failed());
        settle(500);
        assert_eq!(dom.state(), DomainState::Running);
        assert!(!dom.saved().expect("managed save flag"));
        assert_eq!(app.model().toasts_shown().len(), toasts, "no error toast");
    } else {
        assert_eq!(act.text(), format!("Saved {SAVE_NAME}"));
        wait_until(30, "shut off", || dom.state() == DomainState::Shutoff);
    }
    app.widget().close();
}
