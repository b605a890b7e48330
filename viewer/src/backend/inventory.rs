//! [`Inventory`]: the open connections and the one flat model of all their VMs.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

use gio::prelude::*;
use glib::subclass::prelude::*;
use libvirt_gobject::{Connection, CredentialReply, CredentialRequest, Domain};

use super::vm_item::VmItem;
use super::{osinfo, tags};
use crate::i18n::tr;
use crate::Prop;

/// A connection's state as the sidebar shows it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, glib::Enum)]
#[enum_type(name = "VireoConnState")]
pub enum ConnState {
    /// Opening for the first time.
    #[default]
    Connecting,
    /// Open.
    Connected,
    /// libvirtd went away; trying again.
    Reconnecting,
    /// Opening failed (see the entry's `reason`).
    Failed,
}

impl ConnState {
    /// Translated label.
    pub fn label(self) -> String {
        match self {
            Self::Connecting => tr("Connecting…"),
            Self::Connected => tr("Connected"),
            Self::Reconnecting => tr("Reconnecting…"),
            Self::Failed => tr("Failed"),
        }
    }
}

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::ConnEntry)]
    pub struct ConnEntry {
        /// The libvirt URI.
        #[property(get, construct_only)]
        pub(super) uri: RefCell<String>,
        /// The connection.
        #[property(get, construct_only)]
        pub(super) connection: RefCell<Option<Connection>>,
        /// Connection state.
        #[property(get, set, builder(ConnState::default()))]
        pub(super) state: Cell<ConnState>,
        /// Why the last open failed (libvirt's message), empty otherwise.
        #[property(get, set)]
        pub(super) reason: RefCell<String>,
        /// The domains of this connection mapped to list rows.
        pub(super) rows: RefCell<Option<gtk::MapListModel>>,
        pub(super) items: RefCell<HashMap<String, VmItem>>,
        pub(super) retry: RefCell<Option<glib::SourceId>>,
        pub(super) stats_in_flight: Cell<bool>,
        pub(super) was_connected: Cell<bool>,
        pub(super) removed: Cell<bool>,
        /// Answers to remember in the keyring once the open succeeds: (prompt, value).
        pub(super) to_remember: RefCell<Vec<(String, String)>>,
        /// The result of an open started before the inventory existed (see
        /// [`super::super::early`]): the entry's first open waits for it.
        pub(super) early:
            RefCell<Option<futures_channel::oneshot::Receiver<Result<(), glib::Error>>>>,
        /// This open was answered from the keyring.
        pub(super) from_keyring: Cell<bool>,
        /// The keyring's answers were refused: ask the user next time.
        pub(super) skip_keyring: Cell<bool>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for ConnEntry {
        const NAME: &'static str = "VireoConnEntry";
        type Type = super::ConnEntry;
    }

    #[glib::derived_properties]
    impl ObjectImpl for ConnEntry {}
}

glib::wrapper! {
    /// One connection in the sidebar: URI, state and the VM rows it contributes.
    pub struct ConnEntry(ObjectSubclass<imp::ConnEntry>);
}

impl ConnEntry {
    /// The connection (always set: construct-only).
    pub fn conn(&self) -> Connection {
        self.connection()
            .expect("a ConnEntry is always built with its connection")
    }

    /// The row of the domain with `uuid`, if it is known.
    pub fn item(&self, uuid: &str) -> Option<VmItem> {
        self.imp().items.borrow().get(uuid).cloned()
    }

    /// All rows created so far.
    pub fn items(&self) -> Vec<VmItem> {
        self.imp().items.borrow().values().cloned().collect()
    }

    /// Asks to remember these answers in the keyring when the open they are for
    /// succeeds (they are dropped when it fails).
    pub fn remember_answers(&self, requests: &[CredentialRequest], values: &[String]) {
        self.imp().to_remember.borrow_mut().extend(
            requests
                .iter()
                .zip(values)
                .map(|(r, v)| (r.prompt.clone(), v.clone())),
        );
    }
}

/// Where user-facing errors go.
type ErrorSink = Rc<dyn Fn(String)>;

