//! [`VncDisplay`]: a guest's VNC display as a GTK4 widget.
//!
//! gvnc (gtk-vnc's GTK-free RFB engine) speaks the protocol and decodes into memory the
//! widget owns ([`framebuffer`]); `snapshot()` draws that memory as render nodes for
//! bands of 16 rows (or tiles of a band), re-created only for what an update touched,
//! once per update (the damage of all its rectangles is drawn in one frame). Input goes back
//! through gvnc ([`input`]), with scancodes when QEMU offers its extended key event.

mod framebuffer;
mod input;
pub mod keys;
mod session;

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use glib::subclass::Signal;
use gtk::prelude::*;
use gtk::subclass::prelude::*;
use gtk::{gdk, gio, graphene};

use framebuffer::{Framebuffer, NodeKind};

/// What a console shows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, glib::Enum)]
#[enum_type(name = "VireoConsoleState")]
pub enum ConsoleState {
    /// Nothing to show: no session was opened yet.
    #[default]
    Idle,
    /// The guest is not running.
    NotRunning,
    /// A session is being opened.
    Connecting,
    /// The session is up; the guest's screen (or terminal) is shown.
    Connected,
    /// The session ended or failed while the guest runs; it can be reconnected.
    Disconnected,
    /// The guest has no console of this kind (for VNC: SPICE only, or no graphics).
    Unsupported,
}

/// How the guest's screen is scaled into the widget.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, glib::Enum)]
#[enum_type(name = "VireoScaleMode")]
pub enum ScaleMode {
    /// As large as fits, keeping the aspect ratio.
    #[default]
    Fit,
    /// One guest pixel per device pixel (HiDPI-aware), centered, clipped if too large.
    OneToOne,
}

