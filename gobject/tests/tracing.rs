//! The tracing of libvirt calls and events, seen by a test-local `tracing` layer while
//! the library works against the in-process test driver (`test:///default`).
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use common::{init, run, until};
use libvirt_gobject::trace::{CALL_TARGET, EVENT_TARGET};
use libvirt_gobject::{Connection, DomainState};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// What arrived, in arrival order (a call when its span closes, with the number of its
/// opening: calls are compared in the order they began).
#[derive(Debug, Clone)]
enum Seen {
    /// A finished call span: its opening number, name and fields (`duration_us` taken
    /// out, given apart).
    Call(u64, String, Fields, u64),
    /// A libvirt event.
    Event(Fields),
    /// An event-loop dispatch (TRACE).
    Dispatch(Level),
}

type Fields = BTreeMap<String, String>;

#[derive(Default)]
struct Visitor(Fields);

impl Visit for Visitor {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
}

/// A layer that keeps every call span, event and dispatch it is shown.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<Seen>>>, Arc<std::sync::atomic::AtomicU64>);

/// A call span's opening number.
struct Opened(u64);

impl Collector {
    fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
    /// The finished calls, in the order they began.
    fn calls(&self) -> Vec<String> {
        let mut v: Vec<(u64, String)> = self
            .0
            .lock()
            .unwrap()
            .iter()
            .filter_map(|s| match s {
                Seen::Call(n, name, f, _) => Some((*n, line(name, f))),
                _ => None,
            })
            .collect();
        v.sort();
        v.into_iter().map(|(_, l)| l).collect()
    }
    fn events(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter_map(|s| match s {
                Seen::Event(f) => Some(line("event", f)),
                _ => None,
            })
            .collect()
    }
}

/// `name k=v k=v` in field-name order.
fn line(name: &str, f: &Fields) -> String {
    let mut s = name.to_owned();
    for (k, v) in f {
        s += &format!(" {k}={v}");
    }
    s
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Collector {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let meta = attrs.metadata();
        if meta.target() != CALL_TARGET {
            return;
        }
        // Every call span declares the same fields, at DEBUG.
        let names: Vec<&str> = meta.fields().iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "uri",
                "object",
                "uuid",
                "flags",
                "duration_us",
                "error_code",
                "error"
            ],
            "{}",
            meta.name()
        );
        assert_eq!(*meta.level(), Level::DEBUG);
        let mut v = Visitor::default();
        attrs.record(&mut v);
        let n = self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let span = ctx.span(id).unwrap();
        span.extensions_mut().insert(v.0);
        span.extensions_mut().insert(Opened(n));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let span = ctx.span(id).unwrap();
        let mut ext = span.extensions_mut();
        if let Some(f) = ext.get_mut::<Fields>() {
            let mut v = Visitor(std::mem::take(f));
            values.record(&mut v);
            *f = v.0;
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let span = ctx.span(&id).unwrap();
        let Some(mut f) = span.extensions_mut().remove::<Fields>() else {
            return;
        };
        let n = span.extensions().get::<Opened>().unwrap().0;
        let us = f
            .remove("duration_us")
            .unwrap_or_else(|| panic!("{} has no duration", span.name()))
            .parse()
            .unwrap();
        self.0
            .lock()
            .unwrap()
            .push(Seen::Call(n, span.name().to_owned(), f, us));
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        let seen = match meta.target() {
            EVENT_TARGET => {
                let mut v = Visitor::default();
                event.record(&mut v);
                assert_eq!(v.0.remove("message").as_deref(), Some("libvirt event"));
                Seen::Event(v.0)
            }
            "libvirt_glib::dispatch" => Seen::Dispatch(*meta.level()),
            _ => return,
        };
        self.0.lock().unwrap().push(seen);
    }
}

