//! [`StateRun`]: one entry of a state, what every state type's work reads (its plan, the
//! variables on entry, the Context Object) and how its failures are worded.

use std::cell::RefCell;
use std::sync::Arc;

use serde_json::Value;

use super::context;
use super::failure::Failure;
use super::io::{self, Env, Variables};
use super::plan::PlannedState;
use super::run::Run;
use crate::asl::Assign;

/// One state entry: what every state-type function needs.
pub(crate) struct StateRun<'r, 'e> {
    pub run: &'r Run<'e>,
    pub planned: &'r PlannedState,
    pub entered: u64,
    pub entered_at: i64,
    /// The variables as they were on entry: everything this state evaluates reads these.
    pub variables: Option<Arc<Variables>>,
    /// What this state's `Assign` evaluated to, committed by [`StateRun::exit`].
    pub assigned: RefCell<Vec<(String, Value)>>,
    /// A JSONata state's raw input, `$states.input` (`Value::Null` in JSONPath states).
    pub input: Value,
    /// The last JSONata evaluation that failed: its field and failure.
    pub evaluation_failure: RefCell<Option<(String, Failure)>>,
}

impl StateRun<'_, '_> {
    pub(crate) fn name(&self) -> &str {
        &self.planned.name
    }

    /// The roots of this state's paths besides `$`: the Context Object and the variables.
    pub(crate) fn context(&self, retry_count: Option<u64>) -> Env<'_> {
        let context = if self.planned.uses_context {
            context::for_state(
                &self.run.execution_context,
                self.name(),
                self.entered_at,
                retry_count,
            )
        } else {
            Value::Null
        };
        Env {
            context,
            variables: self.variables.as_deref(),
        }
    }

    /// Evaluates an `Assign` block against `input` (its `$`) for [`Self::exit`] to commit; a
    /// later one (a catcher's) replaces an earlier one
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
    pub(crate) fn assign(
        &self,
        assign: Option<&Assign>,
        input: &Value,
        env: &Env<'_>,
    ) -> Result<(), Failure> {
        let assigned = match assign {
            Some(assign) => self.runtime(io::assign(&assign.members, input, env, &mut || {
                self.run.random()
            }))?,
            None => Vec::new(),
        };
        *self.assigned.borrow_mut() = assigned;
        Ok(())
    }

    pub(crate) fn runtime_failure(&self, detail: &str) -> Failure {
        Failure::runtime(self.name(), self.entered, detail)
    }

    /// Turns a detail text into this state's `States.Runtime` failure.
    pub(crate) fn runtime<T>(&self, result: Result<T, String>) -> Result<T, Failure> {
        result.map_err(|detail| self.runtime_failure(&detail))
    }
}
