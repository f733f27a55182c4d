//! Failures of states and executions: the ASL error name and cause that Retry and Catch match
//! on and that an execution ends with
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).

use serde_json::{Map, Value};

use crate::asl::Errors;

/// An ASL error: a name (absent for a bare Fail state) and a cause.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Failure {
    /// The error name, e.g. `States.Timeout` or a function's error type.
    pub error: Option<String>,
    /// The cause text.
    pub cause: Option<String>,
}

/// `States.Runtime`: path, intrinsic, Choice and Wait evaluation failures. Never caught or
/// retried, even when named
/// (`tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json`).
pub const RUNTIME: &str = Errors::RUNTIME;
/// `States.Timeout`.
pub const TIMEOUT: &str = Errors::TIMEOUT;
/// `States.DataLimitExceeded`.
pub const DATA_LIMIT_EXCEEDED: &str = Errors::DATA_LIMIT_EXCEEDED;
/// `States.QueryEvaluationError`: a JSONata expression failed or gave the wrong type.
pub const QUERY_EVALUATION: &str = Errors::QUERY_EVALUATION_ERROR;

impl Failure {
    /// A failure with `error` and `cause`.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Failure {
        Failure {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// A `States.Runtime` failure of `state` with AWS's prefix (recorded, e.g. in
    /// `tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json`).
    pub fn runtime(state: &str, entered_event: u64, detail: &str) -> Failure {
        Failure::prefixed(RUNTIME, state, entered_event, detail)
    }

    /// A failure of `state` whose cause carries AWS's prefix, as [`Failure::runtime`]'s does.
    pub fn prefixed(error: &str, state: &str, entered_event: u64, detail: &str) -> Failure {
        Failure::new(
            error,
            format!(
                "An error occurred while executing the state '{state}' (entered at the event id #{entered_event}). {detail}"
            ),
        )
    }

    fn is(&self, name: &str) -> bool {
        self.error.as_deref() == Some(name)
    }

    /// Whether an `ErrorEquals` list matches this failure
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>): exact
    /// names, `States.ALL` (all but `States.Runtime`), and `States.TaskFailed` (all of those but
    /// `States.Timeout`). `States.DataLimitExceeded` only reaches a catcher from a Task's oversize
    /// result, which AWS lets `States.ALL` catch (recorded in
    /// `tests/data/aws-recorded/error_handling/`
    /// `states_errors__test_task_lambda_catch_state_all_data_limit_exceeded_on_large_utf8_response.json`).
    pub fn matches(&self, error_equals: &[String]) -> bool {
        if self.is(RUNTIME) {
            return false;
        }
        error_equals.iter().any(|name| match name.as_str() {
            "States.ALL" => true,
            "States.TaskFailed" => !self.is(DATA_LIMIT_EXCEEDED) && !self.is(TIMEOUT),
            "States.HeartbeatTimeout" => self.is("States.HeartbeatTimeout"),
            // The spec's name for AWS's States.ReferencePathConflict
            // (https://states-language.net/spec.html).
            "States.ResultPathMatchFailure" => {
                self.is("States.ReferencePathConflict") || self.is(name)
            }
            _ => self.is(name),
        })
    }

    /// The Error Output a catcher hands on: `{"Error": …, "Cause": …}`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).
    /// A timeout carries an empty cause, as AWS records it
    /// (`tests/data/aws-recorded/error_handling/task_service_lambda__test_invoke_timeout.json`).
    pub fn error_output(&self) -> Value {
        let mut output = Map::new();
        if let Some(error) = &self.error {
            output.insert("Error".to_owned(), Value::from(error.as_str()));
        }
        match (&self.cause, self.is(TIMEOUT)) {
            (Some(cause), _) => {
                output.insert("Cause".to_owned(), Value::from(cause.as_str()));
            }
            (None, true) => {
                output.insert("Cause".to_owned(), Value::from(""));
            }
            (None, false) => {}
        }
        Value::Object(output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn matching_follows_section_6_1() {
        let custom = Failure::new("Custom", "c");
        assert!(custom.matches(&names(&["States.ALL"])));
        assert!(custom.matches(&names(&["States.TaskFailed"])));
        assert!(custom.matches(&names(&["Other", "Custom"])));
        let runtime = Failure::new(RUNTIME, "x");
        assert!(!runtime.matches(&names(&["States.ALL", "States.Runtime"])));
        let timeout = Failure {
            error: Some(TIMEOUT.to_owned()),
            cause: None,
        };
        assert!(!timeout.matches(&names(&["States.TaskFailed"])));
        assert!(timeout.matches(&names(&["States.ALL"])));
        assert_eq!(
            timeout.error_output(),
            serde_json::json!({"Error": "States.Timeout", "Cause": ""})
        );
        assert!(Failure::default().matches(&names(&["States.ALL"])));
    }
}
