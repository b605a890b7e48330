//! The new-VM assistant: a modal window with four pages — install source, system (OS
//! from libosinfo, memory, vCPUs, firmware, acceleration), storage and network, summary
//! — and a progress page while the VM is created.
//!
//! Host limits come from the connection's domain capabilities and node info, OS
//! defaults from libosinfo ([`osdb`]), the XML from gconfig ([`plan`]); creation with
//! rollback is in [`create`]. Every libvirt call is a `*_future` awaited with
//! `relm4::spawn_local`.

pub mod create;
pub mod osdb;
pub mod pages;
pub mod plan;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use adw::prelude::*;
use libvirt_gobject::{Connection, Domain};

use crate::backend::{ConnState, Inventory};
use crate::factories::connection_row::title_for;
use crate::i18n::tr;
use create::{Cancel, CreateError, Step};
use osdb::{OsDb, OsEntry};
use pages::{build, selected_string, strings, Widgets};
use plan::{
    clamped_defaults, DiskChoice, FirmwareChoice, HostLimits, InstallSource, NetChoice, Plan,
};

const MIB: u64 = 1024 * 1024;

/// The pages, in order.
pub const PAGES: [&str; 4] = ["source", "system", "storage", "summary"];

/// Where the assistant is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Loading host data and the OS database.
    Loading,
    /// The user fills in the pages.
    Editing,
    /// Creating.
    Running,
    /// Created this domain.
    Done(String),
    /// Cancelled: everything created was removed.
    Cancelled,
    /// Failed with this message.
    Failed(String),
}

/// Called on each creation step.
type StepHook = Box<dyn Fn(&Step)>;
/// Called with the new domain and whether to show its console.
type DoneHook = Box<dyn Fn(&Domain, bool)>;

struct Inner {
    w: Widgets,
    inv: Inventory,
    conns: RefCell<Vec<Connection>>,
    db: RefCell<Option<Rc<OsDb>>>,
    oses: RefCell<Vec<OsEntry>>,
    limits: RefCell<HostLimits>,
    defaults: RefCell<Option<osdb::OsDefaults>>,
    phase: RefCell<Phase>,
    cancel: RefCell<Option<Cancel>>,
    step_hooks: RefCell<Vec<StepHook>>,
    on_done: DoneHook,
    summary_rows: RefCell<Vec<adw::ActionRow>>,
    loads: Cell<u32>,
}

/// A running assistant.
#[derive(Clone)]
pub struct NewVm(Rc<Inner>);

thread_local! {
    static CURRENT: RefCell<Weak<Inner>> = const { RefCell::new(Weak::new()) };
}

/// Opens the assistant over `parent`; `on_done` gets the new domain and whether its
/// console should be shown.
pub fn show(
    parent: &impl IsA<gtk::Widget>,
    inv: &Inventory,
    on_done: impl Fn(&Domain, bool) + 'static,
) -> NewVm {
    let w = build(super::window_of(parent).as_ref());
    let nv = NewVm(Rc::new(Inner {
        w,
        inv: inv.clone(),
        conns: RefCell::new(Vec::new()),
        db: RefCell::new(None),
        oses: RefCell::new(Vec::new()),
        limits: RefCell::new(HostLimits::default()),
        defaults: RefCell::new(None),
        phase: RefCell::new(Phase::Loading),
        cancel: RefCell::new(None),
        step_hooks: RefCell::new(Vec::new()),
        on_done: Box::new(on_done),
        summary_rows: RefCell::new(Vec::new()),
        loads: Cell::new(0),
    }));
    CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(&nv.0));
    nv.connect();
    // The window keeps the assistant alive until it closes.
    let keep = RefCell::new(Some(nv.clone()));
    nv.0.w.window.connect_close_request(move |_| {
        keep.borrow_mut().take();
        glib::Propagation::Proceed
    });
    nv.fill_connections();
    nv.load_db();
    nv.show_page("source");
    nv.0.w.window.present();
    nv
}

