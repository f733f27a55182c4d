//! Rules on Choice, Wait, Pass and Fail values and on payload templates: V401, V405, V408,
//! V410, V413, V601, V702, V703, V719–V721, V810, V812.

use serde_json::Value;

use super::{Cx, at};
use crate::asl::{
    Condition, ConditionValue, FailField, IntegerField, Member, NestedRule, Operand, QueryLanguage,
    StateKind, Template, TimestampField, WaitFor,
};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::intrinsics::{Arg, Call, format_placeholders, looks_like_call};
use crate::string_matches::pattern_problem;
use crate::timestamp::is_timestamp;
use crate::validate::index::StateInfo;

const MAX_WAIT_SECONDS: u64 = 99_999_999;

pub(super) fn check(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    let p = &state.pointer;
    match &state.state.kind {
        StateKind::Choice(choice) => {
            // Rule V401: a Choice state with no rules can only fail or go to Default.
            if choice.choices.is_empty() {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V401, at(p, "Choices"), "`Choices` is empty")
                        .with_help("add at least one rule with a `Next`"),
                );
            }
            let choices = at(p, "Choices");
            for (i, rule) in choice.choices.iter().enumerate() {
                condition(cx, state, &rule.condition, &at(&choices, &i.to_string()));
            }
            // Rule V413: without Default, an unmatched input fails the execution with the
            // uncatchable States.Runtime
            // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
            if choice.default.is_none() {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V413, p.clone(), "the Choice state has no `Default`: when no rule matches, the execution fails with States.Runtime")
                        .with_help("add `\"Default\": \"<state>\"` for inputs no rule matches"),
                );
            }
        }
        StateKind::Wait(wait) => match &wait.wait_for {
            // Rule V702: AWS caps literal waits.
            WaitFor::Seconds(IntegerField::Literal(seconds)) if *seconds > MAX_WAIT_SECONDS => cx
                .push(
                    state,
                    Diagnostic::new(
                        Rule::V702,
                        at(p, "Seconds"),
                        format!("`Seconds` is {seconds}; the maximum is {MAX_WAIT_SECONDS}"),
                    ),
                ),
            // Rule V703: AWS checks literal timestamps at create (recorded text).
            WaitFor::Timestamp(TimestampField::Literal(text)) if !is_timestamp(text) => {
                let mut diagnostic = Diagnostic::new(Rule::V703, at(p, "Timestamp"), format!("`Timestamp` {} is not an RFC 3339 timestamp", Value::from(text.as_str())))
                    .with_help("write e.g. \"2026-03-14T01:59:00Z\": uppercase `T`, and `Z` or an offset like `+01:00`")
                    .with_aws_message("String does not match RFC3339 timestamp");
                if text.starts_with("{%") && state.language == QueryLanguage::JsonPath {
                    diagnostic = diagnostic.with_help("this state uses JSONPath, where `{% %}` is plain text; set `\"QueryLanguage\": \"JSONata\"` to evaluate it");
                }
                cx.push(state, diagnostic);
            }
            _ => {}
        },
        StateKind::Pass(pass) => {
            // Rule V719: `Result` is copied verbatim, so a `.$` key in it is never evaluated.
            if let Some(result) = &pass.result
                && result_has_dynamic_key(result)
            {
                cx.push(
                        state,
                        Diagnostic::new(Rule::V719, at(p, "Result"), "`Result` has a `.$` key, but `Result` is never evaluated: the key and its path are output as written")
                            .with_help("use `Parameters` to build the output from the input"),
                    );
            }
        }
        StateKind::Fail(fail) if state.language == QueryLanguage::JsonPath => {
            // Rule V721: a path in `Error`/`Cause` is output as text.
            for (field, value) in [("Error", &fail.error), ("Cause", &fail.cause)] {
                if let Some(FailField::Literal(text)) = value
                    && looks_like_path(text)
                {
                    cx.push(
                        state,
                        Diagnostic::new(
                            Rule::V721,
                            at(p, field),
                            format!(
                                "`{field}` is the literal text {}, not the value at that path",
                                Value::from(text.as_str())
                            ),
                        )
                        .with_help(format!("use `{field}Path` to take it from the input")),
                    );
                }
                if let Some(FailField::Call(call)) = value {
                    let base = Pointer::rendered(p);
                    let path_field = format!("{field}Path");
                    format_counts(cx, state, call, &base.key(&path_field));
                }
            }
        }
        StateKind::Parallel(parallel) if parallel.branches.is_empty() => {
            // Rule V601: AWS answers "Value cannot be empty".
            cx.push(
                state,
                Diagnostic::new(Rule::V601, at(p, "Branches"), "`Branches` is empty")
                    .with_help("add at least one branch")
                    .with_aws_message("Value cannot be empty"),
            );
        }
        _ => {}
    }
    templates(cx, state);
}

