//! The JSONPath states that do no work of their own: Pass, Succeed, Fail and Choice, each
//! input → effective input → result → output, one call per step.

use serde_json::Value;

use super::failure::Failure;
use super::io::{self, Env};
use super::run::{Halt, Step, Thread};
use super::state::StateRun;
use crate::asl::{Choice, Fail, FailField, Pass, Succeed};
use crate::intrinsics;

impl StateRun<'_, '_> {
    /// A Pass state: `Result` (or `Parameters`, or the effective input) placed by `ResultPath`.
    pub(crate) fn pass(
        &self,
        thread: &mut Thread,
        pass: &Pass,
        input: Value,
    ) -> Result<Step, Halt> {
        let context = self.context(None);
        // The raw input is needed again by ResultPath, so borrow it when InputPath would only
        // copy it.
        let selected;
        let effective = match &pass.input_path {
            None => &input,
            Some(_) => {
                selected = self.runtime(io::select(&pass.input_path, input.clone(), &context))?;
                &selected
            }
        };
        // With both, `Result` wins, but `Parameters` is still evaluated so its errors surface
        // (what AWS does here is unrecorded).
        let parameters = match &pass.parameters {
            Some(parameters) => Some(self.runtime(io::evaluate(
                parameters,
                effective,
                &context,
                &mut || self.run.random(),
            ))?),
            None => None,
        };
        let result = match (&pass.result, parameters) {
            (Some(result), _) => result.clone(),
            (None, Some(parameters)) => parameters,
            (None, None) => effective.clone(),
        };
        self.assign(pass.assign.as_ref(), &result, &context)?;
        let output = io::place(&pass.result_path, input, result)?;
        let output = self.runtime(io::select(&pass.output_path, output, &context))?;
        Ok(self.exit(thread, self.planned.next, output)?)
    }

    /// A Succeed state: its output ends the branch.
    pub(crate) fn succeed(
        &self,
        thread: &mut Thread,
        succeed: &Succeed,
        input: Value,
    ) -> Result<Step, Halt> {
        let context = self.context(None);
        let effective = self.runtime(io::select(&succeed.input_path, input, &context))?;
        let output = self.runtime(io::select(&succeed.output_path, effective, &context))?;
        Ok(self.exit(thread, None, output)?)
    }

    /// A Fail state's error and cause.
    pub(crate) fn fail(&self, fail: &Fail, input: &Value) -> Result<Failure, Failure> {
        let context = self.context(None);
        let error = self.fail_field(&fail.error, "ErrorPath", input, &context)?;
        let cause = self.fail_field(&fail.cause, "CausePath", input, &context)?;
        Ok(Failure { error, cause })
    }

    /// A Choice state: the first rule that holds, or `Default`.
    pub(crate) fn choice(
        &self,
        thread: &mut Thread,
        choice: &Choice,
        input: Value,
    ) -> Result<Step, Halt> {
        let context = self.context(None);
        let effective = self.runtime(io::select(&choice.input_path, input, &context))?;
        let mut chosen = None;
        for (rule, target) in choice.choices.iter().zip(&self.planned.rule_next) {
            let holds = context.with_roots(&effective, |roots| {
                super::choice::holds(&rule.condition, roots)
            });
            if self.runtime(holds)? {
                chosen = Some((*target, rule.assign.as_ref()));
                break;
            }
        }
        // The chosen rule's Assign replaces the state's, which runs on the Default path.
        let Some((next, assign)) = chosen.or(self
            .planned
            .default
            .map(|next| (next, choice.assign.as_ref())))
        else {
            return Err(self.runtime_failure("Failed to transition out of the state. The state does not point to a next state.").into());
        };
        self.assign(assign, &effective, &context)?;
        let output = self.runtime(io::select(&choice.output_path, effective, &context))?;
        Ok(self.exit(thread, Some(next), output)?)
    }

    /// `Error`/`Cause` (literal or JSONata text) or `ErrorPath`/`CausePath` (a path or call).
    fn fail_field(
        &self,
        field: &Option<FailField>,
        path_field: &str,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<String>, Failure> {
        let value = match field {
            None => return Ok(None),
            Some(FailField::Literal(text)) => return Ok(Some(text.clone())),
            Some(FailField::Jsonata(expression)) => return Ok(Some(expression.source().to_owned())),
            Some(FailField::Path(path)) => io::evaluate_path(path.as_path(), input, context).map_err(|_| {
                format!(
                    "The JSONPath '{}' specified for the field '{path_field}' could not be found in the input '{input}'",
                    path.as_str()
                )
            }),
            Some(FailField::Call(call)) => context.with_roots(input, |roots| {
                let mut resolve = |path: &crate::path::Path| {
                    path.evaluate(roots).map_err(|_| intrinsics::IntrinsicFailure::path_not_found(path, input))
                };
                intrinsics::evaluate(call, &mut resolve, &mut || self.run.random()).map_err(|f| f.cause_detail().to_owned())
            }),
        };
        let value = self.runtime(value)?;
        Ok(Some(match value {
            Value::String(text) => text,
            other => other.to_string(),
        }))
    }
}
