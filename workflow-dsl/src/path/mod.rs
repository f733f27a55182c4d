//! ASL `JSONPath` paths, parsed once into a typed AST
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html>).
//!
//! Definitions hold paths as strings (`"$.items[0].price"`); validation and the
//! interpreter both need their structure. Parsing here, once, gives the validator its V801
//! (syntax), V803 (reference path) and V804 (path function) verdicts, and gives the
//! interpreter a list of [`Segment`]s to walk instead of text to re-scan. The grammar is
//! Jayway `JsonPath`'s, the engine family AWS runs, plus the spec's backslash escapes in dot
//! names. The source text is kept verbatim so a definition can be re-emitted unchanged.

mod ast;
mod display;
mod error;
mod eval;
mod filter;
mod parse;

#[cfg(test)]
mod fuzz;

pub use ast::{CompareOp, FilterExpr, FilterPath, Operand, Origin, Segment, UnionKeys};
pub use error::{PathError, PathErrorKind};
pub use eval::*;

use parse::NotReference;
use std::fmt;
use std::sync::Arc;

/// What is trimmed around a path before it is read.
const BLANKS: &[char] = &[' ', '\t', '\n', '\r'];

/// A parsed ASL path (`$.a.b`, `$$.Execution.Id`, `$var.x[0]`, `$.items[?(@.price > 10)]`).
///
/// Immutable and cheap to clone (one reference count): a definition repeats the same few paths
/// many times, and the loader shares one parse among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Path(Arc<Parsed>);

#[derive(Debug, PartialEq)]
struct Parsed {
    text: String,
    root: Root,
    segments: Vec<Segment>,
    /// Why the path is outside the reference subset, if it is; found while parsing because
    /// escapes (`\@`) are only visible in the text.
    not_reference: Option<NotReference>,
}

/// What a path starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state's input, result or other data the field applies to.
    Input,
    /// `$$`: the Context Object
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html>).
    Context,
    /// `$name`: the workflow variable `name`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
    Variable(String),
}

impl Path {
    /// Parses `text`.
    ///
    /// # Errors
    ///
    /// [`PathErrorKind::Syntax`] for malformed text (V801), [`PathErrorKind::Function`] for
    /// path functions and script expressions (V804).
    pub fn parse(text: &str) -> Result<Path, PathError> {
        // AWS's path engine (Jayway) ignores blanks around a path: `"$$.Execution.Name "`.
        let trimmed = text.trim_matches(BLANKS);
        let parsed = parse::parse_path(trimmed)?;
        // A reference path's first character is `$`, blanks or not (see `ReferencePath::parse`).
        let not_reference = match text.starts_with(BLANKS) {
            true => Some(NotReference::not_dollar()),
            false => parsed.not_reference,
        };
        Ok(Path(Arc::new(Parsed {
            text: text.to_owned(),
            root: parsed.root,
            segments: parsed.segments,
            not_reference,
        })))
    }

    /// The words a filter compares without quotes (`es` in `[?(@.code == es)]`): AWS accepts
    /// them, but they match nothing (rule V813).
    pub fn unquoted_words(&self) -> Vec<&str> {
        ast::unquoted_words(&self.0.segments)
    }

    /// The exact source text, for lossless re-emission.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// Where the path starts.
    pub fn root(&self) -> &Root {
        &self.0.root
    }

