//! Credentials for `virConnectOpenAuth`: libvirt's callback runs on the worker thread
//! that opens the connection; it hands the requests to the connection's handler on the
//! context that awaits the open, and blocks only that worker thread until the handler
//! answers (or drops its [`CredentialReply`], which cancels).

use std::cell::Cell;
use std::ffi::{c_void, CStr};
use std::os::raw::{c_char, c_int, c_uint};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use futures_channel::mpsc as async_mpsc;

/// What kind of credential libvirt asks for (`virConnectCredentialType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialType {
    /// The user name to log in as (`VIR_CRED_USERNAME`).
    Username,
    /// The client name to authenticate as (`VIR_CRED_AUTHNAME`): what a user calls
    /// their user name, e.g. for SASL or the test driver.
    Authname,
    /// A language code (`VIR_CRED_LANGUAGE`).
    Language,
    /// A client nonce (`VIR_CRED_CNONCE`).
    Cnonce,
    /// A password or passphrase: a secret, never echoed (`VIR_CRED_PASSPHRASE`).
    Passphrase,
    /// An answer to a challenge that may be shown while typed (`VIR_CRED_ECHOPROMPT`),
    /// e.g. whether to accept an SSH host key.
    EchoPrompt,
    /// An answer to a challenge that must not be shown (`VIR_CRED_NOECHOPROMPT`).
    NoEchoPrompt,
    /// An authentication realm (`VIR_CRED_REALM`).
    Realm,
    /// An externally managed credential (`VIR_CRED_EXTERNAL`).
    External,
}

impl CredentialType {
    /// Every type, as offered to libvirt.
    const ALL: [CredentialType; 9] = [
        Self::Username,
        Self::Authname,
        Self::Language,
        Self::Cnonce,
        Self::Passphrase,
        Self::EchoPrompt,
        Self::NoEchoPrompt,
        Self::Realm,
        Self::External,
    ];

    /// The type for a raw `virConnectCredentialType`.
    pub fn from_raw(raw: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.to_raw() == raw)
    }

    /// The raw `virConnectCredentialType`.
    pub fn to_raw(self) -> i32 {
        use virt_sys as s;
        (match self {
            Self::Username => s::VIR_CRED_USERNAME,
            Self::Authname => s::VIR_CRED_AUTHNAME,
            Self::Language => s::VIR_CRED_LANGUAGE,
            Self::Cnonce => s::VIR_CRED_CNONCE,
            Self::Passphrase => s::VIR_CRED_PASSPHRASE,
            Self::EchoPrompt => s::VIR_CRED_ECHOPROMPT,
            Self::NoEchoPrompt => s::VIR_CRED_NOECHOPROMPT,
            Self::Realm => s::VIR_CRED_REALM,
            Self::External => s::VIR_CRED_EXTERNAL,
        }) as i32
    }

    /// Whether the answer is a secret that must not be shown or kept.
    pub fn is_secret(self) -> bool {
        matches!(self, Self::Passphrase | Self::NoEchoPrompt)
    }
}

/// One credential libvirt asks for while opening a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRequest {
    /// What is asked.
    pub kind: CredentialType,
    /// libvirt's prompt (`"Enter username for localhost"`, ...).
    pub prompt: String,
    /// An additional challenge to show (SASL, SSH host keys), if any.
    pub challenge: Option<String>,
    /// The answer libvirt suggests (e.g. the local user name), if any.
    pub default: Option<String>,
}

/// The answer channel for one round of [`CredentialRequest`]s, given to the handler set
/// with [`crate::Connection::set_credential_handler`].
///
/// Call [`CredentialReply::answer`] with one value per request, in order, or
/// [`CredentialReply::cancel`]. Dropping it without answering cancels too, so a dialog
/// that is closed or destroyed never leaves the open hanging: it fails with
/// `VIR_ERR_AUTH_CANCELLED`.
#[derive(Debug)]
pub struct CredentialReply {
    tx: Option<mpsc::SyncSender<Option<Vec<String>>>>,
    expected: usize,
}

impl CredentialReply {
    /// How many values [`Self::answer`] expects.
    pub fn len(&self) -> usize {
        self.expected
    }

    /// Whether no value is expected (never the case for a libvirt request).
    pub fn is_empty(&self) -> bool {
        self.expected == 0
    }

    /// Answers the requests, one value per request in their order. A wrong number of
    /// values cancels.
    pub fn answer<I, S>(mut self, values: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        let ok = values.len() == self.expected;
        if !ok {
            tracing::warn!(
                given = values.len(),
                expected = self.expected,
                "credential handler answered the wrong number of values: cancelling"
            );
        }
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(if ok { Some(values) } else { None });
        }
    }

    /// Refuses to answer: the open fails with `VIR_ERR_AUTH_CANCELLED`.
    pub fn cancel(mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(None);
        }
    }
}

/// One round of requests on its way to the handler.
pub(super) struct Ask {
    pub(super) requests: Vec<CredentialRequest>,
    pub(super) reply: CredentialReply,
}

/// What the libvirt callback needs (lives on the worker thread's stack during the call).
pub(super) struct AuthState {
    asks: async_mpsc::UnboundedSender<Ask>,
    cancelled: Cell<bool>,
}

impl AuthState {
    pub(super) fn new(asks: async_mpsc::UnboundedSender<Ask>) -> Self {
        AuthState {
            asks,
            cancelled: Cell::new(false),
        }
    }

