//! libvirt errors as Rust errors and as `GError`s.
//!
//! libvirt keeps its last error in thread-local storage, so an [`Error`] must be built
//! in the thread that made the failing call: [`Error::last`] reads it there, and
//! [`Error::from_virt`] converts what the `virt` crate already read there. Both can then
//! cross threads freely (they hold no libvirt state).

use std::borrow::Cow;
use std::ffi::CStr;
use std::fmt;

use glib::translate::{from_glib_full, IntoGlib};

/// Defines [`ErrorCode`] from the `virErrorNumber` table in `error/codes.rs`.
macro_rules! define_error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $value:literal => $cname:literal, )*) => {
        /// A libvirt error number (`virErrorNumber`).
        ///
        /// It is a GLib error domain (quark `gvir-error-quark`): the `code` of every
        /// [`glib::Error`] this crate builds is the libvirt error number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, glib::ErrorDomain)]
        #[error_domain(name = "gvir-error-quark")]
        #[non_exhaustive]
        #[repr(i32)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant = $value, )*
        }

        impl ErrorCode {
            /// The code for a raw `virErrorNumber`, or `None` for a number this
            /// version does not know.
            pub fn from_raw(code: i32) -> Option<Self> {
                match code {
                    $( $value => Some(Self::$variant), )*
                    _ => None,
                }
            }

            /// The C name of the code, e.g. `"VIR_ERR_NO_DOMAIN"`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Self::$variant => $cname, )*
                }
            }
        }
    };
}