/// Who asks the user for credentials (a dialog, in the app).
/// The flag says whether a keyring can remember the answers.
type CredentialPrompt = Rc<dyn Fn(&ConnEntry, Vec<CredentialRequest>, CredentialReply, bool)>;

/// Whether `e` means the user's answers were refused or withheld: asking again on its
/// own would only repeat the question, so the connection stays failed until the user
/// retries it.
pub fn is_auth_error(e: &glib::Error) -> bool {
    use libvirt_glib::ErrorCode as C;
    matches!(
        e.kind::<C>(),
        Some(C::AuthFailed | C::AuthCancelled | C::AuthUnavailable)
    )
}

struct Inner {
    conns: gio::ListStore,
    models: gio::ListStore,
    flat: gtk::FlattenListModel,
    tags: gtk::StringList,
    tags_dirty: Cell<bool>,
    details_queue: RefCell<VecDeque<VmItem>>,
    details_running: Cell<usize>,
    error_sink: RefCell<Option<ErrorSink>>,
    credential_prompt: RefCell<Option<CredentialPrompt>>,
    use_keyring: Cell<bool>,
    changed_hooks: RefCell<Vec<Rc<dyn Fn()>>>,
    changed_pending: Cell<bool>,
    thumbnails: super::Thumbnails,
    activities: gio::ListStore,
}

/// All connections and one flat [`gio::ListModel`] of [`VmItem`]s over them.
///
/// Cheap to clone (shared).
#[derive(Clone)]
pub struct Inventory(Rc<Inner>);

/// How many domain XML reads run at once (the rest queue).
const DETAILS_CONCURRENCY: usize = 8;
/// Seconds between reconnection attempts.
const RETRY_SECS: u32 = 2;

impl Default for Inventory {
    fn default() -> Self {
        Self::new()
    }
}

impl Inventory {
    /// An empty inventory.
    pub fn new() -> Self {
        let models = gio::ListStore::new::<gio::ListModel>();
        let flat = gtk::FlattenListModel::new(Some(models.clone()));
        Inventory(Rc::new(Inner {
            conns: gio::ListStore::new::<ConnEntry>(),
            models,
            flat,
            tags: gtk::StringList::new(&[]),
            tags_dirty: Cell::new(false),
            details_queue: RefCell::default(),
            details_running: Cell::new(0),
            error_sink: RefCell::default(),
            credential_prompt: RefCell::default(),
            use_keyring: Cell::new(false),
            changed_hooks: RefCell::default(),
            changed_pending: Cell::new(false),
            thumbnails: super::Thumbnails::new(),
            activities: gio::ListStore::new::<super::Activity>(),
        }))
    }

    /// The connections (a model of [`ConnEntry`]).
    pub fn connections(&self) -> gio::ListStore {
        self.0.conns.clone()
    }

    /// Every VM of every connection (a model of [`VmItem`]).
    pub fn vms(&self) -> gio::ListModel {
        self.0.flat.clone().upcast()
    }

    /// The thumbnails of running VMs (shared by the list and the overview).
    pub fn thumbnails(&self) -> super::Thumbnails {
        self.0.thumbnails.clone()
    }

    /// The long actions in progress (a model of [`Activity`](super::Activity)), oldest
    /// first; the window shows them and drops each a while after it finished.
    pub fn activities(&self) -> gio::ListStore {
        self.0.activities.clone()
    }

    /// Shows `activity` in the window until it has finished.
    pub fn track(&self, activity: &super::Activity) {
        self.0.activities.append(activity);
    }

    /// Every tag in use, sorted.
    pub fn tags(&self) -> gtk::StringList {
        self.0.tags.clone()
    }

    /// Where user-facing errors go (a toast, in the app).
    pub fn set_error_sink(&self, f: impl Fn(String) + 'static) {
        self.0.error_sink.replace(Some(Rc::new(f)));
    }

