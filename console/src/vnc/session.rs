//! The RFB session of a [`VncDisplay`]: opening it on a domain or a socket, gvnc's
//! signals, authentication, resizes, clipboard and reconnecting.

use std::os::fd::{AsFd, IntoRawFd, OwnedFd};

use glib::translate::IntoGlib;
use gtk::prelude::*;
use gtk::subclass::prelude::*;
use libvirt_gconfig::GraphicsType;
use libvirt_gobject::Domain;

use crate::watch::is_live;
use libvirt_gobject::DomainState;

use super::framebuffer::{local_format, Framebuffer};
use super::{ConsoleState, VncDisplay};

/// Sends `text` as an RFB ClientCutText (Latin-1 per the protocol; gvnc converts).
pub(super) fn client_cut_text(conn: &gvnc::Connection, text: &str) {
    use glib::translate::ToGlibPtr;
    // SAFETY: the pointer and length describe `text`, alive for the call; gvnc copies.
    unsafe {
        gvnc::ffi::vnc_connection_client_cut_text(
            conn.to_glib_none().0,
            text.as_ptr() as *mut _,
            text.len(),
        );
    }
}

/// Whether `fd` is a socket to this machine: a UNIX socket (libvirt's
/// `virDomainOpenGraphicsFD`) or TCP to a loopback address.
pub(crate) fn is_local_socket(fd: &OwnedFd) -> bool {
    let Ok(dup) = fd.try_clone() else {
        return false;
    };
    if std::os::unix::net::UnixStream::from(dup)
        .peer_addr()
        .is_ok()
    {
        return true;
    }
    let Ok(dup) = fd.try_clone() else {
        return false;
    };
    std::net::TcpStream::from(dup)
        .peer_addr()
        .is_ok_and(|a| a.ip().to_canonical().is_loopback())
}

/// Where the VNC display of a domain is: the index among its graphics devices, or why
/// there is none.
pub(crate) fn vnc_graphics_index(config: &libvirt_gconfig::Domain) -> Result<u32, String> {
    let graphics = config.devices().map(|d| d.graphics()).unwrap_or_default();
    let kinds: Vec<Option<GraphicsType>> = graphics
        .iter()
        .map(|g| g.graphics_type().ok().flatten())
        .collect();
    if let Some(i) = kinds.iter().position(|k| *k == Some(GraphicsType::Vnc)) {
        return Ok(i as u32);
    }
    if kinds.contains(&Some(GraphicsType::Spice)) {
        Err("This virtual machine has a SPICE display only.".into())
    } else {
        Err("This virtual machine has no graphical display.".into())
    }
}

impl VncDisplay {
    /// Shows the VNC display of `domain`, now and whenever it runs: connects when it is
    /// running, shows "not running" when it is not, and reconnects after it restarts.
    pub fn open_domain(&self, domain: &Domain) {
        let imp = self.imp();
        self.close();
        imp.watch.set(
            Some(domain),
            glib::clone!(
                #[weak(rename_to = display)]
                self,
                move |state| display.on_domain_state(state)
            ),
        );
        imp.retries.set(0);
        self.notify_domain();
        self.connect_domain();
    }

    fn on_domain_state(&self, state: DomainState) {
        let current = self.imp().state.get();
        if is_live(state) {
            if matches!(current, ConsoleState::NotRunning | ConsoleState::Idle) {
                self.connect_domain();
            }
        } else if current != ConsoleState::Unsupported {
            self.close();
            self.set_state(ConsoleState::NotRunning, "");
        }
    }

