//! The VM list: a `gtk::ColumnView` over the inventory's flat model of all
//! connections' domains, with a filter (scope, search, state) and a sorter on top, a
//! multi-selection, and a bar of bulk actions for the selection.

use std::cell::RefCell;
use std::rc::Rc;

use gtk::prelude::*;
use libvirt_gobject::DomainState;
use relm4::prelude::*;

use super::sidebar::Scope;
use crate::backend::{Inventory, VmItem};
use crate::factories::vm_columns;
use crate::i18n::{gettext_f, tr};

/// Below this list width (px) the OS column is hidden: the name column (thumbnail,
/// state, name, two tag chips) and the fixed OS, CPU, memory and uptime columns need
/// about 700 px.
pub const OS_COLUMN_MIN_LIST_WIDTH: f64 = 720.0;

/// Below this list width (px) the rows show no screen thumbnail: the name column keeps
/// room for the names beside the CPU, memory and uptime columns.
pub const ROW_THUMBNAILS_MIN_LIST_WIDTH: f64 = 560.0;

/// The state filter's choices, in the drop-down's order.
pub const STATE_FILTERS: [&str; 5] = ["All states", "Running", "Paused", "Shut off", "Crashed"];

/// What the list shows.
#[derive(Debug, Default, Clone)]
pub struct FilterState {
    /// Connection or tag scope.
    pub scope: Scope,
    /// Search text (lower case).
    pub search: String,
    /// Index into [`STATE_FILTERS`].
    pub state: u32,
}

impl FilterState {
    /// Whether `item` passes.
    pub fn matches(&self, item: &VmItem) -> bool {
        match &self.scope {
            Scope::All => {}
            Scope::Connection(uri) => {
                if item.uri() != *uri {
                    return false;
                }
            }
            Scope::Tag(t) => {
                if !item.tag_list().iter().any(|x| x == t) {
                    return false;
                }
            }
        }
        let st = item.current_state();
        let state_ok = match self.state {
            1 => matches!(st, DomainState::Running | DomainState::Blocked),
            2 => matches!(st, DomainState::Paused | DomainState::PmSuspended),
            3 => matches!(
                st,
                DomainState::Shutoff | DomainState::Shutdown | DomainState::None
            ),
            4 => st == DomainState::Crashed,
            _ => true,
        };
        if !state_ok {
            return false;
        }
        if self.search.is_empty() {
            return true;
        }
        let dom = item.dom();
        let q = self.search.as_str();
        dom.name().to_lowercase().contains(q)
            || dom.uuid().to_lowercase().contains(q)
            || item.description().to_lowercase().contains(q)
            || item.tags().to_lowercase().contains(q)
            || item.os_name().to_lowercase().contains(q)
    }
}

/// The VM list component.
pub struct VmList {
    /// The selection model (rows of [`VmItem`]), for the app's actions.
    pub selection: gtk::MultiSelection,
    /// The column view.
    pub view: gtk::ColumnView,
    /// The search entry.
    pub search: gtk::SearchEntry,
    /// Refreshes the uptime cells on screen.
    pub uptimes: vm_columns::UptimeTicker,
    filter_state: Rc<RefCell<FilterState>>,
    filter: gtk::CustomFilter,
    selected_count: u32,
    shown: u32,
}

/// Messages to the list.
#[derive(Debug)]
pub enum VmListInput {
    /// Show another scope.
    Scope(Scope),
    /// The search text changed.
    Search(String),
    /// The state filter changed.
    State(u32),
    /// Rows changed (state, tags): re-run the filter.
    Refilter,
    /// The selection changed.
    SelectionChanged,
    /// The number of rows shown changed.
    Shown(u32),
}

/// What the list tells the app.
#[derive(Debug)]
pub enum VmListOutput {
    /// The selected rows.
    Selected(Vec<VmItem>),
}

/// The list's widgets.
pub struct VmListWidgets {
    stack: gtk::Stack,
    bar: gtk::Revealer,
    count: gtk::Label,
    empty: adw::StatusPage,
}

impl VmList {
    /// The selected rows.
    pub fn selected(&self) -> Vec<VmItem> {
        selected_items(&self.selection)
    }

    /// The filter state (for tests and the window title).
    pub fn filter_state(&self) -> FilterState {
        self.filter_state.borrow().clone()
    }
}

