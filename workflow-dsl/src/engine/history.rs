//! Execution history in AWS's shape: numbered events with `previousEventId`, a timestamp, a
//! type and one `<type>EventDetails` member
//! (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html>).

use serde::Serialize;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value};

use crate::timestamp::format_millis;

/// One history event. It serialises as AWS's GetExecutionHistory prints it ([`Event::to_value`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// 1, 2, 3… in emission order.
    pub id: u64,
    /// The event this one follows in its thread of control (0 for the first).
    pub previous_event_id: u64,
    /// Milliseconds since the epoch.
    pub timestamp: i64,
    /// The event type, e.g. `PassStateEntered`.
    pub kind: &'static str,
    /// The details object, named `<lowerCamelType>EventDetails` in AWS's JSON.
    pub details: Details,
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// An event's details. The Entered and Exited events of every state are kept as plain fields
/// and rendered to JSON only when asked: building a JSON object for each of them cost more
/// than the rest of a Pass transition. The variants stay small (rare objects are boxed)
/// because a long execution holds hundreds of thousands of events.
#[derive(Clone, Debug, PartialEq)]
pub enum Details {
    /// No details member.
    None,
    /// `{"name", "input": <JSON text>, "inputDetails": {"truncated": false}}`.
    StateEntered {
        /// The state's name.
        name: Arc<str>,
        /// The JSON text of the input, shared with the previous state's Exited event.
        input: Arc<String>,
    },
    /// `{"name", "output": <JSON text>, "outputDetails": {"truncated": false}}`.
    StateExited {
        /// The state's name.
        name: Arc<str>,
        /// The JSON text of the output, shared with the next state's Entered event.
        output: Arc<String>,
    },
    /// `{"name", "index"}` of the `MapIteration*` events (`name` is the Map state's).
    MapIteration {
        /// The Map state's name.
        name: Arc<str>,
        /// The item's index.
        index: usize,
    },
    /// Any other details object.
    Object(Box<Value>),
}

impl Details {
    /// Details given as a JSON value.
    pub fn object(value: Value) -> Details {
        Details::Object(Box::new(value))
    }

    /// The details of a `kind` event as AWS prints them, read back: the state and Map
    /// iteration shapes become their own variants again, so a history read from JSON (a
    /// store, `get-execution-history`) is the history the engine wrote.
    pub fn from_value(kind: &str, value: Value) -> Details {
        let name = value["name"].as_str().map(Arc::<str>::from);
        let text = |key: &str| match &value[key] {
            Value::String(text) => Some(Arc::new(text.clone())),
            _ => None,
        };
        match name {
            Some(name) if kind.ends_with("StateEntered") => match text("input") {
                Some(input) => Details::StateEntered { name, input },
                None => Details::object(value),
            },
            Some(name) if kind.ends_with("StateExited") => match text("output") {
                Some(output) => Details::StateExited { name, output },
                None => Details::object(value),
            },
            Some(name) if kind.starts_with("MapIteration") => match value["index"].as_u64() {
                Some(index) => Details::MapIteration {
                    name,
                    index: usize::try_from(index).unwrap_or(usize::MAX),
                },
                None => Details::object(value),
            },
            _ => Details::object(value),
        }
    }

    /// The details as AWS prints them, if the event has any.
    pub fn to_value(&self) -> Option<Value> {
        match self {
            Details::None => None,
            Details::StateEntered { name, input } => Some(state_details(name, "input", input)),
            Details::StateExited { name, output } => Some(state_details(name, "output", output)),
            Details::MapIteration { name, index } => {
                Some(serde_json::json!({"name": name.as_ref(), "index": index}))
            }
            Details::Object(value) => Some(value.as_ref().clone()),
        }
    }
}

fn state_details(name: &str, key: &str, text: &str) -> Value {
    let mut object = Map::new();
    object.insert("name".to_owned(), Value::from(name));
    object.extend(payload_text(key, text.to_owned()));
    Value::Object(object)
}

impl Event {
    /// An event read back from storage: `kind` as AWS names it, `details` its details object.
    pub fn new(
        id: u64,
        previous_event_id: u64,
        timestamp: i64,
        kind: &str,
        details: Option<Value>,
    ) -> Event {
        Event {
            id,
            previous_event_id,
            timestamp,
            kind: intern(kind),
            details: details.map_or(Details::None, |value| Details::from_value(kind, value)),
        }
    }