    /// Who asks for credentials when libvirt needs them to open a connection (the app
    /// shows a dialog; its last argument says whether a keyring can remember the
    /// answers, see [`ConnEntry::remember_answers`]). Without one, such connections fail
    /// ("authentication cancelled").
    pub fn set_credential_prompt(
        &self,
        f: impl Fn(&ConnEntry, Vec<CredentialRequest>, CredentialReply, bool) + 'static,
    ) {
        self.0.credential_prompt.replace(Some(Rc::new(f)));
    }

    /// Whether answers remembered in the desktop keyring (Secret Service) answer libvirt
    /// before the user is asked, and the user may ask to remember answers. Off by default.
    pub fn set_use_keyring(&self, on: bool) {
        self.0.use_keyring.set(on);
    }

    /// Calls `f` whenever a row's details (tags, OS, description) changed, so that
    /// filters and sorters can re-run.
    pub fn connect_details_changed(&self, f: impl Fn() + 'static) {
        self.0.changed_hooks.borrow_mut().push(Rc::new(f));
    }

    /// Shows `msg` to the user.
    pub fn report(&self, msg: String) {
        tracing::warn!(%msg, "error shown to the user");
        let sink = self.0.error_sink.borrow().clone();
        if let Some(s) = sink {
            s(msg);
        }
    }

    /// Shows `what` (already translated) followed by libvirt's message of `e`.
    pub fn report_error(&self, what: String, e: &glib::Error) {
        self.report(format!("{what}: {}", e.message()));
    }

    /// The entries in order.
    pub fn entries(&self) -> Vec<ConnEntry> {
        self.0
            .conns
            .iter::<ConnEntry>()
            .filter_map(Result::ok)
            .collect()
    }

    /// The entry of `uri`.
    pub fn entry(&self, uri: &str) -> Option<ConnEntry> {
        self.entries().into_iter().find(|e| e.uri() == uri)
    }

    /// The row of `domain`.
    pub fn item_for(&self, domain: &Domain) -> Option<VmItem> {
        let uri = domain.connection()?.uri();
        self.entry(&uri)?.item(&domain.uuid())
    }

    /// Adds a connection to `uri` and opens it (no-op when already there).
    pub fn add(&self, uri: &str) -> ConnEntry {
        if let Some(e) = self.entry(uri) {
            return e;
        }
        let early = super::early::take(uri);
        let conn = early
            .as_ref()
            .map_or_else(|| Connection::new(uri), |e| e.conn.clone());
        let entry: ConnEntry = glib::Object::builder()
            .property("uri", uri)
            .property("connection", &conn)
            .build();
        let weak_entry = entry.downgrade();
        let inv = self.downgrade();
        let rows = gtk::MapListModel::new(Some(conn.clone()), move |obj| {
            let (Some(entry), Some(dom)) = (weak_entry.upgrade(), obj.downcast_ref::<Domain>())
            else {
                return obj.clone();
            };
            let uuid = dom.uuid();
            let existing = entry.imp().items.borrow().get(&uuid).cloned();
            let item = existing.unwrap_or_else(|| {
                let item = VmItem::new(dom, &entry.uri());
                entry
                    .imp()
                    .items
                    .borrow_mut()
                    .insert(uuid.clone(), item.clone());
                if let Some(inv) = Inventory::upgrade(&inv) {
                    inv.queue_details(&item);
                    inv.watch_domain(dom);
                    let w = Rc::downgrade(&inv.0);
                    item.connect_state_notify(move |_| {
                        if let Some(inv) = Inventory::upgrade(&w) {
                            inv.notify_changed();
                        }
                    });
                }
                item
            });
            item.upcast()
        });
        entry.imp().rows.replace(Some(rows.clone()));
        let weak_entry = entry.downgrade();
        conn.connect_domain_removed(move |_, d| {
            if let Some(e) = weak_entry.upgrade() {
                e.imp().items.borrow_mut().remove(&d.uuid());
            }
        });
        let inv = self.downgrade();
        let weak_entry = entry.downgrade();
        let handler: super::early::CredentialHandler = Rc::new(move |_, requests, reply| {
            let (Some(inv), Some(e)) = (Inventory::upgrade(&inv), weak_entry.upgrade()) else {
                return reply.cancel();
            };
            if !inv.0.use_keyring.get() {
                return inv.ask(&e, requests, reply, false);
            }
            relm4::spawn_local(async move {
                let store = super::secrets::store().await;
                if let (Some(store), false) = (&store, e.imp().skip_keyring.get()) {
                    let mut values = Vec::with_capacity(requests.len());
                    for r in &requests {
                        match store.lookup(&e.uri(), &r.prompt).await {
                            Some(v) => values.push(v),
                            None => break,
                        }
                    }
                    if values.len() == requests.len() {
                        tracing::info!(uri = %e.uri(), "answering libvirt from the keyring");
                        e.imp().from_keyring.set(true);
                        return reply.answer(values);
                    }
                }
                inv.ask(&e, requests, reply, store.is_some());
            });
        });
        let h = handler.clone();
        conn.set_credential_handler(move |c, requests, reply| h(c, requests, reply));
        let inv = self.downgrade();
        let weak_entry = entry.downgrade();
        conn.connect_connection_closed(move |_| {
            if let (Some(inv), Some(e)) = (Inventory::upgrade(&inv), weak_entry.upgrade()) {
                if !e.imp().removed.get() {
                    tracing::info!(uri = %e.uri(), "connection closed; reconnecting");
                    e.set_state(ConnState::Reconnecting);
                    inv.schedule_retry(&e);
                }
            }
        });
        self.0.conns.append(&entry);
        self.0.models.append(&rows);
        if let Some(early) = early {
            // The open started before the window: its questions go to our handler, its
            // result is this entry's first open.
            early.answer_with(handler);
            entry.imp().early.replace(Some(early.opened));
        }
        self.open(&entry);
        entry
    }

