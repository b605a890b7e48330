//! The bundled demo host and the first-run probe.

use std::path::PathBuf;

use futures_util::future::{select, Either};

use crate::config::DEMO_HOST_XML;

/// Writes the bundled demo `<node>` file to the user's runtime (or cache) directory and
/// returns its absolute path (the test driver reads it: `test:///<path>`).
///
/// # Errors
///
/// When the directory cannot be created or the file written.
pub fn write_demo_host() -> std::io::Result<PathBuf> {
    let base = glib::user_runtime_dir();
    let dir = if base.as_os_str().is_empty() {
        glib::user_cache_dir()
    } else {
        base
    }
    .join("vireo");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("demo-host.xml");
    std::fs::write(&path, DEMO_HOST_XML)?;
    std::path::absolute(path)
}

/// Whether `uri` opens within a few seconds (the connection is closed again).
pub async fn probe(uri: &str) -> bool {
    let conn = libvirt_gobject::Connection::new(uri);
    let open = Box::pin(conn.open_future());
    let timeout = Box::pin(glib::timeout_future_seconds(5));
    let ok = match select(open, timeout).await {
        Either::Left((r, _)) => {
            if let Err(e) = &r {
                tracing::info!(%uri, error = %e, "first run: no local libvirt");
            }
            r.is_ok()
        }
        Either::Right(_) => {
            tracing::info!(%uri, "first run: libvirt did not answer in time");
            false
        }
    };
    if ok {
        let _ = conn.close_future().await;
    }
    ok
}

/// A `<node>` file with `n` shut-off domains (`vm-0000`, ...) for benchmarks.
pub fn synthetic_node_xml(n: usize) -> String {
    let mut x = String::from("<node>\n");
    for i in 0..n {
        x.push_str(&format!(
            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\
             <test:runstate>5</test:runstate><name>vm-{i:04}</name>\
             <uuid>00000000-0000-4000-8000-{i:012}</uuid><memory>65536</memory><vcpu>1</vcpu>\
             <os><type>hvm</type></os><devices><disk type='file' device='disk'>\
             <source file='/img/vm-{i:04}.qcow2'/><target dev='vda'/></disk></devices></domain>\n"
        ));
    }
    x.push_str("</node>\n");
    x
}
