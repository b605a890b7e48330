//! The "Console" page of a VM's details: the graphical console ([`VncDisplay`]) and the
//! serial console ([`SerialConsole`]) of `vireo-console`, with a switcher between them,
//! the send-key menu, scaling, fullscreen, the clipboard-sharing choice (kept in the VM's
//! metadata) and a password dialog for VNC authentication.

use adw::prelude::*;
use libvirt_gobject::Domain;
use relm4::prelude::*;
use vireo_console::{metadata, ConsoleState, ScaleMode, SerialConsole, VncDisplay};

use crate::i18n::{gettext_f, tr};

/// The "Console" page for one domain.
pub struct ConsolePage {
    /// The domain shown.
    pub domain: Domain,
    /// The graphical console.
    pub display: VncDisplay,
    /// The serial console.
    pub serial: SerialConsole,
    config: Option<libvirt_gconfig::Domain>,
    devices: gtk::StringList,
    aliases: Vec<Option<String>>,
    /// Why the last password was refused (shown when asking again), until a session
    /// is up.
    auth_error: Option<String>,
}

/// Messages of [`ConsolePage`].
#[derive(Debug)]
pub enum ConsolePageInput {
    /// The domain's configuration was read.
    Config(Option<libvirt_gconfig::Domain>),
    /// The user chose serial device number `n` of the chooser.
    Device(u32),
    /// Clipboard sharing was turned on or off.
    ShareClipboard(bool),
    /// The scale mode toggle changed (true: 1:1).
    OneToOne(bool),
    /// Fullscreen on or off.
    Fullscreen(bool),
    /// The VNC server asks for credentials (whether it wants a user name).
    AuthRequested(bool),
    /// The VNC server refused the credentials (its reason).
    AuthFailed(String),
    /// The display's state changed.
    DisplayState(ConsoleState),
}

/// The page's widgets that messages update.
pub struct ConsolePageWidgets {
    share: gtk::ToggleButton,
    device: gtk::DropDown,
}

