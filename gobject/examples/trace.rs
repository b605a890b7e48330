//! Watch what the library does: every libvirt call (span name = the libvirt C function,
//! with its object, flags, duration and error) and every libvirt event, live.
//!
//! ```text
//! cargo run -p libvirt-gobject --example trace -- [URI] [--demo] [--dispatch]
//! ```
//! Connects to URI (default `test:///default`), prints the calls of the open and then
//! the events as they come until Ctrl-C. `--demo` cycles the first domain a few times
//! (destroy, start, a failing second start, suspend, resume) so that there is something
//! to see on the test driver; `--dispatch` also prints libvirt-glib's event-loop
//! dispatches (TRACE level).
//!
//! The printing is a small `tracing` layer (the library installs none): a program can
//! feed the same spans to any subscriber.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// The fields of a span or event, as text.
#[derive(Default)]
struct Fields(BTreeMap<&'static str, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name(), value.to_owned());
    }
}

/// Prints each libvirt call when it ends and each event when it arrives.
struct Printer {
    start: Instant,
}

impl Printer {
    fn stamp(&self) -> String {
        format!("{:>9.3}", self.start.elapsed().as_secs_f64())
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Printer {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut f = Fields::default();
        attrs.record(&mut f);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(f);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(f) = span.extensions_mut().get_mut::<Fields>() {
                values.record(f);
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        if span.metadata().target() != libvirt_gobject::trace::CALL_TARGET {
            return;
        }
        let ext = span.extensions();
        let Some(Fields(f)) = ext.get::<Fields>() else {
            return;
        };
        let us: f64 = f
            .get("duration_us")
            .and_then(|d| d.parse().ok())
            .unwrap_or(0.0);
        let mut line = format!(
            "{} call  {:>9.3} ms  {}",
            self.stamp(),
            us / 1e3,
            span.name()
        );
        for k in ["object", "flags"] {
            if let Some(v) = f.get(k) {
                let _ = write!(line, " {k}={v}");
            }
        }
        if let Some(e) = f.get("error") {
            let _ = write!(line, "  FAILED {e} ({})", f["error_code"]);
        }
        println!("{line}");
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut f = Fields::default();
        event.record(&mut f);
        let f = f.0;
        match event.metadata().target() {
            libvirt_gobject::trace::EVENT_TARGET => {
                let mut line = format!("{} event {}", self.stamp(), f["kind"]);
                for k in ["object", "uuid", "device", "detail"] {
                    if let Some(v) = f.get(k) {
                        let _ = write!(line, " {k}={v}");
                    }
                }
                println!("{line}");
            }
            "libvirt_glib::dispatch" => {
                let what: Vec<String> = f
                    .iter()
                    .filter(|(k, _)| **k != "message")
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                println!("{} dispatch {}", self.stamp(), what.join(" "));
            }
            _ => {}
        }
    }
}

/// Destroy, start, start again (fails: it runs), suspend, resume: three times.
async fn demo(conn: &libvirt_gobject::Connection) -> Result<(), glib::Error> {
    let Some(dom) = conn.domains().into_iter().next() else {
        println!("no domain to cycle");
        return Ok(());
    };
    for _ in 0..3 {
        if dom.state().is_active() {
            dom.destroy_future(0).await?;
        }
        dom.start_future(0).await?;
        if let Err(e) = dom.start_future(0).await {
            println!("          (expected) {e}");
        }
        dom.suspend_future().await?;
        dom.resume_future().await?;
        glib::timeout_future(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let uri = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "test:///default".into());
    let filter = if args.iter().any(|a| a == "--dispatch") {
        "libvirt_gobject=debug,libvirt_glib::dispatch=trace"
    } else {
        "libvirt_gobject=debug"
    };
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::EnvFilter::new(filter))
        .with(Printer {
            start: Instant::now(),
        });
    tracing::subscriber::set_global_default(subscriber)?;

    libvirt_gobject::init()?;
    let conn = libvirt_gobject::Connection::new(&uri);
    let ctx = glib::MainContext::default();
    ctx.block_on(conn.open_future())?;
    println!(
        "          connected to {uri}; {} domains",
        conn.domains().len()
    );
    if args.iter().any(|a| a == "--demo") {
        ctx.block_on(demo(&conn))?;
        // Let the last events arrive.
        ctx.block_on(glib::timeout_future(std::time::Duration::from_millis(300)));
        return Ok(());
    }
    println!("          watching; Ctrl-C to stop");
    glib::MainLoop::new(Some(&ctx), false).run();
    Ok(())
}
