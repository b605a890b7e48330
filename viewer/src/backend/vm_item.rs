//! [`VmItem`]: one row of the VM list — a [`Domain`] plus what the list shows about it
//! (OS, tags, statistics), kept up to date by the [`Inventory`](super::Inventory).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use glib::prelude::*;
use glib::subclass::prelude::*;
use libvirt_gobject::{Domain, DomainState};

/// How many statistics samples a sparkline keeps.
pub const HISTORY: usize = 30;

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::VmItem)]
    pub struct VmItem {
        /// The libvirt domain.
        #[property(get, construct_only)]
        pub(super) domain: RefCell<Option<Domain>>,
        /// The URI of the domain's connection.
        #[property(get, construct_only)]
        pub(super) uri: RefCell<String>,
        /// The domain's state (mirrors the domain's `state`).
        #[property(get, set, builder(DomainState::default()))]
        pub(super) state: Cell<DomainState>,
        /// The guest OS name (from the libosinfo metadata), empty when unknown.
        #[property(get, set)]
        pub(super) os_name: RefCell<String>,
        /// The description from the domain XML.
        #[property(get, set)]
        pub(super) description: RefCell<String>,
        /// Vireo tags, comma separated (see [`super::VmItem::tag_list`]).
        #[property(get, set)]
        pub(super) tags: RefCell<String>,
        /// Latest CPU usage in percent of one host CPU (all vCPUs summed).
        #[property(get, set)]
        pub(super) cpu_percent: Cell<f64>,
        /// Latest memory in use, KiB.
        #[property(get, set)]
        pub(super) memory_kib: Cell<u64>,
        /// Bumped whenever a statistics sample is added (cells redraw on its notify).
        #[property(get, set)]
        pub(super) stats_serial: Cell<u32>,
        /// The connection's driver answers the statistics call for this running VM
        /// without CPU or memory figures (libvirt's test driver): cells say "no data".
        #[property(get, set)]
        pub(super) stats_unavailable: Cell<bool>,
        /// When the app saw the domain start (monotonic µs), 0 when not running.
        #[property(get, set)]
        pub(super) running_since: Cell<i64>,
        /// Whether the domain was already running when first seen (uptime unknown).
        #[property(get, set)]
        pub(super) running_before_seen: Cell<bool>,
        /// A recent picture of the screen (running VMs shown somewhere; see
        /// [`Thumbnails`](super::super::thumbnails::Thumbnails)), `None` otherwise.
        #[property(get, set, nullable)]
        pub(super) thumbnail: RefCell<Option<gtk::gdk::Texture>>,
        pub(super) thumbnail_busy: Cell<bool>,
        pub(super) thumbnail_due_at: Cell<Option<std::time::Instant>>,
        pub(super) cpu_history: RefCell<VecDeque<f32>>,
        pub(super) mem_history: RefCell<VecDeque<f32>>,
        pub(super) last_cpu_time: Cell<Option<(u64, i64)>>,
        pub(super) handlers: RefCell<Vec<glib::SignalHandlerId>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for VmItem {
        const NAME: &'static str = "VireoVmItem";
        type Type = super::VmItem;
    }

    #[glib::derived_properties]
    impl ObjectImpl for VmItem {
        fn dispose(&self) {
            if let Some(d) = self.domain.borrow().as_ref() {
                for h in self.handlers.take() {
                    d.disconnect(h);
                }
            }
        }
    }
}

glib::wrapper! {
    /// One row of the VM list.
    pub struct VmItem(ObjectSubclass<imp::VmItem>);
}

impl VmItem {
    /// A row for `domain` of the connection at `uri`; follows the domain's state.
    pub fn new(domain: &Domain, uri: &str) -> Self {
        let item: Self = glib::Object::builder()
            .property("domain", domain)
            .property("uri", uri)
            .build();
        let state = domain.state();
        item.set_state(state);
        if state == DomainState::Running {
            item.set_running_before_seen(true);
        }
        let weak = item.downgrade();
        let h = domain.connect_state_notify(move |d| {
            if let Some(item) = weak.upgrade() {
                item.on_state(d.state());
            }
        });
        item.imp().handlers.borrow_mut().push(h);
        item
    }

    /// The state, read from the object itself: the generated `state()` getter goes
    /// through the GObject property system, which is much slower in loops over
    /// thousands of rows (enabling the actions of a selection of all of them, say).
    pub fn current_state(&self) -> DomainState {
        self.imp().state.get()
    }

    /// The domain (always set: construct-only).
    pub fn dom(&self) -> Domain {
        self.domain()
            .expect("a VmItem is always built with its domain")
    }