/// Defines [`ErrorOrigin`] from the `virErrorDomain` table in `error/codes.rs`.
macro_rules! define_origins {
    ($( $(#[$doc:meta])* $variant:ident = $value:literal => $cname:literal, )*) => {
        /// The part of libvirt an error came from (`virErrorDomain`, e.g. `VIR_FROM_QEMU`).
        ///
        /// libvirt calls this the error's "domain"; it is named *origin* here so that it is
        /// not mistaken for the GLib error domain.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[repr(i32)]
        pub enum ErrorOrigin {
            $( $(#[$doc])* $variant = $value, )*
        }

        impl ErrorOrigin {
            /// The origin for a raw `virErrorDomain`, or `None` for one this version
            /// does not know.
            pub fn from_raw(origin: i32) -> Option<Self> {
                match origin {
                    $( $value => Some(Self::$variant), )*
                    _ => None,
                }
            }

            /// The C name of the origin, e.g. `"VIR_FROM_QEMU"`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Self::$variant => $cname, )*
                }
            }
        }
    };
}

include!("error/codes.rs");

/// A libvirt error: its number, where in libvirt it arose, its message, and what we were
/// doing when it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: i32,
    origin: i32,
    message: String,
    context: Option<Cow<'static, str>>,
}

impl Error {
    /// Builds an error from the calling thread's last libvirt error.
    ///
    /// Call it in the thread that made the failing libvirt call, right after the call:
    /// libvirt errors are thread-local. When the thread has no libvirt error, the result
    /// is an [`ErrorCode::InternalError`] saying so.
    pub fn last(context: impl Into<Cow<'static, str>>) -> Self {
        // SAFETY: virGetLastError returns NULL or a pointer to this thread's error,
        // valid until the next libvirt call on this thread; we copy what we need now.
        unsafe {
            let err = virt_sys::virGetLastError();
            if err.is_null() {
                return Self::new(
                    ErrorCode::InternalError,
                    "an unknown libvirt error occurred",
                )
                .with_context(context);
            }
            let message = if (*err).message.is_null() {
                String::new()
            } else {
                CStr::from_ptr((*err).message)
                    .to_string_lossy()
                    .into_owned()
            };
            Self {
                code: (*err).code,
                origin: (*err).domain,
                message,
                context: Some(context.into()),
            }
        }
    }

    /// Converts an error the `virt` crate read (in the failing thread) and adds context.
    pub fn from_virt(err: &virt::error::Error, context: impl Into<Cow<'static, str>>) -> Self {
        Self {
            code: err.code().to_raw() as i32,
            origin: err.domain().to_raw() as i32,
            message: err.message().to_owned(),
            context: Some(context.into()),
        }
    }

    /// An error raised by this library itself (not by libvirt).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code: code as i32,
            origin: ErrorOrigin::None as i32,
            message: message.into(),
            context: None,
        }
    }

    /// The same error with `context` (what the caller was doing) in front of its message.
    #[must_use]
    pub fn with_context(mut self, context: impl Into<Cow<'static, str>>) -> Self {
        self.context = Some(context.into());
        self
    }

    /// The libvirt error number, when this version knows it.
    pub fn code(&self) -> Option<ErrorCode> {
        ErrorCode::from_raw(self.code)
    }

    /// The raw libvirt error number (`virErrorNumber`).
    pub fn raw_code(&self) -> i32 {
        self.code
    }

    /// Where in libvirt the error arose, when this version knows it.
    pub fn origin(&self) -> Option<ErrorOrigin> {
        ErrorOrigin::from_raw(self.origin)
    }

    /// The raw libvirt error domain (`virErrorDomain`).
    pub fn raw_origin(&self) -> i32 {
        self.origin
    }

    /// libvirt's own message, without context.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What the caller was doing, if it said.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// The error as a [`glib::Error`] in the `gvir-error-quark` domain, code = the libvirt
    /// error number, message = `"context: libvirt message"` (as the C library's
    /// `gvir_error_new_literal` writes it).
    pub fn to_glib(&self) -> glib::Error {
        let message = self.to_string();
        let cmsg = glib::GString::from(message.replace('\0', " "));
        // SAFETY: g_error_new_literal copies the message and returns a new GError that we
        // own (transfer full). A raw code keeps numbers this version does not know.
        unsafe {
            from_glib_full(glib::ffi::g_error_new_literal(
                <ErrorCode as glib::error::ErrorDomain>::domain().into_glib(),
                self.code,
                cmsg.as_ptr(),
            ))
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.context {
            Some(ctx) if !ctx.is_empty() => write!(f, "{ctx}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<Error> for glib::Error {
    fn from(err: Error) -> Self {
        err.to_glib()
    }
}

impl From<&Error> for glib::Error {
    fn from(err: &Error) -> Self {
        err.to_glib()
    }
}

/// Converts an error the `virt` crate returned into a [`glib::Error`] whose message is
/// `"context: libvirt message"`.
///
/// Call it in the thread that made the failing call (where the `virt::error::Error` was
/// built), as [`Error::from_virt`] says.
pub fn to_glib(err: &virt::error::Error, context: &str) -> glib::Error {
    Error::from_virt(err, context.to_owned()).to_glib()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_libvirt_numbers() {
        assert_eq!(
            ErrorCode::NoDomain as i32,
            virt_sys::VIR_ERR_NO_DOMAIN as i32
        );
        assert_eq!(
            ErrorCode::XmlError as i32,
            virt_sys::VIR_ERR_XML_ERROR as i32
        );
        assert_eq!(
            ErrorCode::from_raw(virt_sys::VIR_ERR_MULTIPLE_DOMAINS as i32),
            Some(ErrorCode::MultipleDomains)
        );
        assert_eq!(ErrorCode::from_raw(100_000), None);
        assert_eq!(ErrorCode::NoDomain.name(), "VIR_ERR_NO_DOMAIN");
        assert_eq!(ErrorOrigin::Qemu as i32, virt_sys::VIR_FROM_QEMU as i32);
        assert_eq!(ErrorOrigin::Qemu.name(), "VIR_FROM_QEMU");
    }

    #[test]
    fn glib_error_keeps_domain_code_and_message() {
        let err = Error::new(ErrorCode::NoDomain, "no such domain").with_context("looking up");
        let gerr = err.to_glib();
        assert_eq!(gerr.domain().as_str(), "gvir-error-quark");
        assert_eq!(gerr.kind::<ErrorCode>(), Some(ErrorCode::NoDomain));
        assert_eq!(gerr.message(), "looking up: no such domain");
        // Unknown codes survive as raw numbers.
        let odd = Error {
            code: 4242,
            origin: 0,
            message: "m".into(),
            context: None,
        };
        assert_eq!(odd.to_glib().kind::<ErrorCode>(), None);
        assert_eq!(odd.code(), None);
        assert_eq!(odd.raw_code(), 4242);
    }
}
