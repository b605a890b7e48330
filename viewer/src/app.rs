//! The root component: the main window (connections sidebar, VM list, details, the
//! connection-level Storage and Networks pages), its `gio::Action`s, toasts and the
//! demo-host banner.

use std::rc::Rc;

use adw::prelude::*;
use relm4::prelude::*;

use crate::backend::{settings, ConnEntry, ConnState, Inventory, VmItem};
use crate::components::details::{Details, DetailsInput};
use crate::components::networks::NetworksPage;
use crate::components::sidebar::{Scope, Sidebar, SidebarOutput};
use crate::components::storage::StoragePage;
use crate::components::vm_list::{VmList, VmListInput, VmListOutput};
use crate::factories::vm_columns::UptimeTicker;
use crate::i18n::tr;

/// How the app picks its connections at start.
#[derive(Debug, Clone)]
pub enum StartMode {
    /// Open exactly these URIs (not remembered).
    Uris(Vec<String>),
    /// The remembered connections; on first run, `probe` (normally `qemu:///system`,
    /// `qemu:///session` when not root) when libvirtd answers, else the demo host.
    Auto {
        /// The URI tried on first run.
        probe: String,
    },
    /// The bundled demo host only.
    Demo,
}

/// Start-up options of the app.
#[derive(Debug, Clone)]
pub struct AppInit {
    /// Which connections to open.
    pub start: StartMode,
    /// Print one `vireo-ready …` line on stdout once the list is drawn.
    pub ready_line: bool,
    /// Quit right after the ready line (benchmarks, tests).
    pub quit_after_ready: bool,
    /// Use GSettings (off in tests: nothing is remembered).
    pub use_settings: bool,
    /// Offer to remember credentials in the desktop keyring (Secret Service) and answer
    /// libvirt from it.
    pub use_keyring: bool,
}

impl Default for AppInit {
    fn default() -> Self {
        AppInit {
            start: StartMode::Auto {
                probe: default_probe_uri(),
            },
            ready_line: false,
            quit_after_ready: false,
            use_settings: true,
            use_keyring: true,
        }
    }
}

/// `qemu:///system` for root, else `qemu:///session`.
pub fn default_probe_uri() -> String {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        "qemu:///system".into()
    } else {
        "qemu:///session".into()
    }
}

/// The root component.
pub struct App {
    inv: Inventory,
    _sidebar: Controller<Sidebar>,
    list: Controller<VmList>,
    details: Controller<Details>,
    settings: Option<gio::Settings>,
    remember: bool,
    demo_uri: Option<String>,
    scope: Scope,
    selected: Vec<VmItem>,
    conn_pages: Option<(String, Controller<StoragePage>, Controller<NetworksPage>)>,
    widgets: Rc<Shell>,
    toasts_shown: Vec<String>,
    /// The details pane's next VM, waiting for the next frame to be painted.
    pending_details: Rc<std::cell::RefCell<Option<Option<VmItem>>>>,
}

/// Widgets the app updates.
pub struct Shell {
    /// The toast overlay.
    pub toasts: adw::ToastOverlay,
    /// The demo-host banner.
    pub banner: gtk::InfoBar,
    /// Its text.
    pub banner_label: gtk::Label,
    /// Machines / Storage / Networks.
    pub main_stack: adw::ViewStack,
    storage_slot: gtk::Box,
    networks_slot: gtk::Box,
}

/// Messages to the app.
#[derive(Debug)]
pub enum AppInput {
    /// The sidebar scope changed.
    Scope(Scope),
    /// The list selection changed.
    Selected(Vec<VmItem>),
    /// Add (and remember) a connection.
    AddConnection(String),
    /// Remove (and forget) a connection.
    RemoveConnection(String),
    /// Show a toast.
    Toast(String),
    /// First run: the probe URI answered (`Some`) or not.
    Probed(Option<String>),
    /// A connection changed state.
    ConnectionsChanged,
}

impl App {
    /// The inventory (tests drive it).
    pub fn inventory(&self) -> &Inventory {
        &self.inv
    }

    /// The VM list component.
    pub fn list(&self) -> &Controller<VmList> {
        &self.list
    }

    /// The details component.
    pub fn details(&self) -> &Controller<Details> {
        &self.details
    }

    /// The messages shown as toasts so far (newest last).
    pub fn toasts_shown(&self) -> &[String] {
        &self.toasts_shown
    }

