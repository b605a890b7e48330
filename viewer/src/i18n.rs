//! Translations: gettext with named placeholders.

use gettextrs::gettext;

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
    let mut s = gettext(msgid);
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
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
}
