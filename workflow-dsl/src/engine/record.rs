//! What each state did in an execution, read back from its history: the test kit's view of an
//! [`Outcome`]. Events are attributed by following `previousEventId` (see `entry_of`), so
//! states running side by side in Parallel branches and Map iterations keep their own records.

use std::collections::HashMap;

use serde_json::Value;

use super::history::{Details, Event};
use super::{Outcome, Status};

/// The events of a failed Task attempt.
const FAILURES: &[&str] = &[
    "TaskFailed",
    "TaskTimedOut",
    "LambdaFunctionFailed",
    "LambdaFunctionTimedOut",
    "ActivityFailed",
    "ActivityTimedOut",
];

/// Every entry of one state into the execution, in history order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StateRecord {
    /// One per time the state was entered (a Map iteration or a loop enters it again).
    pub entries: Vec<Entry>,
}

/// One entry of a state.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its input.
    pub input: Value,
    /// Its output, when it exited: for a failure a catcher took, the catcher's output.
    pub output: Option<Value>,
    /// The state entered next, when the execution went on from this entry.
    pub next: Option<String>,
    /// Whether a catcher took its last failure (`next` is then the catcher's target).
    pub caught: bool,
    /// The Task's attempts: 1 plus the retries (0 for other states).
    pub attempts: usize,
    /// The error and cause of each failed attempt, in order.
    pub failures: Vec<(String, String)>,
    /// The index of the Map iteration it ran in, for states inside a Map.
    pub iteration: Option<usize>,
}

impl StateRecord {
    /// How many times the state was entered.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// The first entry, if the state was entered at all.
    pub fn first(&self) -> Option<&Entry> {
        self.entries.first()
    }
}

impl Outcome {
    /// What the state named `state` (a name, or a `workflow!` variant) did: each entry's
    /// input, output, attempts and failures.
    pub fn state(&self, state: impl AsRef<str>) -> StateRecord {
        let state = state.as_ref();
        let by_id: HashMap<u64, &Event> = self.history.iter().map(|e| (e.id, e)).collect();
        // The state entered right after each event, by that event's id.
        let entered_after: HashMap<u64, &str> = self
            .history
            .iter()
            .filter_map(|event| match &event.details {
                Details::StateEntered { name, .. } => Some((event.previous_event_id, &**name)),
                _ => None,
            })
            .collect();
        let mut record = StateRecord::default();
        // Entry event id → its position in `record.entries`.
        let mut positions = HashMap::new();
        for event in &self.history {
            if let Details::StateEntered { name, input } = &event.details
                && &**name == state
            {
                positions.insert(event.id, record.entries.len());
                record.entries.push(Entry {
                    input: serde_json::from_str(input).unwrap_or(Value::Null),
                    output: None,
                    next: None,
                    caught: false,
                    attempts: 0,
                    failures: Vec::new(),
                    iteration: iteration_of(event, &by_id),
                });
                continue;
            }
            let Some(position) = entry_of(event, &by_id).and_then(|id| positions.get(&id)) else {
                continue;
            };
            let entry = &mut record.entries[*position];
            match (&event.details, event.kind) {
                (Details::StateExited { output, .. }, _) => {
                    entry.output = serde_json::from_str(output).ok();
                    entry.caught = by_id
                        .get(&event.previous_event_id)
                        .is_some_and(|before| FAILURES.contains(&before.kind));
                    entry.next = entered_after.get(&event.id).map(|name| (*name).to_owned());
                }
                (_, "TaskScheduled" | "LambdaFunctionScheduled" | "ActivityScheduled") => {
                    entry.attempts += 1;
                }
                (Details::Object(details), kind) if FAILURES.contains(&kind) => {
                    let text = |key: &str| details[key].as_str().unwrap_or_default().to_owned();
                    entry.failures.push((text("error"), text("cause")));
                }
                _ => {}
            }
        }
        record
    }

    /// Panics with the path taken and where it left `expected` unless the states entered are
    /// exactly `expected`: `outcome.assert_path(["Validate", "Charge", "Ship"])`.
    #[track_caller]
    pub fn assert_path<S: AsRef<str>>(&self, expected: impl IntoIterator<Item = S>) {
        let expected: Vec<S> = expected.into_iter().collect();
        let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
        let taken = self.path();
        if taken == expected {
            return;
        }
        let step = taken
            .iter()
            .zip(&expected)
            .position(|(taken, expected)| taken != expected)
            .unwrap_or(taken.len().min(expected.len()));
        let diverged = match (taken.get(step), expected.get(step)) {
            (Some(entered), Some(wanted)) => {
                format!("entered `{entered}` where `{wanted}` was expected")
            }
            (Some(entered), None) => {
                format!("went on to `{entered}` after the expected path ended")
            }
            (None, Some(wanted)) => format!("stopped before `{wanted}`"),
            (None, None) => String::new(),
        };
        let ending = match self.status {
            Status::Succeeded => "SUCCEEDED".to_owned(),
            _ => format!(
                "{} with {} ({})",
                self.status.as_str(),
                self.error.as_deref().unwrap_or("no error"),
                self.cause.as_deref().unwrap_or("")
            ),
        };
        panic!(
            "the execution diverged at step {} ({diverged})\n  expected: {}\n  taken:    {}\n  ended:    {ending}",
            step + 1,
            expected.join(" → "),
            taken.join(" → "),
        );
    }
}

/// The `StateEntered` event that `event` belongs to. A state's events lead back to its entry
/// along `previousEventId`, except that the end of a Map or Parallel follows the last event of
/// one of its iterations or branches: so an exit is matched by name (names are unique in a
/// definition), and a Task's own events by the first entry back.
pub(super) fn entry_of(event: &Event, by_id: &HashMap<u64, &Event>) -> Option<u64> {
    let name = match &event.details {
        Details::StateExited { name, .. } => Some(name),
        _ => None,
    };
    let mut current = by_id.get(&event.previous_event_id)?;
    loop {
        if let Details::StateEntered { name: entered, .. } = &current.details
            && name.is_none_or(|name| name == entered)
        {
            return Some(current.id);
        }
        current = by_id.get(&current.previous_event_id)?;
    }
}

/// The index of the innermost Map iteration `entered` runs in. Walking back, a whole earlier
/// state (its exit back to its entry) is skipped, so the iterations of a Map that ran before
/// do not count.
fn iteration_of(entered: &Event, by_id: &HashMap<u64, &Event>) -> Option<usize> {
    let mut current = by_id.get(&entered.previous_event_id)?;
    loop {
        match (&current.details, current.kind) {
            (Details::MapIteration { index, .. }, "MapIterationStarted") => return Some(*index),
            (Details::StateExited { .. }, _) => {
                let entry = entry_of(current, by_id)?;
                current = by_id.get(&by_id.get(&entry)?.previous_event_id)?;
            }
            _ => current = by_id.get(&current.previous_event_id)?,
        }
    }
}
