//! Thumbnails of running VMs on libvirt's test driver (in-process; its
//! `virDomainScreenshot` returns a fixed PNG): only rows on screen ask for screenshots,
//! never more than two at once, none while the window is hidden, none for shut-off VMs;
//! scrolling moves the requests to the rows now shown; the overview shows a larger one.
//!
//! The screenshots are counted from the `tracing` span libvirt-gobject opens around
//! every libvirt call (`virDomainScreenshot`, field `object` = the domain's name).

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use adw::prelude::*;
use common::*;
use relm4::ComponentController;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;
use viewer::backend::VmItem;

/// Screenshot spans seen: per domain name, how many; the most open at once.
#[derive(Default)]
struct Seen {
    per_domain: HashMap<String, u32>,
    open: HashMap<u64, ()>,
    max_open: usize,
}

#[derive(Clone, Default)]
struct Counter(Arc<Mutex<Seen>>);

impl Counter {
    fn counts(&self) -> HashMap<String, u32> {
        self.0.lock().expect("lock").per_domain.clone()
    }
    fn max_open(&self) -> usize {
        self.0.lock().expect("lock").max_open
    }
    fn total(&self) -> u32 {
        self.counts().values().sum()
    }
}

struct ObjectField(Option<String>);

impl tracing::field::Visit for ObjectField {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "object" {
            self.0 = Some(value.to_owned());
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "object" {
            self.0 = Some(format!("{value:?}").trim_matches('"').to_owned());
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Counter {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::Id,
        _: Context<'_, S>,
    ) {
        if attrs.metadata().name() == "virDomainScreenshot" {
            let mut s = self.0.lock().expect("lock");
            s.open.insert(id.into_u64(), ());
            s.max_open = s.max_open.max(s.open.len());
        }
    }
    fn on_record(&self, id: &tracing::Id, values: &tracing::span::Record<'_>, _: Context<'_, S>) {
        let mut s = self.0.lock().expect("lock");
        if !s.open.contains_key(&id.into_u64()) {
            return;
        }
        let mut f = ObjectField(None);
        values.record(&mut f);
        if let Some(name) = f.0 {
            *s.per_domain.entry(name).or_default() += 1;
        }
    }
    fn on_close(&self, id: tracing::Id, _: Context<'_, S>) {
        self.0.lock().expect("lock").open.remove(&id.into_u64());
    }
}

const RUNNING: usize = 80;

/// A host with two shut-off VMs (first by name) and [`RUNNING`] running ones.
fn many_vms_node() -> std::path::PathBuf {
    let mut xml = String::from("<node>\n");
    let dom = |name: &str, state: u32| {
        format!(
            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\
             <test:runstate>{state}</test:runstate><name>{name}</name>\
             <memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os>\
             <devices><graphics type='vnc' port='-1'/></devices></domain>\n"
        )
    };
    for i in 0..2 {
        xml.push_str(&dom(&format!("aaa-off-{i}"), 5));
    }
    for i in 0..RUNNING {
        xml.push_str(&dom(&format!("thumb-{i:03}"), 1));
    }
    xml.push_str("</node>\n");
    let dir = std::env::temp_dir().join(format!("vireo-thumbs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join("node.xml");
    std::fs::write(&p, xml).expect("node written");
    p
}

fn names(items: &[VmItem]) -> Vec<String> {
    items.iter().map(|i| i.dom().name()).collect()
}

#[gtk::test]
fn thumbnails_only_for_rows_on_screen() {
    let counter = Counter::default();
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(counter.clone()))
        .expect("first subscriber");
    let node = many_vms_node();
    let app = launch(&format!("test://{}", node.display()));
    wait_loaded(&app, RUNNING + 2);
    let thumbs = app.model().inventory().thumbnails();
    thumbs.set_interval(Duration::from_millis(1500));

    // The rows on screen get their pictures.
    let view: gtk::ColumnView = find(app.widget(), "vm-list").expect("list");
    wait_until(20, "thumbnails of the first rows", || {
        let vis = thumbs.visible_items();
        vis.len() > 4
            && vis
                .iter()
                .filter(|i| i.state().is_active())
                .all(|i| i.thumbnail().is_some())
    });
    let visible = thumbs.visible_items();
    let visible_names = names(&visible);
    assert!(
        visible.len() < 40,
        "only a screenful of rows counts as visible: {visible_names:?}"
    );
    // Shut-off rows are on screen (first by name) but never asked for.
    assert!(visible_names.iter().any(|n| n.starts_with("aaa-off")));
    for i in &visible {
        if !i.state().is_active() {
            assert!(i.thumbnail().is_none(), "{} is off", i.dom().name());
        }
    }
    // Not blank: the test driver's picture has many colours.
    let tex = visible
        .iter()
        .find_map(|i| i.thumbnail())
        .expect("a thumbnail");
    assert!(tex.width() <= 320 && tex.height() <= 240, "scaled down");
    let mut px = vec![0u8; (tex.width() * tex.height() * 4) as usize];
    tex.download(&mut px, tex.width() as usize * 4);
    let first = &px[..4];
    assert!(px.chunks(4).any(|p| p != first), "blank thumbnail");

    let counts = counter.counts();
    for name in counts.keys() {
        assert!(
            visible_names.contains(name),
            "{name} was not on screen but a screenshot was taken"
        );
        assert!(!name.starts_with("aaa-off"), "{name} is shut off");
    }
    assert!(
        counts.len() < RUNNING / 2,
        "{} of {RUNNING} VMs were asked for",
        counts.len()
    );
    screenshot(app.widget(), "vireo-list-thumbnails");

    // Refreshes follow the interval, for the visible rows only.
    let before = counter.total();
    settle(3500);
    let after = counter.counts();
    assert!(counter.total() > before, "thumbnails are refreshed");
    for name in after.keys() {
        assert!(visible_names.contains(name), "{name} off screen");
    }

    // Scrolled to the end: the last rows get pictures, the first ones no more requests.
    let adj = view.vadjustment().expect("scrollable");
    adj.set_value(adj.upper());
    let last = format!("thumb-{:03}", RUNNING - 1);
    wait_until(20, "the last row's thumbnail", || {
        counter.counts().contains_key(&last)
    });
    settle(300);
    let top = counter.counts();
    settle(3500);
    let later = counter.counts();
    assert_eq!(
        top.get("thumb-000"),
        later.get("thumb-000"),
        "a row scrolled away is not refreshed"
    );
    assert!(later[&last] > top[&last], "the row now shown is refreshed");

    // A hidden window asks for nothing.
    app.widget().set_visible(false);
    settle(200);
    let hidden = counter.total();
    settle(3500);
    assert_eq!(
        counter.total(),
        hidden,
        "no screenshots while the window is hidden"
    );
    app.widget().set_visible(true);
    adj.set_value(0.0);
    settle(300);

    assert!(
        counter.max_open() <= viewer::backend::thumbnails::MAX_IN_FLIGHT,
        "{} screenshots at once",
        counter.max_open()
    );

    // A VM that stops drops its picture and shows the icon; no more requests for it.
    let stopped = row(&app, "thumb-002");
    assert!(stopped.thumbnail().is_some());
    glib::MainContext::default()
        .block_on(stopped.dom().destroy_future(0))
        .expect("destroyed");
    wait_until(10, "the stopped VM's picture to go", || {
        stopped.thumbnail().is_none()
    });
    let n = counter.counts().get("thumb-002").copied();
    settle(3000);
    assert_eq!(
        counter.counts().get("thumb-002").copied(),
        n,
        "no screenshots of a stopped VM"
    );

    // The overview of a running VM shows a larger one.
    select(&app, &["thumb-001"]);
    activate(&app, "show-page", Some(&"overview".to_variant()));
    let frame: gtk::Stack = find(app.widget(), "overview-thumbnail").expect("overview frame");
    wait_until(10, "the overview thumbnail", || {
        frame.visible_child_name().as_deref() == Some("shot") && frame.is_drawable()
    });
    assert!(frame.width() >= 200, "larger than a row's");
    screenshot(app.widget(), "vireo-overview-thumbnail");
    app.widget().close();
}
