//! The details pane of one VM: a view stack of pages (Overview, Hardware, XML,
//! Snapshots, Console, QEMU). A page is built when it is first shown for the VM shown
//! (selecting a VM builds one page, not six).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use gtk::prelude::*;
use relm4::prelude::*;

use super::console::ConsolePage;
use super::hardware::HardwarePage;
use super::overview::{OverviewInput, OverviewPage};
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

/// The pages of the VM shown, built on first view: a page's controller lives in
/// `built` (dropping it drops the page) and its widget in the page's slot.
struct Lazy {
    inv: Inventory,
    item: Option<VmItem>,
    /// The Overview (the page shown first) is built once and rebound to each VM.
    overview: Controller<OverviewPage>,
    /// One empty box per page, in [`PAGES`] order: the stack's pages (stable, so the
    /// switcher never rebuilds).
    slots: Vec<(&'static str, gtk::Box)>,
    built: Vec<(&'static str, Box<dyn Any>)>,
}

impl Lazy {
    /// Drops every built page and shows `item` (its visible page is built by the caller).
    fn show(&mut self, item: Option<VmItem>) {
        for (name, slot) in &self.slots {
            if *name == "overview" {
                continue;
            }
            while let Some(c) = slot.first_child() {
                slot.remove(&c);
            }
        }
        self.built.clear();
        self.overview.emit(OverviewInput::Show(item.clone()));
        self.item = item;
    }

    /// Builds page `name` for the VM shown, unless it is built already.
    fn ensure(&mut self, name: &str) {
        let Some(dom) = self.item.as_ref().map(VmItem::dom) else {
            return;
        };
        if name == "overview" || self.built.iter().any(|(n, _)| *n == name) {
            return;
        }
        let Some((name, slot)) = self.slots.iter().find(|(n, _)| *n == name) else {
            return;
        };
        let inv = self.inv.clone();
        fn put<C: Component>(slot: &gtk::Box, c: Controller<C>) -> Box<dyn Any>
        where
            C::Root: IsA<gtk::Widget>,
        {
            fill(slot, c.widget());
            Box::new(c)
        }
        let ctl = match *name {
            "hardware" => put(slot, HardwarePage::builder().launch((dom, inv)).detach()),
            "xml" => put(slot, XmlEditorPage::builder().launch(dom).detach()),
            "snapshots" => put(slot, SnapshotsPage::builder().launch(dom).detach()),
            "console" => put(slot, ConsolePage::builder().launch(dom).detach()),
            _ => put(slot, QemuPage::builder().launch(dom).detach()),
        };
        self.built.push((name, ctl));
    }
}

/// Once the window is up and idle, lays out the (hidden) pages once at the size they
/// will have, so that the first selection does not pay in one frame for what a first
/// layout does (label layouts at their final width, style lookups): about 5 ms of the
/// first selection's frame on a small machine.
fn warm_up_when_idle(root: &gtk::Box, pages: &gtk::Box) {
    let pages = pages.downgrade();
    let handler = Rc::new(RefCell::new(None::<glib::SignalHandlerId>));
    let h = handler.clone();
    let id = root.connect_map(move |root| {
        if let Some(id) = h.borrow_mut().take() {
            root.disconnect(id);
        }
        let pages = pages.clone();
        glib::idle_add_local_full(glib::Priority::LOW, move || {
            let Some(p) = pages.upgrade().filter(|p| !p.is_mapped()) else {
                return glib::ControlFlow::Break;
            };
            if let Some((w, h)) = p
                .parent()
                .map(|o| (o.width(), o.height()))
                .filter(|&(w, h)| w > 0 && h > 0)
            {
                p.measure(gtk::Orientation::Horizontal, -1);
                p.measure(gtk::Orientation::Vertical, w);
                p.allocate(w, h, -1, None);
                draw_offscreen(&p, w, h);
            }
            glib::ControlFlow::Break
        });
    });
    handler.replace(Some(id));
}

/// Draws the texts and icons of `widget` (laid out, not mapped) once into a texture
/// that is thrown away: the glyphs and icons are then in the renderer's caches when
/// the widget is first shown.
fn draw_offscreen(widget: &gtk::Box, w: i32, h: i32) {
    let snapshot = gtk::Snapshot::new();
    let color = gtk::gdk::RGBA::BLACK;
    let theme = gtk::IconTheme::for_display(&widget.display());
    let mut stack = vec![widget.clone().upcast::<gtk::Widget>()];
    while let Some(wd) = stack.pop() {
        if let Some(label) = wd.downcast_ref::<gtk::Label>() {
            snapshot.append_layout(&label.layout(), &color);
        } else if let Some(name) = wd.downcast_ref::<gtk::Image>().and_then(|i| i.icon_name()) {
            let icon = theme.lookup_icon(
                &name,
                &[],
                16,
                wd.scale_factor(),
                gtk::TextDirection::None,
                gtk::IconLookupFlags::empty(),
            );
            icon.snapshot(snapshot.upcast_ref::<gtk::gdk::Snapshot>(), 16.0, 16.0);
        }
        let mut child = wd.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push(c);
        }
    }
    let Some(node) = snapshot.to_node() else {
        return;
    };
    let renderer = gtk::gsk::CairoRenderer::new();
    if renderer.realize(None::<&gtk::gdk::Surface>).is_ok() {
        let area = gtk::graphene::Rect::new(0.0, 0.0, w as f32, h as f32);
        drop(renderer.render_texture(&node, Some(&area)));
        renderer.unrealize();
    }
}

/// Puts a page's widget into its slot, filling it.
fn fill(slot: &gtk::Box, page: &impl IsA<gtk::Widget>) {
    page.set_vexpand(true);
    page.set_hexpand(true);
    slot.append(page);
}

/// The details component.
pub struct Details {
    lazy: Rc<RefCell<Lazy>>,
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
        self.lazy.borrow().item.clone()
    }