/// Counters of the display's work, for benchmarks and diagnostics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DisplayStats {
    /// Framebuffer update rectangles received.
    pub rects: u64,
    /// Frames drawn with new pixels.
    pub frames: u64,
    /// Nodes (whole bands or tiles of one) made for changed pixels.
    pub bands: u64,
    /// Bytes copied from the framebuffer into nodes (with a GPU renderer only: the
    /// cairo renderer draws the framebuffer itself).
    pub bytes_copied: u64,
    /// Incremental update requests sent (one per update received).
    pub requests: u64,
}

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::VncDisplay)]
    pub struct VncDisplay {
        /// What the display shows.
        #[property(get, builder(ConsoleState::default()))]
        pub(super) state: Cell<ConsoleState>,
        /// Why the display is in its state (an error text, or empty).
        #[property(get)]
        pub(super) message: RefCell<String>,
        /// How the guest's screen is scaled.
        #[property(get, set = Self::set_scale_mode, builder(ScaleMode::default()))]
        pub(super) scale_mode: Cell<ScaleMode>,
        /// Whether host clipboard text goes to the guest (and guest text to the host).
        /// Off by default: nothing from the host clipboard reaches the guest unless on.
        #[property(get, set = Self::set_share_clipboard)]
        pub(super) share_clipboard: Cell<bool>,
        /// Whether the keyboard is grabbed (system shortcuts go to the guest).
        #[property(get)]
        pub(super) grabbed: Cell<bool>,
        /// Width of the guest's desktop in pixels (0 without a session).
        #[property(get)]
        pub(super) desktop_width: Cell<i32>,
        /// Height of the guest's desktop in pixels (0 without a session).
        #[property(get)]
        pub(super) desktop_height: Cell<i32>,
        /// Whether the widget shows its own status page over the screen when not
        /// connected (an app may hide it and show its own, translated one).
        #[property(get, set = Self::set_show_status_page, default = true)]
        pub(super) show_status_page: Cell<bool>,
        /// The domain whose display this is, when opened with
        /// [`open_domain`](super::VncDisplay::open_domain).
        #[property(name = "domain", get = |imp: &Self| imp.watch.get(), type = Option<libvirt_gobject::Domain>)]
        pub(super) watch: crate::watch::DomainWatch,

        pub(super) connection: RefCell<Option<gvnc::Connection>>,
        pub(super) fb: RefCell<Option<Framebuffer>>,
        pub(super) update_pending: Cell<bool>,
        /// Whether the session's socket is local (see `session::is_local_socket`).
        pub(super) local: Cell<bool>,
        pub(super) stats: Cell<DisplayStats>,
        pub(super) generation: Cell<u64>,
        pub(super) retries: Cell<u32>,
        pub(super) clipboard_handler: RefCell<Option<glib::SignalHandlerId>>,
        pub(super) error: RefCell<Option<String>>,
        pub(super) input: input::InputState,
        pub(super) status: OnceCell<StatusPage>,
        pub(super) hint: OnceCell<gtk::Label>,
    }

    pub(super) use std::cell::OnceCell;

    /// The overlay shown when not connected.
    pub(crate) struct StatusPage {
        pub(crate) root: gtk::Box,
        pub(crate) title: gtk::Label,
        pub(crate) detail: gtk::Label,
        pub(crate) spinner: gtk::Spinner,
        pub(crate) reconnect: gtk::Button,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for VncDisplay {
        const NAME: &'static str = "VireoVncDisplay";
        type Type = super::VncDisplay;
        type ParentType = gtk::Widget;

        fn class_init(klass: &mut Self::Class) {
            klass.set_css_name("vireo-vnc-display");
            klass.set_accessible_role(gtk::AccessibleRole::Img);
        }
    }

    #[glib::derived_properties]
    impl ObjectImpl for VncDisplay {
        fn constructed(&self) {
            self.parent_constructed();
            let obj = self.obj();
            obj.set_focusable(true);
            obj.set_focus_on_click(true);
            obj.set_overflow(gtk::Overflow::Hidden);
            self.show_status_page.set(true);
            self.build_overlays();
            obj.insert_action_group("vnc", Some(&obj.send_key_actions()));
            input::setup(&obj);
            obj.update_status();
        }

        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![
                    Signal::builder("desktop-resized")
                        .param_types([i32::static_type(), i32::static_type()])
                        .build(),
                    Signal::builder("auth-requested")
                        .param_types([bool::static_type()])
                        .build(),
                    Signal::builder("auth-failed")
                        .param_types([String::static_type()])
                        .build(),
                    Signal::builder("reconnect-requested").build(),
                ]
            })
        }

        fn dispose(&self) {
            self.obj().close();
            self.watch.clear();
            if let Some(s) = self.status.get() {
                s.root.unparent();
            }
            if let Some(h) = self.hint.get() {
                h.unparent();
            }
        }
    }

    impl WidgetImpl for VncDisplay {
        fn measure(&self, orientation: gtk::Orientation, _for_size: i32) -> (i32, i32, i32, i32) {
            let obj = self.obj();
            let sf = f64::from(obj.scale_factor().max(1));
            let desktop = match orientation {
                gtk::Orientation::Horizontal => self.desktop_width.get(),
                _ => self.desktop_height.get(),
            };
            let natural = (f64::from(desktop) / sf).ceil() as i32;
            let mut min = 0;
            for child in [
                self.status
                    .get()
                    .map(|s| s.root.clone().upcast::<gtk::Widget>()),
                self.hint.get().map(|h| h.clone().upcast()),
            ]
            .into_iter()
            .flatten()
            {
                if child.is_visible() {
                    let (m, _, _, _) = child.measure(orientation, -1);
                    min = min.max(m);
                }
            }
            if self.scale_mode.get() == ScaleMode::OneToOne {
                min = min.max(natural);
            }
            (min, natural.max(min), -1, -1)
        }

        fn size_allocate(&self, width: i32, height: i32, _baseline: i32) {
            if let Some(s) = self.status.get() {
                if s.root.is_visible() {
                    s.root.allocate(width, height, -1, None);
                }
            }
            if let Some(h) = self.hint.get() {
                if h.is_visible() {
                    let (_, nw) = h.measure(gtk::Orientation::Horizontal, -1).into_min_nat();
                    let (_, nh) = h.measure(gtk::Orientation::Vertical, nw).into_min_nat();
                    let nw = nw.min(width);
                    let t = gsk_translate((width - nw) as f32 / 2.0, 12.0);
                    h.allocate(nw, nh, -1, Some(t));
                }
            }
        }

        fn snapshot(&self, snapshot: &gtk::Snapshot) {
            let obj = self.obj();
            let (w, h) = (obj.width() as f32, obj.height() as f32);
            snapshot.append_color(
                &gdk::RGBA::new(0.0, 0.0, 0.0, 1.0),
                &graphene::Rect::new(0.0, 0.0, w, h),
            );
            if let Some(fb) = self.fb.borrow_mut().as_mut() {
                let renderer = obj.native().and_then(|n| n.renderer());
                let n = fb.refresh(NodeKind::for_renderer(renderer.as_ref()));
                if n > 0 {
                    let mut st = self.stats.get();
                    st.frames += 1;
                    st.bands += n as u64;
                    st.bytes_copied = fb.copied;
                    self.stats.set(st);
                }
                let (ox, oy, s) = obj.placement(fb.width(), fb.height());
                snapshot.save();
                snapshot.translate(&graphene::Point::new(ox as f32, oy as f32));
                if s != 1.0 {
                    snapshot.scale(s as f32, s as f32);
                }
                for node in fb.nodes() {
                    snapshot.append_node(node);
                }
                snapshot.restore();
            }
            if let Some(s) = self.status.get() {
                obj.snapshot_child(&s.root, snapshot);
            }
            if let Some(hint) = self.hint.get() {
                obj.snapshot_child(hint, snapshot);
            }
        }
    }

    impl VncDisplay {
        fn set_scale_mode(&self, mode: ScaleMode) {
            if self.scale_mode.replace(mode) != mode {
                self.obj().queue_resize();
                self.obj().notify_scale_mode();
            }
        }

        fn set_share_clipboard(&self, on: bool) {
            if self.share_clipboard.replace(on) != on {
                self.obj().notify_share_clipboard();
                if on {
                    self.obj().push_clipboard();
                }
            }
        }

        fn set_show_status_page(&self, on: bool) {
            if self.show_status_page.replace(on) != on {
                self.obj().notify_show_status_page();
                self.obj().update_status();
            }
        }

        fn build_overlays(&self) {
            let obj = self.obj();
            let root = gtk::Box::new(gtk::Orientation::Vertical, 12);
            root.set_halign(gtk::Align::Fill);
            root.set_valign(gtk::Align::Fill);
            root.add_css_class("vireo-console-status");
            let inner = gtk::Box::new(gtk::Orientation::Vertical, 12);
            inner.set_valign(gtk::Align::Center);
            inner.set_vexpand(true);
            inner.set_margin_start(24);
            inner.set_margin_end(24);
            let spinner = gtk::Spinner::new();
            spinner.set_size_request(32, 32);
            let title = gtk::Label::new(None);
            title.add_css_class("title-2");
            title.set_wrap(true);
            title.set_justify(gtk::Justification::Center);
            let detail = gtk::Label::new(None);
            detail.set_wrap(true);
            detail.set_justify(gtk::Justification::Center);
            detail.add_css_class("dim-label");
            let reconnect = gtk::Button::with_label("Reconnect");
            reconnect.set_widget_name("console-reconnect");
            reconnect.set_halign(gtk::Align::Center);
            reconnect.add_css_class("pill");
            reconnect.add_css_class("suggested-action");
            reconnect.connect_clicked(glib::clone!(
                #[weak]
                obj,
                move |_| obj.reconnect()
            ));
            inner.append(&spinner);
            inner.append(&title);
            inner.append(&detail);
            inner.append(&reconnect);
            root.append(&inner);
            root.set_parent(&*obj);
            let provider = gtk::CssProvider::new();
            provider.load_from_data(
                ".vireo-console-status { background-color: rgba(24, 24, 24, 0.92); color: white; }\n\
                 .vireo-console-status .dim-label { color: rgba(255, 255, 255, 0.75); }\n\
                 .vireo-console-hint { background-color: rgba(0, 0, 0, 0.75); color: white; \
                  border-radius: 8px; padding: 6px 14px; }",
            );
            if let Some(display) = gdk::Display::default() {
                gtk::style_context_add_provider_for_display(
                    &display,
                    &provider,
                    gtk::STYLE_PROVIDER_PRIORITY_APPLICATION,
                );
            }
            let _ = self.status.set(StatusPage {
                root,
                title,
                detail,
                spinner,
                reconnect,
            });
            let hint = gtk::Label::new(Some("Press Ctrl+Alt to release the keyboard"));
            hint.add_css_class("vireo-console-hint");
            hint.set_visible(false);
            hint.set_can_target(false);
            hint.set_parent(&*obj);
            let _ = self.hint.set(hint);
        }
    }
}

