//! Vireo: a GTK4 + libadwaita manager for libvirt virtual machines, built on
//! `libvirt-gobject` and `libvirt-gconfig` only.
//!
//! ```text
//! app::App (root component, adw::ApplicationWindow, gio::Actions in actions.rs)
//! ├── components::sidebar::Sidebar       connections (state), "All", tags (groups)
//! ├── components::vm_list::VmList        ColumnView over backend::Inventory::vms()
//! │                                      (FlattenListModel of each Connection mapped to
//! │                                      backend::VmItem) + filter + sorter + MultiSelection
//! ├── components::details::Details       Overview, Hardware, XML, Snapshots, Console, QEMU
//! ├── components::storage::StoragePage   per connection
//! └── components::networks::NetworksPage per connection
//! backend/   Inventory (connections, reconnect, details, stats), VmItem, tags, osinfo
//! factories/ list cells and sidebar rows;  modals/ dialogs
//! ```
//!
//! GObjects never go into `Send` commands: every libvirt call is a `*_future` of the
//! library awaited with `relm4::spawn_local`, and signals become component inputs.

pub mod about;
pub mod actions;
pub mod app;
pub mod backend;
pub mod components;
pub mod config;
pub mod demo;
pub mod factories;
pub mod i18n;
pub mod modals;
pub mod ready;
pub mod render;

use std::sync::Once;

pub use app::{App, AppInit, StartMode};

/// Registers the compiled GResources (icons, style sheet) once.
pub fn ensure_resources() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        gio::resources_register_include!("vireo.gresource")
            .expect("the resource bundle is compiled into the binary");
        if let Some(display) = gtk::gdk::Display::default() {
            let theme = gtk::IconTheme::for_display(&display);
            theme.add_resource_path(&format!("{}/icons", config::RESOURCE_BASE));
            let css = gtk::CssProvider::new();
            css.load_from_resource(&format!("{}/style.css", config::RESOURCE_BASE));
            gtk::style_context_add_provider_for_display(
                &display,
                &css,
                gtk::STYLE_PROVIDER_PRIORITY_APPLICATION,
            );
        }
    });
}

/// Initialises libvirt (event loop on the default main context) once per process.
///
/// # Errors
///
/// libvirt could not be initialised.
pub fn init_libvirt() -> Result<(), glib::Error> {
    static ONCE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| libvirt_gobject::init().map_err(|e| e.message().to_owned()))
        .clone()
        .map_err(|m| glib::Error::new(gio::IOErrorEnum::Failed, &m))
}

/// Parses the command line (`vireo [URI…] [--demo] [--probe-uri URI] [--ready-line]
/// [--quit-after-ready]`).
///
/// # Errors
///
/// An unknown option, or an option without its value.
pub fn parse_args(args: &[String]) -> Result<AppInit, String> {
    let mut init = AppInit::default();
    let mut uris = Vec::new();
    let mut demo = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--demo" => demo = true,
            "--ready-line" => init.ready_line = true,
            "--quit-after-ready" => init.quit_after_ready = true,
            "--no-settings" => init.use_settings = false,
            "--probe-uri" => {
                let p = it.next().ok_or("--probe-uri needs a URI")?;
                init.start = StartMode::Auto { probe: p.clone() };
            }
            "-h" | "--help" => return Err(String::new()),
            o if o.starts_with('-') => return Err(format!("unknown option {o}")),
            u => uris.push(u.to_owned()),
        }
    }
    if demo {
        init.start = StartMode::Demo;
    } else if !uris.is_empty() {
        init.start = StartMode::Uris(uris);
    }
    Ok(init)
}

/// The usage text.
pub const USAGE: &str = "usage: vireo [URI…] [--demo] [--probe-uri URI] [--no-settings] [--ready-line] [--quit-after-ready]\n\
    Without a URI: the remembered connections; on first run qemu:///system (qemu:///session\n\
    when not root) when libvirtd answers, else the bundled demo host.";

/// Runs the app (blocks until it quits).
pub fn run(init: AppInit) -> glib::ExitCode {
    use gtk::prelude::*;
    i18n::init();
    if let Err(e) = init_libvirt() {
        eprintln!("vireo: {e}");
        return glib::ExitCode::FAILURE;
    }
    // The connections known now start opening while GTK starts and the window is built.
    let uris = match &init.start {
        StartMode::Uris(uris) => uris.clone(),
        StartMode::Auto { .. } if init.use_settings => backend::settings::settings()
            .map(|s| backend::settings::saved_uris(&s))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let _ = backend::early::open_early(&uris);
    let app = adw::Application::new(Some(config::APP_ID), gio::ApplicationFlags::NON_UNIQUE);
    app.connect_startup(|app| {
        adw::StyleManager::default().set_color_scheme(adw::ColorScheme::Default);
        for (action, accels, _) in actions::SHORTCUTS {
            app.set_accels_for_action(action, accels);
        }
        let quit = gio::SimpleAction::new("quit", None);
        let a = app.clone();
        quit.connect_activate(move |_, _| a.quit());
        app.add_action(&quit);
    });
    relm4::RelmApp::from_app(app)
        .with_args(Vec::new())
        .run::<App>(init);
    glib::ExitCode::SUCCESS
}

/// Reading a gconfig property: absent or malformed is `None` (the UI shows what it can).
pub trait Prop<T> {
    /// The value, if present and well-formed.
    fn val(self) -> Option<T>;
}

impl<T, E> Prop<T> for Result<Option<T>, E> {
    fn val(self) -> Option<T> {
        self.ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn command_line() {
        assert!(matches!(
            parse_args(&args(&[])).map(|i| i.start),
            Ok(StartMode::Auto { .. })
        ));
        let i = parse_args(&args(&["test:///default", "--ready-line"])).expect("valid");
        assert!(i.ready_line);
        assert!(matches!(i.start, StartMode::Uris(ref u) if u == &["test:///default"]));
        assert!(matches!(
            parse_args(&args(&["--demo"])).map(|i| i.start),
            Ok(StartMode::Demo)
        ));
        assert!(parse_args(&args(&["--bogus"])).is_err());
        assert!(parse_args(&args(&["--probe-uri"])).is_err());
    }
}