impl Component for ConsolePage {
    type Init = Domain;
    type Input = ConsolePageInput;
    type Output = ();
    type CommandOutput = ();
    type Root = gtk::Box;
    type Widgets = ConsolePageWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(domain: Domain, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        root.set_widget_name("console-page");
        let display = VncDisplay::new();
        display.set_widget_name("console-display");
        display.set_hexpand(true);
        display.set_vexpand(true);
        let serial = SerialConsole::new();
        serial.set_widget_name("console-serial");
        serial.set_hexpand(true);
        serial.set_vexpand(true);

        let stack = gtk::Stack::new();
        stack.set_widget_name("console-stack");
        stack.add_titled(&display, Some("graphics"), &tr("Graphics"));
        stack.add_titled(&serial, Some("serial"), &tr("Serial"));
        let switcher = gtk::StackSwitcher::builder().stack(&stack).build();

        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        bar.set_margin_top(6);
        bar.set_margin_bottom(6);
        bar.set_margin_start(12);
        bar.set_margin_end(12);
        bar.append(&switcher);

        let devices = gtk::StringList::new(&[]);
        let device = gtk::DropDown::builder()
            .model(&devices)
            .tooltip_text(tr("Serial or console device"))
            .build();
        device.set_widget_name("console-device");
        device.update_property(&[gtk::accessible::Property::Label(&tr("Console device"))]);
        let s = sender.clone();
        device.connect_selected_notify(move |d| s.input(ConsolePageInput::Device(d.selected())));

        let spacer = gtk::Box::new(gtk::Orientation::Horizontal, 0);
        spacer.set_hexpand(true);

        let keys = gtk::MenuButton::builder()
            .icon_name("input-keyboard-symbolic")
            .tooltip_text(tr("Send key"))
            .menu_model(&VncDisplay::send_key_menu())
            .build();
        keys.set_widget_name("console-send-key");
        keys.update_property(&[gtk::accessible::Property::Label(&tr("Send key"))]);
        root.insert_action_group("vnc", Some(&display.send_key_actions()));

        let one_to_one = gtk::ToggleButton::builder()
            .icon_name("zoom-original-symbolic")
            .tooltip_text(tr("Actual size (1:1) instead of fit to window"))
            .build();
        one_to_one.update_property(&[gtk::accessible::Property::Label(&tr("Actual size"))]);
        one_to_one.set_widget_name("console-one-to-one");
        let s = sender.clone();
        one_to_one.connect_toggled(move |b| s.input(ConsolePageInput::OneToOne(b.is_active())));

        let fullscreen = gtk::ToggleButton::builder()
            .icon_name("view-fullscreen-symbolic")
            .tooltip_text(tr("Fullscreen"))
            .build();
        fullscreen.update_property(&[gtk::accessible::Property::Label(&tr("Fullscreen"))]);
        fullscreen.set_widget_name("console-fullscreen");
        let s = sender.clone();
        fullscreen.connect_toggled(move |b| s.input(ConsolePageInput::Fullscreen(b.is_active())));

        let share = gtk::ToggleButton::builder()
            .icon_name("edit-paste-symbolic")
            .tooltip_text(tr(
                "Share clipboard: let the host clipboard reach this VM (off by default)",
            ))
            .build();
        share.set_widget_name("console-share-clipboard");
        share.update_property(&[gtk::accessible::Property::Label(&tr("Share clipboard"))]);
        share.set_sensitive(false);

        // The graphical controls only make sense on the graphics tab, the device chooser
        // only on the serial one.
        for w in [
            keys.upcast_ref::<gtk::Widget>(),
            one_to_one.upcast_ref(),
            fullscreen.upcast_ref(),
            share.upcast_ref(),
        ] {
            stack
                .bind_property("visible-child-name", w, "visible")
                .transform_to(|_, name: Option<String>| Some(name.as_deref() == Some("graphics")))
                .sync_create()
                .build();
        }
        stack
            .bind_property("visible-child-name", &device, "visible")
            .transform_to(|_, name: Option<String>| Some(name.as_deref() == Some("serial")))
            .sync_create()
            .build();

        bar.append(&device);
        bar.append(&spacer);
        bar.append(&share);
        bar.append(&keys);
        bar.append(&one_to_one);
        bar.append(&fullscreen);
        root.append(&bar);
        root.append(&gtk::Separator::new(gtk::Orientation::Horizontal));
        root.append(&stack);

        let s = sender.clone();
        display.connect_closure(
            "auth-requested",
            false,
            glib::closure_local!(move |_: VncDisplay, username: bool| {
                s.input(ConsolePageInput::AuthRequested(username));
            }),
        );
        let s = sender.clone();
        display.connect_closure(
            "auth-failed",
            false,
            glib::closure_local!(move |_: VncDisplay, reason: String| {
                s.input(ConsolePageInput::AuthFailed(reason));
            }),
        );
        let s = sender.clone();
        display.connect_state_notify(move |d| s.input(ConsolePageInput::DisplayState(d.state())));

        display.open_domain(&domain);
        serial.open_domain(&domain);
        let d = domain.clone();
        let s = sender.clone();
        relm4::spawn_local(async move {
            s.input(ConsolePageInput::Config(d.config_future(0).await.ok()));
        });

        // The toggle is handled only after the stored choice was shown.
        let s = sender.clone();
        share.connect_toggled(move |b| s.input(ConsolePageInput::ShareClipboard(b.is_active())));

        let model = ConsolePage {
            domain,
            display,
            serial,
            config: None,
            devices,
            aliases: Vec::new(),
            auth_error: None,
        };
        ComponentParts {
            model,
            widgets: ConsolePageWidgets { share, device },
        }
    }

