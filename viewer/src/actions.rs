//! The window's `gio::Action`s: VM operations on the selection, tags, connections,
//! navigation, about and shortcuts. Tests and keyboard shortcuts drive the app
//! through these.

use adw::prelude::*;
use libvirt_gobject::DomainState;
use relm4::prelude::*;

use crate::app::{App, AppInput};
use crate::backend::actions::{self as ops, Op};
use crate::backend::VmItem;
use crate::components::details::DetailsInput;
use crate::components::vm_list::selected_items;
use crate::i18n::tr;

/// Keyboard shortcuts: (action, accelerators, description).
pub const SHORTCUTS: &[(&str, &[&str], &str)] = &[
    ("win.start", &["<Ctrl>Return"], "Start"),
    ("win.shutdown", &["<Ctrl><Shift>s"], "Shut down"),
    ("win.force-off", &["<Ctrl><Shift>Delete"], "Force off"),
    ("win.pause", &["<Ctrl>p"], "Pause"),
    ("win.resume", &["<Ctrl><Shift>p"], "Resume"),
    ("win.reboot", &["<Ctrl>r"], "Reboot"),
    ("win.search", &["<Ctrl>f"], "Search"),
    ("win.select-all", &["<Ctrl>a"], "Select all"),
    ("win.clone", &["<Ctrl>d"], "Clone"),
    ("win.delete", &["Delete"], "Delete"),
    ("win.tag-dialog", &["<Ctrl>t"], "Tag the selection"),
    ("win.add-connection", &["<Ctrl>o"], "Add a connection"),
    ("win.new-vm", &["<Ctrl>n"], "New virtual machine"),
    ("win.show-sidebar", &["F9"], "Show or hide the sidebar"),
    (
        "win.show-help-overlay",
        &["<Ctrl>question"],
        "Keyboard shortcuts",
    ),
    ("app.quit", &["<Ctrl>q"], "Quit"),
];

fn action(
    window: &adw::ApplicationWindow,
    name: &str,
    param: Option<&glib::VariantTy>,
    f: impl Fn(Option<&glib::Variant>) + 'static,
) -> gio::SimpleAction {
    let a = gio::SimpleAction::new(name, param);
    a.connect_activate(move |_, p| f(p));
    window.add_action(&a);
    a
}

