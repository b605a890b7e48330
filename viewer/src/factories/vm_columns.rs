//! The VM list's columns: cells bound to a [`VmItem`] through GTK expressions (they
//! follow the row's properties without manual bind/unbind bookkeeping).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use glib::closure;
use gtk::prelude::*;
use libvirt_gobject::{Domain, DomainState};

use super::stats_cell::{Kind, StatsCell};
use crate::backend::{Thumbnails, VmItem};
use crate::i18n::tr;

/// The icon shown for a state.
pub fn state_icon(s: DomainState) -> &'static str {
    match s {
        DomainState::Running | DomainState::Blocked => "media-playback-start-symbolic",
        DomainState::Paused | DomainState::PmSuspended => "media-playback-pause-symbolic",
        DomainState::Shutdown => "system-shutdown-symbolic",
        DomainState::Crashed => "dialog-error-symbolic",
        DomainState::Shutoff | DomainState::None => "media-playback-stop-symbolic",
    }
}

/// The translated name of a state.
pub fn state_label(s: DomainState) -> String {
    match s {
        DomainState::Running => tr("Running"),
        DomainState::Blocked => tr("Blocked"),
        DomainState::Paused => tr("Paused"),
        DomainState::Shutdown => tr("Shutting down"),
        DomainState::Shutoff => tr("Shut off"),
        DomainState::Crashed => tr("Crashed"),
        DomainState::PmSuspended => tr("Suspended"),
        DomainState::None => tr("Unknown"),
    }
}

fn item_expr(li: &gtk::ListItem) -> gtk::Expression {
    gtk::ObjectExpression::new(li)
        .chain_property::<gtk::ListItem>("item")
        .upcast()
}

fn item_of(li: &gtk::ListItem) -> Option<VmItem> {
    li.item().and_then(|o| o.downcast::<VmItem>().ok())
}

fn column(
    title: &str,
    setup: impl Fn(&gtk::ListItem) + 'static,
    sorter: Option<gtk::Sorter>,
) -> gtk::ColumnViewColumn {
    let f = gtk::SignalListItemFactory::new();
    f.connect_setup(move |_, li| {
        if let Some(li) = li.downcast_ref::<gtk::ListItem>() {
            setup(li);
        }
    });
    let c = gtk::ColumnViewColumn::new(Some(title), Some(f));
    c.set_sorter(sorter.as_ref());
    c.set_resizable(true);
    c
}

fn sorter(cmp: impl Fn(&VmItem, &VmItem) -> Ordering + 'static) -> gtk::Sorter {
    gtk::CustomSorter::new(move |a, b| {
        match (a.downcast_ref::<VmItem>(), b.downcast_ref::<VmItem>()) {
            (Some(a), Some(b)) => cmp(a, b).into(),
            _ => gtk::Ordering::Equal,
        }
    })
    .upcast()
}

/// Name order (case-insensitive), the list's default.
pub fn name_sorter() -> gtk::Sorter {
    sorter(|a, b| {
        a.dom()
            .name()
            .to_lowercase()
            .cmp(&b.dom().name().to_lowercase())
    })
}

/// A thumbnail frame of `width`×`height` pixels following the `thumbnail` of the item
/// `item` evaluates to: the picture while there is one, else a computer icon.
pub fn thumbnail_frame(item: &gtk::Expression, width: i32, height: i32) -> gtk::Stack {
    let frame = gtk::Stack::new();
    frame.set_widget_name("vm-thumbnail");
    frame.add_css_class("vm-thumbnail");
    frame.set_size_request(width, height);
    frame.set_valign(gtk::Align::Center);
    frame.set_overflow(gtk::Overflow::Hidden);
    let picture = gtk::Picture::new();
    picture.set_content_fit(gtk::ContentFit::Contain);
    picture.set_can_shrink(true);
    let icon = gtk::Image::from_icon_name("computer-symbolic");
    icon.set_pixel_size((height * 3 / 5).max(16));
    icon.add_css_class("dim-label");
    frame.add_named(&picture, Some("shot"));
    frame.add_named(&icon, Some("off"));
    let thumb = item.chain_property::<VmItem>("thumbnail");
    thumb.bind(&picture, "paintable", gtk::Widget::NONE);
    thumb
        .chain_closure::<String>(closure!(
            |_: Option<glib::Object>, t: Option<gtk::gdk::Texture>| {
                if t.is_some() { "shot" } else { "off" }.to_owned()
            }
        ))
        .bind(&frame, "visible-child-name", gtk::Widget::NONE);
    frame
}

/// The thumbnails of the name column's rows, shown or hidden together: a narrow list
/// hides them so that the names keep their room.
#[derive(Clone, Default)]
pub struct RowThumbnails(Rc<RowThumbnailsInner>);

