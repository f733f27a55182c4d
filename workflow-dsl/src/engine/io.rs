//! The JSONPath input/output pipeline (ASL.md §3.1): `InputPath`, payload templates
//! (`Parameters`, `ResultSelector`, `ItemSelector`), `ResultPath`, `OutputPath`. Failures come back
//! as the detail text of AWS's `States.Runtime` cause (§12.2); the caller adds the state prefix.

use serde_json::{Map, Value};

use crate::asl::{NullablePath, ResultPath, Template};
use crate::intrinsics::{self, IntrinsicFailure};
use crate::path::{Path, Roots};

use super::failure::Failure;

/// `InputPath` / `OutputPath`: absent keeps the value, `null` gives `{}`, a path selects.
pub(crate) fn select(
    path: &Option<NullablePath>,
    value: Value,
    context: &Value,
) -> Result<Value, String> {
    match path {
        None => Ok(value),
        Some(NullablePath::Null) => Ok(Value::Object(Map::new())),
        Some(NullablePath::Path(path)) => evaluate_path(path, &value, context),
    }
}

/// A path against `input` (and `$$` = `context`), with the §12.2 text when it finds nothing.
pub(crate) fn evaluate_path(path: &Path, input: &Value, context: &Value) -> Result<Value, String> {
    let no_variables = |_: &str| None;
    let roots = Roots {
        input,
        context,
        variable: &no_variables,
    };
    path.evaluate(&roots).map_err(|failure| {
        format!(
            "Invalid path '{}' : {}",
            path.as_str(),
            failure.jayway_detail()
        )
    })
}

/// `ResultPath`: where the result goes in the raw input (ASL.md §3.1 d).
pub(crate) fn place(
    result_path: &Option<ResultPath>,
    raw: Value,
    result: Value,
) -> Result<Value, Failure> {
    match result_path {
        None => Ok(result),
        Some(ResultPath::Null) => Ok(raw),
        Some(ResultPath::Path(path)) => path
            .set(raw, result)
            .map_err(|failure| Failure::new(failure.error(), failure.cause())),
    }
}

/// Evaluates a payload template against `input`, with `context` as `$$`.
pub(crate) fn evaluate(
    template: &Template,
    input: &Value,
    context: &Value,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    let no_variables = |_: &str| None;
    let roots = Roots {
        input,
        context,
        variable: &no_variables,
    };
    build(template, &roots, None, random)
}

fn build(
    template: &Template,
    roots: &Roots<'_>,
    key: Option<&str>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    match template {
        Template::Value(value) => Ok(value.clone()),
        Template::Object(members) => {
            let mut object = Map::with_capacity(members.len());
            for member in members {
                let value = build(&member.value, roots, Some(&member.key), random)?;
                object.insert(member.key.clone(), value);
            }
            Ok(Value::Object(object))
        }
        Template::Array(items) => items.iter().map(|item| build(item, roots, None, random)).collect::<Result<Vec<_>, _>>().map(Value::Array),
        Template::Path(path) => path.evaluate(roots).map_err(|_| {
            format!(
                "The JSONPath '{}' specified for the field '{}.$' could not be found in the input '{}'",
                path.as_str(),
                key.unwrap_or_default(),
                roots.input
            )
        }),
        Template::Call(call) => {
            let mut resolve = |path: &Path| path.evaluate(roots).map_err(|_| IntrinsicFailure::path_not_found(path, roots.input));
            intrinsics::evaluate(call, &mut resolve, random).map_err(|failure| failure.cause_detail().to_owned())
        }
        // The plan refuses JSONata states, so no expression reaches a JSONPath pipeline.
        Template::Jsonata(expression) => Ok(Value::from(expression.source())),
    }
}
