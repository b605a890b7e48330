//! Small helpers the XML, Snapshots, Storage, Networks and QEMU pages share: toasts on
//! the window's overlay, confirmation dialogs, the in-place message strip, and labelled
//! icon buttons.

use adw::prelude::*;
use relm4::{Component, ComponentSender};

/// Sends `msg` to a page's component, or drops it when the page is gone (a libvirt
/// reply or an object's signal can arrive after the page was closed; relm4's `input`
/// would panic then).
pub fn send<C: Component>(sender: &ComponentSender<C>, msg: C::Input) {
    let _ = sender.input_sender().send(msg);
}

/// Shows `msg` as a toast on the window's toast overlay (the nearest
/// `adw::ToastOverlay` above `widget`); logs it when the page is not in a window.
pub fn toast(widget: &impl IsA<gtk::Widget>, msg: &str) {
    match widget
        .as_ref()
        .ancestor(adw::ToastOverlay::static_type())
        .and_downcast::<adw::ToastOverlay>()
    {
        Some(o) => {
            let t = adw::Toast::new(&glib::markup_escape_text(msg));
            t.set_timeout(6);
            o.add_toast(t);
        }
        None => tracing::warn!(%msg, "message for a page outside a window"),
    }
}

/// One choice of a [`confirm`] dialog.
pub struct Choice {
    /// Response id.
    pub id: &'static str,
    /// Button label.
    pub label: String,
    /// Shown as destructive (red).
    pub destructive: bool,
}

/// Asks with an `adw::MessageDialog` over `widget`'s window; `on_choice` gets the id of
/// the chosen response (never called for "cancel", which is also the close response).
/// `default` is the response Enter picks (make it the safe one).
pub fn confirm(
    widget: &impl IsA<gtk::Widget>,
    heading: &str,
    body: &str,
    choices: Vec<Choice>,
    default: &str,
    on_choice: impl Fn(&str) + 'static,
) -> adw::MessageDialog {
    let parent = widget.as_ref().root().and_downcast::<gtk::Window>();
    let d = adw::MessageDialog::new(parent.as_ref(), Some(heading), Some(body));
    d.set_body_use_markup(false);
    d.add_response("cancel", &crate::i18n::tr("Cancel"));
    for c in &choices {
        d.add_response(c.id, &c.label);
        if c.destructive {
            d.set_response_appearance(c.id, adw::ResponseAppearance::Destructive);
        } else if c.id == default {
            d.set_response_appearance(c.id, adw::ResponseAppearance::Suggested);
        }
    }
    d.set_default_response(Some(default));
    d.set_close_response("cancel");
    d.connect_response(None, move |_, id| {
        if id != "cancel" {
            on_choice(id);
        }
    });
    d.present();
    d
}

/// A label for in-place messages (errors in red, wraps, selectable so libvirt's text can
/// be copied), hidden while empty.
pub fn message_label(name: &str) -> gtk::Label {
    let l = gtk::Label::builder()
        .xalign(0.0)
        .wrap(true)
        .wrap_mode(gtk::pango::WrapMode::WordChar)
        .selectable(true)
        .visible(false)
        .build();
    l.set_widget_name(name);
    l
}

/// Shows `msg` in a [`message_label`] (as an error when `error`), or hides it for `None`.
pub fn show_message(label: &gtk::Label, msg: Option<&str>, error: bool) {
    label.set_visible(msg.is_some());
    label.set_label(msg.unwrap_or(""));
    if error {
        label.add_css_class("error");
    } else {
        label.remove_css_class("error");
    }
}

/// An icon-only button with a tooltip and the same accessible name.
pub fn icon_button(icon: &str, label: &str, name: &str) -> gtk::Button {
    let b = gtk::Button::from_icon_name(icon);
    b.set_tooltip_text(Some(label));
    b.update_property(&[gtk::accessible::Property::Label(label)]);
    b.set_widget_name(name);
    b.add_css_class("flat");
    b
}

/// A button with an icon and a label.
pub fn labelled_button(icon: &str, label: &str, name: &str) -> gtk::Button {
    let c = adw::ButtonContent::builder()
        .icon_name(icon)
        .label(label)
        .build();
    let b = gtk::Button::builder().child(&c).build();
    b.set_widget_name(name);
    b
}

/// A date and time from seconds since the epoch, in the local time zone.
pub fn format_time(secs: i64) -> String {
    glib::DateTime::from_unix_local(secs)
        .and_then(|d| d.format("%x %X"))
        .map(|s| s.to_string())
        .unwrap_or_default()
}