    fn update_with_view(
        &mut self,
        widgets: &mut ConsolePageWidgets,
        msg: ConsolePageInput,
        sender: ComponentSender<Self>,
        root: &gtk::Box,
    ) {
        match msg {
            ConsolePageInput::Config(config) => {
                let Some(config) = config else { return };
                let on = metadata::share_clipboard(&config);
                self.display.set_share_clipboard(on);
                if widgets.share.is_active() != on {
                    widgets.share.set_active(on);
                }
                widgets.share.set_sensitive(true);
                let devs = vireo_console::console_devices(&config);
                self.aliases = devs.iter().map(|d| d.alias.clone()).collect();
                let labels: Vec<String> = devs.iter().map(|d| d.label.clone()).collect();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                self.devices.splice(0, self.devices.n_items(), &labels);
                widgets.device.set_sensitive(labels.len() > 1);
                self.config = Some(config);
            }
            ConsolePageInput::Device(n) => {
                if let Some(alias) = self.aliases.get(n as usize) {
                    self.serial.set_device(alias.as_deref());
                }
            }
            ConsolePageInput::ShareClipboard(on) => {
                self.display.set_share_clipboard(on);
                let Some(config) = self.config.clone() else {
                    return;
                };
                if metadata::share_clipboard(&config) == on {
                    return;
                }
                if metadata::set_share_clipboard(&config, on).is_err() {
                    return;
                }
                let d = self.domain.clone();
                let root = root.clone();
                relm4::spawn_local(async move {
                    if let Err(e) = d.set_config_future(&config).await {
                        crate::components::page_util::toast(&root, &e.to_string());
                    }
                });
            }
            ConsolePageInput::OneToOne(on) => self.display.set_scale_mode(if on {
                ScaleMode::OneToOne
            } else {
                ScaleMode::Fit
            }),
            ConsolePageInput::Fullscreen(on) => self.display.set_fullscreen(on),
            ConsolePageInput::AuthRequested(username) => {
                ask_password(root, &self.display, username, self.auth_error.as_deref());
            }
            ConsolePageInput::AuthFailed(reason) => {
                tracing::debug!(%reason, "VNC authentication failed");
                self.auth_error = Some(reason);
            }
            ConsolePageInput::DisplayState(ConsoleState::Connected) => self.auth_error = None,
            ConsolePageInput::DisplayState(_) => {}
        }
        let _ = sender;
    }
}

/// Asks for the VNC credentials in a dialog and hands them to the display (never kept:
/// the entry is emptied as soon as the dialog closes). `refused` is why the previous
/// attempt failed, shown above the fields.
fn ask_password(root: &gtk::Box, display: &VncDisplay, username: bool, refused: Option<&str>) {
    let body = match refused {
        Some(_) => tr("The password was not accepted. Try again."),
        None => tr("The VM's graphical console asks for a password."),
    };
    let dialog = adw::MessageDialog::builder()
        .heading(tr("Password required"))
        .body(body)
        .modal(true)
        .build();
    dialog.set_widget_name("vnc-password-dialog");
    if let Some(w) = root.root().and_downcast::<gtk::Window>() {
        dialog.set_transient_for(Some(&w));
    }
    let fields = gtk::Box::new(gtk::Orientation::Vertical, 6);
    if let Some(reason) = refused {
        // Translators: {reason} is the VNC server's own text, e.g. "Authentication failed".
        let why = gtk::Label::builder()
            .label(gettext_f(
                "The server said: {reason}",
                &[("reason", reason)],
            ))
            .wrap(true)
            .xalign(0.0)
            .build();
        why.set_widget_name("vnc-password-error");
        why.add_css_class("error");
        fields.append(&why);
    }
    let user = gtk::Entry::builder()
        .placeholder_text(tr("User name"))
        .build();
    user.set_widget_name("vnc-username");
    user.set_visible(username);
    let pass = gtk::PasswordEntry::builder()
        .placeholder_text(tr("Password"))
        .show_peek_icon(true)
        .activates_default(true)
        .build();
    pass.set_widget_name("vnc-password");
    pass.update_property(&[gtk::accessible::Property::Label(&tr("Password"))]);
    fields.append(&user);
    fields.append(&pass);
    dialog.set_extra_child(Some(&fields));
    dialog.add_response("cancel", &tr("Cancel"));
    dialog.add_response("connect", &tr("Connect"));
    dialog.set_response_appearance("connect", adw::ResponseAppearance::Suggested);
    dialog.set_default_response(Some("connect"));
    dialog.set_close_response("cancel");
    let display = display.clone();
    let focus = pass.clone();
    dialog.connect_response(None, move |_, response| {
        if response == "connect" {
            let name = user.text();
            let name = (username && !name.is_empty()).then_some(name);
            display.provide_credentials(name.as_deref(), &pass.text());
        } else {
            display.close();
        }
        pass.set_text("");
    });
    dialog.present();
    focus.grab_focus();
}