fn gsk_translate(x: f32, y: f32) -> gtk::gsk::Transform {
    gtk::gsk::Transform::new().translate(&graphene::Point::new(x, y))
}

trait MinNat {
    fn into_min_nat(self) -> (i32, i32);
}

impl MinNat for (i32, i32, i32, i32) {
    fn into_min_nat(self) -> (i32, i32) {
        (self.0, self.1)
    }
}

glib::wrapper! {
    /// A guest's VNC display: draws the guest's screen, sends keyboard and pointer input,
    /// and follows the guest's state (not running, connecting, connected, disconnected,
    /// no VNC display).
    ///
    /// Open it on a libvirt domain with [`open_domain`](Self::open_domain) (the socket
    /// comes from `virDomainOpenGraphicsFD` locally, or the graphics port remotely), or
    /// on any connected RFB socket with [`open_fd`](Self::open_fd).
    ///
    /// ## Actions
    /// `vnc.send-key` (string: a name of [`keys::combinations`]) — see
    /// [`send_key_menu`](Self::send_key_menu).
    ///
    /// ## Signals
    /// #### `desktop-resized`
    /// The guest's desktop changed size: width and height in pixels.
    ///
    /// #### `auth-requested`
    /// The server wants a password (and a username when the argument is `true`):
    /// answer with [`provide_credentials`](Self::provide_credentials).
    ///
    /// #### `auth-failed`
    /// Authentication failed; the argument is the server's reason.
    ///
    /// #### `reconnect-requested`
    /// The user asked to reconnect a session opened with [`open_fd`](Self::open_fd)
    /// (sessions of a domain reconnect by themselves).
    pub struct VncDisplay(ObjectSubclass<imp::VncDisplay>)
        @extends gtk::Widget,
        @implements gtk::Accessible, gtk::Buildable, gtk::ConstraintTarget;
}

