//! The bundled interpreter: compile a definition once into a [`Plan`], then run executions
//! exactly the way AWS Step Functions does, on a virtual clock by default.
//!
//! ```
//! use serde_json::json;
//! use workflow_dsl::engine::{Engine, Handlers, Status};
//!
//! let engine = Engine::from_json(r#"{
//!   "StartAt": "Charge",
//!   "States": {
//!     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                "OutputPath": "$.Payload", "End": true}
//!   }
//! }"#)?
//! .handlers(Handlers::new().state("Charge", |request| async move {
//!     Ok(json!({"Payload": {"charged": request.input["amount"]}}))
//! }))?;
//! let outcome = engine.run_blocking(json!({"amount": 42}));
//! assert_eq!(outcome.status, Status::Succeeded);
//! assert_eq!(outcome.output, Some(json!({"charged": 42})));
//! # Ok::<(), workflow_dsl::engine::PlanError>(())
//! ```
//!
//! Both query languages run: JSONPath and JSONata states (`Arguments`, `Output`, `Assign`,
//! `$states`), mixed in one machine as AWS allows. Workflow variables (`Assign`, `$name`)
//! follow <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>:
//! entry-time values, committed on exit, scoped per branch and iteration. Task timeouts and
//! heartbeats are enforced on real handlers only with a [`WallClock`]; on the virtual clock a
//! mock can answer with a timeout. Callback Tasks get their token in
//! [`TaskRequest::task_token`]; a handler (such as `workflow serve`'s) answers when the token
//! comes back. [`Engine::observe`] streams history events as they happen and
//! [`Engine::resume`] continues an interrupted execution from its history.
//!
//! Not run locally: a distributed Map's child executions as separate executions (their
//! iterations run inline, with the same results).

mod choice;
mod clock;
mod context;
mod coverage;
mod exit;
mod failure;
mod fanout;
mod flow;
mod handlers;
mod history;
mod io;
mod items;
mod jsonata;
mod map;
mod parallel;
mod plan;
mod query;
mod record;
mod replay;
mod retry;
mod run;
mod state;
mod task;
mod wait;

pub use clock::{Clock, VirtualClock, WallClock};
pub use context::ExecutionIdentity;
pub use coverage::{Coverage, Part};
pub use exit::MAX_PAYLOAD_BYTES;
pub use failure::Failure;
pub use handlers::{Handlers, Mocks, TaskFuture, TaskRequest, TaskResult, no_handler};
pub use history::{Details, Event, events_from_text, events_from_value};
pub use items::S3Objects;
pub use plan::{Plan, PlanError};
pub use record::{Entry, StateRecord};
pub use replay::{Divergence, Replay, task_attempts};

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::StateMachine;
use crate::asl::StateKind;
use history::{History, payload};
use run::{Halt, Run, Thread};

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// It reached a terminal state.
    Succeeded,
    /// A state failed and nothing caught it.
    Failed,
    /// It ran past the definition's `TimeoutSeconds`.
    TimedOut,
    /// It was stopped.
    Aborted,
}

