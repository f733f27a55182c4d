//! The run loop: one execution of a [`Plan`], state by state, recording AWS's history events.
//! Each state's work is its type's (`flow.rs`, `wait.rs`, `task.rs`, `parallel.rs`, `map.rs`,
//! and `jsonata.rs` for JSONata states); what every state shares is `state.rs` (its run),
//! `exit.rs` (its output and `…StateExited`) and `retry.rs` (Retry and Catch).
//!
//! Parallel branches and Map iterations run concurrently through `fanout`; their results are
//! placed by index, as AWS does, whatever order they finish in.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::Value;

use super::clock::Clock;
use super::exit::json_text;
use super::failure::Failure;
use super::handlers::Handlers;
use super::history::{Details, Event, History};
use super::io::Variables;
use super::plan::Plan;
use super::state::StateRun;
use crate::asl::StateKind;

/// AWS's history quota for STANDARD executions
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html>).
pub(crate) const MAX_HISTORY_EVENTS: usize = 25_000;

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
            StateKind::Pass(pass) => state.pass(thread, pass, input)?,
            StateKind::Succeed(succeed) => state.succeed(thread, succeed, input)?,
            StateKind::Fail(fail) => return Err(Halt::Failed(state.fail(fail, &input)?)),
            StateKind::Choice(choice) => state.choice(thread, choice, input)?,
            StateKind::Wait(wait) => state.wait(thread, wait, input).await?,
            StateKind::Task(task) => state.task(thread, task, input).await?,
            StateKind::Parallel(parallel) => state.parallel(thread, parallel, input).await?,
            StateKind::Map(map) => state.map(thread, map, input).await?,
        };
        Ok(step)
    }
}

/// The Entered and Exited event types of a state type.
pub(crate) fn event_kinds(kind: &StateKind) -> (&'static str, &'static str) {
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
