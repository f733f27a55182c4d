//! YAML text ↔ the loader's tree: definitions as the AWS Toolkit and Workflow Studio write them
//! (`*.asl.yaml`). Reading goes through the same seed as JSON ([`json::read_document`]), so
//! duplicate keys and the depth cap are found the same way and the loader sees one tree shape.
//! YAML 1.2: `yes`/`no` are strings, numbers with leading zeros are decimal.

use serde_json::Value;

use super::json::{self, ParseError, Parsed};

/// The stack of the thread that parses YAML: the YAML deserializer takes tens of KiB per level
/// of nesting in a debug build, so the [`json::MAX_DEPTH`] levels a JSON definition may have
/// would overflow a 2 MiB test thread. Only the pages used are ever committed.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Parses `text` as one YAML document.
pub(crate) fn parse(text: &str) -> Result<Parsed<'_>, ParseError> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("workflow-yaml".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, || parse_here(text))
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

fn parse_here(text: &str) -> Result<Parsed<'_>, ParseError> {
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
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
        json::read_document(de)
    });
    parsed.map_err(|error| {
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
    })
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
    fn writes_text_that_reads_back_equal() {
        let value = serde_json::json!({"Comment": "2010-09-09", "Yes": "yes", "n": 1.5,
            "multi": "a\nb", "empty": {}, "list": [], "null": null, "big": 18446744073709551615u64});
        let text = to_text(&value);
        let back = parse(&text).map(|parsed| parsed.value.to_value()).ok();
        assert_eq!(back, Some(value), "{text}");
    }
}
