//! The strip under the header bar that shows long actions in progress
//! ([`Activity`]): a line of text, a progress bar and a Cancel (or Abort) button each.
//! A finished one stays a few seconds with its outcome, or until closed.

use adw::prelude::*;

use crate::backend::Activity;
use crate::i18n::tr;

/// How long a finished activity stays on screen.
const LINGER_SECS: u32 = 8;

/// The strip over `activities` (a model of [`Activity`]), hidden while it is empty.
pub fn strip(activities: &gio::ListStore) -> gtk::Revealer {
    let list = gtk::ListBox::builder()
        .selection_mode(gtk::SelectionMode::None)
        .build();
    list.set_widget_name("activities");
    list.add_css_class("activities");
    list.update_property(&[gtk::accessible::Property::Label(&tr("Actions in progress"))]);
    let store = activities.clone();
    list.bind_model(Some(activities), move |obj| {
        let a = obj
            .downcast_ref::<Activity>()
            .expect("the activities model holds activities");
        row(a, &store).upcast()
    });
    let shown = activities.n_items() > 0;
    let revealer = gtk::Revealer::builder()
        .child(&list)
        .reveal_child(shown)
        .visible(shown)
        .transition_type(gtk::RevealerTransitionType::SlideDown)
        .build();
    revealer.set_widget_name("activity-strip");
    // Hidden once slid up: a concealed revealer still asks for its child's width.
    revealer.connect_child_revealed_notify(|r| {
        if !r.is_child_revealed() && !r.reveals_child() {
            r.set_visible(false);
        }
    });
    let r = revealer.downgrade();
    activities.connect_items_changed(move |m, _, _, _| {
        if let Some(r) = r.upgrade() {
            let shown = m.n_items() > 0;
            if shown {
                r.set_visible(true);
            }
            r.set_reveal_child(shown);
        }
    });
    revealer
}

/// Removes `a` from `store` (if still there).
fn drop_activity(store: &gio::ListStore, a: &Activity) {
    if let Some(pos) = store.find(a) {
        store.remove(pos);
    }
}

/// The failures of `a`, one per line, in a dialog over `from`'s window.
fn show_details(from: &impl IsA<gtk::Widget>, a: &Activity) {
    let d = adw::MessageDialog::new(
        crate::modals::window_of(from).as_ref(),
        Some(&a.text()),
        None,
    );
    d.set_widget_name("activity-details-dialog");
    let list = gtk::ListBox::builder()
        .selection_mode(gtk::SelectionMode::None)
        .css_classes(["boxed-list"])
        .build();
    list.set_widget_name("activity-details-list");
    for line in a.details() {
        let (name, msg) = line.split_once(": ").unwrap_or((line.as_str(), ""));
        let row = adw::ActionRow::builder()
            .title(glib::markup_escape_text(name))
            .subtitle(glib::markup_escape_text(msg))
            .build();
        list.append(&row);
    }
    let scroll = gtk::ScrolledWindow::builder()
        .child(&list)
        .hscrollbar_policy(gtk::PolicyType::Never)
        .min_content_height(120)
        .max_content_height(360)
        .propagate_natural_height(true)
        .width_request(480)
        .build();
    d.set_extra_child(Some(&scroll));
    d.add_response("close", &tr("Close"));
    d.set_default_response(Some("close"));
    d.set_close_response("close");
    d.present();
}

