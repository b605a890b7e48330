//! [`Connection`]: a libvirt connection (`GVirConnection`) and the object tree it keeps
//! in sync from libvirt's events.

mod auth;
pub(crate) mod events;
mod fetch;
mod objects;

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::sync::OnceLock;

use gio::prelude::*;
use gio::subclass::prelude::*;
use glib::subclass::Signal;

use crate::enums::DomainState;
use crate::trace::{self, func};
use crate::util::{self, async_trio, run};
use crate::{Domain, Network, StoragePool};
use events::{Event, Registration, Sink};

pub use auth::{CredentialReply, CredentialRequest, CredentialType};

/// A credential handler: gets the connection, one round of requests and the reply to
/// answer them with (see [`Connection::set_credential_handler`]).
type CredentialHandler = std::rc::Rc<dyn Fn(&Connection, Vec<CredentialRequest>, CredentialReply)>;

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::Connection)]
    pub struct Connection {
        /// The libvirt URI (`qemu:///system`, `test:///default`, ...).
        #[property(get, set, construct_only)]
        pub(super) uri: RefCell<String>,
        /// Whether the connection is open.
        #[property(get, name = "is-open")]
        pub(super) open: Cell<bool>,
        /// Whether the connection was opened read-only ([`super::Connection::open_read_only_future`]).
        #[property(get)]
        pub(super) read_only: Cell<bool>,
        /// The libvirt handle as the C library's boxed `GVirConnectionHandle` (construct-only: adopts
        /// an existing libvirt object, as in the C library).
        #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::ConnectionHandle>)]
        pub(super) handle_boxed: std::marker::PhantomData<Option<crate::handles::ConnectionHandle>>,
        pub(super) handle: RefCell<Option<virt::connect::Connect>>,
        pub(super) regs: RefCell<Vec<Registration>>,
        pub(super) epoch: Cell<u64>,
        pub(super) opening: Cell<bool>,
        pub(super) ctx: OnceCell<glib::MainContext>,
        /// A weak reference to this connection, shared by its domains.
        pub(super) weak_self: OnceCell<std::rc::Rc<glib::WeakRef<super::Connection>>>,
        pub(super) domains: RefCell<Vec<Domain>>,
        /// Domains by UUID (raw value: no string per domain).
        pub(super) domain_index: RefCell<HashMap<u128, Domain>>,
        pub(super) networks: OnceCell<gio::ListStore>,
        pub(super) network_index: RefCell<HashMap<String, Network>>,
        pub(super) pools: OnceCell<gio::ListStore>,
        pub(super) pool_index: RefCell<HashMap<String, StoragePool>>,
        pub(super) credential_handler: RefCell<Option<CredentialHandler>>,
    }

    crate::handles::handle_property!(Connection, ConnectionHandle);

    #[glib::object_subclass]
    impl ObjectSubclass for Connection {
        const NAME: &'static str = "GVirConnection";
        type Type = super::Connection;
        type Interfaces = (gio::ListModel,);
    }

    #[glib::derived_properties]
    impl ObjectImpl for Connection {
        fn constructed(&self) {
            self.parent_constructed();
            let _ = self.ctx.set(glib::MainContext::ref_thread_default());
            let _ = self.networks.set(gio::ListStore::new::<Network>());
            let _ = self.pools.set(gio::ListStore::new::<StoragePool>());
        }

        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                let obj = |name: &str, t: glib::Type| {
                    Signal::builder(name).param_types([t]).run_first().build()
                };
                vec![
                    Signal::builder("connection-opened").run_first().build(),
                    Signal::builder("connection-closed").run_first().build(),
                    obj("domain-added", Domain::static_type()),
                    obj("domain-removed", Domain::static_type()),
                    obj("network-added", Network::static_type()),
                    obj("network-removed", Network::static_type()),
                    obj("storage-pool-added", StoragePool::static_type()),
                    obj("storage-pool-removed", StoragePool::static_type()),
                    Signal::builder("node-device-event")
                        .param_types([String::static_type(), i32::static_type()])
                        .run_last()
                        .build(),
                ]
            })
        }

        fn dispose(&self) {
            if let Some(conn) = self.handle.take() {
                let regs = self.regs.take();
                // Deregistering and closing are RPCs: never on the owner context.
                util::spawn_detached(move || events::close(conn, &regs));
            }
        }
    }

    impl ListModelImpl for Connection {
        fn item_type(&self) -> glib::Type {
            Domain::static_type()
        }
        fn n_items(&self) -> u32 {
            self.domains.borrow().len() as u32
        }
        fn item(&self, position: u32) -> Option<glib::Object> {
            self.domains
                .borrow()
                .get(position as usize)
                .map(|d| d.clone().upcast())
        }
    }

    impl Connection {
        /// Applies one queued libvirt event (on the owner context).
        pub(crate) fn dispatch(&self, epoch: u64, ev: Event) {
            if epoch != self.epoch.get() {
                return;
            }
            let obj = self.obj();
            match ev {
                Event::DomainLifecycle {
                    dom,
                    uuid,
                    name,
                    event,
                    detail,
                } => obj.on_domain_lifecycle(dom, uuid, name, event, detail),
                Event::DomainReboot { uuid } => {
                    obj.with_domain(&uuid, |d| d.emit_by_name::<()>("rebooted", &[]))
                }
                Event::DeviceAdded { uuid, alias } => {
                    obj.with_domain(&uuid, |d| d.emit_by_name::<()>("device-added", &[&alias]))
                }
                Event::DeviceRemoved { uuid, alias } => {
                    obj.with_domain(&uuid, |d| d.emit_by_name::<()>("device-removed", &[&alias]))
                }
                Event::JobCompleted { uuid, stats } => obj.with_domain(&uuid, |d| {
                    let v = crate::stats::to_variant(&stats);
                    d.emit_by_name::<()>("job-completed", &[&v])
                }),
                Event::BlockJob {
                    uuid,
                    disk,
                    kind,
                    status,
                } => obj.with_domain(&uuid, |d| {
                    d.emit_by_name::<()>("block-job", &[&disk, &kind, &status])
                }),
                Event::TrayChange {
                    uuid,
                    alias,
                    reason,
                } => obj.with_domain(&uuid, |d| {
                    d.emit_by_name::<()>("tray-changed", &[&alias, &reason])
                }),
                Event::MetadataChange { uuid, kind, nsuri } => obj.with_domain(&uuid, |d| {
                    d.emit_by_name::<()>("metadata-changed", &[&kind, &nsuri])
                }),
                Event::Qmp {
                    uuid,
                    event,
                    seconds,
                    micros,
                    details,
                } => obj.with_domain(&uuid, |d| {
                    d.emit_by_name::<()>("qmp-event", &[&event, &seconds, &micros, &details])
                }),
                Event::NetworkLifecycle {
                    net,
                    uuid,
                    name,
                    event,
                } => obj.on_network_lifecycle(net, uuid, name, event),
                Event::PoolLifecycle {
                    pool,
                    uuid,
                    name,
                    event,
                } => obj.on_pool_lifecycle(pool, uuid, name, event),
                Event::NodeDevice { name, event } => {
                    obj.emit_by_name::<()>("node-device-event", &[&name, &event])
                }
                Event::Closed { reason } => obj.on_closed(reason),
            }
        }
    }
}

