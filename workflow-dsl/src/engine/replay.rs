//! Resuming an execution from its recorded history (a server restarting after a crash). The
//! engine runs the execution again from the start with the recorded answers: each Task gets
//! the result its attempt recorded, and time follows the recorded event timestamps, so the
//! run retraces the same events with the same ids and random draws (task tokens included),
//! finished Waits end at once and an interrupted Wait ends at its recorded time. Past the end
//! of the record, the execution goes on live.

use std::collections::{HashMap, VecDeque};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use super::clock::Clock;
use super::failure::Failure;
use super::handlers::TaskResult;
use super::history::{Details, Event};

/// Time from the record while replaying, then from `inner`.
pub(crate) struct ReplayClock {
    /// Each recorded event's timestamp, in order.
    recorded: Vec<i64>,
    /// Events emitted so far in this run.
    emitted: AtomicUsize,
    inner: Arc<dyn Clock>,
}

impl ReplayClock {
    pub(crate) fn new(history: &[Event], inner: Arc<dyn Clock>) -> ReplayClock {
        ReplayClock {
            recorded: history.iter().map(|event| event.timestamp).collect(),
            emitted: AtomicUsize::new(0),
            inner,
        }
    }
}

impl ReplayClock {
    /// The time of the last replayed event (the first one's before any), while the record
    /// lasts.
    fn replayed(&self) -> Option<i64> {
        let emitted = self.emitted.load(Ordering::SeqCst);
        if emitted > self.recorded.len() {
            return None;
        }
        self.recorded.get(emitted.saturating_sub(1)).copied()
    }
}

impl Clock for ReplayClock {
    /// Recorded time until the last recorded event is retraced, live time after.
    fn now_millis(&self) -> i64 {
        if self.emitted.load(Ordering::SeqCst) < self.recorded.len()
            && let Some(at) = self.replayed()
        {
            return at;
        }
        self.inner.now_millis()
    }

    /// Until the instant of the last replayed event plus `millis` — a Wait measures from when
    /// it was really entered — at once when that has passed.
    fn sleep(&self, millis: u64) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        let base = self.replayed().unwrap_or_else(|| self.inner.now_millis());
        let target = base.saturating_add(i64::try_from(millis).unwrap_or(i64::MAX));
        let left = target.saturating_sub(self.inner.now_millis());
        match u64::try_from(left) {
            Ok(left) if left > 0 => self.inner.sleep(left),
            _ => Box::pin(std::future::ready(())),
        }
    }

    fn enforces_timeouts(&self) -> bool {
        self.inner.enforces_timeouts()
    }

    fn observe(&self, _event: &Event) {
        self.emitted.fetch_add(1, Ordering::SeqCst);
    }
}

/// How many Task attempts each state has recorded answers for: where a stateful handler (a
/// mock that counts invocations) resumes counting.
pub fn task_attempts(history: &[Event]) -> HashMap<String, usize> {
    recorded_answers(history)
        .into_iter()
        .map(|(state, answers)| (state, answers.len()))
        .collect()
}

/// The answer each Task attempt recorded, per state name in attempt order. An event belongs
/// to the state whose `…StateEntered` its `previousEventId` chain leads back to.
pub(crate) fn recorded_answers(history: &[Event]) -> HashMap<String, VecDeque<TaskResult>> {
    let mut owner: HashMap<u64, String> = HashMap::new();
    let mut answers: HashMap<String, VecDeque<TaskResult>> = HashMap::new();
    for event in history {
        let state = match &event.details {
            Details::StateEntered { name, .. } => Some(name.to_string()),
            _ => owner.get(&event.previous_event_id).cloned(),
        };
        let Some(state) = state else { continue };
        owner.insert(event.id, state.clone());
        let details = event.details.to_value().unwrap_or(Value::Null);
        let text = |member: &str| {
            details
                .get(member)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let answer = match event.kind {
            "TaskSucceeded" | "LambdaFunctionSucceeded" | "ActivitySucceeded" => {
                let output = text("output").unwrap_or_default();
                Ok(serde_json::from_str(&output).unwrap_or(Value::Null))
            }
            "TaskFailed"
            | "LambdaFunctionFailed"
            | "ActivityFailed"
            | "TaskTimedOut"
            | "LambdaFunctionTimedOut"
            | "ActivityTimedOut" => Err(Failure {
                error: text("error"),
                cause: text("cause"),
            }),
            _ => continue,
        };
        answers.entry(state).or_default().push_back(answer);
    }
    answers
}

/// A recorded execution (from AWS, `workflow serve` or an earlier run) to run again on a
/// definition, perhaps a changed one: each Task gets the answer its attempt recorded, and
/// [`Replay::check`] reports the first place where the run leaves the record.
///
/// ```
/// use serde_json::json;
/// use workflow_dsl::engine::{Engine, Handlers, Replay};
///
/// let definition = |limit: u32| json!({"StartAt": "Route", "States": {
///     "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": limit, "Next": "Review"}], "Default": "Ship"},
///     "Review": {"Type": "Pass", "End": true},
///     "Ship": {"Type": "Pass", "End": true}}}).to_string();
/// let recorded = Engine::from_json(&definition(100))?.run_blocking(json!({"total": 150}));
/// let history = json!({"events": recorded.history}); // as `aws stepfunctions get-execution-history` prints it
/// let replay = Replay::from_history(&history)?;
/// assert!(replay.check(&Engine::from_json(&definition(100))?).is_ok());
/// let divergence = replay.check(&Engine::from_json(&definition(200))?).unwrap_err();
/// assert_eq!(
///     divergence.to_string(),
///     "step 3 (after `Route` exited with {\"total\":150}): recorded `Review` entered with {\"total\":150}; replayed `Ship` entered with {\"total\":150}"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Replay {
    events: Vec<Event>,
    input: Value,
}