    /// The steps after the root, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.0.segments
    }

    /// Whether the path selects at most one node (Jayway's notion): no `..`, wildcard,
    /// filter, slice or index union. A name union as the last step is definite, because
    /// Jayway merges the named members into one object there.
    pub fn is_definite(&self) -> bool {
        let last = self.0.segments.len().saturating_sub(1);
        self.0
            .segments
            .iter()
            .enumerate()
            .all(|(position, segment)| match segment {
                Segment::Child(_) | Segment::Index(_) => true,
                Segment::Union(UnionKeys::Names(_)) => position == last,
                _ => false,
            })
    }

    /// Whether the path is in the reference-path subset.
    pub fn is_reference(&self) -> bool {
        self.0.not_reference.is_none()
    }

    /// The path in canonical bracket notation (`$['a'][0]`), as Jayway prints paths in
    /// diagnostics; it re-parses to the same root and segments.
    pub fn canonical(&self) -> String {
        let mut text = self.0.root.to_string();
        for segment in &self.0.segments {
            text.push_str(&segment.to_string());
        }
        text
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

/// A path restricted to the reference-path subset (rule V803). Constructed only through
/// `parse`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferencePath(Path);

impl ReferencePath {
    /// Parses `text` as a reference path.
    ///
    /// # Errors
    ///
    /// [`PathErrorKind::NotReference`], with AWS's message prefix, for text not starting
    /// with `$` and for valid paths outside the subset (V803); otherwise the errors of
    /// [`Path::parse`].
    pub fn parse(text: &str) -> Result<ReferencePath, PathError> {
        // AWS checks the first character itself, before its path engine trims blanks.
        if !text.starts_with('$') {
            let violation = NotReference::not_dollar();
            return Err(PathError::not_reference(
                violation.offset,
                &violation.reason,
            ));
        }
        ReferencePath::try_from(Path::parse(text)?)
    }

    /// The underlying path.
    pub fn as_path(&self) -> &Path {
        &self.0
    }

    /// The exact source text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<Path> for ReferencePath {
    type Error = PathError;

    /// Narrows a parsed path to a reference path (the checks of [`ReferencePath::parse`]).
    fn try_from(path: Path) -> Result<ReferencePath, PathError> {
        match &path.0.not_reference {
            Some(violation) => Err(PathError::not_reference(
                violation.offset,
                &violation.reason,
            )),
            None => Ok(ReferencePath(path)),
        }
    }
}

impl fmt::Display for ReferencePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> Path {
        match Path::parse(text) {
            Ok(path) => path,
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    fn error(text: &str) -> PathError {
        match Path::parse(text) {
            Ok(path) => panic!("{text:?} should fail, parsed as {path:?}"),
            Err(error) => error,
        }
    }

    fn reference_error(text: &str) -> PathError {
        match ReferencePath::parse(text) {
            Ok(path) => panic!("{text:?} should not be a reference path: {path:?}"),
            Err(error) => error,
        }
    }

    #[test]
    fn listed_paths_parse() {
        for text in [
            "$",
            "$$",
            "$.a",
            "$['a b']",
            "$.a.b[0].c",
            "$.list[-1]",
            "$.list[-1:]",
            "$$.Map.Item.Value",
            "$$.Execution.Input",
            "$x",
            "$order.items[0]",
            "$.users[?(@.status == 0)]",
            "$.items[?(@.price > 10 && @.qty)]",
            "$..name",
            "$.abc.['def ghi']",
            "$.item.items[1:5].itemValue",
            "$[*]",
        ] {
            let parsed = path(text);
            assert_eq!(parsed.as_str(), text);
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn roots() {
        assert_eq!(path("$").root(), &Root::Input);
        assert_eq!(path("$.a").root(), &Root::Input);
        assert_eq!(path("$[0]").root(), &Root::Input);
        assert_eq!(path("$$").root(), &Root::Context);
        assert_eq!(path("$$.Execution.Id").root(), &Root::Context);
        assert_eq!(path("$x").root(), &Root::Variable("x".into()));
        assert_eq!(
            path("$order_2.items").root(),
            &Root::Variable("order_2".into())
        );
        assert_eq!(path("$café[0]").root(), &Root::Variable("café".into()));
        assert!(path("$x").segments().is_empty());
    }

    #[test]
    fn definite_and_indefinite() {
        for text in [
            "$",
            "$$.Execution.Id",
            "$.a[0]",
            "$x.a['b'][-1]",
            "$.a['b','c']",
        ] {
            assert!(path(text).is_definite(), "{text} should be definite");
        }
        for text in [
            "$.a[*]",
            "$.a.*",
            "$..a",
            "$.a[0:2]",
            "$.a[0,1]",
            "$.a[?(@.x)]",
            "$.a['b','c'].d",
        ] {
            assert!(!path(text).is_definite(), "{text} should be indefinite");
        }
    }

    #[test]
    fn reference_paths() {
        for text in [
            "$",
            "$$.Execution.Input",
            "$x",
            "$.a.b[0]",
            "$['a b'][-1]",
            "$.delivery-partner",
            r"$.store\.book",
            r"$.foo\@bar.baz\[\[.\?pretty",
            "$.abc.['def ghi']",
        ] {
            assert!(path(text).is_reference(), "{text}");
            let reference = ReferencePath::parse(text).map(|r| r.as_str().to_owned());
            assert_eq!(reference, Ok(text.to_owned()));
        }
        let reference = ReferencePath::parse("$.a[0]");
        assert_eq!(
            reference.as_ref().map(|r| r.as_path().segments()),
            Ok(&[Segment::Child("a".into()), Segment::Index(0)][..])
        );
    }

    #[test]
    fn not_reference_paths_say_why() {
        let cases = [
            ("$.a[*]", "wildcards are not allowed", 3),
            ("$.*", "wildcards are not allowed", 2),
            ("$..a", "recursive descent '..' is not allowed", 1),
            ("$.a[1:2]", "array slices are not allowed", 3),
            ("$.a[0,1]", "unions are not allowed", 3),
            ("$['a','b']", "unions are not allowed", 1),
            ("$.a[?(@.b)]", "filters are not allowed", 3),
            ("$.a@b", "unescaped '@' in a name is not allowed", 3),
            ("$.a:b", "unescaped ':' in a name is not allowed", 3),
        ];
        for (text, reason, offset) in cases {
            assert!(!path(text).is_reference(), "{text}");
            let error = reference_error(text);
            assert_eq!(error.kind(), PathErrorKind::NotReference, "{text}");
            assert_eq!(
                error.message(),
                format!("Value is not a Reference Path: {reason}"),
                "{text}"
            );
            assert_eq!(error.offset(), offset, "{text}");
        }
    }

    #[test]
    fn reference_path_must_start_with_dollar() {
        for text in ["", "a.b", " $.a", "States.Format('x')"] {
            let error = reference_error(text);
            assert_eq!(error.kind(), PathErrorKind::NotReference);
            assert_eq!(
                error.message(),
                "Value is not a Reference Path: Reference path didn't start with '$'"
            );
        }
    }

    #[test]
    fn reference_parse_keeps_syntax_and_function_errors() {
        assert_eq!(reference_error("$.a[").kind(), PathErrorKind::Syntax);
        assert_eq!(
            reference_error("$.a.length()").kind(),
            PathErrorKind::Function
        );
    }

    #[test]
    fn syntax_errors() {
        let cases = [
            ("", "empty path: a path must start with '$' at offset 0", 0),
            (
                "a.b",
                "path must start with '$' but starts with 'a' at offset 0",
                0,
            ),
            (
                "@.a",
                "path must start with '$' but starts with '@' at offset 0",
                0,
            ),
            ("$.", "missing name after '.' at offset 1", 1),
            ("$.a.", "missing name after '.' at offset 3", 3),
            ("$.a..", "missing name after '..' at offset 3", 3),
            ("$.a...b", "missing name after '..' at offset 3", 3),
            ("$.a]", "unexpected character ']' at offset 3", 3),
            ("$.a)", "unexpected character ')' at offset 3", 3),
            (
                "$$x",
                "unexpected character 'x' (expected '.' or '[') at offset 2",
                2,
            ),
            (
                "$x-y",
                "unexpected character '-' (expected '.' or '[') at offset 2",
                2,
            ),
            (
                "$-x",
                "expected '.', '[' or a variable name after '$' but found '-' at offset 1",
                1,
            ),
            ("$.a[0", "unclosed bracket '[0' at offset 3", 3),
            ("$[", "unclosed bracket '[' at offset 1", 1),
            ("$['a'", "unclosed bracket \"['a'\" at offset 1", 1),
            ("$['a]", "unterminated string \"'a]\" at offset 2", 2),
            ("$[\"a]", "unterminated string '\"a]' at offset 2", 2),
            ("$[]", "empty brackets '[]' at offset 1", 1),
            (
                "$[a]",
                "unexpected character 'a' in brackets at offset 2",
                2,
            ),
            ("$[0 1]", "expected ']' but found '1' at offset 4", 4),
            ("$['a' 'b']", "expected ']' but found \"'\" at offset 6", 6),
            (
                "$['a',]",
                "expected a quoted name after ',' but found ']' at offset 6",
                6,
            ),
            ("$[0,]", "expected an index after ',' at offset 4", 4),
            ("$[-]", "expected digits after '-' at offset 2", 2),
            ("$[1:2:0]", "slice step must not be zero at offset 1", 1),
            (
                "$[99999999999999999999]",
                "index '99999999999999999999' is out of range at offset 2",
                2,
            ),
            ("$.*a", "unexpected character 'a' after '*' at offset 3", 3),
            ("$[*", "unclosed bracket '[*' at offset 1", 1),
            ("$.a\\", "dangling '\\' at end of path at offset 3", 3),
            (
                "$.a b",
                "blank in name 'a '; names with blanks need brackets, like ['a b'] at offset 3",
                3,
            ),
        ];
        for (text, message, offset) in cases {
            let error = error(text);
            assert_eq!(error.kind(), PathErrorKind::Syntax, "{text}");
            assert_eq!(error.message(), message, "{text}");
            assert_eq!(error.offset(), offset, "{text}");
        }
    }

    #[test]
    fn function_errors() {
        let cases = [
            (
                "$.a.length()",
                "path functions are not supported: 'length()' at offset 4",
                4,
            ),
            (
                "$.min()",
                "path functions are not supported: 'min()' at offset 2",
                2,
            ),
            (
                "$..sum(",
                "path functions are not supported: 'sum(' at offset 3",
                3,
            ),
            (
                "$.a[(@.length-1)]",
                "script expressions are not supported: '[(@.length-1)]' at offset 3",
                3,
            ),
            (
                "$.a[?(@.b.length() > 1)]",
                "path functions are not supported: 'length()' at offset 10",
                10,
            ),
        ];
        for (text, message, offset) in cases {
            let error = error(text);
            assert_eq!(error.kind(), PathErrorKind::Function, "{text}");
            assert_eq!(error.message(), message, "{text}");
            assert_eq!(error.offset(), offset, "{text}");
        }
    }
}
