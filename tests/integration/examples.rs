//! The seed workflows in `examples/` and their JSONata versions in `examples/jsonata/` run on
//! the same mocks and inputs to the same, expected, results.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use workflow::engine::{Engine, Handlers, Mocks, Status};

use crate::support::read_json;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Runs `file` on `mocks` (a `{"mocks": …}` object) and returns status, output, error, cause.
fn run(file: &Path, mocks: &Value, input: Value) -> (Status, Option<Value>, Option<String>) {
    let text = std::fs::read_to_string(file).unwrap();
    let engine = Engine::from_json(&text)
        .unwrap_or_else(|error| panic!("{}: {error}", file.display()))
        .handlers(Handlers::new().mocks(Mocks::from_value(&mocks["mocks"]).unwrap()))
        .unwrap();
    let outcome = engine.run_blocking(input);
    (outcome.status, outcome.output, outcome.error)
}

/// Both versions of `name` give `expected` for `input`.
#[track_caller]
fn both(name: &str, mocks: &Value, input: Value, expected: (Status, Option<Value>, Option<&str>)) {
    let file = format!("{name}.asl.json");
    for path in [
        examples().join(&file),
        examples().join("jsonata").join(&file),
    ] {
        let (status, output, error) = run(&path, mocks, input.clone());
        assert_eq!(
            (status, output, error.as_deref()),
            (expected.0, expected.1.clone(), expected.2),
            "{}",
            path.display()
        );
    }
}

fn mocks(name: &str) -> Value {
    read_json(&examples().join(format!("{name}-mocks.json")))
}

#[test]
fn order_workflow_runs_the_three_tasks_in_order() {
    let input = read_json(&examples().join("order-input.json"));
    let shipped =
        json!({"order_id": "12345", "status": "SHIPPED", "tracking_number": "1Z999AA10123456784"});
    both(
        "order-workflow",
        &mocks("order"),
        input,
        (Status::Succeeded, Some(shipped), None),
    );
    let processed = json!({"order_id": "12345", "status": "PROCESSED"});
    both(
        "boto3-order",
        &mocks("boto3-order"),
        json!({}),
        (Status::Succeeded, Some(processed), None),
    );
}

#[test]
fn choice_routes_by_total_then_priority() {
    let mocks = mocks("choice");
    let cases = [
        (json!({"total": 1500, "priority": "rush"}), "high-value"),
        (json!({"total": 1000, "priority": "rush"}), "rush"),
        (json!({"total": 10, "priority": "normal"}), "standard"),
    ];
    for (input, route) in cases {
        let (_, output, _) = run(&examples().join("choice.asl.json"), &mocks, input.clone());
        let output = output.unwrap_or_default();
        assert_eq!(output["route"], route, "{input}");
        both(
            "choice",
            &mocks,
            input,
            (Status::Succeeded, Some(output), None),
        );
    }
}

#[test]
fn parallel_collects_the_three_branches_in_order() {
    let expected =
        json!([{"inventory": "reserved"}, {"notification": "sent"}, {"analytics": "recorded"}]);
    both(
        "parallel",
        &mocks("parallel"),
        json!({"order_id": "1"}),
        (Status::Succeeded, Some(expected), None),
    );
}

#[test]
fn map_puts_each_items_result_under_processed_items() {
    let items =
        json!([{"product_id": "prod-1", "quantity": 2}, {"product_id": "prod-2", "quantity": 1}]);
    let expected = json!({"items": items, "processedItems": [
        {"product_id": "prod-1", "status": "PACKED"},
        {"product_id": "prod-2", "status": "BACKORDERED"}]});
    both(
        "map",
        &mocks("map"),
        json!({"items": items}),
        (Status::Succeeded, Some(expected), None),
    );
}

#[test]
fn error_handling_retries_then_catches() {
    // Two retried Lambda errors, then CustomError: caught into HandleCustomError.
    both(
        "error-handling",
        &mocks("error-handling"),
        json!({"id": 1}),
        (Status::Succeeded, Some(json!({"handled": true})), None),
    );
    // Any other error goes to the Fail state.
    let failing = json!({"mocks": {"ProcessWithRetry": [{"error": "Boom", "cause": "no"}]}});
    both(
        "error-handling",
        &failing,
        json!({"id": 1}),
        (Status::Failed, None, Some("ProcessingFailed")),
    );
}
