//! Intrinsic function calls of the Amazon States Language (JSONPath states only).
//!
//! A payload-template member whose key ends in `.$` holds either a path or an intrinsic call such
//! as `States.Format('Hello {}', $.name)`
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>). Fail
//! `ErrorPath` and `CausePath` may hold a call too (rule V717, see
//! [`Function::allowed_in_fail_state`]). A value that does not start with `$` is a call;
//! [`Call::parse`] turns it into a tree.
//!
//! # Grammar
//!
//! ```text
//! call   := name "(" [ arg ( "," arg )* ] ")"      ; the whole text, no blanks around it
//! arg    := 'string' | number | true | false | null | path | call
//! string := "'" ( \' | \{ | \} | \\ | any char except ' and \ )* "'"
//! number := "-"? digits ( "." digits )? ( ("e"|"E") ("+"|"-")? digits )?
//! ```
//!
//! Blanks (space, tab, newline) may appear between tokens inside the parentheses. A path
//! argument runs up to the first `,` or `)` that is outside brackets, parentheses and quotes,
//! so `$.a[?(@.b == 'x,y')]` is one argument; the slice is handed to [`Path::parse`].
//!
//! # What is checked at definition time
//!
//! | Rule | Checked |
//! | --- | --- |
//! | V807 | syntax: call shape, quotes, escapes, parentheses, trailing text, empty or invalid arguments |
//! | V808 | known function name (case-sensitive), arity, `States.JsonToString` given a path, literal arguments of a type that can never work |
//! | V809 | at most [`MAX_NESTING`] levels of nested calls |
//!
//! Only literal arguments are type-checked: a path or nested call is unknown until run time.
//! Rule V810 (placeholder count of `States.Format`) is a warning left to the validator, which
//! gets the numbers from [`Call::format_template`] and [`format_placeholders`].
//!
//! # Source text
//!
//! Every [`Call`], nested ones included, keeps the text it was parsed from ([`Call::source`])
//! and the text of each argument ([`Call::arg_source`]), because AWS quotes both in run-time
//! failure causes.

#[cfg(feature = "engine")]
mod eval;
mod function;
mod parse;

#[cfg(feature = "engine")]
pub use eval::*;
pub use function::Function;

use crate::path::Path;
use std::fmt;
use std::ops::Range;

/// Most levels of nested calls in one expression; the outermost call is level 1 (rule V809).
pub const MAX_NESTING: usize = 10;

/// Rule id of syntax errors.
const SYNTAX: &str = "V807";
/// Rule id of semantic errors (name, arity, literal types).
const SEMANTICS: &str = "V808";
/// Rule id of the nesting limit.
const NESTING: &str = "V809";

/// Longest piece of user text quoted in a message, in characters; longer text is cut with `…`
/// so that one huge value cannot flood a diagnostic.
const SNIPPET_CHARS: usize = 40;

/// A parsed intrinsic function call, e.g. `States.Format('Hello {}', $.name)`.
///
/// Built only by [`Call::parse`], so the name, the arity and the literal argument types have
/// been checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function called.
    pub function: Function,
    /// The arguments in order.
    pub args: Vec<Arg>,
    /// The text of this call as written (for a nested call, only its own part).
    source: String,
    /// Byte range of each argument within `source`, blanks around it excluded.
    arg_spans: Vec<Range<usize>>,
}

impl Call {
    /// Parses the whole `text` as one call.
    ///
    /// Errors carry rule V807 (syntax), V808 (name, arity, literal types) or V809 (nesting),
    /// and the byte offset in `text` where the problem starts. Syntax errors anywhere in the text
    /// are reported before semantic ones.
    pub fn parse(text: &str) -> Result<Call, IntrinsicError> {
        parse::parse(text)
    }

    /// The text of this call as written, e.g. `States.MathAdd($.a, 1)`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text of argument `index` as written (string literals keep their quotes and escapes),
    /// or `None` past the last argument.
    pub fn arg_source(&self, index: usize) -> Option<&str> {
        self.arg_spans
            .get(index)
            .and_then(|span| self.source.get(span.clone()))
    }

    /// For `States.Format` with a string-literal template, the template as written between the
    /// quotes, escapes intact.
    ///
    /// Use this, not the unescaped [`Arg::String`], to find the placeholders: `\{}` is a
    /// literal `{}` in the output, which unescaping would turn into a placeholder.
    pub fn format_template(&self) -> Option<&str> {
        if self.function != Function::Format || !matches!(self.args.first(), Some(Arg::String(_))) {
            return None;
        }
        self.arg_source(0)?.strip_prefix('\'')?.strip_suffix('\'')
    }
}

