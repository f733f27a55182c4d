//! Hand-written cursor parser for intrinsic calls.
//!
//! Two passes: [`Parser`] checks the syntax of the whole text and builds a [`RawCall`] tree
//! with the function names still as text, then [`resolve`] checks names, arities and literal
//! types. Splitting them makes every syntax error (V807) win over any semantic error (V808),
//! so a user fixes the shape first. The nesting limit (V809) is enforced while parsing, which
//! also bounds the recursion on hostile input.

use super::function::{check_arg, check_arity, resolve_name};
use super::{Arg, Call, IntrinsicError, MAX_NESTING, snippet};
use crate::path::Path;
use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;

/// Parses the whole `text` as one call (see [`Call::parse`]).
pub(super) fn parse(text: &str) -> Result<Call, IntrinsicError> {
    let raw = Parser::new(text).top_level()?;
    resolve(text, raw)
}

/// A call whose syntax is valid but whose name and arguments are not checked yet.
struct RawCall<'a> {
    name: &'a str,
    /// Byte range of the whole call, name to closing parenthesis, in the parsed text.
    span: Range<usize>,
    args: Vec<RawArg<'a>>,
}

struct RawArg<'a> {
    /// Byte range of the argument as written, blanks around it excluded.
    span: Range<usize>,
    value: RawValue<'a>,
}

enum RawValue<'a> {
    /// A literal or a path: already final.
    Plain(Arg),
    Call(RawCall<'a>),
}

/// Checks names, arities and literal arguments, outer call first, then arguments left to right.
fn resolve(text: &str, raw: RawCall<'_>) -> Result<Call, IntrinsicError> {
    let start = raw.span.start;
    let function = resolve_name(raw.name, start)?;
    check_arity(function, raw.args.len(), start)?;
    let mut args = Vec::with_capacity(raw.args.len());
    let mut arg_spans = Vec::with_capacity(raw.args.len());
    for (index, arg) in raw.args.into_iter().enumerate() {
        let value = match arg.value {
            RawValue::Plain(value) => value,
            RawValue::Call(inner) => Arg::Call(Box::new(resolve(text, inner)?)),
        };
        let written = text.get(arg.span.clone()).unwrap_or_default();
        check_arg(function, index, &value, written, arg.span.start)?;
        args.push(value);
        arg_spans.push(arg.span.start.saturating_sub(start)..arg.span.end.saturating_sub(start));
    }
    Ok(Call {
        function,
        args,
        source: text.get(raw.span).unwrap_or_default().to_owned(),
        arg_spans,
    })
}

/// Blanks allowed between tokens; `\r` is deliberately not one of them.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n')
}

