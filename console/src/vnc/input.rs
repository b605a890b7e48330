//! Keyboard and pointer input of a [`VncDisplay`], and the keyboard grab.
//!
//! Keys go to the guest while the display has the focus: keysym plus the QEMU scancode
//! (gvnc sends the scancode only when the server offers QEMU's extended key event).
//! A click grabs the keyboard (system shortcuts go to the guest too); pressing and
//! letting go of Ctrl+Alt, or the focus leaving, releases it.
//!
//! The pointer is absolute (desktop coordinates) when the server says so, else
//! relative (QEMU without a tablet device, announced by the PointerChange
//! pseudo-encoding): motions go as deltas in desktop pixels, with no pointer grab and no
//! warping — the remainder of fractional deltas is carried over, and a pointer that left
//! the display starts afresh where it comes back.

use std::cell::{Cell, RefCell};

use gtk::prelude::*;
use gtk::subclass::prelude::*;
use gtk::{gdk, glib};

use super::keys::evdev_to_qnum;
use super::VncDisplay;

/// Input bookkeeping of one display.
#[derive(Default)]
pub(crate) struct InputState {
    /// RFB button mask currently down.
    buttons: Cell<u8>,
    /// Last pointer position (widget coordinates) and what was sent (desktop).
    last: Cell<Option<(f64, f64)>>,
    /// Relative mode: the fraction of a desktop pixel not sent yet.
    residual: Cell<(f64, f64)>,
    /// Keys sent down and not yet up: (keysym, scancode).
    pressed: RefCell<Vec<(u32, u16)>>,
    /// Ctrl and Alt are both down with no other key: letting go releases the grab.
    release_armed: Cell<bool>,
    /// The toplevel whose system shortcuts are inhibited.
    grabbed_on: RefCell<Option<gdk::Toplevel>>,
}

const KEY_CONTROL_L: u32 = 0xffe3;
const KEY_CONTROL_R: u32 = 0xffe4;
const KEY_ALT_L: u32 = 0xffe9;
const KEY_ALT_R: u32 = 0xffea;

fn is_ctrl(k: u32) -> bool {
    k == KEY_CONTROL_L || k == KEY_CONTROL_R
}

fn is_alt(k: u32) -> bool {
    k == KEY_ALT_L || k == KEY_ALT_R
}

/// Installs the event controllers on `display`.
pub(crate) fn setup(display: &VncDisplay) {
    let keys = gtk::EventControllerKey::new();
    keys.connect_key_pressed(glib::clone!(
        #[weak]
        display,
        #[upgrade_or]
        glib::Propagation::Proceed,
        move |_, keyval, keycode, _| display.key(true, keyval.into_glib(), keycode)
    ));
    keys.connect_key_released(glib::clone!(
        #[weak]
        display,
        move |_, keyval, keycode, _| {
            display.key(false, keyval.into_glib(), keycode);
        }
    ));
    display.add_controller(keys);

    let focus = gtk::EventControllerFocus::new();
    focus.connect_leave(glib::clone!(
        #[weak]
        display,
        move |_| display.release_input()
    ));
    display.add_controller(focus);

    let click = gtk::GestureClick::new();
    click.set_button(0);
    click.connect_pressed(glib::clone!(
        #[weak]
        display,
        move |g, _, x, y| {
            display.grab_focus();
            if display.connection().is_some() {
                display.grab_keyboard();
            }
            display.button(g.current_button(), true, x, y);
        }
    ));
    click.connect_released(glib::clone!(
        #[weak]
        display,
        move |g, _, x, y| display.button(g.current_button(), false, x, y)
    ));
    display.add_controller(click);

    let motion = gtk::EventControllerMotion::new();
    motion.connect_motion(glib::clone!(
        #[weak]
        display,
        move |_, x, y| display.motion(x, y)
    ));
    motion.connect_leave(glib::clone!(
        #[weak]
        display,
        move |_| display.pointer_left()
    ));
    display.add_controller(motion);

    let scroll = gtk::EventControllerScroll::new(
        gtk::EventControllerScrollFlags::BOTH_AXES | gtk::EventControllerScrollFlags::DISCRETE,
    );
    scroll.connect_scroll(glib::clone!(
        #[weak]
        display,
        #[upgrade_or]
        glib::Propagation::Proceed,
        move |_, dx, dy| display.scroll(dx, dy)
    ));
    display.add_controller(scroll);
}