    /// The URI of the demo host, when it is open.
    pub fn demo_uri(&self) -> Option<&str> {
        self.demo_uri.as_deref()
    }

    /// The shell widgets.
    pub fn shell(&self) -> &Shell {
        &self.widgets
    }

    fn save_connections(&self) {
        if let (true, Some(s)) = (self.remember, &self.settings) {
            let uris: Vec<String> = self
                .inv
                .entries()
                .iter()
                .map(ConnEntry::uri)
                .filter(|u| Some(u.as_str()) != self.demo_uri.as_deref())
                .collect();
            settings::save_uris(s, &uris);
        }
    }

    fn open_demo(&mut self) {
        match crate::demo::write_demo_host() {
            Ok(path) => {
                let uri = format!("test://{}", path.display());
                self.inv.add(&uri);
                self.demo_uri = Some(uri);
                self.widgets.banner_label.set_label(&tr(
                    "This is a demo host: libvirt's test driver with example machines. Nothing you do here touches a real machine. Add a connection to manage real ones.",
                ));
                self.widgets.banner.set_revealed(true);
            }
            Err(e) => self
                .inv
                .report(format!("{}: {e}", tr("Could not open the demo host"))),
        }
    }

    /// The connection whose Storage and Networks pages are shown.
    fn page_connection(&self) -> Option<ConnEntry> {
        match &self.scope {
            Scope::Connection(uri) => self.inv.entry(uri),
            _ => self
                .inv
                .entries()
                .into_iter()
                .find(|e| e.state() == ConnState::Connected)
                .or_else(|| self.inv.entries().into_iter().next()),
        }
    }

    /// Shows `item` in the details pane right after the window has painted the frame
    /// with the new selection: the list answers a click (or a "select all" of
    /// thousands) in one frame, the details pane in the next. Selections made meanwhile
    /// coalesce (the last one is shown).
    fn show_details_after_paint(&self, item: Option<VmItem>) {
        if self.pending_details.replace(Some(item)).is_some() {
            return;
        }
        let (pending, details) = (self.pending_details.clone(), self.details.sender().clone());
        let show = Rc::new(move || {
            if let Some(item) = pending.take() {
                details.emit(DetailsInput::Show(item));
            }
        });
        match self.list.widget().frame_clock() {
            Some(clock) if self.list.widget().is_mapped() => {
                let s = show.clone();
                crate::ready::after_next_paint(&clock, move || s());
                // A window that stops painting (hidden meanwhile) still gets its details.
                glib::timeout_add_local_once(std::time::Duration::from_millis(200), move || show());
            }
            _ => show(),
        }
    }

    fn refresh_conn_pages(&mut self) {
        let want = self.page_connection();
        let cur = self.conn_pages.as_ref().map(|(u, _, _)| u.clone());
        if want.as_ref().map(ConnEntry::uri) == cur {
            return;
        }
        let w = self.widgets.clone();
        for slot in [&w.storage_slot, &w.networks_slot] {
            while let Some(c) = slot.first_child() {
                slot.remove(&c);
            }
        }
        self.conn_pages = want.map(|e| {
            let storage = StoragePage::builder().launch(e.conn()).detach();
            let networks = NetworksPage::builder().launch(e.conn()).detach();
            w.storage_slot.append(storage.widget());
            w.networks_slot.append(networks.widget());
            (e.uri(), storage, networks)
        });
    }
}

/// Samples statistics (one bulk call per connection) and refreshes the uptime cells on
/// screen every interval, but only while the window is on screen and the Machines page
/// is shown.
fn start_stats(
    window: &adw::ApplicationWindow,
    inv: &Inventory,
    uptimes: UptimeTicker,
    stack: &adw::ViewStack,
    settings: Option<&gio::Settings>,
) {
    let secs = settings.map_or(2, |s| s.uint("stats-interval")).max(1);
    let (w, inv, stack) = (window.downgrade(), inv.clone(), stack.downgrade());
    glib::timeout_add_seconds_local(secs, move || {
        let (Some(w), Some(stack)) = (w.upgrade(), stack.upgrade()) else {
            return glib::ControlFlow::Break;
        };
        let minimized = w
            .surface()
            .and_downcast::<gtk::gdk::Toplevel>()
            .is_some_and(|t| t.state().contains(gtk::gdk::ToplevelState::MINIMIZED));
        let visible = w.is_mapped()
            && !minimized
            && stack.visible_child_name().as_deref() == Some("machines");
        if visible {
            inv.sample_stats();
            uptimes.tick();
        }
        glib::ControlFlow::Continue
    });
}

