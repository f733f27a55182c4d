//! YAML text ↔ the loader's tree: definitions as the AWS Toolkit and Workflow Studio write them
//! (`*.asl.yaml`). Reading goes through the same seed as JSON ([`json::read_document`]), so
//! duplicate keys and the depth cap are found the same way and the loader sees one tree shape.
//! YAML 1.2: `yes`/`no` are strings, numbers with leading zeros are decimal.

use serde_json::Value;

use super::json::{self, ParseError, Parsed};
use crate::diagnostics::pointer::child;

/// The stack of the thread that parses YAML: the YAML deserializer takes tens of KiB per level
/// of nesting in a debug build, so the [`json::MAX_DEPTH`] levels a JSON definition may have
/// would overflow a 2 MiB test thread. Only the pages used are ever committed.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Parses `text` as one YAML document.
pub(crate) fn parse(text: &str) -> Result<Parsed<'_>, ParseError> {
    on_large_stack(|| {
        let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
            json::read_document(de)
        });
        parsed.map_err(parse_error)
    })
}

/// Parses a CloudFormation or SAM template written in YAML, its short-form intrinsics (`!Ref
/// Fn`, `!GetAtt Fn.Arn`, `!Sub …`) written out in their JSON form (`{"Ref": "Fn"}`,
/// `{"Fn::GetAtt": ["Fn", "Arn"]}`, `{"Fn::Sub": …}`), as CloudFormation reads them.
pub(crate) fn parse_template(text: &str) -> Result<Value, ParseError> {
    on_large_stack(|| {
        serde_saphyr::from_str_with_options::<Node>(text, options())
            .map(Node::into_value)
            .map_err(parse_error)
    })
}

/// The byte range of each value of a YAML text, by JSON pointer (see
/// [`Positions`](crate::diagnostics::positions::Positions) for which range a member gets);
/// empty when the text does not read.
pub(crate) fn ranges(text: &str) -> Vec<(String, (usize, usize))> {
    let node = on_large_stack(|| {
        serde_saphyr::from_str_with_options::<Placed>(text, options()).map_err(parse_error)
    });
    let mut out = Vec::new();
    if let Ok(node) = node {
        node.collect(String::new(), None, &mut out);
    }
    out
}

/// A YAML node and where it is.
struct Placed(serde_saphyr::Spanned<PlacedKind>);

enum PlacedKind {
    Scalar,
    Sequence(Vec<Placed>),
    Mapping(Vec<(serde_saphyr::Spanned<String>, Placed)>),
}

fn byte_range(location: &serde_saphyr::Location) -> Option<(usize, usize)> {
    let span = location.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let length = usize::try_from(span.byte_len().unwrap_or(0)).ok()?;
    Some((start, start + length.max(1)))
}