impl Status {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`, as AWS prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
        }
    }
}

/// The result of one execution.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The output, when it succeeded.
    pub output: Option<Value>,
    /// The error name, when it failed with one.
    pub error: Option<String>,
    /// The cause, when it failed with one.
    pub cause: Option<String>,
    /// Every history event.
    pub history: Vec<Event>,
    /// How many states were entered.
    pub transitions: u64,
}

impl Outcome {
    /// The names of the states entered, in the order of the history (branches and iterations
    /// included): what a test compares with the path it expects.
    pub fn path(&self) -> Vec<&str> {
        self.history
            .iter()
            .filter(|event| event.kind.ends_with("StateEntered"))
            .filter_map(|event| match &event.details {
                Details::StateEntered { name, .. } => Some(name.as_ref()),
                _ => None,
            })
            .collect()
    }

    /// `{"status", "output"?, "error"?, "cause"?}`, what `workflow run --json` prints.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("status".to_owned(), Value::from(self.status.as_str()));
        if let Some(output) = &self.output {
            object.insert("output".to_owned(), output.clone());
        }
        if let Some(error) = &self.error {
            object.insert("error".to_owned(), Value::from(error.as_str()));
        }
        if let Some(cause) = &self.cause {
            object.insert("cause".to_owned(), Value::from(cause.as_str()));
        }
        Value::Object(object)
    }
}

/// A compiled state machine with its task handlers and clock.
#[derive(Clone)]
pub struct Engine {
    plan: Arc<Plan>,
    handlers: Handlers,
    clock: Arc<dyn Clock>,
    identity: ExecutionIdentity,
    objects: S3Objects,
    observer: Option<Arc<run::Observer>>,
}

/// `; did you mean `X`?` for the candidate closest to `wanted`, if one is close.
fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    crate::names::closest(wanted, candidates)
        .map(|closest| format!("; did you mean `{closest}`?"))
        .unwrap_or_default()
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("states", &self.plan.states.len())
            .field("identity", &self.identity)
            .finish()
    }
}

/// The instant virtual clocks start at unless told otherwise: fixed, so runs are reproducible.
const DEFAULT_START_MILLIS: i64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

impl Engine {
    /// Compiles a validated machine. Tasks fail until handlers are given.
    pub fn new(machine: &StateMachine) -> Result<Engine, PlanError> {
        Ok(Engine {
            plan: Arc::new(Plan::compile(machine)?),
            handlers: Handlers::new(),
            clock: VirtualClock::starting_at(DEFAULT_START_MILLIS),
            identity: ExecutionIdentity::default(),
            objects: S3Objects::default(),
            observer: None,
        })
    }

    /// Reads, validates and compiles a definition.
    pub fn from_json(text: &str) -> Result<Engine, PlanError> {
        Engine::from_text(text, crate::Format::Json)
    }

    /// [`Engine::from_json`] for a definition written in `format` (JSON or YAML).
    pub fn from_text(text: &str, format: crate::Format) -> Result<Engine, PlanError> {
        let machine = StateMachine::from_text(text, format).map_err(PlanError::Invalid)?;
        Engine::new(&machine)
    }

    /// Uses `handlers` for Task states.
    ///
    /// # Errors
    ///
    /// [`PlanError::UnknownHandler`] when a handler is keyed by a name that is no Task state of
    /// the definition, or by a resource no Task uses (a misspelt `"ValidateOrdr"`): it could
    /// never run, and the Task it was meant for would fail with "no handler", which a Catch
    /// might quietly turn into the catch path. The message suggests the closest name.
    pub fn handlers(mut self, handlers: Handlers) -> Result<Engine, PlanError> {
        let tasks: Vec<(&str, &str)> = self
            .plan
            .states
            .iter()
            .filter_map(|planned| match &planned.state.kind {
                StateKind::Task(task) => Some((&*planned.name, task.resource.as_str())),
                _ => None,
            })
            .collect();
        for name in handlers.state_keys() {
            if tasks.iter().any(|(task, _)| *task == name) {
                continue;
            }
            let what = match self.plan.states.iter().find(|p| &*p.name == name) {
                Some(planned) => format!(
                    "`{name}` is a {} state, not a Task, so its handler would never run",
                    planned.state.kind.type_name()
                ),
                None => format!("no Task state is named `{name}`"),
            };
            let hint = did_you_mean(name, tasks.iter().map(|(task, _)| *task));
            return Err(PlanError::UnknownHandler(format!(
                "a handler is registered for the state `{name}`, but {what}{hint}"
            )));
        }
        for resource in handlers.resource_keys() {
            if !tasks.iter().any(|(_, used)| *used == resource) {
                let hint = did_you_mean(resource, tasks.iter().map(|(_, used)| *used));
                return Err(PlanError::UnknownHandler(format!(
                    "a handler is registered for the resource `{resource}`, but no Task uses it{hint}"
                )));
            }
        }
        self.handlers = handlers;
        Ok(self)
    }

    /// Uses `clock` instead of the virtual clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Engine {
        self.clock = clock;
        self
    }

    /// Gives `ItemReader` these S3 objects to read and `ResultWriter` a place to write; keep a
    /// clone of `objects` to read what an execution wrote.
    pub fn s3_objects(mut self, objects: S3Objects) -> Engine {
        self.objects = objects;
        self
    }

    /// Calls `observer` with every history event as it is recorded, while the execution runs
    /// (the outcome still carries the whole history at the end).
    pub fn observe(mut self, observer: Arc<dyn Fn(&Event) + Send + Sync>) -> Engine {
        self.observer = Some(observer);
        self
    }

    /// Resumes an execution from its recorded `history` (the events of an earlier, interrupted
    /// run of this engine with the same identity and input): the run retraces the recorded
    /// events with the recorded Task answers and times, then goes on live. Tasks in flight when
    /// the record ends run again.
    pub fn resume(mut self, history: &[Event]) -> Engine {
        self.handlers = self.handlers.replay(replay::recorded_answers(history));
        self.clock = Arc::new(replay::ReplayClock::new(history, self.clock));
        self
    }

    /// Names the state machine and execution (ARNs in `$$` and history).
    pub fn identity(mut self, identity: ExecutionIdentity) -> Engine {
        self.identity = identity;
        self
    }

    /// Runs one execution with `input`.
    pub async fn run(&self, input: Value) -> Outcome {
        let start = self.clock.now_millis();
        let deadline = self.plan.timeout_seconds.map(|seconds| {
            start.saturating_add(
                i64::try_from(seconds)
                    .unwrap_or(i64::MAX / 1000)
                    .saturating_mul(1000),
            )
        });
        let run = Run {
            plan: &self.plan,
            handlers: &self.handlers,
            objects: &self.objects,
            clock: self.clock.as_ref(),
            history: RefCell::new(History::default()),
            execution_context: self.identity.context(&input, start),
            deadline,
            history_limit: (!self.identity.express).then_some(run::MAX_HISTORY_EVENTS),
            transitions: Cell::new(0),
            observer: self.observer.as_deref(),
            // The execution's ARN in the seed: two executions started in the same millisecond
            // still draw different task tokens and UUIDs; a rerun of one draws the same.
            seed: Cell::new(
                (0x9E37_79B9_7F4A_7C15 ^ start as u64)
                    ^ fnv(self.identity.execution_arn().as_bytes()),
            ),
        };
        let mut started = Map::new();
        started.extend(payload("input", &input));
        started.insert(
            "roleArn".to_owned(),
            Value::from(self.identity.role_arn.as_str()),
        );
        let mut top = Thread::new(0, None);
        run.event(
            &mut top,
            "ExecutionStarted",
            Details::object(Value::Object(started)),
        );
        // The first state's Entered event has previous id 0, like ExecutionStarted, as AWS
        // records it.
        top.last = 0;
        let result = run.run_container(&mut top, 0, input).await;
        let (status, output, error, cause) = match result {
            Ok(output) => {
                let mut details = Map::new();
                details.extend(payload("output", &output));
                run.event(
                    &mut top,
                    "ExecutionSucceeded",
                    Details::object(Value::Object(details)),
                );
                (Status::Succeeded, Some(output), None, None)
            }
            Err(Halt::Failed(failure)) => {
                let mut details = Map::new();
                if let Some(error) = &failure.error {
                    details.insert("error".to_owned(), Value::from(error.as_str()));
                }
                if let Some(cause) = &failure.cause {
                    details.insert("cause".to_owned(), Value::from(cause.as_str()));
                }
                run.event(
                    &mut top,
                    "ExecutionFailed",
                    Details::object(Value::Object(details)),
                );
                (Status::Failed, None, failure.error, failure.cause)
            }
            Err(Halt::TimedOut) => {
                run.event(
                    &mut top,
                    "ExecutionTimedOut",
                    Details::object(json!({"error": failure::TIMEOUT})),
                );
                // AWS's DescribeExecution of a timed-out execution has no error or cause.
                (Status::TimedOut, None, None, None)
            }
        };
        Outcome {
            status,
            output,
            error,
            cause,
            history: run.history.into_inner().events,
            transitions: run.transitions.get(),
        }
    }

    /// Runs one execution to completion on a single-threaded tokio runtime.
    pub fn run_blocking(&self, input: Value) -> Outcome {
        match tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
        {
            Ok(runtime) => runtime.block_on(self.run(input)),
            Err(error) => Outcome {
                status: Status::Failed,
                output: None,
                error: Some("States.Runtime".to_owned()),
                cause: Some(format!("cannot start the async runtime: {error}")),
                history: Vec::new(),
                transitions: 0,
            },
        }
    }
}

/// FNV-1a: a stable 64-bit hash (std's hashers are randomly keyed per process).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
