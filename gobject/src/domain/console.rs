//! Consoles, graphics sockets and screenshots.

use std::future::Future;
use std::os::fd::{FromRawFd, OwnedFd};

use super::Domain;
use crate::stream::new_stream;
use crate::trace::{self, func, CallError};
use crate::util::{self, async_trio, run};
use crate::Stream;

/// A connected socket to the domain's VNC or SPICE server (from
/// `virDomainOpenGraphicsFD`), ready for a VNC/SPICE client library.
pub type GraphicsSocket = gio::Socket;

impl Domain {
    /// Opens the serial console `dev_name` (`None`: the first console) as a [`Stream`]
    /// (`virDomainOpenConsole`). With `flags` = `VIR_DOMAIN_CONSOLE_FORCE` (1) it takes
    /// the console over from another client.
    pub fn open_console_future(
        &self,
        dev_name: Option<&str>,
        flags: u32,
    ) -> impl Future<Output = Result<Stream, glib::Error>> + 'static {
        let dev = dev_name.map(str::to_owned);
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            let (st, dom) = run(
                func!("virDomainOpenConsole", "opening the console"),
                dom,
                Some(flags),
                move |dom| {
                    let st = new_stream(dom)?;
                    dom.open_console(dev.as_deref(), &st, flags)?;
                    Ok::<_, virt::error::Error>((st, dom.clone()))
                },
            )
            .await?;
            Ok(Stream::new(st, crate::stream::Owner::Domain(dom)))
        }
    }

    /// Opens a socket connected to graphics device `idx` (VNC or SPICE): through libvirt
    /// (`virDomainOpenGraphicsFD`; flag 1 = skip auth) where the connection can pass file
    /// descriptors (local UNIX socket), else — over TCP/TLS transports — by connecting to
    /// the port and listen address the live XML gives, on the connection's host.
    pub fn open_graphics_fd_future(
        &self,
        idx: u32,
        flags: u32,
    ) -> impl Future<Output = Result<GraphicsSocket, glib::Error>> + 'static {
        let handle = self.live_handle();
        let uri = self.connection().map(|c| c.uri()).unwrap_or_default();
        async move {
            let dom = handle?;
            let fd = util::run_glib(move || {
                if can_pass_fds(&uri) {
                    let what = "opening the graphics socket";
                    let fd = trace::call(
                        func!("virDomainOpenGraphicsFD", what),
                        &dom,
                        Some(flags),
                        || dom.open_graphics_fd(idx, flags),
                    )
                    .map_err(|e| e.into_glib(what))?;
                    // SAFETY: libvirt hands us a new descriptor that we own from now on.
                    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
                } else {
                    // Asking libvirt anyway would make its RPC client drop the connection.
                    let what = "reading the domain XML";
                    let xml =
                        trace::call(func!("virDomainGetXMLDesc", what), &dom, Some(0), || {
                            dom.xml_desc(0)
                        })
                        .map_err(|e| e.into_glib(what))?;
                    connect_graphics(&xml, idx as usize, &uri)
                }
            })
            .await?;
            gio::Socket::from_fd(fd)
        }
    }

    /// Takes a screenshot of screen `screen` (`virDomainScreenshot`): the MIME type
    /// libvirt reports (`image/x-portable-pixmap` for QEMU, or `image/png`) and the bytes.
    pub fn screenshot_future(
        &self,
        screen: u32,
    ) -> impl Future<Output = Result<(String, glib::Bytes), glib::Error>> + 'static {
        let handle = self.live_handle();
        async move {
            let dom = handle?;
            run(
                func!("virDomainScreenshot", "taking a screenshot"),
                dom,
                Some(0),
                move |dom| {
                    let st = new_stream(dom)?;
                    let mime = dom.screenshot(&st, screen, 0)?;
                    let out = crate::stream::recv_all(&st, dom, 256 * 1024)?;
                    Ok::<_, virt::error::Error>((mime, glib::Bytes::from_owned(out)))
                },
            )
            .await
        }
    }

    async_trio! {
        /// Opens a serial console stream.
        fn open_console, open_console_async => open_console_future(dev_name: Option<&str>, flags: u32) -> Stream;
        /// Opens a socket to the graphics server.
        fn open_graphics_fd, open_graphics_fd_async => open_graphics_fd_future(idx: u32, flags: u32) -> GraphicsSocket;
        /// Takes a screenshot.
        fn screenshot, screenshot_async => screenshot_future(screen: u32) -> (String, glib::Bytes);
    }
}