/// Where a replay left its record: the first milestone (a state entered or exited, a Task
/// scheduled) that differs, counted from 1 in the record's order.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("step {step}{}: recorded {recorded}; replayed {replayed}", after.as_ref().map(|a| format!(" (after {a})")).unwrap_or_default())]
pub struct Divergence {
    /// The milestone's number.
    pub step: usize,
    /// The last milestone both agree on, e.g. `` `Route` exited with {…} ``: where a changed
    /// Choice sent the run elsewhere.
    pub after: Option<String>,
    /// What the record has there.
    pub recorded: String,
    /// What the replay did there.
    pub replayed: String,
}

impl Replay {
    /// Reads a history in AWS's JSON: `{"events": [...]}` as `get-execution-history` prints it
    /// (pages concatenated), or the bare array. The execution input comes from its
    /// `ExecutionStarted` event.
    pub fn from_history(history: &Value) -> Result<Replay, String> {
        let events = super::history::events_from_value(history)?;
        let started = events
            .iter()
            .find(|event| event.kind == "ExecutionStarted")
            .ok_or("the history has no ExecutionStarted event")?;
        let input = started
            .details
            .to_value()
            .and_then(|details| details["input"].as_str().map(str::to_owned))
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null);
        Ok(Replay { events, input })
    }

    /// The recorded execution input.
    pub fn input(&self) -> &Value {
        &self.input
    }

    /// Runs `engine` on the recorded input with the recorded Task answers and compares the
    /// states entered and exited, their inputs and outputs, and each Task's request with the
    /// record, in order. Tasks past the record use the engine's own handlers.
    pub fn check(&self, engine: &super::Engine) -> Result<super::Outcome, Divergence> {
        let outcome = engine
            .clone()
            .resume(&self.events)
            .run_blocking(self.input.clone());
        let recorded = milestones(&self.events);
        let replayed = milestones(&outcome.history);
        let differ = |step: usize| {
            let describe = |milestone: Option<&String>| {
                milestone
                    .cloned()
                    .unwrap_or_else(|| "nothing more".to_owned())
            };
            Divergence {
                step: step + 1,
                after: step
                    .checked_sub(1)
                    .and_then(|last| recorded.get(last))
                    .cloned(),
                recorded: describe(recorded.get(step)),
                replayed: describe(replayed.get(step)),
            }
        };
        match (0..recorded.len().max(replayed.len())).find(|&i| recorded.get(i) != replayed.get(i))
        {
            Some(step) => Err(differ(step)),
            None => Ok(outcome),
        }
    }
}

/// The comparable steps of a history: `` `Name` entered with <input> ``, `` `Name` exited
/// with <output> ``, `` `Name` scheduled <parameters> ``, each payload as compact JSON.
fn milestones(history: &[Event]) -> Vec<String> {
    let by_id: HashMap<u64, &Event> = history.iter().map(|event| (event.id, event)).collect();
    let compact = |text: &str| {
        serde_json::from_str::<Value>(text)
            .map(|value| value.to_string())
            .unwrap_or_else(|_| text.to_owned())
    };
    history
        .iter()
        .filter_map(|event| match (&event.details, event.kind) {
            (Details::StateEntered { name, input }, _) => {
                Some(format!("`{name}` entered with {}", compact(input)))
            }
            (Details::StateExited { name, output }, _) => {
                Some(format!("`{name}` exited with {}", compact(output)))
            }
            (details, "TaskScheduled" | "LambdaFunctionScheduled" | "ActivityScheduled") => {
                let owner = super::record::entry_of(event, &by_id)
                    .and_then(|id| by_id.get(&id))
                    .and_then(|entered| match &entered.details {
                        Details::StateEntered { name, .. } => Some(name.to_string()),
                        _ => None,
                    })
                    .unwrap_or_default();
                // A Task's request is `parameters`; a Lambda function's or activity's `input`.
                let parameters = details
                    .to_value()
                    .and_then(|d| {
                        d.get("parameters")
                            .or_else(|| d.get("input"))
                            .and_then(Value::as_str)
                            .map(compact)
                    })
                    .unwrap_or_default();
                Some(format!("`{owner}` scheduled {parameters}"))
            }
            _ => None,
        })
        .collect()
}
