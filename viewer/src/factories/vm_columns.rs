//! The VM list's columns: cells bound to a [`VmItem`] through GTK expressions (they
//! follow the row's properties without manual bind/unbind bookkeeping).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use glib::closure;
use gtk::prelude::*;
use libvirt_gobject::{Domain, DomainState};

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

/// The name column: screen thumbnail (running VMs on screen, see [`Thumbnails`]), state
/// icon, name, tag chips.
pub fn name_column(thumbs: &Thumbnails) -> gtk::ColumnViewColumn {
    let c = column(
        &tr("Name"),
        |li| {
            let row = gtk::Box::new(gtk::Orientation::Horizontal, 8);
            row.append(&thumbnail_frame(&item_expr(li), 64, 40));
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

/// Whether a running VM's statistics cells show a graph (`Some(true)`), say "no data"
/// (`Some(false)`: the driver gives no CPU or memory figures), or stay empty (`None`:
/// not running, or no sample yet).
pub fn stats_shown(active: bool, samples: u32, unavailable: bool) -> Option<bool> {
    if !active {
        None
    } else if unavailable {
        Some(false)
    } else if samples > 0 {
        Some(true)
    } else {
        None
    }
}

/// A sparkline column (CPU or memory): a small graph and the latest figure, or a dim
/// "No data" where the driver reports no statistics.
fn spark_column(title: &str, cpu: bool) -> gtk::ColumnViewColumn {
    let c = column(
        title,
        move |li| {
            let b = gtk::Box::new(gtk::Orientation::Horizontal, 4);
            // Rows keep their height whether a graph, "No data" or nothing is shown.
            b.set_height_request(22);
            let area = gtk::DrawingArea::builder()
                .content_width(44)
                .content_height(20)
                .valign(gtk::Align::Center)
                .build();
            area.add_css_class("sparkline");
            let label = gtk::Label::builder()
                .xalign(1.0)
                .width_chars(if cpu { 4 } else { 7 })
                .build();
            label.add_css_class("numeric");
            label.add_css_class("caption");
            let nodata = gtk::Label::builder()
                .label(tr("No data"))
                .xalign(0.0)
                .tooltip_text(tr(
                    "This connection's driver reports no CPU or memory statistics",
                ))
                .build();
            nodata.add_css_class("dim-label");
            nodata.add_css_class("caption");
            nodata.set_widget_name("stats-no-data");
            b.append(&area);
            b.append(&label);
            b.append(&nodata);
            li.set_child(Some(&b));
            let weak = li.downgrade();
            area.set_draw_func(move |a, cr, w, h| {
                let Some(item) = weak.upgrade().and_then(|li| item_of(&li)) else {
                    return;
                };
                let data = if cpu {
                    item.cpu_history()
                } else {
                    item.mem_history()
                };
                let max = if cpu {
                    data.iter().copied().fold(100.0_f32, f32::max)
                } else {
                    data.iter().copied().fold(1.0_f32, f32::max)
                };
                draw_spark(a, cr, w, h, &data, max);
            });
            let item = item_expr(li);
            let area_w = area.downgrade();
            item.chain_property::<VmItem>("stats-serial")
                .watch(gtk::Widget::NONE, move || {
                    if let Some(a) = area_w.upgrade() {
                        a.queue_draw();
                    }
                });
            let shown = |want: bool| {
                gtk::ClosureExpression::new::<bool>(
                    [
                        item.chain_property::<VmItem>("state").upcast(),
                        item.chain_property::<VmItem>("stats-serial").upcast(),
                        item.chain_property::<VmItem>("stats-unavailable").upcast(),
                    ],
                    closure!(move |_: Option<glib::Object>,
                                   s: DomainState,
                                   serial: u32,
                                   unavailable: bool| {
                        stats_shown(s.is_active(), serial, unavailable) == Some(want)
                    }),
                )
            };
            shown(true).bind(&area, "visible", gtk::Widget::NONE);
            shown(true).bind(&label, "visible", gtk::Widget::NONE);
            shown(false).bind(&nodata, "visible", gtk::Widget::NONE);
            gtk::ClosureExpression::new::<String>(
                [
                    item.clone(),
                    item.chain_property::<VmItem>("stats-serial").upcast(),
                ],
                closure!(move |_: Option<glib::Object>,
                               item: Option<glib::Object>,
                               _serial: u32| {
                    let Some(item) = item.and_then(|o| o.downcast::<VmItem>().ok()) else {
                        return String::new();
                    };
                    if cpu {
                        format!("{:.0}%", item.cpu_percent())
                    } else {
                        glib::format_size_full(
                            item.memory_kib() * 1024,
                            glib::FormatSizeFlags::IEC_UNITS,
                        )
                        .to_string()
                    }
                }),
            )
            .bind(&label, "label", gtk::Widget::NONE);
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

fn draw_spark(
    a: &gtk::DrawingArea,
    cr: &gtk::cairo::Context,
    w: i32,
    h: i32,
    data: &[f32],
    max: f32,
) {
    if data.len() < 2 {
        return;
    }
    #[allow(deprecated)] // GtkWidget::get_color is GTK 4.10; we target 4.8.
    let color = a.style_context().color();
    let (w, h) = (f64::from(w), f64::from(h));
    let step = w / (crate::backend::vm_item::HISTORY - 1) as f64;
    let x0 = w - step * (data.len() - 1) as f64;
    let y = |v: f32| h - 1.0 - (f64::from(v) / f64::from(max.max(f32::EPSILON))) * (h - 2.0);
    cr.move_to(x0, h);
    for (i, v) in data.iter().enumerate() {
        cr.line_to(x0 + step * i as f64, y(*v));
    }
    cr.line_to(w, h);
    cr.close_path();
    cr.set_source_rgba(
        f64::from(color.red()),
        f64::from(color.green()),
        f64::from(color.blue()),
        0.15,
    );
    let _ = cr.fill();
    for (i, v) in data.iter().enumerate() {
        let x = x0 + step * i as f64;
        if i == 0 {
            cr.move_to(x, y(*v));
        } else {
            cr.line_to(x, y(*v));
        }
    }
    cr.set_source_rgba(
        f64::from(color.red()),
        f64::from(color.green()),
        f64::from(color.blue()),
        0.8,
    );
    cr.set_line_width(1.5);
    let _ = cr.stroke();
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
            let l = gtk::Label::builder()
                .xalign(0.0)
                .ellipsize(gtk::pango::EllipsizeMode::End)
                .build();
            l.add_css_class("numeric");
            l.add_css_class("dim-label");
            li.set_child(Some(&l));
            let item = item_expr(li);
            gtk::ClosureExpression::new::<String>(
                [
                    item.clone(),
                    item.chain_property::<VmItem>("running-since").upcast(),
                    item.chain_property::<VmItem>("state").upcast(),
                ],
                closure!(|_: Option<glib::Object>,
                          item: Option<glib::Object>,
                          _since: i64,
                          _s: DomainState| {
                    item.and_then(|o| o.downcast::<VmItem>().ok())
                        .map(|i| i.uptime_text())
                        .unwrap_or_default()
                }),
            )
            .bind(&l, "label", gtk::Widget::NONE);
        },
        None,
    );
    c.set_fixed_width(84);
    c
}
