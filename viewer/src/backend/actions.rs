//! VM operations, all async on the library's `*_future` methods (never blocking the
//! main loop); errors go to the [`Inventory`]'s error sink with libvirt's message.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use libvirt_gobject::{Domain, DomainState};

use futures_util::future::{select, Either};

use super::{Activity, Inventory, VmItem};
use crate::i18n::{gettext_f, number, tr};

/// A lifecycle operation on one or many VMs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Start (or restore from a managed save).
    Start,
    /// Graceful shutdown (ACPI).
    Shutdown,
    /// Reboot.
    Reboot,
    /// Force off (destroy).
    ForceOff,
    /// Pause.
    Pause,
    /// Resume.
    Resume,
    /// Managed save (the next start restores it).
    Save,
}

impl Op {
    /// The action name (`win.<name>`).
    pub fn action_name(self) -> &'static str {
        match self {
            Op::Start => "start",
            Op::Shutdown => "shutdown",
            Op::Reboot => "reboot",
            Op::ForceOff => "force-off",
            Op::Pause => "pause",
            Op::Resume => "resume",
            Op::Save => "save",
        }
    }

    /// All operations.
    pub const ALL: [Op; 7] = [
        Op::Start,
        Op::Shutdown,
        Op::Reboot,
        Op::ForceOff,
        Op::Pause,
        Op::Resume,
        Op::Save,
    ];

    /// Whether the operation makes sense in `state` (bulk actions skip the others).
    pub fn applies_to(self, state: DomainState) -> bool {
        use DomainState as S;
        match self {
            Op::Start => matches!(state, S::Shutoff | S::Crashed | S::None),
            Op::Shutdown | Op::Reboot => matches!(state, S::Running | S::Blocked),
            Op::ForceOff => state.is_active() || state == S::Crashed,
            Op::Pause => matches!(state, S::Running | S::Blocked),
            Op::Resume => matches!(state, S::Paused | S::PmSuspended),
            Op::Save => matches!(state, S::Running | S::Paused | S::Blocked),
        }
    }

    fn what(self) -> &'static str {
        match self {
            // Translators: {name} is a virtual machine.
            Op::Start => "Could not start {name}",
            Op::Shutdown => "Could not shut down {name}",
            Op::Reboot => "Could not reboot {name}",
            Op::ForceOff => "Could not force off {name}",
            Op::Pause => "Could not pause {name}",
            Op::Resume => "Could not resume {name}",
            Op::Save => "Could not save {name}",
        }
    }

    fn future(self, d: &Domain) -> Pin<Box<dyn Future<Output = Result<(), glib::Error>>>> {
        match self {
            Op::Start => Box::pin(d.start_future(0)),
            Op::Shutdown => Box::pin(d.shutdown_future(0)),
            Op::Reboot => Box::pin(d.reboot_future(0)),
            Op::ForceOff => Box::pin(d.destroy_future(0)),
            Op::Pause => Box::pin(d.suspend_future()),
            Op::Resume => Box::pin(d.resume_future()),
            Op::Save => Box::pin(d.save_future(0)),
        }
    }
}

/// How many operations of one bulk action are in flight at once. Each completion is its
/// own main-loop dispatch, so a bulk action on thousands of VMs never polls thousands of
/// futures in one go (and never floods libvirtd).
const BULK_CONCURRENCY: usize = 8;

/// How many failed VMs the summary of a bulk action names (the rest are counted).
const NAMED_FAILURES: usize = 3;

/// How often the progress of a managed save or restore is read from libvirt.
const JOB_POLL: std::time::Duration = std::time::Duration::from_millis(100);

