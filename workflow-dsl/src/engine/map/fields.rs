//! A Map's number fields, literal, from a path or a JSONata expression: `MaxConcurrency`,
//! `ToleratedFailureCount` and `ToleratedFailurePercentage`, with AWS's texts.

use serde_json::Value;

use crate::asl::{IntegerField, NumberField};
use crate::engine::failure::Failure;
use crate::engine::io::{self, Env};
use crate::engine::run::raw;
use crate::engine::state::StateRun;
use crate::path::Path;

impl StateRun<'_, '_> {
    /// A number read through one of the Map's `…Path` fields. Numeric strings count as their
    /// number: AWS ran `"MaxConcurrencyPath": "$max"` with `$max = "1"` (recorded).
    pub(super) fn number_at(
        &self,
        path: &Path,
        input: &Value,
        context: &Env,
    ) -> Result<Value, Failure> {
        let value = self.runtime(io::evaluate_path(path, input, context))?;
        Ok(match &value {
            Value::String(text) => {
                serde_json::from_str::<serde_json::Number>(text).map_or(value, Value::Number)
            }
            _ => value,
        })
    }

    /// A `…Path` number field's value, or AWS's "refers to value" text (recorded in
    /// `tests/data/aws-recorded/map/base_scenarios__test_max_concurrency_path_NoNumber.json`).
    pub(super) fn dynamic_number(
        &self,
        field: &IntegerField,
        name: &str,
        kind: &str,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<Value>, Failure> {
        match field {
            IntegerField::Literal(n) => Ok(Some(Value::from(*n))),
            IntegerField::Jsonata(expression) => {
                let scope = self.scope(context);
                Ok(Some(Value::from(
                    self.query_integer(expression, name, 0, &scope)?,
                )))
            }
            IntegerField::Path(path) => {
                let value = self.number_at(path.as_path(), input, context)?;
                if value.is_number() {
                    Ok(Some(value))
                } else {
                    Err(self.runtime_failure(&format!(
                        "The {name}Path field refers to value \"{}\" which is not a valid {kind}: {}",
                        raw(&value),
                        path.as_str()
                    )))
                }
            }
        }
    }

    /// How many iterations may run at once: `MaxConcurrency` (0 = as many as possible), capped at
    /// 40 for an inline Map and at 10,000 child executions for a distributed one, as AWS does
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>,
    /// <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).
    pub(super) fn concurrency(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
        distributed: bool,
    ) -> Result<usize, Failure> {
        let cap = if distributed { 10_000 } else { 40 };
        let requested = match field {
            Some(IntegerField::Literal(n)) => *n,
            Some(IntegerField::Path(path)) => self
                .number_at(path.as_path(), input, context)?
                .as_u64()
                .unwrap_or(0),
            Some(IntegerField::Jsonata(expression)) => {
                self.query_integer(expression, "MaxConcurrency", 0, &self.scope(context))?
            }
            None => 0,
        };
        Ok(if requested == 0 {
            cap
        } else {
            usize::try_from(requested).unwrap_or(cap).min(cap)
        })
    }

    /// `MaxConcurrencyPath` must name an integer, checked before anything runs (recorded in
    /// `tests/data/aws-recorded/map/base_scenarios__test_max_concurrency_path_NoNumber.json`).
    pub(super) fn max_concurrency(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<(), Failure> {
        let Some(IntegerField::Path(path)) = field else {
            return Ok(());
        };
        let value = self.number_at(path.as_path(), input, context)?;
        if value.as_u64().is_none() {
            return Err(self.runtime_failure(&format!(
                "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: {}",
                raw(&value),
                path.as_str()
            )));
        }
        Ok(())
    }

    pub(super) fn tolerated_count(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<u64>, Failure> {
        let Some(field) = field else { return Ok(None) };
        let Some(value) =
            self.dynamic_number(field, "ToleratedFailureCount", "integer", input, context)?
        else {
            return Ok(None);
        };
        if let Some(count) = value.as_u64() {
            return Ok(Some(count));
        }
        if value.as_i64().is_some() {
            return Err(self.runtime_failure("ToleratedFailureCount cannot be negative."));
        }
        let path = match field {
            IntegerField::Path(path) => path.as_str(),
            _ => "",
        };
        Err(self.runtime_failure(&format!(
            "The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: {path}",
            raw(&value)
        )))
    }

    pub(super) fn tolerated_percentage(
        &self,
        field: &Option<NumberField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<f64>, Failure> {
        let value = match field {
            None => return Ok(None),
            Some(NumberField::Jsonata(_)) => {
                return self.query_percentage(field, &self.scope(context));
            }
            Some(NumberField::Literal(n)) => Value::Number(n.clone()),
            Some(NumberField::Path(path)) => {
                let value = self.number_at(path.as_path(), input, context)?;
                if !value.is_number() {
                    return Err(self.runtime_failure(&format!(
                        "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}",
                        raw(&value),
                        path.as_str()
                    )));
                }
                value
            }
        };
        match value.as_f64() {
            Some(percentage) if (0.0..=100.0).contains(&percentage) => Ok(Some(percentage)),
            _ => Err(self.runtime_failure("ToleratedFailurePercentage must be between 0 and 100.")),
        }
    }
}
