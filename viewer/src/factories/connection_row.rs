//! A connection row of the sidebar: URI, state (with the failure reason) and a remove
//! button. Bound to a [`ConnEntry`] with property bindings.

use gtk::prelude::*;

use crate::backend::{ConnEntry, ConnState};
use crate::i18n::{gettext_f, tr};

/// A short title for a URI: `qemu:///system` -> `QEMU/KVM`, `qemu+ssh://user@host/system`
/// -> `QEMU/KVM on host`, `test:///path/node.xml` (over any transport) -> `Test host
/// (node.xml)`; anything else is shown as it is.
pub fn title_for(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return uri.to_owned();
    };
    let driver = scheme.split('+').next().unwrap_or(scheme);
    let rest = rest.split('?').next().unwrap_or(rest);
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let base = match (driver, path) {
        ("test", _) => {
            let file = path.rsplit('/').next().unwrap_or(path);
            if file == "demo-host.xml" {
                tr("Demo host")
            } else if file == "default" || file.is_empty() {
                tr("Test driver")
            } else {
                gettext_f("Test host ({file})", &[("file", file)])
            }
        }
        ("qemu", "/system") => tr("QEMU/KVM"),
        ("qemu", "/session") => tr("QEMU/KVM user session"),
        _ => return uri.to_owned(),
    };
    if host.is_empty() {
        base
    } else {
        // Translators: {name} is a kind of connection ("QEMU/KVM"), {host} a host name.
        gettext_f("{name} on {host}", &[("name", &base), ("host", host)])
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

#[cfg(test)]
mod tests {
    use super::title_for;

    #[test]
    fn titles_name_the_driver_and_the_remote_host() {
        assert_eq!(title_for("qemu:///system"), "QEMU/KVM");
        assert_eq!(title_for("qemu:///session"), "QEMU/KVM user session");
        assert_eq!(
            title_for("qemu+ssh://root@vm-host.example:2222/system"),
            "QEMU/KVM on vm-host.example:2222"
        );
        assert_eq!(
            title_for("qemu+tcp://127.0.0.1/system"),
            "QEMU/KVM on 127.0.0.1"
        );
        assert_eq!(title_for("test:///default"), "Test driver");
        assert_eq!(title_for("test:///tmp/x/demo-host.xml"), "Demo host");
        assert_eq!(
            title_for("test+unix:///tmp/x/node.xml?socket=/tmp/x/libvirt-sock"),
            "Test host (node.xml)"
        );
        assert_eq!(title_for("xen:///system"), "xen:///system");
        assert_eq!(title_for("not a uri"), "not a uri");
    }
}