impl Op {
    /// While a bulk action runs: `{done}` of `{total}` finished.
    fn bulk_running(self) -> &'static str {
        match self {
            // Translators: {done} and {total} are numbers of virtual machines.
            Op::Start => "Starting {done} of {total} machines",
            Op::Shutdown => "Shutting down {done} of {total} machines",
            Op::Reboot => "Rebooting {done} of {total} machines",
            Op::ForceOff => "Forcing off {done} of {total} machines",
            Op::Pause => "Pausing {done} of {total} machines",
            Op::Resume => "Resuming {done} of {total} machines",
            Op::Save => "Saving {done} of {total} machines",
        }
    }

    /// When a bulk action ended: `{done}` of `{total}` succeeded.
    fn bulk_done(self) -> &'static str {
        match self {
            // Translators: {done} and {total} are numbers of virtual machines.
            Op::Start => "Started {done} of {total} machines",
            Op::Shutdown => "Shut down {done} of {total} machines",
            Op::Reboot => "Rebooted {done} of {total} machines",
            Op::ForceOff => "Forced off {done} of {total} machines",
            Op::Pause => "Paused {done} of {total} machines",
            Op::Resume => "Resumed {done} of {total} machines",
            Op::Save => "Saved {done} of {total} machines",
        }
    }

    /// When a bulk action was cancelled: `{done}` of `{total}` succeeded.
    fn bulk_cancelled(self) -> &'static str {
        match self {
            // Translators: {done} and {total} are numbers of virtual machines.
            Op::Start => "Cancelled after starting {done} of {total} machines",
            Op::Shutdown => "Cancelled after shutting down {done} of {total} machines",
            Op::Reboot => "Cancelled after rebooting {done} of {total} machines",
            Op::ForceOff => "Cancelled after forcing off {done} of {total} machines",
            Op::Pause => "Cancelled after pausing {done} of {total} machines",
            Op::Resume => "Cancelled after resuming {done} of {total} machines",
            Op::Save => "Cancelled after saving {done} of {total} machines",
        }
    }

    /// The summary of several failures.
    fn bulk_failed(self) -> &'static str {
        match self {
            // Translators: {count} is a number of virtual machines, {list} names some
            // of them, each with libvirt's message.
            Op::Start => "Could not start {count} machines: {list}",
            Op::Shutdown => "Could not shut down {count} machines: {list}",
            Op::Reboot => "Could not reboot {count} machines: {list}",
            Op::ForceOff => "Could not force off {count} machines: {list}",
            Op::Pause => "Could not pause {count} machines: {list}",
            Op::Resume => "Could not resume {count} machines: {list}",
            Op::Save => "Could not save {count} machines: {list}",
        }
    }
}

/// Runs `op` on every VM of `items` it applies to. Each failure is reported with
/// libvirt's message. On more than one VM the window shows the progress with a Cancel
/// button ([`Inventory::activities`]) and the failures come as one summary; a managed
/// save, or a start that restores one, shows libvirt's job progress and an Abort button.
/// Returns how many were queued.
pub fn run(inv: &Inventory, op: Op, items: &[VmItem]) -> usize {
    let doms: VecDeque<Domain> = items
        .iter()
        .filter(|i| op.applies_to(i.current_state()))
        .map(VmItem::dom)
        .collect();
    let n = doms.len();
    match n {
        0 => {}
        1 => {
            let (inv, dom) = (inv.clone(), doms[0].clone());
            relm4::spawn_local(async move { run_one(&inv, op, &dom).await });
        }
        _ => run_bulk(inv, op, doms),
    }
    n
}

/// One VM: a save, or a start from a managed save image, is a libvirt job followed in
/// the window; other operations are quick.
async fn run_one(inv: &Inventory, op: Op, dom: &Domain) {
    let job = match op {
        Op::Save => true,
        Op::Start => dom.saved_future().await.unwrap_or(false),
        _ => false,
    };
    if job {
        run_job(inv, op, dom).await;
    } else if let Err(e) = op.future(dom).await {
        inv.report_error(gettext_f(op.what(), &[("name", &dom.name())]), &e);
    }
}