fn condition(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, condition: &Condition, pointer: &str) {
    match condition {
        Condition::Test { comparison, .. } => {
            let member = at(pointer, &comparison.member_name());
            if let Operand::String(text) = &comparison.operand {
                // Rule V408: timestamp operands are compared as instants.
                if comparison.operator.is_timestamp() && !is_timestamp(text) {
                    cx.push(
                        state,
                        Diagnostic::new(
                            Rule::V408,
                            member,
                            format!(
                                "{} is not an RFC 3339 timestamp",
                                Value::from(text.as_str())
                            ),
                        )
                        .with_help("write e.g. \"2026-03-14T01:59:00Z\"")
                        .with_aws_message("String does not match RFC3339 timestamp"),
                    );
                } else if comparison.operator == crate::asl::Operator::StringMatches {
                    // Rule V410: AWS fails at run time on other escapes.
                    if let Some(problem) = pattern_problem(text) {
                        cx.push(state, Diagnostic::new(Rule::V410, member, problem).with_help("only `\\*` and `\\\\` are escapes in StringMatches; in JSON write them as `\\\\*` and `\\\\\\\\`"));
                    }
                }
            }
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let name = if matches!(condition, Condition::And(_)) {
                "And"
            } else {
                "Or"
            };
            let list = at(pointer, name);
            // Rule V405: an empty And/Or has no defined truth value.
            if rules.is_empty() {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V405, list.clone(), format!("`{name}` is empty"))
                        .with_help("list at least one rule"),
                );
            }
            for (i, rule) in rules.iter().enumerate() {
                nested(cx, state, rule, &at(&list, &i.to_string()));
            }
        }
        Condition::Not(rule) => nested(cx, state, rule, &at(pointer, "Not")),
        Condition::Jsonata(ConditionValue::Literal(_) | ConditionValue::Jsonata(_)) => {}
    }
}

fn nested(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, rule: &NestedRule, pointer: &str) {
    condition(cx, state, &rule.condition, pointer);
}

fn result_has_dynamic_key(value: &Value) -> bool {
    match value {
        Value::Object(object) => object.iter().any(|(key, value)| {
            (key.ends_with(".$")
                && value
                    .as_str()
                    .is_some_and(|s| looks_like_path(s) || looks_like_intrinsic(s)))
                || result_has_dynamic_key(value)
        }),
        Value::Array(items) => items.iter().any(result_has_dynamic_key),
        _ => false,
    }
}

/// `States.Format(…)`: text a user most likely meant as an intrinsic call. Other call shapes
/// are common literal text (DynamoDB's `attribute_exists(#id)`, `COUNT(1)`).
fn looks_like_intrinsic(text: &str) -> bool {
    text.starts_with("States.") && looks_like_call(text)
}

/// `$`, `$.x`, `$[0]`, `$$.x`: text a user most likely meant as a path.
fn looks_like_path(text: &str) -> bool {
    text == "$" || text.starts_with("$.") || text.starts_with("$[") || text.starts_with("$$")
}