/// The value of attribute `name` in the start tag `tag` (either quote style).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    for q in ['\'', '"'] {
        let key = format!(" {name}={q}");
        if let Some(i) = tag.find(&key) {
            let rest = &tag[i + key.len()..];
            return rest.find(q).map(|j| &rest[..j]);
        }
    }
    None
}

/// Whether the connection's transport can pass file descriptors (a local UNIX socket or
/// an in-process driver), which `virDomainOpenGraphicsFD` needs.
fn can_pass_fds(uri: &str) -> bool {
    let scheme = uri.split("://").next().unwrap_or("");
    match scheme.split_once('+') {
        Some((_, transport)) => transport == "unix",
        None => uri_host(uri).is_none(),
    }
}

/// The host part of a libvirt URI (`qemu+tcp://user@host:16509/system` -> `host`).
fn uri_host(uri: &str) -> Option<&str> {
    let rest = uri.split_once("://")?.1;
    let auth = rest.split('/').next()?;
    let host = auth.rsplit('@').next()?;
    let host = if let Some(h) = host.strip_prefix('[') {
        h.split(']').next()?
    } else {
        host.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

/// Connects to graphics device `idx` of the domain XML directly over TCP (worker thread).
fn connect_graphics(xml: &str, idx: usize, uri: &str) -> Result<OwnedFd, glib::Error> {
    let fail = |m: String| util::own_error(libvirt_glib::ErrorCode::OperationUnsupported, m);
    let tag = xml
        .split("<graphics ")
        .nth(idx + 1)
        .and_then(|t| t.split('>').next())
        .ok_or_else(|| fail(format!("the domain has no graphics device {idx}")))?;
    let port: u16 = attr(tag, "port")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p > 0)
        .ok_or_else(|| {
            fail("the graphics device has no TCP port (not running, or a UNIX socket)".into())
        })?;
    let listen = attr(tag, "listen").unwrap_or("127.0.0.1");
    let wildcard = matches!(listen, "0.0.0.0" | "::" | "127.0.0.1" | "::1" | "localhost");
    let host = match (wildcard, uri_host(uri)) {
        (false, _) => listen.to_owned(),
        (true, Some(h)) if !matches!(listen, "127.0.0.1" | "::1" | "localhost") => h.to_owned(),
        (true, Some(h)) if matches!(h, "127.0.0.1" | "::1" | "localhost") => h.to_owned(),
        (true, None) => "127.0.0.1".to_owned(),
        (true, Some(h)) => {
            return Err(fail(format!(
                "the graphics server of the domain on {h} listens on {listen} only and this transport cannot pass its socket"
            )))
        }
    };
    let stream = std::net::TcpStream::connect((host.as_str(), port)).map_err(|e| {
        fail(format!(
            "connecting to the graphics server {host}:{port}: {e}"
        ))
    })?;
    Ok(OwnedFd::from(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_graphics_attributes_and_uri_hosts() {
        let tag = "graphics type='vnc' port='5901' autoport='yes' listen=\"0.0.0.0\"";
        assert_eq!(attr(tag, "port"), Some("5901"));
        assert_eq!(attr(tag, "listen"), Some("0.0.0.0"));
        assert_eq!(attr(tag, "nope"), None);
        assert_eq!(uri_host("qemu+tcp://127.0.0.1/system"), Some("127.0.0.1"));
        assert_eq!(
            uri_host("qemu+ssh://root@host.example:22/system"),
            Some("host.example")
        );
        assert_eq!(uri_host("qemu+tls://[::1]:16514/system"), Some("::1"));
        assert_eq!(uri_host("qemu:///system"), None);
        assert!(can_pass_fds("qemu:///system"));
        assert!(can_pass_fds("qemu+unix:///system"));
        assert!(!can_pass_fds("qemu+tcp://127.0.0.1/system"));
        assert!(!can_pass_fds("qemu://remote.example/system"));
    }
}