    /// (Re)connects to the domain's VNC display.
    fn connect_domain(&self) {
        let Some(domain) = self.imp().watch.get() else {
            return;
        };
        let generation = self.bump_generation();
        if !is_live(domain.state()) {
            self.set_state(ConsoleState::NotRunning, "");
            return;
        }
        self.set_state(ConsoleState::Connecting, "");
        let display = self.downgrade();
        glib::MainContext::default().spawn_local(async move {
            let result = async {
                let config = domain
                    .config_future(0)
                    .await
                    .map_err(|e| (false, e.to_string()))?;
                let idx = vnc_graphics_index(&config).map_err(|m| (true, m))?;
                domain.open_graphics_fd_future(idx, 0).await.map_err(|e| {
                    // A driver that cannot open displays at all (the test driver)
                    // will not on a retry either.
                    let unsupported = e.matches(libvirt_glib::ErrorCode::NoSupport);
                    (unsupported, e.to_string())
                })
            }
            .await;
            let Some(display) = display.upgrade() else {
                return;
            };
            if display.imp().generation.get() != generation {
                return;
            }
            match result {
                Ok(socket) => match socket.as_fd().try_clone_to_owned() {
                    Ok(fd) => {
                        let _ = socket.close();
                        display.start(fd, generation);
                    }
                    Err(e) => display.set_state(ConsoleState::Disconnected, &e.to_string()),
                },
                Err((true, msg)) => display.set_state(ConsoleState::Unsupported, &msg),
                Err((false, msg)) if !is_live(domain.state()) => {
                    tracing::debug!(%msg, "guest stopped while connecting");
                    display.set_state(ConsoleState::NotRunning, "")
                }
                Err((false, msg)) => {
                    // A guest that just started may not listen yet: try again a few times.
                    let tries = display.imp().retries.get();
                    if tries < 10 {
                        display.imp().retries.set(tries + 1);
                        tracing::debug!(%msg, tries, "retrying the display connection");
                        glib::timeout_add_local_once(
                            std::time::Duration::from_millis(500),
                            glib::clone!(
                                #[weak]
                                display,
                                move || {
                                    if display.imp().generation.get() == generation {
                                        display.connect_domain();
                                    }
                                }
                            ),
                        );
                    } else {
                        display.set_state(ConsoleState::Disconnected, &msg)
                    }
                }
            }
        });
    }

    /// Speaks RFB over `fd`, a connected socket to a VNC server (the display owns it
    /// from now on). For a domain use [`open_domain`](Self::open_domain) instead.
    pub fn open_fd(&self, fd: OwnedFd) {
        let imp = self.imp();
        self.close();
        if imp.watch.get().is_some() {
            imp.watch.clear();
            self.notify_domain();
        }
        let generation = self.bump_generation();
        self.set_state(ConsoleState::Connecting, "");
        self.start(fd, generation);
    }

    /// Reconnects: to the domain's display, or (for a session from
    /// [`open_fd`](Self::open_fd)) asks the app with `reconnect-requested`.
    pub fn reconnect(&self) {
        self.imp().retries.set(0);
        if self.imp().watch.get().is_some() {
            self.close();
            self.connect_domain();
        } else {
            self.emit_by_name::<()>("reconnect-requested", &[]);
        }
    }

    /// Answers `auth-requested`: the credentials go to the server and are not kept.
    pub fn provide_credentials(&self, username: Option<&str>, password: &str) {
        let Some(conn) = self.connection() else {
            return;
        };
        if let Some(u) = username {
            let _ = conn.set_credential(gvnc::ConnectionCredential::Username.into_glib(), u);
        }
        let _ = conn.set_credential(gvnc::ConnectionCredential::Password.into_glib(), password);
    }

    /// Ends the session (the state stays until the next one; see
    /// [`state`](Self::state)).
    pub fn close(&self) {
        let imp = self.imp();
        self.bump_generation();
        if let Some(conn) = imp.connection.take() {
            conn.shutdown();
        }
        if let Some(h) = imp.clipboard_handler.take() {
            self.clipboard().disconnect(h);
        }
        self.release_input();
        imp.fb.take();
        if imp.desktop_width.replace(0) != 0 {
            self.notify_desktop_width();
        }
        if imp.desktop_height.replace(0) != 0 {
            self.notify_desktop_height();
        }
        // Closed while connecting (a password dialog cancelled) or connected.
        if matches!(
            imp.state.get(),
            ConsoleState::Connected | ConsoleState::Connecting
        ) {
            self.set_state(ConsoleState::Disconnected, "");
        }
        self.queue_resize();
        self.queue_draw();
    }

    fn bump_generation(&self) -> u64 {
        let g = self.imp().generation.get() + 1;
        self.imp().generation.set(g);
        g
    }

