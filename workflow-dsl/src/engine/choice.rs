//! Choice rules at run time
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html>): the 23 operators
//! with AWS's type rules.

use std::cmp::Ordering;

use serde_json::{Number, Value};

use crate::asl::{Comparison, Condition, ConditionValue, Operand, Operator};
use crate::path::{ReferencePath, Roots};
use crate::string_matches;
use crate::timestamp::parse_nanos;

/// Evaluates a JSONPath condition. `Err` carries the failure's detail text (a `States.Runtime`
/// cause without the state prefix).
pub(crate) fn holds(condition: &Condition, roots: &Roots<'_>) -> Result<bool, String> {
    match condition {
        Condition::Test {
            variable,
            comparison,
        } => test(variable, comparison, roots),
        // `And`/`Or` stop at the first deciding rule, so a guard protects later tests
        // (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
        Condition::And(rules) => {
            for rule in rules {
                if !holds(&rule.condition, roots)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Condition::Or(rules) => {
            for rule in rules {
                if holds(&rule.condition, roots)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Condition::Not(rule) => Ok(!holds(&rule.condition, roots)?),
        Condition::Jsonata(ConditionValue::Literal(flag)) => Ok(*flag),
        // JSONata conditions are evaluated by the JSONata engine (next issue); the plan
        // refuses JSONata states until then.
        Condition::Jsonata(ConditionValue::Jsonata(_)) => {
            Err("JSONata conditions are not supported yet".to_owned())
        }
    }
}

fn invalid_path(path: &ReferencePath) -> String {
    format!(
        "Invalid path '{}': The choice state's condition path references an invalid value.",
        path.as_str()
    )
}

fn test(
    variable: &ReferencePath,
    comparison: &Comparison,
    roots: &Roots<'_>,
) -> Result<bool, String> {
    let value = variable.as_path().evaluate(roots).ok();
    let operator = comparison.operator;
    if operator == Operator::IsPresent {
        return Ok(value.is_some() == expect_bool(&comparison.operand));
    }
    let Some(value) = value else {
        return Err(invalid_path(variable));
    };
    let operand = match &comparison.operand {
        Operand::Path(path) => match path.as_path().evaluate(roots) {
            Ok(resolved) => resolved,
            Err(_) => return Err(invalid_path(path)),
        },
        Operand::String(text) => Value::from(text.as_str()),
        Operand::Number(number) => Value::Number(number.clone()),
        Operand::Boolean(flag) => Value::Bool(*flag),
    };
    Ok(compare(operator, &value, &operand))
}

fn expect_bool(operand: &Operand) -> bool {
    matches!(operand, Operand::Boolean(true))
}

/// One comparison; a type mismatch on either side is `false`, not an error (recorded across
/// `tests/data/aws-recorded/choice_operators/`, e.g. `numeric__test_numeric_equals_exec0.json`).
fn compare(operator: Operator, value: &Value, operand: &Value) -> bool {
    use Operator::*;
    let is = |expected: bool| operand.as_bool() == Some(expected);
    match operator {
        StringEquals
        | StringLessThan
        | StringGreaterThan
        | StringLessThanEquals
        | StringGreaterThanEquals => match (value.as_str(), operand.as_str()) {
            (Some(a), Some(b)) => ordered(operator, utf16_cmp(a, b)),
            _ => false,
        },
        StringMatches => match (value.as_str(), operand.as_str()) {
            (Some(text), Some(pattern)) => string_matches::matches(pattern, text),
            _ => false,
        },
        NumericEquals
        | NumericLessThan
        | NumericGreaterThan
        | NumericLessThanEquals
        | NumericGreaterThanEquals => match (value, operand) {
            (Value::Number(a), Value::Number(b)) => {
                number_cmp(a, b).is_some_and(|o| ordered(operator, o))
            }
            _ => false,
        },
        BooleanEquals => matches!((value, operand), (Value::Bool(a), Value::Bool(b)) if a == b),
        TimestampEquals
        | TimestampLessThan
        | TimestampGreaterThan
        | TimestampLessThanEquals
        | TimestampGreaterThanEquals => {
            match (
                value.as_str().and_then(parse_nanos),
                operand.as_str().and_then(parse_nanos),
            ) {
                (Some(a), Some(b)) => ordered(operator, a.cmp(&b)),
                _ => false,
            }
        }
        IsNull => is(value.is_null()),
        IsPresent => is(true),
        IsNumeric => is(value.is_number()),
        IsString => is(value.is_string()),
        IsBoolean => is(value.is_boolean()),
        IsTimestamp => is(value.as_str().and_then(parse_nanos).is_some()),
    }
}

fn ordered(operator: Operator, ordering: Ordering) -> bool {
    use Operator::*;
    match operator {
        StringEquals | NumericEquals | TimestampEquals => ordering == Ordering::Equal,
        StringLessThan | NumericLessThan | TimestampLessThan => ordering == Ordering::Less,
        StringGreaterThan | NumericGreaterThan | TimestampGreaterThan => {
            ordering == Ordering::Greater
        }
        StringLessThanEquals | NumericLessThanEquals | TimestampLessThanEquals => {
            ordering != Ordering::Greater
        }
        _ => ordering != Ordering::Less,
    }
}

/// Java's `String.compareTo`: UTF-16 code units, which differs from `str::cmp` above U+FFFF.
fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Numbers by value: integers exactly, otherwise as doubles (`1` equals `1.0`).
fn number_cmp(a: &Number, b: &Number) -> Option<Ordering> {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => Some(x.cmp(&y)),
        (_, _, Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_must_match_and_numbers_compare_by_value() {
        assert!(compare(Operator::NumericEquals, &json!(1), &json!(1.0)));
        assert!(!compare(Operator::NumericEquals, &json!("0"), &json!(0)));
        assert!(!compare(Operator::BooleanEquals, &json!(1), &json!(true)));
        assert!(compare(Operator::IsNull, &json!(1), &json!(false)));
        assert!(compare(
            Operator::TimestampEquals,
            &json!("2012-10-09T19:00:55+01:00"),
            &json!("2012-10-09T18:00:55Z")
        ));
        assert!(!compare(
            Operator::TimestampEquals,
            &json!("2023-02-24 12:15:56Z"),
            &json!("2023-02-24T12:15:56Z")
        ));
        assert!(compare(
            Operator::IsTimestamp,
            &json!("2016-03-14T01:59:00Z"),
            &json!(true)
        ));
    }

    #[test]
    fn strings_compare_by_utf16_code_units() {
        // U+FF5E is above U+1F600's surrogate pair in UTF-16, below it in UTF-8.
        assert_eq!(utf16_cmp("\u{FF5E}", "\u{1F600}"), Ordering::Greater);
        assert!(compare(Operator::StringLessThan, &json!("a"), &json!("b")));
        assert!(compare(
            Operator::StringMatches,
            &json!("log-7.txt"),
            &json!("log-*.txt")
        ));
    }
}