/// The app's widgets (all updates go through [`Shell`]).
pub struct AppWidgets;

impl SimpleComponent for App {
    type Init = AppInit;
    type Input = AppInput;
    type Output = ();
    type Root = adw::ApplicationWindow;
    type Widgets = AppWidgets;

    fn init_root() -> adw::ApplicationWindow {
        adw::ApplicationWindow::builder()
            .title(tr("Vireo"))
            .default_width(1240)
            .default_height(760)
            .build()
    }

    fn init(
        init: AppInit,
        window: adw::ApplicationWindow,
        sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        crate::ensure_resources();
        window.set_icon_name(Some(crate::config::APP_ID));
        let inv = Inventory::new();
        let s = sender.clone();
        inv.set_error_sink(move |m| s.input(AppInput::Toast(m)));
        let win = window.downgrade();
        let conns = inv.connections();
        inv.set_credential_prompt(move |entry, requests, reply, can_remember| {
            let parent = win.upgrade().map(|w| w.upcast::<gtk::Window>());
            let host = crate::factories::connection_row::title_for(&entry.uri());
            let d = crate::modals::credentials::show(
                parent.as_ref(),
                &host,
                &requests,
                reply,
                can_remember.then_some(entry),
            );
            crate::modals::credentials::close_when_removed(&d, &conns, entry);
        });
        let settings = init.use_settings.then(settings::settings).flatten();
        inv.set_use_keyring(init.use_keyring);

        let sidebar = Sidebar::builder()
            .launch(inv.clone())
            .forward(sender.input_sender(), |o| match o {
                SidebarOutput::Scope(s) => AppInput::Scope(s),
                SidebarOutput::RemoveConnection(u) => AppInput::RemoveConnection(u),
            });
        let list =
            VmList::builder()
                .launch(inv.clone())
                .forward(sender.input_sender(), |o| match o {
                    VmListOutput::Selected(v) => AppInput::Selected(v),
                });
        let details = Details::builder().launch(inv.clone()).detach();

        // Layout.
        let toasts = adw::ToastOverlay::new();
        let outer = gtk::Box::new(gtk::Orientation::Vertical, 0);
        toasts.set_child(Some(&outer));
        window.set_content(Some(&toasts));

        let header = adw::HeaderBar::new();
        let main_stack = adw::ViewStack::new();
        let switcher = adw::ViewSwitcherTitle::builder()
            .stack(&main_stack)
            .title(tr("Vireo"))
            .build();
        header.set_title_widget(Some(&switcher));
        // The sidebar can be hidden (and hides itself in a narrow window, see
        // [`follow_width`]): without it the window fits half of a 1920 px screen.
        let sidebar_toggle = gtk::ToggleButton::builder()
            .icon_name("sidebar-show-symbolic")
            .active(true)
            .tooltip_text(tr("Show Sidebar"))
            .build();
        sidebar_toggle.set_widget_name("sidebar-toggle");
        sidebar_toggle.update_property(&[gtk::accessible::Property::Label(&tr("Show Sidebar"))]);
        header.pack_start(&sidebar_toggle);
        // F9 (as in GNOME's file manager) flips the toggle.
        window.add_action(&gio::PropertyAction::new(
            "show-sidebar",
            &sidebar_toggle,
            "active",
        ));
        let add_conn = gtk::Button::from_icon_name("list-add-symbolic");
        add_conn.set_action_name(Some("win.add-connection"));
        add_conn.set_tooltip_text(Some(&tr("Add Connection")));
        add_conn.update_property(&[gtk::accessible::Property::Label(&tr("Add Connection"))]);
        header.pack_start(&add_conn);
        let new_vm = gtk::Button::from_icon_name("document-new-symbolic");
        new_vm.set_action_name(Some("win.new-vm"));
        new_vm.set_tooltip_text(Some(&tr("New Virtual Machine")));
        new_vm.update_property(&[gtk::accessible::Property::Label(&tr("New Virtual Machine"))]);
        header.pack_start(&new_vm);
        let menu = gio::Menu::new();
        let sect = gio::Menu::new();
        sect.append(Some(&tr("Select All")), Some("win.select-all"));
        sect.append(Some(&tr("Clone…")), Some("win.clone"));
        sect.append(Some(&tr("Delete…")), Some("win.delete"));
        sect.append(Some(&tr("Save State")), Some("win.save"));
        sect.append(Some(&tr("Reboot")), Some("win.reboot"));
        menu.append_section(None, &sect);
        let about = gio::Menu::new();
        about.append(
            Some(&tr("Keyboard Shortcuts")),
            Some("win.show-help-overlay"),
        );
        about.append(Some(&tr("About Vireo")), Some("win.about"));
        menu.append_section(None, &about);
        let menu_button = gtk::MenuButton::builder()
            .icon_name("open-menu-symbolic")
            .menu_model(&menu)
            .primary(true)
            .tooltip_text(tr("Main Menu"))
            .build();
        menu_button.update_property(&[gtk::accessible::Property::Label(&tr("Main Menu"))]);
        header.pack_end(&menu_button);
        for (icon, action, label) in [
            ("process-stop-symbolic", "win.force-off", tr("Force Off")),
            ("system-shutdown-symbolic", "win.shutdown", tr("Shut Down")),
            ("media-playback-pause-symbolic", "win.pause", tr("Pause")),
            ("media-playback-start-symbolic", "win.start", tr("Start")),
        ] {
            let b = gtk::Button::from_icon_name(icon);
            b.set_action_name(Some(action));
            b.set_tooltip_text(Some(&label));
            b.update_property(&[gtk::accessible::Property::Label(&label)]);
            header.pack_end(&b);
        }
        outer.append(&header);

        let banner = gtk::InfoBar::new();
        banner.set_widget_name("demo-banner");
        banner.set_message_type(gtk::MessageType::Info);
        let banner_label = gtk::Label::builder().wrap(true).xalign(0.0).build();
        banner_label.set_widget_name("demo-banner-label");
        banner.add_child(&banner_label);
        banner.add_button(&tr("Add Connection…"), gtk::ResponseType::Accept);
        let w = window.clone();
        banner.connect_response(move |_, r| {
            if r == gtk::ResponseType::Accept {
                let _ = WidgetExt::activate_action(&w, "win.add-connection", None);
            }
        });
        banner.set_revealed(false);
        outer.append(&banner);
        outer.append(&crate::components::activities::strip(&inv.activities()));

        let machines = gtk::Paned::new(gtk::Orientation::Horizontal);
        machines.set_start_child(Some(list.widget()));
        machines.set_end_child(Some(details.widget()));
        machines.set_resize_start_child(true);
        machines.set_shrink_start_child(false);
        machines.set_shrink_end_child(false);
        machines.set_position(700);
        list.widget().set_width_request(480);
        details.widget().set_width_request(340);
        let storage_slot = gtk::Box::new(gtk::Orientation::Vertical, 0);
        storage_slot.set_widget_name("storage-slot");
        let networks_slot = gtk::Box::new(gtk::Orientation::Vertical, 0);
        networks_slot.set_widget_name("networks-slot");
        main_stack
            .add_titled(&machines, Some("machines"), &tr("Machines"))
            .set_icon_name(Some("computer-symbolic"));
        main_stack
            .add_titled(&storage_slot, Some("storage"), &tr("Storage"))
            .set_icon_name(Some("drive-harddisk-symbolic"));
        main_stack
            .add_titled(&networks_slot, Some("networks"), &tr("Networks"))
            .set_icon_name(Some("network-workgroup-symbolic"));
        let body = gtk::Paned::new(gtk::Orientation::Horizontal);
        body.set_start_child(Some(sidebar.widget()));
        body.set_end_child(Some(&main_stack));
        body.set_shrink_start_child(false);
        body.set_resize_start_child(false);
        body.set_vexpand(true);
        outer.append(&body);
        sidebar_toggle
            .bind_property("active", sidebar.widget(), "visible")
            .bidirectional()
            .sync_create()
            .build();
        follow_width(&window, &sidebar_toggle);

        let widgets = Rc::new(Shell {
            toasts,
            banner,
            banner_label,
            main_stack,
            storage_slot,
            networks_slot,
        });

        let s = sender.clone();
        inv.connections()
            .connect_items_changed(move |m, pos, _, added| {
                for i in pos..pos + added {
                    if let Some(e) = m.item(i).and_downcast::<ConnEntry>() {
                        let s = s.clone();
                        e.connect_state_notify(move |_| s.input(AppInput::ConnectionsChanged));
                    }
                }
                s.input(AppInput::ConnectionsChanged);
            });

        let s = sender.clone();
        inv.connect_details_changed(move || s.input(AppInput::ConnectionsChanged));

        let mut model = App {
            inv: inv.clone(),
            _sidebar: sidebar,
            list,
            details,
            settings,
            remember: false,
            demo_uri: None,
            scope: Scope::All,
            selected: Vec::new(),
            conn_pages: None,
            widgets,
            toasts_shown: Vec::new(),
            pending_details: Rc::default(),
        };
        crate::actions::install(&window, &model, &sender);
        start_stats(
            &window,
            &inv,
            model.list.model().uptimes.clone(),
            &model.widgets.main_stack,
            model.settings.as_ref(),
        );

        match init.start {
            StartMode::Uris(uris) => {
                for u in uris {
                    inv.add(&u);
                }
            }
            StartMode::Demo => model.open_demo(),
            StartMode::Auto { probe } => {
                model.remember = true;
                let saved = model
                    .settings
                    .as_ref()
                    .map(settings::saved_uris)
                    .unwrap_or_default();
                if saved.is_empty() {
                    let s = sender.clone();
                    relm4::spawn_local(async move {
                        let ok = crate::demo::probe(&probe).await;
                        s.input(AppInput::Probed(ok.then_some(probe)));
                    });
                } else {
                    for u in saved {
                        inv.add(&u);
                    }
                }
            }
        }
        if init.ready_line || init.quit_after_ready {
            crate::ready::watch(&window, &inv, init.ready_line, init.quit_after_ready, {
                let w = model.widgets.clone();
                move || {
                    if w.banner.is_revealed() {
                        w.banner_label.label().to_string()
                    } else {
                        String::new()
                    }
                }
            });
        }
        ComponentParts {
            model,
            widgets: AppWidgets,
        }
    }

