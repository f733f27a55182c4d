//! The error returned when a path string cannot be parsed, or is not a reference path.

use std::fmt;

/// Which validation rule a rejected path breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathErrorKind {
    /// Malformed path text (rule V801).
    Syntax,
    /// A Jayway path function (`.length()`) or script expression (`[(@.length-1)]`), which ASL
    /// does not support (rule V804).
    Function,
    /// Valid path, but outside the reference-path subset (rule V803).
    NotReference,
}

/// Why a path was rejected: kind, human-readable message and byte offset into the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    kind: PathErrorKind,
    message: String,
    offset: usize,
}

/// AWS's prefix for reference-path diagnostics; kept verbatim so messages match AWS.
const NOT_REFERENCE_PREFIX: &str = "Value is not a Reference Path: ";

impl PathError {
    /// A syntax error; `what` is completed with the offset so every message says where.
    pub(super) fn syntax(offset: usize, what: impl fmt::Display) -> Self {
        Self::located(PathErrorKind::Syntax, offset, what)
    }

    /// A path function or script expression.
    pub(super) fn function(offset: usize, what: impl fmt::Display) -> Self {
        Self::located(PathErrorKind::Function, offset, what)
    }

    /// A valid path outside the reference subset; the message is AWS's prefix plus `reason`.
    pub(super) fn not_reference(offset: usize, reason: &str) -> Self {
        PathError {
            kind: PathErrorKind::NotReference,
            message: format!("{NOT_REFERENCE_PREFIX}{reason}"),
            offset,
        }
    }

    fn located(kind: PathErrorKind, offset: usize, what: impl fmt::Display) -> Self {
        PathError {
            kind,
            message: format!("{what} at offset {offset}"),
            offset,
        }
    }

    /// The rule the path breaks.
    pub fn kind(&self) -> PathErrorKind {
        self.kind
    }

    /// What is wrong and where, quoting the offending text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Byte offset into the path text where the problem starts.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}

/// Quotes a piece of path text for a message, picking the quote it does not contain.
pub(super) fn quote(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_messages_carry_the_offset() {
        let error = PathError::syntax(3, "unexpected character ']'");
        assert_eq!(error.kind(), PathErrorKind::Syntax);
        assert_eq!(error.offset(), 3);
        assert_eq!(error.message(), "unexpected character ']' at offset 3");
        assert_eq!(error.to_string(), error.message());
    }

    #[test]
    fn not_reference_messages_use_the_aws_prefix() {
        let error = PathError::not_reference(4, "wildcards are not allowed");
        assert_eq!(error.kind(), PathErrorKind::NotReference);
        assert_eq!(
            error.message(),
            "Value is not a Reference Path: wildcards are not allowed"
        );
    }

    #[test]
    fn quote_avoids_the_contained_quote() {
        assert_eq!(quote("a"), "'a'");
        assert_eq!(quote("'a"), "\"'a\"");
    }
}