impl Placed {
    fn collect(
        &self,
        pointer: String,
        key: Option<(usize, usize)>,
        out: &mut Vec<(String, (usize, usize))>,
    ) {
        let own = byte_range(&self.0.referenced);
        match &self.0.value {
            PlacedKind::Scalar => {
                if let Some(range) = own {
                    out.push((pointer, range));
                }
            }
            PlacedKind::Sequence(items) => {
                if let Some(range) = key.or(own) {
                    out.push((pointer.clone(), range));
                }
                for (index, item) in items.iter().enumerate() {
                    item.collect(child(&pointer, &index.to_string()), None, out);
                }
            }
            PlacedKind::Mapping(members) => {
                if let Some(range) = key.or(own) {
                    out.push((pointer.clone(), range));
                }
                for (name, value) in members {
                    let key = byte_range(&name.referenced);
                    value.collect(child(&pointer, &name.value), key, out);
                }
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Placed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Placed, D::Error> {
        serde_saphyr::Spanned::<PlacedKind>::deserialize(deserializer).map(Placed)
    }
}

impl<'de> serde::Deserialize<'de> for PlacedKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<PlacedKind, D::Error> {
        deserializer.deserialize_any(PlacedVisitor)
    }
}

struct PlacedVisitor;

impl<'de> serde::de::Visitor<'de> for PlacedVisitor {
    type Value = PlacedKind;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_none<E>(self) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_bool<E>(self, _: bool) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_i64<E>(self, _: i64) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_u64<E>(self, _: u64) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_f64<E>(self, _: f64) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_str<E>(self, _: &str) -> Result<PlacedKind, E> {
        Ok(PlacedKind::Scalar)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<PlacedKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Placed>()? {
            items.push(item);
        }
        Ok(PlacedKind::Sequence(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PlacedKind, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<serde_saphyr::Spanned<String>, Placed>()? {
            members.push(member);
        }
        Ok(PlacedKind::Mapping(members))
    }
}

/// Runs `read` on a thread with [`PARSER_STACK_BYTES`] of stack.
fn on_large_stack<T: Send>(
    read: impl FnOnce() -> Result<T, ParseError> + Send,
) -> Result<T, ParseError> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("workflow-yaml".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, read)
            .map_err(|error| ParseError::Syntax {
                message: format!("cannot start the YAML reader: {error}"),
                line: 0,
                column: 0,
            })?
            .join()
            .unwrap_or_else(|_| {
                Err(ParseError::Syntax {
                    message: "the YAML reader failed".to_owned(),
                    line: 0,
                    column: 0,
                })
            })
    })
}

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::LastWins,
        strict_booleans: true,
        with_snippet: false,
    };
    if let Some(budget) = options.budget.as_mut() {
        // The seed caps nesting itself (with V113's message); the parser's own default of 64
        // would refuse definitions AWS accepts.
        budget.max_depth = json::MAX_DEPTH + 8;
        budget.flow_nesting_limit = json::MAX_DEPTH + 8;
    }
    options
}

fn parse_error(error: serde_saphyr::Error) -> ParseError {
    let (line, column) = error
        .location()
        .map_or((0, 0), |at| (at.line() as usize, at.column() as usize));
    let message = error.to_string();
    // The parser's own flow-nesting cap reads ahead of the seed's.
    if json::is_too_deep(&message) || message.contains("recursion limit exceeded") {
        return ParseError::TooDeep { line, column };
    }
    // The message ends with its position, which the diagnostic gives on its own.
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    };
    ParseError::Syntax {
        message,
        line,
        column,
    }
}

/// A YAML node with its tag, for templates.
struct Node(serde_saphyr::Tagged<Kind>);

enum Kind {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Sequence(Vec<Node>),
    Mapping(Vec<(String, Node)>),
}

