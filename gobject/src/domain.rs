//! [`Domain`]: a libvirt guest (`GVirDomain`).

mod console;
mod jobs;
mod lifecycle;
mod qemu;
mod snapshots;

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use glib::prelude::*;
use glib::subclass::prelude::*;
use glib::subclass::Signal;

use crate::enums::DomainState;
use crate::util;

pub use console::GraphicsSocket;
pub use jobs::{DomainJobInfo, DomainJobType};
pub use qemu::MonitorReply;
pub use snapshots::DomainSnapshot;

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::Domain)]
    pub struct Domain {
        /// The libvirt handle as the C library's boxed `GVirDomainHandle` (construct-only: adopts
        /// an existing libvirt object, as in the C library).
        #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::DomainHandle>)]
        pub(super) handle_boxed: std::marker::PhantomData<Option<crate::handles::DomainHandle>>,
        pub(super) handle: RefCell<Option<virt::domain::Domain>>,
        /// The connection this domain belongs to (weak: the connection owns its domains).
        #[property(get = Self::connection_obj, type = Option<crate::Connection>)]
        pub(super) connection: std::marker::PhantomData<Option<crate::Connection>>,
        /// The weak reference behind `connection`, shared by all the connection's domains:
        /// a `GWeakRef` per domain costs an allocation each and makes dropping thousands
        /// of domains quadratic (GLib keeps an object's weak locations in a list).
        pub(super) conn_ref: std::cell::OnceCell<std::rc::Rc<glib::WeakRef<crate::Connection>>>,
        /// The domain's UUID (the key of the connection's domain list).
        #[property(get = Self::uuid_string, type = String)]
        pub(super) uuid: std::marker::PhantomData<String>,
        /// The UUID's 16 bytes (kept compact: one per domain, thousands of domains).
        pub(super) uuid_raw: Cell<u128>,
        /// The domain's name.
        #[property(get)]
        pub(super) name: RefCell<String>,
        /// Current lifecycle state, kept up to date from libvirt's lifecycle events.
        #[property(get, builder(DomainState::default()))]
        pub(super) state: Cell<DomainState>,
        /// Whether the domain is persistent (defined), as opposed to transient.
        #[property(get)]
        pub(super) persistent: Cell<bool>,
        /// The domain's messages (`virDomainGetMessages`): taint flags and deprecation
        /// warnings, refreshed by [`super::Domain::messages_future`].
        #[property(get)]
        pub(super) messages: RefCell<Vec<String>>,
        /// Whether libvirt reports the domain as tainted (a `tainted:` message exists).
        #[property(get)]
        pub(super) tainted: Cell<bool>,
    }

    crate::handles::handle_property!(Domain, DomainHandle);

    #[glib::object_subclass]
    impl ObjectSubclass for Domain {
        const NAME: &'static str = "GVirDomain";
        type Type = super::Domain;
    }

    #[glib::derived_properties]
    impl ObjectImpl for Domain {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                let state = |name: &str| {
                    Signal::builder(name)
                        .detailed()
                        .no_recurse()
                        .no_hooks()
                        .run_last()
                        .build()
                };
                vec![
                    state("started"),
                    state("stopped"),
                    state("suspended"),
                    state("resumed"),
                    state("pmsuspended"),
                    state("updated"),
                    state("crashed"),
                    Signal::builder("rebooted").run_last().build(),
                    Signal::builder("device-added")
                        .param_types([String::static_type()])
                        .run_last()
                        .build(),
                    Signal::builder("device-removed")
                        .param_types([String::static_type()])
                        .run_last()
                        .build(),
                    Signal::builder("job-completed")
                        .param_types([glib::Variant::static_type()])
                        .run_last()
                        .build(),
                    Signal::builder("block-job")
                        .param_types([
                            String::static_type(),
                            i32::static_type(),
                            i32::static_type(),
                        ])
                        .run_last()
                        .build(),
                    Signal::builder("tray-changed")
                        .param_types([String::static_type(), i32::static_type()])
                        .run_last()
                        .build(),
                    Signal::builder("metadata-changed")
                        .param_types([i32::static_type(), String::static_type()])
                        .run_last()
                        .build(),
                    Signal::builder("qmp-event")
                        .param_types([
                            String::static_type(),
                            i64::static_type(),
                            u32::static_type(),
                            String::static_type(),
                        ])
                        .run_last()
                        .build(),
                ]
            })
        }
    }

    impl Domain {
        fn connection_obj(&self) -> Option<crate::Connection> {
            self.conn_ref.get().and_then(|w| w.upgrade())
        }

        fn uuid_string(&self) -> String {
            util::format_uuid(self.uuid_raw.get())
        }

        pub(super) fn set_state(&self, s: DomainState) {
            if self.state.replace(s) != s {
                self.obj().notify_state();
            }
        }
    }
}

glib::wrapper! {
    /// A libvirt guest (`GVirDomain`).
    ///
    /// Its state follows libvirt's lifecycle events: never poll it.
    ///
    /// ## Signals
    /// All signals are emitted on the main context of the thread that opened the connection.
    ///
    /// #### `started`, `stopped`, `suspended`, `resumed`, `pmsuspended`, `crashed`, `updated`
    /// Lifecycle events, detailed by their reason (`started::booted`, `stopped::shutdown`,
    /// `stopped::destroyed`, `resumed::unpaused`, `updated::updated`, ...). `state` is
    /// already updated (and `notify::state` emitted) when they run.
    ///
    /// #### `rebooted`
    /// The guest rebooted.
    ///
    /// #### `device-added`, `device-removed`
    /// A device (its alias is the parameter) was hot-plugged or unplugged.
    ///
    /// #### `job-completed`
    /// A background job (migration, save, dump, backup) completed. The parameter is the
    /// job's statistics (`virConnectDomainEventJobCompletedCallback`'s typed parameters:
    /// `operation`, `time_elapsed`, `disk_total`, ...) as an `a{sv}` [`glib::Variant`];
    /// [`Domain::connect_job_completed`] hands them over as a map.
    ///
    /// #### `block-job`
    /// A block job changed: `(disk, type, status)` as `virConnectDomainEventBlockJobCallback`.
    ///
    /// #### `tray-changed`
    /// A removable device's tray moved: `(alias, reason)`.
    ///
    /// #### `metadata-changed`
    /// Metadata changed: `(type, namespace-uri)`.
    ///
    /// #### `qmp-event`
    /// A QEMU monitor event: `(event, seconds, microseconds, details-json)`.
    pub struct Domain(ObjectSubclass<imp::Domain>);
}