    /// Closes and forgets the connection to `uri`.
    pub fn remove(&self, uri: &str) {
        let Some(entry) = self.entry(uri) else {
            return;
        };
        entry.imp().removed.set(true);
        if let Some(id) = entry.imp().retry.take() {
            id.remove();
        }
        if let Some(pos) = self.0.conns.find(&entry) {
            self.0.conns.remove(pos);
        }
        if let Some(rows) = entry.imp().rows.borrow().as_ref() {
            if let Some(pos) = self.0.models.find(rows) {
                self.0.models.remove(pos);
            }
        }
        let conn = entry.conn();
        relm4::spawn_local(async move {
            let _ = conn.close_future().await;
        });
        self.mark_tags_dirty();
    }

    /// Hands one round of requests to the prompt (the dialog), or cancels without one.
    fn ask(
        &self,
        e: &ConnEntry,
        requests: Vec<CredentialRequest>,
        reply: CredentialReply,
        can_remember: bool,
    ) {
        let prompt = self.0.credential_prompt.borrow().clone();
        match prompt {
            Some(p) if !e.imp().removed.get() => {
                e.set_reason(tr("Waiting for credentials"));
                p(e, requests, reply, can_remember);
            }
            _ => reply.cancel(),
        }
    }

    /// After an open: keeps what the user asked to remember when it succeeded; forgets
    /// the keyring's answers when they were refused.
    fn settle_keyring(&self, entry: &ConnEntry, ok: bool, auth_refused: bool) {
        let imp = entry.imp();
        let remember = imp.to_remember.take();
        let from_keyring = imp.from_keyring.replace(false);
        if ok {
            imp.skip_keyring.set(false);
        }
        let forget = auth_refused && from_keyring;
        if forget {
            imp.skip_keyring.set(true);
        }
        let keep = ok && !remember.is_empty();
        if !keep && !forget {
            return;
        }
        let uri = entry.uri();
        let inv = self.downgrade();
        relm4::spawn_local(async move {
            let Some(store) = super::secrets::store().await else {
                return;
            };
            let res = if forget {
                tracing::info!(%uri, "the keyring's answers were refused: forgetting them");
                store.forget(&uri).await
            } else {
                let mut res = Ok(());
                for (prompt, value) in remember {
                    res = res.and(store.store(&uri, &prompt, &value).await);
                }
                res
            };
            if let (Err(e), Some(inv)) = (res, Inventory::upgrade(&inv)) {
                inv.report_error(tr("Could not update the keyring"), &e);
            }
        });
    }

