//! The Clone dialog: the new name (the clone gets new MACs and copies of its disks).

use std::cell::RefCell;
use std::rc::Rc;

use adw::prelude::*;

use crate::backend::{disks, Inventory, VmItem};
use crate::i18n::{gettext_f, number, tr};

/// Shows the dialog for `item`. While the disks are copied the dialog stays open and
/// shows which disk is copied and how far; Cancel then stops after the copy in flight and
/// deletes the copies. On failure it shows libvirt's message and keeps the typed name.
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
    entry.update_property(&[gtk::accessible::Property::Label(&tr("Name of the clone"))]);
    let progress = gtk::ProgressBar::builder().show_text(false).build();
    progress.set_widget_name("clone-progress");
    progress.set_visible(false);
    let step = gtk::Label::builder()
        .wrap(true)
        .xalign(0.0)
        .css_classes(["dim-label"])
        .build();
    step.set_widget_name("clone-step");
    step.set_visible(false);
    let status = gtk::Label::builder().wrap(true).xalign(0.0).build();
    status.set_widget_name("clone-status");
    status.add_css_class("error");
    b.append(&entry);
    b.append(&progress);
    b.append(&step);
    b.append(&status);
    d.set_extra_child(Some(&b));
    d.add_responses(&[("cancel", &tr("Cancel")), ("clone", &tr("Clone"))]);
    d.set_response_appearance("clone", adw::ResponseAppearance::Suggested);
    d.set_default_response(Some("clone"));
    d.set_close_response("cancel");
    let inv = inv.clone();
    let failed = status.clone();
    // The copy in progress, if any (Cancel cancels it).
    let running: Rc<RefCell<Option<gio::Cancellable>>> = Rc::default();
    {
        let (cleared, running, step) = (status.clone(), running.clone(), step.clone());
        d.connect_response(Some("cancel"), move |_, _| {
            cleared.set_label("");
            if let Some(c) = running.borrow().as_ref() {
                step.set_label(&tr("Cancelling after the current disk…"));
                c.cancel();
            }
        });
    }
    let r2 = running.clone();
    d.connect_response(Some("clone"), move |d, _| {
        let cancel = gio::Cancellable::new();
        r2.replace(Some(cancel.clone()));
        // Keep the dialog: it closes only when the clone exists.
        d.set_response_enabled("clone", false);
        entry.set_sensitive(false);
        progress.set_fraction(0.0);
        progress.set_visible(true);
        step.set_label(&tr("Preparing…"));
        step.set_visible(true);
        status.set_label("");
        let (d, dom, inv, status, running, entry) = (
            d.clone(),
            dom.clone(),
            inv.clone(),
            status.clone(),
            r2.clone(),
            entry.clone(),
        );
        let (progress, step) = (progress.clone(), step.clone());
        let name = entry.text().trim().to_owned();
        relm4::spawn_local(async move {
            let show = {
                let (progress, step, cancel) = (progress.clone(), step.clone(), cancel.clone());
                move |p: &disks::CloneProgress| {
                    progress.set_fraction(p.fraction);
                    if !cancel.is_cancelled() {
                        step.set_label(&gettext_f(
                            // Translators: {disk} and {disks} are numbers, {volume} a file name.
                            "Copying disk {disk} of {disks} ({volume})",
                            &[
                                ("disk", &number(p.disk)),
                                ("disks", &number(p.disks)),
                                ("volume", &p.volume),
                            ],
                        ));
                    }
                }
            };
            let r = disks::clone_domain(&dom, &name, &cancel, show).await;
            running.replace(None);
            progress.set_visible(false);
            step.set_visible(false);
            entry.set_sensitive(true);
            match r {
                Ok(_) => {
                    inv.report(gettext_f("{name} was created", &[("name", &name)]));
                    d.close();
                }
                Err(disks::CloneError::Cancelled) => d.close(),
                Err(e) => {
                    status.set_label(&e.to_string());
                    d.set_response_enabled("clone", true);
                }
            }
        });
    });
    // `MessageDialog` closes after every response: stay open while the copy runs and
    // after a failure (so the typed name and the error stay visible).
    d.connect_close_request(move |_| {
        if running.borrow().is_some() || !failed.label().is_empty() {
            glib::Propagation::Stop
        } else {
            glib::Propagation::Proceed
        }
    });
    d.present();
}