    fn on_state(&self, st: DomainState) {
        // Uptime first: cells re-read it when `state` is notified.
        let was_running = self.current_state().is_active();
        if st.is_active() && !was_running {
            self.set_running_before_seen(false);
            self.set_running_since(glib::monotonic_time());
        } else if !st.is_active() {
            self.set_running_before_seen(false);
            self.set_running_since(0);
            self.imp().last_cpu_time.set(None);
            self.imp().thumbnail_due_at.set(None);
            if self.thumbnail().is_some() {
                self.set_thumbnail(None::<gtk::gdk::Texture>);
            }
        }
        self.set_state(st);
    }

    /// Whether a screenshot for the thumbnail is being taken.
    pub fn thumbnail_busy(&self) -> bool {
        self.imp().thumbnail_busy.get()
    }

    pub(crate) fn set_thumbnail_busy(&self, on: bool) {
        self.imp().thumbnail_busy.set(on);
    }

    /// When the thumbnail should be taken again (`None`: as soon as it is seen).
    pub fn thumbnail_due_at(&self) -> Option<std::time::Instant> {
        self.imp().thumbnail_due_at.get()
    }

    pub(crate) fn set_thumbnail_due_at(&self, at: Option<std::time::Instant>) {
        self.imp().thumbnail_due_at.set(at);
    }

    /// The tags as a list.
    pub fn tag_list(&self) -> Vec<String> {
        split_tags(&self.tags())
    }

    /// Adds a statistics sample: total CPU time (ns) and memory in use (KiB).
    pub fn push_sample(&self, cpu_time_ns: Option<u64>, mem_kib: Option<u64>, now_us: i64) {
        let unavailable = cpu_time_ns.is_none() && mem_kib.is_none();
        if self.imp().stats_unavailable.get() != unavailable {
            self.set_stats_unavailable(unavailable);
        }
        if unavailable {
            // The driver reports no such statistics (libvirt's test driver).
            return;
        }
        let imp = self.imp();
        let mut pct = 0.0;
        if let Some(t) = cpu_time_ns {
            if let Some((prev_t, prev_now)) = imp.last_cpu_time.get() {
                let dt = (now_us - prev_now).max(1) as f64 * 1000.0;
                pct = (t.saturating_sub(prev_t) as f64 / dt * 100.0).max(0.0);
            }
            imp.last_cpu_time.set(Some((t, now_us)));
        }
        push(&mut imp.cpu_history.borrow_mut(), pct as f32);
        let mem = mem_kib.unwrap_or(0);
        push(&mut imp.mem_history.borrow_mut(), mem as f32);
        self.set_cpu_percent(pct);
        self.set_memory_kib(mem);
        self.set_stats_serial(self.stats_serial().wrapping_add(1));
    }

    /// The CPU usage history (oldest first), percent.
    pub fn cpu_history(&self) -> Vec<f32> {
        self.imp().cpu_history.borrow().iter().copied().collect()
    }

    /// The memory history (oldest first), KiB.
    pub fn mem_history(&self) -> Vec<f32> {
        self.imp().mem_history.borrow().iter().copied().collect()
    }

    /// Whether Vireo knows since when the VM has been up: it saw it start. (For a
    /// VM already up when its connection opened, libvirt does not say.)
    pub fn uptime_known(&self) -> bool {
        self.running_since() != 0 && !self.running_before_seen()
    }

    /// Text for the uptime column.
    pub fn uptime_text(&self) -> String {
        let state = self.current_state();
        if !state.is_active() {
            return String::new();
        }
        if !self.uptime_known() {
            // Up before Vireo saw it: libvirt does not say since when.
            return if state == DomainState::Paused {
                crate::i18n::tr("paused")
            } else {
                crate::i18n::tr("running")
            };
        }
        format_duration((glib::monotonic_time() - self.running_since()) / 1_000_000)
    }
}

fn push(h: &mut VecDeque<f32>, v: f32) {
    if h.len() == HISTORY {
        h.pop_front();
    }
    h.push_back(v);
}

/// Splits a comma-separated tag list (trimmed, empty entries dropped).
pub fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `3d 4h`, `2h 5m`, `4m 10s`, `12s`.
pub fn format_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (d, h, m, s) = (secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m}m")
    } else if m > 0 {
        format!("{m}m {s}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_two_largest_units() {
        assert_eq!(format_duration(12), "12s");
        assert_eq!(format_duration(250), "4m 10s");
        assert_eq!(format_duration(7500), "2h 5m");
        assert_eq!(format_duration(3 * 86400 + 4 * 3600 + 5), "3d 4h");
    }

    #[test]
    fn tags_split_and_trim() {
        assert_eq!(split_tags(" web, db ,,"), vec!["web", "db"]);
        assert!(split_tags("").is_empty());
    }
}