use glib::translate::IntoGlib;

impl VncDisplay {
    fn key(&self, down: bool, keysym: u32, keycode: u32) -> glib::Propagation {
        let Some(conn) = self.connection() else {
            return glib::Propagation::Proceed;
        };
        let imp = self.imp();
        // X11 and Wayland key codes are evdev codes + 8.
        let scancode = keycode.checked_sub(8).and_then(evdev_to_qnum).unwrap_or(0);
        {
            let mut pressed = imp.input.pressed.borrow_mut();
            if down {
                if !pressed.contains(&(keysym, scancode)) {
                    pressed.push((keysym, scancode));
                }
            } else {
                pressed.retain(|&(k, _)| k != keysym);
            }
            let ctrl = pressed.iter().any(|&(k, _)| is_ctrl(k));
            let alt = pressed.iter().any(|&(k, _)| is_alt(k));
            let others = pressed.iter().any(|&(k, _)| !is_ctrl(k) && !is_alt(k));
            if down {
                imp.input.release_armed.set(ctrl && alt && !others);
            } else if imp.input.release_armed.get() && (is_ctrl(keysym) || is_alt(keysym)) {
                imp.input.release_armed.set(false);
                drop(pressed);
                if imp.grabbed.get() {
                    // Let go of the modifiers in the guest too, then give the keyboard back.
                    let _ = conn.key_event(false, keysym, scancode);
                    self.release_input();
                    return glib::Propagation::Stop;
                }
            }
        }
        if let Err(e) = conn.key_event(down, keysym, scancode) {
            tracing::debug!(%e, "key event not sent");
        }
        glib::Propagation::Stop
    }

    /// Takes the keyboard: the window's system shortcuts go to the guest until Ctrl+Alt
    /// is pressed and let go, or the focus leaves. Shows the release hint.
    pub fn grab_keyboard(&self) {
        let imp = self.imp();
        if imp.grabbed.get() {
            return;
        }
        let toplevel = self
            .native()
            .and_then(|n| n.surface())
            .and_downcast::<gdk::Toplevel>();
        if let Some(t) = &toplevel {
            t.inhibit_system_shortcuts(None::<&gdk::Event>);
        }
        imp.input.grabbed_on.replace(toplevel);
        imp.grabbed.set(true);
        if let Some(h) = imp.hint.get() {
            h.set_visible(true);
        }
        self.queue_allocate();
        self.notify_grabbed();
    }

    /// Gives the keyboard back (see [`grab_keyboard`](Self::grab_keyboard)).
    pub fn ungrab_keyboard(&self) {
        let imp = self.imp();
        if let Some(t) = imp.input.grabbed_on.take() {
            t.restore_system_shortcuts();
        }
        if imp.grabbed.replace(false) {
            if let Some(h) = imp.hint.get() {
                h.set_visible(false);
            }
            self.queue_allocate();
            self.notify_grabbed();
        }
    }

    /// Lets go of every key and button the guest still sees down, and the grab.
    pub(crate) fn release_input(&self) {
        let imp = self.imp();
        let pressed: Vec<(u32, u16)> = imp.input.pressed.borrow_mut().drain(..).collect();
        let buttons = imp.input.buttons.replace(0);
        imp.input.release_armed.set(false);
        if let Some(conn) = self.connection() {
            for (k, s) in pressed.into_iter().rev() {
                let _ = conn.key_event(false, k, s);
            }
            if buttons != 0 {
                if let Some((x, y)) = imp
                    .input
                    .last
                    .get()
                    .and_then(|(x, y)| self.to_desktop(x, y))
                {
                    let _ = conn.pointer_event(0, x, y);
                }
            }
        }
        self.ungrab_keyboard();
    }