/// Runs a managed save (or a restore) with its progress read from libvirt's job
/// statistics and an Abort button (`virDomainAbortJob`).
async fn run_job(inv: &Inventory, op: Op, dom: &Domain) {
    let name = dom.name();
    let save = op == Op::Save;
    let args = [("name", name.as_str())];
    let activity = Activity::new(&if save {
        // Translators: {name} is a virtual machine.
        gettext_f("Saving {name}", &args)
    } else {
        gettext_f("Restoring {name}", &args)
    });
    {
        let (inv, dom, name) = (inv.clone(), dom.clone(), name.clone());
        activity.set_stop(&tr("Abort"), move || {
            relm4::spawn_local(async move {
                if let Err(e) = dom.abort_job_future().await {
                    inv.report_error(
                        gettext_f("Could not abort the job of {name}", &[("name", &name)]),
                        &e,
                    );
                }
            });
        });
    }
    inv.track(&activity);
    let watch = {
        let (dom, activity) = (dom.clone(), activity.clone());
        async move {
            loop {
                glib::timeout_future(JOB_POLL).await;
                if let Ok(job) = dom.job_info_future(0).await {
                    if let Some(f) = job.fraction() {
                        activity.set_fraction(f);
                    }
                }
            }
        }
    };
    let res = match select(op.future(dom), Box::pin(watch)).await {
        Either::Left((r, _)) => r,
        Either::Right(((), _)) => unreachable!("the progress watch never ends"),
    };
    match res {
        Ok(()) => activity.finish(&if save {
            gettext_f("Saved {name}", &args)
        } else {
            gettext_f("Restored {name}", &args)
        }),
        Err(_) if activity.stopping() => {
            activity.finish(&if save {
                gettext_f("Saving {name} was aborted", &args)
            } else {
                gettext_f("Restoring {name} was aborted", &args)
            });
        }
        Err(e) => {
            let what = gettext_f(op.what(), &args);
            activity.set_failed(true);
            activity.finish(&format!("{what}: {}", e.message()));
            inv.report_error(what, &e);
        }
    }
}

/// A bulk action in progress.
struct Bulk {
    inv: Inventory,
    op: Op,
    total: usize,
    queue: RefCell<VecDeque<Domain>>,
    /// Operations that returned (success or failure).
    returned: Cell<usize>,
    failures: RefCell<Vec<(String, String)>>,
    cancelled: Cell<bool>,
    workers: Cell<usize>,
    activity: Activity,
}

impl Bulk {
    /// `msgid` with `{done}` and `{total}` filled in.
    fn text(&self, msgid: &str, done: usize) -> String {
        gettext_f(
            msgid,
            &[("done", &number(done)), ("total", &number(self.total))],
        )
    }

    fn show_progress(&self) {
        let done = self.returned.get();
        self.activity
            .set_text(self.text(self.op.bulk_running(), done));
        self.activity
            .set_fraction(done as f64 / self.total.max(1) as f64);
    }

    /// The last worker ended: the final text, and one report for all failures.
    fn finish(&self) {
        let mut failures = self.failures.take();
        failures.sort();
        let ok = self.returned.get() - failures.len();
        let mut text = if self.cancelled.get() {
            self.text(self.op.bulk_cancelled(), ok)
        } else {
            self.text(self.op.bulk_done(), ok)
        };
        if !failures.is_empty() {
            self.activity.set_failed(true);
            self.activity.set_details(
                failures
                    .iter()
                    .map(|(name, msg)| format!("{name}: {msg}"))
                    .collect(),
            );
            // Translators: appended to "Started 9 of 10 machines"; {count} is a number.
            text.push_str(&gettext_f(
                ", {count} failed",
                &[("count", &number(failures.len()))],
            ));
        }
        self.activity.finish(&text);
        match failures.as_slice() {
            [] => {}
            [(name, msg)] => self.inv.report(format!(
                "{}: {msg}",
                gettext_f(self.op.what(), &[("name", name)])
            )),
            many => {
                let mut list: Vec<String> = many
                    .iter()
                    .take(NAMED_FAILURES)
                    .map(|(n, m)| format!("{n} ({m})"))
                    .collect();
                if many.len() > NAMED_FAILURES {
                    // Translators: the end of a list of machines that failed.
                    list.push(gettext_f(
                        "and {count} more",
                        &[("count", &number(many.len() - NAMED_FAILURES))],
                    ));
                }
                self.inv.report(gettext_f(
                    self.op.bulk_failed(),
                    &[("count", &number(many.len())), ("list", &list.join("; "))],
                ));
            }
        }
    }
}

