//! A driver that cannot open a domain's display at all (libvirt's test driver answers
//! `virDomainOpenGraphicsFD` with VIR_ERR_NO_SUPPORT): the display says so at once,
//! with libvirt's message, instead of retrying for seconds and offering Reconnect.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;

use std::time::Instant;

use common::{init, run, until};
use libvirt_gobject::Connection;
use vireo_console::{ConsoleState, VncDisplay};

const XML: &str = "<domain type='test'><name>vnc-on-test</name>\
    <memory unit='MiB'>64</memory><os><type>hvm</type></os>\
    <devices><graphics type='vnc' port='-1'/></devices></domain>";

#[test]
fn a_driver_without_displays_is_unsupported_at_once() {
    init();
    gtk::init().unwrap();
    run(30, async {
        let conn = Connection::new("test:///default");
        conn.open_future().await.unwrap();
        let domain = conn.start_domain_future(XML, 0).await.unwrap();
        let display = VncDisplay::new();
        let t = Instant::now();
        display.open_domain(&domain);
        until(10, || {
            !matches!(
                display.state(),
                ConsoleState::Idle | ConsoleState::Connecting
            )
        })
        .await;
        assert_eq!(
            display.state(),
            ConsoleState::Unsupported,
            "{:?}",
            display.message()
        );
        assert!(
            display.message().contains("not supported"),
            "libvirt's reason is shown: {:?}",
            display.message()
        );
        // No retries (ten of them, 500 ms apart, for an error that may pass).
        assert!(t.elapsed().as_millis() < 400, "took {:?}", t.elapsed());
    });
}