/// Characters of a function name or of the keywords `true`, `false`, `null`.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// A char made visible in a message (a raw newline or tab would break the line).
fn visible(c: char) -> String {
    if c.is_control() {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

struct Parser<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            chars: text.char_indices().peekable(),
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    /// Byte offset of the next char, or the text length at the end.
    fn offset(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(at, _)| at)
    }

    fn bump(&mut self) -> Option<char> {
        self.chars.next().map(|(_, c)| c)
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.bump();
        }
    }

    fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or_default()
    }

    /// The text from the cursor to the end.
    fn rest(&mut self) -> &'a str {
        let at = self.offset();
        self.slice(at..self.text.len())
    }

    fn word(&mut self) -> &'a str {
        let start = self.offset();
        while self.peek().is_some_and(is_word_char) {
            self.bump();
        }
        let end = self.offset();
        self.slice(start..end)
    }

    fn top_level(&mut self) -> Result<RawCall<'a>, IntrinsicError> {
        let text = self.text;
        match self.peek() {
            None => {
                return Err(IntrinsicError::syntax(
                    0,
                    "the value is empty; write an intrinsic function call such as \
                     `States.Format('{}', $.name)` or a path starting with `$`"
                        .to_owned(),
                ));
            }
            Some(c) if is_blank(c) => {
                return Err(IntrinsicError::syntax(
                    0,
                    format!(
                        "`{}` starts with a blank; remove the blanks before the function name",
                        snippet(text)
                    ),
                ));
            }
            Some('$') => {
                return Err(IntrinsicError::syntax(
                    0,
                    format!(
                        "`{}` is a path, not an intrinsic function call; parse it as a path",
                        snippet(text)
                    ),
                ));
            }
            Some(_) => {}
        }
        let name = self.word();
        match self.peek() {
            Some('(') if !name.is_empty() => {}
            Some(c)
                if is_blank(c) && !name.is_empty() && self.rest().trim_start().starts_with('(') =>
            {
                let at = self.offset();
                return Err(IntrinsicError::syntax(
                    at,
                    format!("blank between `{}` and `(`; remove it", snippet(name)),
                ));
            }
            _ => {
                return Err(IntrinsicError::syntax(
                    0,
                    format!(
                        "`{}` is neither a path nor an intrinsic function call; \
                         a path starts with `$` and a call looks like `States.Format('{{}}', $.name)`",
                        snippet(text)
                    ),
                ));
            }
        }
        let call = self.call_body(name, 0, 1)?;
        if self.peek().is_some() {
            let at = self.offset();
            let rest = self.rest();
            return Err(IntrinsicError::syntax(
                at,
                format!(
                    "unexpected text `{}` after the end of the call; remove it",
                    snippet(rest)
                ),
            ));
        }
        Ok(call)
    }

    /// Parses `(args)` of the call named `name` that starts at `start`; the cursor is on `(`.
    /// `depth` is 1 for the outermost call.
    fn call_body(
        &mut self,
        name: &'a str,
        start: usize,
        depth: usize,
    ) -> Result<RawCall<'a>, IntrinsicError> {
        if depth > MAX_NESTING {
            return Err(IntrinsicError::nesting(
                start,
                format!(
                    "the call to `{}` is nested {depth} levels deep, but at most {MAX_NESTING} levels \
                     are allowed; compute part of the value in an earlier state",
                    snippet(name)
                ),
            ));
        }
        let open = self.offset();
        self.bump();
        self.skip_blanks();
        let mut args = Vec::new();
        if self.peek() == Some(')') {
            self.bump();
        } else {
            loop {
                args.push(self.arg(name, open, depth)?);
                self.skip_blanks();
                let at = self.offset();
                match self.bump() {
                    Some(',') => self.skip_blanks(),
                    Some(')') => break,
                    None => return Err(unclosed_call(name, open)),
                    Some(c) => {
                        return Err(IntrinsicError::syntax(
                            at,
                            format!(
                                "unexpected `{}` after argument {} of `{}`; \
                                 separate arguments with `,` and close the call with `)`",
                                visible(c),
                                args.len(),
                                snippet(name)
                            ),
                        ));
                    }
                }
            }
        }
        let end = self.offset();
        Ok(RawCall {
            name,
            span: start..end,
            args,
        })
    }

    /// Parses one argument of `name`, whose `(` is at `open`; blanks before it are skipped.
    fn arg(
        &mut self,
        name: &'a str,
        open: usize,
        depth: usize,
    ) -> Result<RawArg<'a>, IntrinsicError> {
        let start = self.offset();
        let value = match self.peek() {
            None => return Err(unclosed_call(name, open)),
            Some(',' | ')') => {
                return Err(IntrinsicError::syntax(
                    start,
                    format!(
                        "empty argument in `{}`; remove the extra `,` or put a value there",
                        snippet(name)
                    ),
                ));
            }
            Some('\'') => Arg::String(self.string()?),
            Some('-' | '0'..='9') => Arg::Number(self.number()?),
            Some('$') => {
                let (path, end) = self.path()?;
                return Ok(RawArg {
                    span: start..end,
                    value: RawValue::Plain(Arg::Path(path)),
                });
            }
            Some(c) if is_word_char(c) => {
                let word = self.word();
                match (word, self.peek()) {
                    (_, Some('(')) => {
                        let call = self.call_body(word, start, depth + 1)?;
                        let end = self.offset();
                        return Ok(RawArg {
                            span: start..end,
                            value: RawValue::Call(call),
                        });
                    }
                    ("true", _) => Arg::Bool(true),
                    ("false", _) => Arg::Bool(false),
                    ("null", _) => Arg::Null,
                    // `True`, `NULL`: the keywords are lower case.
                    (keyword, _)
                        if ["true", "false", "null"]
                            .iter()
                            .any(|k| k.eq_ignore_ascii_case(keyword)) =>
                    {
                        return Err(IntrinsicError::syntax(
                            start,
                            format!(
                                "`{keyword}` is not a valid argument; write `{}` in lower case",
                                keyword.to_ascii_lowercase()
                            ),
                        ));
                    }
                    _ => {
                        return Err(IntrinsicError::syntax(
                            start,
                            format!(
                                "`{}` is not a valid argument; write a 'quoted string', a number, \
                                 true, false, null, a path starting with `$` or a call with its `(...)`",
                                snippet(word)
                            ),
                        ));
                    }
                }
            }
            Some(c) => {
                return Err(IntrinsicError::syntax(
                    start,
                    format!(
                        "unexpected `{}` where an argument of `{}` should start; write a \
                         'quoted string', a number, true, false, null, a path starting with `$` or a call",
                        visible(c),
                        snippet(name)
                    ),
                ));
            }
        };
        let end = self.offset();
        Ok(RawArg {
            span: start..end,
            value: RawValue::Plain(value),
        })
    }

    /// Parses a quoted string (cursor on the opening quote) and returns it unescaped.
    fn string(&mut self) -> Result<String, IntrinsicError> {
        let open = self.offset();
        self.bump();
        let unclosed = |parser: &Parser<'a>| {
            let written = parser.slice(open..parser.text.len());
            IntrinsicError::syntax(
                open,
                format!(
                    "the string `{}` is not closed; add the closing `'` (write `\\'` for a quote inside it)",
                    snippet(written)
                ),
            )
        };
        let mut value = String::new();
        loop {
            let at = self.offset();
            match self.bump() {
                None => return Err(unclosed(self)),
                Some('\'') => return Ok(value),
                Some('\\') => match self.bump() {
                    Some(c @ ('\'' | '{' | '}' | '\\')) => value.push(c),
                    Some(c) => {
                        return Err(IntrinsicError::syntax(
                            at,
                            format!(
                                "illegal escape `\\{}` in a string argument; only `\\'`, `\\{{`, `\\}}` \
                                 and `\\\\` are allowed, so drop the backslash or double it",
                                visible(c)
                            ),
                        ));
                    }
                    None => return Err(unclosed(self)),
                },
                Some(c) => value.push(c),
            }
        }
    }

    /// Parses a number literal (cursor on `-` or a digit).
    fn number(&mut self) -> Result<serde_json::Number, IntrinsicError> {
        let start = self.offset();
        let malformed = |parser: &mut Parser<'a>| {
            let end = parser.offset();
            IntrinsicError::syntax(
                start,
                format!(
                    "malformed number `{}`; write numbers like `12`, `-3.5` or `1e6`",
                    snippet(parser.slice(start..end))
                ),
            )
        };
        if self.peek() == Some('-') {
            self.bump();
        }
        if !self.digits() {
            return Err(malformed(self));
        }
        let mut integer = true;
        if self.peek() == Some('.') {
            self.bump();
            integer = false;
            if !self.digits() {
                return Err(malformed(self));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            integer = false;
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !self.digits() {
                return Err(malformed(self));
            }
        }
        let end = self.offset();
        let written = self.slice(start..end);
        to_number(written, integer).ok_or_else(|| {
            IntrinsicError::syntax(
                start,
                format!(
                    "the number `{}` is out of range; use a smaller number",
                    snippet(written)
                ),
            )
        })
    }

    /// Skips ASCII digits; whether there was at least one.
    fn digits(&mut self) -> bool {
        let mut any = false;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            any = true;
        }
        any
    }

    /// Parses a path argument (cursor on `$`); returns it with the end of its text.
    ///
    /// Paths have their own grammar (brackets, quoted names, filters with parentheses), so
    /// this only finds where the argument ends and leaves the rest to [`Path::parse`].
    fn path(&mut self) -> Result<(Path, usize), IntrinsicError> {
        let start = self.offset();
        // Closers expected for the `[` and `(` opened so far, innermost last.
        let mut closers: Vec<char> = Vec::new();
        let mut quote: Option<char> = None;
        while let Some(c) = self.peek() {
            if let Some(q) = quote {
                self.bump();
                if c == '\\' {
                    self.bump();
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                ')' | ',' if closers.is_empty() => break,
                // A backslash escapes the next char of a name (`$.a\.b`), so it never ends the path.
                '\\' => {
                    self.bump();
                }
                // Quotes only delimit names inside brackets or filters; in dot notation they are
                // plain characters for the path parser to judge.
                '\'' | '"' if !closers.is_empty() => quote = Some(c),
                '[' => closers.push(']'),
                '(' => closers.push(')'),
                ']' | ')' if closers.last() == Some(&c) => {
                    closers.pop();
                }
                _ => {}
            }
            self.bump();
        }
        let end = self.offset();
        let scanned = self.slice(start..end);
        let missing = match (quote, closers.last()) {
            (Some(q), _) => Some(format!("a closing `{q}`")),
            (None, Some(closer)) => Some(format!("a closing `{closer}`")),
            (None, None) => None,
        };
        if let Some(missing) = missing {
            return Err(IntrinsicError::syntax(
                start,
                format!(
                    "the path argument `{}` is missing {missing}; close it before the next `,` or `)`",
                    snippet(scanned)
                ),
            ));
        }
        let written = scanned.trim_end_matches(is_blank);
        let path = Path::parse(written).map_err(|err| {
            IntrinsicError::syntax(
                start,
                format!(
                    "invalid path argument `{}`: {}",
                    snippet(written),
                    err.message()
                ),
            )
        })?;
        Ok((path, start + written.len()))
    }
}