    /// An event in AWS's GetExecutionHistory JSON (`aws stepfunctions get-execution-history`,
    /// boto3, or ours): `id`, `previousEventId`, `timestamp` (RFC 3339 text, or seconds since
    /// the epoch as boto3's JSON writes them), `type` and its `…EventDetails`.
    pub fn from_value(value: &Value) -> Result<Event, String> {
        let id = value["id"].as_u64().ok_or("an event has no numeric `id`")?;
        let kind = value["type"]
            .as_str()
            .ok_or_else(|| format!("event {id} has no `type`"))?;
        let timestamp = match &value["timestamp"] {
            Value::String(text) => crate::timestamp::parse_nanos(text)
                .map(|nanos| (nanos / 1_000_000) as i64)
                .ok_or_else(|| format!("event {id}: `timestamp` {text:?} is not RFC 3339"))?,
            Value::Number(seconds) => (seconds.as_f64().unwrap_or_default() * 1000.0) as i64,
            _ => 0,
        };
        let details = value
            .as_object()
            .and_then(|members| {
                members
                    .iter()
                    .find(|(key, _)| key.ends_with("EventDetails"))
            })
            .map(|(_, details)| details.clone());
        Ok(Event::new(
            id,
            value["previousEventId"].as_u64().unwrap_or(0),
            timestamp,
            kind,
            details,
        ))
    }

    /// The event as AWS's GetExecutionHistory prints it.
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        object.insert(
            "timestamp".to_owned(),
            Value::from(format_millis(self.timestamp)),
        );
        object.insert("type".to_owned(), Value::from(self.kind));
        object.insert("id".to_owned(), Value::from(self.id));
        object.insert(
            "previousEventId".to_owned(),
            Value::from(self.previous_event_id),
        );
        if let Some(details) = self.details.to_value() {
            object.insert(details_member(self.kind), details);
        }
        Value::Object(object)
    }
}

/// `PassStateEntered` → `stateEnteredEventDetails`, as AWS shares detail shapes
/// (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html>).
fn details_member(kind: &str) -> String {
    let shared = if kind.ends_with("StateEntered") {
        "StateEntered"
    } else if kind.ends_with("StateExited") {
        "StateExited"
    } else {
        kind
    };
    let mut chars = shared.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    format!("{first}{}EventDetails", chars.as_str())
}

/// The events of one execution.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    pub events: Vec<Event>,
}

impl History {
    /// Appends an event and returns its id.
    pub fn push(
        &mut self,
        kind: &'static str,
        previous: u64,
        timestamp: i64,
        details: Details,
    ) -> u64 {
        let id = self.events.len() as u64 + 1;
        self.events.push(Event {
            id,
            previous_event_id: previous,
            timestamp,
            kind,
            details,
        });
        id
    }
}

/// JSON text for an `input`/`output` member, with its `…Details: {"truncated": false}` twin.
pub(crate) fn payload(key: &str, value: &Value) -> [(String, Value); 2] {
    payload_text(key, value.to_string())
}

/// [`payload`] for JSON text already serialised.
pub(crate) fn payload_text(key: &str, text: String) -> [(String, Value); 2] {
    [
        (key.to_owned(), Value::from(text)),
        (
            format!("{key}Details"),
            serde_json::json!({"truncated": false}),
        ),
    ]
}

/// Event kinds are `&'static str`; the few distinct ones read back are kept for the process.
fn intern(kind: &str) -> &'static str {
    static KINDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut kinds = KINDS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    if let Some(known) = kinds.get(kind) {
        return known;
    }
    let leaked: &'static str = Box::leak(kind.to_owned().into_boxed_str());
    kinds.insert(leaked);
    leaked
}

/// The events of a recorded history: AWS's `get-execution-history` JSON (`{"events": [...]}`),
/// an array of events, or events one JSON object per line (`workflow run --history`).
///
/// # Errors
///
/// What is not a history, and which event is malformed.
pub fn events_from_text(text: &str) -> Result<Vec<Event>, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => events_from_value(&value),
        Err(_) => text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .enumerate()
            .map(|(number, line)| {
                let value: Value = serde_json::from_str(line)
                    .map_err(|error| format!("line {}: not JSON: {error}", number + 1))?;
                Event::from_value(&value)
            })
            .collect(),
    }
}

/// [`events_from_text`] of a parsed history (`{"events": [...]}` or an array of events).
///
/// # Errors
///
/// What is not a history, and which event is malformed.
pub fn events_from_value(history: &Value) -> Result<Vec<Event>, String> {
    history
        .get("events")
        .unwrap_or(history)
        .as_array()
        .ok_or("a history is `{\"events\": [...]}`, an array of events, or one event per line")?
        .iter()
        .map(Event::from_value)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_members_follow_aws_names() {
        assert_eq!(
            details_member("PassStateEntered"),
            "stateEnteredEventDetails"
        );
        assert_eq!(details_member("TaskStateExited"), "stateExitedEventDetails");
        assert_eq!(
            details_member("ExecutionSucceeded"),
            "executionSucceededEventDetails"
        );
        let mut history = History::default();
        let first = history.push("ExecutionStarted", 0, 0, Details::None);
        assert_eq!(
            history.push("PassStateEntered", 0, 0, Details::None),
            first + 1
        );
        assert_eq!(
            history.events[0].to_value()["timestamp"],
            "1970-01-01T00:00:00.000Z"
        );
    }
}
