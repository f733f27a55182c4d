//! Retry and Catch, one policy for Task, Parallel and Map: which retrier takes a failure and
//! how long it waits, and which catcher takes what no retrier did.

use serde_json::Value;

use super::failure::Failure;
use super::io;
use super::jsonata::Scope;
use super::run::{Halt, Step, Thread};
use super::state::StateRun;
use crate::asl::{Catcher, JitterStrategy, Retrier};

impl StateRun<'_, '_> {
    /// A failure after retries: the first matching catcher handles it, or it propagates.
    pub(crate) fn catch(
        &self,
        thread: &mut Thread,
        catchers: &[Catcher],
        raw: Value,
        failure: Failure,
    ) -> Result<Step, Halt> {
        let Some(position) = catchers
            .iter()
            .position(|catcher| failure.matches(&catcher.error_equals))
        else {
            return Err(Halt::Failed(failure));
        };
        let catcher = &catchers[position];
        // The catcher's ResultPath applies to the raw input; the state's own output processing
        // does not run (tests/data/aws-recorded/error_handling/
        // task_service_lambda__test_raise_exception_catch_output_path_.Payload.json).
        // The default ResultPath is `$`.
        let error_output = failure.error_output();
        let context = self.context(None);
        let output = if self.planned.jsonata {
            // A catcher's Output defaults to the Error Output
            // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
            let scope = Scope {
                error_output: Some(&error_output),
                ..self.scope(&context)
            };
            self.query_assign(catcher.assign.as_ref(), "Assign", &scope)?;
            self.query_output(
                catcher.output.as_ref(),
                "Output",
                error_output.clone(),
                &scope,
            )?
        } else {
            self.assign(catcher.assign.as_ref(), &error_output, &context)?;
            io::place(&catcher.result_path, raw, error_output)?
        };
        Ok(self.exit(thread, Some(self.planned.catch_next[position]), output)?)
    }

    /// The delay before retry `attempt` (1-based) of `retrier`, in milliseconds
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).
    fn retry_delay(&self, retrier: &Retrier, attempt: u64) -> u64 {
        let interval = retrier.interval_seconds.unwrap_or(1) as f64;
        let backoff = retrier
            .backoff_rate
            .as_ref()
            .and_then(serde_json::Number::as_f64)
            .unwrap_or(2.0);
        let exponent = i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX);
        let mut seconds = interval * backoff.powi(exponent);
        if let Some(cap) = retrier.max_delay_seconds {
            seconds = seconds.min(cap as f64);
        }
        if retrier.jitter_strategy == Some(JitterStrategy::Full) {
            seconds *= (self.run.random() % 1_000_001) as f64 / 1_000_000.0;
        }
        (seconds * 1000.0).min(u64::MAX as f64) as u64
    }

    /// Decides whether to retry `failure`; updates the per-retrier counters.
    pub(crate) fn should_retry(
        &self,
        retriers: &[Retrier],
        counts: &mut [u64],
        failure: &Failure,
    ) -> Option<u64> {
        let index = retriers
            .iter()
            .position(|retrier| failure.matches(&retrier.error_equals))?;
        let retrier = &retriers[index];
        if counts[index] >= retrier.max_attempts.unwrap_or(3) {
            return None;
        }
        counts[index] += 1;
        Some(self.retry_delay(retrier, counts[index]))
    }

    /// Runs `attempt` until it succeeds or no retrier retries its failure (then the failure is
    /// the catchers'); every failure of an attempt, its own evaluations' included, meets the
    /// retriers, and States.Runtime matches none of them
    /// (`tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json`).
    ///
    /// `attempt` is given the number of retries so far (`$$.State.RetryCount`). A Task checks
    /// the execution's deadline after each back-off (`check_deadline`): its next attempt would
    /// otherwise record its scheduling events past the deadline.
    pub(crate) async fn retrying(
        &self,
        thread: &mut Thread,
        retriers: &[Retrier],
        check_deadline: bool,
        mut attempt: impl AsyncFnMut(&mut Thread, u64) -> Result<Value, Halt>,
    ) -> Result<(Result<Value, Failure>, u64), Halt> {
        let mut counts = vec![0; retriers.len()];
        let mut retries = 0;
        loop {
            match attempt(thread, retries).await {
                Ok(results) => return Ok((Ok(results), retries)),
                Err(Halt::TimedOut) => return Err(Halt::TimedOut),
                Err(Halt::Failed(failure)) => {
                    match self.should_retry(retriers, &mut counts, &failure) {
                        Some(delay) => {
                            self.run.clock.sleep(delay).await;
                            if check_deadline && self.run.past_deadline() {
                                return Err(Halt::TimedOut);
                            }
                            retries += 1;
                        }
                        None => return Ok((Err(failure), retries)),
                    }
                }
            }
        }
    }
}