/// The selected rows of `sel`.
pub fn selected_items(sel: &gtk::MultiSelection) -> Vec<VmItem> {
    let set = sel.selection();
    let mut out = Vec::with_capacity(set.size() as usize);
    if let Some((mut iter, first)) = gtk::BitsetIter::init_first(&set) {
        let mut pos = Some(first);
        while let Some(p) = pos {
            if let Some(i) = sel.item(p).and_downcast::<VmItem>() {
                out.push(i);
            }
            pos = iter.next();
        }
    }
    out
}

impl SimpleComponent for VmList {
    type Init = Inventory;
    type Input = VmListInput;
    type Output = VmListOutput;
    type Root = gtk::Box;
    type Widgets = VmListWidgets;

    fn init_root() -> gtk::Box {
        gtk::Box::new(gtk::Orientation::Vertical, 0)
    }

    fn init(inv: Inventory, root: gtk::Box, sender: ComponentSender<Self>) -> ComponentParts<Self> {
        root.set_widget_name("vm-list-pane");
        let filter_state = Rc::new(RefCell::new(FilterState::default()));
        let fs = filter_state.clone();
        let filter = gtk::CustomFilter::new(move |o| {
            o.downcast_ref::<VmItem>()
                .is_some_and(|i| fs.borrow().matches(i))
        });
        let filtered = gtk::FilterListModel::new(Some(inv.vms()), Some(filter.clone()));
        let view = gtk::ColumnView::new(None::<gtk::SelectionModel>);
        view.set_widget_name("vm-list");
        view.add_css_class("data-table");
        view.set_show_row_separators(true);
        view.set_reorderable(false);
        let row_thumbs = vm_columns::RowThumbnails::default();
        let name_col = vm_columns::name_column(&inv.thumbnails(), &row_thumbs);
        let os_col = vm_columns::os_column();
        let uptimes = vm_columns::UptimeTicker::default();
        view.append_column(&name_col);
        view.append_column(&os_col);
        view.append_column(&vm_columns::cpu_column());
        view.append_column(&vm_columns::memory_column());
        view.append_column(&vm_columns::uptime_column(&uptimes));
        let sorted = gtk::SortListModel::new(Some(filtered.clone()), view.sorter());
        view.sort_by_column(Some(&name_col), gtk::SortType::Ascending);
        let selection = gtk::MultiSelection::new(Some(sorted));
        view.set_model(Some(&selection));
        view.update_property(&[gtk::accessible::Property::Label(&tr("Virtual machines"))]);

        // Search and state filter.
        let tools = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        tools.set_margin_top(6);
        tools.set_margin_bottom(6);
        tools.set_margin_start(6);
        tools.set_margin_end(6);
        let search = gtk::SearchEntry::new();
        search.set_widget_name("vm-search");
        search.set_hexpand(true);
        search.set_placeholder_text(Some(&tr("Search by name, UUID, description or tag")));
        let s = sender.clone();
        search.connect_search_changed(move |e| s.input(VmListInput::Search(e.text().to_string())));
        let labels: Vec<String> = STATE_FILTERS.iter().map(|l| tr(l)).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let states = gtk::DropDown::from_strings(&refs);
        states.set_widget_name("state-filter");
        states.set_tooltip_text(Some(&tr("Filter by state")));
        let s = sender.clone();
        states.connect_selected_notify(move |d| s.input(VmListInput::State(d.selected())));
        tools.append(&search);
        tools.append(&states);
        root.append(&tools);

        let scroll = gtk::ScrolledWindow::builder()
            .vexpand(true)
            .hexpand(true)
            .child(&view)
            .build();
        uptimes.set_viewport(&scroll);
        // A narrow list (the details pane open in a small window) drops the OS column
        // (the Overview shows the OS) so that CPU, memory and uptime stay in view, and
        // narrower still, the rows' thumbnails.
        let hadj = scroll.hadjustment();
        let (os, v) = (os_col.clone(), view.clone());
        // The column is taken out of the view rather than hidden: GTK 4.8 does not give
        // a hidden column's width back to the expanding name column. The page size
        // changes while the list is being allocated: the change is made right after.
        hadj.connect_page_size_notify(move |a| {
            let thumbs = a.page_size() >= ROW_THUMBNAILS_MIN_LIST_WIDTH;
            if row_thumbs.shown() != thumbs {
                let rt = row_thumbs.clone();
                glib::idle_add_local_once(move || rt.set_shown(thumbs));
            }
            let wide = a.page_size() >= OS_COLUMN_MIN_LIST_WIDTH;
            if os.column_view().is_some() != wide {
                let (os, v) = (os.clone(), v.clone());
                glib::idle_add_local_once(move || {
                    let shown = os.column_view().is_some();
                    if wide && !shown {
                        v.insert_column(1, &os);
                    } else if !wide && shown {
                        v.remove_column(&os);
                    }
                });
            }
        });
        let empty = adw::StatusPage::builder()
            .icon_name("computer-symbolic")
            .title(tr("No Virtual Machines"))
            .build();
        empty.set_widget_name("vm-list-empty");
        let stack = gtk::Stack::new();
        stack.add_named(&scroll, Some("list"));
        stack.add_named(&empty, Some("empty"));
        root.append(&stack);

        // Bulk actions for the selection.
        let bar = gtk::ActionBar::new();
        let count = gtk::Label::new(None);
        count.set_widget_name("selection-count");
        bar.pack_start(&count);
        for (icon, action, label) in [
            ("media-playback-start-symbolic", "win.start", tr("Start")),
            ("media-playback-pause-symbolic", "win.pause", tr("Pause")),
            ("media-seek-forward-symbolic", "win.resume", tr("Resume")),
            ("system-shutdown-symbolic", "win.shutdown", tr("Shut Down")),
            ("process-stop-symbolic", "win.force-off", tr("Force Off")),
            ("tag-symbolic", "win.tag-dialog", tr("Tag…")),
        ] {
            let b = gtk::Button::from_icon_name(icon);
            b.set_action_name(Some(action));
            b.set_tooltip_text(Some(&label));
            b.update_property(&[gtk::accessible::Property::Label(&label)]);
            bar.pack_end(&b);
        }
        let bar_rev = gtk::Revealer::builder()
            .child(&bar)
            .transition_type(gtk::RevealerTransitionType::SlideUp)
            .build();
        root.append(&bar_rev);

        let s = sender.clone();
        selection.connect_selection_changed(move |_, _, _| s.input(VmListInput::SelectionChanged));
        let s = sender.clone();
        selection.connect_items_changed(move |m, _, removed, _| {
            s.input(VmListInput::Shown(m.n_items()));
            // Rows taken away (filtered out, undefined) leave the selection without
            // a selection-changed signal.
            if removed > 0 {
                s.input(VmListInput::SelectionChanged);
            }
        });
        let s = sender.clone();
        inv.connect_details_changed(move || s.input(VmListInput::Refilter));

        let shown = selection.n_items();
        let model = VmList {
            selection,
            view,
            search,
            uptimes,
            filter_state,
            filter,
            selected_count: 0,
            shown,
        };
        let widgets = VmListWidgets {
            stack,
            bar: bar_rev,
            count,
            empty,
        };
        ComponentParts { model, widgets }
    }

