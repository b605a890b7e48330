//! Progress and cancel of long actions, on the test driver: a bulk start on 1,000
//! machines (progress in the window, Cancel leaves the rest untouched, the main loop
//! keeps running, failures come as one summary), a clone's per-disk progress and its
//! Cancel (no copy and no domain left), and a managed save/restore followed in the
//! window with an Abort button.

mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::prelude::*;
use viewer::backend::Activity;
use viewer::App;

fn uri_of(p: &std::path::Path) -> String {
    format!("test://{}", p.display())
}

/// The activities the window shows now.
fn activities(app: &Controller<App>) -> Vec<Activity> {
    let store = app.model().inventory().activities();
    (0..store.n_items())
        .filter_map(|i| store.item(i).and_downcast::<Activity>())
        .collect()
}

/// The row of the activity strip (the first one shown).
fn strip_row(app: &Controller<App>) -> gtk::ListBoxRow {
    let strip: gtk::Revealer = find(app.widget(), "activity-strip").expect("activity strip");
    assert!(strip.reveals_child(), "the strip is shown");
    find(&strip, "activity").expect("an activity row")
}

/// Waits until `win.<name>` is enabled (the selection's actions follow it).
fn wait_enabled(app: &Controller<App>, name: &str) {
    wait_until(10, name, || {
        app.widget()
            .lookup_action(name)
            .is_some_and(|a| a.is_enabled())
    });
}

/// Records the longest gap between two runs of a 10 ms main-loop timer.
fn loop_gap_probe() -> (Rc<Cell<Duration>>, glib::SourceId) {
    let worst = Rc::new(Cell::new(Duration::ZERO));
    let last = Rc::new(Cell::new(Instant::now()));
    let w = worst.clone();
    let id = glib::timeout_add_local(Duration::from_millis(10), move || {
        let now = Instant::now();
        w.set(w.get().max(now - last.replace(now)));
        glib::ControlFlow::Continue
    });
    (worst, id)
}

/// `{done}` in "… {done} of {total} machines".
fn done_of(text: &str) -> usize {
    let before = text.split(" of ").next().expect("an 'of' in the text");
    let digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().expect("a number before 'of'")
}

/// The states of all domains of the app's connection `uri`, read from libvirt in one call.
fn libvirt_states(app: &Controller<App>, uri: &str) -> Vec<(String, DomainState)> {
    conn_of(app, uri)
        .domain_stats(libvirt_gobject::stats::groups::STATE, 0)
        .expect("domain stats")
        .into_iter()
        .map(|s| {
            let st = s.get_i64("state.state").expect("state field");
            (s.name, DomainState::from_raw(st as i32))
        })
        .collect()
}