fn unclosed_call(name: &str, open: usize) -> IntrinsicError {
    IntrinsicError::syntax(
        open,
        format!(
            "the call to `{}` is not closed; add the missing `)`",
            snippet(name)
        ),
    )
}

/// The JSON number for a literal that already matched the number grammar; `None` when it does
/// not fit a finite `f64`.
fn to_number(written: &str, integer: bool) -> Option<serde_json::Number> {
    if integer {
        if let Ok(n) = written.parse::<i64>() {
            return Some(n.into());
        }
        if let Ok(n) = written.parse::<u64>() {
            return Some(n.into());
        }
    }
    written
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intrinsics::Function;

    fn ok(text: &str) -> Call {
        match Call::parse(text) {
            Ok(call) => call,
            Err(err) => panic!("{text:?} should parse: {err} [{}]", err.rule()),
        }
    }

    fn err(text: &str, rule: &str) -> IntrinsicError {
        match Call::parse(text) {
            Ok(call) => panic!("{text:?} should fail with {rule}, got {call:?}"),
            Err(err) => {
                assert_eq!(err.rule(), rule, "{text:?}: {err}");
                assert!(text.is_char_boundary(err.offset()), "{text:?}: {err}");
                assert!(!err.message().ends_with('.'), "{err}");
                err
            }
        }
    }

    fn path(text: &str) -> Arg {
        Arg::Path(Path::parse(text).unwrap())
    }

    fn num(text: &str) -> Arg {
        Arg::Number(text.parse().unwrap())
    }

    /// Shortest and longest valid calls for every function.
    const VALID: [(Function, &str); 24] = [
        (Function::Format, "States.Format('x')"),
        (
            Function::Format,
            "States.Format('{} {} {}', 1, $.a, States.UUID())",
        ),
        (Function::StringToJson, "States.StringToJson('{\"a\": 1}')"),
        (Function::JsonToString, "States.JsonToString($.a)"),
        (Function::Array, "States.Array()"),
        (
            Function::Array,
            "States.Array(1, 'a', true, false, null, $.a)",
        ),
        (Function::ArrayPartition, "States.ArrayPartition($.a, 2)"),
        (Function::ArrayContains, "States.ArrayContains($.a, 'x')"),
        (Function::ArrayRange, "States.ArrayRange(1, 9, 2)"),
        (Function::ArrayGetItem, "States.ArrayGetItem($.a, 0)"),
        (Function::ArrayLength, "States.ArrayLength(States.Array(1))"),
        (Function::ArrayUnique, "States.ArrayUnique($.a)"),
        (Function::Base64Encode, "States.Base64Encode('abc')"),
        (Function::Base64Decode, "States.Base64Decode('YWJj')"),
        (Function::Hash, "States.Hash('input data', 'SHA-1')"),
        (Function::Hash, "States.Hash(42, 'MD5')"),
        (Function::JsonMerge, "States.JsonMerge($.a, $.b, false)"),
        (Function::JsonMerge, "States.JsonMerge($.a, $.b, $.deep)"),
        (Function::MathRandom, "States.MathRandom(1, 10)"),
        (Function::MathRandom, "States.MathRandom(1, 10, 7)"),
        (Function::MathAdd, "States.MathAdd(1.5, -2)"),
        (Function::StringSplit, "States.StringSplit('a,b', ',')"),
        (Function::Uuid, "States.UUID()"),
        (Function::Hash, "States.Hash($.a, $.algorithm)"),
    ];

    #[test]
    fn every_function_parses_with_valid_arity() {
        for (function, text) in VALID {
            let call = ok(text);
            assert_eq!(call.function, function, "{text}");
            assert_eq!(call.source(), text);
        }
        for function in Function::ALL {
            assert!(VALID.iter().any(|&(f, _)| f == function), "{function:?}");
        }
    }

    #[test]
    fn wrong_arity_is_v808() {
        for function in Function::ALL {
            let args = |n: usize| vec!["$.a"; n].join(", ");
            if function.min_args() > 0 {
                let text = format!("{}({})", function.name(), args(function.min_args() - 1));
                let e = err(&text, "V808");
                assert_eq!(e.offset(), 0);
                assert!(e.message().contains(function.usage()), "{e}");
            }
            if let Some(max) = function.max_args() {
                err(&format!("{}({})", function.name(), args(max + 1)), "V808");
            }
        }
        let e = err("States.Hash($.a)", "V808");
        assert_eq!(
            e.message(),
            "`States.Hash` takes 2 arguments but was given 1; call it as `States.Hash(data, 'SHA-256')`"
        );
        let e = err("States.UUID(1)", "V808");
        assert!(
            e.message().starts_with("`States.UUID` takes no arguments"),
            "{e}"
        );
        let e = err("States.MathRandom(1)", "V808");
        assert!(e.message().contains("takes 2 or 3 arguments"), "{e}");
        let e = err("States.Format()", "V808");
        assert!(e.message().contains("takes at least 1 argument but"), "{e}");
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let e = err("States.format('x')", "V808");
        assert_eq!(
            e.message(),
            "unknown intrinsic function `States.format`; did you mean `States.Format`?"
        );
        let e = err("Format('x')", "V808");
        assert!(
            e.message().ends_with("did you mean `States.Format`?"),
            "{e}"
        );
        let e = err("States.Array(States.Uuid())", "V808");
        assert_eq!(e.offset(), 13);
        assert!(e.message().ends_with("did you mean `States.UUID`?"), "{e}");
        let e = err("States.Subtract(1, 2)", "V808");
        assert!(e.message().contains("use one of States.Format, "), "{e}");
    }

    #[test]
    fn json_to_string_needs_a_path() {
        ok("States.JsonToString($$.Execution.Input)");
        ok("States.JsonToString($var.a)");
        let e = err("States.JsonToString('x')", "V808");
        assert_eq!(e.offset(), 20);
        assert!(e.message().contains("not `'x'`"), "{e}");
        err("States.JsonToString(States.StringToJson('1'))", "V808");
    }

    #[test]
    fn literal_types_that_never_work_are_v808() {
        for (text, offset) in [
            ("States.Hash($.a, 'SHA256')", 17),
            ("States.Hash($.a, 'sha-256')", 17),
            ("States.Hash($.a, 256)", 17),
            ("States.JsonMerge($.a, $.b, true)", 27),
            ("States.JsonMerge($.a, $.b, 'false')", 27),
            ("States.JsonMerge('{}', $.b, false)", 17),
            ("States.ArrayLength(3)", 19),
            ("States.ArrayUnique(null)", 19),
            ("States.ArrayGetItem($.a, '0')", 25),
            ("States.MathAdd('a', 1)", 15),
            ("States.MathAdd(1, true)", 18),
            ("States.ArrayRange(1, '9', 1)", 21),
            ("States.Format(1, 2)", 14),
            ("States.StringSplit($.a, 1)", 24),
            ("States.Base64Encode(false)", 20),
            ("States.StringToJson(1)", 20),
        ] {
            assert_eq!(err(text, "V808").offset(), offset, "{text}");
        }
        let e = err("States.MathAdd('a', 1)", "V808");
        assert_eq!(
            e.message(),
            "argument 1 of `States.MathAdd` must be a number, but `'a'` is a string literal; \
             write a number without quotes or pass a path"
        );
        let e = err("States.Hash($.a, 'SHA256')", "V808");
        assert!(e.message().contains("'SHA-256'"), "{e}");
        // Paths and calls are unknown until run time.
        ok("States.ArrayLength(States.StringSplit('a b', ' '))");
        ok("States.MathAdd(States.ArrayLength($.a), $.b)");
        ok("States.Format($.template, 1)");
    }

    #[test]
    fn syntax_errors_are_v807() {
        for (text, offset) in [
            ("", 0),
            (" States.UUID()", 0),
            ("States.UUID() ", 13),
            ("States.UUID", 0),
            ("Hello world", 0),
            ("$.a", 0),
            ("'x'", 0),
            ("States.UUID (", 11),
            ("States.Array(1", 12),
            ("States.Array(", 12),
            ("States.Array(1))", 15),
            ("States.Array(1)x", 15),
            ("States.Array(1,,2)", 15),
            ("States.Array(,1)", 13),
            ("States.Array(1, )", 16),
            ("States.Array(1 2)", 15),
            ("States.Array(1a)", 14),
            ("States.Array(-)", 13),
            ("States.Array(1.)", 13),
            ("States.Array(1e+)", 13),
            ("States.Array(.5)", 13),
            ("States.Array(+1)", 13),
            ("States.Array(True)", 13),
            ("States.Array(NULL)", 13),
            ("States.Array(1e999)", 13),
            ("States.Array(\"a\")", 13),
            ("States.Array(States.UUID)", 13),
            ("States.Format('abc)", 14),
            ("States.Format('abc\\", 14),
            ("States.Format('a\\\"b')", 16),
            ("States.Format('a\\nb')", 16),
            ("States.Array($.a[0)", 13),
            ("States.Array($.a['x)", 13),
            ("States.Array(1\r)", 14),
            ("States.Format('a', ('b'))", 19),
        ] {
            assert_eq!(err(text, "V807").offset(), offset, "{text}");
        }
        let e = err("States.Array(1,,2)", "V807");
        assert_eq!(
            e.message(),
            "empty argument in `States.Array`; remove the extra `,` or put a value there"
        );
        let e = err("States.Array(True)", "V807");
        assert!(e.message().ends_with("write `true` in lower case"), "{e}");
        // Syntax wins over semantics anywhere in the text.
        err("States.Nope(1,,2)", "V807");
        err("States.Hash($.a, 'MD4') x", "V807");
    }

    #[test]
    fn illegal_escapes_from_the_corpus_are_v807() {
        // AWS refused both at create: tests/data/aws-recorded/definition_validation/
        // base_scenarios__test_illegal_escapes_ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION.json
        // and its `_2` twin.
        for text in [
            "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')",
            "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')",
        ] {
            let e = err(text, "V807");
            assert_eq!(text.get(e.offset()..e.offset() + 2), Some("\\\""), "{e}");
            assert!(e.message().starts_with("illegal escape `\\\"`"), "{e}");
        }
    }

    #[test]
    fn escapes_unescape() {
        // JSON source `"States.Format('It\\'s {}', $.n)"`.
        let call = ok("States.Format('It\\'s {}', $.n)");
        assert_eq!(call.args[0], Arg::String("It's {}".into()));
        assert_eq!(call.arg_source(0), Some("'It\\'s {}'"));
        let call = ok("States.Format('\\{\\} \\\\ \\'', 'a\nb')");
        assert_eq!(call.args[0], Arg::String(r"{} \ '".into()));
        assert_eq!(call.args[1], Arg::String("a\nb".into()));
        let call = ok("States.StringSplit('Hello\nWorld', '\n')");
        assert_eq!(call.args[1], Arg::String("\n".into()));
        ok("States.Format('', '日本語 🆗')");
    }

    #[test]
    fn literals_and_blanks() {
        let call = ok(
            "States.Array( 1 ,\t-2.5,\n1e3 , 0.25E-2, 18446744073709551615, true, false, null, 'x' )",
        );
        assert_eq!(
            call.args,
            vec![
                num("1"),
                num("-2.5"),
                num("1e3"),
                num("0.25E-2"),
                num("18446744073709551615"),
                Arg::Bool(true),
                Arg::Bool(false),
                Arg::Null,
                Arg::String("x".into()),
            ]
        );
        assert_eq!(call.arg_source(0), Some("1"));
        assert_eq!(call.arg_source(8), Some("'x'"));
        assert_eq!(call.arg_source(9), None);
        assert_eq!(ok("States.Array(-0)").args, vec![num("0")]);
        assert_eq!(ok("States.Array(\n)").args, vec![]);
    }

    #[test]
    fn path_arguments_end_at_the_right_comma() {
        let call = ok("States.Array($.a[?(@.b == 'x,y')], $['c)d'] , $$.Map.Item.Value,$v.x[0],$)");
        assert_eq!(
            call.args,
            vec![
                path("$.a[?(@.b == 'x,y')]"),
                path("$['c)d']"),
                path("$$.Map.Item.Value"),
                path("$v.x[0]"),
                path("$"),
            ]
        );
        assert_eq!(call.arg_source(1), Some("$['c)d']"));
        let call = ok("States.Array($.a\\,b, $[\"q\\\"]\"])");
        assert_eq!(call.args, vec![path("$.a\\,b"), path("$[\"q\\\"]\"]")]);
    }

    #[test]
    fn nested_calls_keep_their_source() {
        let text = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)";
        let call = ok(text);
        let Arg::Call(inner) = &call.args[0] else {
            panic!("{call:?}")
        };
        assert_eq!(inner.function, Function::StringSplit);
        assert_eq!(
            inner.source(),
            "States.StringSplit($$.StateMachine.Name, '-')"
        );
        assert_eq!(inner.arg_source(1), Some("'-'"));
        assert_eq!(call.arg_source(0), Some(inner.source()));
    }

    fn nested(levels: usize) -> String {
        format!("{}1{}", "States.Array(".repeat(levels), ")".repeat(levels))
    }

    #[test]
    fn nesting_limit_is_v809() {
        ok(&nested(MAX_NESTING));
        let e = err(&nested(MAX_NESTING + 1), "V809");
        assert_eq!(e.offset(), "States.Array(".len() * MAX_NESTING);
        // Deep input stops at the limit instead of overflowing the stack.
        err(&nested(200_000), "V809");
    }

    #[test]
    fn random_input_never_panics() {
        // Pieces of the intrinsic alphabet, weighted towards the structural ones.
        const TOKENS: [&str; 40] = [
            "States.",
            "Format",
            "Array",
            "UUID",
            "Hash",
            "JsonMerge",
            "(",
            ")",
            "(",
            ")",
            ",",
            ",",
            "'",
            "'",
            "\\",
            "{",
            "}",
            "$",
            "$$",
            ".",
            "[",
            "]",
            "?",
            "@",
            "==",
            "\"",
            "-",
            "0",
            "1",
            "e",
            ".5",
            " ",
            "\t",
            "\n",
            "true",
            "null",
            "é",
            "🆗",
            "\r",
            "a",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut pick = |n: usize| (next() % n.max(1) as u64) as usize;
        // Valid calls to mutate, so that errors deep inside a call are reached too.
        let bases: Vec<String> = VALID.iter().map(|&(_, text)| text.to_owned()).collect();
        let mut parsed = 0;
        for round in 0..6000 {
            let mut text = String::new();
            if round % 2 == 0 {
                for _ in 0..pick(24) {
                    text.push_str(TOKENS.get(pick(TOKENS.len())).copied().unwrap_or_default());
                }
            } else {
                text = bases.get(pick(bases.len())).cloned().unwrap_or_default();
                for _ in 0..=pick(3) {
                    let bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
                    let at = bounds
                        .get(pick(bounds.len() + 1))
                        .copied()
                        .unwrap_or(text.len());
                    if pick(2) == 0 {
                        text.insert_str(
                            at,
                            TOKENS.get(pick(TOKENS.len())).copied().unwrap_or_default(),
                        );
                    } else if at < text.len() {
                        text.remove(at);
                    }
                }
            }
            match Call::parse(&text) {
                Ok(call) => {
                    parsed += 1;
                    assert_eq!(call.source(), text);
                    for index in 0..call.args.len() {
                        assert!(call.arg_source(index).is_some(), "{text:?}");
                    }
                }
                Err(e) => {
                    assert!(text.is_char_boundary(e.offset()), "{text:?}: {e}");
                    assert!(e.offset() <= text.len(), "{text:?}: {e}");
                    assert!(!e.message().is_empty());
                }
            }
        }
        assert!(parsed > 100, "only {parsed} random inputs were valid calls");
    }
}