    fn open(&self, entry: &ConnEntry) {
        if entry.state() != ConnState::Reconnecting {
            entry.set_state(ConnState::Connecting);
        }
        let inv = self.downgrade();
        let entry = entry.clone();
        let early = entry.imp().early.take();
        relm4::spawn_local(async move {
            let res = match early {
                Some(opened) => match opened.await {
                    Ok(res) => res,
                    // The early open was dropped unfinished: open now.
                    Err(_) => entry.conn().open_future().await,
                },
                None => entry.conn().open_future().await,
            };
            let Some(inv) = Inventory::upgrade(&inv) else {
                return;
            };
            if entry.imp().removed.get() {
                // Nothing to remember for a connection that is gone.
                entry.imp().to_remember.take();
                return;
            }
            inv.settle_keyring(
                &entry,
                res.is_ok(),
                res.as_ref().err().is_some_and(is_auth_error),
            );
            match res {
                Ok(()) => {
                    tracing::info!(uri = %entry.uri(), "connected");
                    entry.set_reason("");
                    entry.set_state(ConnState::Connected);
                    if entry.imp().was_connected.replace(true) {
                        // Re-synced after a reconnect: details may have changed meanwhile.
                        for item in entry.items() {
                            inv.queue_details(&item);
                        }
                    }
                }
                Err(e) => {
                    tracing::info!(uri = %entry.uri(), error = %e, "open failed");
                    let auth = is_auth_error(&e);
                    if e.matches(libvirt_glib::ErrorCode::AuthCancelled) {
                        entry.set_reason(tr("Authentication cancelled"));
                    } else {
                        // The row names the connection already: libvirt's words only.
                        let context = format!("opening {}: ", entry.uri());
                        let msg = e.message();
                        entry.set_reason(msg.strip_prefix(context.as_str()).unwrap_or(msg));
                    }
                    if entry.imp().was_connected.get() && !auth {
                        entry.set_state(ConnState::Reconnecting);
                        inv.schedule_retry(&entry);
                    } else {
                        entry.set_state(ConnState::Failed);
                    }
                }
            }
        });
    }

    /// Tries to open a failed connection again now.
    pub fn retry(&self, uri: &str) {
        if let Some(e) = self.entry(uri) {
            if matches!(e.state(), ConnState::Failed | ConnState::Reconnecting) {
                self.open(&e);
            }
        }
    }

    fn schedule_retry(&self, entry: &ConnEntry) {
        if entry.imp().retry.borrow().is_some() {
            return;
        }
        let inv = self.downgrade();
        let weak = entry.downgrade();
        let id = glib::timeout_add_seconds_local_once(RETRY_SECS, move || {
            if let (Some(inv), Some(e)) = (Inventory::upgrade(&inv), weak.upgrade()) {
                e.imp().retry.replace(None);
                if !e.imp().removed.get() && !e.conn().is_open() {
                    inv.open(&e);
                }
            }
        });
        entry.imp().retry.replace(Some(id));
    }

    fn watch_domain(&self, dom: &Domain) {
        let inv = self.downgrade();
        dom.connect_local("updated", false, move |v| {
            if let (Some(inv), Ok(d)) = (Inventory::upgrade(&inv), v[0].get::<Domain>()) {
                if let Some(item) = inv.item_for(&d) {
                    inv.queue_details(&item);
                }
            }
            None
        });
        let inv = self.downgrade();
        dom.connect_local("metadata-changed", false, move |v| {
            if let (Some(inv), Ok(d)) = (Inventory::upgrade(&inv), v[0].get::<Domain>()) {
                if let Some(item) = inv.item_for(&d) {
                    inv.queue_details(&item);
                }
            }
            None
        });
    }

    /// Reads the domain's XML (later, a few at a time) for OS, description and tags.
    pub fn queue_details(&self, item: &VmItem) {
        self.0.details_queue.borrow_mut().push_back(item.clone());
        self.pump_details();
    }