/// Runs `op` on `doms`, a few at a time, with its progress and a Cancel button in the
/// window: cancelling stops sending the rest (those already sent finish).
fn run_bulk(inv: &Inventory, op: Op, doms: VecDeque<Domain>) {
    let bulk = Rc::new(Bulk {
        inv: inv.clone(),
        op,
        total: doms.len(),
        queue: RefCell::new(doms),
        returned: Cell::new(0),
        failures: RefCell::default(),
        cancelled: Cell::new(false),
        workers: Cell::new(0),
        activity: Activity::new(""),
    });
    bulk.show_progress();
    let weak = Rc::downgrade(&bulk);
    bulk.activity.set_stop(&tr("Cancel"), move || {
        if let Some(b) = weak.upgrade() {
            b.cancelled.set(true);
            b.queue.borrow_mut().clear();
        }
    });
    inv.track(&bulk.activity);
    for _ in 0..BULK_CONCURRENCY.min(bulk.total) {
        bulk.workers.set(bulk.workers.get() + 1);
        let bulk = bulk.clone();
        relm4::spawn_local(async move {
            loop {
                let Some(dom) = bulk.queue.borrow_mut().pop_front() else {
                    break;
                };
                let res = op.future(&dom).await;
                if let Err(e) = res {
                    tracing::warn!(domain = %dom.name(), error = %e, "bulk action failed");
                    bulk.failures
                        .borrow_mut()
                        .push((dom.name(), e.message().to_owned()));
                }
                bulk.returned.set(bulk.returned.get() + 1);
                bulk.show_progress();
            }
            bulk.workers.set(bulk.workers.get() - 1);
            if bulk.workers.get() == 0 {
                bulk.finish();
            }
        });
    }
}

/// Adds `add` and removes `remove` from the tags of each VM, in Vireo's `<metadata>`
/// element of its persistent configuration (typed gconfig edit + `set_config`).
pub fn edit_tags(inv: &Inventory, items: &[VmItem], add: &[String], remove: &[String]) {
    for item in items {
        let dom = item.dom();
        let (inv, item) = (inv.clone(), item.clone());
        let (add, remove) = (add.to_vec(), remove.to_vec());
        relm4::spawn_local(async move {
            let res = async {
                // VIR_DOMAIN_XML_INACTIVE: edit the persistent definition.
                let cfg = dom.config_future(2).await?;
                let mut tags = super::tags::read(&cfg);
                tags.retain(|t| !remove.contains(t));
                for t in add {
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                super::tags::write(&cfg, &tags)
                    .map_err(|e| glib::Error::new(gio::IOErrorEnum::InvalidData, &e.to_string()))?;
                dom.set_config_future(&cfg).await?;
                Ok::<_, glib::Error>(cfg)
            }
            .await;
            match res {
                Ok(cfg) => inv.apply_details(&item, &cfg),
                Err(e) => inv.report_error(
                    gettext_f("Could not tag {name}", &[("name", &dom.name())]),
                    &e,
                ),
            }
        });
    }
}

/// Turns autostart on or off for `dom`; a failure is reported with libvirt's message.
pub async fn apply_autostart(inv: &Inventory, dom: &Domain, on: bool) {
    if let Err(e) = dom.set_autostart_future(on).await {
        inv.report_error(
            gettext_f(
                "Could not change autostart of {name}",
                &[("name", &dom.name())],
            ),
            &e,
        );
    }
}

/// Turns autostart on or off for each VM.
pub fn set_autostart(inv: &Inventory, items: &[VmItem], on: bool) {
    for item in items {
        let (inv, dom) = (inv.clone(), item.dom());
        relm4::spawn_local(async move { apply_autostart(&inv, &dom, on).await });
    }
}
