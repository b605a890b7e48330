//! [`SerialConsole`]: a VTE terminal on a guest's serial port or console.
//!
//! The bytes come from `virDomainOpenConsole` (libvirt-gobject's
//! [`Domain::open_console_future`], a `gio::IOStream`): what the guest writes is fed to
//! the terminal, what the user types goes back in order through one writer task.

use std::cell::{Cell, RefCell};

use futures_channel::mpsc;
use futures_util::StreamExt;
use gtk::prelude::*;
use gtk::subclass::prelude::*;
use libvirt_gconfig::ConsoleTargetType;
use libvirt_gobject::{Domain, DomainState};
use vte4::prelude::*;

use crate::watch::is_live;
use crate::ConsoleState;

/// One serial port or console of a guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleDevice {
    /// The device alias libvirt opens it by (`serial0`, `console1`), `None` for the
    /// guest's first console (inactive configurations have no aliases).
    pub alias: Option<String>,
    /// What to call it in a list ("Serial port 0", "Console 1 (virtio)").
    pub label: String,
}

/// The serial ports and consoles of `config` worth offering: every `<serial>`, then the
/// `<console>`s that are not just another name for the first serial port.
pub fn console_devices(config: &libvirt_gconfig::Domain) -> Vec<ConsoleDevice> {
    let Some(devices) = config.devices() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let serials = devices.serials();
    for (i, s) in serials.iter().enumerate() {
        let port = s
            .target()
            .and_then(|t| t.port().ok().flatten())
            .unwrap_or(i as u32);
        out.push(ConsoleDevice {
            alias: s.alias().and_then(|a| a.name().ok().flatten()),
            label: format!("Serial port {port}"),
        });
    }
    for (i, c) in devices.consoles().iter().enumerate() {
        let kind = c.target_type().ok().flatten();
        if kind == Some(ConsoleTargetType::Serial) && !serials.is_empty() {
            continue;
        }
        let kind_name = kind
            .map(|k| format!(" ({})", libvirt_gconfig::value::XmlValue::to_xml(&k)))
            .unwrap_or_default();
        out.push(ConsoleDevice {
            alias: c.alias().and_then(|a| a.name().ok().flatten()),
            label: format!("Console {i}{kind_name}"),
        });
    }
    out
}

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::SerialConsole)]
    pub struct SerialConsole {
        /// What the console shows.
        #[property(get, builder(ConsoleState::default()))]
        pub(super) state: Cell<ConsoleState>,
        /// Why the console is in its state (an error text, or empty).
        #[property(get)]
        pub(super) message: RefCell<String>,
        /// The domain whose console this is.
        #[property(name = "domain", get = |imp: &Self| imp.watch.get(), type = Option<Domain>)]
        pub(super) watch: crate::watch::DomainWatch,
        /// The alias of the device shown (`None`: the first console).
        #[property(get)]
        pub(super) device: RefCell<Option<String>>,

        pub(super) devices: RefCell<Vec<ConsoleDevice>>,
        pub(super) generation: Cell<u64>,
        pub(super) stream: RefCell<Option<libvirt_gobject::Stream>>,
        pub(super) writer: RefCell<Option<mpsc::UnboundedSender<Vec<u8>>>>,
        pub(super) updating_list: Cell<bool>,
        pub(super) parts: std::cell::OnceCell<Parts>,
    }

    pub(crate) struct Parts {
        pub(crate) terminal: vte4::Terminal,
        pub(crate) chooser: gtk::DropDown,
        pub(crate) list: gtk::StringList,
        pub(crate) status: gtk::Label,
        pub(crate) reconnect: gtk::Button,
        pub(crate) content: gtk::Box,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for SerialConsole {
        const NAME: &'static str = "VireoSerialConsole";
        type Type = super::SerialConsole;
        type ParentType = gtk::Widget;

        fn class_init(klass: &mut Self::Class) {
            klass.set_css_name("vireo-serial-console");
            klass.set_layout_manager_type::<gtk::BinLayout>();
        }
    }

    #[glib::derived_properties]
    impl ObjectImpl for SerialConsole {
        fn constructed(&self) {
            self.parent_constructed();
            self.obj().build();
        }

        fn dispose(&self) {
            self.obj().close();
            self.watch.clear();
            if let Some(p) = self.parts.get() {
                p.content.unparent();
            }
        }
    }

    impl WidgetImpl for SerialConsole {}
}

glib::wrapper! {
    /// A terminal on a guest's serial port or console, with a chooser among the guest's
    /// devices and a status line; it reconnects when the guest starts again.
    pub struct SerialConsole(ObjectSubclass<imp::SerialConsole>)
        @extends gtk::Widget,
        @implements gtk::Accessible, gtk::Buildable, gtk::ConstraintTarget;
}

impl Default for SerialConsole {
    fn default() -> Self {
        Self::new()
    }
}

impl SerialConsole {
    /// A console with no session.
    pub fn new() -> Self {
        glib::Object::new()
    }

    fn parts(&self) -> &imp::Parts {
        self.imp().parts.get().expect("built in constructed()")
    }

