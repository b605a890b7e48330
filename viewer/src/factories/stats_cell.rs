//! [`StatsCell`]: one cell of the VM list's CPU, memory or uptime column, a widget that
//! paints the graph and the latest figure (or "No data"), or the uptime, in
//! `snapshot()`. A new sample or a clock tick only redraws the cells on screen; no
//! widget changes size, so the rows GTK keeps are never measured again (a label whose
//! text changes would make GTK lay the whole list out again, every second and at every
//! state change of a bulk action).

use std::cell::Cell;

use gtk::prelude::*;
use gtk::subclass::prelude::*;
use gtk::{gdk, graphene};

use crate::backend::vm_item::HISTORY;
use crate::backend::VmItem;
use crate::i18n::tr;

/// Width of the graph (the figure is right of it).
const GRAPH_WIDTH: f32 = 44.0;
/// Height of a cell.
const HEIGHT: i32 = 22;

/// Which column a cell is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// CPU usage: graph and percentage.
    #[default]
    Cpu,
    /// Memory in use: graph and size.
    Memory,
    /// Time since the VM started ([`VmItem::uptime_text`]).
    Uptime,
}

/// What a statistics cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Nothing: the VM is not running, or no sample came yet.
    Empty,
    /// The graph and the latest figure.
    Graph,
    /// A dim "No data": the driver answers without CPU or memory figures.
    NoData,
}

impl Shown {
    /// The cell for a VM that is `active`, with `samples` samples so far, whose driver
    /// reported no figures (`unavailable`).
    pub fn of(active: bool, samples: u32, unavailable: bool) -> Self {
        if !active {
            Shown::Empty
        } else if unavailable {
            Shown::NoData
        } else if samples > 0 {
            Shown::Graph
        } else {
            Shown::Empty
        }
    }

    /// The cell of `item` now.
    pub fn for_item(item: &VmItem) -> Self {
        Self::of(
            item.current_state().is_active(),
            item.stats_serial(),
            item.stats_unavailable(),
        )
    }
}

/// The tooltip of a "No data" cell.
pub fn no_data_tooltip() -> String {
    tr("This connection's driver reports no CPU or memory statistics")
}

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct StatsCell {
        pub(super) row: glib::WeakRef<gtk::ListItem>,
        pub(super) kind: Cell<Kind>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for StatsCell {
        const NAME: &'static str = "VireoStatsCell";
        type Type = super::StatsCell;
        type ParentType = gtk::Widget;

        fn class_init(klass: &mut Self::Class) {
            klass.set_css_name("statscell");
        }
    }

    impl ObjectImpl for StatsCell {}

    impl WidgetImpl for StatsCell {
        fn measure(&self, orientation: gtk::Orientation, _for_size: i32) -> (i32, i32, i32, i32) {
            match orientation {
                gtk::Orientation::Horizontal if self.kind.get() == Kind::Uptime => (0, 64, -1, -1),
                gtk::Orientation::Horizontal => (0, GRAPH_WIDTH as i32 + 48, -1, -1),
                _ => (HEIGHT, HEIGHT, -1, -1),
            }
        }

        fn snapshot(&self, snapshot: &gtk::Snapshot) {
            self.obj().paint(snapshot);
        }
    }
}

impl StatsCell {
    /// Paints what the cell shows now (at its current size) into `snapshot`.
    pub fn paint(&self, snapshot: &gtk::Snapshot) {
        let Some(item) = self.item() else {
            return;
        };
        let (w, h) = (self.width() as f32, self.height() as f32);
        let shown = Shown::for_item(&item);
        let words = self.words_of(&item, shown);
        if self.kind() == Kind::Uptime {
            // As a dim label.
            self.text(snapshot, &words, w, h, 0.55, false);
            return;
        }
        match shown {
            Shown::Empty => {}
            Shown::NoData => self.text(snapshot, &words, w, h, 0.55, false),
            Shown::Graph => {
                let (data, max) = if self.is_cpu() {
                    let d = item.cpu_history();
                    let m = d.iter().copied().fold(100.0_f32, f32::max);
                    (d, m)
                } else {
                    let d = item.mem_history();
                    let m = d.iter().copied().fold(1.0_f32, f32::max);
                    (d, m)
                };
                self.graph(snapshot, GRAPH_WIDTH.min(w), h, &data, max);
                self.text(snapshot, &words, w, h, 1.0, true);
            }
        }
    }

    /// What the cell says now, in words: the figure, "No data" or the uptime (empty
    /// when it shows nothing). It is also the cell's accessible label
    /// ([`StatsCell::update_label`]).
    pub fn words(&self) -> String {
        self.item()
            .map(|i| self.words_of(&i, Shown::for_item(&i)))
            .unwrap_or_default()
    }

    /// [`StatsCell::words`] for `item`, which shows `shown`.
    fn words_of(&self, item: &VmItem, shown: Shown) -> String {
        if self.kind() == Kind::Uptime {
            return item.uptime_text();
        }
        match shown {
            Shown::Empty => String::new(),
            Shown::NoData => tr("No data"),
            Shown::Graph if self.is_cpu() => format!("{:.0}%", item.cpu_percent()),
            Shown::Graph => {
                glib::format_size_full(item.memory_kib() * 1024, glib::FormatSizeFlags::IEC_UNITS)
                    .to_string()
            }
        }
    }

