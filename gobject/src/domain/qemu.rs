//! QEMU passthrough: monitor commands, the QMP schema model, taint messages.

use std::future::Future;

use super::Domain;
use crate::qmp_schema::QmpSchema;
use crate::trace::{self, func, CallError};
use crate::util::{self, async_trio};

/// A QEMU monitor reply.
#[derive(Debug, Clone, PartialEq)]
pub enum MonitorReply {
    /// QMP: the parsed `return` value.
    Json(serde_json::Value),
    /// HMP: the command's text output.
    Text(String),
}

impl MonitorReply {
    /// The JSON value, for QMP replies.
    pub fn json(&self) -> Option<&serde_json::Value> {
        match self {
            Self::Json(v) => Some(v),
            Self::Text(_) => None,
        }
    }

    /// The text, for HMP replies.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            Self::Json(_) => None,
        }
    }
}

/// `virDomainGetMessages` in the calling worker thread.
fn read_messages(dom: &virt::domain::Domain) -> Result<Vec<String>, glib::Error> {
    let mut msgs: *mut *mut std::os::raw::c_char = std::ptr::null_mut();
    let what = "reading the domain messages";
    let n = trace::call(func!("virDomainGetMessages", what), dom, Some(0), || {
        // SAFETY: valid domain; libvirt allocates the array and strings, freed below.
        util::check(
            unsafe { virt_sys::virDomainGetMessages(dom.as_ptr(), &mut msgs, 0) },
            what,
        )
    })?;
    let mut out = Vec::with_capacity(n as usize);
    // SAFETY: `msgs` has `n` strings allocated by libvirt with malloc.
    unsafe {
        for i in 0..n as usize {
            let p = *msgs.add(i);
            out.push(util::cstr(p));
            libc::free(p as *mut libc::c_void);
        }
        libc::free(msgs as *mut libc::c_void);
    }
    Ok(out)
}

impl Domain {
    /// Sends a command to the QEMU monitor (`virDomainQemuMonitorCommand`): QMP JSON
    /// (e.g. `{"execute":"query-status"}`) when `hmp` is false, returning the parsed
    /// `return` value; an HMP command line (e.g. `info cpus`) when `hmp` is true,
    /// returning its text. QMP errors become errors. libvirt taints the domain
    /// (`custom-monitor`); the `messages` and `tainted` properties are refreshed.
    pub fn qemu_monitor_command_future(
        &self,
        cmd: &str,
        hmp: bool,
    ) -> impl Future<Output = Result<MonitorReply, glib::Error>> + 'static {
        let cmd = cmd.to_owned();
        let handle = self.live_handle();
        let weak = glib::SendWeakRef::from(glib::object::ObjectExt::downgrade(self));
        async move {
            let dom = handle?;
            let (raw, msgs) = util::run_glib(move || {
                let flags = if hmp {
                    virt_sys::VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP
                } else {
                    0
                };
                let what = "running a QEMU monitor command";
                let raw = trace::call(
                    func!("virDomainQemuMonitorCommand", what),
                    &dom,
                    Some(flags),
                    || dom.qemu_monitor_command(&cmd, flags),
                )
                .map_err(|e| e.into_glib(what))?;
                Ok((raw, read_messages(&dom).ok()))
            })
            .await?;
            if let (Some(d), Some(m)) = (weak.upgrade(), msgs) {
                d.set_messages(m);
            }
            if hmp {
                return Ok(MonitorReply::Text(raw));
            }
            let v: serde_json::Value = serde_json::from_str(&raw).map_err(|e| {
                util::own_error(
                    libvirt_glib::ErrorCode::InternalError,
                    format!("QEMU sent invalid JSON: {e}"),
                )
            })?;
            if let Some(err) = v.get("error") {
                let desc = err
                    .get("desc")
                    .and_then(|d| d.as_str())
                    .unwrap_or("unknown QMP error");
                return Err(util::own_error(
                    libvirt_glib::ErrorCode::OperationFailed,
                    format!("QMP error: {desc}"),
                ));
            }
            Ok(MonitorReply::Json(v.get("return").cloned().unwrap_or(v)))
        }
    }

    /// Reads QEMU's QMP schema (`query-qmp-schema`) as a [`QmpSchema`].
    pub fn qmp_schema_future(
        &self,
    ) -> impl Future<Output = Result<QmpSchema, glib::Error>> + 'static {
        let fut = self.qemu_monitor_command_future(r#"{"execute":"query-qmp-schema"}"#, false);
        async move {
            let reply = fut.await?;
            let json = reply.json().cloned().unwrap_or_default();
            QmpSchema::from_json(&json)
                .map_err(|e| util::own_error(libvirt_glib::ErrorCode::InternalError, e))
        }
    }

    /// Reads the domain's messages (`virDomainGetMessages`: taint flags such as
    /// `tainted: custom monitor control commands issued`, and deprecation warnings) and
    /// updates the `messages` and `tainted` properties.
    pub fn refresh_messages_future(
        &self,
    ) -> impl Future<Output = Result<Vec<String>, glib::Error>> + 'static {
        let handle = self.live_handle();
        let weak = glib::SendWeakRef::from(glib::object::ObjectExt::downgrade(self));
        async move {
            let dom = handle?;
            let m = util::run_glib(move || read_messages(&dom)).await?;
            if let Some(d) = weak.upgrade() {
                d.set_messages(m.clone());
            }
            Ok(m)
        }
    }

    async_trio! {
        /// Runs a QEMU monitor command.
        fn qemu_monitor_command, qemu_monitor_command_async => qemu_monitor_command_future(cmd: &str, hmp: bool) -> MonitorReply;
        /// Reads the QMP schema.
        fn qmp_schema, qmp_schema_async => qmp_schema_future() -> QmpSchema;
        /// Reads the domain's messages.
        fn refresh_messages, refresh_messages_async => refresh_messages_future() -> Vec<String>;
    }
}