glib::wrapper! {
    /// A connection to libvirt (`GVirConnection`).
    ///
    /// It keeps its domains, networks and storage pools in sync with libvirt's events,
    /// and is a [`gio::ListModel`] of its [`Domain`]s (keyed by UUID; networks and pools
    /// are in [`Connection::networks_model`] and [`Connection::storage_pools_model`]).
    /// When libvirtd goes away it emits `connection-closed`; opening it again re-syncs the
    /// tree and keeps the objects of domains that still exist.
    ///
    /// ## Signals
    /// Emitted on the main context that was the thread default when the connection was
    /// created.
    ///
    /// #### `connection-opened`, `connection-closed`
    /// The connection opened, or closed (explicitly or because libvirtd went away).
    ///
    /// #### `domain-added`, `domain-removed`
    /// A domain appeared (defined, or a transient one started) or went away (undefined,
    /// or a transient one stopped). `items-changed` is emitted first.
    ///
    /// #### `network-added`, `network-removed`, `storage-pool-added`, `storage-pool-removed`
    /// The same for networks and storage pools.
    ///
    /// #### `node-device-event`
    /// A node device was created or deleted: `(name, virNodeDeviceEventLifecycleType)`.
    pub struct Connection(ObjectSubclass<imp::Connection>)
        @implements gio::ListModel;
}

