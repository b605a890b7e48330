//! A tiny real RFB 3.8 server (no authentication, raw encoding, DesktopSize) on one
//! end of a socket pair, run on a thread: it paints a solid colour, changes size when
//! told, switches between absolute and relative pointer (QEMU's PointerChange), and
//! records the ClientCutText, KeyEvent and PointerEvent messages the client sends.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the test controls and observes.
#[derive(Default)]
pub struct Shared {
    /// Desktop size and colour to show next.
    pub size: (u16, u16),
    pub colour: [u8; 3],
    /// Set to make the next update carry a DesktopSize change.
    pub changed: bool,
    /// ClientCutText messages received.
    pub cut_texts: Vec<String>,
    /// KeyEvent messages received (down, keysym).
    pub keys: Vec<(bool, u32)>,
    /// Whether the client announced the DesktopSize pseudo-encoding.
    pub desktop_size: bool,
    /// Whether the client announced the PointerChange pseudo-encoding.
    pub pointer_change: bool,
    /// Pointer mode to announce with the next update (`true`: absolute).
    pub pointer_absolute: Option<bool>,
    /// PointerEvent messages received (button mask, x, y).
    pub pointers: Vec<(u8, u16, u16)>,
    /// Paint a one-pixel checkerboard of the colour and black instead of a solid colour.
    pub checker: bool,
}

/// Starts a server of `w`×`h` in `colour`; returns the client's end and the shared state.
pub fn start(w: u16, h: u16, colour: [u8; 3]) -> (UnixStream, Arc<Mutex<Shared>>) {
    let (server, client) = UnixStream::pair().unwrap();
    let shared = Arc::new(Mutex::new(Shared {
        size: (w, h),
        colour,
        ..Default::default()
    }));
    let s = shared.clone();
    std::thread::spawn(move || {
        let _ = serve(server, s);
    });
    (client, shared)
}

fn read_exact(s: &mut UnixStream, n: usize) -> std::io::Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    s.read_exact(&mut b)?;
    Ok(b)
}

fn serve(mut s: UnixStream, shared: Arc<Mutex<Shared>>) -> std::io::Result<()> {
    s.write_all(b"RFB 003.008\n")?;
    read_exact(&mut s, 12)?;
    s.write_all(&[1, 1])?; // one security type: None
    read_exact(&mut s, 1)?;
    s.write_all(&0u32.to_be_bytes())?; // SecurityResult OK
    read_exact(&mut s, 1)?; // ClientInit
    let (w, h) = shared.lock().unwrap().size;
    let mut init = Vec::new();
    init.extend_from_slice(&w.to_be_bytes());
    init.extend_from_slice(&h.to_be_bytes());
    // 32 bpp, depth 24, little endian, true colour, max 255, shifts 16/8/0.
    init.extend_from_slice(&[32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
    let name = b"rfb-test";
    init.extend_from_slice(&(name.len() as u32).to_be_bytes());
    init.extend_from_slice(name);
    s.write_all(&init)?;
    // The client's pixel format: (big endian, shifts).
    let mut fmt = (false, [16u8, 8, 0]);
    let mut pending = false; // an update request is waiting for a change
    s.set_read_timeout(Some(Duration::from_millis(20)))?;
    loop {
        let mut t = [0u8; 1];
        match s.read(&mut t) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if pending && shared.lock().unwrap().changed {
                    pending = false;
                    send_update(&mut s, &shared, fmt)?;
                }
                continue;
            }
            Err(e) => return Err(e),
        }
        s.set_read_timeout(None)?;
        match t[0] {
            0 => {
                let b = read_exact(&mut s, 19)?;
                fmt = (b[5] != 0, [b[13], b[14], b[15]]);
            }
            2 => {
                let b = read_exact(&mut s, 3)?;
                let n = u16::from_be_bytes([b[1], b[2]]) as usize;
                let e = read_exact(&mut s, 4 * n)?;
                let encs: Vec<i32> = e
                    .chunks_exact(4)
                    .map(|c| i32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                let mut st = shared.lock().unwrap();
                st.desktop_size = encs.contains(&-223);
                st.pointer_change = encs.contains(&-257);
            }
            3 => {
                let b = read_exact(&mut s, 9)?;
                let incremental = b[0] != 0;
                if !incremental || shared.lock().unwrap().changed {
                    send_update(&mut s, &shared, fmt)?;
                } else {
                    pending = true;
                }
            }
            4 => {
                let b = read_exact(&mut s, 7)?;
                let sym = u32::from_be_bytes([b[3], b[4], b[5], b[6]]);
                shared.lock().unwrap().keys.push((b[0] != 0, sym));
            }
            5 => {
                let b = read_exact(&mut s, 5)?;
                let (x, y) = (
                    u16::from_be_bytes([b[1], b[2]]),
                    u16::from_be_bytes([b[3], b[4]]),
                );
                shared.lock().unwrap().pointers.push((b[0], x, y));
            }
            6 => {
                let b = read_exact(&mut s, 7)?;
                let n = u32::from_be_bytes([b[3], b[4], b[5], b[6]]) as usize;
                let text = read_exact(&mut s, n)?;
                let text: String = text.iter().map(|&c| c as char).collect();
                shared.lock().unwrap().cut_texts.push(text);
            }
            other => panic!("unexpected client message type {other}"),
        }
        s.set_read_timeout(Some(Duration::from_millis(20)))?;
    }
}

/// Sends one FramebufferUpdate: a DesktopSize rectangle first when the size changed,
/// then the whole desktop in raw encoding.
fn send_update(
    s: &mut UnixStream,
    shared: &Arc<Mutex<Shared>>,
    (big, shifts): (bool, [u8; 3]),
) -> std::io::Result<()> {
    let (w, h, colour, resize, pointer, checker) = {
        let mut st = shared.lock().unwrap();
        let resize = st.changed && st.desktop_size;
        let pointer = if st.pointer_change {
            st.pointer_absolute.take()
        } else {
            None
        };
        st.changed = false;
        (st.size.0, st.size.1, st.colour, resize, pointer, st.checker)
    };
    let mut msg = vec![0u8, 0];
    let n = 1 + u16::from(resize) + u16::from(pointer.is_some());
    msg.extend_from_slice(&n.to_be_bytes());
    let rect = |msg: &mut Vec<u8>, x: u16, enc: i32| {
        msg.extend_from_slice(&x.to_be_bytes());
        msg.extend_from_slice(&0u16.to_be_bytes());
        msg.extend_from_slice(&w.to_be_bytes());
        msg.extend_from_slice(&h.to_be_bytes());
        msg.extend_from_slice(&enc.to_be_bytes());
    };
    if resize {
        rect(&mut msg, 0, -223);
    }
    // PointerChange: x = 1 absolute, 0 relative; no payload.
    if let Some(abs) = pointer {
        rect(&mut msg, u16::from(abs), -257);
    }
    rect(&mut msg, 0, 0);
    let px = (u32::from(colour[0]) << shifts[0])
        | (u32::from(colour[1]) << shifts[1])
        | (u32::from(colour[2]) << shifts[2]);
    let px = if big {
        px.to_be_bytes()
    } else {
        px.to_le_bytes()
    };
    msg.reserve(usize::from(w) * usize::from(h) * 4);
    for y in 0..usize::from(h) {
        for x in 0..usize::from(w) {
            if checker && (x + y) % 2 == 1 {
                msg.extend_from_slice(&[0, 0, 0, 0]);
            } else {
                msg.extend_from_slice(&px);
            }
        }
    }
    s.write_all(&msg)
}
