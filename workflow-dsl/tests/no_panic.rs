//! Bad input never panics: arbitrary bytes, and the definitions of `tests/data/aws-recorded/` with
//! random mutations, go through parse + load + validate + emit under every profile (proptest,
//! bounded case counts so the suite stays fast; raise `PROPTEST_CASES` for a longer run).

use std::path::PathBuf;
use std::sync::OnceLock;

#[path = "../../tests/support/recorded.rs"]
mod recorded;

use proptest::prelude::*;
use serde_json::Value;
use workflow_dsl::{Profile, StateMachine, check};

const PROFILES: [Profile; 3] = [Profile::Aws, Profile::AwsExpress, Profile::Spec];

/// Every definition recorded in `tests/data/aws-recorded/`.
fn corpus() -> &'static [Value] {
    static CORPUS: OnceLock<Vec<Value>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/aws-recorded");
        let mut definitions = Vec::new();
        for file in recorded::case_files(&root) {
            let text = std::fs::read_to_string(file).unwrap();
            let case: Value = serde_json::from_str(&text).unwrap();
            if let Some(definition) = case.get("definition") {
                definitions.push(definition.clone());
            }
        }
        assert!(definitions.len() > 1000);
        definitions
    })
}

fn exercise(text: &str) {
    for profile in PROFILES {
        let report = check(text, profile);
        let _ = report.to_aws_validation();
        let _ = report.aws_create_error();
        let _ = report.to_string();
    }
    if let Ok(machine) = StateMachine::from_json(text) {
        // Whatever loads must survive the round trip.
        let again =
            StateMachine::from_json(&machine.to_json_pretty()).expect("re-emitted JSON loads");
        assert_eq!(again, machine);
        let _ = workflow_dsl::validate(&machine, Profile::Aws);
    }
}

/// Replacement values that hit type checks: every JSON type, paths, intrinsics, JSONata.
fn replacement(pick: u64) -> Value {
    let options = [
        Value::Null,
        Value::Bool(true),
        Value::from(-1),
        Value::from(0),
        Value::from(1.5),
        Value::from(100_000_000_000u64),
        Value::from(""),
        Value::from("$"),
        Value::from("$.a[?(@.b > 1)]"),
        Value::from("$$.Execution.Id"),
        Value::from("$var.x"),
        Value::from("States.Format('{}', $.a)"),
        Value::from("States.Nope("),
        Value::from("{% $states.input %}"),
        Value::from("{% ( %}"),
        Value::from("arn:aws:lambda:...:function:X"),
        Value::from("2016-03-14T01:59:00Z"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({"Type": "Pass", "End": true}),
        serde_json::json!([{"ErrorEquals": ["States.ALL"], "Next": "X"}]),
    ];
    options[(pick % options.len() as u64) as usize].clone()
}

/// Applies one mutation at a pseudo-random node chosen by `path`.
fn mutate(value: &mut Value, path: &[u64], op: u64) {
    let (step, rest) = match path.split_first() {
        Some(split) => split,
        None => (&0, &[][..]),
    };
    match value {
        Value::Object(object) if !object.is_empty() && !rest.is_empty() => {
            let index = (*step % object.len() as u64) as usize;
            let key = object.keys().nth(index).cloned().unwrap();
            match op % 4 {
                0 if rest.len() == 1 => {
                    object.shift_remove(&key);
                }
                1 if rest.len() == 1 => {
                    let moved = object.shift_remove(&key).unwrap();
                    object.insert(format!("{key}X"), moved);
                }
                _ => mutate(object.get_mut(&key).unwrap(), rest, op / 4),
            }
        }
        Value::Array(items) if !items.is_empty() && !rest.is_empty() => {
            let index = (*step % items.len() as u64) as usize;
            if op.is_multiple_of(5) {
                items.remove(index);
            } else {
                mutate(&mut items[index], rest, op / 5);
            }
        }
        other => *other = replacement(op),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn json_shaped_text_never_panics(text in r#"[\[\]{}",:0-9a-zA-Z$.%@ \\-]{0,200}"#) {
        exercise(&text);
    }

    #[test]
    fn mutated_corpus_definitions_never_panic(
        which in any::<u64>(),
        path in proptest::collection::vec(any::<u64>(), 1..12),
        op in any::<u64>(),
        truncate in any::<u16>(),
    ) {
        let corpus = corpus();
        let mut definition = corpus[(which % corpus.len() as u64) as usize].clone();
        mutate(&mut definition, &path, op);
        let text = definition.to_string();
        exercise(&text);
        // Cut text is the other classic: unterminated strings, objects and escapes.
        let cut = text.char_indices().map(|(i, _)| i).nth(truncate as usize % text.len().max(1)).unwrap_or(0);
        exercise(&text[..cut]);
    }
}

/// Every recorded definition that runs, with a mutated input: the engine ends every execution
/// with a status, never a panic.
#[cfg(feature = "engine")]
mod engine {
    use proptest::prelude::*;
    use serde_json::Value;
    use workflow_dsl::engine::{Engine, Handlers};

    use super::{corpus, mutate, replacement};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn runs_with_mutated_inputs_end_with_a_status(
            which in any::<u64>(),
            path in proptest::collection::vec(any::<u64>(), 1..6),
            op in any::<u64>(),
        ) {
            let corpus = corpus();
            let definition = &corpus[(which % corpus.len() as u64) as usize];
            let Ok(engine) = Engine::from_json(&definition.to_string()) else { return Ok(()) };
            let mut input = Value::Object(Default::default());
            input["a"] = replacement(op);
            input["items"] = serde_json::json!([1, "two", {"three": 3}, [4], null]);
            mutate(&mut input, &path, op);
            // Tasks have no handlers: they fail with States.TaskFailed, which exercises Catch.
            let outcome = engine.handlers(Handlers::new()).unwrap().run_blocking(input);
            prop_assert!(!outcome.status.as_str().is_empty());
        }
    }
}
