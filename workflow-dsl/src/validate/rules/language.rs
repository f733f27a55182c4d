//! Query-language rules: V207 (no JSONPath state in a JSONata machine), V208 (JSONata-only
//! fields in a JSONPath state) and V209 (JSONPath-only fields in a JSONata state).

use super::Cx;
use crate::asl::{
    FailField, IntegerField, NumberField, QueryLanguage, SelectorField, StateKind, TimestampField,
    WaitFor,
};
use crate::diagnostics::{Diagnostic, Rule};
use crate::validate::index::StateInfo;

pub(super) fn check(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    // Rule V207: AWS refuses a downgrade to JSONPath under a JSONata machine.
    if cx.index.machine.language() == QueryLanguage::Jsonata
        && state.state.query_language == Some(QueryLanguage::JsonPath)
    {
        cx.push(
            state,
            Diagnostic::new(Rule::V207, state.pointer.clone(), "a state cannot use JSONPath when the state machine uses JSONata")
                .with_help("remove `\"QueryLanguage\": \"JSONPath\"` and write the state in JSONata, or make the machine JSONPath and opt states into JSONata")
                .with_aws_message("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"),
        );
    }
    let (rule, wrong, fields) = match state.language {
        QueryLanguage::JsonPath => (
            Rule::V208,
            "JSONata",
            jsonata_only_fields(&state.state.kind),
        ),
        QueryLanguage::Jsonata => (
            Rule::V209,
            "JSONPath",
            jsonpath_only_fields(&state.state.kind),
        ),
    };
    let language = state.language.as_str();
    for field in fields {
        // Rules V208/V209: each field belongs to one query language.
        let help = match state.language {
            QueryLanguage::JsonPath => {
                format!("set `\"QueryLanguage\": \"JSONata\"` on the state to use `{field}`")
            }
            QueryLanguage::Jsonata => format!(
                "JSONata states use `Arguments`, `Output`, `Assign` and `{{% %}}` expressions instead of `{field}`"
            ),
        };
        cx.push(
            state,
            Diagnostic::new(rule, state.pointer.clone(), format!("`{field}` is a {wrong} field, but this state uses {language}"))
                .with_help(help)
                .with_aws_message(format!("The QueryLanguage is set to '{language}', but field '{field}' is only supported for the '{wrong}' QueryLanguage")),
        );
    }
}

fn jsonata_only_fields(kind: &StateKind) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let mut add = |present: bool, name| {
        if present {
            fields.push(name)
        }
    };
    match kind {
        StateKind::Pass(s) => add(s.output.is_some(), "Output"),
        StateKind::Task(s) => {
            add(s.arguments.is_some(), "Arguments");
            add(s.output.is_some(), "Output");
        }
        StateKind::Choice(s) => add(s.output.is_some(), "Output"),
        StateKind::Wait(s) => add(s.output.is_some(), "Output"),
        StateKind::Succeed(s) => add(s.output.is_some(), "Output"),
        StateKind::Fail(_) => {}
        StateKind::Parallel(s) => {
            add(s.arguments.is_some(), "Arguments");
            add(s.output.is_some(), "Output");
        }
        StateKind::Map(s) => {
            add(s.items.is_some(), "Items");
            add(s.output.is_some(), "Output");
            add(
                s.item_reader
                    .as_ref()
                    .is_some_and(|r| r.arguments.is_some()),
                "ItemReader.Arguments",
            );
            add(
                s.result_writer
                    .as_ref()
                    .is_some_and(|w| w.arguments.is_some()),
                "ResultWriter.Arguments",
            );
        }
    }
    if let Some(catchers) = kind.catch() {
        add(catchers.iter().any(|c| c.output.is_some()), "Catch.Output");
    }
    fields
}

fn jsonpath_only_fields(kind: &StateKind) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let mut add = |present: bool, name| {
        if present {
            fields.push(name)
        }
    };
    let is_path = |field: &Option<IntegerField>| matches!(field, Some(IntegerField::Path(_)));
    match kind {
        StateKind::Pass(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.parameters.is_some(), "Parameters");
            add(s.result.is_some(), "Result");
            add(s.result_path.is_some(), "ResultPath");
            add(s.output_path.is_some(), "OutputPath");
        }
        StateKind::Task(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.parameters.is_some(), "Parameters");
            add(is_path(&s.timeout), "TimeoutSecondsPath");
            add(is_path(&s.heartbeat), "HeartbeatSecondsPath");
            add(s.result_selector.is_some(), "ResultSelector");
            add(s.result_path.is_some(), "ResultPath");
            add(s.output_path.is_some(), "OutputPath");
        }
        StateKind::Choice(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.output_path.is_some(), "OutputPath");
        }
        StateKind::Wait(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.output_path.is_some(), "OutputPath");
            add(
                matches!(s.wait_for, WaitFor::Seconds(IntegerField::Path(_))),
                "SecondsPath",
            );
            add(
                matches!(s.wait_for, WaitFor::Timestamp(TimestampField::Path(_))),
                "TimestampPath",
            );
        }
        StateKind::Succeed(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.output_path.is_some(), "OutputPath");
        }
        StateKind::Fail(s) => {
            add(
                s.error.as_ref().is_some_and(FailField::is_path_form),
                "ErrorPath",
            );
            add(
                s.cause.as_ref().is_some_and(FailField::is_path_form),
                "CausePath",
            );
        }
        StateKind::Parallel(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.parameters.is_some(), "Parameters");
            add(s.result_selector.is_some(), "ResultSelector");
            add(s.result_path.is_some(), "ResultPath");
            add(s.output_path.is_some(), "OutputPath");
        }
        StateKind::Map(s) => {
            add(s.input_path.is_some(), "InputPath");
            add(s.items_path.is_some(), "ItemsPath");
            add(
                s.item_selector.is_some() && s.selector_field == SelectorField::Parameters,
                "Parameters",
            );
            add(is_path(&s.max_concurrency), "MaxConcurrencyPath");
            add(
                is_path(&s.tolerated_failure_count),
                "ToleratedFailureCountPath",
            );
            add(
                matches!(s.tolerated_failure_percentage, Some(NumberField::Path(_))),
                "ToleratedFailurePercentagePath",
            );
            add(s.result_selector.is_some(), "ResultSelector");
            add(s.result_path.is_some(), "ResultPath");
            add(s.output_path.is_some(), "OutputPath");
            add(
                s.item_reader
                    .as_ref()
                    .is_some_and(|r| r.parameters.is_some()),
                "ItemReader.Parameters",
            );
            add(
                s.result_writer
                    .as_ref()
                    .is_some_and(|w| w.parameters.is_some()),
                "ResultWriter.Parameters",
            );
        }
    }
    if let Some(catchers) = kind.catch() {
        add(
            catchers.iter().any(|c| c.result_path.is_some()),
            "Catch.ResultPath",
        );
    }
    fields
}