impl Default for VncDisplay {
    fn default() -> Self {
        Self::new()
    }
}

impl VncDisplay {
    /// A display with no session.
    pub fn new() -> Self {
        glib::Object::new()
    }

    /// Counters of the work done so far.
    pub fn stats(&self) -> DisplayStats {
        self.imp().stats.get()
    }

    /// The "Send key" menu: Ctrl+Alt+Del, Ctrl+Alt+Backspace, Ctrl+Alt+F1…F12 and
    /// PrintScreen, as `vnc.send-key` actions (the display provides the `vnc` group to
    /// its own children; elsewhere insert [`send_key_actions`](Self::send_key_actions)).
    pub fn send_key_menu() -> gio::MenuModel {
        let menu = gio::Menu::new();
        for (name, label) in keys::combinations() {
            let item = gio::MenuItem::new(Some(&label), None);
            item.set_action_and_target_value(Some("vnc.send-key"), Some(&name.to_variant()));
            menu.append_item(&item);
        }
        menu.upcast()
    }

    /// An action group with `send-key` (string parameter) acting on this display, to
    /// insert as `vnc` on a widget that shows [`send_key_menu`](Self::send_key_menu).
    pub fn send_key_actions(&self) -> gio::ActionGroup {
        let group = gio::SimpleActionGroup::new();
        let action = gio::SimpleAction::new("send-key", Some(glib::VariantTy::STRING));
        action.connect_activate(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, v| {
                if let Some(name) = v.and_then(|v| v.str()) {
                    display.send_key_combination(name);
                }
            }
        ));
        group.add_action(&action);
        group.upcast()
    }

    /// Sends combination `name` of [`keys::combinations`] (all keys pressed in order,
    /// then released in reverse). Returns whether it was sent.
    pub fn send_key_combination(&self, name: &str) -> bool {
        match keys::combination_keys(name) {
            Some(k) => self.send_keys(&k),
            None => false,
        }
    }

    /// Sends the keysyms `keys` as one combination (pressed in order, released in
    /// reverse), with scancodes for the keys of the send-key menu. Returns whether a
    /// session took them.
    pub fn send_keys(&self, keys: &[u32]) -> bool {
        let Some(conn) = self.connection() else {
            return false;
        };
        let mut ok = true;
        for &k in keys {
            ok &= conn.key_event(true, k, keys::keysym_to_qnum(k)).is_ok();
        }
        for &k in keys.iter().rev() {
            ok &= conn.key_event(false, k, keys::keysym_to_qnum(k)).is_ok();
        }
        ok
    }

    /// Makes the toplevel window fullscreen (or not).
    pub fn set_fullscreen(&self, on: bool) {
        if let Some(win) = self.root().and_downcast::<gtk::Window>() {
            if on {
                win.fullscreen();
            } else {
                win.unfullscreen();
            }
        }
    }

    /// The guest's screen as it was last decoded: width, height, RGB bytes (for
    /// thumbnails and tests). `None` without a session.
    pub fn screen_rgb(&self) -> Option<(usize, usize, Vec<u8>)> {
        let fb = self.imp().fb.borrow();
        let fb = fb.as_ref()?;
        Some((fb.width(), fb.height(), fb.to_rgb()))
    }

    /// Where a desktop of `width`×`height` pixels goes in the widget: offset and scale
    /// (logical pixels per desktop pixel), offsets snapped to device pixels.
    fn placement(&self, width: usize, height: usize) -> (f64, f64, f64) {
        let sf = f64::from(self.scale_factor().max(1));
        let (ww, wh) = (f64::from(self.width()), f64::from(self.height()));
        let (fw, fh) = (width.max(1) as f64, height.max(1) as f64);
        let s = match self.imp().scale_mode.get() {
            ScaleMode::Fit => (ww / fw).min(wh / fh),
            ScaleMode::OneToOne => 1.0 / sf,
        };
        let snap = |v: f64| (v.max(0.0) * sf).round() / sf;
        (snap((ww - fw * s) / 2.0), snap((wh - fh * s) / 2.0), s)
    }

    /// The desktop pixel under widget point (`x`, `y`), clamped to the desktop.
    fn to_desktop(&self, x: f64, y: f64) -> Option<(u16, u16)> {
        let fb = self.imp().fb.borrow();
        let fb = fb.as_ref()?;
        let (ox, oy, s) = self.placement(fb.width(), fb.height());
        let clamp = |v: f64, max: usize| (v.max(0.0) as usize).min(max.saturating_sub(1)) as u16;
        Some((
            clamp((x - ox) / s, fb.width()),
            clamp((y - oy) / s, fb.height()),
        ))
    }

    pub(crate) fn connection(&self) -> Option<gvnc::Connection> {
        self.imp().connection.borrow().clone()
    }

    fn set_state(&self, state: ConsoleState, message: &str) {
        let imp = self.imp();
        let changed_msg = *imp.message.borrow() != message;
        if changed_msg {
            imp.message.replace(message.to_owned());
        }
        let changed = imp.state.replace(state) != state;
        if changed {
            tracing::debug!(?state, message, "vnc display state");
            self.notify_state();
        }
        if changed_msg {
            self.notify_message();
        }
        self.update_status();
    }

    /// Shows, hides and fills the status page for the current state.
    fn update_status(&self) {
        let imp = self.imp();
        let Some(s) = imp.status.get() else {
            return;
        };
        let state = imp.state.get();
        let (title, can_reconnect) = match state {
            ConsoleState::Idle => ("No display", false),
            ConsoleState::NotRunning => ("The virtual machine is not running", false),
            ConsoleState::Connecting => ("Connecting to the display…", false),
            ConsoleState::Connected => ("", false),
            ConsoleState::Disconnected => ("Disconnected from the display", true),
            ConsoleState::Unsupported => ("No display to show", false),
        };
        s.title.set_label(title);
        let msg = imp.message.borrow().clone();
        s.detail.set_label(&msg);
        s.detail.set_visible(!msg.is_empty());
        s.spinner.set_visible(state == ConsoleState::Connecting);
        s.spinner.set_spinning(state == ConsoleState::Connecting);
        s.reconnect.set_visible(can_reconnect);
        s.root
            .set_visible(imp.show_status_page.get() && state != ConsoleState::Connected);
        self.queue_resize();
        self.queue_draw();
    }

    /// Sends the host clipboard's text to the guest, if sharing is on and connected.
    fn push_clipboard(&self) {
        if !self.imp().share_clipboard.get() {
            return;
        }
        let Some(conn) = self.connection() else {
            return;
        };
        let clipboard = self.clipboard();
        let display = self.downgrade();
        glib::MainContext::default().spawn_local(async move {
            let Ok(Some(text)) = clipboard.read_text_future().await else {
                return;
            };
            // Sharing may have been turned off, or the session changed, meanwhile.
            let Some(display) = display.upgrade() else {
                return;
            };
            if display.imp().share_clipboard.get() && display.connection().as_ref() == Some(&conn) {
                session::client_cut_text(&conn, &text);
            }
        });
    }
}