impl NewVm {
    /// The assistant opened last, while its window is open.
    pub fn current() -> Option<NewVm> {
        CURRENT.with(|c| c.borrow().upgrade()).map(NewVm)
    }

    /// Its widgets.
    pub fn widgets(&self) -> &Widgets {
        &self.0.w
    }

    /// Where it is.
    pub fn phase(&self) -> Phase {
        self.0.phase.borrow().clone()
    }

    /// The host limits of the chosen connection.
    pub fn limits(&self) -> HostLimits {
        self.0.limits.borrow().clone()
    }

    /// The OSes offered (index `i` is entry `i + 1` of the OS drop-down; entry 0 is
    /// "Generic / unknown").
    pub fn oses(&self) -> Vec<OsEntry> {
        self.0.oses.borrow().clone()
    }

    /// Whether host data and the OS database are loaded.
    pub fn is_ready(&self) -> bool {
        *self.0.phase.borrow() != Phase::Loading
    }

    /// Calls `f` on every creation step, before the step runs (the Cancel button and
    /// tests react to steps).
    pub fn connect_step(&self, f: impl Fn(&Step) + 'static) {
        self.0.step_hooks.borrow_mut().push(Box::new(f));
    }

    /// Selects the OS with libosinfo id `id` (as picking it in the drop-down does).
    pub fn select_os(&self, id: &str) -> bool {
        let pos = self.0.oses.borrow().iter().position(|o| o.id == id);
        match pos.and_then(|p| u32::try_from(p + 1).ok()) {
            Some(p) => {
                self.0.w.os.set_selected(p);
                true
            }
            None => false,
        }
    }

    fn set_phase(&self, p: Phase) {
        *self.0.phase.borrow_mut() = p;
        self.update_buttons();
    }

