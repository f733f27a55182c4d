//! Hand-written cursor parser for path text: roots, dot steps and bracket steps.
//!
//! The cursor only ever advances by whole characters and reads through `str::get`, so no
//! input can make it slice inside a UTF-8 sequence or panic.

use super::Root;
use super::ast::{FilterPath, Origin, Segment, UnionKeys};
use super::error::{PathError, quote};

/// Deepest nesting of filters, parentheses and `!` accepted; stops stack exhaustion.
const MAX_DEPTH: usize = 64;

/// Characters that may not appear unescaped in a reference path's dot names (rule V803).
const REFERENCE_OPERATORS: &[char] = &['@', ',', ':', '?', '*'];

/// Where segments are being read: at the top of a path or inside a filter expression, where
/// blanks, `)` and operator characters end a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Context {
    Top,
    Filter,
}

/// The first construct that keeps a path out of the reference subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NotReference {
    pub(super) offset: usize,
    pub(super) reason: String,
}

impl NotReference {
    /// AWS's reason for a reference path whose first character is not `$`.
    pub(super) fn not_dollar() -> NotReference {
        NotReference {
            offset: 0,
            reason: "Reference path didn't start with '$'".to_owned(),
        }
    }
}

/// A successfully parsed path, before it is wrapped into the public type.
pub(super) struct Parsed {
    pub(super) root: Root,
    pub(super) segments: Vec<Segment>,
    pub(super) not_reference: Option<NotReference>,
}

/// Parses a whole path text.
pub(super) fn parse_path(text: &str) -> Result<Parsed, PathError> {
    let mut parser = Parser::new(text);
    match parser.peek() {
        None => {
            return Err(PathError::syntax(
                0,
                "empty path: a path must start with '$'",
            ));
        }
        Some('$') => {}
        Some(c) => {
            return Err(PathError::syntax(
                0,
                format!("path must start with '$' but starts with {}", quote_char(c)),
            ));
        }
    }
    let root = parser.root(Context::Top)?;
    let segments = parser.segments(Context::Top)?;
    Ok(Parsed {
        root,
        segments,
        not_reference: parser.not_reference,
    })
}

