//! Remembered credentials in the desktop's keyring, through the Secret Service D-Bus API
//! (`org.freedesktop.secrets`: GNOME Keyring, KWallet, KeePassXC). Nothing is ever
//! written anywhere else; without a Secret Service nothing is remembered at all.
//!
//! Items carry the attributes `xdg:schema` = [`SCHEMA`], `uri` (the connection) and
//! `prompt` (libvirt's prompt, which names the user and host it asks about).

use std::collections::HashMap;

use gio::prelude::*;

/// The `xdg:schema` attribute of Vireo's items.
pub const SCHEMA: &str = "org.libvirtglib.Vireo.Credential";

const BUS_NAME: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE: &str = "org.freedesktop.Secret.Service";
const COLLECTION: &str = "org.freedesktop.Secret.Collection";
const ITEM: &str = "org.freedesktop.Secret.Item";
/// D-Bus call timeout (ms): a keyring never needs long, a missing one must not hang us.
const TIMEOUT_MS: i32 = 5000;

/// An open session with the Secret Service (secrets travel over the session bus in
/// plain text, as libsecret's "plain" algorithm does).
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: gio::DBusProxy,
    session: glib::variant::ObjectPath,
}

fn attributes(uri: &str, prompt: Option<&str>) -> HashMap<String, String> {
    let mut a = HashMap::from([
        ("xdg:schema".to_owned(), SCHEMA.to_owned()),
        ("uri".to_owned(), uri.to_owned()),
    ]);
    if let Some(p) = prompt {
        a.insert("prompt".to_owned(), p.to_owned());
    }
    a
}

fn path(s: &str) -> Result<glib::variant::ObjectPath, glib::Error> {
    glib::variant::ObjectPath::try_from(s.to_owned())
        .map_err(|_| glib::Error::new(gio::IOErrorEnum::InvalidData, "bad object path"))
}

/// The object paths in an `ao` value.
fn paths(v: &glib::Variant) -> Vec<String> {
    v.iter()
        .filter_map(|p| p.str().map(str::to_owned))
        .collect()
}

impl SecretStore {
    /// Opens a session with the Secret Service on the session bus, or an error when
    /// there is none.
    pub async fn open() -> Result<SecretStore, glib::Error> {
        let service = gio::DBusProxy::for_bus_future(
            gio::BusType::Session,
            gio::DBusProxyFlags::DO_NOT_LOAD_PROPERTIES
                | gio::DBusProxyFlags::DO_NOT_CONNECT_SIGNALS,
            None,
            BUS_NAME,
            SERVICE_PATH,
            SERVICE,
        )
        .await?;
        let reply = service
            .call_future(
                "OpenSession",
                Some(&("plain", "".to_variant()).to_variant()),
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
            )
            .await?;
        let session = path(reply.child_value(1).str().unwrap_or_default())?;
        Ok(SecretStore { service, session })
    }

    async fn call_on(
        &self,
        object: &str,
        iface: &str,
        method: &str,
        params: glib::Variant,
    ) -> Result<glib::Variant, glib::Error> {
        self.service
            .connection()
            .call_future(
                Some(BUS_NAME),
                object,
                iface,
                method,
                Some(&params),
                None,
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
            )
            .await
    }

    /// The unlocked items matching `attrs`.
    async fn search(&self, attrs: HashMap<String, String>) -> Result<Vec<String>, glib::Error> {
        let reply = self
            .service
            .call_future(
                "SearchItems",
                Some(&(attrs,).to_variant()),
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
            )
            .await?;
        Ok(paths(&reply.child_value(0)))
    }

    /// The remembered answer to `prompt` on `uri`, if any.
    pub async fn lookup(&self, uri: &str, prompt: &str) -> Option<String> {
        let items = self.search(attributes(uri, Some(prompt))).await.ok()?;
        let first = path(items.first()?).ok()?;
        let reply = self
            .service
            .call_future(
                "GetSecrets",
                Some(&(vec![first], self.session.clone()).to_variant()),
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
            )
            .await
            .ok()?;
        let secrets = reply.child_value(0);
        let entry = secrets.iter().next()?;
        // (session, parameters, value, content type)
        let value = entry.child_value(1).child_value(2);
        let bytes: Vec<u8> = value.get()?;
        String::from_utf8(bytes).ok()
    }

    /// Remembers `value` as the answer to `prompt` on `uri` (replacing an older one), in
    /// the default collection.
    pub async fn store(&self, uri: &str, prompt: &str, value: &str) -> Result<(), glib::Error> {
        let reply = self
            .service
            .call_future(
                "ReadAlias",
                Some(&("default",).to_variant()),
                gio::DBusCallFlags::NONE,
                TIMEOUT_MS,
            )
            .await?;
        let collection = reply.child_value(0).str().unwrap_or("/").to_owned();
        if collection == "/" {
            return Err(glib::Error::new(
                gio::IOErrorEnum::NotFound,
                "the keyring has no default collection",
            ));
        }
        let mut props: HashMap<String, glib::Variant> = HashMap::new();
        props.insert(
            format!("{ITEM}.Label"),
            // Translators: the label of a keyring item; {prompt} is libvirt's question.
            crate::i18n::gettext_f("Vireo: {prompt}", &[("prompt", prompt)]).to_variant(),
        );
        props.insert(
            format!("{ITEM}.Attributes"),
            attributes(uri, Some(prompt)).to_variant(),
        );
        let secret = (
            self.session.clone(),
            Vec::<u8>::new(),
            value.as_bytes().to_vec(),
            "text/plain",
        );
        let reply = self
            .call_on(
                &collection,
                COLLECTION,
                "CreateItem",
                (props, secret, true).to_variant(),
            )
            .await?;
        if reply.child_value(0).str() == Some("/") {
            // The collection is locked and wants a prompt: not remembered.
            return Err(glib::Error::new(
                gio::IOErrorEnum::PermissionDenied,
                "the keyring is locked",
            ));
        }
        Ok(())
    }

    /// Forgets every answer remembered for `uri`.
    pub async fn forget(&self, uri: &str) -> Result<(), glib::Error> {
        for item in self.search(attributes(uri, None)).await? {
            self.call_on(&item, ITEM, "Delete", ().to_variant()).await?;
        }
        Ok(())
    }
}

thread_local! {
    static STORE: std::cell::RefCell<Option<Option<SecretStore>>> = const { std::cell::RefCell::new(None) };
}

/// The app's session with the Secret Service, opened on first use (`None` when there is
/// none: then nothing is remembered).
pub async fn store() -> Option<SecretStore> {
    if let Some(s) = STORE.with(|s| s.borrow().clone()) {
        return s;
    }
    let opened = SecretStore::open()
        .await
        .map_err(|e| tracing::info!(error = %e, "no Secret Service: nothing is remembered"))
        .ok();
    STORE.with(|s| s.replace(Some(opened.clone())));
    opened
}