impl Domain {
    pub(crate) fn new(
        connection: &crate::Connection,
        handle: virt::domain::Domain,
        uuid: u128,
        name: String,
        state: DomainState,
        persistent: bool,
    ) -> Self {
        let obj: Self = glib::Object::new();
        let imp = obj.imp();
        let _ = imp.conn_ref.set(connection.shared_weak());
        imp.handle.replace(Some(handle));
        imp.uuid_raw.set(uuid);
        imp.name.replace(name);
        imp.state.set(state);
        imp.persistent.set(persistent);
        obj
    }

    /// The libvirt handle (a new reference), `None` once the connection is closed; for
    /// calls this type does not wrap (the C ABI uses it).
    pub fn virt_handle(&self) -> Option<virt::domain::Domain> {
        self.imp().handle.borrow().clone()
    }

    /// The UUID's raw value (the domain index's key).
    pub(crate) fn uuid_raw(&self) -> u128 {
        self.imp().uuid_raw.get()
    }

    /// The libvirt handle (a new reference), or an error when the connection is closed.
    pub(crate) fn live_handle(&self) -> Result<virt::domain::Domain, glib::Error> {
        self.imp()
            .handle
            .borrow()
            .clone()
            .ok_or_else(util::not_connected)
    }

    pub(crate) fn replace_handle(&self, handle: Option<virt::domain::Domain>) {
        self.imp().handle.replace(handle);
    }

    pub(crate) fn has_handle(&self) -> bool {
        self.imp().handle.borrow().is_some()
    }

    /// Forgets the libvirt handle and returns it (to be freed elsewhere).
    pub(crate) fn take_handle(&self) -> Option<virt::domain::Domain> {
        self.imp().handle.take()
    }

    pub(crate) fn set_state(&self, state: DomainState) {
        self.imp().set_state(state);
    }

    pub(crate) fn set_name(&self, name: &str) {
        if *self.imp().name.borrow() != name {
            self.imp().name.replace(name.to_owned());
            self.notify_name();
        }
    }

    pub(crate) fn set_persistent(&self, p: bool) {
        if self.imp().persistent.replace(p) != p {
            self.notify_persistent();
        }
    }

    pub(crate) fn set_messages(&self, messages: Vec<String>) {
        let tainted = messages.iter().any(|m| m.starts_with("tainted"));
        let changed = *self.imp().messages.borrow() != messages;
        self.imp().messages.replace(messages);
        if changed {
            self.notify_messages();
        }
        if self.imp().tainted.replace(tainted) != tainted {
            self.notify_tainted();
        }
    }

    /// Emits a lifecycle signal with its detail.
    pub(crate) fn emit_lifecycle(&self, signal: &str, detail: &str) {
        let id = glib::subclass::signal::SignalId::lookup(signal, Self::static_type())
            .expect("lifecycle signals are registered in class init");
        self.emit_with_details::<()>(id, glib::Quark::from_str(detail), &[]);
    }

    /// Connects to `started` (any detail).
    pub fn connect_started<F: Fn(&Self) + 'static>(&self, f: F) -> glib::SignalHandlerId {
        self.connect_local("started", false, move |v| {
            if let Ok(d) = v[0].get::<Self>() {
                f(&d);
            }
            None
        })
    }

    /// Connects to `stopped` (any detail).
    pub fn connect_stopped<F: Fn(&Self) + 'static>(&self, f: F) -> glib::SignalHandlerId {
        self.connect_local("stopped", false, move |v| {
            if let Ok(d) = v[0].get::<Self>() {
                f(&d);
            }
            None
        })
    }

    /// Connects to `job-completed`: `f(domain, statistics)` with the job's typed
    /// parameters by name (see [`crate::stats::from_variant`]).
    pub fn connect_job_completed<
        F: Fn(&Self, &std::collections::BTreeMap<String, crate::StatValue>) + 'static,
    >(
        &self,
        f: F,
    ) -> glib::SignalHandlerId {
        self.connect_local("job-completed", false, move |v| {
            if let (Ok(d), Ok(stats)) = (v[0].get::<Self>(), v[1].get::<glib::Variant>()) {
                f(&d, &crate::stats::from_variant(&stats));
            }
            None
        })
    }

    /// Connects to `qmp-event`: `f(domain, event, seconds, micros, details_json)`.
    pub fn connect_qmp_event<F: Fn(&Self, &str, i64, u32, &str) + 'static>(
        &self,
        f: F,
    ) -> glib::SignalHandlerId {
        self.connect_local("qmp-event", false, move |v| {
            if let (Ok(d), Ok(ev), Ok(s), Ok(us), Ok(det)) = (
                v[0].get::<Self>(),
                v[1].get::<String>(),
                v[2].get::<i64>(),
                v[3].get::<u32>(),
                v[4].get::<String>(),
            ) {
                f(&d, &ev, s, us, &det);
            }
            None
        })
    }
}
