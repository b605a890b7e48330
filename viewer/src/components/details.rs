//! The details pane of one VM: a view stack of pages (Overview, Hardware, XML,
//! Snapshots, Console, QEMU), rebuilt for each VM shown.

use gtk::prelude::*;
use relm4::prelude::*;

use super::console::ConsolePage;
use super::hardware::HardwarePage;
use super::overview::OverviewPage;
use super::qemu::QemuPage;
use super::snapshots::SnapshotsPage;
use super::xml_editor::XmlEditorPage;
use crate::backend::{Inventory, VmItem};
use crate::i18n::tr;

/// The pages, in order: (name, title, icon).
pub const PAGES: [(&str, &str, &str); 6] = [
    ("overview", "Overview", "dialog-information-symbolic"),
    ("hardware", "Hardware", "drive-harddisk-symbolic"),
    ("xml", "XML", "text-x-generic-symbolic"),
    ("snapshots", "Snapshots", "camera-photo-symbolic"),
    ("console", "Console", "utilities-terminal-symbolic"),
    ("qemu", "QEMU", "system-run-symbolic"),
];

/// The pages' controllers for the VM shown (dropping them drops the pages).
struct Pages {
    item: VmItem,
    _overview: Controller<OverviewPage>,
    _hardware: Controller<HardwarePage>,
    _xml: Controller<XmlEditorPage>,
    _snapshots: Controller<SnapshotsPage>,
    _console: Controller<ConsolePage>,
    _qemu: Controller<QemuPage>,
}

/// The details component.
pub struct Details {
    inv: Inventory,
    pages: Option<Pages>,
    stack: adw::ViewStack,
}

/// Messages to the details pane.
#[derive(Debug)]
pub enum DetailsInput {
    /// Show this VM (or nothing).
    Show(Option<VmItem>),
    /// Switch to a page by name.
    Page(String),
}

impl Details {
    /// The VM shown.
    pub fn item(&self) -> Option<VmItem> {
        self.pages.as_ref().map(|p| p.item.clone())
    }

    /// The view stack (tests look up pages in it).
    pub fn stack(&self) -> &adw::ViewStack {
        &self.stack
    }
}

/// The details pane's widgets.
pub struct DetailsWidgets {
    outer: gtk::Stack,
}

impl SimpleComponent for Details {
    type Init = Inventory;
    type Input = DetailsInput;
    type Output = ();
    type Root = gtk::Box;
    type Widgets = DetailsWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(
        inv: Inventory,
        root: gtk::Box,
        _sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("details");
        let stack = adw::ViewStack::new();
        stack.set_vexpand(true);
        let switcher = adw::ViewSwitcher::builder()
            .stack(&stack)
            .policy(adw::ViewSwitcherPolicy::Narrow)
            .build();
        switcher.set_margin_top(6);
        switcher.set_margin_bottom(6);
        let with_pages = gtk::Box::new(gtk::Orientation::Vertical, 0);
        with_pages.append(&switcher);
        with_pages.append(&gtk::Separator::new(gtk::Orientation::Horizontal));
        with_pages.append(&stack);
        let none = adw::StatusPage::builder()
            .icon_name("computer-symbolic")
            .title(tr("No Machine Selected"))
            .description(tr("Select a virtual machine to see its details."))
            .build();
        let outer = gtk::Stack::new();
        outer.add_named(&none, Some("none"));
        outer.add_named(&with_pages, Some("pages"));
        outer.set_vexpand(true);
        root.append(&outer);
        ComponentParts {
            model: Details {
                inv,
                pages: None,
                stack,
            },
            widgets: DetailsWidgets { outer },
        }
    }

    fn update(&mut self, msg: DetailsInput, _sender: ComponentSender<Self>) {
        match msg {
            DetailsInput::Show(item) => {
                if item.as_ref() == self.pages.as_ref().map(|p| &p.item) {
                    return;
                }
                let visible = self.stack.visible_child_name();
                while let Some(c) = self.stack.first_child() {
                    self.stack.remove(&c);
                }
                self.pages = item.map(|item| self.build_pages(item));
                if let Some(v) = visible {
                    self.stack.set_visible_child_name(&v);
                }
            }
            DetailsInput::Page(name) => self.stack.set_visible_child_name(&name),
        }
    }

    fn update_view(&self, w: &mut DetailsWidgets, _sender: ComponentSender<Self>) {
        w.outer.set_visible_child_name(if self.pages.is_some() {
            "pages"
        } else {
            "none"
        });
    }
}

impl Details {
    fn build_pages(&self, item: VmItem) -> Pages {
        let dom = item.dom();
        let overview = OverviewPage::builder()
            .launch((item.clone(), self.inv.clone()))
            .detach();
        let hardware = HardwarePage::builder()
            .launch((dom.clone(), self.inv.clone()))
            .detach();
        let xml = XmlEditorPage::builder().launch(dom.clone()).detach();
        let snapshots = SnapshotsPage::builder().launch(dom.clone()).detach();
        let console = ConsolePage::builder().launch(dom.clone()).detach();
        let qemu = QemuPage::builder().launch(dom).detach();
        let widgets: [gtk::Widget; 6] = [
            overview.widget().clone().upcast(),
            hardware.widget().clone().upcast(),
            xml.widget().clone().upcast(),
            snapshots.widget().clone().upcast(),
            console.widget().clone().upcast(),
            qemu.widget().clone().upcast(),
        ];
        for (w, (name, title, icon)) in widgets.iter().zip(PAGES) {
            let page = self.stack.add_titled(w, Some(name), &tr(title));
            page.set_icon_name(Some(icon));
        }
        Pages {
            item,
            _overview: overview,
            _hardware: hardware,
            _xml: xml,
            _snapshots: snapshots,
            _console: console,
            _qemu: qemu,
        }
    }
}
