//! The JSONPath input/output pipeline: `InputPath`, payload templates (`Parameters`,
//! `ResultSelector`, `ItemSelector`, `Assign`), `ResultPath`, `OutputPath`
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>).
//! Failures come back as the detail text of AWS's `States.Runtime` cause (recorded in
//! `tests/data/aws-recorded/io_paths/`); the caller adds the state prefix.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::asl::{Member, NullablePath, ResultPath, Template};
use crate::intrinsics::{self, IntrinsicFailure};
use crate::path::{Path, Roots};

use super::failure::Failure;

/// Workflow variables by name, with the size of each one's JSON text: AWS caps what an execution
/// stores (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
#[derive(Clone, Debug, Default)]
pub(crate) struct Variables {
    values: HashMap<String, (Value, usize)>,
    bytes: usize,
}

impl Variables {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name).map(|(value, _)| value)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.values.iter().map(|(name, (value, _))| (name, value))
    }

    /// The JSON text size of all values together.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The size of all values once `name` holds a value of `size` bytes.
    pub fn bytes_with(&self, name: &str, size: usize) -> usize {
        let old = self.values.get(name).map_or(0, |(_, size)| *size);
        self.bytes - old + size
    }

    pub fn insert(&mut self, name: String, value: Value, size: usize) {
        self.bytes = self.bytes_with(&name, size);
        self.values.insert(name, (value, size));
    }
}

/// What paths read besides the data they apply to: `$$` and `$name`.
pub(crate) struct Env<'v> {
    /// The Context Object (`Value::Null` for states that never read it).
    pub context: Value,
    /// The variables as they were when the state was entered (`None`: none assigned yet).
    pub variables: Option<&'v Variables>,
}

impl Env<'_> {
    /// Evaluates `path` against `input` with this environment's roots.
    fn evaluate(&self, path: &Path, input: &Value) -> Result<Value, crate::path::PathFailure> {
        self.with_roots(input, |roots| path.evaluate(roots))
    }

    /// The roots for a condition or anything else that evaluates paths itself.
    pub(crate) fn with_roots<T>(&self, input: &Value, f: impl FnOnce(&Roots<'_>) -> T) -> T {
        let lookup = |name: &str| self.variables.and_then(|variables| variables.get(name));
        f(&Roots {
            input,
            context: &self.context,
            variable: &lookup,
        })
    }
}

/// `InputPath` / `OutputPath`: absent keeps the value, `null` gives `{}`, a path selects.
pub(crate) fn select(
    path: &Option<NullablePath>,
    value: Value,
    env: &Env<'_>,
) -> Result<Value, String> {
    match path {
        None => Ok(value),
        Some(NullablePath::Null) => Ok(Value::Object(Map::new())),
        Some(NullablePath::Path(path)) => evaluate_path(path, &value, env),
    }
}

/// A path against `input`, with AWS's "could not be found" text when it finds nothing.
pub(crate) fn evaluate_path(path: &Path, input: &Value, env: &Env<'_>) -> Result<Value, String> {
    env.evaluate(path, input).map_err(|failure| {
        format!(
            "Invalid path '{}' : {}",
            path.as_str(),
            failure.jayway_detail()
        )
    })
}

/// `ResultPath`: where the result goes in the raw input
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html>).
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

/// Evaluates a payload template against `input`.
pub(crate) fn evaluate(
    template: &Template,
    input: &Value,
    env: &Env<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    build(template, input, env, None, random)
}

/// Evaluates an `Assign` block against `input` (what `$` means there depends on the state,
/// see <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>):
/// the new variables, not yet committed.
pub(crate) fn assign(
    members: &[Member],
    input: &Value,
    env: &Env<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Vec<(String, Value)>, String> {
    members
        .iter()
        .map(|member| {
            Ok((
                member.name().to_owned(),
                build(&member.value, input, env, Some(&member.key), random)?,
            ))
        })
        .collect()
}

fn build(
    template: &Template,
    input: &Value,
    env: &Env<'_>,
    key: Option<&str>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    match template {
        Template::Value(value) => Ok(value.clone()),
        Template::Object(members) => {
            if let Some(skeleton) = members.skeleton() {
                let mut object = skeleton.clone();
                for (slot, member) in object.values_mut().zip(members) {
                    *slot = build(&member.value, input, env, Some(&member.key), random)?;
                }
                return Ok(Value::Object(object));
            }
            let mut object = Map::with_capacity(members.len());
            for member in members {
                let value = build(&member.value, input, env, Some(&member.key), random)?;
                object.insert(member.key.clone(), value);
            }
            Ok(Value::Object(object))
        }
        Template::Array(items) => {
            items.iter().map(|item| build(item, input, env, None, random)).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }
        Template::Path(path) => env.evaluate(path, input).map_err(|_| {
            format!(
                "The JSONPath '{}' specified for the field '{}.$' could not be found in the input '{input}'",
                path.as_str(),
                key.unwrap_or_default(),
            )
        }),
        Template::Call(call) => {
            let mut resolve = |path: &Path| env.evaluate(path, input).map_err(|_| IntrinsicFailure::path_not_found(path, input));
            intrinsics::evaluate(call, &mut resolve, random).map_err(|failure| failure.cause_detail().to_owned())
        }
        // The plan refuses JSONata states, so no expression reaches a JSONPath pipeline.
        Template::Jsonata(expression) => Ok(Value::from(expression.source())),
    }
}
