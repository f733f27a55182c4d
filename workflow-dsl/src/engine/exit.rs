//! A state's way out: after a Task, Parallel or Map, the result through `Assign` and the
//! output fields of its language (`finish`); for every state the output's size, the variables
//! it assigns and their quotas, and the `…StateExited` event (`exit`).

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::failure::{DATA_LIMIT_EXCEEDED, Failure};
use super::history::{Details, payload_text};
use super::io::{self, Variables};
use super::jsonata::Scope;
use super::run::{Halt, Step, Thread, event_kinds};
use super::state::StateRun;
use crate::asl::{Assign, Catcher, NullablePath, ResultPath, Template};

/// What all variables of an execution may hold together, as JSON text
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
const MAX_VARIABLE_BYTES: usize = 10 * 1024 * 1024;

/// AWS's payload limit for inputs, results and outputs
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html>).
pub const MAX_PAYLOAD_BYTES: usize = 262_144;

impl StateRun<'_, '_> {
    /// `…StateExited`, then on to `next` (or out of the container). The output is serialised
    /// once here, for the 256 KiB limit, the event and the next state's Entered event.
    pub(crate) fn exit(
        &self,
        thread: &mut Thread,
        next: Option<usize>,
        output: Value,
    ) -> Result<Step, Failure> {
        let text = json_text(&output);
        if text.len() > MAX_PAYLOAD_BYTES {
            return Err(Failure::new(
                DATA_LIMIT_EXCEEDED,
                format!(
                    "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
                    self.name()
                ),
            ));
        }
        let (_, exited_kind) = event_kinds(&self.planned.state.kind);
        let assigned = std::mem::take(&mut *self.assigned.borrow_mut());
        let details = if assigned.is_empty() {
            Details::StateExited {
                name: self.planned.name.clone(),
                output: text.clone(),
            }
        } else {
            let texts: Vec<String> = assigned
                .iter()
                .map(|(_, value)| value.to_string())
                .collect();
            self.check_variable_sizes(thread.variables.as_deref(), &assigned, &texts)?;
            let variables = Arc::make_mut(thread.variables.get_or_insert_with(Arc::default));
            let mut texts_by_name = Map::with_capacity(assigned.len());
            for ((name, value), text) in assigned.into_iter().zip(texts) {
                variables.insert(name.clone(), value, text.len());
                texts_by_name.insert(name, Value::from(text));
            }
            let texts = texts_by_name;
            let mut details = Map::new();
            details.insert("name".to_owned(), Value::from(self.name()));
            details.extend(payload_text("output", text.to_string()));
            details.insert("assignedVariables".to_owned(), Value::Object(texts));
            details.insert(
                "assignedVariablesDetails".to_owned(),
                json!({"truncated": false}),
            );
            Details::object(Value::Object(details))
        };
        self.run.event(thread, exited_kind, details);
        Ok(match next {
            Some(next) => Step::Next(next, output, text),
            None => Step::End(output),
        })
    }

    /// AWS's variable quotas: 256 KiB per value, 256 KiB per `Assign`, 10 MiB stored
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
    /// AWS documents the limits but no error text; ours is `States.DataLimitExceeded`, like
    /// the payload limit (unverified).
    fn check_variable_sizes(
        &self,
        variables: Option<&Variables>,
        assigned: &[(String, Value)],
        texts: &[String],
    ) -> Result<(), Failure> {
        let too_big = |what: String| {
            Err(Failure::new(
                DATA_LIMIT_EXCEEDED,
                format!(
                    "The state '{}' assigned {what}: pass large data through the state output or by reference instead",
                    self.name()
                ),
            ))
        };
        let mut total = 0;
        let mut stored = variables.map_or(0, Variables::bytes);
        for ((name, _), text) in assigned.iter().zip(texts) {
            if text.len() > MAX_PAYLOAD_BYTES {
                return too_big(format!(
                    "'{name}' a value of {} bytes, over the limit of {MAX_PAYLOAD_BYTES} bytes per variable",
                    text.len()
                ));
            }
            total += text.len();
            stored = match variables {
                Some(variables) => {
                    variables.bytes_with(name, text.len()) + stored - variables.bytes()
                }
                None => stored + text.len(),
            };
        }
        if total > MAX_PAYLOAD_BYTES {
            return too_big(format!(
                "{total} bytes of values, over the limit of {MAX_PAYLOAD_BYTES} bytes per Assign"
            ));
        }
        if stored > MAX_VARIABLE_BYTES {
            return too_big(format!(
                "variables that bring the execution's to {stored} bytes, over the limit of {MAX_VARIABLE_BYTES} bytes"
            ));
        }
        Ok(())
    }

    /// After a Task, Parallel or Map ran: a failure goes to the catchers; a result goes
    /// through `Assign` and the output fields of the state's language.
    pub(crate) fn finish(
        &self,
        thread: &mut Thread,
        outcome: Result<Value, Failure>,
        raw: Value,
        retry_count: Option<u64>,
        fields: &OutputFields<'_>,
    ) -> Result<Step, Halt> {
        let result = match outcome {
            Ok(result) => result,
            Err(failure) => return self.catch(thread, fields.catchers, raw, failure),
        };
        let context = self.context(retry_count);
        let output = if self.planned.jsonata {
            let scope = Scope {
                result: Some(&result),
                ..self.scope(&context)
            };
            self.query_assign(fields.assign, "Assign", &scope)?;
            self.query_output(fields.output, "Output", result.clone(), &scope)?
        } else {
            self.assign(fields.assign, &result, &context)?;
            let selected = match fields.result_selector {
                Some(selector) => {
                    self.runtime(io::evaluate(selector, &result, &context, &mut || {
                        self.run.random()
                    }))?
                }
                None => result,
            };
            let output = io::place(fields.result_path, raw, selected)?;
            self.runtime(io::select(fields.output_path, output, &context))?
        };
        Ok(self.exit(thread, self.planned.next, output)?)
    }
}

/// The fields that shape a Task's, Parallel's or Map's output, in both languages.
pub(crate) struct OutputFields<'a> {
    pub assign: Option<&'a Assign>,
    pub result_selector: &'a Option<Template>,
    pub result_path: &'a Option<ResultPath>,
    pub output_path: &'a Option<NullablePath>,
    pub output: Option<&'a Template>,
    pub catchers: &'a [Catcher],
}

/// Compact JSON text, shared between the Exited event and the next Entered event.
pub(crate) fn json_text(value: &Value) -> Arc<String> {
    Arc::new(serde_json::to_string(value).unwrap_or_default())
}
