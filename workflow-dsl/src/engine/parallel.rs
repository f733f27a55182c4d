//! The Parallel state: its branches run side by side, their outputs in order.

use serde_json::Value;

use super::exit::OutputFields;
use super::history::Details;
use super::io;
use super::run::{Halt, Step, Thread};
use super::state::StateRun;
use crate::asl::Parallel;

impl StateRun<'_, '_> {
    /// A Parallel state: attempts under its retriers, then its catchers or output.
    pub(crate) async fn parallel(
        &self,
        thread: &mut Thread,
        parallel: &Parallel,
        raw: Value,
    ) -> Result<Step, Halt> {
        let retriers = parallel.retry.as_deref().unwrap_or_default();
        let (outcome, _) = self
            .retrying(thread, retriers, false, async |thread, _| {
                self.parallel_attempt(thread, parallel, &raw).await
            })
            .await?;
        self.finish(
            thread,
            outcome,
            raw,
            None,
            &OutputFields {
                assign: parallel.assign.as_ref(),
                result_selector: &parallel.result_selector,
                result_path: &parallel.result_path,
                output_path: &parallel.output_path,
                output: parallel.output.as_ref(),
                catchers: parallel.catch.as_deref().unwrap_or_default(),
            },
        )
    }

    /// One run of the branches: their outputs in order, or why they failed.
    async fn parallel_attempt(
        &self,
        thread: &mut Thread,
        parallel: &Parallel,
        raw: &Value,
    ) -> Result<Value, Halt> {
        let run = self.run;
        let context = self.context(None);
        let effective = if self.planned.jsonata {
            let scope = self.scope(&context);
            self.query_output(
                parallel.arguments.as_ref(),
                "Arguments",
                raw.clone(),
                &scope,
            )?
        } else {
            let effective =
                self.runtime(io::select(&parallel.input_path, raw.clone(), &context))?;
            match &parallel.parameters {
                Some(parameters) => {
                    self.runtime(io::evaluate(parameters, &effective, &context, &mut || {
                        run.random()
                    }))?
                }
                None => effective,
            }
        };
        let started = run.event(thread, "ParallelStateStarted", Details::None);
        let branches = &self.planned.containers;
        let input = &effective;
        let fanned = super::fanout::run(
            branches.len(),
            branches.len(),
            |index| async move {
                let mut branch_thread = Thread::new(started, self.variables.clone());
                run.run_container(&mut branch_thread, branches[index], input.clone())
                    .await
            },
            Result::is_err,
        )
        .await;
        let mut results = Vec::with_capacity(branches.len());
        let mut failed = None;
        for result in fanned.results.into_iter().flatten() {
            match result {
                Ok(output) => results.push(output),
                Err(Halt::TimedOut) => return Err(Halt::TimedOut),
                Err(Halt::Failed(failure)) => failed = Some(failure),
            }
        }
        thread.last = run.last_event_id();
        match failed {
            None => {
                run.event(thread, "ParallelStateSucceeded", Details::None);
                Ok(Value::Array(results))
            }
            Some(failure) => {
                run.event(thread, "ParallelStateFailed", Details::None);
                Err(Halt::Failed(failure))
            }
        }
    }
}