/// One argument of a [`Call`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A string literal, unescaped (`'It\'s'` gives `It's`).
    String(String),
    /// A number literal.
    Number(serde_json::Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path, evaluated at run time (`$.x`, `$$.Execution.Id`, `$var`).
    Path(Path),
    /// A nested call, evaluated at run time.
    Call(Box<Call>),
}

/// Whether `text` has the shape of a function call, `Name(...`: a name of letters, digits, `_`
/// and `.`, then `(`. Used to tell a mistyped call (V807/V808) from text that is not meant as one
/// (V801), and to spot calls written where they will not be evaluated (V719, V720).
pub fn looks_like_call(text: &str) -> bool {
    match text.split_once('(') {
        Some((name, _)) => {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        }
        None => false,
    }
}

/// Number of `{}` placeholders in a `States.Format` template, for rule V810.
///
/// `template` is the literal as written between the quotes, escapes intact (see
/// [`Call::format_template`]): `\{` and `\}` are literal braces and never form a placeholder,
/// and `\\` is a backslash that escapes nothing after it.
pub fn format_placeholders(template: &str) -> usize {
    let mut count = 0;
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' if chars.clone().next() == Some('}') => {
                chars.next();
                count += 1;
            }
            _ => {}
        }
    }
    count
}

/// Why an intrinsic call was rejected at definition time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntrinsicError {
    rule: &'static str,
    message: String,
    offset: usize,
}

impl IntrinsicError {
    fn syntax(offset: usize, message: String) -> IntrinsicError {
        IntrinsicError {
            rule: SYNTAX,
            message,
            offset,
        }
    }

    fn semantics(offset: usize, message: String) -> IntrinsicError {
        IntrinsicError {
            rule: SEMANTICS,
            message,
            offset,
        }
    }

    fn nesting(offset: usize, message: String) -> IntrinsicError {
        IntrinsicError {
            rule: NESTING,
            message,
            offset,
        }
    }

    /// The rule broken: `"V807"` (syntax), `"V808"` (semantics) or `"V809"` (nesting).
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// What is wrong and what to do, lower case, without trailing period.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Byte offset in the parsed text where the problem starts (always a char boundary).
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for IntrinsicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for IntrinsicError {}

/// `text` shortened for quoting in a message.
fn snippet(text: &str) -> String {
    let mut chars = text.char_indices();
    match chars.nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_skip_escaped_braces() {
        assert_eq!(format_placeholders(""), 0);
        assert_eq!(format_placeholders("{} and {}"), 2);
        assert_eq!(format_placeholders("{{}}"), 1);
        assert_eq!(format_placeholders("{ }"), 0);
        assert_eq!(format_placeholders(r"\{}"), 0);
        assert_eq!(format_placeholders(r"{\}"), 0);
        assert_eq!(format_placeholders(r"\\{}"), 1);
        assert_eq!(format_placeholders(r"It\'s {}"), 1);
        assert_eq!(format_placeholders("trailing \\"), 0);
    }

    #[test]
    fn format_template_keeps_escapes() {
        let call = Call::parse(r"States.Format('\{} {}', $.a)").unwrap();
        assert_eq!(call.args[0], Arg::String("{} {}".into()));
        assert_eq!(call.format_template(), Some(r"\{} {}"));
        assert_eq!(format_placeholders(call.format_template().unwrap()), 1);
        let from_path = Call::parse("States.Format($.t, 1)").unwrap();
        assert_eq!(from_path.format_template(), None);
        let other = Call::parse("States.StringToJson('{}')").unwrap();
        assert_eq!(other.format_template(), None);
    }

    #[test]
    fn looks_like_call_wants_a_name_and_a_parenthesis() {
        assert!(looks_like_call("States.UUID()"));
        assert!(looks_like_call("States.Format('x'"));
        assert!(!looks_like_call("ConditionTrue"));
        assert!(!looks_like_call(""));
        assert!(!looks_like_call("call me (maybe)"));
        assert!(!looks_like_call("$.a"));
        assert!(!looks_like_call("$$.Execution.Id"));
        assert!(!looks_like_call("$var"));
    }

    #[test]
    fn snippet_cuts_long_text_on_char_boundary() {
        assert_eq!(snippet("short"), "short");
        let long = "é".repeat(50);
        assert_eq!(snippet(&long), format!("{}…", "é".repeat(40)));
    }

    #[test]
    fn error_display_has_message_and_offset() {
        let err = Call::parse("States.Array(1,,2)").unwrap_err();
        assert_eq!(err.rule(), "V807");
        assert_eq!(err.to_string(), format!("{} (at byte 15)", err.message()));
    }
}