    /// Sets the accessible label to [`StatsCell::words`] and redraws: what a change of
    /// the row's VM (a sample, a tick, a new state) calls. Nothing is measured again.
    pub fn update_label(&self) {
        self.update_property(&[gtk::accessible::Property::Label(&self.words())]);
        self.queue_draw();
    }
}

glib::wrapper! {
    /// A CPU, memory or uptime cell of the VM list (see the module documentation).
    pub struct StatsCell(ObjectSubclass<imp::StatsCell>)
        @extends gtk::Widget,
        @implements gtk::Accessible, gtk::Buildable, gtk::ConstraintTarget;
}

impl StatsCell {
    /// A cell of the `kind` column for the rows of `row`.
    pub fn new(row: &gtk::ListItem, kind: Kind) -> Self {
        let cell: Self = glib::Object::new();
        cell.imp().row.set(Some(row));
        cell.imp().kind.set(kind);
        cell.set_widget_name(if kind == Kind::Uptime {
            "uptime-cell"
        } else {
            "stats-cell"
        });
        if kind != Kind::Uptime {
            cell.add_css_class("caption");
        }
        cell.add_css_class("numeric");
        // Asked for when the pointer rests on the cell (no property to keep up to date
        // on every sample).
        cell.set_has_tooltip(true);
        cell.connect_query_tooltip(|c, _, _, _, tip| match c.tooltip() {
            Some(t) => {
                tip.set_text(Some(&t));
                true
            }
            None => false,
        });
        cell
    }

    /// The tooltip shown now: why there is no data, else none.
    pub fn tooltip(&self) -> Option<String> {
        (self.kind() != Kind::Uptime && self.shown() == Shown::NoData).then(no_data_tooltip)
    }

    /// The row's VM.
    pub fn item(&self) -> Option<VmItem> {
        self.imp()
            .row
            .upgrade()
            .and_then(|r| r.item())
            .and_downcast::<VmItem>()
    }

    /// Which column the cell is in.
    pub fn kind(&self) -> Kind {
        self.imp().kind.get()
    }

    /// Whether this is a CPU cell.
    pub fn is_cpu(&self) -> bool {
        self.kind() == Kind::Cpu
    }

    /// What the cell shows now.
    pub fn shown(&self) -> Shown {
        self.item().map_or(Shown::Empty, |i| Shown::for_item(&i))
    }

    #[allow(deprecated)] // GtkWidget::get_color is GTK 4.10; we target 4.8.
    fn fg(&self) -> gdk::RGBA {
        self.style_context().color()
    }

    /// The figure (right-aligned), or "No data" or the uptime (left).
    fn text(&self, snapshot: &gtk::Snapshot, text: &str, w: f32, h: f32, alpha: f32, right: bool) {
        // The font is the widget's (CSS classes `caption`, `numeric`).
        let layout = self.create_pango_layout(Some(text));
        let (tw, th) = layout.pixel_size();
        let x = if right { (w - tw as f32).max(0.0) } else { 0.0 };
        let fg = self.fg();
        let color = fg.with_alpha(fg.alpha() * alpha);
        snapshot.save();
        snapshot.translate(&graphene::Point::new(x, ((h - th as f32) / 2.0).round()));
        snapshot.append_layout(&layout, &color);
        snapshot.restore();
    }

    /// The graph: an area under a line, in the accent colour.
    fn graph(&self, snapshot: &gtk::Snapshot, w: f32, h: f32, data: &[f32], max: f32) {
        if data.len() < 2 {
            return;
        }
        let accent = self.accent();
        let cr = snapshot.append_cairo(&graphene::Rect::new(0.0, 0.0, w, h));
        let (w, h) = (f64::from(w), f64::from(h));
        let step = w / (HISTORY - 1) as f64;
        let x0 = w - step * (data.len() - 1) as f64;
        let y = |v: f32| h - 1.0 - (f64::from(v) / f64::from(max.max(f32::EPSILON))) * (h - 2.0);
        cr.move_to(x0, h);
        for (i, v) in data.iter().enumerate() {
            cr.line_to(x0 + step * i as f64, y(*v));
        }
        cr.line_to(w, h);
        cr.close_path();
        let (r, g, b) = (
            f64::from(accent.red()),
            f64::from(accent.green()),
            f64::from(accent.blue()),
        );
        cr.set_source_rgba(r, g, b, 0.15);
        let _ = cr.fill();
        for (i, v) in data.iter().enumerate() {
            let x = x0 + step * i as f64;
            if i == 0 {
                cr.move_to(x, y(*v));
            } else {
                cr.line_to(x, y(*v));
            }
        }
        cr.set_source_rgba(r, g, b, 0.8);
        cr.set_line_width(1.5);
        let _ = cr.stroke();
    }

    /// The theme's accent colour (libadwaita's `@accent_color`), else the text colour.
    #[allow(deprecated)] // GtkStyleContext::lookup_color: no replacement before GTK 4.10.
    fn accent(&self) -> gdk::RGBA {
        self.style_context()
            .lookup_color("accent_color")
            .unwrap_or_else(|| self.fg())
    }
}
