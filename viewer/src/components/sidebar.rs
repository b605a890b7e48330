//! The sidebar: "All machines", the connections with their state, and the tags (each
//! tag is a group: selecting it shows the VMs that carry it).

use gtk::prelude::*;
use relm4::prelude::*;

use crate::backend::{ConnEntry, Inventory};
use crate::factories::connection_row;
use crate::i18n::tr;

/// What the VM list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every VM of every connection.
    #[default]
    All,
    /// The VMs of one connection (its URI).
    Connection(String),
    /// The VMs with a tag.
    Tag(String),
}

/// The sidebar component.
pub struct Sidebar {
    inv: Inventory,
}

/// Messages to the sidebar.
#[derive(Debug)]
pub enum SidebarInput {
    /// A row of one of the lists was activated.
    Activated(Scope),
}

/// What the sidebar tells the app.
#[derive(Debug)]
pub enum SidebarOutput {
    /// Show this scope.
    Scope(Scope),
    /// Forget the connection with this URI.
    RemoveConnection(String),
}

/// The sidebar's widgets.
pub struct SidebarWidgets {
    /// "All machines", connections, tags.
    pub lists: [gtk::ListBox; 3],
}

impl SimpleComponent for Sidebar {
    type Init = Inventory;
    type Input = SidebarInput;
    type Output = SidebarOutput;
    type Root = gtk::Box;
    type Widgets = SidebarWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(inv: Inventory, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        root.set_widget_name("sidebar");
        root.set_width_request(250);
        let scroll = gtk::ScrolledWindow::builder()
            .hscrollbar_policy(gtk::PolicyType::Never)
            .vexpand(true)
            .build();
        let content = gtk::Box::new(gtk::Orientation::Vertical, 0);
        scroll.set_child(Some(&content));
        root.append(&scroll);

        let heading = |text: &str| {
            let l = gtk::Label::builder()
                .label(text)
                .xalign(0.0)
                .margin_start(12)
                .margin_top(12)
                .margin_bottom(4)
                .build();
            l.add_css_class("heading");
            l.add_css_class("dim-label");
            l
        };
        let all = gtk::ListBox::new();
        all.add_css_class("navigation-sidebar");
        let all_row = gtk::ListBoxRow::new();
        all_row.set_widget_name("scope-all");
        let b = gtk::Box::new(gtk::Orientation::Horizontal, 8);
        b.set_margin_top(6);
        b.set_margin_bottom(6);
        b.set_margin_start(6);
        b.append(&gtk::Image::from_icon_name("computer-symbolic"));
        b.append(&gtk::Label::new(Some(&tr("All Machines"))));
        all_row.set_child(Some(&b));
        all.append(&all_row);
        all.select_row(Some(&all_row));

        let conns = gtk::ListBox::new();
        conns.set_widget_name("connections");
        conns.add_css_class("navigation-sidebar");
        let s = sender.clone();
        conns.bind_model(Some(&inv.connections()), move |obj| {
            let entry = obj
                .downcast_ref::<ConnEntry>()
                .expect("the connections model holds ConnEntry objects");
            let s = s.clone();
            connection_row::build(entry, move |uri| {
                s.output(SidebarOutput::RemoveConnection(uri)).ok();
            })
            .upcast()
        });

        let tags = gtk::ListBox::new();
        tags.set_widget_name("tags");
        tags.add_css_class("navigation-sidebar");
        tags.bind_model(Some(&inv.tags()), |obj| {
            let name = obj
                .downcast_ref::<gtk::StringObject>()
                .map(|s| s.string().to_string())
                .unwrap_or_default();
            let row = gtk::ListBoxRow::new();
            row.set_widget_name(&format!("tag:{name}"));
            let b = gtk::Box::new(gtk::Orientation::Horizontal, 8);
            b.set_margin_top(6);
            b.set_margin_bottom(6);
            b.set_margin_start(6);
            b.append(&gtk::Image::from_icon_name("tag-symbolic"));
            b.append(&gtk::Label::new(Some(&name)));
            row.set_child(Some(&b));
            row.upcast()
        });
        let tags_heading = heading(&tr("Tags"));
        let th = tags_heading.clone();
        inv.tags()
            .connect_items_changed(move |m, _, _, _| th.set_visible(m.n_items() > 0));
        tags_heading.set_visible(false);

        content.append(&all);
        content.append(&heading(&tr("Connections")));
        content.append(&conns);
        content.append(&tags_heading);
        content.append(&tags);

        let lists = [all.clone(), conns.clone(), tags.clone()];
        for (i, list) in lists.iter().enumerate() {
            let s = sender.clone();
            let inv = inv.clone();
            let others = lists.clone();
            list.connect_row_activated(move |_, row| {
                for (j, l) in others.iter().enumerate() {
                    if j != i {
                        l.unselect_all();
                    }
                }
                let scope = match i {
                    0 => Scope::All,
                    1 => inv
                        .connections()
                        .item(row.index().max(0) as u32)
                        .and_downcast::<ConnEntry>()
                        .map(|e| {
                            inv.retry(&e.uri());
                            Scope::Connection(e.uri())
                        })
                        .unwrap_or_default(),
                    _ => Scope::Tag(
                        row.widget_name()
                            .strip_prefix("tag:")
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                };
                s.input(SidebarInput::Activated(scope));
            });
        }
        ComponentParts {
            model: Sidebar { inv },
            widgets: SidebarWidgets { lists },
        }
    }

    fn update(&mut self, msg: SidebarInput, sender: ComponentSender<Self>) {
        match msg {
            SidebarInput::Activated(scope) => {
                let _ = &self.inv;
                sender.output(SidebarOutput::Scope(scope)).ok();
            }
        }
    }

    fn update_view(&self, _widgets: &mut Self::Widgets, _sender: ComponentSender<Self>) {}
}
