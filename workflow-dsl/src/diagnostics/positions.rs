//! Where a JSON pointer is in the text the user wrote: line, column and byte range, for JSON
//! and YAML. Built only when findings are shown, so checking pays nothing for it.
//!
//! A member whose value is an object or array is placed at its key (`"Charge":` rather than
//! the whole state), other values at themselves; an array element that is an object at its
//! first character.

use std::collections::HashMap;

use crate::asl::Format;
use crate::diagnostics::pointer::child;

/// A place in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The places of a text's values, by JSON pointer.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    spans: HashMap<String, Span>,
}

impl Positions {
    /// The places of every value of `text`, read as `format`; what cannot be read has none.
    pub fn of(text: &str, format: Format) -> Positions {
        let ranges = match format {
            Format::Json => json_ranges(text),
            #[cfg(feature = "yaml")]
            Format::Yaml => crate::asl::yaml::ranges(text),
            #[cfg(not(feature = "yaml"))]
            Format::Yaml => Vec::new(),
        };
        let lines = LineIndex::new(text);
        Positions {
            spans: ranges
                .into_iter()
                .map(|(pointer, (start, end))| (pointer, lines.span(text, start, end)))
                .collect(),
        }
    }

    /// The place of `pointer`, or of its nearest ancestor that has one.
    pub fn find(&self, pointer: &str) -> Option<Span> {
        let mut pointer = pointer;
        loop {
            if let Some(span) = self.spans.get(pointer) {
                return Some(*span);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }

    /// The place of line `line`, column `column` (both from 1) of `text`: one character.
    pub fn at(text: &str, line: usize, column: usize) -> Option<Span> {
        let lines = LineIndex::new(text);
        let start = *lines.starts.get(line.checked_sub(1)?)?;
        let offset = text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(offset, _)| start + offset);
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        Some(lines.span(text, offset, end))
    }
}

/// Where each line starts.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let line = self
            .starts
            .partition_point(|&line_start| line_start <= start);
        let line_start = self.starts[line - 1];
        let column = text
            .get(line_start..start)
            .map_or(1, |before| before.chars().count() + 1);
        Span {
            start,
            end,
            line,
            column,
        }
    }
}

/// The deepest nesting the scanner follows, as the JSON reader's cap.
const MAX_DEPTH: usize = crate::asl::json::MAX_DEPTH;

/// The byte range of each value of a JSON text, by pointer (see the module docs for which
/// range a member gets). Stops quietly where the text is not JSON.
fn json_ranges(text: &str) -> Vec<(String, (usize, usize))> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        out: Vec::new(),
    };
    scanner.value(String::new(), None, 0);
    scanner.out
}

struct Scanner<'t> {
    bytes: &'t [u8],
    pos: usize,
    out: Vec<(String, (usize, usize))>,
}

impl Scanner<'_> {
    fn blanks(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    /// Reads one value at `pointer`; `key` is the range of its member's key.
    fn value(&mut self, pointer: String, key: Option<(usize, usize)>, depth: usize) -> Option<()> {
        self.blanks();
        let start = self.pos;
        match *self.bytes.get(self.pos)? {
            b'{' | b'[' if depth >= MAX_DEPTH => None,
            b'{' => {
                self.out
                    .push((pointer.clone(), key.unwrap_or((start, start + 1))));
                self.pos += 1;
                loop {
                    self.blanks();
                    match *self.bytes.get(self.pos)? {
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        b'"' => {
                            let key_start = self.pos;
                            let name = self.string()?;
                            let key_range = (key_start, self.pos);
                            self.blanks();
                            if self.bytes.get(self.pos) != Some(&b':') {
                                return None;
                            }
                            self.pos += 1;
                            self.value(child(&pointer, &name), Some(key_range), depth + 1)?;
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.out
                    .push((pointer.clone(), key.unwrap_or((start, start + 1))));
                self.pos += 1;
                let mut index = 0;
                loop {
                    self.blanks();
                    match *self.bytes.get(self.pos)? {
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        _ => {
                            self.value(child(&pointer, &index.to_string()), None, depth + 1)?;
                            index += 1;
                        }
                    }
                }
            }
            b'"' => {
                self.string()?;
                self.out.push((pointer, (start, self.pos)));
                Some(())
            }
            _ => {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.pos += 1;
                }
                (self.pos > start).then(|| self.out.push((pointer, (start, self.pos))))
            }
        }
    }

    /// A string at the cursor, unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        serde_json::from_str(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Bé\"},\n    \"x/y\": [1, {\"k\": true}]\n  }\n}\n";

    #[test]
    fn json_values_are_found_by_pointer() {
        let positions = Positions::of(TEXT, Format::Json);
        let at = |pointer: &str| {
            positions
                .find(pointer)
                .map(|s| (s.line, s.column, &TEXT[s.start..s.end]))
        };
        assert_eq!(at(""), Some((1, 1, "{")));
        assert_eq!(at("/StartAt"), Some((2, 14, "\"A\"")));
        assert_eq!(at("/States"), Some((3, 3, "\"States\"")));
        assert_eq!(at("/States/A"), Some((4, 5, "\"A\"")));
        assert_eq!(at("/States/A/Next"), Some((4, 35, "\"Bé\"")));
        assert_eq!(at("/States/x~1y/1/k"), Some((5, 22, "true")));
        assert_eq!(at("/States/x~1y/1"), Some((5, 16, "{")));
        assert_eq!(
            at("/States/A/Missing/Deeper"),
            at("/States/A"),
            "nearest ancestor"
        );
    }

    #[test]
    fn a_line_and_column_is_one_character() {
        let span = Positions::at(TEXT, 4, 35).unwrap();
        assert_eq!(
            (&TEXT[span.start..span.end], span.line, span.column),
            ("\"", 4, 35)
        );
        assert_eq!(Positions::at(TEXT, 99, 1), None);
    }

    #[test]
    fn broken_and_deep_text_gives_what_it_can() {
        let positions = Positions::of("{\"a\": [1, 2", Format::Json);
        assert!(positions.find("/a/1").is_some());
        let deep = "[".repeat(100_000);
        assert!(Positions::of(&deep, Format::Json).find("").is_some());
    }
}