/// Sorts the calls of a phase whose calls run concurrently (their order is not fixed).
fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn calls_are_spans_named_after_libvirt_functions_and_events_are_traced() {
    let col = Collector::default();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::EnvFilter::new(
            "libvirt_gobject=debug,libvirt_glib::dispatch=trace",
        ))
        .with(col.clone());
    tracing::subscriber::set_global_default(subscriber).unwrap();
    init();

    // Opening: the connection, the event registrations (QEMU monitor events are not
    // supported by the test driver: a failed call), then the concurrent listings.
    let uri = "test:///default";
    let conn = Connection::new(uri);
    run(10, conn.open_future()).unwrap();
    let c = |name: &str, rest: &str| format!("{name}{rest} uri={uri}");
    let calls = col.calls();
    // The 8 domain event kinds, then (after `between`) one call per other kind.
    let per_kind = |domain: &str, between: &[String], others: [&str; 4]| {
        let mut v: Vec<String> = (0..8).map(|_| c(domain, "")).collect();
        v.extend_from_slice(between);
        v.extend(others.map(|f| c(f, "")));
        v
    };
    let mut open = vec![c("virConnectOpen", "")];
    open.extend(per_kind(
        "virConnectDomainEventRegisterAny",
        &[c(
            "virConnectDomainQemuMonitorEventRegister error=VIR_ERR_NO_SUPPORT error_code=3",
            "",
        )],
        [
            "virConnectNetworkEventRegisterAny",
            "virConnectStoragePoolEventRegisterAny",
            "virConnectNodeDeviceEventRegisterAny",
            "virConnectRegisterCloseCallback",
        ],
    ));
    assert_eq!(calls[..open.len()], open[..], "{calls:#?}");
    assert_eq!(
        sorted(calls[open.len()..].to_vec()),
        sorted(vec![
            c("virConnectGetAllDomainStats flags=0", ""),
            c("virConnectListAllDomains flags=8", ""),
            c("virConnectListAllNetworks flags=2", ""),
            c("virConnectListAllNetworks flags=0", ""),
            c("virConnectListAllStoragePools flags=2", ""),
            c("virConnectListAllStoragePools flags=0", ""),
        ]),
        "{calls:#?}"
    );
    // Per listing kind, the active ones are listed first.
    let pos = |s: &str| calls.iter().position(|c| c.starts_with(s)).unwrap();
    assert!(pos("virConnectListAllNetworks flags=2") < pos("virConnectListAllNetworks flags=0"));
    assert!(col.take().iter().all(|s| !matches!(s, Seen::Event(_))));

    // Lifecycle calls on the domain, each with its events; a failing start; a lookup of
    // a missing volume; a re-fetch.
    let d = conn.find_domain_by_name("test").unwrap();
    let obj = format!(" flags=0 object=test uri={uri} uuid={}", d.uuid());
    let pool = conn.find_storage_pool_by_name("default-pool").unwrap();
    let (start_err, vol_err) = run(20, async {
        d.destroy_future(0).await.unwrap();
        until(5, || {
            d.state() == DomainState::Shutoff && col.events().len() == 1
        })
        .await;
        d.start_future(0).await.unwrap();
        // The start also re-reads the domain's messages (taint flags), in the background.
        until(5, || {
            d.state() == DomainState::Running
                && col.events().len() == 2
                && col
                    .calls()
                    .iter()
                    .any(|c| c.starts_with("virDomainGetMessages"))
        })
        .await;
        let start_err = d.start_future(0).await.unwrap_err();
        let vol_err = pool.volume_future("lvg-trace-missing").await.unwrap_err();
        conn.fetch_domains_future().await.unwrap();
        (start_err, vol_err)
    });
    let calls = col.calls();
    assert_eq!(
        calls[..5],
        [
            format!("virDomainDestroyFlags{obj}"),
            format!("virDomainCreateWithFlags{obj}"),
            format!("virDomainGetMessages{obj}"),
            format!("virDomainCreateWithFlags error=VIR_ERR_INTERNAL_ERROR error_code=1{obj}"),
            format!(
                "virStorageVolLookupByName error=VIR_ERR_NO_STORAGE_VOL error_code=50 \
                 object=default-pool uri={uri} uuid={}",
                pool.uuid()
            ),
        ],
        "{calls:#?}"
    );
    assert_eq!(
        sorted(calls[5..].to_vec()),
        [
            c("virConnectGetAllDomainStats flags=0", ""),
            c("virConnectListAllDomains flags=8", ""),
        ],
        "{calls:#?}"
    );
    // The span's error code is the one the caller gets.
    assert!(
        start_err.matches(libvirt_glib::ErrorCode::InternalError),
        "{start_err}"
    );
    assert!(
        vol_err.matches(libvirt_glib::ErrorCode::NoStorageVol),
        "{vol_err}"
    );
    let ev = |detail: &str| {
        format!(
            "event detail={detail} kind=domain-lifecycle object=test uri={uri} uuid={}",
            d.uuid()
        )
    };
    assert_eq!(
        col.events(),
        [ev("stopped/destroyed"), ev("started/booted")]
    );

    // Every call is timed: a start of the test driver takes more than nothing.
    let seen = col.take();
    let durations: Vec<u64> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::Call(_, n, _, us) if n == "virDomainCreateWithFlags" => Some(*us),
            _ => None,
        })
        .collect();
    assert_eq!(durations.len(), 2);
    assert!(durations.iter().all(|&us| us > 0), "{durations:?}");
    // libvirt's test driver delivers its events from a timer of libvirt-glib's loop:
    // each dispatch is a TRACE event.
    let dispatches: Vec<Level> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::Dispatch(l) => Some(*l),
            _ => None,
        })
        .collect();
    assert!(!dispatches.is_empty());
    assert!(dispatches.iter().all(|l| *l == Level::TRACE));

    // Other objects' calls and events: a network's life, a node device's, a metadata
    // change made by another client.
    let net_xml = "<network><name>lvg-trace-net</name><bridge name='lvgtr0'/></network>";
    let dev_xml = "<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'><wwnn>2000000012345679</wwnn><wwpn>1000000012345679</wwpn></capability></capability></device>";
    let (net, dev) = run(20, async {
        let net = conn.create_network_future(net_xml).await.unwrap();
        until(5, || col.events().len() == 1).await;
        net.start_future().await.unwrap();
        until(5, || col.events().len() == 2).await;
        net.stop_future().await.unwrap();
        until(5, || col.events().len() == 3).await;
        net.delete_future().await.unwrap();
        until(5, || col.events().len() == 4).await;
        let dev = conn.create_node_device_future(dev_xml).await.unwrap();
        until(5, || col.events().len() == 5).await;
        dev.destroy_future().await.unwrap();
        until(5, || col.events().len() == 6).await;
        (net, dev)
    });
    let other = virt::connect::Connect::open(Some(uri)).unwrap();
    other
        .lookup_domain_by_name("test")
        .unwrap()
        .set_metadata(0, Some("traced"), None, None, 0)
        .unwrap();
    run(10, until(5, || col.events().len() == 7));
    let net_obj = format!("object=lvg-trace-net uri={uri} uuid={}", net.uuid());
    assert_eq!(
        col.calls(),
        [
            c("virNetworkDefineXML", ""),
            format!("virNetworkCreate {net_obj}"),
            format!("virNetworkDestroy {net_obj}"),
            format!("virNetworkUndefine {net_obj}"),
            c("virNodeDeviceCreateXML flags=0", ""),
            // A node device handle does not name its connection.
            format!("virNodeDeviceDestroy object={} uri=", dev.name()),
        ]
    );
    let net_ev = |detail: &str| {
        format!(
            "event detail={detail} kind=network-lifecycle object=lvg-trace-net uri={uri} uuid={}",
            net.uuid()
        )
    };
    let dev_ev = |detail: &str| {
        format!(
            "event detail={detail} kind=node-device object={} uri={uri}",
            dev.name()
        )
    };
    assert_eq!(
        col.events(),
        [
            net_ev("defined"),
            net_ev("started"),
            net_ev("stopped"),
            net_ev("undefined"),
            dev_ev("created"),
            dev_ev("deleted"),
            format!(
                "event detail=description kind=metadata-change uri={uri} uuid={}",
                d.uuid()
            ),
        ]
    );
    col.take();

    // Job progress and abort (the test driver implements neither): a span each, named
    // after the libvirt function, with libvirt's error.
    let (job_err, abort_err) = run(10, async {
        (
            d.job_info_future(0).await.unwrap_err(),
            d.abort_job_future().await.unwrap_err(),
        )
    });
    let no_flags = format!(" object=test uri={uri} uuid={}", d.uuid());
    assert_eq!(
        col.calls(),
        [
            format!("virDomainGetJobStats error=VIR_ERR_NO_SUPPORT error_code=3{obj}"),
            format!("virDomainAbortJob error=VIR_ERR_NO_SUPPORT error_code=3{no_flags}"),
        ]
    );
    assert!(job_err.matches(libvirt_glib::ErrorCode::NoSupport));
    assert!(abort_err.matches(libvirt_glib::ErrorCode::NoSupport));
    col.take();

    // Closing deregisters what was registered (not the QEMU monitor events).
    run(10, conn.close_future()).unwrap();
    let mut close = per_kind(
        "virConnectDomainEventDeregisterAny",
        &[],
        [
            "virConnectNetworkEventDeregisterAny",
            "virConnectStoragePoolEventDeregisterAny",
            "virConnectNodeDeviceEventDeregisterAny",
            "virConnectUnregisterCloseCallback",
        ],
    );
    close.push(c("virConnectClose", ""));
    assert_eq!(col.calls(), close);
}