    fn update(&mut self, msg: AppInput, _sender: ComponentSender<Self>) {
        match msg {
            AppInput::Scope(scope) => {
                self.scope = scope.clone();
                self.list.emit(VmListInput::Scope(scope));
                self.refresh_conn_pages();
            }
            AppInput::Selected(v) => {
                self.show_details_after_paint(v.first().cloned());
                self.selected = v;
                crate::actions::update_enabled(&self.list.widget().root(), &self.selected);
            }
            AppInput::AddConnection(uri) => {
                self.inv.add(&uri);
                self.save_connections();
            }
            AppInput::RemoveConnection(uri) => {
                self.inv.remove(&uri);
                if self.demo_uri.as_deref() == Some(uri.as_str()) {
                    self.demo_uri = None;
                    self.widgets.banner.set_revealed(false);
                }
                self.save_connections();
                self.refresh_conn_pages();
            }
            AppInput::Toast(m) => {
                let t = adw::Toast::new(&glib::markup_escape_text(&m));
                self.toasts_shown.push(m);
                t.set_timeout(6);
                self.widgets.toasts.add_toast(t);
            }
            AppInput::Probed(Some(uri)) => {
                self.inv.add(&uri);
                self.save_connections();
            }
            AppInput::Probed(None) => self.open_demo(),
            AppInput::ConnectionsChanged => {
                self.refresh_conn_pages();
                crate::actions::update_enabled(&self.list.widget().root(), &self.selected);
            }
        }
    }

