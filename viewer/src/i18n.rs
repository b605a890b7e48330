//! Translations: gettext with named placeholders.

use gettextrs::{gettext, ngettext};

/// Binds the text domain (call once at start-up; failures only mean untranslated text).
pub fn init() {
    // SAFETY: called once at start-up, before other threads read the locale.
    let _ = unsafe { gettextrs::setlocale(gettextrs::LocaleCategory::LcAll, "") };
    let _ = gettextrs::bindtextdomain(crate::config::GETTEXT_PACKAGE, crate::config::LOCALEDIR);
    let _ = gettextrs::bind_textdomain_codeset(crate::config::GETTEXT_PACKAGE, "UTF-8");
    let _ = gettextrs::textdomain(crate::config::GETTEXT_PACKAGE);
}

/// Translates `msgid`.
pub fn tr(msgid: &str) -> String {
    gettext(msgid)
}

/// Translates `msgid` and replaces each `{name}` by its value.
///
/// ```
/// assert_eq!(viewer::i18n::gettext_f("{name} is running", &[("name", "web")]), "web is running");
/// ```
pub fn gettext_f(msgid: &str, args: &[(&str, &str)]) -> String {
    fill(gettext(msgid), args)
}

/// Replaces each `{name}` of `s` by its value.
fn fill(mut s: String, args: &[(&str, &str)]) -> String {
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// Translates the singular or plural form for `n` (`singular` and `plural` are the
/// English forms) and replaces each `{name}` by its value, as [`gettext_f`].
///
/// ```
/// use viewer::i18n::ngettext_f;
/// assert_eq!(ngettext_f("{n} disk", "{n} disks", 1, &[("n", "1")]), "1 disk");
/// assert_eq!(ngettext_f("{n} disk", "{n} disks", 2, &[("n", "2")]), "2 disks");
/// ```
pub fn ngettext_f(singular: &str, plural: &str, n: usize, args: &[(&str, &str)]) -> String {
    fill(
        ngettext(singular, plural, u32::try_from(n).unwrap_or(u32::MAX)),
        args,
    )
}

/// `n` with the locale's digit grouping (`1,000` in English; `1000` in the C locale).
pub fn number(n: usize) -> String {
    let mut buf = [0u8; 32];
    // SAFETY: the buffer and its size are valid; the format takes one unsigned long.
    let len = unsafe {
        libc::snprintf(
            buf.as_mut_ptr().cast(),
            buf.len(),
            c"%'lu".as_ptr(),
            n as libc::c_ulong,
        )
    };
    match usize::try_from(len) {
        Ok(len) if len < buf.len() => String::from_utf8_lossy(&buf[..len]).into_owned(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_replaced_by_name() {
        assert_eq!(
            super::gettext_f("{a} and {b} and {a}", &[("a", "x"), ("b", "y")]),
            "x and y and x"
        );
    }

    #[test]
    fn numbers_keep_their_digits() {
        let s = super::number(1_234_567);
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, "1234567");
        assert_eq!(super::number(7), "7");
    }
}
