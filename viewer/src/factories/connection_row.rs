//! A connection row of the sidebar: URI, state (with the failure reason) and a remove
//! button. Bound to a [`ConnEntry`] with property bindings.

use gtk::prelude::*;

use crate::backend::{ConnEntry, ConnState};
use crate::i18n::{gettext_f, tr};

/// A short title for a URI (`qemu:///system` -> `QEMU/KVM system`).
pub fn title_for(uri: &str) -> String {
    if let Some(path) = uri.strip_prefix("test://") {
        let file = path.rsplit('/').next().unwrap_or(path);
        return if file == "demo-host.xml" {
            tr("Demo host")
        } else if file == "default" || file.is_empty() {
            tr("Test driver")
        } else {
            gettext_f("Test host ({file})", &[("file", file)])
        };
    }
    match uri {
        "qemu:///system" => tr("QEMU/KVM"),
        "qemu:///session" => tr("QEMU/KVM user session"),
        _ => uri.to_owned(),
    }
}

/// Builds the row for `entry`; `on_remove` is called with the URI.
pub fn build(entry: &ConnEntry, on_remove: impl Fn(String) + 'static) -> gtk::ListBoxRow {
    let row = gtk::ListBoxRow::new();
    row.set_widget_name(&format!("conn:{}", entry.uri()));
    let hbox = gtk::Box::new(gtk::Orientation::Horizontal, 8);
    hbox.set_margin_top(6);
    hbox.set_margin_bottom(6);
    hbox.set_margin_start(6);
    hbox.set_margin_end(6);
    let icon = gtk::Image::from_icon_name("network-server-symbolic");
    let spinner = gtk::Spinner::new();
    let labels = gtk::Box::new(gtk::Orientation::Vertical, 2);
    labels.set_hexpand(true);
    let title = gtk::Label::builder()
        .label(title_for(&entry.uri()))
        .xalign(0.0)
        .ellipsize(gtk::pango::EllipsizeMode::End)
        .tooltip_text(entry.uri())
        .build();
    let status = gtk::Label::builder()
        .xalign(0.0)
        .wrap(true)
        .wrap_mode(gtk::pango::WrapMode::WordChar)
        .lines(3)
        .ellipsize(gtk::pango::EllipsizeMode::End)
        .build();
    status.add_css_class("caption");
    status.add_css_class("dim-label");
    status.set_widget_name("conn-status");
    labels.append(&title);
    labels.append(&status);
    let remove = gtk::Button::from_icon_name("list-remove-symbolic");
    remove.add_css_class("flat");
    remove.set_valign(gtk::Align::Center);
    remove.set_tooltip_text(Some(&tr("Remove connection")));
    remove.update_property(&[gtk::accessible::Property::Label(&tr("Remove connection"))]);
    let uri = entry.uri();
    remove.connect_clicked(move |_| on_remove(uri.clone()));
    hbox.append(&icon);
    hbox.append(&spinner);
    hbox.append(&labels);
    hbox.append(&remove);
    row.set_child(Some(&hbox));

    let update = {
        let (status, spinner, icon) = (status.clone(), spinner.clone(), icon.clone());
        move |e: &ConnEntry| {
            let st = e.state();
            let busy = matches!(st, ConnState::Connecting | ConnState::Reconnecting);
            spinner.set_visible(busy);
            spinner.set_spinning(busy);
            icon.set_visible(!busy);
            icon.set_icon_name(Some(match st {
                ConnState::Failed => "dialog-warning-symbolic",
                _ => "network-server-symbolic",
            }));
            let reason = e.reason();
            let text = if reason.is_empty() || st == ConnState::Connected {
                st.label()
            } else {
                format!("{} — {}", st.label(), reason)
            };
            status.set_label(&text);
            status.set_tooltip_text(Some(&text));
        }
    };
    update(entry);
    let u = update.clone();
    entry.connect_state_notify(move |e| u(e));
    entry.connect_reason_notify(move |e| update(e));
    row
}
