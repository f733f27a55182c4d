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
mod tests;