    fn update(&mut self, msg: VmListInput, sender: ComponentSender<Self>) {
        let change = |this: &Self| this.filter.changed(gtk::FilterChange::Different);
        match msg {
            VmListInput::Scope(s) => {
                self.filter_state.borrow_mut().scope = s;
                change(self);
            }
            VmListInput::Search(t) => {
                self.filter_state.borrow_mut().search = t.trim().to_lowercase();
                change(self);
            }
            VmListInput::State(i) => {
                self.filter_state.borrow_mut().state = i;
                change(self);
            }
            VmListInput::Refilter => {
                let f = self.filter_state.borrow();
                let active =
                    f.state != 0 || !f.search.is_empty() || matches!(f.scope, Scope::Tag(_));
                drop(f);
                if active {
                    change(self);
                }
            }
            VmListInput::SelectionChanged => {
                let sel = self.selected();
                self.selected_count = sel.len() as u32;
                sender.output(VmListOutput::Selected(sel)).ok();
            }
            VmListInput::Shown(n) => self.shown = n,
        }
    }

    fn update_view(&self, w: &mut VmListWidgets, _sender: ComponentSender<Self>) {
        w.bar.set_reveal_child(self.selected_count > 0);
        w.count.set_label(&gettext_f(
            "{n} selected",
            &[("n", &self.selected_count.to_string())],
        ));
        let empty = self.shown == 0;
        w.stack
            .set_visible_child_name(if empty { "empty" } else { "list" });
        let f = self.filter_state.borrow();
        if f.search.is_empty() && f.state == 0 {
            w.empty.set_title(&tr("No Virtual Machines"));
            w.empty.set_description(None);
        } else {
            w.empty.set_title(&tr("No Results"));
            w.empty.set_description(Some(&tr(
                "No virtual machine matches the search and filter.",
            )));
        }
    }
}
