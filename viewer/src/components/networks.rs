//! The "Networks" page of a connection: each virtual network with its state, Start/Stop,
//! autostart, and its DHCP leases (read when the row is expanded). The list is the
//! connection's live `gio::ListModel` of networks, kept in sync by libvirt's events.

use adw::prelude::*;
use libvirt_gobject::{Connection, Network, NetworkDHCPLease};
use relm4::prelude::*;

use super::page_util;
use crate::factories::connection_row::title_for;
use crate::i18n::{gettext_f, tr};

/// The Networks page for one connection.
pub struct NetworksPage {
    /// The connection shown.
    pub connection: Connection,
}

fn subtitle(active: bool, autostart: Option<bool>) -> String {
    let state = if active { tr("Active") } else { tr("Inactive") };
    match autostart {
        Some(true) => format!("{state} · {}", tr("starts with the host")),
        _ => state,
    }
}

/// Fills `group` with the DHCP leases of `net` (or why there are none).
fn load_leases(net: &Network, group: &gtk::ListBox) {
    while let Some(c) = group.first_child() {
        group.remove(&c);
    }
    let placeholder = adw::ActionRow::builder()
        .title(tr("Reading leases…"))
        .build();
    group.append(&placeholder);
    let (fut, group) = (net.dhcp_leases_future(), group.downgrade());
    let active = net.active();
    relm4::spawn_local(async move {
        let r = fut.await;
        let Some(group) = group.upgrade() else { return };
        while let Some(c) = group.first_child() {
            group.remove(&c);
        }
        match r {
            Ok(leases) if leases.is_empty() => {
                let msg = if active {
                    tr("No DHCP leases")
                } else {
                    tr("No DHCP leases: the network is not running")
                };
                group.append(&adw::ActionRow::builder().title(msg).build());
            }
            Ok(leases) => {
                for l in leases {
                    group.append(&lease_row(&l));
                }
            }
            Err(e) => {
                let row = adw::ActionRow::builder()
                    .title(tr("DHCP leases are not available"))
                    .subtitle(e.message())
                    .build();
                row.set_widget_name("leases-error");
                group.append(&row);
            }
        }
    });
}

fn lease_row(l: &NetworkDHCPLease) -> adw::ActionRow {
    let ip: String = l.property("ip");
    let prefix: u32 = l.property("prefix");
    let mac: String = l.property("mac");
    let host: String = l.property("hostname");
    let expiry: i64 = l.property("expiry-time");
    let title = if host.is_empty() { mac.clone() } else { host };
    let row = adw::ActionRow::builder()
        .title(title)
        .subtitle(format!(
            "{ip}/{prefix} · {mac} · {}",
            gettext_f(
                "expires {time}",
                &[("time", &page_util::format_time(expiry))]
            )
        ))
        .build();
    row.set_widget_name(&format!("lease:{ip}"));
    row
}