/// Cursor over the path text plus the state the grammar needs.
pub(super) struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
    not_reference: Option<NotReference>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            pos: 0,
            depth: 0,
            not_reference: None,
        }
    }

    // ----- cursor primitives -----

    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub(super) fn text_from(&self, start: usize) -> &'a str {
        self.src.get(start..).unwrap_or("")
    }

    pub(super) fn text_between(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(super) fn eat(&mut self, expected: char) -> bool {
        let found = self.peek() == Some(expected);
        if found {
            self.pos += expected.len_utf8();
        }
        found
    }

    pub(super) fn eat_str(&mut self, expected: &str) -> bool {
        let found = self.rest().starts_with(expected);
        if found {
            self.pos += expected.len();
        }
        found
    }

    pub(super) fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.bump();
        }
    }

    /// Counts one level of nesting; paired with [`Parser::leave`].
    pub(super) fn enter(&mut self) -> Result<(), PathError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PathError::syntax(
                self.pos,
                format!("expression nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn note_not_reference(&mut self, context: Context, offset: usize, reason: &str) {
        if context == Context::Top && self.not_reference.is_none() {
            self.not_reference = Some(NotReference {
                offset,
                reason: reason.to_owned(),
            });
        }
    }

    // ----- grammar -----

    /// `$`, `$$` or `$name`; the cursor is on the `$`.
    pub(super) fn root(&mut self, context: Context) -> Result<Root, PathError> {
        self.bump();
        match self.peek() {
            Some('$') => {
                self.bump();
                Ok(Root::Context)
            }
            None | Some('.' | '[') => Ok(Root::Input),
            Some(c) if is_identifier_start(c) => {
                let start = self.pos;
                while self.peek().is_some_and(is_identifier_continue) {
                    self.bump();
                }
                Ok(Root::Variable(
                    self.text_between(start, self.pos).to_owned(),
                ))
            }
            Some(c) if context == Context::Filter && ends_filter_name(c) => Ok(Root::Input),
            Some(c) => Err(PathError::syntax(
                self.pos,
                format!(
                    "expected '.', '[' or a variable name after '$' but found {}",
                    quote_char(c)
                ),
            )),
        }
    }

    /// The steps after a root. At the top level every character must belong to a step; in
    /// a filter the steps end at the first character that cannot continue a path.
    pub(super) fn segments(&mut self, context: Context) -> Result<Vec<Segment>, PathError> {
        let mut segments = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some('.') => segments.push(self.dot_step(context)?),
                Some('[') => segments.push(self.bracket_step(context)?),
                Some(_) if context == Context::Filter => break,
                Some(c) => {
                    return Err(PathError::syntax(
                        self.pos,
                        format!(
                            "unexpected character {} (expected '.' or '[')",
                            quote_char(c)
                        ),
                    ));
                }
            }
        }
        Ok(segments)
    }

    /// `.name`, `.*`, `.[…]` or `..x`; the cursor is on the first `.`.
    fn dot_step(&mut self, context: Context) -> Result<Segment, PathError> {
        let start = self.pos;
        self.bump();
        if self.eat('.') {
            self.note_not_reference(context, start, "recursive descent '..' is not allowed");
            let inner = match self.peek() {
                Some('[') => self.bracket_step(context)?,
                Some('*') => self.wildcard_after_dot(context)?,
                Some(c) if c != '.' && !ends_name(context, c) => self.dot_name(context)?,
                _ => {
                    return Err(PathError::syntax(start, "missing name after '..'"));
                }
            };
            return Ok(Segment::Descendant(Box::new(inner)));
        }
        match self.peek() {
            // `$.abc.['def ghi']`: AWS documents this form, Jayway reads it as `['def ghi']`.
            Some('[') => self.bracket_step(context),
            Some('*') => self.wildcard_after_dot(context),
            Some(c) if c != '.' && !ends_name(context, c) => self.dot_name(context),
            _ => Err(PathError::syntax(start, "missing name after '.'")),
        }
    }

    /// `*` after a dot; the cursor is on the `*`.
    fn wildcard_after_dot(&mut self, context: Context) -> Result<Segment, PathError> {
        self.note_not_reference(context, self.pos, "wildcards are not allowed");
        self.bump();
        match self.peek() {
            None | Some('.' | '[') => Ok(Segment::Wildcard),
            Some(c) if context == Context::Filter && ends_filter_name(c) => Ok(Segment::Wildcard),
            Some(c) => Err(PathError::syntax(
                self.pos,
                format!("unexpected character {} after '*'", quote_char(c)),
            )),
        }
    }

    /// A dot-notation name: everything up to the next unescaped `.` or `[` (and, inside a
    /// filter, up to a blank, `)` or operator). A backslash takes the next character
    /// literally, as in the spec's `$.store\.book`.
    fn dot_name(&mut self, context: Context) -> Result<Segment, PathError> {
        let start = self.pos;
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '.' || c == '[' || (context == Context::Filter && ends_filter_name(c)) {
                break;
            }
            let at = self.pos;
            match c {
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some(escaped) => name.push(escaped),
                        None => {
                            return Err(PathError::syntax(at, "dangling '\\' at end of path"));
                        }
                    }
                    continue;
                }
                '(' => return Err(self.function_call(start)),
                ']' | ')' => {
                    return Err(PathError::syntax(
                        at,
                        format!("unexpected character {}", quote_char(c)),
                    ));
                }
                // Jayway refuses blanks in dot names and points to bracket notation.
                c if is_blank(c) => {
                    let shown = self.text_between(start, at + c.len_utf8());
                    return Err(PathError::syntax(
                        at,
                        format!(
                            "blank in name {}; names with blanks need brackets, like ['a b']",
                            quote(shown)
                        ),
                    ));
                }
                c if REFERENCE_OPERATORS.contains(&c) => {
                    let reason = format!("unescaped {} in a name is not allowed", quote_char(c));
                    self.note_not_reference(context, at, &reason);
                }
                _ => {}
            }
            name.push(c);
            self.bump();
        }
        Ok(Segment::Child(name))
    }

    /// The error for `name(…)`, quoting the call up to its `)` when there is one.
    fn function_call(&self, start: usize) -> PathError {
        let rest = self.text_from(start);
        let call = match rest.find(')') {
            Some(close) => rest.get(..=close).unwrap_or(rest),
            None => rest,
        };
        PathError::function(
            start,
            format!("path functions are not supported: {}", quote(call)),
        )
    }

    /// `[…]`; the cursor is on the `[`.
    fn bracket_step(&mut self, context: Context) -> Result<Segment, PathError> {
        let open = self.pos;
        self.bump();
        self.skip_blanks();
        let segment = match self.peek() {
            None => return Err(self.unclosed(open)),
            Some('\'' | '"') => self.bracket_names(context, open)?,
            Some('*') => {
                self.note_not_reference(context, open, "wildcards are not allowed");
                self.bump();
                Segment::Wildcard
            }
            Some('?') => {
                self.note_not_reference(context, open, "filters are not allowed");
                self.bump();
                Segment::Filter(Box::new(self.filter_body()?))
            }
            Some('(') => {
                let rest = self.text_from(open);
                let shown = rest
                    .find(']')
                    .and_then(|end| rest.get(..=end))
                    .unwrap_or(rest);
                return Err(PathError::function(
                    open,
                    format!("script expressions are not supported: {}", quote(shown)),
                ));
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => {
                self.bracket_numbers(context, open)?
            }
            Some(']') => return Err(PathError::syntax(open, "empty brackets '[]'")),
            Some(c) => {
                return Err(PathError::syntax(
                    self.pos,
                    format!("unexpected character {} in brackets", quote_char(c)),
                ));
            }
        };
        self.close_bracket(open)?;
        Ok(segment)
    }

    /// `'a'` or `'a', 'b', …` inside brackets.
    fn bracket_names(&mut self, context: Context, open: usize) -> Result<Segment, PathError> {
        let mut names = vec![self.quoted()?];
        loop {
            self.skip_blanks();
            if !self.eat(',') {
                break;
            }
            self.skip_blanks();
            match self.peek() {
                Some('\'' | '"') => names.push(self.quoted()?),
                None => return Err(self.unclosed(open)),
                Some(c) => {
                    return Err(PathError::syntax(
                        self.pos,
                        format!(
                            "expected a quoted name after ',' but found {}",
                            quote_char(c)
                        ),
                    ));
                }
            }
        }
        if let [name] = names.as_mut_slice() {
            return Ok(Segment::Child(std::mem::take(name)));
        }
        self.note_not_reference(context, open, "unions are not allowed");
        Ok(Segment::Union(UnionKeys::Names(names)))
    }

    /// `n`, `a:b:c` or `n, m, …` inside brackets.
    fn bracket_numbers(&mut self, context: Context, open: usize) -> Result<Segment, PathError> {
        let first = self.integer()?;
        self.skip_blanks();
        if self.eat(':') {
            self.note_not_reference(context, open, "array slices are not allowed");
            let end = self.integer()?;
            self.skip_blanks();
            let step = if self.eat(':') { self.integer()? } else { None };
            if step == Some(0) {
                return Err(PathError::syntax(open, "slice step must not be zero"));
            }
            return Ok(Segment::Slice {
                start: first,
                end,
                step,
            });
        }
        let Some(first) = first else {
            return Err(PathError::syntax(self.pos, "expected an index"));
        };
        if self.peek() != Some(',') {
            return Ok(Segment::Index(first));
        }
        self.note_not_reference(context, open, "unions are not allowed");
        let mut indexes = vec![first];
        while self.eat(',') {
            let at = self.pos;
            match self.integer()? {
                Some(index) => indexes.push(index),
                None => return Err(PathError::syntax(at, "expected an index after ','")),
            }
            self.skip_blanks();
        }
        Ok(Segment::Union(UnionKeys::Indexes(indexes)))
    }

    /// An optional, possibly negative, integer (blanks before it are skipped).
    fn integer(&mut self) -> Result<Option<i64>, PathError> {
        self.skip_blanks();
        let start = self.pos;
        let negative = self.eat('-');
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let text = self.text_between(start, self.pos);
        if text.is_empty() {
            return Ok(None);
        }
        if negative && text.len() == 1 {
            return Err(PathError::syntax(start, "expected digits after '-'"));
        }
        text.parse()
            .map(Some)
            .map_err(|_| PathError::syntax(start, format!("index {} is out of range", quote(text))))
    }

    /// Expects the `]` closing the bracket opened at `open`.
    fn close_bracket(&mut self, open: usize) -> Result<(), PathError> {
        self.skip_blanks();
        match self.peek() {
            Some(']') => {
                self.bump();
                Ok(())
            }
            None => Err(self.unclosed(open)),
            Some(c) => Err(PathError::syntax(
                self.pos,
                format!("expected ']' but found {}", quote_char(c)),
            )),
        }
    }

    fn unclosed(&self, open: usize) -> PathError {
        PathError::syntax(
            open,
            format!("unclosed bracket {}", quote(self.text_from(open))),
        )
    }

    /// A string in single or double quotes; the cursor is on the opening quote. A backslash
    /// escapes the quote character or another backslash; before any other character it stays
    /// literal, as AWS resolved `$['Test\""Name"']` to the key `Test\""Name"` (recorded).
    pub(super) fn quoted(&mut self) -> Result<String, PathError> {
        let start = self.pos;
        let delimiter = self.bump();
        let mut value = String::new();
        loop {
            match self.bump() {
                None => break,
                Some(c) if Some(c) == delimiter => return Ok(value),
                Some('\\') => match self.bump() {
                    Some(c) if Some(c) == delimiter || c == '\\' => value.push(c),
                    Some(c) => {
                        value.push('\\');
                        value.push(c);
                    }
                    None => break,
                },
                Some(c) => value.push(c),
            }
        }
        Err(PathError::syntax(
            start,
            format!("unterminated string {}", quote(self.text_from(start))),
        ))
    }

    /// A path inside a filter; the cursor is on its `@` or `$`.
    pub(super) fn filter_path(&mut self) -> Result<FilterPath, PathError> {
        let origin = if self.eat('@') {
            Origin::Current
        } else {
            Origin::Root(self.root(Context::Filter)?)
        };
        let segments = self.segments(Context::Filter)?;
        Ok(FilterPath { origin, segments })
    }
}