impl Node {
    fn into_value(self) -> Value {
        let serde_saphyr::Tagged(kind, tag) = self.0;
        let value = match kind {
            Kind::Null => Value::Null,
            Kind::Bool(flag) => Value::Bool(flag),
            Kind::Number(number) => Value::Number(number),
            Kind::String(text) => Value::String(text),
            Kind::Sequence(items) => {
                Value::Array(items.into_iter().map(Node::into_value).collect())
            }
            Kind::Mapping(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(key, node)| (key, node.into_value()))
                    .collect(),
            ),
        };
        match tag.as_deref().and_then(|tag| tag.strip_prefix('!')) {
            // `!!str` and the other core tags only say the type.
            None | Some("") => value,
            Some(core) if core.starts_with('!') || core.starts_with("<") => value,
            Some("Ref") => serde_json::json!({ "Ref": value }),
            Some("Condition") => serde_json::json!({ "Condition": value }),
            Some("GetAtt") => {
                let value = match value {
                    Value::String(text) => match text.split_once('.') {
                        Some((resource, attribute)) => serde_json::json!([resource, attribute]),
                        None => Value::String(text),
                    },
                    other => other,
                };
                serde_json::json!({ "Fn::GetAtt": value })
            }
            Some(function) => {
                let mut object = serde_json::Map::new();
                object.insert(format!("Fn::{function}"), value);
                Value::Object(object)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        serde_saphyr::Tagged::<Kind>::deserialize(deserializer).map(Node)
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
        deserializer.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> serde::de::Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
        Ok(Kind::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Kind, E> {
        Ok(Kind::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Kind::Null, Kind::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Kind::Sequence(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            members.push((key, value));
        }
        Ok(Kind::Mapping(members))
    }
}

/// `value` as YAML text: block style, two-space indents, strings quoted where YAML would read
/// them as another type.
pub(crate) fn to_text(value: &Value) -> String {
    serde_saphyr::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_same_tree_as_json() {
        let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {n: 1, ok: yes}\n    End: true\n";
        let json = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":1,"ok":"yes"},"End":true}}}"#;
        let from_yaml = parse(yaml).map(|parsed| parsed.value.to_value()).ok();
        let from_json = json::parse(json).map(|parsed| parsed.value.to_value()).ok();
        assert!(from_yaml.is_some());
        assert_eq!(from_yaml, from_json);
    }

    #[test]
    fn reports_duplicate_keys_with_their_object() {
        let yaml = "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n  A: {Type: Succeed}\n";
        let parsed = parse(yaml).map_err(|_| "parse").unwrap();
        assert_eq!(parsed.duplicates, [("/States".to_owned(), "A".to_owned())]);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        match parse("StartAt: A\nStates: [unclosed\n") {
            Err(ParseError::Syntax { line, .. }) => assert!(line >= 2, "line {line}"),
            other => panic!("expected a syntax error, got {:?}", other.map(|p| p.value)),
        }
    }

    #[test]
    fn caps_nesting_without_overflowing_the_stack() {
        let flow = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let block: String = (0..5_000)
            .map(|level| format!("{}-\n", "  ".repeat(level)))
            .collect();
        for text in [flow, block, "- ".repeat(5_000) + "1\n"] {
            let result = parse(&text);
            assert!(
                matches!(result, Err(ParseError::TooDeep { .. })),
                "{:?}",
                result.map(|_| ())
            );
        }
        let fine: String = (0..200)
            .map(|level| format!("{}-\n", "  ".repeat(level)))
            .collect();
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn template_short_forms_become_their_json_forms() {
        let text = "Resources:\n  Flow:\n    Properties:\n      Role: !GetAtt Role.Arn\n      Name: !Ref Name\n      Uri: !Sub 's3://${Bucket}/x'\n      Joined: !Join ['', [a, !Ref B]]\n      Plain: !!str 12\n";
        let value = parse_template(text).map_err(|e| e.to_string()).unwrap();
        assert_eq!(
            value["Resources"]["Flow"]["Properties"],
            serde_json::json!({
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Name": {"Ref": "Name"},
                "Uri": {"Fn::Sub": "s3://${Bucket}/x"},
                "Joined": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
                "Plain": "12"
            })
        );
    }

    #[test]
    fn yaml_values_are_placed_by_pointer() {
        let text =
            "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Bé\n  B:\n    - {k: true}\n";
        let ranges: std::collections::HashMap<String, (usize, usize)> =
            ranges(text).into_iter().collect();
        let at = |pointer: &str| ranges.get(pointer).map(|&(start, end)| &text[start..end]);
        assert_eq!(at("/StartAt"), Some("A"));
        assert_eq!(
            at("/States/A"),
            Some("A"),
            "a mapping member is placed at its key"
        );
        assert_eq!(at("/States/A/Next"), Some("Bé"));
        assert_eq!(at("/States/B/0/k"), Some("true"));
    }

    #[test]
    fn writes_text_that_reads_back_equal() {
        let value = serde_json::json!({"Comment": "2010-09-09", "Yes": "yes", "n": 1.5,
            "multi": "a\nb", "empty": {}, "list": [], "null": null, "big": 18446744073709551615u64});
        let text = to_text(&value);
        let back = parse(&text).map(|parsed| parsed.value.to_value()).ok();
        assert_eq!(back, Some(value), "{text}");
    }
}