impl Connection {
    /// A new, not yet opened connection to `uri`. Its signals are emitted on the current
    /// thread-default main context.
    pub fn new(uri: &str) -> Self {
        glib::Object::builder().property("uri", uri).build()
    }

    /// The libvirt handle (a new reference), or an error when closed.
    pub(crate) fn live_handle(&self) -> Result<virt::connect::Connect, glib::Error> {
        self.imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected)
    }

    /// The raw `virConnectPtr` handle (a new `virt` reference), if open.
    pub fn virt_handle(&self) -> Option<virt::connect::Connect> {
        self.imp().handle.borrow().clone()
    }

    /// Opens the connection, registers for libvirt's events and fetches domains,
    /// networks and storage pools (all in a worker thread), then emits `domain-added`
    /// etc. for new objects and `connection-opened`.
    ///
    /// Opening a closed connection again re-syncs the existing tree: objects of domains
    /// that still exist are kept (with fresh handles), vanished ones are removed.
    ///
    /// With a credential handler ([`Self::set_credential_handler`]) the open asks it
    /// whatever libvirt needs (`virConnectOpenAuth`).
    pub fn open_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let this = self.clone();
        async move {
            let imp = this.imp();
            if imp.open.get() {
                return Ok(());
            }
            /// Clears the "opening" flag however the open ends (also when it is dropped).
            struct Opening<'a>(&'a Cell<bool>);
            impl Drop for Opening<'_> {
                fn drop(&mut self) {
                    self.0.set(false);
                }
            }
            if imp.opening.replace(true) {
                return Err(util::own_error(
                    libvirt_glib::ErrorCode::OperationInvalid,
                    "the connection is already being opened",
                ));
            }
            let _opening = Opening(&imp.opening);
            let epoch = imp.epoch.get() + 1;
            imp.epoch.set(epoch);
            let ctx = imp
                .ctx
                .get()
                .cloned()
                .unwrap_or_else(glib::MainContext::default);
            let sink = Sink::new(ctx, &this, epoch);
            let uri = imp.uri.borrow().clone();
            let read_only = imp.read_only.get();
            let handler = imp.credential_handler.borrow().clone();
            let (asks_tx, asks) = futures_channel::mpsc::unbounded::<auth::Ask>();
            let with_auth = handler.is_some();
            let work = util::run_glib(move || {
                let target = trace::Uri(&uri);
                let opened = if with_auth {
                    let state = auth::AuthState::new(asks_tx);
                    let res = trace::call(
                        func!("virConnectOpenAuth", "opening"),
                        &target,
                        Some(u32::from(read_only)),
                        || state.open(&uri, read_only),
                    );
                    if res.is_err() && state.cancelled() {
                        return Err(util::own_error(
                            libvirt_glib::ErrorCode::AuthCancelled,
                            format!("opening {uri}: authentication cancelled"),
                        ));
                    }
                    res
                } else {
                    drop(asks_tx);
                    if read_only {
                        trace::call(
                            func!("virConnectOpenReadOnly", "opening"),
                            &target,
                            None,
                            || virt::connect::Connect::open_read_only(Some(&uri)),
                        )
                    } else {
                        trace::call(func!("virConnectOpen", "opening"), &target, None, || {
                            virt::connect::Connect::open(Some(&uri))
                        })
                    }
                };
                let conn = opened.map_err(|e| {
                    libvirt_glib::Error::from_virt(&e, format!("opening {uri}")).to_glib()
                })?;
                let regs = events::register_all(&conn, &sink);
                // Drivers without networks or storage still open (with empty lists).
                fn optional<T>(r: Result<Vec<T>, glib::Error>, what: &str) -> Vec<T> {
                    r.unwrap_or_else(|e| {
                        tracing::debug!(error = %e, "no {what} on this connection");
                        Vec::new()
                    })
                }
                // Networks and pools are listed concurrently with the domains (their own
                // RPCs, multiplexed on the connection), so they add no latency to the
                // domain model.
                let tree = std::thread::scope(|s| {
                    let nets = s.spawn(|| optional(fetch::networks(&conn), "networks"));
                    let pools = s.spawn(|| optional(fetch::pools(&conn), "storage pools"));
                    let doms = fetch::domains(&conn);
                    let nets = nets.join().unwrap_or_default();
                    let pools = pools.join().unwrap_or_default();
                    doms.map(|d| (d, nets, pools))
                });
                match tree {
                    Ok((d, n, p)) => Ok((conn, regs, d, n, p)),
                    Err(e) => {
                        events::deregister_all(&conn, &regs);
                        Err(e)
                    }
                }
            });
            let res = auth::serve(work, asks, |requests, reply| match &handler {
                Some(h) => h(&this, requests, reply),
                None => reply.cancel(),
            })
            .await;
            let (conn, regs, doms, nets, pools) = res?;
            imp.handle.replace(Some(conn));
            imp.regs.replace(regs);
            imp.open.set(true);
            this.sync_domains(doms);
            this.sync_networks(nets);
            this.sync_pools(pools);
            this.notify_is_open();
            this.emit_by_name::<()>("connection-opened", &[]);
            Ok(())
        }
    }

    /// Sets the handler asked for credentials when libvirt needs them to open this
    /// connection (user name, password, passphrase, SSH host key questions, ...): opens
    /// then use `virConnectOpenAuth`, reconnects included.
    ///
    /// libvirt asks from the worker thread that opens the connection; the handler is
    /// called on the context that awaits [`Self::open_future`] with one round of
    /// [`CredentialRequest`]s and a [`CredentialReply`], and may answer later (from a
    /// dialog): only the worker thread waits. Cancelling, or dropping the reply, fails the
    /// open with `VIR_ERR_AUTH_CANCELLED`; wrong answers fail it with libvirt's error
    /// (`VIR_ERR_AUTH_FAILED`). The library keeps no answer.
    pub fn set_credential_handler(
        &self,
        handler: impl Fn(&Connection, Vec<CredentialRequest>, CredentialReply) + 'static,
    ) {
        self.imp()
            .credential_handler
            .replace(Some(std::rc::Rc::new(handler)));
    }

    /// Removes the credential handler: opens use `virConnectOpen` again, and fail
    /// when libvirt needs credentials.
    pub fn clear_credential_handler(&self) {
        self.imp().credential_handler.replace(None);
    }

    /// Like [`Self::open_future`], read-only (`virConnectOpenReadOnly`): enough to watch
    /// domains and their events, nothing can be changed.
    pub fn open_read_only_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        if !self.imp().open.get() {
            self.imp().read_only.set(true);
        }
        self.open_future()
    }

    /// Closes the connection (deregistering events in a worker thread) and emits
    /// `connection-closed`. The object tree is kept until the next open re-syncs it.
    pub fn close_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let this = self.clone();
        async move {
            let imp = this.imp();
            let Some(conn) = imp.handle.take() else {
                return Ok(());
            };
            let regs = imp.regs.take();
            imp.epoch.set(imp.epoch.get() + 1);
            this.mark_closed();
            util::run_glib(move || {
                events::close(conn, &regs);
                Ok(())
            })
            .await
        }
    }

    /// Re-reads the domain list and re-syncs the tree (`gvir_connection_fetch_domains`).
    pub fn fetch_domains_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let this = self.clone();
        async move {
            let conn = this.live_handle()?;
            let snaps = util::run_glib(move || fetch::domains(&conn)).await?;
            this.sync_domains(snaps);
            Ok(())
        }
    }

    /// Re-reads the network list and re-syncs it (`gvir_connection_fetch_networks`).
    pub fn fetch_networks_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let this = self.clone();
        async move {
            let conn = this.live_handle()?;
            let n = util::run_glib(move || fetch::networks(&conn)).await?;
            this.sync_networks(n);
            Ok(())
        }
    }

    /// Re-reads the storage pool list and re-syncs it
    /// (`gvir_connection_fetch_storage_pools`).
    pub fn fetch_storage_pools_future(
        &self,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let this = self.clone();
        async move {
            let conn = this.live_handle()?;
            let p = util::run_glib(move || fetch::pools(&conn)).await?;
            this.sync_pools(p);
            Ok(())
        }
    }

    /// Re-reads networks and storage pools (concurrently) and re-syncs them:
    /// [`Self::fetch_networks_future`] and [`Self::fetch_storage_pools_future`] together.
    pub fn fetch_networks_and_pools_future(
        &self,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let (n, p) = (
            self.fetch_networks_future(),
            self.fetch_storage_pools_future(),
        );
        async move { futures_util::future::try_join(n, p).await.map(drop) }
    }

    /// Defines a persistent domain from XML (`virDomainDefineXML`) and returns its object
    /// (`gvir_connection_create_domain`).
    pub fn create_domain_future(
        &self,
        xml: &str,
    ) -> impl Future<Output = Result<Domain, glib::Error>> + 'static {
        self.define_domain_flags_future(xml, 0)
    }

    /// Defines a persistent domain from XML with `virDomainDefineXMLFlags` flags, e.g.
    /// `VIR_DOMAIN_DEFINE_VALIDATE` (1): the XML is checked against libvirt's schema
    /// first and refused with the schema error.
    pub fn define_domain_flags_future(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<Domain, glib::Error>> + 'static {
        let define = define_domain(self.live_handle(), xml, flags);
        let this = self.clone();
        async move {
            let dom = define.await?;
            Ok(this.adopt_domain(dom, DomainState::Shutoff, true))
        }
    }

    /// Creates and starts a transient domain from XML (`virDomainCreateXML`,
    /// `gvir_connection_start_domain`).
    pub fn start_domain_future(
        &self,
        xml: &str,
        flags: u32,
    ) -> impl Future<Output = Result<Domain, glib::Error>> + 'static {
        let xml = xml.to_owned();
        let this = self.clone();
        async move {
            let conn = this.live_handle()?;
            let dom = run(
                func!("virDomainCreateXML", "creating a domain"),
                conn,
                Some(flags),
                move |c| c.create_domain_xml(&xml, flags),
            )
            .await?;
            Ok(this.adopt_domain(dom, DomainState::Running, false))
        }
    }

    /// Restores a domain saved with [`Domain::save_to_file_future`] (`virDomainRestore`).
    pub fn restore_domain_from_file_future(
        &self,
        path: &str,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.restore_domain_from_file_with_xml_future(path, None, 0)
    }

    /// As [`Self::restore_domain_from_file_future`], with a replacement domain XML
    /// (host-specific changes only) and `virDomainSaveRestoreFlags` (`virDomainRestoreFlags`).
    pub fn restore_domain_from_file_with_xml_future(
        &self,
        path: &str,
        xml: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let path = path.to_owned();
        let xml = xml.map(str::to_owned);
        let handle = self.live_handle();
        async move {
            let conn = handle?;
            run(
                func!("virDomainRestoreFlags", "restoring a domain"),
                conn,
                Some(flags),
                move |c| c.restore_domain_flags(&path, xml.as_deref(), flags),
            )
            .await
        }
    }

    async_trio! {
        /// Opens the connection.
        fn open, open_async => open_future() -> ();
        /// Opens the connection read-only.
        fn open_read_only, open_read_only_async => open_read_only_future() -> ();
        /// Closes the connection.
        fn close, close_async => close_future() -> ();
        /// Re-fetches domains.
        fn fetch_domains, fetch_domains_async => fetch_domains_future() -> ();
        /// Re-fetches networks.
        fn fetch_networks, fetch_networks_async => fetch_networks_future() -> ();
        /// Re-fetches storage pools.
        fn fetch_storage_pools, fetch_storage_pools_async => fetch_storage_pools_future() -> ();
        /// Re-fetches networks and storage pools.
        fn fetch_networks_and_pools, fetch_networks_and_pools_async => fetch_networks_and_pools_future() -> ();
        /// Defines a domain.
        fn create_domain, create_domain_async => create_domain_future(xml: &str) -> Domain;
        /// Creates and starts a transient domain.
        fn start_domain, start_domain_async => start_domain_future(xml: &str, flags: u32) -> Domain;
        /// Restores a saved domain.
        fn restore_domain_from_file, restore_domain_from_file_async => restore_domain_from_file_future(path: &str) -> ();
    }

    /// A weak reference to this connection, shared by all its domains.
    pub(crate) fn shared_weak(&self) -> std::rc::Rc<glib::WeakRef<Connection>> {
        self.imp()
            .weak_self
            .get_or_init(|| std::rc::Rc::new(self.downgrade()))
            .clone()
    }

    /// The domains, in the order they appeared.
    pub fn domains(&self) -> Vec<Domain> {
        self.imp().domains.borrow().clone()
    }

    /// The domain with this UUID.
    pub fn find_domain_by_uuid(&self, uuid: &str) -> Option<Domain> {
        let key = util::parse_uuid(uuid)?;
        self.imp().domain_index.borrow().get(&key).cloned()
    }

    /// The running domain with this id (`gvir_connection_find_domain_by_id`).
    pub fn find_domain_by_id(&self, id: u32) -> Option<Domain> {
        self.imp()
            .domains
            .borrow()
            .iter()
            .find(|d| d.id() == Some(id))
            .cloned()
    }

    /// The domain with this name.
    pub fn find_domain_by_name(&self, name: &str) -> Option<Domain> {
        self.imp()
            .domains
            .borrow()
            .iter()
            .find(|d| d.name() == name)
            .cloned()
    }

    /// Connects to `domain-added`.
    pub fn connect_domain_added<F: Fn(&Self, &Domain) + 'static>(
        &self,
        f: F,
    ) -> glib::SignalHandlerId {
        self.connect_local("domain-added", false, move |v| {
            if let (Ok(c), Ok(d)) = (v[0].get::<Self>(), v[1].get::<Domain>()) {
                f(&c, &d);
            }
            None
        })
    }

    /// Connects to `domain-removed`.
    pub fn connect_domain_removed<F: Fn(&Self, &Domain) + 'static>(
        &self,
        f: F,
    ) -> glib::SignalHandlerId {
        self.connect_local("domain-removed", false, move |v| {
            if let (Ok(c), Ok(d)) = (v[0].get::<Self>(), v[1].get::<Domain>()) {
                f(&c, &d);
            }
            None
        })
    }

    /// Connects to `connection-closed`.
    pub fn connect_connection_closed<F: Fn(&Self) + 'static>(&self, f: F) -> glib::SignalHandlerId {
        self.connect_local("connection-closed", false, move |v| {
            if let Ok(c) = v[0].get::<Self>() {
                f(&c);
            }
            None
        })
    }

    /// Connects to `connection-opened`.
    pub fn connect_connection_opened<F: Fn(&Self) + 'static>(&self, f: F) -> glib::SignalHandlerId {
        self.connect_local("connection-opened", false, move |v| {
            if let Ok(c) = v[0].get::<Self>() {
                f(&c);
            }
            None
        })
    }

    // ----- tree maintenance (owner context) -----

    fn with_domain(&self, uuid: &str, f: impl FnOnce(&Domain)) {
        if let Some(d) = self.find_domain_by_uuid(uuid) {
            f(&d);
        }
    }

    /// Returns the object for `dom`, adding it (and emitting `domain-added`) when new.
    fn adopt_domain(
        &self,
        dom: virt::domain::Domain,
        state: DomainState,
        persistent: bool,
    ) -> Domain {
        // SAFETY: valid handle.
        let p = unsafe { dom.as_ptr() };
        let uuid = events::dom_uuid_raw(p);
        let known = self.imp().domain_index.borrow().get(&uuid).cloned();
        if let Some(d) = known {
            if persistent {
                d.set_persistent(true);
            }
            return d;
        }
        let d = Domain::new(self, dom, uuid, events::dom_name(p), state, persistent);
        self.insert_domains(vec![d.clone()]);
        d
    }

    fn insert_domains(&self, new: Vec<Domain>) {
        if new.is_empty() {
            return;
        }
        let imp = self.imp();
        let pos = {
            let mut list = imp.domains.borrow_mut();
            let mut index = imp.domain_index.borrow_mut();
            let pos = list.len();
            for d in &new {
                index.insert(d.uuid_raw(), d.clone());
            }
            list.extend(new.iter().cloned());
            pos
        };
        self.items_changed(pos as u32, 0, new.len() as u32);
        for d in &new {
            self.emit_by_name::<()>("domain-added", &[d]);
        }
    }

    fn remove_domain(&self, uuid: &str) {
        if let Some(key) = util::parse_uuid(uuid) {
            self.remove_domain_raw(key);
        }
    }

    fn remove_domain_raw(&self, uuid: u128) {
        let imp = self.imp();
        let Some(d) = imp.domain_index.borrow_mut().remove(&uuid) else {
            return;
        };
        let pos = imp.domains.borrow().iter().position(|x| x == &d);
        if let Some(pos) = pos {
            imp.domains.borrow_mut().remove(pos);
            self.items_changed(pos as u32, 1, 0);
        }
        d.detach();
        self.emit_by_name::<()>("domain-removed", &[&d]);
    }

    fn sync_domains(&self, snaps: Vec<fetch::DomSnap>) {
        let imp = self.imp();
        // Objects seen in the snapshot (hashed by pointer: no string copies).
        let mut seen: std::collections::HashSet<Domain> =
            std::collections::HashSet::with_capacity(snaps.len());
        let mut new = Vec::new();
        let mut trash = Vec::new();
        for s in snaps {
            let known = imp.domain_index.borrow().get(&s.uuid).cloned();
            if let Some(d) = known {
                // Keep a live handle (same connection); freeing libvirt handles costs ~1 µs
                // each, so unneeded ones are freed on a worker, not on this context.
                if d.has_handle() {
                    trash.push(s.dom);
                } else {
                    d.replace_handle(Some(s.dom));
                }
                d.set_name(&s.name);
                d.set_persistent(s.persistent);
                d.set_state(s.state);
                seen.insert(d);
            } else {
                new.push(Domain::new(
                    self,
                    s.dom,
                    s.uuid,
                    s.name,
                    s.state,
                    s.persistent,
                ));
            }
        }
        if seen.len() < imp.domains.borrow().len() {
            let gone: Vec<u128> = imp
                .domains
                .borrow()
                .iter()
                .filter(|d| !seen.contains(*d))
                .map(Domain::uuid_raw)
                .collect();
            for u in gone {
                self.remove_domain_raw(u);
            }
        }
        self.insert_domains(new);
        if !trash.is_empty() {
            util::spawn_detached(move || drop(trash));
        }
    }

    fn on_domain_lifecycle(
        &self,
        dom: virt::domain::Domain,
        uuid: String,
        name: String,
        event: i32,
        detail: i32,
    ) {
        use virt_sys as s;
        let ev = event as u32;
        let detail_name = crate::enums::lifecycle_detail(event, detail);
        let known = self.find_domain_by_uuid(&uuid);
        let d = match known {
            Some(d) => d,
            None => {
                if ev == s::VIR_DOMAIN_EVENT_UNDEFINED || ev == s::VIR_DOMAIN_EVENT_STOPPED {
                    return;
                }
                let state = if ev == s::VIR_DOMAIN_EVENT_DEFINED {
                    DomainState::Shutoff
                } else {
                    DomainState::None
                };
                let d = Domain::new(
                    self,
                    dom,
                    util::parse_uuid(&uuid).unwrap_or_default(),
                    name.clone(),
                    state,
                    ev == s::VIR_DOMAIN_EVENT_DEFINED,
                );
                self.insert_domains(vec![d.clone()]);
                if ev == s::VIR_DOMAIN_EVENT_DEFINED {
                    return;
                }
                d
            }
        };
        d.set_name(&name);
        match ev {
            s::VIR_DOMAIN_EVENT_DEFINED => {
                d.set_persistent(true);
                if detail != 0 {
                    d.emit_lifecycle("updated", detail_name);
                }
            }
            s::VIR_DOMAIN_EVENT_UNDEFINED => {
                d.set_persistent(false);
                if !d.state().is_active() {
                    self.remove_domain(&uuid);
                }
            }
            s::VIR_DOMAIN_EVENT_STARTED => {
                d.set_state(DomainState::Running);
                d.emit_lifecycle("started", detail_name);
                // Taint flags (custom-argv, host-cpu, ...) are set when QEMU starts.
                if let Some(ctx) = self.imp().ctx.get() {
                    let fut = d.refresh_messages_future();
                    ctx.spawn_local(async move {
                        let _ = fut.await;
                    });
                }
            }
            s::VIR_DOMAIN_EVENT_SUSPENDED => {
                d.set_state(DomainState::Paused);
                d.emit_lifecycle("suspended", detail_name);
            }
            s::VIR_DOMAIN_EVENT_RESUMED => {
                d.set_state(DomainState::Running);
                d.emit_lifecycle("resumed", detail_name);
            }
            s::VIR_DOMAIN_EVENT_STOPPED => {
                d.set_state(DomainState::Shutoff);
                d.emit_lifecycle("stopped", detail_name);
                if !d.persistent() {
                    self.remove_domain(&uuid);
                }
            }
            s::VIR_DOMAIN_EVENT_PMSUSPENDED => {
                d.set_state(DomainState::PmSuspended);
                d.emit_lifecycle("pmsuspended", detail_name);
            }
            s::VIR_DOMAIN_EVENT_CRASHED => {
                d.set_state(DomainState::Crashed);
                d.emit_lifecycle("crashed", detail_name);
            }
            _ => {}
        }
    }

    fn mark_closed(&self) {
        let imp = self.imp();
        if !imp.open.replace(false) {
            return;
        }
        let trash: Vec<_> = imp
            .domains
            .borrow()
            .iter()
            .filter_map(Domain::take_handle)
            .collect();
        util::spawn_detached(move || drop(trash));
        self.notify_is_open();
        self.emit_by_name::<()>("connection-closed", &[]);
    }

    fn on_closed(&self, reason: i32) {
        tracing::debug!(reason, uri = %self.uri(), "libvirt connection closed");
        let imp = self.imp();
        imp.epoch.set(imp.epoch.get() + 1);
        if let Some(conn) = imp.handle.take() {
            let regs = imp.regs.take();
            // Closing the dead connection may still touch the socket: not on this context.
            util::spawn_detached(move || events::close(conn, &regs));
        }
        self.mark_closed();
    }
}

/// Defines (or redefines) a persistent domain from `xml` on a worker thread:
/// `virDomainDefineXML` without flags (as the C library does), else
/// `virDomainDefineXMLFlags`.
pub(crate) fn define_domain(
    conn: Result<virt::connect::Connect, glib::Error>,
    xml: &str,
    flags: u32,
) -> impl Future<Output = Result<virt::domain::Domain, glib::Error>> + 'static {
    let xml = xml.to_owned();
    async move {
        let conn = conn?;
        if flags == 0 {
            run(
                func!("virDomainDefineXML", "defining a domain"),
                conn,
                None,
                move |c| c.define_domain_xml(&xml),
            )
            .await
        } else {
            run(
                func!("virDomainDefineXMLFlags", "defining a domain"),
                conn,
                Some(flags),
                move |c| c.define_domain_xml_flags(&xml, flags),
            )
            .await
        }
    }
}
