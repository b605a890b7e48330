//! The Clone dialog: the new name (the clone gets new MACs and copies of its disks).

use adw::prelude::*;

use crate::backend::{disks, Inventory, VmItem};
use crate::i18n::{gettext_f, tr};

/// Shows the dialog for `item`. While the copy runs the dialog stays open (with a
/// spinner); on failure it shows libvirt's message and keeps the typed name.
pub fn show(parent: &impl IsA<gtk::Widget>, inv: &Inventory, item: &VmItem) {
    let dom = item.dom();
    let d = adw::MessageDialog::new(
        super::window_of(parent).as_ref(),
        Some(&gettext_f("Clone {name}", &[("name", &dom.name())])),
        Some(&tr(
            "The clone gets new network addresses (MAC) and copies of the disks.",
        )),
    );
    d.set_widget_name("clone-dialog");
    let b = gtk::Box::new(gtk::Orientation::Vertical, 6);
    let entry = gtk::Entry::builder()
        .text(format!("{}-clone", dom.name()))
        .activates_default(true)
        .build();
    entry.set_widget_name("clone-name");
    let status = gtk::Label::builder().wrap(true).xalign(0.0).build();
    status.set_widget_name("clone-status");
    status.add_css_class("error");
    let spinner = gtk::Spinner::new();
    spinner.set_visible(false);
    b.append(&entry);
    b.append(&spinner);
    b.append(&status);
    d.set_extra_child(Some(&b));
    d.add_responses(&[("cancel", &tr("Cancel")), ("clone", &tr("Clone"))]);
    d.set_response_appearance("clone", adw::ResponseAppearance::Suggested);
    d.set_default_response(Some("clone"));
    d.set_close_response("cancel");
    let inv = inv.clone();
    let failed = status.clone();
    let cleared = status.clone();
    d.connect_response(Some("cancel"), move |_, _| cleared.set_label(""));
    let busy = std::rc::Rc::new(std::cell::Cell::new(false));
    let b2 = busy.clone();
    d.connect_response(Some("clone"), move |d, _| {
        let busy = b2.clone();
        busy.set(true);
        // Keep the dialog: it closes only when the clone exists.
        d.set_response_enabled("clone", false);
        spinner.set_spinning(true);
        spinner.set_visible(true);
        status.set_label("");
        let (d, dom, inv, status, spinner) = (
            d.clone(),
            dom.clone(),
            inv.clone(),
            status.clone(),
            spinner.clone(),
        );
        let name = entry.text().trim().to_owned();
        relm4::spawn_local(async move {
            let r = disks::clone_domain(&dom, &name).await;
            spinner.set_spinning(false);
            spinner.set_visible(false);
            busy.set(false);
            match r {
                Ok(_) => {
                    inv.report(gettext_f("{name} was created", &[("name", &name)]));
                    d.close();
                }
                Err(e) => {
                    status.set_label(&e);
                    d.set_response_enabled("clone", true);
                }
            }
        });
    });
    // `MessageDialog` closes after every response: stay open while the copy runs and
    // after a failure (so the typed name and the error stay visible).
    d.connect_close_request(move |_| {
        if busy.get() || !failed.label().is_empty() {
            glib::Propagation::Stop
        } else {
            glib::Propagation::Proceed
        }
    });
    d.present();
}