    /// The view stack (tests look up pages in it). Switching its visible page builds
    /// that page for the VM shown.
    pub fn stack(&self) -> &adw::ViewStack {
        &self.stack
    }

    /// The names of the pages built so far for the VM shown (the others are built when
    /// first shown).
    pub fn built_pages(&self) -> Vec<&'static str> {
        let lazy = self.lazy.borrow();
        let overview = lazy.item.is_some().then_some("overview");
        overview
            .into_iter()
            .chain(lazy.built.iter().map(|(n, _)| *n))
            .collect()
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
        let mut slots = Vec::with_capacity(PAGES.len());
        for (name, title, icon) in PAGES {
            let slot = gtk::Box::new(gtk::Orientation::Vertical, 0);
            slot.set_widget_name(&format!("page-slot-{name}"));
            let page = stack.add_titled(&slot, Some(name), &tr(title));
            page.set_icon_name(Some(icon));
            slots.push((name, slot));
        }
        let overview = OverviewPage::builder().launch(inv.clone()).detach();
        if let Some((_, slot)) = slots.iter().find(|(n, _)| *n == "overview") {
            fill(slot, overview.widget());
        }
        let lazy = Rc::new(RefCell::new(Lazy {
            inv,
            item: None,
            overview,
            slots,
            built: Vec::new(),
        }));
        // A page is built when it is first shown (nothing hidden is built, measured or
        // kept up to date).
        let weak = Rc::downgrade(&lazy);
        stack.connect_visible_child_name_notify(move |st| {
            if let (Some(lazy), Some(name)) = (weak.upgrade(), st.visible_child_name()) {
                lazy.borrow_mut().ensure(&name);
            }
        });
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
        warm_up_when_idle(&root, &with_pages);
        ComponentParts {
            model: Details { lazy, stack },
            widgets: DetailsWidgets { outer },
        }
    }

    fn update(&mut self, msg: DetailsInput, _sender: ComponentSender<Self>) {
        match msg {
            DetailsInput::Show(item) => {
                if item == self.item() {
                    return;
                }
                let mut lazy = self.lazy.borrow_mut();
                lazy.show(item);
                if let Some(v) = self.stack.visible_child_name() {
                    lazy.ensure(&v);
                }
            }
            DetailsInput::Page(name) => self.stack.set_visible_child_name(&name),
        }
    }

    fn update_view(&self, w: &mut DetailsWidgets, _sender: ComponentSender<Self>) {
        w.outer.set_visible_child_name(if self.item().is_some() {
            "pages"
        } else {
            "none"
        });
    }
}