    fn update_view(&self, _w: &mut AppWidgets, _sender: ComponentSender<Self>) {}
}

/// Window width under which the sidebar hides itself; above it, a sidebar that hid
/// itself comes back. With the sidebar the window needs about 1,080 px; without it
/// about 830.
const SIDEBAR_MIN_WINDOW_WIDTH: i32 = 1150;

/// Hides the sidebar (through its toggle) when the window gets narrower than
/// [`SIDEBAR_MIN_WINDOW_WIDTH`] and shows it again when it gets wider, unless the
/// user toggled it meanwhile.
fn follow_width(window: &adw::ApplicationWindow, toggle: &gtk::ToggleButton) {
    let auto_hidden = Rc::new(std::cell::Cell::new(false));
    let t = toggle.clone();
    let hidden = auto_hidden.clone();
    toggle.connect_toggled(move |_| hidden.set(false));
    window.connect_default_width_notify(move |w| {
        let width = w.default_width();
        if width <= 0 {
            return;
        }
        if width < SIDEBAR_MIN_WINDOW_WIDTH && t.is_active() && !auto_hidden.get() {
            t.set_active(false);
            auto_hidden.set(true);
        } else if width >= SIDEBAR_MIN_WINDOW_WIDTH && auto_hidden.get() {
            t.set_active(true);
        }
    });
}