    fn start(&self, fd: OwnedFd, generation: u64) {
        let conn = gvnc::Connection::new();
        conn.connect_vnc_auth_choose_type(|conn, types| {
            use gvnc::ConnectionAuth as A;
            let offered: Vec<A> = types.iter().filter_map(|v| v.get().ok()).collect();
            // No auth, else a password; anything else (TLS, SASL) is gvnc's own.
            let chosen = [A::None, A::Vnc]
                .into_iter()
                .find(|a| offered.contains(a))
                .or_else(|| offered.first().copied());
            match chosen {
                Some(a) => {
                    let _ = conn.set_auth_type(a.into_glib() as u32);
                }
                None => conn.shutdown(),
            }
        });
        conn.connect_vnc_auth_credential(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |conn, creds| {
                use gvnc::ConnectionCredential as C;
                let wanted: Vec<C> = creds.iter().filter_map(|v| v.get().ok()).collect();
                if wanted.contains(&C::Clientname) {
                    let _ = conn.set_credential(C::Clientname.into_glib(), "vireo");
                }
                if wanted.contains(&C::Password) || wanted.contains(&C::Username) {
                    display.emit_by_name::<()>("auth-requested", &[&wanted.contains(&C::Username)]);
                }
            }
        ));
        conn.connect_vnc_auth_failure(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, reason| {
                // QEMU's reason is already "Authentication failed".
                let msg = if reason.to_lowercase().contains("authentication") {
                    reason.to_owned()
                } else {
                    format!("Authentication failed: {reason}")
                };
                display.imp().error.replace(Some(msg));
                display.emit_by_name::<()>("auth-failed", &[&reason.to_owned()]);
            }
        ));
        conn.connect_vnc_initialized(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |conn| display.on_initialized(conn)
        ));
        conn.connect_vnc_desktop_resize(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |conn, _, _| display.new_framebuffer(conn)
        ));
        conn.connect_vnc_pixel_format_changed(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |conn, _| display.new_framebuffer(conn)
        ));
        conn.connect_vnc_framebuffer_update(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, x, y, w, h| display.on_update(x, y, w, h)
        ));
        conn.connect_vnc_cursor_changed(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, cursor| display.set_remote_cursor(cursor)
        ));
        conn.connect_vnc_server_cut_text(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, text| {
                if display.imp().share_clipboard.get() {
                    display.clipboard().set_text(text);
                }
            }
        ));
        conn.connect_vnc_error(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_, message| {
                tracing::debug!(message, "vnc error");
                display.imp().error.replace(Some(message.to_owned()));
            }
        ));
        conn.connect_vnc_disconnected(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |conn| display.on_disconnected(conn, generation)
        ));
        // Shared session: another viewer of the same guest (virt-viewer, a second Vireo
        // window) is not disconnected by ours, nor ours by it.
        if let Err(e) = conn.set_shared(true) {
            tracing::debug!(%e, "vnc shared flag");
        }
        self.imp().local.set(is_local_socket(&fd));
        let raw = fd.into_raw_fd();
        // gvnc wraps the descriptor in a GSocket that closes it.
        if let Err(e) = conn.open_fd(raw) {
            // SAFETY: gvnc refused it, so the descriptor is still ours.
            drop(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(raw) });
            self.set_state(ConsoleState::Disconnected, &e.to_string());
            return;
        }
        self.imp().connection.replace(Some(conn));
    }

    fn on_initialized(&self, conn: &gvnc::Connection) {
        use gvnc::ConnectionEncoding as E;
        if conn.set_pixel_format(&local_format()).is_err() {
            conn.shutdown();
            return;
        }
        // The server uses the first encoding it knows. On a local socket bandwidth is
        // free and Raw costs gvnc nothing to decode (rows are read straight into the
        // framebuffer), while its ZRLE and Tight decoders set palette and RLE tiles
        // pixel by pixel through a GObject interface call each. Remotely, compressed
        // encodings first.
        let compressed = [E::Zrle, E::Hextile, E::Rre, E::CopyRect];
        let pixels: Vec<E> = if self.imp().local.get() {
            std::iter::once(E::Raw).chain(compressed).collect()
        } else {
            compressed
                .into_iter()
                .chain(std::iter::once(E::Raw))
                .collect()
        };
        let encodings: Vec<i32> = pixels
            .into_iter()
            .chain([
                E::DesktopResize,
                E::ExtendedDesktopResize,
                E::Wmvi,
                E::ExtKeyEvent,
                E::LedState,
                E::PointerChange,
                E::RichCursor,
                E::AlphaCursor,
                E::Xcursor,
                E::LastRect,
            ])
            .map(|e| e.into_glib())
            .collect();
        let _ = conn.set_encodings(&encodings);
        self.new_framebuffer(conn);
        self.imp().error.take();
        self.imp().retries.set(0);
        self.set_state(ConsoleState::Connected, "");
        let handler = self.clipboard().connect_changed(glib::clone!(
            #[weak(rename_to = display)]
            self,
            move |_| display.push_clipboard()
        ));
        if let Some(old) = self.imp().clipboard_handler.replace(Some(handler)) {
            self.clipboard().disconnect(old);
        }
        self.push_clipboard();
    }

    /// A framebuffer for the desktop's current size and pixel format, and a full update.
    fn new_framebuffer(&self, conn: &gvnc::Connection) {
        let imp = self.imp();
        let (Ok(w), Ok(h)) = (u16::try_from(conn.width()), u16::try_from(conn.height())) else {
            return;
        };
        let Some(remote) = conn.pixel_format() else {
            return;
        };
        let Some(fb) = Framebuffer::new(w, h, &remote) else {
            imp.error
                .replace(Some(format!("Cannot show a desktop of {w}×{h} pixels.")));
            conn.shutdown();
            return;
        };
        if conn.set_framebuffer(&fb.vnc).is_err() {
            return;
        }
        let _ = conn.framebuffer_update_request(false, 0, 0, w, h);
        imp.fb.replace(Some(fb));
        let (w, h) = (i32::from(w), i32::from(h));
        let old = (imp.desktop_width.replace(w), imp.desktop_height.replace(h));
        let resized = old != (w, h);
        if resized {
            self.notify_desktop_width();
            self.notify_desktop_height();
            tracing::debug!(w, h, "desktop resized");
            self.emit_by_name::<()>("desktop-resized", &[&w, &h]);
        }
        self.queue_resize();
        self.queue_draw();
    }

    /// One rectangle of an update was decoded: it is damaged. gvnc signals each
    /// rectangle from its own main-loop dispatch and has no "update done" signal, so
    /// the end of the update is the first moment the loop has nothing more urgent to
    /// do (a low-priority idle: the socket is drained and no signal is pending). Then
    /// the damage of the whole update is drawn in one frame and the next incremental
    /// update is requested, once per update as the server sends them, not once per
    /// rectangle.
    fn on_update(&self, x: i32, y: i32, w: i32, h: i32) {
        let imp = self.imp();
        if let Some(fb) = imp.fb.borrow_mut().as_mut() {
            let u = |v: i32| v.max(0) as usize;
            fb.damage(u(x), u(y), u(w), u(h));
        }
        let mut st = imp.stats.get();
        st.rects += 1;
        imp.stats.set(st);
        if imp.update_pending.replace(true) {
            return;
        }
        glib::idle_add_local_full(
            glib::Priority::LOW,
            glib::clone!(
                #[weak(rename_to = display)]
                self,
                #[upgrade_or]
                glib::ControlFlow::Break,
                move || {
                    display.on_update_end();
                    glib::ControlFlow::Break
                }
            ),
        );
    }

    fn on_update_end(&self) {
        let imp = self.imp();
        imp.update_pending.set(false);
        let size = imp.fb.borrow().as_ref().map(|f| (f.width(), f.height()));
        if let (Some(conn), Some((w, h))) = (self.connection(), size) {
            if conn
                .framebuffer_update_request(true, 0, 0, w as u16, h as u16)
                .is_ok()
            {
                let mut st = imp.stats.get();
                st.requests += 1;
                imp.stats.set(st);
            }
        }
        if imp.fb.borrow().as_ref().is_some_and(|f| f.is_dirty()) {
            self.queue_draw();
        }
    }

    fn on_disconnected(&self, conn: &gvnc::Connection, generation: u64) {
        let imp = self.imp();
        if imp.generation.get() != generation || imp.connection.borrow().as_ref() != Some(conn) {
            return;
        }
        let reason = imp.error.take().unwrap_or_default();
        imp.connection.take();
        if let Some(h) = imp.clipboard_handler.take() {
            self.clipboard().disconnect(h);
        }
        self.release_input();
        let running = imp.watch.is_live_or(true);
        if running {
            self.set_state(ConsoleState::Disconnected, &reason);
        } else {
            imp.fb.take();
            self.set_state(ConsoleState::NotRunning, "");
        }
    }

    fn set_remote_cursor(&self, cursor: Option<&gvnc::Cursor>) {
        let cursor = cursor.and_then(|c| {
            if c.width() == 0 || c.height() == 0 {
                return gtk::gdk::Cursor::from_name("none", None);
            }
            let (w, h) = (usize::from(c.width()), usize::from(c.height()));
            let data = c.data();
            if data.len() < w * h * 4 {
                return None;
            }
            let tex = gtk::gdk::MemoryTexture::new(
                w as i32,
                h as i32,
                gtk::gdk::MemoryFormat::R8g8b8a8,
                &glib::Bytes::from(&data[..w * h * 4]),
                w * 4,
            );
            Some(gtk::gdk::Cursor::from_texture(
                &tex,
                i32::from(c.hotx()),
                i32::from(c.hoty()),
                None,
            ))
        });
        self.set_cursor(cursor.as_ref());
    }
}