#[derive(Default)]
struct RowThumbnailsInner {
    hidden: std::cell::Cell<bool>,
    frames: RefCell<Vec<glib::WeakRef<gtk::Stack>>>,
}

impl RowThumbnails {
    /// Whether the rows show their thumbnail.
    pub fn shown(&self) -> bool {
        !self.0.hidden.get()
    }

    /// Shows or hides the thumbnail of every row (rows made later follow).
    pub fn set_shown(&self, on: bool) {
        self.0.hidden.set(!on);
        self.0.frames.borrow_mut().retain(|f| match f.upgrade() {
            Some(f) => {
                f.set_visible(on);
                true
            }
            None => false,
        });
    }

    fn add(&self, frame: &gtk::Stack) {
        frame.set_visible(self.shown());
        self.0.frames.borrow_mut().push(frame.downgrade());
    }
}

/// The name column: screen thumbnail (running VMs on screen, see [`Thumbnails`]; shown
/// as `rows` says), state icon, name, tag chips.
pub fn name_column(thumbs: &Thumbnails, rows: &RowThumbnails) -> gtk::ColumnViewColumn {
    let rows = rows.clone();
    let c = column(
        &tr("Name"),
        move |li| {
            let row = gtk::Box::new(gtk::Orientation::Horizontal, 8);
            let frame = thumbnail_frame(&item_expr(li), 64, 40);
            rows.add(&frame);
            row.append(&frame);
            let icon = gtk::Image::new();
            icon.add_css_class("state-icon");
            let name = gtk::Label::builder()
                .xalign(0.0)
                .ellipsize(gtk::pango::EllipsizeMode::End)
                .width_chars(6)
                .build();
            name.add_css_class("vm-name");
            let chips = gtk::Box::new(gtk::Orientation::Horizontal, 4);
            row.append(&icon);
            row.append(&name);
            row.append(&chips);
            li.set_child(Some(&row));
            let item = item_expr(li);
            item.chain_property::<VmItem>("state")
                .chain_closure::<String>(closure!(|_: Option<glib::Object>, s: DomainState| {
                    state_icon(s).to_owned()
                }))
                .bind(&icon, "icon-name", gtk::Widget::NONE);
            item.chain_property::<VmItem>("state")
                .chain_closure::<String>(closure!(|_: Option<glib::Object>, s: DomainState| {
                    state_label(s)
                }))
                .bind(&icon, "tooltip-text", gtk::Widget::NONE);
            item.chain_property::<VmItem>("domain")
                .chain_property::<Domain>("name")
                .bind(&name, "label", gtk::Widget::NONE);
            let chips_w = chips.downgrade();
            let tags_expr = item.chain_property::<VmItem>("tags");
            let te = tags_expr.clone();
            tags_expr.watch(gtk::Widget::NONE, move || {
                let Some(chips) = chips_w.upgrade() else {
                    return;
                };
                while let Some(c) = chips.first_child() {
                    chips.remove(&c);
                }
                let tags = te
                    .evaluate_as::<String, _>(gtk::Widget::NONE)
                    .unwrap_or_default();
                for t in crate::backend::vm_item::split_tags(&tags) {
                    // Chips give way (ellipsized, the full tag as tooltip) before the
                    // statistics columns are pushed out of view.
                    let chip = gtk::Label::builder()
                        .label(&t)
                        .ellipsize(gtk::pango::EllipsizeMode::End)
                        .width_chars(3)
                        .tooltip_text(&t)
                        .build();
                    chip.add_css_class("tag-chip");
                    chips.append(&chip);
                }
            });
        },
        Some(name_sorter()),
    );
    c.set_expand(true);
    // Screenshots only for rows that have a widget (and, per tick, are on screen).
    if let Some(f) = c.factory().and_downcast::<gtk::SignalListItemFactory>() {
        let t = thumbs.clone();
        f.connect_bind(move |_, li| {
            let Some(li) = li.downcast_ref::<gtk::ListItem>() else {
                return;
            };
            if let (Some(item), Some(child)) = (item_of(li), li.child()) {
                t.watch(&item, &child);
            }
        });
        let t = thumbs.clone();
        f.connect_unbind(move |_, li| {
            if let Some(child) = li.downcast_ref::<gtk::ListItem>().and_then(|l| l.child()) {
                t.unwatch(&child);
            }
        });
    }
    c
}

/// The OS column.
pub fn os_column() -> gtk::ColumnViewColumn {
    let c = column(
        &tr("OS"),
        |li| {
            let l = gtk::Label::builder()
                .xalign(0.0)
                .ellipsize(gtk::pango::EllipsizeMode::End)
                .build();
            l.add_css_class("dim-label");
            li.set_child(Some(&l));
            item_expr(li)
                .chain_property::<VmItem>("os-name")
                .bind(&l, "label", gtk::Widget::NONE);
        },
        Some(sorter(|a, b| a.os_name().cmp(&b.os_name()))),
    );
    c.set_fixed_width(130);
    c
}

