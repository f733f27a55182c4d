//! JSON text → [`Json`], a tree that borrows its strings from the text.
//!
//! Two reasons not to use `serde_json::Value` here. Speed: loading a definition touches every
//! member once, and a borrowed tree with plain vectors for objects skips an allocation per
//! string and a hash per key (measured: parse + load of a 1,000-state definition went from
//! 5.0 ms to 2.4 ms, `benches/check.rs`). Strictness: a duplicated key is reported instead of
//! silently keeping the last value (that would lose a state), and nesting is capped at
//! [`MAX_DEPTH`] by us rather than by serde_json's fixed 128, so a deeply nested definition
//! gets the validator's V113 while hostile input still cannot exhaust the stack.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use crate::diagnostics::pointer::child;

/// The deepest nesting of arrays and objects accepted. Each container level costs four JSON
/// levels (`States`, the state, `Branches`, the branch), so this leaves room for
/// [`MAX_NESTING`](super::MAX_NESTING) containers plus deep payloads, while every recursive walk
/// of a value stays inside a 2 MiB thread stack.
pub const MAX_DEPTH: usize = 256;

/// A JSON value whose strings borrow from the source text where they have no escapes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// A JSON object: members in document order (the last of duplicated keys kept, as serde_json).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Object<'a> {
    /// The value of `key`. Linear: the objects looked up by key are states and their parts,
    /// which have a few dozen members at most.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(k, _)| k.as_ref())
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }
}

impl<'a> Json<'a> {
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The owned `serde_json::Value`, for the parts of a definition the model keeps verbatim.
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.as_ref().to_owned()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

impl fmt::Display for Json<'_> {
    /// Compact JSON text, as `serde_json::Value` prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

/// A parsed document and the duplicated keys found in it.
pub(crate) struct Parsed<'a> {
    pub value: Json<'a>,
    /// `(pointer to the object, duplicated key)`, in document order.
    pub duplicates: Vec<(String, String)>,
}

/// Why the text is not an acceptable JSON document.
#[derive(Debug)]
pub(crate) enum ParseError {
    /// Not JSON.
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep { line: usize, column: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Syntax {
                message,
                line,
                column,
            } => write!(f, "{message} at line {line}, column {column}"),
            ParseError::TooDeep { line, column } => write!(
                f,
                "nested more than {MAX_DEPTH} levels deep at line {line}, column {column}"
            ),
        }
    }
}

const TOO_DEEP: &str = "__workflow_too_deep__";

/// Where the parser is, for naming the objects that hold duplicated keys. Steps borrow from
/// the text, so tracking them costs no allocation in the common case.
struct Context<'de> {
    path: Vec<Step<'de>>,
    duplicates: Vec<(String, String)>,
}

enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

impl Context<'_> {
    fn pointer(&self) -> String {
        self.path
            .iter()
            .fold(String::new(), |pointer, step| match step {
                Step::Key(key) => child(&pointer, key),
                Step::Index(index) => child(&pointer, &index.to_string()),
            })
    }
}

/// Parses `text` as one JSON document.
pub(crate) fn parse(text: &str) -> Result<Parsed<'_>, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let result = read_document(&mut deserializer).and_then(|parsed| {
        deserializer.end()?;
        Ok(parsed)
    });
    match result {
        Ok(parsed) => Ok(parsed),
        Err(error) if error.to_string().starts_with(TOO_DEEP) => Err(ParseError::TooDeep {
            line: error.line(),
            column: error.column(),
        }),
        Err(error) => {
            let message = error.to_string();
            // serde_json appends " at line L column C"; we report the position separately.
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_owned(),
                None => message,
            };
            Err(ParseError::Syntax {
                message,
                line: error.line(),
                column: error.column(),
            })
        }
    }
}

/// Reads one document from any serde data format (the YAML reader uses it) into a [`Parsed`],
/// with the duplicate-key record and the depth cap of JSON; an error for which
/// [`is_too_deep`] holds means the cap.
pub(crate) fn read_document<'de, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<Parsed<'de>, D::Error> {
    let mut context = Context {
        path: Vec::new(),
        duplicates: Vec::new(),
    };
    let seed = JsonSeed {
        context: &mut context,
        depth: 0,
    };
    let value = seed.deserialize(deserializer)?;
    Ok(Parsed {
        value,
        duplicates: context.duplicates,
    })
}

/// Whether a reader's error message is the depth cap of [`read_document`].
#[cfg(feature = "yaml")]
pub(crate) fn is_too_deep(message: &str) -> bool {
    message.contains(TOO_DEEP)
}

