//! The run loop: one execution of a [`Plan`], state by state, recording AWS's history events.
//!
//! Parallel branches and Map iterations run concurrently through `fanout`; their results are
//! placed by index, as AWS does, whatever order they finish in.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::clock::Clock;
use super::context;
use super::failure::{DATA_LIMIT_EXCEEDED, Failure, TIMEOUT};
use super::history::{Details, Event, History, payload, payload_text};
use super::io::{self, Env, Variables};
use super::jsonata::Scope;
use super::plan::{Plan, PlannedState};
use super::task::{Handlers, TaskRequest};
use crate::asl::{
    Assign, Catcher, FailField, IntegerField, JitterStrategy, NullablePath, Parallel, ResultPath,
    Retrier, StateKind, Task, Template, TimestampField, WaitFor,
};
use crate::intrinsics;
use crate::timestamp::parse_nanos;

/// What all variables of an execution may hold together, as JSON text
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
const MAX_VARIABLE_BYTES: usize = 10 * 1024 * 1024;

/// AWS's payload limit for inputs, results and outputs
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html>).
pub const MAX_PAYLOAD_BYTES: usize = 262_144;
/// AWS's history quota for STANDARD executions
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html>).
pub(crate) const MAX_HISTORY_EVENTS: usize = 25_000;
/// A Wait of 2^31 seconds or more fails.
const MAX_WAIT_SECONDS: i128 = 1 << 31;

/// Why a container stopped without an output.
pub(crate) enum Halt {
    /// A state failed and nothing caught it.
    Failed(Failure),
    /// The execution passed its `TimeoutSeconds`.
    TimedOut,
}

impl From<Failure> for Halt {
    fn from(failure: Failure) -> Halt {
        Halt::Failed(failure)
    }
}

/// Where a state goes: on to a state, or out of its container with an output.
pub(crate) enum Step {
    /// On to a state, with the output and its JSON text (for the next Entered event).
    Next(usize, Value, Arc<String>),
    End(Value),
}

/// One thread of control (the top level, a branch, an iteration): its last event and the
/// variables of its scope
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
pub(crate) struct Thread {
    pub last: u64,
    /// `None` until something assigns, so machines without variables pay nothing for them;
    /// branches and iterations start from a shared copy of their parent's (copied on write).
    pub variables: Option<Arc<Variables>>,
}

impl Thread {
    /// A thread whose first event follows `last`, seeing `variables`.
    pub(crate) fn new(last: u64, variables: Option<Arc<Variables>>) -> Thread {
        Thread { last, variables }
    }
}

/// One running execution.
pub(crate) struct Run<'e> {
    pub plan: &'e Plan,
    pub handlers: &'e Handlers,
    pub objects: &'e super::items::S3Objects,
    pub clock: &'e dyn Clock,
    pub history: RefCell<History>,
    /// The `Execution` and `StateMachine` members of the Context Object.
    pub execution_context: Value,
    pub deadline: Option<i64>,
    /// STANDARD executions stop at AWS's history quota; EXPRESS ones keep no history on AWS.
    pub history_limit: Option<usize>,
    pub transitions: Cell<u64>,
    pub seed: Cell<u64>,
    /// Told of every event as it happens (a server's live history).
    pub observer: Option<&'e Observer>,
}

/// What [`super::Engine::observe`] calls with each event as it is recorded.
pub type Observer = dyn Fn(&Event) + Send + Sync;

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

impl<'e> Run<'e> {
    /// Records an event on `thread` and returns its id.
    pub fn event(&self, thread: &mut Thread, kind: &'static str, details: Details) -> u64 {
        let mut history = self.history.borrow_mut();
        let id = history.push(kind, thread.last, self.clock.now_millis(), details);
        if let Some(event) = history.events.last() {
            self.clock.observe(event);
            if let Some(observer) = self.observer {
                observer(event);
            }
        }
        thread.last = id;
        id
    }

    /// The id of the newest event of the execution.
    pub(crate) fn last_event_id(&self) -> u64 {
        self.history
            .borrow()
            .events
            .last()
            .map_or(0, |event| event.id)
    }

    /// xorshift: `States.UUID`, `States.MathRandom` and jitter need randomness, not quality.
    pub(crate) fn random(&self) -> u64 {
        let mut x = self.seed.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.seed.set(x);
        x
    }

