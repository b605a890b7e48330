//! The Delete dialog: the machine's disks with a check box each. Volumes another
//! machine uses, backing images and files outside any storage pool cannot be chosen
//! (the reason is shown); hard disks are checked by default, CD-ROM images are not.

use adw::prelude::*;

use crate::backend::{disks, Inventory, VmItem};
use crate::i18n::{gettext_f, ngettext_f, tr};

/// Shows the dialog for `item`.
pub fn show(parent: &impl IsA<gtk::Widget>, inv: &Inventory, item: &VmItem) {
    let dom = item.dom();
    let d = adw::MessageDialog::new(
        super::window_of(parent).as_ref(),
        Some(&gettext_f("Delete {name}?", &[("name", &dom.name())])),
        Some(&tr("The machine's definition, saved state and snapshot metadata are removed. Choose the disks to delete with it; this cannot be undone.")),
    );
    d.set_widget_name("delete-dialog");
    let list = gtk::Box::new(gtk::Orientation::Vertical, 6);
    list.set_widget_name("delete-disks");
    let spinner = gtk::Spinner::builder().spinning(true).build();
    list.append(&spinner);
    d.set_extra_child(Some(&list));
    d.add_responses(&[("cancel", &tr("Cancel")), ("delete", &tr("Delete"))]);
    d.set_response_appearance("delete", adw::ResponseAppearance::Destructive);
    d.set_default_response(Some("cancel"));
    d.set_close_response("cancel");
    d.set_response_enabled("delete", false);
    let checks: std::rc::Rc<std::cell::RefCell<Vec<(gtk::CheckButton, String)>>> =
        std::rc::Rc::default();
    {
        let (d, dom, list, checks, inv) = (
            d.clone(),
            dom.clone(),
            list.clone(),
            checks.clone(),
            inv.clone(),
        );
        relm4::spawn_local(async move {
            let plan = disks::plan_delete(&dom).await;
            list.remove(&spinner);
            match plan {
                Ok(plan) => {
                    for c in plan {
                        let label = format!("{} — {}", c.disk.target, c.disk.path);
                        let check = gtk::CheckButton::with_label(&label);
                        check.set_widget_name(&format!("disk:{}", c.disk.path));
                        check.set_active(c.default_checked());
                        list.append(&check);
                        match &c.volume {
                            Ok(_) => {}
                            Err(why) => {
                                check.set_sensitive(false);
                                check.set_active(false);
                                let l = gtk::Label::builder()
                                    .label(gettext_f("Kept: {why}", &[("why", why)]))
                                    .xalign(0.0)
                                    .margin_start(28)
                                    .wrap(true)
                                    .build();
                                l.add_css_class("dim-label");
                                l.add_css_class("caption");
                                list.append(&l);
                            }
                        }
                        checks.borrow_mut().push((check, c.disk.path.clone()));
                    }
                    if checks.borrow().is_empty() {
                        list.append(&gtk::Label::new(Some(&tr("The machine has no disks."))));
                    }
                    d.set_response_enabled("delete", true);
                }
                Err(e) => {
                    list.append(&gtk::Label::new(Some(e.message())));
                    inv.report(e.message().to_owned());
                }
            }
        });
    }
    let inv = inv.clone();
    d.connect_response(Some("delete"), move |_, _| {
        let paths: Vec<String> = checks
            .borrow()
            .iter()
            .filter(|(c, _)| c.is_active() && c.is_sensitive())
            .map(|(_, p)| p.clone())
            .collect();
        let (dom, inv) = (dom.clone(), inv.clone());
        relm4::spawn_local(async move {
            match disks::delete_domain(&dom, &paths).await {
                Ok(deleted) => inv.report(ngettext_f(
                    "{name} was deleted with {n} disk",
                    "{name} was deleted with {n} disks",
                    deleted.len(),
                    &[("name", &dom.name()), ("n", &deleted.len().to_string())],
                )),
                Err(e) => inv.report(format!(
                    "{}: {e}",
                    gettext_f("Could not delete {name}", &[("name", &dom.name())])
                )),
            }
        });
    });
    d.present();
}