    fn pointer(&self, x: f64, y: f64) {
        let Some(conn) = self.connection() else {
            return;
        };
        let imp = self.imp();
        let mask = imp.input.buttons.get();
        if conn.is_abs_pointer() {
            if let Some((dx, dy)) = self.to_desktop(x, y) {
                let _ = conn.pointer_event(mask, dx, dy);
            }
        } else {
            // Relative mode (PointerChange): 0x7fff is "no motion"; deltas in desktop
            // pixels (the widget's motion divided by the scale the desktop is drawn at).
            let (px, py) = imp.input.last.get().unwrap_or((x, y));
            let scale = {
                let fb = imp.fb.borrow();
                fb.as_ref()
                    .map(|fb| self.placement(fb.width(), fb.height()).2)
                    .filter(|s| *s > 0.0)
                    .unwrap_or(1.0)
            };
            let (rx, ry) = imp.input.residual.get();
            let (dx, dy) = ((x - px) / scale + rx, (y - py) / scale + ry);
            let (sx, sy) = (dx.round(), dy.round());
            imp.input.residual.set((dx - sx, dy - sy));
            let rel = |d: f64| (0x7fff + d.clamp(-0x7fff as f64, 0x7fff as f64) as i32) as u16;
            let _ = conn.pointer_event(mask, rel(sx), rel(sy));
        }
        imp.input.last.set(Some((x, y)));
    }

    fn motion(&self, x: f64, y: f64) {
        self.pointer(x, y);
    }

    /// The pointer left the display: a relative motion starts afresh where it comes
    /// back (no jump by the distance travelled outside).
    fn pointer_left(&self) {
        let imp = self.imp();
        if imp.input.buttons.get() == 0 {
            imp.input.last.set(None);
            imp.input.residual.set((0.0, 0.0));
        }
    }

    /// Whether the server takes relative pointer motion (QEMU without a tablet
    /// device) rather than absolute positions. `false` without a session.
    pub fn relative_pointer(&self) -> bool {
        self.connection().is_some_and(|c| !c.is_abs_pointer())
    }

    fn button(&self, button: u32, down: bool, x: f64, y: f64) {
        if !(1..=3).contains(&button) {
            return;
        }
        let imp = self.imp();
        let bit = 1u8 << (button - 1);
        let mask = imp.input.buttons.get();
        imp.input
            .buttons
            .set(if down { mask | bit } else { mask & !bit });
        self.pointer(x, y);
    }

    fn scroll(&self, dx: f64, dy: f64) -> glib::Propagation {
        let Some(conn) = self.connection() else {
            return glib::Propagation::Proceed;
        };
        let imp = self.imp();
        let Some((x, y)) = imp
            .input
            .last
            .get()
            .and_then(|(x, y)| self.to_desktop(x, y))
        else {
            return glib::Propagation::Stop;
        };
        let (x, y) = if conn.is_abs_pointer() {
            (x, y)
        } else {
            (0x7fff, 0x7fff)
        };
        let mask = imp.input.buttons.get();
        let click = |bit: u8, n: f64| {
            for _ in 0..(n.abs().round() as u32).max(1) {
                let _ = conn.pointer_event(mask | bit, x, y);
                let _ = conn.pointer_event(mask, x, y);
            }
        };
        if dy < 0.0 {
            click(1 << 3, dy);
        } else if dy > 0.0 {
            click(1 << 4, dy);
        }
        if dx < 0.0 {
            click(1 << 5, dx);
        } else if dx > 0.0 {
            click(1 << 6, dx);
        }
        glib::Propagation::Stop
    }
}
