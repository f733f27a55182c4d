//! Top-level and naming rules: V105–V108, V113, V203, V204.

use super::Cx;
use crate::diagnostics::{AwsLocation, Diagnostic, Rule, Severity};
use crate::names::closest;

use crate::asl::MAX_NESTING;

const MAX_TIMEOUT_SECONDS: u64 = 99_999_999;

pub(super) fn check(cx: &mut Cx<'_, '_>) {
    let machine = cx.index.machine;
    // Rule V106: a machine needs at least one state; V106 suppresses V105 and V307.
    if machine.states.is_empty() {
        cx.push_global(
            Diagnostic::new(Rule::V106, "/States", "`States` is empty")
                .with_help("add at least one state, e.g. `\"Done\": {\"Type\": \"Succeed\"}`"),
        );
    } else if !machine.states.contains_key(&machine.start_at) {
        // Rule V105: execution starts at `StartAt`, so it must name a top-level state.
        let mut diagnostic = Diagnostic::new(
            Rule::V105,
            "/StartAt",
            format!(
                "`StartAt` names \"{}\", which is not a top-level state",
                machine.start_at
            ),
        )
        .with_aws_message(format!("Missing 'Next' target: {}", machine.start_at));
        if let Some(suggestion) =
            closest(&machine.start_at, machine.states.keys().map(String::as_str))
        {
            diagnostic = diagnostic.with_help(format!("did you mean \"{suggestion}\"?"));
        }
        cx.push_global(diagnostic);
    }
    // Rule V107: only "1.0" is defined.
    if let Some(version) = machine.version.as_deref().filter(|v| *v != "1.0") {
        cx.push_global(
            Diagnostic::new(
                Rule::V107,
                "/Version",
                format!("`Version` is \"{version}\"; the only version is \"1.0\""),
            )
            .with_help("write `\"Version\": \"1.0\"` or leave it out"),
        );
    }
    // Rule V108: AWS's range, and 0 is accepted but the spec wants a positive timeout.
    match machine.timeout_seconds {
        Some(0) => cx.push_global(
            Diagnostic::new(Rule::V108, "/TimeoutSeconds", "`TimeoutSeconds` is 0")
                .with_severity(Severity::Warning)
                .with_help(
                    "use a positive number of seconds, or leave it out for no execution timeout",
                ),
        ),
        Some(seconds) if seconds > MAX_TIMEOUT_SECONDS => cx.push_global(Diagnostic::new(
            Rule::V108,
            "/TimeoutSeconds",
            format!("`TimeoutSeconds` is {seconds}; the maximum is {MAX_TIMEOUT_SECONDS}"),
        )),
        _ => {}
    }
    // Rule V113: guard against definitions nested deeper than any engine should recurse.
    for container in &cx.index.containers {
        if container.depth == MAX_NESTING + 1 {
            cx.diagnostics.push(
                Diagnostic::new(
                    Rule::V113,
                    container.pointer.clone(),
                    format!("containers are nested more than {MAX_NESTING} levels deep"),
                )
                .with_help(
                    "split the innermost Parallel or Map work into a separate state machine",
                ),
            );
        }
    }
    let mut seen = std::collections::HashMap::new();
    for state in &cx.index.states {
        // Rule V203: AWS limits state names to 80 characters.
        let length = state.name.chars().count();
        if length == 0 || length > 80 {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V203,
                    state.pointer.clone(),
                    format!("the state name has {length} characters; names have 1 to 80"),
                )
                .with_help("shorten the name"),
            );
        }
        // Rule V204: names are unique across every container, because history events and
        // `$$.State.Name` identify a state by name alone.
        if let Some(first) = seen.insert(state.name, state.pointer.as_str()) {
            let message = format!(
                "the state name \"{}\" is already used at {first}",
                state.name
            );
            cx.push(
                state,
                Diagnostic::new(Rule::V204, state.pointer.clone(), message)
                    .with_help("state names must be unique in the whole definition, branches and item processors included")
                    .with_aws_location(AwsLocation::Pointer),
            );
        }
    }
}
