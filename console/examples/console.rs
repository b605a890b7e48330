//! A window with a domain's VNC display and serial console, for trying the widgets by
//! hand: `cargo run -p vireo-console --example console -- qemu:///system DOMAIN`.

use gtk::prelude::*;
use vireo_console::{SerialConsole, VncDisplay};

fn main() -> glib::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(uri), Some(name)) = (args.get(1).cloned(), args.get(2).cloned()) else {
        eprintln!("usage: console URI DOMAIN");
        return glib::ExitCode::FAILURE;
    };
    if let Err(e) = gtk::init() {
        eprintln!("cannot initialise GTK: {e}");
        return glib::ExitCode::FAILURE;
    }
    if let Err(e) = libvirt_gobject::init() {
        eprintln!("cannot initialise libvirt: {e}");
        return glib::ExitCode::FAILURE;
    }
    let main_loop = glib::MainLoop::new(None, false);
    let conn = libvirt_gobject::Connection::new(&uri);
    let ml = main_loop.clone();
    glib::MainContext::default().spawn_local(async move {
        if let Err(e) = conn.open_future().await {
            eprintln!("cannot open {uri}: {e}");
            ml.quit();
            return;
        }
        let Some(domain) = conn.find_domain_by_name(&name) else {
            eprintln!("no domain {name} on {uri}");
            ml.quit();
            return;
        };
        let display = VncDisplay::new();
        display.set_hexpand(true);
        display.set_vexpand(true);
        display.connect_local("auth-requested", false, |_| {
            eprintln!("the VNC server wants a password; this example has none to give");
            None
        });
        display.open_domain(&domain);
        let serial = SerialConsole::new();
        serial.open_domain(&domain);

        let send_key = gtk::MenuButton::builder()
            .label("Send key")
            .menu_model(&VncDisplay::send_key_menu())
            .build();
        let fit = gtk::ToggleButton::with_label("1:1");
        fit.connect_toggled(glib::clone!(
            #[weak]
            display,
            move |b| display.set_scale_mode(if b.is_active() {
                vireo_console::ScaleMode::OneToOne
            } else {
                vireo_console::ScaleMode::Fit
            })
        ));
        let share = gtk::CheckButton::with_label("Share clipboard");
        share
            .bind_property("active", &display, "share-clipboard")
            .bidirectional()
            .build();
        let full = gtk::ToggleButton::with_label("Fullscreen");
        full.connect_toggled(glib::clone!(
            #[weak]
            display,
            move |b| display.set_fullscreen(b.is_active())
        ));
        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        bar.set_margin_start(6);
        bar.set_margin_end(6);
        bar.set_margin_top(6);
        bar.set_margin_bottom(6);
        for w in [
            send_key.upcast_ref::<gtk::Widget>(),
            fit.upcast_ref(),
            full.upcast_ref(),
            share.upcast_ref(),
        ] {
            bar.append(w);
        }
        bar.insert_action_group("vnc", Some(&display.send_key_actions()));
        let stack = gtk::Stack::new();
        stack.add_titled(&display, Some("vnc"), "Display");
        stack.add_titled(&serial, Some("serial"), "Serial console");
        let switcher = gtk::StackSwitcher::builder().stack(&stack).build();
        bar.append(&switcher);
        let vbox = gtk::Box::new(gtk::Orientation::Vertical, 0);
        vbox.append(&bar);
        vbox.append(&stack);
        let win = gtk::Window::builder()
            .title(format!("{name} — console"))
            .default_width(800)
            .default_height(560)
            .child(&vbox)
            .build();
        let ml2 = ml.clone();
        win.connect_close_request(move |_| {
            ml2.quit();
            glib::Propagation::Proceed
        });
        win.present();
    });
    main_loop.run();
    glib::ExitCode::SUCCESS
}
