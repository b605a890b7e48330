//! GSettings: the installed schema when there is one, else the schema compiled by
//! `build.rs` (so a plain `cargo run` works without installing anything).

use gio::prelude::*;

use crate::config::{APP_ID, BUILD_SCHEMA_DIR};

/// The app's settings, or `None` when the schema can be found nowhere.
pub fn settings() -> Option<gio::Settings> {
    let default = gio::SettingsSchemaSource::default();
    if let Some(schema) = default.as_ref().and_then(|s| s.lookup(APP_ID, true)) {
        return Some(gio::Settings::new_full(
            &schema,
            None::<&gio::SettingsBackend>,
            None,
        ));
    }
    let source =
        gio::SettingsSchemaSource::from_directory(BUILD_SCHEMA_DIR, default.as_ref(), false)
            .map_err(|e| tracing::warn!(error = %e, dir = BUILD_SCHEMA_DIR, "no GSettings schemas"))
            .ok()?;
    let schema = source.lookup(APP_ID, false)?;
    Some(gio::Settings::new_full(
        &schema,
        None::<&gio::SettingsBackend>,
        None,
    ))
}

/// The remembered connection URIs.
pub fn saved_uris(s: &gio::Settings) -> Vec<String> {
    s.strv("connections")
        .iter()
        .map(|u| u.to_string())
        .collect()
}

/// Remembers `uris` (order kept).
pub fn save_uris(s: &gio::Settings, uris: &[String]) {
    let refs: Vec<&str> = uris.iter().map(String::as_str).collect();
    if let Err(e) = s.set_strv("connections", refs.as_slice()) {
        tracing::warn!(error = %e, "saving connections");
    }
}
