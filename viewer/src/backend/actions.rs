//! VM operations, all async on the library's `*_future` methods (never blocking the
//! main loop); errors go to the [`Inventory`]'s error sink with libvirt's message.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use libvirt_gobject::{Domain, DomainState};

use super::{Inventory, VmItem};
use crate::i18n::gettext_f;

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

/// Runs `op` on every VM of `items` it applies to, a few at a time. Each failure is
/// reported with libvirt's message. Returns how many were queued.
pub fn run(inv: &Inventory, op: Op, items: &[VmItem]) -> usize {
    let queue: VecDeque<Domain> = items
        .iter()
        .filter(|i| op.applies_to(i.state()))
        .map(VmItem::dom)
        .collect();
    let n = queue.len();
    let queue = Rc::new(RefCell::new(queue));
    for _ in 0..BULK_CONCURRENCY.min(n) {
        let (inv, queue) = (inv.clone(), queue.clone());
        relm4::spawn_local(async move {
            loop {
                let Some(dom) = queue.borrow_mut().pop_front() else {
                    break;
                };
                if let Err(e) = op.future(&dom).await {
                    inv.report_error(gettext_f(op.what(), &[("name", &dom.name())]), &e);
                }
            }
        });
    }
    n
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
