//! Task handlers: what a Task state's `Resource` does when the engine runs locally. A handler is
//! found by state name first, then by resource ARN; [`Mocks`] answer from recorded results in the
//! format of `tests/data/aws-recorded/README.md`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use super::failure::{Failure, TIMEOUT};

/// What a Task hands its handler.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRequest {
    /// The Task state's name.
    pub state: String,
    /// The `Resource` ARN.
    pub resource: String,
    /// The effective input (after `InputPath` and `Parameters`).
    pub input: Value,
    /// Retries already made for this state entry (0 for the first attempt).
    pub retry_count: u64,
    /// The task token (`$$.Task.Token`) of a `.waitForTaskToken`, `.sync` or activity task:
    /// what a callback answers with.
    pub task_token: Option<String>,
    /// `HeartbeatSeconds` of a Task that waits for its token (a callback or an activity): the
    /// longest time without a heartbeat, which the handler waiting for the token enforces
    /// (failing with `States.Timeout`). Other Tasks have it in their overall timer.
    pub heartbeat_seconds: Option<u64>,
}

/// A handler's answer: the raw task result, or a failure with an error name and cause.
pub type TaskResult = Result<Value, Failure>;

/// The future a handler returns.
pub type TaskFuture = Pin<Box<dyn Future<Output = TaskResult> + Send>>;

type Handler = Arc<dyn Fn(TaskRequest) -> TaskFuture + Send + Sync>;

/// Handlers by state name and by resource.
#[derive(Clone, Default)]
pub struct Handlers {
    by_state: HashMap<String, Handler>,
    by_resource: HashMap<String, Handler>,
    mocks: Option<Arc<Mocks>>,
    fallback: Option<Handler>,
    /// Recorded answers per state, given first (resuming an execution).
    replay: Option<Arc<std::sync::Mutex<Recorded>>>,
}

/// Recorded Task answers per state name, in attempt order.
type Recorded = HashMap<String, std::collections::VecDeque<TaskResult>>;

impl Handlers {
    /// These handlers and `other`'s together; where both answer the same state or resource
    /// (or both have mocks or a fallback), `other`'s win. For example
    /// `built.handlers().merge(closures)`: the builder's `TaskFn`s and closures for the rest.
    pub fn merge(mut self, other: Handlers) -> Handlers {
        self.by_state.extend(other.by_state);
        self.by_resource.extend(other.by_resource);
        self.mocks = other.mocks.or(self.mocks);
        self.fallback = other.fallback.or(self.fallback);
        self.replay = other.replay.or(self.replay);
        self
    }

    /// The state names handlers were registered for (`state`, `typed`).
    pub(crate) fn state_keys(&self) -> impl Iterator<Item = &str> {
        self.by_state.keys().map(String::as_str)
    }

    /// The resources handlers were registered for.
    pub(crate) fn resource_keys(&self) -> impl Iterator<Item = &str> {
        self.by_resource.keys().map(String::as_str)
    }
}

impl std::fmt::Debug for Handlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handlers")
            .field("states", &self.by_state.keys().collect::<Vec<_>>())
            .field("resources", &self.by_resource.keys().collect::<Vec<_>>())
            .field("mocks", &self.mocks.is_some())
            .finish()
    }
}

impl Handlers {
    /// No handlers: every Task fails with a clear error naming its state and resource.
    pub fn new() -> Handlers {
        Handlers::default()
    }