/// Installs the actions on `window`.
pub fn install(window: &adw::ApplicationWindow, app: &App, sender: &ComponentSender<App>) {
    let inv = app.inventory().clone();
    let selection = app.list().model().selection.clone();
    for op in Op::ALL {
        let (inv, sel) = (inv.clone(), selection.clone());
        action(window, op.action_name(), None, move |_| {
            ops::run(&inv, op, &selected_items(&sel));
        });
    }
    {
        let (inv, sel) = (inv.clone(), selection.clone());
        action(window, "restore", None, move |_| {
            ops::run(&inv, Op::Start, &selected_items(&sel));
        });
    }
    let sel = selection.clone();
    action(window, "select-all", None, move |_| {
        sel.select_all();
    });
    let search = app.list().model().search.clone();
    action(window, "search", None, move |_| {
        search.grab_focus();
    });
    let (w, s) = (window.clone(), sender.clone());
    action(window, "add-connection", None, move |_| {
        let s = s.clone();
        crate::modals::add_connection::show(&w, move |uri| s.input(AppInput::AddConnection(uri)));
    });
    let s = sender.clone();
    action(
        window,
        "add-connection-uri",
        Some(glib::VariantTy::STRING),
        move |p| {
            if let Some(uri) = p.and_then(|v| v.str()) {
                s.input(AppInput::AddConnection(uri.to_owned()));
            }
        },
    );
    let s = sender.clone();
    action(
        window,
        "remove-connection",
        Some(glib::VariantTy::STRING),
        move |p| {
            if let Some(uri) = p.and_then(|v| v.str()) {
                s.input(AppInput::RemoveConnection(uri.to_owned()));
            }
        },
    );
    for (name, add) in [("add-tag", true), ("remove-tag", false)] {
        let (inv, sel) = (inv.clone(), selection.clone());
        action(window, name, Some(glib::VariantTy::STRING), move |p| {
            let Some(tag) = p
                .and_then(|v| v.str())
                .map(str::trim)
                .filter(|t| !t.is_empty())
            else {
                return;
            };
            let items = selected_items(&sel);
            if add {
                ops::edit_tags(&inv, &items, &[tag.to_owned()], &[]);
            } else {
                ops::edit_tags(&inv, &items, &[], &[tag.to_owned()]);
            }
        });
    }
    let (w, inv2, sel) = (window.clone(), inv.clone(), selection.clone());
    action(window, "tag-dialog", None, move |_| {
        let items = selected_items(&sel);
        if items.is_empty() {
            return;
        }
        let inv = inv2.clone();
        crate::modals::ask_text(
            &w,
            &tr("Add Tag"),
            &tr("The tag is stored in each selected machine's XML metadata; machines with the same tag are grouped in the sidebar."),
            "",
            move |t| {
                let t = t.trim().to_owned();
                if !t.is_empty() && !t.contains(',') {
                    ops::edit_tags(&inv, &items, &[t], &[]);
                }
            },
        );
    });
    let (w, inv2, sel) = (window.clone(), inv.clone(), selection.clone());
    action(window, "clone", None, move |_| {
        if let Some(item) = selected_items(&sel).first() {
            crate::modals::clone::show(&w, &inv2, item);
        }
    });
    let (w, inv2, sel) = (window.clone(), inv.clone(), selection.clone());
    action(window, "delete", None, move |_| {
        if let Some(item) = selected_items(&sel).first() {
            crate::modals::delete::show(&w, &inv2, item);
        }
    });
    let (inv2, sel) = (inv.clone(), selection.clone());
    action(
        window,
        "set-autostart",
        Some(glib::VariantTy::BOOLEAN),
        move |p| {
            if let Some(on) = p.and_then(|v| v.get::<bool>()) {
                ops::set_autostart(&inv2, &selected_items(&sel), on);
            }
        },
    );
    // Switched at once (not through the component's queue): the page is built now.
    let pages = app.details().model().stack().clone();
    action(
        window,
        "show-page",
        Some(glib::VariantTy::STRING),
        move |p| {
            if let Some(name) = p.and_then(|v| v.str()) {
                pages.set_visible_child_name(name);
            }
        },
    );
    let (w, inv2, sel) = (window.clone(), inv.clone(), selection.clone());
    let details = app.details().sender().clone();
    action(window, "new-vm", None, move |_| {
        let (sel, details) = (sel.clone(), details.clone());
        crate::modals::new_vm::show(&w, &inv2, move |dom, console| {
            let details = details.clone();
            crate::modals::new_vm::reveal(&sel, dom, move |item| {
                if console {
                    // Shown now (the selection's own update then changes nothing).
                    details.emit(DetailsInput::Show(Some(item.clone())));
                    details.emit(DetailsInput::Page("console".into()));
                }
            });
        });
    });
    let w = window.clone();
    action(window, "about", None, move |_| crate::about::show(&w));
    let w = window.clone();
    action(window, "show-help-overlay", None, move |_| {
        crate::about::shortcuts_window(&w).present();
    });
    update_enabled(&Some(window.clone().upcast()), &[]);
}

/// Enables the VM actions that apply to at least one selected VM.
pub fn update_enabled(root: &Option<gtk::Root>, selected: &[VmItem]) {
    let Some(win) = root
        .as_ref()
        .and_then(|r| r.downcast_ref::<adw::ApplicationWindow>())
    else {
        return;
    };
    let set = |name: &str, on: bool| {
        if let Some(a) = win.lookup_action(name).and_downcast::<gio::SimpleAction>() {
            a.set_enabled(on);
        }
    };
    // One pass over the selection (it may hold thousands of VMs), then one test per
    // action against the states seen.
    let mut states: Vec<DomainState> = Vec::new();
    for i in selected {
        let s = i.current_state();
        if !states.contains(&s) {
            states.push(s);
        }
    }
    let any = |op: Op| states.iter().any(|&s| op.applies_to(s));
    for op in Op::ALL {
        set(op.action_name(), any(op));
    }
    set("restore", any(Op::Start));
    let one = selected.len() == 1;
    set("clone", one && !selected[0].current_state().is_active());
    set("delete", one);
    for n in ["add-tag", "remove-tag", "tag-dialog", "set-autostart"] {
        set(n, !selected.is_empty());
    }
}
