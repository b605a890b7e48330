//! The one error type of this crate.

/// Everything that can go wrong while parsing a document or reading a typed value.
///
/// Parse errors carry the byte offset into the input where the problem was found.
/// The input is never modified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not valid UTF-8.
    #[error("invalid UTF-8 at byte {position}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        position: usize,
    },
    /// The input is not well-formed XML.
    #[error("malformed XML at byte {position}: {message}")]
    Syntax {
        /// Byte offset where the problem was detected.
        position: usize,
        /// What is wrong.
        message: String,
    },
    /// The input ended while an element was still open.
    #[error("unexpected end of input at byte {position}: <{open}> is not closed")]
    UnexpectedEof {
        /// Byte offset of the end of the input.
        position: usize,
        /// Name of the innermost element that is still open.
        open: String,
    },
    /// The document type declaration declares entities, which are never expanded.
    #[error("entity declarations are not supported (byte {position})")]
    EntityDeclaration {
        /// Byte offset of the `<!DOCTYPE`.
        position: usize,
    },
    /// A reference to an entity other than the five predefined ones.
    #[error("unknown entity reference &{name}; at byte {position}")]
    UnknownEntity {
        /// Byte offset of the `&`.
        position: usize,
        /// The entity name.
        name: String,
    },
    /// A numeric character reference that does not name a valid XML character.
    #[error("invalid character reference &{reference}; at byte {position}")]
    InvalidCharRef {
        /// Byte offset of the `&`.
        position: usize,
        /// The reference text between `&` and `;`.
        reference: String,
    },
    /// Elements are nested deeper than [`MAX_DEPTH`](crate::dom::MAX_DEPTH).
    #[error("elements nested deeper than {limit} at byte {position}")]
    TooDeep {
        /// Byte offset of the element that crosses the limit.
        position: usize,
        /// The nesting limit.
        limit: usize,
    },
    /// The input is larger than [`MAX_SIZE`](crate::dom::MAX_SIZE).
    #[error("document of {size} bytes is larger than the limit of {limit} bytes (byte {limit})")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The size limit in bytes.
        limit: usize,
    },
    /// The root element is not the one the document type expects.
    #[error("expected root element <{expected}>, found <{found}>")]
    WrongRoot {
        /// The root element the document type needs.
        expected: &'static str,
        /// The root element of the input.
        found: String,
    },
    /// A value could not be parsed as the type of a property.
    #[error("invalid value '{value}': expected {expected}")]
    InvalidValue {
        /// The value as found in the XML (unescaped).
        value: String,
        /// A description of what was expected.
        expected: &'static str,
    },
    /// A typed property holds a value that its type does not accept.
    #[error("invalid value '{value}' for {element} property `{property}`: expected {expected}")]
    InvalidProperty {
        /// The element the property belongs to.
        element: &'static str,
        /// The property name.
        property: &'static str,
        /// The value as found in the XML (unescaped).
        value: String,
        /// A description of what was expected.
        expected: &'static str,
    },
}

impl Error {
    /// The byte offset into the input where a parse error was found, if this is one.
    pub fn position(&self) -> Option<usize> {
        match self {
            Error::InvalidUtf8 { position }
            | Error::Syntax { position, .. }
            | Error::UnexpectedEof { position, .. }
            | Error::EntityDeclaration { position }
            | Error::UnknownEntity { position, .. }
            | Error::InvalidCharRef { position, .. }
            | Error::TooDeep { position, .. } => Some(*position),
            Error::TooLarge { limit, .. } => Some(*limit),
            _ => None,
        }
    }

    /// Adds the element and property name to an [`Error::InvalidValue`].
    pub(crate) fn for_property(self, element: &'static str, property: &'static str) -> Error {
        match self {
            Error::InvalidValue { value, expected } => Error::InvalidProperty {
                element,
                property,
                value,
                expected,
            },
            other => other,
        }
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