    /// Handles every Task that no state, resource or mock handler answers (a server's callback
    /// and activity plumbing); it may answer with [`no_handler`].
    pub fn fallback<F, Fut>(mut self, handler: F) -> Handlers
    where
        F: Fn(TaskRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = TaskResult> + Send + 'static,
    {
        self.fallback = Some(Arc::new(move |request| Box::pin(handler(request))));
        self
    }

    /// Handles every Task whose `Resource` is `resource`.
    pub fn resource<F, Fut>(mut self, resource: &str, handler: F) -> Handlers
    where
        F: Fn(TaskRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = TaskResult> + Send + 'static,
    {
        self.by_resource.insert(
            resource.to_owned(),
            Arc::new(move |request| Box::pin(handler(request))),
        );
        self
    }

    /// Handles the Task state named `state` (takes precedence over resource handlers). A
    /// `workflow!` handle names its state too: `.state(OrderWorkflow::ProcessPayment, ..)`.
    pub fn state<F, Fut>(mut self, state: impl AsRef<str>, handler: F) -> Handlers
    where
        F: Fn(TaskRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = TaskResult> + Send + 'static,
    {
        self.by_state.insert(
            state.as_ref().to_owned(),
            Arc::new(move |request| Box::pin(handler(request))),
        );
        self
    }

    /// Handles the Task state named `state` with a function on typed values: the effective input
    /// is deserialised into `I` (a mismatch fails the task with `States.TaskFailed` naming the
    /// JSON pointer), and the `O` it returns is the task result.
    pub fn typed<I, O, F, Fut>(self, state: impl AsRef<str>, handler: F) -> Handlers
    where
        I: serde::de::DeserializeOwned + Send + 'static,
        O: serde::Serialize,
        F: Fn(I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, Failure>> + Send + 'static,
    {
        let handler = Arc::new(handler);
        let name = state.as_ref().to_owned();
        self.state(state, move |request: TaskRequest| {
            let handler = Arc::clone(&handler);
            let name = name.clone();
            async move {
                let input: I = serde_path_to_error::deserialize(request.input).map_err(|error| {
                    Failure::new(
                        "States.TaskFailed",
                        format!("the input of the Task state '{name}' does not fit its handler's type at {}: {}", pointer(error.path()), error.inner()),
                    )
                })?;
                let output = handler(input).await?;
                serde_json::to_value(output).map_err(|error| {
                    Failure::new("States.TaskFailed", format!("the result of the Task state '{name}' is not JSON: {error}"))
                })
            }
        })
    }

    /// Answers Tasks without a handler from recorded results.
    pub fn mocks(mut self, mocks: Mocks) -> Handlers {
        self.mocks = Some(Arc::new(mocks));
        self
    }

    /// Answers each state's first attempts from `answers` (recorded results, in order) before
    /// any handler.
    pub(crate) fn replay(mut self, answers: Recorded) -> Handlers {
        self.replay = Some(Arc::new(std::sync::Mutex::new(answers)));
        self
    }

    /// Runs the handler for `request`.
    pub(crate) async fn call(&self, request: TaskRequest) -> TaskResult {
        if let Some(replay) = &self.replay {
            let recorded = replay
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .get_mut(&request.state)
                .and_then(std::collections::VecDeque::pop_front);
            if let Some(answer) = recorded {
                return answer;
            }
        }
        if let Some(handler) = self
            .by_state
            .get(&request.state)
            .or_else(|| self.by_resource.get(&request.resource))
        {
            return handler(request).await;
        }
        if let Some(answer) = self
            .mocks
            .as_ref()
            .and_then(|mocks| mocks.answer(&request.state, &request.input, request.retry_count))
        {
            return answer;
        }
        if let Some(fallback) = &self.fallback {
            return fallback(request).await;
        }
        Err(no_handler(&request))
    }
}

/// The failure of a Task nothing answers, naming its state and resource.
pub fn no_handler(request: &TaskRequest) -> Failure {
    Failure::new(
        "States.TaskFailed",
        format!(
            "no handler for the Task state '{}' (resource {}): register one with Handlers::state or Handlers::resource, or give a mock",
            request.state, request.resource
        ),
    )
}

/// Recorded Task answers per state name, in one of two formats:
///
/// - the `mocks` format of `tests/data/aws-recorded/README.md`,
///   `{"State": [{"input": …, "output": …} | {"error": …, "cause": …} | {"timeout": true}, …]}`:
///   an answer is picked by equal `input` among those not used yet, else the next unused one in
///   order; once all are used the last repeats;
/// - the benchmark format, `{"State": [{"Return": …} | {"Throw": {"Error": …, "Cause": …}}, …]}`:
///   answer `n` is for attempt `n` of every entry into the state (the last repeats).
#[derive(Debug, Default)]
pub struct Mocks {
    states: HashMap<String, Mutex<MockList>>,
}

#[derive(Debug)]
struct MockList {
    answers: Vec<Value>,
    used: Vec<bool>,
}

impl Mocks {
    /// Reads a `mocks` object in the recorded cases' format. Fails with a message naming the
    /// bad member.
    pub fn from_value(value: &Value) -> Result<Mocks, String> {
        let Some(object) = value.as_object() else {
            return Err("mocks must be an object of state name → list of answers".to_owned());
        };
        let mut states = HashMap::new();
        for (state, answers) in object {
            let Some(answers) = answers.as_array() else {
                return Err(format!("mocks.{state} must be a list of answers"));
            };
            if let Some(bad) = answers.iter().position(|a| !a.is_object()) {
                return Err(format!(
                    "mocks.{state}[{bad}] must be an object with output, error/cause or timeout"
                ));
            }
            let used = vec![false; answers.len()];
            states.insert(
                state.clone(),
                Mutex::new(MockList {
                    answers: answers.clone(),
                    used,
                }),
            );
        }
        Ok(Mocks { states })
    }

    fn answer(&self, state: &str, input: &Value, attempt: u64) -> Option<TaskResult> {
        let mut list = self.states.get(state)?.lock().ok()?;
        if list
            .answers
            .iter()
            .any(|a| a.get("Return").is_some() || a.get("Throw").is_some())
        {
            let index = usize::try_from(attempt)
                .unwrap_or(usize::MAX)
                .min(list.answers.len().saturating_sub(1));
            let answer = list.answers.get(index)?;
            return Some(match answer.get("Throw") {
                Some(throw) => Err(Failure {
                    error: throw
                        .get("Error")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    cause: throw
                        .get("Cause")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                }),
                None => Ok(answer.get("Return").cloned().unwrap_or(Value::Null)),
            });
        }
        let unused = |list: &MockList, i: usize| !list.used.get(i).copied().unwrap_or(true);
        let pick = (0..list.answers.len())
            .find(|&i| {
                unused(&list, i)
                    && list.answers[i]
                        .get("input")
                        .is_some_and(|recorded| crate::path::json_equal(recorded, input))
            })
            .or_else(|| (0..list.answers.len()).find(|&i| unused(&list, i)))
            .or_else(|| list.answers.len().checked_sub(1))?;
        if let Some(flag) = list.used.get_mut(pick) {
            *flag = true;
        }
        let answer = &list.answers[pick];
        if answer.get("timeout").and_then(Value::as_bool) == Some(true) {
            return Some(Err(Failure {
                error: Some(TIMEOUT.to_owned()),
                cause: None,
            }));
        }
        if let Some(error) = answer.get("error") {
            return Some(Err(Failure {
                error: error.as_str().map(str::to_owned),
                cause: answer
                    .get("cause")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            }));
        }
        Some(Ok(answer.get("output").cloned().unwrap_or(Value::Null)))
    }
}

/// A serde path (`items[0].price`) as an RFC 6901 pointer (`/items/0/price`).
fn pointer(path: &serde_path_to_error::Path) -> String {
    let text: String = path
        .iter()
        .map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => format!("/{index}"),
            serde_path_to_error::Segment::Map { key } => {
                format!("/{}", key.replace('~', "~0").replace('/', "~1"))
            }
            serde_path_to_error::Segment::Enum { variant } => format!("/{variant}"),
            serde_path_to_error::Segment::Unknown => "/?".to_owned(),
        })
        .collect();
    if text.is_empty() {
        "/".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(state: &str, input: Value) -> TaskRequest {
        TaskRequest {
            state: state.to_owned(),
            resource: "arn:aws:states:::lambda:invoke".to_owned(),
            input,
            retry_count: 0,
            task_token: None,
            heartbeat_seconds: None,
        }
    }

    #[tokio::test]
    async fn mocks_pick_by_input_then_order_then_repeat_the_last() {
        let mocks = Mocks::from_value(&json!({"T": [
            {"input": {"n": 2}, "output": "two"},
            {"input": {"n": 1}, "output": "one"},
            {"input": {}, "error": "E", "cause": "c"}
        ]}))
        .unwrap();
        let handlers = Handlers::new().mocks(mocks);
        assert_eq!(
            handlers.call(request("T", json!({"n": 1.0}))).await,
            Ok(json!("one"))
        );
        assert_eq!(
            handlers.call(request("T", json!({"n": 9}))).await,
            Ok(json!("two"))
        );
        assert_eq!(
            handlers.call(request("T", json!({}))).await,
            Err(Failure::new("E", "c"))
        );
        assert_eq!(
            handlers.call(request("T", json!({}))).await,
            Err(Failure::new("E", "c"))
        );
    }

    #[tokio::test]
    async fn typed_handlers_deserialise_input_and_say_where_it_does_not_fit() {
        #[derive(serde::Deserialize)]
        struct Order {
            amount: u32,
        }
        let handlers = Handlers::new().typed("Charge", |order: Order| async move {
            Ok(json!({"charged": order.amount}))
        });
        assert_eq!(
            handlers.call(request("Charge", json!({"amount": 5}))).await,
            Ok(json!({"charged": 5}))
        );
        let failure = handlers
            .call(request("Charge", json!({"amount": "five"})))
            .await
            .unwrap_err();
        assert!(
            failure.cause.unwrap().contains("at /amount"),
            "names the pointer"
        );
    }

    #[tokio::test]
    async fn handlers_by_state_win_over_resource_and_missing_ones_say_what_to_do() {
        let handlers = Handlers::new()
            .resource("arn:aws:states:::lambda:invoke", |_| async {
                Ok(json!("resource"))
            })
            .state("Special", |request| async move { Ok(request.input) });
        assert_eq!(
            handlers.call(request("Other", json!(1))).await,
            Ok(json!("resource"))
        );
        assert_eq!(
            handlers.call(request("Special", json!(2))).await,
            Ok(json!(2))
        );
        let missing = Handlers::new()
            .call(request("T", json!(null)))
            .await
            .unwrap_err();
        assert_eq!(missing.error.as_deref(), Some("States.TaskFailed"));
        assert!(
            missing
                .cause
                .unwrap()
                .contains("'T' (resource arn:aws:states:::lambda:invoke)")
        );
    }
}