struct JsonSeed<'c, 'de> {
    context: &'c mut Context<'de>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for JsonSeed<'_, 'de> {
    type Value = Json<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> JsonSeed<'_, 'de> {
    fn nested<E: de::Error>(&mut self) -> Result<JsonSeed<'_, 'de>, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(TOO_DEEP));
        }
        Ok(JsonSeed {
            context: self.context,
            depth: self.depth + 1,
        })
    }
}

/// Object keys, borrowed from the text when they have no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// Objects larger than this find duplicate keys with a hash set instead of a linear scan.
const LINEAR_SCAN_MAX: usize = 16;

impl<'de> Visitor<'de> for JsonSeed<'_, 'de> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Number))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let inner = self.nested()?;
        let mut items = Vec::new();
        loop {
            inner.context.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(JsonSeed {
                context: inner.context,
                depth: inner.depth,
            });
            inner.context.path.pop();
            match item? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Json<'de>, A::Error> {
        let inner = self.nested()?;
        let mut members: Vec<(Cow<'de, str>, Json<'de>)> = Vec::new();
        let mut seen: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            inner.context.path.push(Step::Key(key.clone()));
            let value = access.next_value_seed(JsonSeed {
                context: inner.context,
                depth: inner.depth,
            });
            inner.context.path.pop();
            let value = value?;
            let duplicate = if members.len() < LINEAR_SCAN_MAX {
                members.iter().position(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(members.iter().map(|(k, _)| k.clone()));
                }
                if seen.insert(key.clone()) {
                    None
                } else {
                    members.iter().position(|(k, _)| *k == key)
                }
            };
            match duplicate {
                Some(index) => {
                    let pointer = inner.context.pointer();
                    inner
                        .context
                        .duplicates
                        .push((pointer, key.as_ref().to_owned()));
                    members[index].1 = value;
                }
                None => members.push((key, value)),
            }
        }
        Ok(Json::Object(Object { members }))
    }
}

impl<'s, 'a> IntoIterator for &'s Object<'a> {
    type Item = (&'s str, &'s Json<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'s, (Cow<'a, str>, Json<'a>)>,
        fn(&'s (Cow<'a, str>, Json<'a>)) -> (&'s str, &'s Json<'a>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> Json<'a> {
    /// A borrowed view of a `serde_json::Value`, or `None` when it nests deeper than
    /// [`MAX_DEPTH`].
    pub fn from_value(value: &'a Value) -> Option<Json<'a>> {
        Self::from_value_at(value, 0)
    }

    fn from_value_at(value: &'a Value, depth: usize) -> Option<Json<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|item| Self::from_value_at(item, depth + 1))
                    .collect::<Option<_>>()?,
            ),
            Value::Object(object) => Json::Object(Object {
                members: object
                    .iter()
                    .map(|(k, v)| {
                        Some((
                            Cow::Borrowed(k.as_str()),
                            Self::from_value_at(v, depth + 1)?,
                        ))
                    })
                    .collect::<Option<_>>()?,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_without_escapes_borrow_from_the_text() {
        let parsed = parse(r#"{"a": "plain", "b": "esc\"aped"}"#).unwrap();
        let object = parsed.value.as_object().unwrap();
        assert!(matches!(
            object.get("a"),
            Some(Json::String(Cow::Borrowed("plain")))
        ));
        assert_eq!(object.get("b").and_then(Json::as_str), Some("esc\"aped"));
        assert_eq!(
            parsed.value.to_value(),
            serde_json::json!({"a": "plain", "b": "esc\"aped"})
        );
    }

    #[test]
    fn reports_duplicate_keys_with_their_object() {
        let parsed = parse(r#"{"States": {"A": 1, "B": [{"x": 1, "x": 2}], "A": 3}}"#).unwrap();
        assert_eq!(
            parsed.duplicates,
            vec![
                ("/States/B/0".to_owned(), "x".to_owned()),
                ("/States".to_owned(), "A".to_owned())
            ]
        );
        // As serde_json does, the last value wins.
        assert_eq!(
            parsed.value.to_value(),
            serde_json::json!({"States": {"A": 3, "B": [{"x": 2}]}})
        );
    }

    #[test]
    fn finds_duplicates_in_large_objects() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k7\": 0}}", members.join(", "));
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.duplicates, vec![(String::new(), "k7".to_owned())]);
        assert_eq!(parsed.value.as_object().unwrap().len(), 40);
    }

    #[test]
    fn caps_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert!(matches!(parse(&deep), Err(ParseError::TooDeep { .. })));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        match parse("{\n  \"a\": x\n}") {
            Err(ParseError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 8)),
            _ => panic!("expected a syntax error"),
        }
        assert!(matches!(parse("{} x"), Err(ParseError::Syntax { .. })));
    }
}