/// Blanks allowed between tokens inside brackets and filters.
pub(super) fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Characters that end a name inside a filter: blanks, `)`, `]` and operator characters.
fn ends_filter_name(c: char) -> bool {
    is_blank(c) || matches!(c, ')' | ']' | '=' | '!' | '<' | '>' | '~' | '&' | '|')
}

fn ends_name(context: Context, c: char) -> bool {
    context == Context::Filter && ends_filter_name(c)
}

/// Approximates UAX #31 `ID_Start` (variable names, rule V910) without a Unicode table crate.
fn is_identifier_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_identifier_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub(super) fn quote_char(c: char) -> String {
    quote(c.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use crate::path::{Path, Root, Segment, UnionKeys};

    fn segments(text: &str) -> Vec<Segment> {
        match Path::parse(text) {
            Ok(path) => path.segments().to_vec(),
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    fn child(name: &str) -> Segment {
        Segment::Child(name.to_owned())
    }

    #[test]
    fn dot_names() {
        assert_eq!(segments("$.a.b"), [child("a"), child("b")]);
        assert_eq!(segments("$.delivery-partner"), [child("delivery-partner")]);
        assert_eq!(segments("$.a'b\"c"), [child("a'b\"c")]);
        assert_eq!(segments("$.é.日本"), [child("é"), child("日本")]);
        assert_eq!(segments("$.a*b"), [child("a*b")]);
    }

    #[test]
    fn backslash_escapes_in_dot_names() {
        assert_eq!(segments(r"$.store\.book"), [child("store.book")]);
        assert_eq!(
            segments(r"$.foo\@bar.baz\[\[.\?pretty"),
            [child("foo@bar"), child("baz[["), child("?pretty")]
        );
        assert_eq!(segments(r"$.a\ b\\"), [child("a b\\")]);
    }

    #[test]
    fn bracket_names() {
        assert_eq!(segments("$['a b']"), [child("a b")]);
        assert_eq!(segments("$[\"a b\"]"), [child("a b")]);
        assert_eq!(segments("$[ 'a' ]"), [child("a")]);
        assert_eq!(segments("$['']"), [child("")]);
        assert_eq!(segments("$['a.b[0]']"), [child("a.b[0]")]);
        assert_eq!(segments(r"$['it\'s']"), [child("it's")]);
        assert_eq!(segments(r#"$["say \"hi\""]"#), [child("say \"hi\"")]);
        assert_eq!(segments(r"$['back\\slash']"), [child(r"back\slash")]);
        // Recorded on AWS: inside single quotes `\"` keeps its backslash.
        assert_eq!(segments(r#"$['Test\""Name"']"#), [child(r#"Test\""Name""#)]);
        assert_eq!(
            segments("$.abc.['def ghi']"),
            [child("abc"), child("def ghi")]
        );
    }

    #[test]
    fn indexes_wildcards_and_slices() {
        assert_eq!(segments("$[0]"), [Segment::Index(0)]);
        assert_eq!(segments("$.list[-1]"), [child("list"), Segment::Index(-1)]);
        assert_eq!(segments("$[ 7 ]"), [Segment::Index(7)]);
        assert_eq!(segments("$.*"), [Segment::Wildcard]);
        assert_eq!(segments("$[*]"), [Segment::Wildcard]);
        assert_eq!(segments("$[ * ].a"), [Segment::Wildcard, child("a")]);
        let slice = |start, end, step| Segment::Slice { start, end, step };
        assert_eq!(segments("$[1:5]"), [slice(Some(1), Some(5), None)]);
        assert_eq!(segments("$[-1:]"), [slice(Some(-1), None, None)]);
        assert_eq!(segments("$[:2]"), [slice(None, Some(2), None)]);
        assert_eq!(segments("$[0:10:2]"), [slice(Some(0), Some(10), Some(2))]);
        assert_eq!(segments("$[::-1]"), [slice(None, None, Some(-1))]);
        assert_eq!(segments("$[ 1 : 2 ]"), [slice(Some(1), Some(2), None)]);
    }

    #[test]
    fn unions() {
        assert_eq!(
            segments("$[0,1]"),
            [Segment::Union(UnionKeys::Indexes(vec![0, 1]))]
        );
        assert_eq!(
            segments("$[ 0 , -2 ]"),
            [Segment::Union(UnionKeys::Indexes(vec![0, -2]))]
        );
        let names = UnionKeys::Names(vec!["a".into(), "b c".into()]);
        assert_eq!(segments("$['a', \"b c\"]"), [Segment::Union(names)]);
    }

    #[test]
    fn recursive_descent() {
        let descendant = |inner| Segment::Descendant(Box::new(inner));
        assert_eq!(segments("$..name"), [descendant(child("name"))]);
        assert_eq!(segments("$..*"), [descendant(Segment::Wildcard)]);
        assert_eq!(segments("$..[0]"), [descendant(Segment::Index(0))]);
        assert_eq!(segments("$..['a']"), [descendant(child("a"))]);
        assert_eq!(
            segments("$.a..b.c"),
            [child("a"), descendant(child("b")), child("c")]
        );
    }

    #[test]
    fn variable_and_context_roots_take_segments() {
        let path = Path::parse("$order.items[0]");
        assert_eq!(
            path.as_ref()
                .map(|p| (p.root().clone(), p.segments().to_vec())),
            Ok((
                Root::Variable("order".into()),
                vec![child("items"), Segment::Index(0)]
            ))
        );
        assert_eq!(segments("$$['Map']"), [child("Map")]);
    }
}