/// One activity's row.
fn row(a: &Activity, store: &gio::ListStore) -> gtk::ListBoxRow {
    let text = gtk::Label::builder()
        .xalign(0.0)
        .hexpand(true)
        .wrap(true)
        .build();
    text.set_widget_name("activity-text");
    let bar = gtk::ProgressBar::builder()
        .valign(gtk::Align::Center)
        .width_request(220)
        .build();
    bar.set_widget_name("activity-bar");
    let stop = gtk::Button::builder()
        .valign(gtk::Align::Center)
        .width_request(96)
        .build();
    stop.set_widget_name("activity-stop");
    let details = gtk::Button::builder()
        .label(tr("Details"))
        .valign(gtk::Align::Center)
        .width_request(96)
        .visible(false)
        .build();
    details.set_widget_name("activity-details");
    let close = gtk::Button::builder()
        .icon_name("window-close-symbolic")
        .valign(gtk::Align::Center)
        .tooltip_text(tr("Close"))
        .build();
    close.set_widget_name("activity-close");
    close.add_css_class("flat");
    close.update_property(&[gtk::accessible::Property::Label(&tr("Close"))]);
    let icon = gtk::Image::from_icon_name("emblem-synchronizing-symbolic");
    icon.set_widget_name("activity-icon");

    let b = gtk::Box::builder()
        .orientation(gtk::Orientation::Horizontal)
        .spacing(12)
        .margin_top(6)
        .margin_bottom(6)
        .margin_start(12)
        .margin_end(12)
        .build();
    b.append(&icon);
    b.append(&text);
    b.append(&bar);
    b.append(&stop);
    b.append(&details);
    b.append(&close);
    let row = gtk::ListBoxRow::builder()
        .child(&b)
        .activatable(false)
        .build();
    row.set_widget_name("activity");

    let (s, a2) = (stop.clone(), a.clone());
    stop.connect_clicked(move |_| {
        s.set_sensitive(false);
        a2.stop();
    });
    let a2 = a.downgrade();
    details.connect_clicked(move |b| {
        if let Some(a) = a2.upgrade() {
            show_details(b, &a);
        }
    });
    let (st, a2) = (store.clone(), a.downgrade());
    close.connect_clicked(move |_| {
        if let Some(a) = a2.upgrade() {
            drop_activity(&st, &a);
        }
    });

    let sync = {
        let (text, bar, stop, details, close, icon) = (
            text.downgrade(),
            bar.downgrade(),
            stop.downgrade(),
            details.downgrade(),
            close.downgrade(),
            icon.downgrade(),
        );
        move |a: &Activity| {
            let (Some(text), Some(bar), Some(stop), Some(details), Some(close), Some(icon)) = (
                text.upgrade(),
                bar.upgrade(),
                stop.upgrade(),
                details.upgrade(),
                close.upgrade(),
                icon.upgrade(),
            ) else {
                return;
            };
            details.set_visible(a.finished() && !a.details().is_empty());
            let t = a.text();
            text.set_label(&t);
            bar.update_property(&[gtk::accessible::Property::Label(&t)]);
            let f = a.fraction();
            if f >= 0.0 {
                bar.set_fraction(f);
            }
            let label = a.stop_label();
            stop.set_label(&label);
            stop.set_visible(!label.is_empty() && !a.finished());
            stop.set_sensitive(!a.stopping());
            close.set_visible(a.finished());
            bar.set_visible(!a.finished());
            icon.set_icon_name(Some(if !a.finished() {
                "emblem-synchronizing-symbolic"
            } else if a.failed() {
                "dialog-warning-symbolic"
            } else if a.stopping() {
                "process-stop-symbolic"
            } else {
                "emblem-ok-symbolic"
            }));
            if a.failed() {
                text.add_css_class("warning");
            }
        }
    };
    sync(a);
    for prop in [
        "text",
        "fraction",
        "stop-label",
        "stopping",
        "finished",
        "failed",
    ] {
        let sync = sync.clone();
        a.connect_notify_local(Some(prop), move |a, _| sync(a));
    }
    // Unknown progress: the bar pulses until libvirt reports a fraction.
    let (bar_w, a_w) = (bar.downgrade(), a.downgrade());
    glib::timeout_add_local(std::time::Duration::from_millis(150), move || {
        let (Some(bar), Some(a)) = (bar_w.upgrade(), a_w.upgrade()) else {
            return glib::ControlFlow::Break;
        };
        if a.finished() {
            return glib::ControlFlow::Break;
        }
        if a.fraction() < 0.0 {
            bar.pulse();
        }
        glib::ControlFlow::Continue
    });
    let linger = {
        let (st, a_w) = (store.clone(), a.downgrade());
        move || {
            let (st, a_w) = (st.clone(), a_w.clone());
            glib::timeout_add_seconds_local_once(LINGER_SECS, move || {
                // Failures stay until closed (their details are one click away).
                if let Some(a) = a_w.upgrade().filter(|a| !a.failed()) {
                    drop_activity(&st, &a);
                }
            });
        }
    };
    if a.finished() {
        linger();
    } else {
        a.connect_finished_notify(move |_| linger());
    }
    row
}
