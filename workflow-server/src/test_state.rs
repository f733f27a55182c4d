//! TestState: one state run in isolation. The state becomes a one-state machine whose every
//! target is a Succeed state of the same name, so the run stops right after the state and the
//! state entered next is the answer's `nextState`.

use std::sync::Arc;

use serde_json::{Map, Value, json};
use workflow_dsl::StateMachine;
use workflow_dsl::engine::{Engine, Status};

use super::protocol::{ApiError, ApiResult, Request};

/// The name the tested state gets.
const TESTED: &str = "TestState";

pub async fn test_state(request: &Request) -> ApiResult {
    let text = request.string("definition")?;
    let state: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(state)) => state,
        _ => {
            return Err(ApiError::new(
                "InvalidDefinition",
                "Invalid State Machine Definition: the definition of TestState is a JSON object of one state",
            ));
        }
    };
    let input_text = request.optional_string("input")?.unwrap_or("{}");
    let input: Value = serde_json::from_str(input_text).map_err(|error| {
        ApiError::new("InvalidExecutionInput", format!("Invalid input: '{error}'"))
    })?;
    // TestState does not retry: a failure a retrier would catch is answered RETRIABLE.
    let mut state = state;
    let retriers = state.remove("Retry");
    let mut states = Map::new();
    for target in targets(&state) {
        if target != TESTED {
            states.insert(target, json!({"Type": "Succeed"}));
        }
    }
    states.insert(TESTED.to_owned(), Value::Object(state));
    let machine = json!({"StartAt": TESTED, "States": states});
    let machine = StateMachine::from_json(&machine.to_string())
        .map_err(|report| ApiError::new("InvalidDefinition", report.to_string()))?;
    let report = workflow_dsl::validate(&machine, workflow_dsl::Profile::Aws);
    if report.has_errors() {
        let message = report
            .aws_create_error()
            .unwrap_or_else(|| report.to_string());
        return Err(ApiError::new("InvalidDefinition", message));
    }
    let engine = Engine::new(&machine)
        .map_err(|error| ApiError::new("InvalidDefinition", error.to_string()))?
        .clock(Arc::new(workflow_dsl::engine::WallClock));
    let outcome = tokio::task::spawn_blocking(move || engine.run_blocking(input))
        .await
        .map_err(|_| ApiError::new("InternalFailure", "the test run stopped unexpectedly"))?;
    let path = outcome.path();
    let next_state = path.get(1).map(|name| (*name).to_owned());
    let caught = outcome
        .history
        .iter()
        .any(|event| event.kind.ends_with("Failed"))
        && next_state.is_some();
    let mut body = Map::new();
    let retriable = outcome.error.as_deref().is_some_and(|error| {
        retriers
            .iter()
            .flat_map(|retriers| retriers.as_array().into_iter().flatten())
            .any(|retrier| matches_error(retrier, error))
    });
    let status = match (outcome.status, caught, retriable) {
        (Status::Succeeded, true, _) => "CAUGHT_ERROR",
        (Status::Succeeded, false, _) => "SUCCEEDED",
        (_, _, true) => "RETRIABLE",
        _ => "FAILED",
    };
    body.insert("status".to_owned(), Value::from(status));
    if let Some(output) = &outcome.output {
        body.insert("output".to_owned(), Value::from(output.to_string()));
    }
    if let Some(next) = next_state {
        body.insert("nextState".to_owned(), Value::from(next));
    }
    if let Some(error) = outcome.error {
        body.insert("error".to_owned(), Value::from(error));
    }
    if let Some(cause) = outcome.cause {
        body.insert("cause".to_owned(), Value::from(cause));
    }
    Ok(Value::Object(body))
}

/// Every state name the state's transitions mention: `Next`, Choice rules and `Default`,
/// catchers.
fn targets(state: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |value: Option<&Value>| {
        if let Some(Value::String(name)) = value {
            out.push(name.clone());
        }
    };
    push(state.get("Next"));
    push(state.get("Default"));
    for rule in state
        .get("Choices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        push(rule.get("Next"));
    }
    for catcher in state
        .get("Catch")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        push(catcher.get("Next"));
    }
    out
}

/// Whether a retrier's `ErrorEquals` names `error` (`States.ALL` names every error but
/// `States.Runtime`).
fn matches_error(retrier: &Value, error: &str) -> bool {
    retrier
        .get("ErrorEquals")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .any(|name| name == error || (name == "States.ALL" && error != "States.Runtime"))
}