#[gtk::test]
fn bulk_start_shows_progress_and_cancel_leaves_the_rest() {
    const N: usize = 1000;
    let (dir, node) = synthetic_node("bulk", N);
    let uri = uri_of(&node);
    let app = launch(&uri);
    wait_until(60, "the list to fill", || shown(&app).len() == N);
    activate(&app, "select-all", None);
    wait_enabled(&app, "start");
    let toasts_before = app.model().toasts_shown().len();
    let (gap, probe) = loop_gap_probe();
    let t0 = Instant::now();
    activate(&app, "start", None);

    // One activity, shown at once with its Cancel button.
    let acts = activities(&app);
    assert_eq!(acts.len(), 1, "one activity for the bulk action");
    let act = acts[0].clone();
    assert_eq!(
        act.text(),
        format!("Starting 0 of {} machines", viewer::i18n::number(N))
    );
    assert_eq!(act.stop_label(), "Cancel");
    // The progress advances...
    let seen: Rc<std::cell::RefCell<Vec<f64>>> = Rc::default();
    let s = seen.clone();
    act.connect_fraction_notify(move |a| s.borrow_mut().push(a.fraction()));
    wait_until(30, "some started", || act.fraction() >= 0.02);
    // ... and Cancel (the button in the window) stops sending the rest.
    let row = strip_row(&app);
    let stop: gtk::Button = find(&row, "activity-stop").expect("cancel button");
    assert!(stop.is_visible() && stop.is_sensitive());
    assert_eq!(stop.label().as_deref(), Some("Cancel"));
    let text: gtk::Label = find(&row, "activity-text").expect("text");
    assert!(text.label().starts_with("Starting "), "{}", text.label());
    let bar: gtk::ProgressBar = find(&row, "activity-bar").expect("bar");
    assert!(bar.fraction() > 0.0 && bar.fraction() < 1.0);
    let returned_at_cancel = (act.fraction() * N as f64).round() as usize;
    stop.emit_clicked();
    assert!(act.stopping() && !stop.is_sensitive());
    wait_until(30, "the bulk action to end", || act.finished());
    let elapsed = t0.elapsed();
    probe.remove();

    let done = done_of(&act.text());
    assert!(
        act.text().starts_with("Cancelled after starting "),
        "{}",
        act.text()
    );
    assert!(
        done >= returned_at_cancel && done <= returned_at_cancel + 8,
        "{done} started; {returned_at_cancel} had returned when cancelled (8 in flight at most)"
    );
    assert!(done < N);
    let fr = seen.borrow();
    assert!(
        fr.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back"
    );
    assert!(fr.len() >= 2, "the bar moved step by step: {fr:?}");
    drop(fr);
    // Exactly the ones reported as started run; the rest are untouched (libvirt says so,
    // and so does the list).
    let states = libvirt_states(&app, &uri);
    assert_eq!(states.len(), N);
    let running = states
        .iter()
        .filter(|(_, s)| *s == DomainState::Running)
        .count();
    let shutoff = states
        .iter()
        .filter(|(_, s)| *s == DomainState::Shutoff)
        .count();
    assert_eq!(running, done);
    assert_eq!(shutoff, N - done);
    wait_until(10, "the list follows", || {
        shown(&app)
            .iter()
            .filter(|r| r.state() == DomainState::Running)
            .count()
            == done
    });
    settle(300);
    assert_eq!(
        libvirt_states(&app, &uri)
            .iter()
            .filter(|(_, s)| *s == DomainState::Running)
            .count(),
        done,
        "nothing more started after the cancel"
    );
    // Never a toast for a successful bulk action.
    assert_eq!(app.model().toasts_shown().len(), toasts_before);
    let worst = gap.get();
    eprintln!(
        "bulk start: {done} of {N} started in {elapsed:?} before the cancel took effect; \
         longest main-loop gap {worst:?}"
    );
    assert!(
        worst < Duration::from_millis(250),
        "the main loop stalled for {worst:?}"
    );
    // The finished row: its outcome and a close button, no progress bar.
    let row = strip_row(&app);
    let close: gtk::Button = find(&row, "activity-close").expect("close button");
    assert!(close.is_visible());
    let bar: gtk::ProgressBar = find(&row, "activity-bar").expect("bar");
    assert!(!bar.is_visible());
    screenshot(app.widget(), "bulk-cancelled");
    close.emit_clicked();
    assert!(activities(&app).is_empty());

    // The rest, to the end: every one started, the main loop still never held up.
    activate(&app, "select-all", None);
    wait_enabled(&app, "start");
    let (gap, probe) = loop_gap_probe();
    let t0 = Instant::now();
    activate(&app, "start", None);
    let act = activities(&app)[0].clone();
    wait_until(60, "the second bulk action to end", || act.finished());
    let elapsed = t0.elapsed();
    probe.remove();
    let rest = viewer::i18n::number(N - done);
    assert_eq!(act.text(), format!("Started {rest} of {rest} machines"));
    assert!(libvirt_states(&app, &uri)
        .iter()
        .all(|(_, s)| *s == DomainState::Running));
    let worst = gap.get();
    eprintln!(
        "bulk start: the other {} started in {elapsed:?}; longest main-loop gap {worst:?}",
        N - done
    );
    assert!(
        worst < Duration::from_millis(250),
        "the main loop stalled for {worst:?}"
    );
    app.widget().close();
    let _ = std::fs::remove_dir_all(dir);
}

