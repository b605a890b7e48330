//! "Add Connection": a libvirt URI (local, `qemu+ssh://`, `qemu+tcp://`,
//! `qemu+tls://`, `test:///…`).

use adw::prelude::*;

use crate::i18n::tr;

/// Common URIs offered as examples.
pub const EXAMPLES: [&str; 4] = [
    "qemu:///system",
    "qemu:///session",
    "qemu+ssh://user@host/system",
    "test:///default",
];

/// Whether `uri` looks like a libvirt URI (`scheme:` followed by something).
pub fn is_plausible_uri(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
}

/// Shows the dialog; `done` gets the URI.
pub fn show(parent: &impl IsA<gtk::Widget>, done: impl Fn(String) + 'static) {
    let d = adw::MessageDialog::new(
        super::window_of(parent).as_ref(),
        Some(&tr("Add Connection")),
        Some(&tr(
            "A libvirt URI: local, qemu+ssh://, qemu+tcp://, qemu+tls:// or test:///…",
        )),
    );
    let entry = gtk::Entry::builder()
        .placeholder_text(EXAMPLES[2])
        .activates_default(true)
        .build();
    entry.set_widget_name("uri-entry");
    let box_ = gtk::Box::new(gtk::Orientation::Vertical, 6);
    box_.append(&entry);
    // The examples, whole (a wrapped line broke URIs at their slashes); a click
    // puts one in the entry.
    let examples = gtk::FlowBox::builder()
        .selection_mode(gtk::SelectionMode::None)
        .min_children_per_line(2)
        .max_children_per_line(2)
        .homogeneous(true)
        .column_spacing(6)
        .build();
    examples.set_widget_name("uri-examples");
    for uri in EXAMPLES {
        let b = gtk::Button::with_label(uri);
        b.set_widget_name("uri-example");
        b.add_css_class("flat");
        b.add_css_class("caption");
        b.set_tooltip_text(Some(&tr("Use this URI")));
        let e = entry.clone();
        b.connect_clicked(move |_| {
            e.set_text(uri);
            e.grab_focus();
            e.set_position(-1);
        });
        examples.insert(&b, -1);
    }
    box_.append(&examples);
    d.set_extra_child(Some(&box_));
    d.add_responses(&[("cancel", &tr("Cancel")), ("add", &tr("Add"))]);
    d.set_response_appearance("add", adw::ResponseAppearance::Suggested);
    d.set_default_response(Some("add"));
    d.set_close_response("cancel");
    d.set_response_enabled("add", false);
    let dd = d.clone();
    entry.connect_changed(move |e| {
        dd.set_response_enabled("add", is_plausible_uri(e.text().trim()))
    });
    d.connect_response(None, move |_, r| {
        if r == "add" {
            done(entry.text().trim().to_owned());
        }
    });
    d.present();
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_need_a_scheme_and_a_rest() {
        for u in super::EXAMPLES {
            assert!(super::is_plausible_uri(u), "{u}");
        }
        assert!(!super::is_plausible_uri("system"));
        assert!(!super::is_plausible_uri("qemu:"));
        assert!(!super::is_plausible_uri(":x"));
    }
}