fn templates(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    if state.language != QueryLanguage::JsonPath {
        return;
    }
    let kind = &state.state.kind;
    let base = Pointer::rendered(&state.pointer);
    for (path, template) in kind.payload_templates() {
        let field = path.join(".");
        let parent = match path {
            [_, _] => base.key(path[0]),
            _ => base,
        };
        let pointer = parent.key(path[path.len() - 1]);
        // Rule V812 (`spec` only): the spec wants objects; AWS accepts any JSON value.
        if matches!(
            field.as_str(),
            "Parameters" | "ResultSelector" | "ItemSelector"
        ) && !matches!(
            template,
            Template::Object(_) | Template::Value(Value::Object(_))
        ) {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V812,
                    pointer.render(),
                    format!("`{field}` must be a JSON object under the ASL specification"),
                ),
            );
        }
        template_members(cx, state, template, &pointer);
    }
    if let Some(assign) = kind.assign() {
        let pointer = base.key("Assign");
        members(cx, state, &assign.members, &pointer);
    }
    let catch = base.key("Catch");
    for (i, catcher) in kind.catch().into_iter().flatten().enumerate() {
        if let Some(assign) = &catcher.assign {
            let catcher_pointer = catch.index(i);
            members(cx, state, &assign.members, &catcher_pointer.key("Assign"));
        }
    }
}

fn members(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, members: &[Member], pointer: &Pointer<'_>) {
    for member in members {
        if let Template::Value(Value::String(text)) = &member.value {
            no_dollar(cx, state, &member.key, text, &pointer.key(&member.key));
        }
        template_members(
            cx,
            state,
            &member.value,
            &pointer.member(&member.key, member.is_dynamic()),
        );
    }
}

/// Rules V720 and V810 inside one template.
fn template_members(
    cx: &mut Cx<'_, '_>,
    state: &StateInfo<'_>,
    template: &Template,
    pointer: &Pointer<'_>,
) {
    match template {
        Template::Value(value) => literal_strings(cx, state, value, pointer),
        Template::Object(object) => members(cx, state, object, pointer),
        Template::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                template_members(cx, state, item, &pointer.index(i));
            }
        }
        Template::Call(call) => format_counts(cx, state, call, pointer),
        Template::Path(_) | Template::Jsonata(_) => {}
    }
}

/// Rule V720 (NO_DOLLAR): a literal member that looks like a path or call is passed as text.
fn literal_strings(
    cx: &mut Cx<'_, '_>,
    state: &StateInfo<'_>,
    value: &Value,
    pointer: &Pointer<'_>,
) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                let member = pointer.key(key);
                if let Value::String(text) = value {
                    no_dollar(cx, state, key, text, &member);
                } else {
                    literal_strings(cx, state, value, &member);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                literal_strings(cx, state, item, &pointer.index(i));
            }
        }
        _ => {}
    }
}

/// Rule V720 (NO_DOLLAR) for one member.
fn no_dollar(
    cx: &mut Cx<'_, '_>,
    state: &StateInfo<'_>,
    key: &str,
    text: &str,
    pointer: &Pointer<'_>,
) {
    if !key.ends_with(".$") && (looks_like_path(text) || looks_like_intrinsic(text)) {
        cx.push(
            state,
            Diagnostic::new(
                Rule::V720,
                pointer.render(),
                format!(
                    "`{key}` is the literal text {}, because its key does not end in `.$`",
                    Value::from(text)
                ),
            )
            .with_help(format!("rename the key to `{key}.$` to evaluate it")),
        );
    }
}

/// Rule V810: `States.Format` with a literal template fails at run time when the number of `{}`
/// differs from the number of further arguments.
fn format_counts(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>, call: &Call, pointer: &Pointer<'_>) {
    if let Some(template) = call.format_template() {
        let placeholders = format_placeholders(template);
        let values = call.args.len() - 1;
        if placeholders != values {
            cx.push(
                state,
                Diagnostic::new(Rule::V810, pointer.render(), format!("States.Format has {placeholders} `{{}}` placeholder(s) but {values} value(s) to put in them"))
                    .with_help("make the counts equal; write `\\\\{` for a literal brace"),
            );
        }
    }
    for arg in &call.args {
        if let Arg::Call(inner) = arg {
            format_counts(cx, state, inner, pointer);
        }
    }
}
