//! `cargo test --test conformance`: runs every execution case recorded against AWS in
//! `tests/data/aws-recorded/` on the bundled interpreter, judges it by the rules of that folder's
//! README ("Comparing results"), prints a table per category, and fails when fewer cases pass than
//! `tests/conformance/baseline.txt` says (raise the baseline as the engine improves; never
//! lower it). `CONFORMANCE_VERBOSE=1` lists every failing case with the difference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use workflow::engine::{Engine, ExecutionIdentity, Handlers, Mocks, Outcome, S3Objects};

#[path = "../support/recorded.rs"]
mod recorded;
use recorded::case_files;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/aws-recorded");
    if !root.is_dir() {
        eprintln!("conformance: {} is missing", root.display());
        return ExitCode::FAILURE;
    }
    let verbose = std::env::var_os("CONFORMANCE_VERBOSE").is_some();
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in case_files(&root) {
        let Some(case) = read(&path) else { continue };
        if !in_scope(&case) {
            continue;
        }
        let category = case["category"].as_str().unwrap_or_default().to_owned();
        let verdict = judge(&case);
        let row = table.entry(category).or_default();
        row.1 += 1;
        match verdict {
            Ok(()) => row.0 += 1,
            Err(why) => failures.push(format!(
                "{}: {why}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )),
        }
    }
    let (passed, total) = table
        .values()
        .fold((0, 0), |(p, t), (cp, ct)| (p + cp, t + ct));
    println!("{:<24} {:>6} {:>6}", "category", "passed", "cases");
    for (category, (p, t)) in &table {
        println!("{category:<24} {p:>6} {t:>6}");
    }
    println!(
        "{:<24} {passed:>6} {total:>6}  ({:.1}%)",
        "total",
        100.0 * passed as f64 / total.max(1) as f64
    );
    if verbose {
        for failure in &failures {
            println!("FAIL {failure}");
        }
    }
    let baseline_file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/baseline.txt");
    let baseline: usize = std::fs::read_to_string(&baseline_file)
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(usize::MAX);
    if passed < baseline {
        eprintln!(
            "conformance: {passed} cases pass, fewer than the baseline of {baseline} in {}",
            baseline_file.display()
        );
        return ExitCode::FAILURE;
    }
    if passed > baseline {
        println!(
            "conformance: {passed} pass, above the baseline of {baseline}: raise it in {}",
            baseline_file.display()
        );
    }
    ExitCode::SUCCESS
}

fn read(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Every execution case, in both query languages (definition-only cases are the validator's).
fn in_scope(case: &Value) -> bool {
    let status = case["expected"]["status"].as_str().unwrap_or_default();
    !matches!(status, "CREATE_FAILED" | "VALIDATED")
}

fn judge(case: &Value) -> Result<(), String> {
    let definition = case["definition"].to_string();
    let engine =
        Engine::from_json(&definition).map_err(|error| format!("does not compile: {error}"))?;
    let mocks = Mocks::from_value(
        case.get("mocks")
            .unwrap_or(&Value::Object(Default::default())),
    )?;
    let objects = S3Objects::from_value(
        case.get("s3_objects")
            .unwrap_or(&Value::Object(Default::default())),
    )?;
    let identity = ExecutionIdentity {
        express: case["notes"]["state_machine_type"] == "EXPRESS"
            || case["tags"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t == "express")),
        ..ExecutionIdentity::default()
    };
    let engine = engine
        .handlers(Handlers::new().mocks(mocks))
        .map_err(|error| error.to_string())?
        .s3_objects(objects)
        .identity(identity);
    let outcome = engine.run_blocking(case["input"].clone());
    compare(case, &outcome)
}

fn compare(case: &Value, outcome: &Outcome) -> Result<(), String> {
    let expected = &case["expected"];
    let notes = &case["notes"];
    let status = expected["status"].as_str().unwrap_or_default();
    let actual = outcome.to_json();
    if outcome.status.as_str() != status {
        return Err(format!(
            "status {} expected {status}; got {actual}",
            outcome.status.as_str()
        ));
    }
    if status == "SUCCEEDED" {
        let wildcards: Vec<&str> = notes["output_placeholders"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let output = outcome.output.clone().unwrap_or(Value::Null);
        if !same(&expected["output"], &output, "", &wildcards) {
            return Err(format!("output {output} expected {}", expected["output"]));
        }
        return Ok(());
    }
    let tokens: Vec<&str> = notes["placeholder_tokens"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let placeholder_fields: Vec<&str> = notes["placeholder_fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (field, actual) in [("error", &outcome.error), ("cause", &outcome.cause)] {
        let expected = expected[field].as_str();
        let matches = match (expected, actual.as_deref()) {
            (None, None) => true,
            (Some(expected), Some(actual)) if placeholder_fields.contains(&field) => {
                matches_with_tokens(expected, actual, &tokens)
            }
            (Some(expected), Some(actual))
                if field == "cause" && notes["cause_format_guessed"].as_bool() == Some(true) =>
            {
                match (
                    serde_json::from_str::<Value>(expected),
                    serde_json::from_str::<Value>(actual),
                ) {
                    (Ok(e), Ok(a)) => same(&e, &a, "", &[]),
                    _ => expected == actual,
                }
            }
            (Some(expected), Some(actual)) => expected == actual,
            _ => false,
        };
        if !matches {
            return Err(format!("{field} {actual:?} expected {expected:?}"));
        }
    }
    Ok(())
}

/// JSON equality with numbers by value, member order ignored, and `wildcards` (pointers into
/// the expected value) matching anything.
fn same(expected: &Value, actual: &Value, pointer: &str, wildcards: &[&str]) -> bool {
    if wildcards.contains(&pointer) {
        return true;
    }
    match (expected, actual) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .enumerate()
                    .all(|(i, (x, y))| same(x, y, &format!("{pointer}/{i}"), wildcards))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    let child = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                    y.get(k).is_some_and(|w| same(v, w, &child, wildcards))
                })
        }
        _ => expected == actual,
    }
}

/// `expected` with each placeholder token standing for any text.
fn matches_with_tokens(expected: &str, actual: &str, tokens: &[&str]) -> bool {
    let mut pieces = vec![expected.to_owned()];
    for token in tokens {
        pieces = pieces
            .iter()
            .flat_map(|piece| piece.split(token).map(str::to_owned).collect::<Vec<_>>())
            .collect();
    }
    let mut rest = actual;
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(piece.as_str()) else {
                return false;
            };
            rest = after;
        } else if i == pieces.len() - 1 {
            return rest.ends_with(piece.as_str());
        } else {
            let Some(at) = rest.find(piece.as_str()) else {
                return false;
            };
            rest = &rest[at + piece.len()..];
        }
    }
    pieces.len() > 1 || rest.is_empty()
}
