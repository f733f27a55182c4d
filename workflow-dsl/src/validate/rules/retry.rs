//! Retry and Catch rules on loaded values: V502–V510 ranges, V515, V516.

use super::{Cx, at};
use crate::asl::Errors;
use crate::diagnostics::{Diagnostic, Rule};
use crate::validate::index::StateInfo;

const MAX_RETRY_NUMBER: u64 = 99_999_999;
const MAX_DELAY_SECONDS: u64 = 31_622_400;

pub(super) fn check(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    let kind = &state.state.kind;
    if let Some(retriers) = kind.retry() {
        let lists: Vec<&[String]> = retriers.iter().map(|r| r.error_equals.as_slice()).collect();
        error_lists(cx, state, "Retry", &lists);
        for (i, retrier) in retriers.iter().enumerate() {
            let p = at(&at(&state.pointer, "Retry"), &i.to_string());
            // Rules V506, V507, V509: AWS's ranges
            // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
            range(
                cx,
                state,
                &p,
                "IntervalSeconds",
                retrier.interval_seconds,
                1,
                MAX_RETRY_NUMBER,
                Rule::V506,
            );
            range(
                cx,
                state,
                &p,
                "MaxAttempts",
                retrier.max_attempts,
                0,
                MAX_RETRY_NUMBER,
                Rule::V507,
            );
            range(
                cx,
                state,
                &p,
                "MaxDelaySeconds",
                retrier.max_delay_seconds,
                1,
                MAX_DELAY_SECONDS,
                Rule::V509,
            );
            // Rule V508: a backoff below 1 would shrink the delays.
            if let Some(rate) = retrier
                .backoff_rate
                .as_ref()
                .and_then(serde_json::Number::as_f64)
                && rate < 1.0
            {
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V508,
                        at(&p, "BackoffRate"),
                        format!("`BackoffRate` is {rate}; it must be at least 1.0"),
                    )
                    .with_help("use 1.0 for a constant interval"),
                );
            }
        }
    }
    if let Some(catchers) = kind.catch() {
        let lists: Vec<&[String]> = catchers.iter().map(|c| c.error_equals.as_slice()).collect();
        error_lists(cx, state, "Catch", &lists);
    }
}

#[allow(clippy::too_many_arguments)] // One line per checked field reads better than a struct here.
fn range(
    cx: &mut Cx<'_, '_>,
    state: &StateInfo<'_>,
    pointer: &str,
    field: &str,
    value: Option<u64>,
    min: u64,
    max: u64,
    rule: Rule,
) {
    if let Some(value) = value.filter(|v| *v < min || *v > max) {
        cx.push(
            state,
            Diagnostic::new(
                rule,
                at(pointer, field),
                format!("`{field}` is {value}; it must be between {min} and {max}"),
            ),
        );
    }
}

fn error_lists(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, field: &str, lists: &[&[String]]) {
    let array = at(&state.pointer, field);
    let mut earlier: Vec<&str> = Vec::new();
    for (i, errors) in lists.iter().enumerate() {
        let p = at(&at(&array, &i.to_string()), "ErrorEquals");
        // Rule V502: an empty list matches nothing.
        if errors.is_empty() {
            cx.push(
                state,
                Diagnostic::new(Rule::V502, p.clone(), "`ErrorEquals` is empty")
                    .with_help("list at least one error name, e.g. \"States.ALL\""),
            );
        }
        let has_all = errors.iter().any(|e| e == "States.ALL");
        // Rules V503, V504: States.ALL matches everything, so anything with or after it is dead.
        if has_all && errors.len() > 1 {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V503,
                    p.clone(),
                    "\"States.ALL\" must be the only name in its `ErrorEquals`",
                )
                .with_help("move the other names to an earlier retrier or catcher")
                .with_aws_message("States.ALL must appear alone and at end of list"),
            );
        }
        if has_all && i + 1 < lists.len() {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V504,
                    p.clone(),
                    format!(
                        "the {} with \"States.ALL\" must be the last one",
                        if field == "Retry" {
                            "retrier"
                        } else {
                            "catcher"
                        }
                    ),
                )
                .with_help("move it to the end: the ones after it can never match")
                .with_aws_message("States.ALL must appear alone and at end of list"),
            );
        }
        for name in errors.iter() {
            // Rule V505: a `States.` name AWS never raises can never match.
            if name.starts_with("States.") && !Errors::NAMES.contains(&name.as_str()) {
                let mut diagnostic = Diagnostic::new(
                    Rule::V505,
                    p.clone(),
                    format!("\"{name}\" is not an error Step Functions raises"),
                );
                if let Some(suggestion) = crate::names::closest(name, Errors::NAMES.iter().copied())
                {
                    diagnostic = diagnostic.with_help(format!("did you mean \"{suggestion}\"?"));
                }
                cx.push(state, diagnostic);
            }
            // Rule V516: States.Runtime is never retried or caught
            // (tests/data/aws-recorded/error_handling/
            // base_scenarios__test_catch_states_runtime.json).
            if name == "States.Runtime" {
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V516,
                        p.clone(),
                        "\"States.Runtime\" is never retried or caught, even when named",
                    )
                    .with_help("fix the path, intrinsic or Choice that fails instead"),
                );
            }
            // Rule V515: only the first matching retrier or catcher is used.
            if earlier.contains(&name.as_str()) {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V515, p.clone(), format!("\"{name}\" is already handled by an earlier entry, so this one never sees it"))
                        .with_help("remove it here, or merge the two entries"),
                );
            }
        }
        earlier.extend(errors.iter().map(String::as_str));
    }
}
