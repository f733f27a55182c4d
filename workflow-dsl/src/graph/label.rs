//! The words on the picture: a rule's condition shortened (`$.total > 1000`), a state's detail
//! (a Task's resource by its short name, a Wait's duration) and its retries.

use crate::asl::{
    Comparison, Condition, ConditionValue, IntegerField, Operand, Operator, StateKind,
    TimestampField, WaitFor,
};

/// The longest label text before it is cut with `…`.
const MAX_LABEL: usize = 48;

/// `text`, cut to [`MAX_LABEL`] characters.
pub(super) fn short(text: &str) -> String {
    match text.char_indices().nth(MAX_LABEL) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A rule's condition as a reader says it: `$.total > 1000`, `!($.a == "x")`.
pub(super) fn condition(condition: &Condition) -> String {
    short(&spell(condition))
}

fn spell(condition: &Condition) -> String {
    match condition {
        Condition::Test {
            variable,
            comparison,
        } => test(variable.as_str(), comparison),
        Condition::And(rules) => join(rules.iter().map(|rule| &rule.condition), " && "),
        Condition::Or(rules) => join(rules.iter().map(|rule| &rule.condition), " || "),
        Condition::Not(rule) => format!("!({})", spell(&rule.condition)),
        Condition::Jsonata(ConditionValue::Literal(value)) => value.to_string(),
        Condition::Jsonata(ConditionValue::Jsonata(expression)) => expression
            .source()
            .trim_start_matches("{%")
            .trim_end_matches("%}")
            .trim()
            .to_owned(),
    }
}

fn join<'a>(conditions: impl Iterator<Item = &'a Condition>, separator: &str) -> String {
    let parts: Vec<String> = conditions
        .map(|condition| match condition {
            Condition::And(_) | Condition::Or(_) => format!("({})", spell(condition)),
            other => spell(other),
        })
        .collect();
    parts.join(separator)
}

fn test(variable: &str, comparison: &Comparison) -> String {
    let operand = match &comparison.operand {
        Operand::String(text) => format!("{text:?}"),
        Operand::Number(number) => number.to_string(),
        Operand::Boolean(flag) => flag.to_string(),
        Operand::Path(path) => path.as_str().to_owned(),
    };
    let symbol = match comparison.operator {
        Operator::StringEquals
        | Operator::NumericEquals
        | Operator::BooleanEquals
        | Operator::TimestampEquals => "==",
        Operator::StringLessThan | Operator::NumericLessThan | Operator::TimestampLessThan => "<",
        Operator::StringGreaterThan
        | Operator::NumericGreaterThan
        | Operator::TimestampGreaterThan => ">",
        Operator::StringLessThanEquals
        | Operator::NumericLessThanEquals
        | Operator::TimestampLessThanEquals => "<=",
        Operator::StringGreaterThanEquals
        | Operator::NumericGreaterThanEquals
        | Operator::TimestampGreaterThanEquals => ">=",
        Operator::StringMatches => "matches",
        other => {
            // The type tests: `$.x is present`, `$.x is not null`.
            let name = other.name().trim_start_matches("Is").to_lowercase();
            return match comparison.operand {
                Operand::Boolean(false) => format!("{variable} is not {name}"),
                _ => format!("{variable} is {name}"),
            };
        }
    };
    format!("{variable} {symbol} {operand}")
}

/// What a state does, in a few words.
pub(super) fn detail(kind: &StateKind) -> Option<String> {
    match kind {
        StateKind::Task(task) => Some(short(&resource(&task.resource))),
        StateKind::Wait(wait) => Some(match &wait.wait_for {
            WaitFor::Seconds(IntegerField::Literal(seconds)) => format!("{seconds} s"),
            WaitFor::Seconds(IntegerField::Path(path)) => format!("{} s", path.as_str()),
            WaitFor::Seconds(IntegerField::Jsonata(_)) => "seconds from an expression".to_owned(),
            WaitFor::Timestamp(TimestampField::Literal(text)) => format!("until {text}"),
            WaitFor::Timestamp(TimestampField::Path(path)) => format!("until {}", path.as_str()),
            WaitFor::Timestamp(TimestampField::Jsonata(_)) => {
                "until a time from an expression".to_owned()
            }
        }),
        _ => None,
    }
}

/// A resource by its short name: `lambda:invoke`, `function:Charge`, `activity:Review`.
fn resource(arn: &str) -> String {
    if let Some((_, integration)) = arn.split_once(":::") {
        return integration.to_owned();
    }
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        [_, _, "lambda", _, _, kind, name, ..] => format!("{kind}:{name}"),
        [_, _, "states", _, _, kind, name, ..] => format!("{kind}:{name}"),
        _ => arn.to_owned(),
    }
}

/// A state's retriers: `↻ 3× Lambda.ServiceException, 2× States.Timeout`.
pub(super) fn retry(kind: &StateKind) -> Option<String> {
    let retriers = match kind {
        StateKind::Task(task) => task.retry.as_deref(),
        StateKind::Parallel(parallel) => parallel.retry.as_deref(),
        StateKind::Map(map) => map.retry.as_deref(),
        _ => None,
    }?;
    if retriers.is_empty() {
        return None;
    }
    let parts: Vec<String> = retriers
        .iter()
        .map(|retrier| {
            let attempts = retrier.max_attempts.unwrap_or(3);
            format!("{attempts}× {}", retrier.error_equals.join(" "))
        })
        .collect();
    Some(short(&format!("↻ {}", parts.join(", "))))
}
