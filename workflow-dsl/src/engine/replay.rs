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
use super::history::{Details, Event};
use super::task::TaskResult;

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