    fn pump_details(&self) {
        while self.0.details_running.get() < DETAILS_CONCURRENCY {
            let Some(item) = self.0.details_queue.borrow_mut().pop_front() else {
                return;
            };
            self.0.details_running.set(self.0.details_running.get() + 1);
            let inv = self.clone();
            relm4::spawn_local(async move {
                let res = item.dom().config_future(0).await;
                match res {
                    Ok(cfg) => inv.apply_details(&item, &cfg),
                    Err(e) => tracing::debug!(error = %e, "reading domain XML"),
                }
                inv.0.details_running.set(inv.0.details_running.get() - 1);
                inv.pump_details();
            });
        }
    }

    /// Applies what the list shows from a domain configuration.
    pub fn apply_details(&self, item: &VmItem, cfg: &libvirt_gconfig::Domain) {
        let os = osinfo::os_id(cfg)
            .map(|id| osinfo::name_for(&id))
            .unwrap_or_default();
        if item.os_name() != os {
            item.set_os_name(os);
        }
        let desc = cfg.description().val().unwrap_or_default();
        if item.description() != desc {
            item.set_description(desc);
        }
        let t = tags::read(cfg).join(", ");
        if item.tags() != t {
            item.set_tags(t);
            self.mark_tags_dirty();
        }
        self.notify_changed();
    }

    /// Runs the details-changed hooks once, from an idle callback (coalesces bursts).
    fn notify_changed(&self) {
        if self.0.changed_pending.replace(true) {
            return;
        }
        let inv = self.downgrade();
        glib::idle_add_local_once(move || {
            if let Some(inv) = Inventory::upgrade(&inv) {
                inv.0.changed_pending.set(false);
                let hooks: Vec<_> = inv.0.changed_hooks.borrow().clone();
                for h in hooks {
                    h();
                }
            }
        });
    }

    fn mark_tags_dirty(&self) {
        if self.0.tags_dirty.replace(true) {
            return;
        }
        let inv = self.downgrade();
        glib::idle_add_local_once(move || {
            if let Some(inv) = Inventory::upgrade(&inv) {
                inv.0.tags_dirty.set(false);
                inv.rebuild_tags();
            }
        });
    }

    fn rebuild_tags(&self) {
        let mut all = BTreeSet::new();
        for e in self.entries() {
            for item in e.items() {
                all.extend(item.tag_list());
            }
        }
        let cur: Vec<String> = (0..self.0.tags.n_items())
            .filter_map(|i| self.0.tags.string(i).map(|s| s.to_string()))
            .collect();
        let new: Vec<String> = all.into_iter().collect();
        if cur != new {
            let refs: Vec<&str> = new.iter().map(String::as_str).collect();
            self.0.tags.splice(0, self.0.tags.n_items(), &refs);
        }
    }

    /// One bulk statistics call per open connection (skipped while the previous one of
    /// that connection is still running); rows get a CPU and memory sample.
    pub fn sample_stats(&self) {
        use libvirt_gobject::stats::groups;
        for entry in self.entries() {
            if entry.state() != ConnState::Connected || entry.imp().stats_in_flight.get() {
                continue;
            }
            entry.imp().stats_in_flight.set(true);
            let fut = entry
                .conn()
                .domain_stats_future(groups::CPU | groups::BALLOON, 1);
            relm4::spawn_local(async move {
                let res = fut.await;
                entry.imp().stats_in_flight.set(false);
                let Ok(records) = res else {
                    return;
                };
                let now = glib::monotonic_time();
                for r in records {
                    if let Some(item) = entry.item(&r.uuid) {
                        let mem =
                            match (r.get_u64("balloon.available"), r.get_u64("balloon.unused")) {
                                (Some(a), Some(u)) => Some(a.saturating_sub(u)),
                                _ => r.get_u64("balloon.rss").or(r.get_u64("balloon.current")),
                            };
                        item.push_sample(r.get_u64("cpu.time"), mem, now);
                    }
                }
            });
        }
    }

    fn downgrade(&self) -> std::rc::Weak<Inner> {
        Rc::downgrade(&self.0)
    }

    fn upgrade(w: &std::rc::Weak<Inner>) -> Option<Inventory> {
        w.upgrade().map(Inventory)
    }
}