/// Failures of a bulk action come as one toast naming some of them with libvirt's
/// message, and the strip counts them.
#[gtk::test]
fn bulk_failures_are_one_summary() {
    let (dir, node) = synthetic_node("bulkfail", 20);
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 20);
    activate(&app, "select-all", None);
    wait_enabled(&app, "start");
    activate(&app, "start", None);
    wait_until(20, "all running", || {
        shown(&app)
            .iter()
            .all(|r| r.state() == DomainState::Running)
    });
    wait_until(10, "the start finished", || {
        activities(&app).iter().all(|a| a.finished())
    });
    let toasts_before = app.model().toasts_shown().len();
    // Stop five behind the list's back (their stop events are not handled yet: the list
    // still shows them running), then pause all: those five fail.
    let rows_before = shown(&app);
    wait_enabled(&app, "pause");
    for r in &rows_before[..5] {
        r.dom().destroy(0).expect("destroyed");
    }
    activate(&app, "pause", None);
    let act = activities(&app)
        .into_iter()
        .find(|a| !a.finished())
        .expect("the pause activity");
    wait_until(20, "the pause finished", || act.finished());
    assert_eq!(
        act.text(),
        "Paused 15 of 20 machines, 5 failed",
        "{}",
        act.text()
    );
    assert!(act.failed());
    settle(100);
    let toasts = app.model().toasts_shown()[toasts_before..].to_vec();
    assert_eq!(
        toasts.len(),
        1,
        "one summary, not a toast per VM: {toasts:?}"
    );
    let t = &toasts[0];
    assert!(t.starts_with("Could not pause 5 machines: "), "{t}");
    assert!(t.ends_with("and 2 more"), "{t}");
    assert_eq!(
        t.matches("not running").count(),
        3,
        "libvirt's message per VM: {t}"
    );
    // The strip's row offers every failure with libvirt's message.
    assert_eq!(act.details().len(), 5);
    let rows = named(app.widget(), "activity");
    let row = rows
        .iter()
        .find(|r| find::<gtk::Label>(*r, "activity-text").is_some_and(|l| l.label() == act.text()))
        .expect("the pause row");
    let details: gtk::Button = find(row, "activity-details").expect("details button");
    assert!(details.is_visible());
    screenshot(app.widget(), "bulk-failed");
    details.emit_clicked();
    let d = dialog("activity-details-dialog");
    let list: gtk::ListBox = find(&d, "activity-details-list").expect("details list");
    let mut n = 0;
    while let Some(row) = list.row_at_index(n) {
        let row = row.downcast::<adw::ActionRow>().expect("a row per failure");
        let r = &rows_before[n as usize];
        assert_eq!(row.title(), r.dom().name());
        assert!(row.subtitle().is_some_and(|s| s.contains("not running")));
        n += 1;
    }
    assert_eq!(n, 5);
    screenshot(&d, "bulk-failed-details");
    d.response("close");
    app.widget().close();
    let _ = std::fs::remove_dir_all(dir);
}

/// The strip as it looks while an action runs (its parts as the window shows them).
#[gtk::test]
fn progress_strip_screenshot() {
    let node = demo_node("strip");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let a = Activity::new("Starting 120 of 1,000 machines");
    a.set_fraction(0.12);
    a.set_stop("Cancel", || {});
    app.model().inventory().track(&a);
    let b = Activity::new("Saving web-frontend");
    b.set_stop("Abort", || {});
    app.model().inventory().track(&b);
    settle(200);
    let strip: gtk::Revealer = find(app.widget(), "activity-strip").expect("strip");
    assert!(strip.reveals_child());
    let rows = named(&strip, "activity");
    assert_eq!(rows.len(), 2);
    let bars: Vec<gtk::Widget> = named(&strip, "activity-bar");
    assert!(bars.iter().all(|b| b.is_visible()));
    dark(false);
    screenshot(app.widget(), "progress-strip-light");
    dark(true);
    screenshot(app.widget(), "progress-strip-dark");
    dark(false);
    // Stopping runs the handler once; finishing shows the outcome.
    let stopped = Rc::new(Cell::new(0));
    let c = Activity::new("x");
    let s = stopped.clone();
    c.set_stop("Cancel", move || s.set(s.get() + 1));
    c.stop();
    c.stop();
    assert_eq!(stopped.get(), 1);
    a.finish("Started 120 of 1,000 machines");
    b.finish("Saved web-frontend");
    settle(100);
    assert!(named(&strip, "activity-close")
        .iter()
        .all(|w| w.is_visible()));
    app.widget().close();
}

