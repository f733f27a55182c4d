//! The JSONata pipeline of a state
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>): `Arguments`,
//! `Output` and `Assign` with `$states`, the scalar fields given as expressions, and the whole of
//! the simple state types (Pass, Succeed, Fail, Choice, Wait). Task, Parallel and Map share their
//! run loops with JSONPath and call in here for the steps that differ.

use serde_json::Value;

use super::failure::{Failure, QUERY_EVALUATION};
use super::history::Details;
use super::io::Env;
use super::jsonata::{self, Scope};
use super::run::{Halt, Step, Thread};
use super::state::StateRun;
use crate::asl::{
    Assign, Choice, Condition, ConditionValue, FailField, IntegerField, Jsonata, NumberField, Pass,
    Succeed, Template, TimestampField, Wait, WaitFor,
};

impl StateRun<'_, '_> {
    /// The scope of this state's expressions: `$states.input` is the raw state input.
    pub(crate) fn scope<'a>(&'a self, env: &'a Env<'_>) -> Scope<'a> {
        Scope {
            input: &self.input,
            context: &env.context,
            result: None,
            error_output: None,
            variables: env.variables,
        }
    }

    /// `States.QueryEvaluationError` with the state prefix, for an evaluation of `field`. It is
    /// remembered: if it ends the state, the history gets an `EvaluationFailed` event.
    pub(crate) fn query_failure(&self, field: &str, detail: &str) -> Failure {
        let failure = Failure::prefixed(QUERY_EVALUATION, self.name(), self.entered, detail);
        *self.evaluation_failure.borrow_mut() = Some((field.to_owned(), failure.clone()));
        failure
    }

    /// `EvaluationFailed`, when `failure`, which ends the state, came from one of its own
    /// evaluations
    /// (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html>).
    pub(crate) fn evaluation_failed(&self, thread: &mut Thread, failure: &Failure) {
        let Some((location, own)) = self.evaluation_failure.take() else {
            return;
        };
        if own != *failure {
            return;
        }
        let mut details = serde_json::Map::new();
        details.insert("error".to_owned(), Value::from(QUERY_EVALUATION));
        details.insert(
            "cause".to_owned(),
            Value::from(own.cause.unwrap_or_default()),
        );
        details.insert("location".to_owned(), Value::from(location));
        details.insert("state".to_owned(), Value::from(self.name()));
        self.run.event(
            thread,
            "EvaluationFailed",
            Details::object(Value::Object(details)),
        );
    }

    /// One expression's value.
    pub(crate) fn query(
        &self,
        expression: &Jsonata,
        field: &str,
        scope: &Scope<'_>,
    ) -> Result<Value, Failure> {
        jsonata::evaluate(expression, field, scope, &mut || self.run.random())
            .map_err(|detail| self.query_failure(field, &detail))
    }

    /// A template's value (`Output`, `Arguments`, `ItemSelector`…).
    pub(crate) fn query_template(
        &self,
        template: &Template,
        field: &str,
        scope: &Scope<'_>,
    ) -> Result<Value, Failure> {
        jsonata::template(template, field, scope, &mut || self.run.random())
            .map_err(|detail| self.query_failure(field, &detail))
    }

    /// `Output`, or `default` without one. `field` is where it sits (`Output`,
    /// `Choices[0]/Output`).
    pub(crate) fn query_output(
        &self,
        output: Option<&Template>,
        field: &str,
        default: Value,
        scope: &Scope<'_>,
    ) -> Result<Value, Failure> {
        match output {
            Some(output) => self.query_template(output, field, scope),
            None => Ok(default),
        }
    }

    /// Evaluates a JSONata `Assign` for [`StateRun::exit`] to commit; a later one (a
    /// catcher's) replaces an earlier one. Every value sees the variables as they were on entry.
    pub(crate) fn query_assign(
        &self,
        assign: Option<&Assign>,
        field: &str,
        scope: &Scope<'_>,
    ) -> Result<(), Failure> {
        let mut assigned = Vec::new();
        for member in assign
            .map(|assign| assign.members.as_slice())
            .unwrap_or_default()
        {
            let name = member.name();
            let location = format!("{field}/{name}");
            assigned.push((
                name.to_owned(),
                self.query_template(&member.value, &location, scope)?,
            ));
        }
        *self.assigned.borrow_mut() = assigned;
        Ok(())
    }

    /// An integer field given as an expression; `minimum` is 0 or 1.
    pub(crate) fn query_integer(
        &self,
        expression: &Jsonata,
        field: &str,
        minimum: u64,
        scope: &Scope<'_>,
    ) -> Result<u64, Failure> {
        let value = self.query(expression, field, scope)?;
        match value.as_u64() {
            Some(number) if number >= minimum => Ok(number),
            _ => {
                let expected = if minimum == 0 {
                    "non-negative integer"
                } else {
                    "positive integer"
                };
                Err(self.query_failure(
                    field,
                    &jsonata::unexpected_type(expression, field, expected, &value),
                ))
            }
        }
    }

    /// An integer field in either language: a literal, an expression (JSONata states) or
    /// nothing. The `…Path` forms are JSONPath's and handled by the caller.
    pub(crate) fn query_integer_field(
        &self,
        field: &Option<IntegerField>,
        name: &str,
        minimum: u64,
        scope: &Scope<'_>,
    ) -> Result<Option<u64>, Failure> {
        match field {
            Some(IntegerField::Jsonata(expression)) => self
                .query_integer(expression, name, minimum, scope)
                .map(Some),
            Some(IntegerField::Literal(number)) => Ok(Some(*number)),
            Some(IntegerField::Path(_)) | None => Ok(None),
        }
    }

    /// `ToleratedFailurePercentage` given as an expression: a number from 0 to 100.
    pub(crate) fn query_percentage(
        &self,
        field: &Option<NumberField>,
        scope: &Scope<'_>,
    ) -> Result<Option<f64>, Failure> {
        let Some(NumberField::Jsonata(expression)) = field else {
            return Ok(None);
        };
        let name = "ToleratedFailurePercentage";
        let value = self.query(expression, name, scope)?;
        match value.as_f64() {
            Some(number) if (0.0..=100.0).contains(&number) => Ok(Some(number)),
            _ => Err(self.query_failure(
                name,
                &jsonata::unexpected_type(expression, name, "number between 0 and 100", &value),
            )),
        }
    }

    /// Pass in JSONata: `Output` (default: the input) and `Assign`.
    pub(crate) fn jsonata_pass(
        &self,
        thread: &mut Thread,
        pass: &Pass,
        input: Value,
    ) -> Result<Step, Halt> {
        let env = self.context(None);
        let scope = self.scope(&env);
        self.query_assign(pass.assign.as_ref(), "Assign", &scope)?;
        let output = self.query_output(pass.output.as_ref(), "Output", input, &scope)?;
        Ok(self.exit(thread, self.planned.next, output)?)
    }

    /// Succeed in JSONata: `Output` (default: the input).
    pub(crate) fn jsonata_succeed(
        &self,
        thread: &mut Thread,
        succeed: &Succeed,
        input: Value,
    ) -> Result<Step, Halt> {
        let env = self.context(None);
        let output =
            self.query_output(succeed.output.as_ref(), "Output", input, &self.scope(&env))?;
        Ok(self.exit(thread, None, output)?)
    }

    /// Fail in JSONata: `Error` and `Cause`, each a string or an expression giving one.
    pub(crate) fn jsonata_fail_field(
        &self,
        field: &Option<FailField>,
        name: &str,
    ) -> Result<Option<String>, Failure> {
        match field {
            None => Ok(None),
            Some(FailField::Literal(text)) => Ok(Some(text.clone())),
            Some(FailField::Jsonata(expression)) => {
                let env = self.context(None);
                match self.query(expression, name, &self.scope(&env))? {
                    Value::String(text) => Ok(Some(text)),
                    other => Err(self.query_failure(
                        name,
                        &jsonata::unexpected_type(expression, name, "string", &other),
                    )),
                }
            }
            // JSONPath forms cannot load in a JSONata state.
            Some(FailField::Path(_) | FailField::Call(_)) => Ok(None),
        }
    }

    /// Choice in JSONata: the first rule whose `Condition` is true, with its `Assign` and
    /// `Output`; else the state's own `Assign` and `Output` on the way to `Default`.
    pub(crate) fn jsonata_choice(
        &self,
        thread: &mut Thread,
        choice: &Choice,
        input: Value,
    ) -> Result<Step, Halt> {
        let env = self.context(None);
        let scope = self.scope(&env);
        for (index, (rule, target)) in choice
            .choices
            .iter()
            .zip(&self.planned.rule_next)
            .enumerate()
        {
            let field = format!("Choices[{index}]/Condition");
            let holds = match &rule.condition {
                Condition::Jsonata(ConditionValue::Literal(flag)) => *flag,
                Condition::Jsonata(ConditionValue::Jsonata(expression)) => {
                    match self.query(expression, &field, &scope)? {
                        Value::Bool(flag) => flag,
                        other => {
                            return Err(self
                                .query_failure(
                                    &field,
                                    &jsonata::unexpected_type(
                                        expression, &field, "boolean", &other,
                                    ),
                                )
                                .into());
                        }
                    }
                }
                // JSONPath conditions cannot load in a JSONata state.
                _ => false,
            };
            if holds {
                let prefix = format!("Choices[{index}]");
                self.query_assign(rule.assign.as_ref(), &format!("{prefix}/Assign"), &scope)?;
                let output = self.query_output(
                    rule.output.as_ref(),
                    &format!("{prefix}/Output"),
                    input,
                    &scope,
                )?;
                return Ok(self.exit(thread, Some(*target), output)?);
            }
        }
        let Some(next) = self.planned.default else {
            return Err(self.runtime_failure("Failed to transition out of the state. The state does not point to a next state.").into());
        };
        self.query_assign(choice.assign.as_ref(), "Assign", &scope)?;
        let output = self.query_output(choice.output.as_ref(), "Output", input, &scope)?;
        Ok(self.exit(thread, Some(next), output)?)
    }

    /// Wait in JSONata: `Seconds` or `Timestamp`, the wait, then `Assign` and `Output`.
    pub(crate) async fn jsonata_wait(
        &self,
        thread: &mut Thread,
        wait: &Wait,
        input: Value,
    ) -> Result<Step, Halt> {
        let env = self.context(None);
        let scope = self.scope(&env);
        let delay = match &wait.wait_for {
            WaitFor::Seconds(IntegerField::Jsonata(expression)) => {
                let seconds = self.query_integer(expression, "Seconds", 0, &scope)?;
                self.delay_millis(i128::from(seconds))?
            }
            WaitFor::Timestamp(TimestampField::Jsonata(expression)) => {
                let value = self.query(expression, "Timestamp", &scope)?;
                match value.as_str().and_then(crate::timestamp::parse_nanos) {
                    Some(nanos) => self.delay_millis(self.until(Some(nanos)))?,
                    None => {
                        return Err(self.query_failure("Timestamp", &format!(
                            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
                            super::run::raw(&value)
                        )).into());
                    }
                }
            }
            other => self.wait_millis(other, &input, &env)?,
        };
        self.run.clock.sleep(delay).await;
        if self.run.past_deadline() {
            return Err(Halt::TimedOut);
        }
        self.query_assign(wait.assign.as_ref(), "Assign", &scope)?;
        let output = self.query_output(wait.output.as_ref(), "Output", input, &scope)?;
        Ok(self.exit(thread, self.planned.next, output)?)
    }
}