    fn connect(&self) {
        let w = &self.0.w;
        let weak = Rc::downgrade(&self.0);
        let me = move || weak.upgrade().map(NewVm);
        let m = me.clone();
        w.next.connect_clicked(move |_| {
            if let Some(s) = m() {
                s.next();
            }
        });
        let m = me.clone();
        w.back.connect_clicked(move |_| {
            if let Some(s) = m() {
                s.back();
            }
        });
        let m = me.clone();
        w.cancel.connect_clicked(move |_| {
            if let Some(s) = m() {
                s.cancel();
            }
        });
        let m = me.clone();
        w.source.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.source_changed();
            }
        });
        let m = me.clone();
        w.connection.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.load_host();
            }
        });
        let m = me.clone();
        w.os.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.os_changed();
            }
        });
        let m = me.clone();
        w.iso.connect_changed(move |_| {
            if let Some(s) = m() {
                s.detect_iso();
            }
        });
        let m = me.clone();
        w.disk_mode.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.storage_changed();
            }
        });
        let m = me.clone();
        w.pool.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.load_volumes();
            }
        });
        let m = me.clone();
        w.net_mode.connect_selected_notify(move |_| {
            if let Some(s) = m() {
                s.storage_changed();
            }
        });
        let m = me;
        w.window.connect_close_request(move |_| {
            // Closing while creating cancels (and cleans up) first.
            match m() {
                Some(s) if *s.0.phase.borrow() == Phase::Running => {
                    s.cancel();
                    glib::Propagation::Stop
                }
                _ => glib::Propagation::Proceed,
            }
        });
        self.source_changed();
        self.storage_changed();
    }

    fn visible_page(&self) -> String {
        self.0
            .w
            .stack
            .visible_child_name()
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    fn show_page(&self, name: &str) {
        let w = &self.0.w;
        if name == "summary" {
            self.fill_summary();
        }
        w.stack.set_visible_child_name(name);
        let idx = PAGES.iter().position(|p| *p == name);
        let sub = match idx {
            Some(i) => format!(
                "{} {} / {} · {}",
                tr("Step"),
                i + 1,
                PAGES.len(),
                tr(match name {
                    "source" => "Install source",
                    "system" => "Operating system and resources",
                    "storage" => "Storage and network",
                    _ => "Summary",
                })
            ),
            None => String::new(),
        };
        w.title.set_subtitle(&sub);
        self.update_buttons();
    }

    fn update_buttons(&self) {
        let w = &self.0.w;
        let page = self.visible_page();
        let phase = self.0.phase.borrow().clone();
        let idx = PAGES.iter().position(|p| *p == page);
        w.back
            .set_visible(matches!(idx, Some(i) if i > 0) || matches!(phase, Phase::Failed(_)));
        w.back.set_sensitive(phase != Phase::Running);
        match (&phase, idx) {
            (Phase::Done(_) | Phase::Cancelled, _) => {
                w.next.set_visible(false);
            }
            (Phase::Running | Phase::Failed(_), None) => w.next.set_visible(false),
            (_, Some(i)) if i + 1 == PAGES.len() => {
                w.next.set_visible(true);
                w.next.set_label(&tr("Create"));
                let ok = self.plan().problems(&self.0.limits.borrow()).is_empty();
                w.next.set_sensitive(ok && phase == Phase::Editing);
            }
            _ => {
                w.next.set_visible(true);
                w.next.set_label(&tr("Next"));
                w.next.set_sensitive(phase == Phase::Editing);
            }
        }
        w.cancel.set_label(&match phase {
            Phase::Done(_) | Phase::Cancelled => tr("Close"),
            _ => tr("Cancel"),
        });
    }

    fn next(&self) {
        let page = self.visible_page();
        match PAGES.iter().position(|p| *p == page) {
            Some(i) if i + 1 < PAGES.len() => self.show_page(PAGES[i + 1]),
            Some(_) => self.run(),
            None => {}
        }
    }

    fn back(&self) {
        let page = self.visible_page();
        match PAGES.iter().position(|p| *p == page) {
            Some(i) if i > 0 => self.show_page(PAGES[i - 1]),
            None => {
                // After a failure: back to the summary to change something.
                self.set_phase(Phase::Editing);
                self.show_page("summary");
            }
            _ => {}
        }
    }

    fn cancel(&self) {
        let phase = self.0.phase.borrow().clone();
        if phase == Phase::Running {
            if let Some(c) = self.0.cancel.borrow().as_ref() {
                c.cancel();
            }
            self.0.w.status.set_label(&tr("Cancelling…"));
            self.0.w.cancel.set_sensitive(false);
        } else {
            self.0.w.window.close();
        }
    }

    fn source_changed(&self) {
        let w = &self.0.w;
        let s = w.source.selected();
        w.iso.set_visible(s == 0);
        w.url.set_visible(s == 1);
        w.image.set_visible(s == 2);
        for r in [&w.kernel, &w.initrd, &w.cmdline] {
            r.set_visible(s == 3);
        }
        // An imported image is the disk; the others get a new one by default.
        if s == 2 {
            w.disk_mode.set_selected(2);
        } else if w.disk_mode.selected() == 2 {
            w.disk_mode.set_selected(0);
        }
        w.detected
            .set_visible(s == 0 && !w.detected.label().is_empty());
    }

    fn storage_changed(&self) {
        let w = &self.0.w;
        let d = w.disk_mode.selected();
        w.pool.set_visible(d != 2);
        w.size_row.set_visible(d == 0);
        w.volume.set_visible(d == 1);
        if d == 1 {
            self.load_volumes();
        }
        let n = w.net_mode.selected();
        w.network.set_visible(n == 0);
        w.bridge.set_visible(n == 1);
    }

    fn connection(&self) -> Option<Connection> {
        let i = self.0.w.connection.selected() as usize;
        self.0.conns.borrow().get(i).cloned()
    }

    fn fill_connections(&self) {
        let conns: Vec<Connection> = self
            .0
            .inv
            .entries()
            .into_iter()
            .filter(|e| e.state() == ConnState::Connected)
            .map(|e| e.conn())
            .collect();
        let uris: Vec<String> = conns.iter().map(|c| c.uri()).collect();
        // Named as in the sidebar ("QEMU/KVM", "Demo host"); with the URI when two
        // connections would read the same.
        let titles: Vec<String> = uris.iter().map(|u| title_for(u)).collect();
        let names: Vec<String> = titles
            .iter()
            .zip(&uris)
            .map(|(t, u)| {
                if titles.iter().filter(|x| *x == t).count() > 1 {
                    format!("{t} ({u})")
                } else {
                    t.clone()
                }
            })
            .collect();
        *self.0.conns.borrow_mut() = conns;
        self.0.w.connection.set_model(Some(&strings(&names)));
        if uris.is_empty() {
            self.0
                .w
                .detected
                .set_label(&tr("No connected host: add or connect one first."));
        }
        self.load_host();
    }

    fn begin_load(&self) {
        self.0.loads.set(self.0.loads.get() + 1);
        self.set_phase(Phase::Loading);
    }

    fn end_load(&self) {
        let n = self.0.loads.get().saturating_sub(1);
        self.0.loads.set(n);
        if n == 0 && *self.0.phase.borrow() == Phase::Loading {
            self.set_phase(Phase::Editing);
        }
    }

    fn load_db(&self) {
        self.begin_load();
        let weak = Rc::downgrade(&self.0);
        relm4::spawn_local(async move {
            let r = OsDb::shared().await;
            let Some(s) = weak.upgrade().map(NewVm) else {
                return;
            };
            match r {
                Ok(db) => {
                    let oses = db.oses();
                    let mut names = vec![tr("Generic / unknown OS")];
                    names.extend(oses.iter().map(|o| o.name.clone()));
                    *s.0.oses.borrow_mut() = oses;
                    *s.0.db.borrow_mut() = Some(db);
                    s.0.w.os.set_model(Some(&strings(&names)));
                    s.0.w.os.set_selected(0);
                }
                Err(e) => s.0.w.detected.set_label(&format!(
                    "{}: {}",
                    tr("The OS database could not be loaded"),
                    e.message()
                )),
            }
            s.end_load();
            s.os_changed();
        });
    }

    /// Reads the host's limits, networks and pools for the chosen connection.
    fn load_host(&self) {
        let Some(conn) = self.connection() else {
            return;
        };
        self.begin_load();
        let weak = Rc::downgrade(&self.0);
        relm4::spawn_local(async move {
            let node = conn.node_info_future().await;
            // The test driver has no domain capabilities: node info alone then.
            let caps = conn
                .domain_capabilities_future(None, None, None, None, 0)
                .await
                .ok();
            let fetched = conn.fetch_networks_and_pools_future().await;
            let Some(s) = weak.upgrade().map(NewVm) else {
                return;
            };
            let (cpus, mem) = node
                .as_ref()
                .map_or((1, 512 * 1024), |n| (n.cpus, n.memory));
            let limits = HostLimits::from_caps(caps.as_deref(), cpus, mem);
            if let Err(e) = fetched {
                s.0.inv.report(format!(
                    "{}: {}",
                    tr("Reading pools and networks"),
                    e.message()
                ));
            }
            s.apply_limits(&conn, limits);
            s.end_load();
            s.os_changed();
        });
    }

    fn apply_limits(&self, conn: &Connection, l: HostLimits) {
        let w = &self.0.w;
        w.memory.set_range(16.0, (l.max_memory / MIB) as f64);
        w.memory_row.set_subtitle(&format!(
            "{} {} MiB",
            tr("Host memory:"),
            l.max_memory / MIB
        ));
        w.vcpus.set_range(1.0, f64::from(l.max_vcpus));
        w.vcpus_row
            .set_subtitle(&format!("{} {}", tr("At most"), l.max_vcpus));
        let mut fw = vec![tr("BIOS")];
        if l.uefi {
            fw.push(tr("UEFI"));
        }
        w.firmware.set_model(Some(&strings(&fw)));
        let mut acc = Vec::new();
        if l.kvm {
            acc.push(tr("KVM"));
        }
        acc.push(tr("TCG (emulation)"));
        w.accel.set_model(Some(&strings(&acc)));
        w.accel.set_selected(0);
        let pools: Vec<String> = conn
            .storage_pools()
            .into_iter()
            .filter(|p| p.active())
            .map(|p| p.name())
            .collect();
        let pos = pools.iter().position(|p| p == "default").unwrap_or(0);
        w.pool.set_model(Some(&strings(&pools)));
        w.pool.set_selected(u32::try_from(pos).unwrap_or(0));
        let nets: Vec<String> = conn.networks().into_iter().map(|n| n.name()).collect();
        let pos = nets.iter().position(|n| n == "default").unwrap_or(0);
        w.network.set_model(Some(&strings(&nets)));
        w.network.set_selected(u32::try_from(pos).unwrap_or(0));
        *self.0.limits.borrow_mut() = l;
    }

    fn load_volumes(&self) {
        let w = &self.0.w;
        if w.disk_mode.selected() != 1 {
            return;
        }
        let (Some(conn), name) = (self.connection(), selected_string(&w.pool)) else {
            return;
        };
        let Some(pool) = conn.find_storage_pool_by_name(&name) else {
            return;
        };
        let weak = Rc::downgrade(&self.0);
        relm4::spawn_local(async move {
            let vols = pool.volumes_future().await;
            let Some(s) = weak.upgrade().map(NewVm) else {
                return;
            };
            let names: Vec<String> = vols
                .map(|v| v.iter().map(|v| v.name()).collect())
                .unwrap_or_default();
            s.0.w.volume.set_model(Some(&strings(&names)));
        });
    }

    fn os_changed(&self) {
        let w = &self.0.w;
        let i = w.os.selected() as usize;
        let os = if i == 0 {
            None
        } else {
            self.0.oses.borrow().get(i - 1).cloned()
        };
        let limits = self.0.limits.borrow().clone();
        let defaults = match (&os, self.0.db.borrow().as_ref()) {
            (Some(o), Some(db)) => db.defaults(&o.id, &limits.arch),
            _ => None,
        };
        let (mem, cpus, disk) = clamped_defaults(defaults.as_ref(), &limits);
        w.memory.set_value((mem / MIB) as f64);
        w.vcpus.set_value(f64::from(cpus));
        if disk.is_multiple_of(1024 * MIB) {
            w.disk_unit.set_selected(1);
            w.disk_size.set_value((disk / (1024 * MIB)) as f64);
        } else {
            w.disk_unit.set_selected(0);
            w.disk_size.set_value((disk / MIB) as f64);
        }
        w.os_row.set_subtitle(
            &os.as_ref()
                .map(|o| {
                    let mut s = o.short_id.clone();
                    if !o.vendor.is_empty() {
                        s = format!("{s} · {}", o.vendor);
                    }
                    if o.eol {
                        s = format!("{s} · {}", tr("end of life"));
                    }
                    s
                })
                .unwrap_or_else(|| tr("No libosinfo data: generic defaults")),
        );
        *self.0.defaults.borrow_mut() = defaults;
        self.update_buttons();
    }

    fn detect_iso(&self) {
        let path = self.0.w.iso.text().to_string();
        let Some(db) = self.0.db.borrow().clone() else {
            return;
        };
        if !std::path::Path::new(&path).is_file() {
            self.0.w.detected.set_label("");
            self.0.w.detected.set_visible(false);
            return;
        }
        let weak = Rc::downgrade(&self.0);
        relm4::spawn_local(async move {
            let r = db.identify_iso(&path).await;
            let Some(s) = weak.upgrade().map(NewVm) else {
                return;
            };
            if s.0.w.iso.text() != path {
                return; // Changed meanwhile.
            }
            let msg = match r {
                Ok(Some(os)) => {
                    s.select_os(&os.id);
                    format!("{} {}", tr("Detected from the image:"), os.name)
                }
                Ok(None) => tr("The image's OS is not in libosinfo's database: choose it."),
                Err(e) => format!("{}: {}", tr("Not an ISO image"), e.message()),
            };
            s.0.w.detected.set_label(&msg);
            s.0.w.detected.set_visible(true);
        });
    }

    /// The plan the pages describe now.
    pub fn plan(&self) -> Plan {
        let w = &self.0.w;
        let source = match w.source.selected() {
            0 => InstallSource::Iso(w.iso.text().trim().to_owned()),
            1 => InstallSource::Url(w.url.text().trim().to_owned()),
            2 => InstallSource::Import(w.image.text().trim().to_owned()),
            _ => InstallSource::Kernel {
                kernel: w.kernel.text().trim().to_owned(),
                initrd: w.initrd.text().trim().to_owned(),
                cmdline: w.cmdline.text().trim().to_owned(),
            },
        };
        let os = w.os.selected() as usize;
        let os_id = (os > 0)
            .then(|| self.0.oses.borrow().get(os - 1).map(|o| o.id.clone()))
            .flatten();
        let size_unit = if w.disk_unit.selected() == 1 {
            1024 * MIB
        } else {
            MIB
        };
        let disk = match w.disk_mode.selected() {
            0 => DiskChoice::New {
                pool: selected_string(&w.pool),
                size: (w.disk_size.value().max(0.0) as u64).saturating_mul(size_unit),
            },
            1 => DiskChoice::Existing {
                pool: selected_string(&w.pool),
                volume: selected_string(&w.volume),
            },
            _ => DiskChoice::None,
        };
        let net = match w.net_mode.selected() {
            0 => NetChoice::Network(selected_string(&w.network)),
            1 => NetChoice::Bridge(w.bridge.text().trim().to_owned()),
            _ => NetChoice::None,
        };
        let d = self.0.defaults.borrow().clone();
        // Without libosinfo data, virtio is the modern default.
        let virtio = |f: fn(&osdb::OsDefaults) -> bool| d.as_ref().is_none_or(f);
        Plan {
            name: w.name.text().trim().to_owned(),
            source,
            os_id,
            memory: (w.memory.value().max(0.0) as u64) * MIB,
            vcpus: w.vcpus.value().max(0.0) as u32,
            disk,
            net,
            firmware: if selected_string(&w.firmware) == tr("UEFI") {
                FirmwareChoice::Uefi
            } else {
                FirmwareChoice::Bios
            },
            kvm: selected_string(&w.accel) == tr("KVM"),
            virtio_disk: virtio(|d| d.virtio_disk),
            virtio_net: virtio(|d| d.virtio_net),
            virtio_gpu: d.as_ref().is_some_and(|d| d.virtio_gpu),
            start: w.start.is_active(),
        }
    }

    fn fill_summary(&self) {
        let w = &self.0.w;
        for r in self.0.summary_rows.borrow_mut().drain(..) {
            w.summary.remove(&r);
        }
        let p = self.plan();
        let limits = self.0.limits.borrow().clone();
        let os_name = p
            .os_id
            .as_ref()
            .and_then(|id| {
                self.0
                    .oses
                    .borrow()
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| o.name.clone())
            })
            .unwrap_or_else(|| tr("Generic / unknown OS"));
        let source = match &p.source {
            InstallSource::Iso(f) => format!("{} {f}", tr("ISO")),
            InstallSource::Url(u) => format!("{} {u}", tr("Network")),
            InstallSource::Import(f) => format!("{} {f}", tr("Import")),
            InstallSource::Kernel { kernel, .. } => format!("{} {kernel}", tr("Kernel")),
        };
        let disk = match &p.disk {
            DiskChoice::None => tr("None"),
            DiskChoice::New { pool, size } => format!(
                "{} {} qcow2 {} {pool}",
                tr("New"),
                plan::size_text(*size),
                tr("in pool")
            ),
            DiskChoice::Existing { pool, volume } => format!("{pool}/{volume}"),
        };
        let net = match &p.net {
            NetChoice::None => tr("None"),
            NetChoice::Network(n) => format!("{} {n}", tr("Virtual network")),
            NetChoice::Bridge(b) => format!("{} {b}", tr("Bridge")),
        };
        let rows = [
            (tr("Name"), p.name.clone()),
            (tr("Connection"), selected_string(&w.connection)),
            (tr("Operating system"), os_name),
            (tr("Install from"), source),
            (
                tr("Memory and vCPUs"),
                format!("{} · {} vCPU", plan::size_text(p.memory), p.vcpus),
            ),
            (tr("Disk"), disk),
            (tr("Network"), net),
            (
                tr("Firmware and acceleration"),
                format!(
                    "{} · {}",
                    if p.firmware == FirmwareChoice::Uefi {
                        "UEFI"
                    } else {
                        "BIOS"
                    },
                    if p.kvm { "KVM" } else { "TCG" }
                ),
            ),
        ];
        let mut made = Vec::new();
        for (t, v) in rows {
            let r = adw::ActionRow::builder()
                .title(t)
                .subtitle(glib::markup_escape_text(&v).as_str())
                .build();
            r.add_css_class("property");
            w.summary.add(&r);
            made.push(r);
        }
        *self.0.summary_rows.borrow_mut() = made;
        let problems = p.problems(&limits);
        w.problems.set_label(&problems.join("\n"));
        w.problems.set_visible(!problems.is_empty());
    }

    fn emit(&self, step: &Step) {
        let w = &self.0.w;
        let (text, frac) = match step {
            Step::Uploading(done, total) => (
                format!(
                    "{} {} / {} MiB",
                    tr("Uploading the ISO:"),
                    done / MIB,
                    total / MIB
                ),
                Some(if *total == 0 {
                    1.0
                } else {
                    *done as f64 / *total as f64
                }),
            ),
            Step::AllocatingDisk => (tr("Allocating the disk…"), None),
            Step::DiskReady(p) => (format!("{} {p}", tr("Disk ready:")), Some(0.5)),
            Step::Defining => (tr("Defining the machine…"), Some(0.6)),
            Step::Defined => (tr("Defined."), Some(0.75)),
            Step::Starting => (tr("Starting…"), Some(0.9)),
            Step::RollingBack => (tr("Removing what was created…"), None),
        };
        w.status.set_label(&text);
        match frac {
            Some(f) => {
                w.progress.set_fraction(f);
                w.progress.set_text(Some(&format!("{:.0} %", f * 100.0)));
            }
            None => {
                w.progress.pulse();
                w.progress.set_text(Some(""));
            }
        }
        for h in self.0.step_hooks.borrow().iter() {
            h(step);
        }
    }

    /// Creates the VM (the Create button).
    fn run(&self) {
        let plan = self.plan();
        let limits = self.0.limits.borrow().clone();
        if !plan.problems(&limits).is_empty() {
            return;
        }
        let Some(conn) = self.connection() else {
            return;
        };
        let cancel = Cancel::default();
        *self.0.cancel.borrow_mut() = Some(cancel.clone());
        self.set_phase(Phase::Running);
        let w = &self.0.w;
        w.progress_page.set_title(&tr("Creating the Machine"));
        w.progress_page.set_description(Some(&plan.name));
        w.progress.set_fraction(0.0);
        w.progress.set_visible(true);
        w.status.set_label(&tr("Preparing…"));
        self.show_page("progress");
        w.title.set_subtitle(&tr("Creating"));
        let weak = Rc::downgrade(&self.0);
        // Keep a pulse going while a step has no fraction (allocation can take long).
        let pulse = {
            let weak = weak.clone();
            glib::timeout_add_local(std::time::Duration::from_millis(150), move || {
                match weak.upgrade() {
                    Some(i) if *i.phase.borrow() == Phase::Running => {
                        if i.w.progress.text().is_some_and(|t| t.is_empty()) {
                            i.w.progress.pulse();
                        }
                        glib::ControlFlow::Continue
                    }
                    _ => glib::ControlFlow::Break,
                }
            })
        };
        let _ = pulse;
        relm4::spawn_local(async move {
            let progress = {
                let weak = weak.clone();
                move |s: &Step| {
                    if let Some(i) = weak.upgrade() {
                        NewVm(i).emit(s);
                    }
                }
            };
            let r = create::create(&conn, &plan, &limits, &cancel, &progress).await;
            let Some(s) = weak.upgrade().map(NewVm) else {
                return;
            };
            let w = &s.0.w;
            w.cancel.set_sensitive(true);
            match r {
                Ok(dom) => {
                    s.set_phase(Phase::Done(plan.name.clone()));
                    w.progress.set_fraction(1.0);
                    w.progress.set_text(Some("100 %"));
                    w.progress_page.set_title(&tr("Machine Created"));
                    w.status.set_label(&if plan.start {
                        tr("It is running.")
                    } else {
                        tr("It is defined and shut off.")
                    });
                    (s.0.on_done)(&dom, plan.start && w.console.is_active());
                    w.window.close();
                }
                Err(CreateError::Cancelled) => {
                    s.set_phase(Phase::Cancelled);
                    w.title.set_subtitle(&tr("Cancelled"));
                    w.progress.set_visible(false);
                    w.progress_page.set_title(&tr("Cancelled"));
                    w.status
                        .set_label(&tr("Nothing was left behind: what was created is removed."));
                    w.progress.set_fraction(0.0);
                    w.progress.set_text(Some(""));
                }
                Err(CreateError::Failed(m)) => {
                    s.set_phase(Phase::Failed(m.clone()));
                    w.title.set_subtitle(&tr("Failed"));
                    w.progress.set_visible(false);
                    w.progress_page.set_title(&tr("Creation Failed"));
                    w.status.set_label(&m);
                }
            }
            s.update_buttons();
        });
    }
}

/// Selects `dom` in the VM list once its row exists, then calls `then` with the row
/// (to show its console page, say). Rows appear from libvirt's events, so this may
/// wait for one.
pub fn reveal(
    selection: &gtk::MultiSelection,
    dom: &Domain,
    then: impl Fn(&crate::backend::VmItem) + 'static,
) {
    fn try_select(sel: &gtk::MultiSelection, uuid: &str) -> Option<crate::backend::VmItem> {
        (0..sel.n_items()).find_map(|i| {
            let item = sel.item(i).and_downcast::<crate::backend::VmItem>()?;
            (item.dom().uuid() == uuid && sel.select_item(i, true)).then_some(item)
        })
    }
    let uuid = dom.uuid();
    if let Some(item) = try_select(selection, &uuid) {
        then(&item);
        return;
    }
    let handler: Rc<RefCell<Option<glib::SignalHandlerId>>> = Rc::new(RefCell::new(None));
    let h = handler.clone();
    let id = selection.connect_items_changed(move |sel, _, _, _| {
        if let Some(item) = try_select(sel, &uuid) {
            if let Some(id) = h.borrow_mut().take() {
                sel.disconnect(id);
            }
            then(&item);
        }
    });
    *handler.borrow_mut() = Some(id);
}