    fn build(&self) {
        let terminal = vte4::Terminal::new();
        terminal.set_vexpand(true);
        terminal.set_hexpand(true);
        terminal.set_size(80, 25);
        terminal.set_scrollback_lines(10_000);
        terminal.set_font(Some(&gtk::pango::FontDescription::from_string(
            "Monospace 11",
        )));
        terminal.connect_commit(glib::clone!(
            #[weak(rename_to = console)]
            self,
            move |_, text, _| console.send(text.as_bytes())
        ));
        let list = gtk::StringList::new(&[]);
        let chooser = gtk::DropDown::new(Some(list.clone()), None::<gtk::Expression>);
        chooser.set_tooltip_text(Some("Serial device"));
        chooser.connect_selected_notify(glib::clone!(
            #[weak(rename_to = console)]
            self,
            move |dd| console.on_chosen(dd.selected())
        ));
        let status = gtk::Label::new(None);
        status.set_xalign(0.0);
        status.set_hexpand(true);
        status.set_ellipsize(gtk::pango::EllipsizeMode::End);
        let reconnect = gtk::Button::with_label("Reconnect");
        reconnect.connect_clicked(glib::clone!(
            #[weak(rename_to = console)]
            self,
            move |_| console.reconnect()
        ));
        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        bar.set_margin_start(6);
        bar.set_margin_end(6);
        bar.set_margin_top(4);
        bar.set_margin_bottom(4);
        bar.append(&chooser);
        bar.append(&status);
        bar.append(&reconnect);
        let content = gtk::Box::new(gtk::Orientation::Vertical, 0);
        content.append(&bar);
        content.append(&terminal);
        content.set_parent(self);
        let _ = self.imp().parts.set(imp::Parts {
            terminal,
            chooser,
            list,
            status,
            reconnect,
            content,
        });
        self.set_state(ConsoleState::Idle, "");
    }

    /// The terminal (to set fonts, colours, or feed it directly).
    pub fn terminal(&self) -> vte4::Terminal {
        self.parts().terminal.clone()
    }

    /// The guest's consoles offered in the chooser.
    pub fn devices(&self) -> Vec<ConsoleDevice> {
        self.imp().devices.borrow().clone()
    }

    /// The terminal's whole text (scrollback included).
    pub fn text(&self) -> String {
        let t = &self.parts().terminal;
        t.select_all();
        let text = t.text_selected(vte4::Format::Text);
        t.unselect_all();
        text.map(String::from).unwrap_or_default()
    }

    fn set_state(&self, state: ConsoleState, message: &str) {
        let imp = self.imp();
        if *imp.message.borrow() != message {
            imp.message.replace(message.to_owned());
            self.notify_message();
        }
        if imp.state.replace(state) != state {
            self.notify_state();
        }
        let p = self.parts();
        let text = match state {
            ConsoleState::Idle => "No console".to_owned(),
            ConsoleState::NotRunning => "The virtual machine is not running".to_owned(),
            ConsoleState::Connecting => "Connecting…".to_owned(),
            ConsoleState::Connected => "Connected".to_owned(),
            ConsoleState::Disconnected if message.is_empty() => "Disconnected".to_owned(),
            ConsoleState::Disconnected => format!("Disconnected: {message}"),
            ConsoleState::Unsupported => "This virtual machine has no serial console".to_owned(),
        };
        p.status.set_label(&text);
        p.reconnect.set_visible(state == ConsoleState::Disconnected);
        p.chooser.set_visible(imp.devices.borrow().len() > 1);
    }

    /// Shows the console of `domain` (its first serial device), now and whenever it
    /// runs: reconnects after the guest restarts.
    pub fn open_domain(&self, domain: &Domain) {
        let imp = self.imp();
        self.close();
        imp.watch.set(
            Some(domain),
            glib::clone!(
                #[weak(rename_to = console)]
                self,
                move |state| console.on_domain_state(state)
            ),
        );
        imp.device.replace(None);
        self.notify_domain();
        self.connect_domain();
    }

    /// Switches to the device with alias `alias` (see [`devices`](Self::devices)).
    pub fn set_device(&self, alias: Option<&str>) {
        let imp = self.imp();
        if imp.device.borrow().as_deref() == alias {
            return;
        }
        imp.device.replace(alias.map(str::to_owned));
        self.notify_device();
        if let Some(i) = imp
            .devices
            .borrow()
            .iter()
            .position(|d| d.alias.as_deref() == alias)
        {
            imp.updating_list.set(true);
            self.parts().chooser.set_selected(i as u32);
            imp.updating_list.set(false);
        }
        if imp.watch.get().is_some() {
            self.close();
            self.connect_domain();
        }
    }

    fn on_chosen(&self, idx: u32) {
        if self.imp().updating_list.get() {
            return;
        }
        let alias = self
            .imp()
            .devices
            .borrow()
            .get(idx as usize)
            .and_then(|d| d.alias.clone());
        self.set_device(alias.as_deref());
    }