/// The row of one network.
fn network_row(obj: &glib::Object) -> gtk::Widget {
    let Some(net) = obj.downcast_ref::<Network>() else {
        return gtk::Label::new(None).upcast();
    };
    let name = net.name();
    let row = adw::ExpanderRow::builder()
        .title(&name)
        .subtitle(subtitle(net.active(), None))
        .build();
    row.set_widget_name(&format!("network:{name}"));
    let icon = gtk::Image::from_icon_name("network-workgroup-symbolic");
    row.add_prefix(&icon);

    let toggle = gtk::Button::builder()
        .child(&adw::ButtonContent::new())
        .build();
    toggle.set_valign(gtk::Align::Center);
    toggle.set_widget_name(&format!("net-toggle:{name}"));
    let set_toggle = |b: &gtk::Button, active: bool| {
        let (icon, label, tip) = if active {
            (
                "media-playback-stop-symbolic",
                tr("Stop"),
                tr("Stop Network"),
            )
        } else {
            (
                "media-playback-start-symbolic",
                tr("Start"),
                tr("Start Network"),
            )
        };
        if let Some(c) = b.child().and_downcast::<adw::ButtonContent>() {
            c.set_icon_name(icon);
            c.set_label(&label);
        }
        b.set_tooltip_text(Some(&tip));
    };
    set_toggle(&toggle, net.active());
    row.add_action(&toggle);

    let autostart = gtk::Switch::builder().valign(gtk::Align::Center).build();
    autostart.set_widget_name(&format!("net-autostart:{name}"));
    autostart.set_sensitive(false);
    autostart.set_tooltip_text(Some(&tr("Start when the host boots")));
    autostart.update_property(&[gtk::accessible::Property::Label(&tr(
        "Start when the host boots",
    ))]);
    // Actions pack from the end: this shows "Autostart [switch] [Start/Stop]".
    let auto_label = gtk::Label::new(Some(&tr("Autostart")));
    auto_label.add_css_class("dim-label");
    row.add_action(&autostart);
    row.add_action(&auto_label);

    let leases = gtk::ListBox::new();
    leases.add_css_class("boxed-list");
    leases.set_selection_mode(gtk::SelectionMode::None);
    leases.set_margin_top(6);
    leases.set_margin_bottom(6);
    leases.set_margin_start(12);
    leases.set_margin_end(12);
    leases.set_widget_name(&format!("leases:{name}"));
    let title = gtk::Label::builder()
        .label(tr("DHCP leases"))
        .xalign(0.0)
        .margin_start(12)
        .margin_top(6)
        .build();
    title.add_css_class("heading");
    let body = gtk::Box::new(gtk::Orientation::Vertical, 0);
    body.append(&title);
    body.append(&leases);
    row.add_row(&body);

    // Autostart is read once, then changes go to libvirt and are read back.
    let (fut, sw, r) = (
        net.autostart_future(),
        autostart.downgrade(),
        row.downgrade(),
    );
    let n = net.clone();
    relm4::spawn_local(async move {
        let a = fut.await.ok();
        if let (Some(sw), Some(r)) = (sw.upgrade(), r.upgrade()) {
            sw.set_active(a.unwrap_or(false));
            sw.set_sensitive(a.is_some());
            r.set_subtitle(&subtitle(n.active(), a));
        }
    });
    let n = net.clone();
    autostart.connect_state_set(move |sw, on| {
        if !sw.is_sensitive() {
            return glib::Propagation::Proceed;
        }
        let (set, get) = (n.set_autostart_future(on), n.autostart_future());
        let (w, n) = (sw.downgrade(), n.clone());
        sw.set_sensitive(false);
        relm4::spawn_local(async move {
            let r = set.await;
            let now = get.await.ok();
            let Some(sw) = w.upgrade() else { return };
            if let Err(e) = r {
                page_util::toast(
                    &sw,
                    &format!("{}: {}", tr("Could not change autostart"), e.message()),
                );
            }
            sw.set_active(now.unwrap_or(on));
            sw.set_sensitive(true);
            if let Some(row) = sw
                .ancestor(adw::ExpanderRow::static_type())
                .and_downcast::<adw::ExpanderRow>()
            {
                row.set_subtitle(&subtitle(n.active(), now));
            }
        });
        glib::Propagation::Proceed
    });

    let n = net.clone();
    toggle.connect_clicked(move |b| {
        b.set_sensitive(false);
        let starting = !n.active();
        let fut = if starting {
            futures_util::future::Either::Left(n.start_future())
        } else {
            futures_util::future::Either::Right(n.stop_future())
        };
        let (b, name) = (b.downgrade(), n.name());
        relm4::spawn_local(async move {
            let r = fut.await;
            let Some(b) = b.upgrade() else { return };
            b.set_sensitive(true);
            if let Err(e) = r {
                let what = if starting {
                    gettext_f("Could not start {name}", &[("name", &name)])
                } else {
                    gettext_f("Could not stop {name}", &[("name", &name)])
                };
                page_util::toast(&b, &format!("{what}: {}", e.message()));
            }
        });
    });

    // State follows libvirt's events.
    let (t, r, sw, l) = (
        toggle.downgrade(),
        row.downgrade(),
        autostart.downgrade(),
        leases.downgrade(),
    );
    net.connect_active_notify(move |n| {
        if let Some(t) = t.upgrade() {
            set_toggle(&t, n.active());
        }
        if let Some(r) = r.upgrade() {
            let auto = sw
                .upgrade()
                .filter(|s| s.is_sensitive())
                .map(|s| s.is_active());
            r.set_subtitle(&subtitle(n.active(), auto));
            if r.is_expanded() {
                if let Some(l) = l.upgrade() {
                    load_leases(n, &l);
                }
            }
        }
    });
    let (n, l) = (net.clone(), leases.downgrade());
    row.connect_expanded_notify(move |r| {
        if let (true, Some(l)) = (r.is_expanded(), l.upgrade()) {
            load_leases(&n, &l);
        }
    });
    row.upcast()
}

impl SimpleComponent for NetworksPage {
    type Init = Connection;
    type Input = ();
    type Output = ();
    type Root = gtk::ScrolledWindow;
    type Widgets = ();

    fn init_root() -> gtk::ScrolledWindow {
        gtk::ScrolledWindow::builder()
            .hscrollbar_policy(gtk::PolicyType::Never)
            .vexpand(true)
            .build()
    }

    fn init(
        connection: Connection,
        root: gtk::ScrolledWindow,
        _sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("networks-page");
        let page = gtk::Box::new(gtk::Orientation::Vertical, 12);
        page.set_margin_top(18);
        page.set_margin_bottom(18);
        page.set_margin_start(12);
        page.set_margin_end(12);
        let clamp = adw::Clamp::builder().maximum_size(860).child(&page).build();
        root.set_child(Some(&clamp));

        let title = gtk::Label::builder()
            .label(tr("Virtual Networks"))
            .xalign(0.0)
            .build();
        title.add_css_class("title-2");
        let sub = gtk::Label::builder()
            .label(gettext_f(
                "On {connection}",
                &[("connection", &title_for(&connection.uri()))],
            ))
            .tooltip_text(connection.uri())
            .xalign(0.0)
            .ellipsize(gtk::pango::EllipsizeMode::Middle)
            .build();
        sub.add_css_class("dim-label");
        sub.set_widget_name("networks-connection");
        page.append(&title);
        page.append(&sub);

        let list = gtk::ListBox::new();
        list.add_css_class("boxed-list");
        list.set_selection_mode(gtk::SelectionMode::None);
        list.set_widget_name("network-list");
        list.set_valign(gtk::Align::Start);
        list.set_placeholder(Some(
            &adw::ActionRow::builder()
                .title(tr("No virtual networks on this connection"))
                .build(),
        ));
        list.bind_model(Some(&connection.networks_model()), network_row);
        page.append(&list);
        ComponentParts {
            model: NetworksPage { connection },
            widgets: (),
        }
    }
}