/// A clone of a machine with two disks shows which disk is copied; Cancel stops after
/// the copy in flight, deletes the copies and defines nothing. Without Cancel, the
/// progress reaches the end and the clone exists.
#[gtk::test]
fn clone_progress_and_cancel() {
    let node = demo_node("clonecancel");
    let uri = uri_of(&node);
    let app = launch(&uri);
    wait_loaded(&app, 12);
    let vols_before = volume_names(&app, &uri, "default");
    select(&app, &["legacy-app"]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    let step: gtk::Label = find(&d, "clone-step").expect("step label");
    let bar: gtk::ProgressBar = find(&d, "clone-progress").expect("progress bar");
    let entry: gtk::Entry = find(&d, "clone-name").expect("name");
    assert_eq!(entry.text(), "legacy-app-clone");
    // Cancel as soon as the first copy starts: it completes (libvirt cannot stop a
    // copy), the second never starts, and the first is deleted again.
    let steps: Rc<std::cell::RefCell<Vec<String>>> = Rc::default();
    let (s, dd) = (steps.clone(), d.clone());
    step.connect_label_notify(move |l| {
        let t = l.label().to_string();
        if t.starts_with("Copying disk 1 of 2") {
            dd.response("cancel");
        }
        s.borrow_mut().push(t);
    });
    let top = Rc::new(Cell::new(0.0f64));
    let t = top.clone();
    bar.connect_fraction_notify(move |b| t.set(t.get().max(b.fraction())));
    d.response("clone");
    assert!(bar.is_visible() && step.is_visible());
    assert!(!entry.is_sensitive(), "the name is fixed while copying");
    wait_until(10, "the dialog to close", || !d.is_visible());
    let steps = steps.borrow().clone();
    assert!(
        steps
            .iter()
            .any(|s| s == "Copying disk 1 of 2 (legacy-app-clone.qcow2)"),
        "{steps:?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s == "Cancelling after the current disk…"),
        "{steps:?}"
    );
    assert!(
        !steps.iter().any(|s| s.starts_with("Copying disk 2")),
        "{steps:?}"
    );
    // The first disk (6 of 8 GiB allocated in all) was copied before the cancel.
    assert_eq!(top.get(), 0.75);
    assert!(conn_of(&app, &uri)
        .find_domain_by_name("legacy-app-clone")
        .is_none());
    assert!(!shown(&app)
        .iter()
        .any(|r| r.dom().name() == "legacy-app-clone"));
    assert_eq!(
        volume_names(&app, &uri, "default"),
        vols_before,
        "copies removed"
    );

    // Again, to the end: both disks, progress up to 1.
    select(&app, &["legacy-app"]);
    activate(&app, "clone", None);
    let d = dialog("clone-dialog");
    let step: gtk::Label = find(&d, "clone-step").expect("step label");
    let bar: gtk::ProgressBar = find(&d, "clone-progress").expect("progress bar");
    let steps: Rc<std::cell::RefCell<Vec<String>>> = Rc::default();
    let s = steps.clone();
    step.connect_label_notify(move |l| s.borrow_mut().push(l.label().to_string()));
    let top = Rc::new(Cell::new(0.0f64));
    let t = top.clone();
    bar.connect_fraction_notify(move |b| t.set(t.get().max(b.fraction())));
    d.response("clone");
    wait_until(10, "the clone row", || {
        shown(&app)
            .iter()
            .any(|r| r.dom().name() == "legacy-app-clone")
    });
    let steps = steps.borrow().clone();
    assert!(
        steps.iter().any(|s| s.starts_with("Copying disk 1 of 2"))
            && steps.iter().any(|s| s.starts_with("Copying disk 2 of 2")),
        "{steps:?}"
    );
    assert_eq!(top.get(), 1.0);
    let vols = volume_names(&app, &uri, "default");
    assert_eq!(vols.len(), vols_before.len() + 2, "{vols:?}");
    app.widget().close();
}

/// A managed save and the restore are followed in the window with an Abort button
/// (the test driver saves at once and has no job to report: the bar pulses).
#[gtk::test]
fn managed_save_and_restore_are_followed() {
    let node = demo_node("savejob");
    let app = launch(&uri_of(&node));
    wait_loaded(&app, 12);
    let r = row(&app, "web-frontend");
    select(&app, &["web-frontend"]);
    activate(&app, "save", None);
    wait_until(5, "the save activity", || !activities(&app).is_empty());
    let act = activities(&app)[0].clone();
    assert_eq!(act.stop_label(), "Abort");
    wait_until(10, "saved", || act.finished());
    assert_eq!(act.text(), "Saved web-frontend");
    assert!(!act.failed());
    wait_until(10, "shut off", || r.state() == DomainState::Shutoff);
    assert!(r.dom().saved().expect("managed save flag"));
    settle(50);
    activate(&app, "restore", None);
    let restore = || {
        activities(&app)
            .into_iter()
            .find(|a| a.text().contains("Restor"))
    };
    wait_until(5, "the restore activity", || restore().is_some());
    let act = restore().expect("restore activity");
    wait_until(10, "restored", || act.finished());
    assert_eq!(act.text(), "Restored web-frontend");
    wait_until(10, "running", || r.state() == DomainState::Running);
    // A plain start (no saved image) is no job: no activity.
    let n = activities(&app).len();
    let other = row(&app, "ci-runner-2");
    select(&app, &["ci-runner-2"]);
    activate(&app, "start", None);
    wait_until(10, "started", || other.state() == DomainState::Running);
    assert_eq!(activities(&app).len(), n);
    app.widget().close();
}