/// A statistics column (CPU or memory) of [`StatsCell`]s: a new sample redraws the
/// cells on screen and never changes a widget's size.
fn spark_column(title: &str, cpu: bool) -> gtk::ColumnViewColumn {
    let c = column(
        title,
        move |li| {
            let cell = StatsCell::new(li, if cpu { Kind::Cpu } else { Kind::Memory });
            li.set_child(Some(&cell));
            // Redraw (only) when what the cell paints changes: another row, a new
            // state or sample.
            let item = item_expr(li);
            let cell_w = cell.downgrade();
            gtk::ClosureExpression::new::<u32>(
                [
                    item.chain_property::<VmItem>("state").upcast(),
                    item.chain_property::<VmItem>("stats-serial").upcast(),
                    item.chain_property::<VmItem>("stats-unavailable").upcast(),
                ],
                closure!(
                    |_: Option<glib::Object>, _: DomainState, serial: u32, _: bool| { serial }
                ),
            )
            .watch(gtk::Widget::NONE, move || {
                if let Some(c) = cell_w.upgrade() {
                    c.update_label();
                }
            });
        },
        Some(if cpu {
            sorter(|a, b| a.cpu_percent().total_cmp(&b.cpu_percent()))
        } else {
            sorter(|a, b| a.memory_kib().cmp(&b.memory_kib()))
        }),
    );
    c.set_fixed_width(if cpu { 104 } else { 132 });
    c
}

/// The CPU column.
pub fn cpu_column() -> gtk::ColumnViewColumn {
    spark_column(&tr("CPU"), true)
}

/// The memory column.
pub fn memory_column() -> gtk::ColumnViewColumn {
    spark_column(&tr("Memory"), false)
}

/// The uptime cells: GTK makes them for the rows on screen and up to a few hundred more
/// (and recycles them). A tick refreshes only those inside the list's viewport.
#[derive(Clone, Default)]
pub struct UptimeTicker {
    cells: Rc<RefCell<Vec<glib::WeakRef<gtk::ListItem>>>>,
    viewport: Rc<glib::WeakRef<gtk::Widget>>,
}

impl UptimeTicker {
    /// The scrolled window the list is shown in: a tick refreshes the cells inside it,
    /// and scrolling refreshes the rows that come into view.
    pub fn set_viewport(&self, scroll: &gtk::ScrolledWindow) {
        self.viewport.set(Some(scroll.upcast_ref()));
        let t = self.clone();
        scroll.vadjustment().connect_value_changed(move |_| {
            t.tick();
        });
    }

    /// Lets the uptime cells of running VMs on screen re-read the clock; returns how
    /// many did.
    pub fn tick(&self) -> usize {
        let Some(viewport) = self.viewport.upgrade() else {
            return 0;
        };
        let height = viewport.height() as f32;
        let mut cells = self.cells.borrow_mut();
        cells.retain(|w| w.upgrade().is_some());
        let mut n = 0;
        for li in cells.iter().filter_map(glib::WeakRef::upgrade) {
            let Some(item) = item_of(&li).filter(|i| i.running_since() != 0) else {
                continue;
            };
            // Cells GTK keeps for off-screen rows are not allocated (zero height).
            let on_screen = li
                .child()
                .and_then(|c| c.compute_bounds(&viewport))
                .is_some_and(|b| b.height() > 0.0 && b.y() + b.height() > 0.0 && b.y() < height);
            if on_screen {
                item.notify_running_since();
                n += 1;
            }
        }
        n
    }
}

/// The uptime column; `ticker` refreshes its cells.
pub fn uptime_column(ticker: &UptimeTicker) -> gtk::ColumnViewColumn {
    let cells = ticker.cells.clone();
    let c = column(
        &tr("Uptime"),
        move |li| {
            cells.borrow_mut().push(li.downgrade());
            let cell = StatsCell::new(li, Kind::Uptime);
            li.set_child(Some(&cell));
            // Redraw (only) when the text changes: another row, a tick, a new state.
            let item = item_expr(li);
            let cell_w = cell.downgrade();
            gtk::ClosureExpression::new::<i64>(
                [
                    item.chain_property::<VmItem>("running-since").upcast(),
                    item.chain_property::<VmItem>("state").upcast(),
                ],
                closure!(|_: Option<glib::Object>, since: i64, _: DomainState| { since }),
            )
            .watch(gtk::Widget::NONE, move || {
                if let Some(c) = cell_w.upgrade() {
                    c.update_label();
                }
            });
        },
        None,
    );
    c.set_fixed_width(84);
    c
}