    /// Runs the container `container` from its `StartAt` with `input`.
    pub fn run_container<'a>(
        &'a self,
        thread: &'a mut Thread,
        container: usize,
        input: Value,
    ) -> Boxed<'a, Result<Value, Halt>> {
        Box::pin(async move {
            let mut current = self.plan.containers[container].start;
            let mut input = input;
            let mut input_text = None;
            loop {
                match self
                    .run_state(thread, current, input, input_text.take())
                    .await?
                {
                    Step::Next(next, output, text) => {
                        current = next;
                        input = output;
                        input_text = Some(text);
                    }
                    Step::End(output) => return Ok(output),
                }
            }
        })
    }

    pub(crate) fn past_deadline(&self) -> bool {
        self.deadline
            .is_some_and(|deadline| self.clock.now_millis() > deadline)
    }

    async fn run_state(
        &self,
        thread: &mut Thread,
        index: usize,
        input: Value,
        input_text: Option<Arc<String>>,
    ) -> Result<Step, Halt> {
        if self.past_deadline() {
            return Err(Halt::TimedOut);
        }
        if self
            .history_limit
            .is_some_and(|limit| self.history.borrow().events.len() >= limit)
        {
            // AWS documents the quota but no error text; this one is ours (unverified).
            return Err(Halt::Failed(Failure::new(
                super::failure::RUNTIME,
                format!(
                    "The execution reached the limit of {MAX_HISTORY_EVENTS} history events; run it as EXPRESS or split the work"
                ),
            )));
        }
        self.transitions.set(self.transitions.get() + 1);
        let planned = &self.plan.states[index];
        let (entered_kind, _) = event_kinds(&planned.state.kind);
        let details = Details::StateEntered {
            name: planned.name.clone(),
            input: input_text.unwrap_or_else(|| json_text(&input)),
        };
        let entered = self.event(thread, entered_kind, details);
        let entered_at = self.clock.now_millis();
        let state = StateRun {
            run: self,
            planned,
            entered,
            entered_at,
            variables: thread.variables.clone(),
            assigned: RefCell::new(Vec::new()),
            input: if planned.jsonata {
                input.clone()
            } else {
                Value::Null
            },
            evaluation_failure: RefCell::new(None),
        };
        if planned.jsonata {
            let step = match &planned.state.kind {
                StateKind::Pass(pass) => state.jsonata_pass(thread, pass, input),
                StateKind::Succeed(succeed) => state.jsonata_succeed(thread, succeed, input),
                StateKind::Fail(fail) => Err(Halt::Failed(Failure {
                    error: state.jsonata_fail_field(&fail.error, "Error")?,
                    cause: state.jsonata_fail_field(&fail.cause, "Cause")?,
                })),
                StateKind::Choice(choice) => state.jsonata_choice(thread, choice, input),
                StateKind::Wait(wait) => state.jsonata_wait(thread, wait, input).await,
                StateKind::Task(task) => state.task(thread, task, input).await,
                StateKind::Parallel(parallel) => state.parallel(thread, parallel, input).await,
                StateKind::Map(map) => state.map(thread, map, input).await,
            };
            if let Err(Halt::Failed(failure)) = &step {
                state.evaluation_failed(thread, failure);
            }
            return step;
        }
        let step = match &planned.state.kind {
            StateKind::Pass(pass) => {
                let context = state.context(None);
                // The raw input is needed again by ResultPath, so borrow it when InputPath
                // would only copy it.
                let selected;
                let effective = match &pass.input_path {
                    None => &input,
                    Some(_) => {
                        selected =
                            state.runtime(io::select(&pass.input_path, input.clone(), &context))?;
                        &selected
                    }
                };
                // With both, `Result` wins, but `Parameters` is still evaluated so its errors
                // surface (what AWS does here is unrecorded).
                let parameters = match &pass.parameters {
                    Some(parameters) => Some(state.runtime(io::evaluate(
                        parameters,
                        effective,
                        &context,
                        &mut || self.random(),
                    ))?),
                    None => None,
                };
                let result = match (&pass.result, parameters) {
                    (Some(result), _) => result.clone(),
                    (None, Some(parameters)) => parameters,
                    (None, None) => effective.clone(),
                };
                state.assign(pass.assign.as_ref(), &result, &context)?;
                let output = io::place(&pass.result_path, input, result)?;
                let output = state.runtime(io::select(&pass.output_path, output, &context))?;
                state.exit(thread, planned.next, output)?
            }
            StateKind::Succeed(succeed) => {
                let context = state.context(None);
                let effective = state.runtime(io::select(&succeed.input_path, input, &context))?;
                let output =
                    state.runtime(io::select(&succeed.output_path, effective, &context))?;
                state.exit(thread, None, output)?
            }
            StateKind::Fail(fail) => {
                let context = state.context(None);
                let error = state.fail_field(&fail.error, "ErrorPath", &input, &context)?;
                let cause = state.fail_field(&fail.cause, "CausePath", &input, &context)?;
                return Err(Halt::Failed(Failure { error, cause }));
            }
            StateKind::Choice(choice) => {
                let context = state.context(None);
                let effective = state.runtime(io::select(&choice.input_path, input, &context))?;
                let mut chosen = None;
                for (rule, target) in choice.choices.iter().zip(&planned.rule_next) {
                    let holds = context.with_roots(&effective, |roots| {
                        super::choice::holds(&rule.condition, roots)
                    });
                    if state.runtime(holds)? {
                        chosen = Some((*target, rule.assign.as_ref()));
                        break;
                    }
                }
                // The chosen rule's Assign replaces the state's, which runs on the Default path.
                let Some((next, assign)) =
                    chosen.or(planned.default.map(|next| (next, choice.assign.as_ref())))
                else {
                    return Err(state.runtime_failure("Failed to transition out of the state. The state does not point to a next state.").into());
                };
                state.assign(assign, &effective, &context)?;
                let output = state.runtime(io::select(&choice.output_path, effective, &context))?;
                state.exit(thread, Some(next), output)?
            }
            StateKind::Wait(wait) => {
                let context = state.context(None);
                let effective = state.runtime(io::select(&wait.input_path, input, &context))?;
                let delay = state.wait_millis(&wait.wait_for, &effective, &context)?;
                state.assign(wait.assign.as_ref(), &effective, &context)?;
                self.clock.sleep(delay).await;
                if self.past_deadline() {
                    return Err(Halt::TimedOut);
                }
                let output = state.runtime(io::select(&wait.output_path, effective, &context))?;
                state.exit(thread, planned.next, output)?
            }
            StateKind::Task(task) => state.task(thread, task, input).await?,
            StateKind::Parallel(parallel) => state.parallel(thread, parallel, input).await?,
            StateKind::Map(map) => state.map(thread, map, input).await?,
        };
        Ok(step)
    }
}

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

    /// How long a Wait state waits, with AWS's texts for bad paths (recorded in
    /// `tests/data/aws-recorded/wait/`, e.g. `wait__test_base_wait_seconds_path_-1.json`).
    pub(crate) fn wait_millis(
        &self,
        wait_for: &WaitFor,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<u64, Failure> {
        let seconds: i128 = match wait_for {
            WaitFor::Seconds(IntegerField::Literal(seconds)) => i128::from(*seconds),
            WaitFor::Seconds(IntegerField::Path(path)) => {
                let p = path.as_str();
                let value = io::evaluate_path(path.as_path(), input, context).map_err(|_| {
                    self.runtime_failure(&format!(
                        "The SecondsPath parameter does not reference an input value: {p}"
                    ))
                })?;
                match value
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| value.as_u64().map(i128::from))
                {
                    Some(seconds) if seconds < 0 => {
                        return Err(self.runtime_failure(&format!(
                            "The SecondsPath parameter references a negative value: {p} == {}",
                            raw(&value)
                        )));
                    }
                    Some(seconds) => seconds,
                    None => {
                        return Err(self.runtime_failure(&format!(
                            "The SecondsPath parameter cannot be parsed as a long value: {p} == {}",
                            raw(&value)
                        )));
                    }
                }
            }
            WaitFor::Timestamp(TimestampField::Literal(text)) => self.until(parse_nanos(text)),
            WaitFor::Timestamp(TimestampField::Path(path)) => {
                let p = path.as_str();
                let value =
                    io::evaluate_path(path.as_path(), input, context).unwrap_or(Value::Null);
                match value.as_str().and_then(parse_nanos) {
                    Some(nanos) => self.until(Some(nanos)),
                    None => {
                        return Err(self.runtime_failure(&format!(
                            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {p} == {}",
                            raw(&value)
                        )));
                    }
                }
            }
            WaitFor::Seconds(IntegerField::Jsonata(_))
            | WaitFor::Timestamp(TimestampField::Jsonata(_)) => 0,
        };
        self.delay_millis(seconds)
    }

    /// A Wait state's delay in milliseconds, refused past AWS's maximum.
    pub(crate) fn delay_millis(&self, seconds: i128) -> Result<u64, Failure> {
        if seconds >= MAX_WAIT_SECONDS {
            return Err(self.runtime_failure("Wait state delay is too long."));
        }
        Ok(u64::try_from(seconds.max(0) * 1000).unwrap_or(u64::MAX))
    }

    /// Seconds from now until an instant (0 when it has passed).
    pub(crate) fn until(&self, nanos: Option<i128>) -> i128 {
        let now_nanos = i128::from(self.run.clock.now_millis()) * 1_000_000;
        nanos.map_or(0, |nanos| {
            (nanos - now_nanos).max(0).div_euclid(1_000_000_000)
        })
    }

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

    async fn task(&self, thread: &mut Thread, task: &Task, raw: Value) -> Result<Step, Halt> {
        let run = self.run;
        let family = TaskFamily::of(&task.resource);
        let retriers = task.retry.as_deref().unwrap_or_default();
        let mut counts = vec![0; retriers.len()];
        let mut retry_count = 0;
        let outcome = loop {
            let mut context = self.context(Some(retry_count));
            // Callback and job patterns carry a task token; `.sync` too (recorded in
            // `callback__test_sync_with_task_token`, though the docs name only callbacks).
            let task_token = family
                .has_task_token()
                .then(|| format!("{:016x}{:016x}", run.random(), run.random()));
            if let Some(token) = &task_token {
                context::with_task_token(&mut context.context, token);
            }
            // An evaluation failure meets the retriers and catchers like the task's own: a
            // JSONata one can be caught, JSONPath's States.Runtime matches neither
            // (tests/data/aws-recorded/error_handling/
            // base_scenarios__test_catch_states_runtime.json).
            let prepared = if self.planned.jsonata {
                self.jsonata_task_input(task, &raw, &context)
            } else {
                self.jsonpath_task_input(task, &raw, &context)
            };
            let result = match prepared {
                Ok((parameters, timeout, heartbeat)) => {
                    family.scheduled(run, thread, &task.resource, &parameters, timeout, heartbeat);
                    let request = TaskRequest {
                        state: self.name().to_owned(),
                        resource: task.resource.clone(),
                        input: parameters,
                        retry_count,
                        task_token: task_token.clone(),
                        heartbeat_seconds: heartbeat.filter(|_| task_token.is_some()),
                    };
                    // A Task waiting for its token has its heartbeat enforced by the handler
                    // that waits; for the others it bounds the call
                    // (https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html).
                    let timers = match task_token {
                        Some(_) => [timeout, None],
                        None => [timeout, heartbeat],
                    };
                    let result = self.invoke(&family, task, request, timers).await;
                    match &result {
                        Ok(result) => family.succeeded(run, thread, &task.resource, result),
                        Err(failure) => family.failed(run, thread, &task.resource, failure),
                    }
                    result
                }
                Err(failure) => Err(failure),
            };
            match result {
                Ok(result) => break Ok(result),
                Err(failure) => match self.should_retry(retriers, &mut counts, &failure) {
                    Some(delay) => {
                        run.clock.sleep(delay).await;
                        if run.past_deadline() {
                            return Err(Halt::TimedOut);
                        }
                        retry_count += 1;
                    }
                    None => break Err(failure),
                },
            }
        };
        self.finish(
            thread,
            outcome,
            raw,
            Some(retry_count),
            &OutputFields {
                assign: task.assign.as_ref(),
                result_selector: &task.result_selector,
                result_path: &task.result_path,
                output_path: &task.output_path,
                output: task.output.as_ref(),
                catchers: task.catch.as_deref().unwrap_or_default(),
            },
        )
    }

    /// A JSONata Task's `Arguments` (default: the input), `TimeoutSeconds`, `HeartbeatSeconds`.
    fn jsonata_task_input(
        &self,
        task: &Task,
        raw: &Value,
        context: &Env<'_>,
    ) -> Result<(Value, Option<u64>, Option<u64>), Failure> {
        let scope = self.scope(context);
        let arguments =
            self.query_output(task.arguments.as_ref(), "Arguments", raw.clone(), &scope)?;
        let timeout = self.query_integer_field(&task.timeout, "TimeoutSeconds", 1, &scope)?;
        let heartbeat = self.query_integer_field(&task.heartbeat, "HeartbeatSeconds", 1, &scope)?;
        Ok((arguments, timeout, heartbeat))
    }

    /// A JSONPath Task's effective `Parameters` and its timers, after `InputPath`.
    fn jsonpath_task_input(
        &self,
        task: &Task,
        raw: &Value,
        context: &Env<'_>,
    ) -> Result<(Value, Option<u64>, Option<u64>), Failure> {
        let effective = self.runtime(io::select(&task.input_path, raw.clone(), context))?;
        let timeout =
            self.task_seconds(&task.timeout, "TimeoutSecondsPath", &effective, context)?;
        let heartbeat =
            self.task_seconds(&task.heartbeat, "HeartbeatSecondsPath", &effective, context)?;
        let parameters = match &task.parameters {
            Some(parameters) => {
                self.runtime(io::evaluate(parameters, &effective, context, &mut || {
                    self.run.random()
                }))?
            }
            None => effective,
        };
        Ok((parameters, timeout, heartbeat))
    }

    /// Calls the task's handler; a handler that outlives the task's timer fails with
    /// States.Timeout (<https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html>).
    async fn invoke(
        &self,
        family: &TaskFamily,
        task: &Task,
        request: TaskRequest,
        timers: [Option<u64>; 2],
    ) -> Result<Value, Failure> {
        let run = self.run;
        let result = match timers.into_iter().flatten().min() {
            Some(seconds) if run.clock.enforces_timeouts() => {
                match tokio::time::timeout(
                    std::time::Duration::from_secs(seconds),
                    run.handlers.call(request),
                )
                .await
                {
                    Ok(result) => result,
                    Err(_) => Err(Failure {
                        error: Some(TIMEOUT.to_owned()),
                        cause: None,
                    }),
                }
            }
            _ => run.handlers.call(request).await,
        };
        result.and_then(|result| self.limit_result(family, &task.resource, result))
    }

    /// A Task's oversize result is `States.DataLimitExceeded`, which `States.ALL` catches here
    /// (recorded in `tests/data/aws-recorded/error_handling/`
    /// `states_errors__test_task_lambda_catch_state_all_data_limit_exceeded_on_large_utf8_response.json`);
    /// the cause names the function ARN or the integration's service.
    fn limit_result(
        &self,
        family: &TaskFamily,
        resource: &str,
        result: Value,
    ) -> Result<Value, Failure> {
        if result.to_string().len() <= MAX_PAYLOAD_BYTES {
            return Ok(result);
        }
        let subject = match family {
            TaskFamily::Lambda | TaskFamily::Activity => resource.to_owned(),
            TaskFamily::Integration { resource_type, .. } => resource_type.clone(),
        };
        Err(Failure::new(
            DATA_LIMIT_EXCEEDED,
            format!(
                "The state/task '{subject}' returned a result with a size exceeding the maximum number of bytes service limit."
            ),
        ))
    }

    /// `TimeoutSeconds(Path)` / `HeartbeatSeconds(Path)` as a number of seconds.
    fn task_seconds(
        &self,
        field: &Option<IntegerField>,
        path_name: &str,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<u64>, Failure> {
        match field {
            None | Some(IntegerField::Jsonata(_)) => Ok(None),
            Some(IntegerField::Literal(seconds)) => Ok(Some(*seconds)),
            Some(IntegerField::Path(path)) => {
                let value = self.runtime(io::evaluate_path(path.as_path(), input, context))?;
                match value.as_u64() {
                    Some(seconds) if seconds > 0 => Ok(Some(seconds)),
                    _ => Err(self.runtime_failure(&format!(
                        "The {path_name} parameter does not reference a positive integer: {} == {}",
                        path.as_str(),
                        raw(&value)
                    ))),
                }
            }
        }
    }

    async fn parallel(
        &self,
        thread: &mut Thread,
        parallel: &Parallel,
        raw: Value,
    ) -> Result<Step, Halt> {
        let retriers = parallel.retry.as_deref().unwrap_or_default();
        let outcome = self
            .retrying(thread, retriers, async |thread| {
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

    /// Runs `attempt` until it succeeds or no retrier retries its failure (then the failure is
    /// the catchers'); every failure of an attempt, its own evaluations' included, meets the
    /// retriers, and States.Runtime matches none of them
    /// (`tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json`).
    pub(crate) async fn retrying(
        &self,
        thread: &mut Thread,
        retriers: &[Retrier],
        mut attempt: impl AsyncFnMut(&mut Thread) -> Result<Value, Halt>,
    ) -> Result<Result<Value, Failure>, Halt> {
        let mut counts = vec![0; retriers.len()];
        loop {
            match attempt(thread).await {
                Ok(results) => return Ok(Ok(results)),
                Err(Halt::TimedOut) => return Err(Halt::TimedOut),
                Err(Halt::Failed(failure)) => {
                    match self.should_retry(retriers, &mut counts, &failure) {
                        Some(delay) => self.run.clock.sleep(delay).await,
                        None => return Ok(Err(failure)),
                    }
                }
            }
        }
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
fn json_text(value: &Value) -> Arc<String> {
    Arc::new(serde_json::to_string(value).unwrap_or_default())
}

/// The Entered and Exited event types of a state type.
fn event_kinds(kind: &StateKind) -> (&'static str, &'static str) {
    match kind {
        StateKind::Pass(_) => ("PassStateEntered", "PassStateExited"),
        StateKind::Task(_) => ("TaskStateEntered", "TaskStateExited"),
        StateKind::Choice(_) => ("ChoiceStateEntered", "ChoiceStateExited"),
        StateKind::Wait(_) => ("WaitStateEntered", "WaitStateExited"),
        StateKind::Succeed(_) => ("SucceedStateEntered", "SucceedStateExited"),
        StateKind::Fail(_) => ("FailStateEntered", "FailStateExited"),
        StateKind::Parallel(_) => ("ParallelStateEntered", "ParallelStateExited"),
        StateKind::Map(_) => ("MapStateEntered", "MapStateExited"),
    }
}

/// A value printed raw in AWS's texts: strings without quotes, everything else as JSON.
pub(crate) fn raw(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Which event family a Task's resource records
/// (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html>).
enum TaskFamily {
    /// A legacy Lambda function ARN: `LambdaFunction*` events.
    Lambda,
    /// An activity ARN: `Activity*` events.
    Activity,
    /// An integration: `Task*` events with `resourceType` and `resource`.
    Integration {
        resource_type: String,
        resource: String,
        submits: bool,
    },
}

impl TaskFamily {
    fn has_task_token(&self) -> bool {
        match self {
            TaskFamily::Activity => true,
            TaskFamily::Integration { submits, .. } => *submits,
            TaskFamily::Lambda => false,
        }
    }

    fn of(resource: &str) -> TaskFamily {
        let mut parts = resource.splitn(6, ':');
        let (_, _, service) = (parts.next(), parts.next(), parts.next());
        let rest = resource.splitn(6, ':').nth(5).unwrap_or_default();
        match service {
            Some("lambda") if rest.starts_with("function") => TaskFamily::Lambda,
            Some("states") if rest.starts_with("activity") => TaskFamily::Activity,
            _ => {
                // `arn:aws:states:::aws-sdk:dynamodb:putItem` → (`aws-sdk:dynamodb`, `putItem`);
                // `arn:aws:states:::lambda:invoke` → (`lambda`, `invoke`).
                let integration = resource
                    .split_once(":::")
                    .map_or(resource, |(_, rest)| rest);
                let (resource_type, action) = match integration.strip_prefix("aws-sdk:") {
                    Some(sdk) => match sdk.split_once(':') {
                        Some((service, action)) => (format!("aws-sdk:{service}"), action),
                        None => (integration.to_owned(), ""),
                    },
                    None => match integration.split_once(':') {
                        Some((service, action)) => (service.to_owned(), action),
                        None => (integration.to_owned(), ""),
                    },
                };
                let submits = action.contains(".sync") || action.ends_with(".waitForTaskToken");
                TaskFamily::Integration {
                    resource_type,
                    resource: action.to_owned(),
                    submits,
                }
            }
        }
    }

    fn scheduled(
        &self,
        run: &Run<'_>,
        thread: &mut Thread,
        arn: &str,
        parameters: &Value,
        timeout: Option<u64>,
        heartbeat: Option<u64>,
    ) {
        match self {
            TaskFamily::Lambda => {
                let mut details = Map::new();
                details.insert("resource".to_owned(), Value::from(arn));
                details.extend(payload("input", parameters));
                if let Some(timeout) = timeout {
                    details.insert("timeoutInSeconds".to_owned(), Value::from(timeout));
                }
                run.event(
                    thread,
                    "LambdaFunctionScheduled",
                    Details::object(Value::Object(details)),
                );
                run.event(thread, "LambdaFunctionStarted", Details::None);
            }
            TaskFamily::Activity => {
                let mut details = Map::new();
                details.insert("resource".to_owned(), Value::from(arn));
                details.extend(payload("input", parameters));
                run.event(
                    thread,
                    "ActivityScheduled",
                    Details::object(Value::Object(details)),
                );
                run.event(
                    thread,
                    "ActivityStarted",
                    Details::object(json!({"workerName": "local"})),
                );
            }
            TaskFamily::Integration {
                resource_type,
                resource,
                submits,
            } => {
                let mut details = json!({
                    "resourceType": resource_type,
                    "resource": resource,
                    "region": "us-east-1",
                    "parameters": parameters.to_string(),
                });
                if let (Some(object), Some(timeout)) = (details.as_object_mut(), timeout) {
                    object.insert("timeoutInSeconds".to_owned(), Value::from(timeout));
                }
                if let (Some(object), Some(heartbeat)) = (details.as_object_mut(), heartbeat) {
                    object.insert("heartbeatInSeconds".to_owned(), Value::from(heartbeat));
                }
                run.event(thread, "TaskScheduled", Details::object(details));
                let resource_details = json!({"resourceType": resource_type, "resource": resource});
                run.event(
                    thread,
                    "TaskStarted",
                    Details::object(resource_details.clone()),
                );
                if *submits {
                    let mut submitted = resource_details;
                    if let Some(object) = submitted.as_object_mut() {
                        object.extend(payload("output", &json!({})));
                    }
                    run.event(thread, "TaskSubmitted", Details::object(submitted));
                }
            }
        }
    }

    fn succeeded(&self, run: &Run<'_>, thread: &mut Thread, _arn: &str, result: &Value) {
        let (kind, mut details) = match self {
            TaskFamily::Lambda => ("LambdaFunctionSucceeded", Map::new()),
            TaskFamily::Activity => ("ActivitySucceeded", Map::new()),
            TaskFamily::Integration {
                resource_type,
                resource,
                ..
            } => {
                let mut details = Map::new();
                details.insert(
                    "resourceType".to_owned(),
                    Value::from(resource_type.as_str()),
                );
                details.insert("resource".to_owned(), Value::from(resource.as_str()));
                ("TaskSucceeded", details)
            }
        };
        details.extend(payload("output", result));
        run.event(thread, kind, Details::object(Value::Object(details)));
    }

    fn failed(&self, run: &Run<'_>, thread: &mut Thread, _arn: &str, failure: &Failure) {
        let timed_out = failure.error.as_deref() == Some(TIMEOUT);
        let (kind, mut details) = match (self, timed_out) {
            (TaskFamily::Lambda, false) => ("LambdaFunctionFailed", Map::new()),
            (TaskFamily::Lambda, true) => ("LambdaFunctionTimedOut", Map::new()),
            (TaskFamily::Activity, false) => ("ActivityFailed", Map::new()),
            (TaskFamily::Activity, true) => ("ActivityTimedOut", Map::new()),
            (
                TaskFamily::Integration {
                    resource_type,
                    resource,
                    ..
                },
                timed_out,
            ) => {
                let mut details = Map::new();
                details.insert(
                    "resourceType".to_owned(),
                    Value::from(resource_type.as_str()),
                );
                details.insert("resource".to_owned(), Value::from(resource.as_str()));
                (
                    if timed_out {
                        "TaskTimedOut"
                    } else {
                        "TaskFailed"
                    },
                    details,
                )
            }
        };
        if let Some(error) = &failure.error {
            details.insert("error".to_owned(), Value::from(error.as_str()));
        }
        if let Some(cause) = &failure.cause {
            details.insert("cause".to_owned(), Value::from(cause.as_str()));
        }
        run.event(thread, kind, Details::object(Value::Object(details)));
    }
}