    fn on_domain_state(&self, state: DomainState) {
        let current = self.imp().state.get();
        if is_live(state) {
            if matches!(
                current,
                ConsoleState::NotRunning | ConsoleState::Idle | ConsoleState::Disconnected
            ) {
                self.connect_domain();
            }
        } else {
            self.close();
            self.set_state(ConsoleState::NotRunning, "");
        }
    }

    /// Reconnects to the chosen device.
    pub fn reconnect(&self) {
        self.close();
        self.connect_domain();
    }

    /// Ends the session.
    pub fn close(&self) {
        let imp = self.imp();
        imp.generation.set(imp.generation.get() + 1);
        imp.writer.take();
        if let Some(s) = imp.stream.take() {
            glib::MainContext::default().spawn_local(async move {
                let _ = s.close_future(glib::Priority::DEFAULT).await;
            });
        }
        if imp.state.get() == ConsoleState::Connected {
            self.set_state(ConsoleState::Disconnected, "");
        }
    }

    fn connect_domain(&self) {
        let imp = self.imp();
        let Some(domain) = imp.watch.get() else {
            return;
        };
        imp.generation.set(imp.generation.get() + 1);
        let generation = imp.generation.get();
        if !is_live(domain.state()) {
            self.set_state(ConsoleState::NotRunning, "");
            return;
        }
        self.set_state(ConsoleState::Connecting, "");
        let device = imp.device.borrow().clone();
        let console = self.downgrade();
        glib::MainContext::default().spawn_local(async move {
            let devices = match domain.config_future(0).await {
                Ok(c) => console_devices(&c),
                Err(e) => {
                    if let Some(c) = console.upgrade() {
                        c.set_state(ConsoleState::Disconnected, &e.to_string());
                    }
                    return;
                }
            };
            let Some(c) = console.upgrade() else {
                return;
            };
            if c.imp().generation.get() != generation {
                return;
            }
            c.set_devices(devices);
            if c.imp().devices.borrow().is_empty() {
                c.set_state(ConsoleState::Unsupported, "");
                return;
            }
            drop(c);
            let result = domain.open_console_future(device.as_deref(), 0).await;
            let Some(c) = console.upgrade() else {
                return;
            };
            if c.imp().generation.get() != generation {
                return;
            }
            match result {
                Ok(stream) => c.run(stream, generation),
                Err(e) if !is_live(domain.state()) => {
                    tracing::debug!(%e, "guest stopped while opening its console");
                    c.set_state(ConsoleState::NotRunning, "")
                }
                Err(e) => c.set_state(ConsoleState::Disconnected, &e.to_string()),
            }
        });
    }

    fn set_devices(&self, devices: Vec<ConsoleDevice>) {
        let imp = self.imp();
        if *imp.devices.borrow() == devices {
            return;
        }
        let p = self.parts();
        imp.updating_list.set(true);
        let labels: Vec<&str> = devices.iter().map(|d| d.label.as_str()).collect();
        p.list.splice(0, p.list.n_items(), &labels);
        let current = imp.device.borrow().clone();
        let idx = devices.iter().position(|d| d.alias == current).unwrap_or(0);
        imp.devices.replace(devices);
        p.chooser.set_selected(idx as u32);
        imp.updating_list.set(false);
    }

    fn run(&self, stream: libvirt_gobject::Stream, generation: u64) {
        let imp = self.imp();
        let (tx, mut rx) = mpsc::unbounded::<Vec<u8>>();
        imp.writer.replace(Some(tx));
        imp.stream.replace(Some(stream.clone()));
        self.set_state(ConsoleState::Connected, "");
        let output = stream.output_stream();
        glib::MainContext::default().spawn_local(async move {
            while let Some(bytes) = rx.next().await {
                if output
                    .write_all_future(bytes, glib::Priority::DEFAULT)
                    .await
                    .is_err()
                {
                    break;
                }
            }
        });
        let input = stream.input_stream();
        let console = self.downgrade();
        glib::MainContext::default().spawn_local(async move {
            let reason = loop {
                let r = input
                    .read_future(vec![0u8; 8192], glib::Priority::DEFAULT)
                    .await;
                let Some(c) = console.upgrade() else {
                    return;
                };
                if c.imp().generation.get() != generation {
                    return;
                }
                match r {
                    Ok((buf, n)) if n > 0 => c.parts().terminal.feed(&buf[..n]),
                    Ok(_) => break String::new(),
                    Err((_, e)) => break e.to_string(),
                }
            };
            let Some(c) = console.upgrade() else {
                return;
            };
            c.imp().writer.take();
            c.imp().stream.take();
            let live = c.imp().watch.is_live_or(false);
            if live {
                c.set_state(ConsoleState::Disconnected, &reason);
            } else {
                c.set_state(ConsoleState::NotRunning, "");
            }
        });
    }

    /// Sends `bytes` to the guest as if typed (in order with what the user types).
    pub fn send(&self, bytes: &[u8]) {
        if let Some(tx) = self.imp().writer.borrow().as_ref() {
            let _ = tx.unbounded_send(bytes.to_vec());
        }
    }
}
