//! Key codes: the host's evdev key codes to QEMU's "qnum" scancodes (for the QEMU
//! extended key event), and the key combinations of the "Send key" menu.

/// X keysyms used by the send-key combinations.
mod keysym {
    pub const CONTROL_L: u32 = 0xffe3;
    pub const ALT_L: u32 = 0xffe9;
    pub const DELETE: u32 = 0xffff;
    pub const BACKSPACE: u32 = 0xff08;
    pub const PRINT: u32 = 0xff61;
    pub const F1: u32 = 0xffbe;
}

/// The QEMU qnum (PC scancode set 1; `0x80 | code` for `E0`-prefixed keys) of Linux
/// evdev key code `code`, as QEMU's keycodemapdb maps them.
pub fn evdev_to_qnum(code: u32) -> Option<u16> {
    let q = match code {
        // KEY_ESC (1) .. KEY_KPDOT (83): the scancode is the key code.
        1..=83 => code,
        86 => 0x56,  // KEY_102ND
        87 => 0x57,  // KEY_F11
        88 => 0x58,  // KEY_F12
        96 => 0x9c,  // KEY_KPENTER
        97 => 0x9d,  // KEY_RIGHTCTRL
        98 => 0xb5,  // KEY_KPSLASH
        99 => 0xb7,  // KEY_SYSRQ (Print Screen)
        100 => 0xb8, // KEY_RIGHTALT
        102 => 0xc7, // KEY_HOME
        103 => 0xc8, // KEY_UP
        104 => 0xc9, // KEY_PAGEUP
        105 => 0xcb, // KEY_LEFT
        106 => 0xcd, // KEY_RIGHT
        107 => 0xcf, // KEY_END
        108 => 0xd0, // KEY_DOWN
        109 => 0xd1, // KEY_PAGEDOWN
        110 => 0xd2, // KEY_INSERT
        111 => 0xd3, // KEY_DELETE
        113 => 0xa0, // KEY_MUTE
        114 => 0xae, // KEY_VOLUMEDOWN
        115 => 0xb0, // KEY_VOLUMEUP
        116 => 0xde, // KEY_POWER
        117 => 0x59, // KEY_KPEQUAL
        119 => 0xc6, // KEY_PAUSE
        121 => 0x7e, // KEY_KPCOMMA
        124 => 0x7d, // KEY_YEN
        125 => 0xdb, // KEY_LEFTMETA
        126 => 0xdc, // KEY_RIGHTMETA
        127 => 0xdd, // KEY_COMPOSE
        _ => return None,
    };
    Some(q as u16)
}

/// The qnum of a key given as keysym, for the keys the send-key combinations use.
pub fn keysym_to_qnum(sym: u32) -> u16 {
    match sym {
        keysym::CONTROL_L => 0x1d,
        keysym::ALT_L => 0x38,
        keysym::DELETE => 0xd3,
        keysym::BACKSPACE => 0x0e,
        keysym::PRINT => 0xb7,
        s if (keysym::F1..keysym::F1 + 10).contains(&s) => 0x3b + (s - keysym::F1) as u16,
        s if s == keysym::F1 + 10 => 0x57,
        s if s == keysym::F1 + 11 => 0x58,
        _ => 0,
    }
}

/// The key combinations of the "Send key" menu: action target and label.
pub fn combinations() -> Vec<(String, String)> {
    let mut v = vec![
        ("ctrl-alt-del".to_owned(), "Ctrl+Alt+Del".to_owned()),
        (
            "ctrl-alt-backspace".to_owned(),
            "Ctrl+Alt+Backspace".to_owned(),
        ),
    ];
    for n in 1..=12 {
        v.push((format!("ctrl-alt-f{n}"), format!("Ctrl+Alt+F{n}")));
    }
    v.push(("print".to_owned(), "PrintScreen".to_owned()));
    v
}

/// The keysyms of combination `name` (see [`combinations`]), pressed in order.
pub fn combination_keys(name: &str) -> Option<Vec<u32>> {
    use keysym::*;
    let keys = match name {
        "ctrl-alt-del" => vec![CONTROL_L, ALT_L, DELETE],
        "ctrl-alt-backspace" => vec![CONTROL_L, ALT_L, BACKSPACE],
        "print" => vec![PRINT],
        f => {
            let n: u32 = f.strip_prefix("ctrl-alt-f")?.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            vec![CONTROL_L, ALT_L, F1 + n - 1]
        }
    };
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_combination_has_keys_with_scancodes() {
        for (name, _) in combinations() {
            let keys = combination_keys(&name).expect(&name);
            assert!(keys.iter().all(|&k| keysym_to_qnum(k) != 0), "{name}");
        }
        assert_eq!(combination_keys("ctrl-alt-f13"), None);
        assert_eq!(combination_keys("nope"), None);
        assert_eq!(keysym_to_qnum(0xffc9), 0x58); // F12
        assert_eq!(keysym_to_qnum(0xffc7), 0x44); // F10
        assert_eq!(evdev_to_qnum(30), Some(0x1e)); // KEY_A
        assert_eq!(evdev_to_qnum(111), Some(0xd3)); // KEY_DELETE
        assert_eq!(evdev_to_qnum(0), None);
    }
}