    /// Whether the handler cancelled (or went away) during the open.
    pub(super) fn cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Opens `uri` with `virConnectOpenAuth`, asking this state's handler.
    pub(super) fn open(
        &self,
        uri: &str,
        read_only: bool,
    ) -> Result<virt::connect::Connect, virt::error::Error> {
        let mut types: Vec<c_int> = CredentialType::ALL.iter().map(|t| t.to_raw()).collect();
        let mut auth = virt_sys::virConnectAuth {
            credtype: types.as_mut_ptr(),
            ncredtype: types.len() as c_uint,
            cb: Some(callback),
            cbdata: self as *const AuthState as *mut c_void,
        };
        let curi = std::ffi::CString::new(uri.replace('\0', "")).unwrap_or_default();
        let flags = if read_only {
            virt_sys::VIR_CONNECT_RO
        } else {
            0
        };
        // SAFETY: `auth`, `types` and `self` outlive the call; libvirt calls `callback`
        // only during it, on this thread.
        let ptr = unsafe { virt_sys::virConnectOpenAuth(curi.as_ptr(), &mut auth, flags) };
        if ptr.is_null() {
            Err(virt::error::Error::last_error())
        } else {
            // SAFETY: a new connection reference that we own.
            Ok(unsafe { virt::connect::Connect::from_ptr(ptr) })
        }
    }

    /// Sends the requests to the handler and waits (this worker thread only) for the
    /// answers; `None` when cancelled.
    fn ask(&self, requests: Vec<CredentialRequest>) -> Option<Vec<String>> {
        let (tx, rx) = mpsc::sync_channel(1);
        let reply = CredentialReply {
            tx: Some(tx),
            expected: requests.len(),
        };
        if self.asks.unbounded_send(Ask { requests, reply }).is_err() {
            // Nobody awaits the open any more.
            return None;
        }
        rx.recv().ok().flatten()
    }
}

/// Drives `work` (the open on its worker thread) and, meanwhile, hands each round of
/// requests that arrives on `asks` to `handle`, on the context that polls this future.
pub(super) async fn serve<T>(
    work: impl std::future::Future<Output = T>,
    mut asks: async_mpsc::UnboundedReceiver<Ask>,
    handle: impl Fn(Vec<CredentialRequest>, CredentialReply),
) -> T {
    use futures_util::future::{select, Either};
    use futures_util::StreamExt;
    let mut work = std::pin::pin!(work);
    let mut open = true;
    loop {
        if !open {
            return work.await;
        }
        match select(work.as_mut(), asks.next()).await {
            Either::Left((res, _)) => return res,
            Either::Right((Some(ask), _)) => handle(ask.requests, ask.reply),
            Either::Right((None, _)) => open = false,
        }
    }
}

fn opt_str(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: libvirt passes NUL-terminated strings valid during the callback.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Overwrites a secret before its memory is freed.
fn wipe(s: String) {
    let mut bytes = s.into_bytes();
    for b in bytes.iter_mut() {
        // SAFETY: a valid, exclusive byte of our own buffer; volatile so it is not elided.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
}

/// libvirt's `virConnectAuthCallbackPtr`.
unsafe extern "C" fn callback(
    creds: *mut virt_sys::virConnectCredential,
    ncred: c_uint,
    data: *mut c_void,
) -> c_int {
    let res = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `data` is the `AuthState` passed to virConnectOpenAuth, alive during it.
        let state = unsafe { &*(data as *const AuthState) };
        if creds.is_null() || ncred == 0 {
            return 0;
        }
        // SAFETY: libvirt passes an array of `ncred` credentials.
        let creds = unsafe { std::slice::from_raw_parts_mut(creds, ncred as usize) };
        let mut requests = Vec::with_capacity(creds.len());
        for c in creds.iter() {
            let Some(kind) = CredentialType::from_raw(c.type_) else {
                tracing::warn!(kind = c.type_, "unknown credential type requested");
                return -1;
            };
            requests.push(CredentialRequest {
                kind,
                prompt: opt_str(c.prompt).unwrap_or_default(),
                challenge: opt_str(c.challenge).filter(|s| !s.is_empty()),
                default: opt_str(c.defresult),
            });
        }
        tracing::debug!(
            kinds = ?requests.iter().map(|r| r.kind).collect::<Vec<_>>(),
            "libvirt asks for credentials"
        );
        let Some(values) = state.ask(requests) else {
            state.cancelled.set(true);
            return -1;
        };
        for (c, v) in creds.iter_mut().zip(values) {
            let len = v.len();
            // libvirt frees the result with g_free: allocate it with GLib.
            // SAFETY: copies `len` bytes of `v` and adds a NUL.
            c.result = unsafe { glib::ffi::g_strndup(v.as_ptr().cast(), len) };
            c.resultlen = len as c_uint;
            wipe(v);
        }
        0
    }));
    res.unwrap_or(-1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_types_round_trip_their_raw_values() {
        for t in CredentialType::ALL {
            assert_eq!(CredentialType::from_raw(t.to_raw()), Some(t));
        }
        assert_eq!(CredentialType::from_raw(0), None);
        assert_eq!(CredentialType::from_raw(10), None);
        assert!(CredentialType::Passphrase.is_secret());
        assert!(!CredentialType::Authname.is_secret());
    }

    #[test]
    fn a_dropped_or_wrong_reply_cancels() {
        let (tx, rx) = mpsc::sync_channel(1);
        drop(CredentialReply {
            tx: Some(tx),
            expected: 1,
        });
        assert_eq!(rx.recv().ok().flatten(), None);
        let (tx, rx) = mpsc::sync_channel(1);
        CredentialReply {
            tx: Some(tx),
            expected: 2,
        }
        .answer(["only one"]);
        assert_eq!(rx.recv().ok().flatten(), None);
        let (tx, rx) = mpsc::sync_channel(1);
        CredentialReply {
            tx: Some(tx),
            expected: 2,
        }
        .answer(["alice", "secret"]);
        assert_eq!(
            rx.recv().ok().flatten(),
            Some(vec!["alice".to_owned(), "secret".to_owned()])
        );
    }
}
