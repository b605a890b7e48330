//! Consoles, graphics sockets and screenshots.

use std::future::Future;
use std::os::fd::{FromRawFd, OwnedFd};

use super::Domain;
use crate::util::{async_trio, run};
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
        let handle = self.handle();
        async move {
            let dom = handle?;
            let st = run("opening the console", move || {
                let conn = dom.connect()?;
                let st = virt::stream::Stream::new(&conn, 0)?;
                dom.open_console(dev.as_deref(), &st, flags)?;
                Ok(st)
            })
            .await?;
            Ok(Stream::new(st))
        }
    }

    /// Opens a socket connected to graphics device `idx` (VNC or SPICE), local or over a
    /// remote connection (`virDomainOpenGraphicsFD`; flag 1 = skip auth).
    pub fn open_graphics_fd_future(
        &self,
        idx: u32,
        flags: u32,
    ) -> impl Future<Output = Result<GraphicsSocket, glib::Error>> + 'static {
        let handle = self.handle();
        async move {
            let dom = handle?;
            let fd = run("opening the graphics socket", move || {
                dom.open_graphics_fd(idx, flags)
            })
            .await?;
            // SAFETY: libvirt hands us a new descriptor that we own from now on.
            let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
            gio::Socket::from_fd(fd)
        }
    }

    /// Takes a screenshot of screen `screen` (`virDomainScreenshot`): the MIME type
    /// libvirt reports (`image/x-portable-pixmap` for QEMU, or `image/png`) and the bytes.
    pub fn screenshot_future(
        &self,
        screen: u32,
    ) -> impl Future<Output = Result<(String, glib::Bytes), glib::Error>> + 'static {
        let handle = self.handle();
        async move {
            let dom = handle?;
            run("taking a screenshot", move || {
                let conn = dom.connect()?;
                let st = virt::stream::Stream::new(&conn, 0)?;
                let mime = dom.screenshot(&st, screen, 0)?;
                let mut out = Vec::new();
                let mut buf = vec![0u8; 256 * 1024];
                loop {
                    let n = st.recv(&mut buf)?;
                    if n <= 0 {
                        break;
                    }
                    out.extend_from_slice(&buf[..n as usize]);
                }
                st.finish()?;
                Ok((mime, glib::Bytes::from_owned(out)))
            })
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
