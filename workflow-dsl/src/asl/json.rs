//! JSON text → `serde_json::Value`, stricter than `serde_json::from_str` in the two ways a
//! definition loader needs: a duplicated object key is reported instead of silently keeping the
//! last value (that would lose a state), and nesting is capped at [`MAX_DEPTH`] levels by us
//! rather than by serde_json's fixed 128, so a deeply nested definition gets the validator's
//! V113 diagnostic while hostile input still cannot exhaust the stack.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::validate::pointer::child;

/// The deepest nesting of arrays and objects accepted. Each container level costs four JSON
/// levels (`States`, the state, `Branches`, the branch), so this leaves room for
/// [`MAX_NESTING`](super::MAX_NESTING) containers plus deep payloads, while every recursive walk
/// of a value stays inside a 2 MiB thread stack.
pub const MAX_DEPTH: usize = 256;

/// A parsed document and the duplicated keys found in it.
pub(crate) struct Parsed {
    pub value: Value,
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

const TOO_DEEP: &str = "__workflow_too_deep__";

#[derive(Default)]
struct Context {
    path: Vec<String>,
    duplicates: Vec<(String, String)>,
}

impl Context {
    fn pointer(&self) -> String {
        self.path
            .iter()
            .fold(String::new(), |pointer, key| child(&pointer, key))
    }
}

/// Parses `text` as one JSON document.
pub(crate) fn parse(text: &str) -> Result<Parsed, ParseError> {
    let context = RefCell::new(Context::default());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let seed = ValueSeed {
        context: &context,
        depth: 0,
    };
    let result = seed.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    match result {
        Ok(value) => Ok(Parsed {
            value,
            duplicates: context.into_inner().duplicates,
        }),
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

#[derive(Clone, Copy)]
struct ValueSeed<'c> {
    context: &'c RefCell<Context>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed<'_> {
    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(TOO_DEEP));
        }
        Ok(ValueSeed {
            context: self.context,
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut items = Vec::new();
        loop {
            let index = items.len().to_string();
            inner.context.borrow_mut().path.push(index);
            let item = seq.next_element_seed(inner);
            inner.context.borrow_mut().path.pop();
            match item? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            inner.context.borrow_mut().path.push(key.clone());
            let value = access.next_value_seed(inner);
            let mut context = inner.context.borrow_mut();
            context.path.pop();
            let value = value?;
            if map.contains_key(&key) {
                let pointer = context.pointer();
                context.duplicates.push((pointer, key.clone()));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_duplicate_keys_with_their_object() {
        let parsed = parse(r#"{"States": {"A": 1, "B": 2, "A": 3}}"#).unwrap();
        assert_eq!(
            parsed.duplicates,
            vec![("/States".to_owned(), "A".to_owned())]
        );
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
