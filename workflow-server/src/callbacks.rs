//! The callback pattern: a `.waitForTaskToken` or activity Task waits until a client answers its
//! task token with SendTaskSuccess or SendTaskFailure (or its timeout passes).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::json;
use tokio::sync::{Notify, oneshot};
use workflow_dsl::engine::{Failure, MAX_PAYLOAD_BYTES, TaskRequest, TaskResult, no_handler};

use super::activities::Activities;
use super::protocol::{ApiError, ApiResult, Request};
use super::registry::Registry;

/// A Task waiting for its token: where its answer goes, and how a heartbeat reaches it.
struct Waiter {
    answer: oneshot::Sender<TaskResult>,
    heartbeat: Arc<Notify>,
}

/// The Tasks waiting for their token.
#[derive(Default)]
pub struct Waiting(Mutex<HashMap<String, Waiter>>);

impl Waiting {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Waiter>> {
        self.0.lock().unwrap_or_else(|poison| poison.into_inner())
    }
}

/// Waits for the answer to a `.waitForTaskToken` or activity Task's token (an activity's Task is
/// queued for its workers first).
pub async fn wait(waiting: &Waiting, activities: &Activities, request: TaskRequest) -> TaskResult {
    let Some(token) = request.task_token.clone() else {
        return Err(no_handler(&request));
    };
    let (sender, mut receiver) = oneshot::channel();
    let heartbeat = Arc::new(Notify::new());
    waiting.lock().insert(
        token.clone(),
        Waiter {
            answer: sender,
            heartbeat: heartbeat.clone(),
        },
    );
    if request.resource.contains(":activity:")
        && !activities.enqueue(&request.resource, token.clone(), &request.input)
    {
        waiting.lock().remove(&token);
        return Err(Failure::new(
            "States.TaskFailed",
            format!(
                "the activity {} of the Task state '{}' does not exist: create it with CreateActivity",
                request.resource, request.state
            ),
        ));
    }
    let answer = match request.heartbeat_seconds {
        None => receiver.await,
        // Each heartbeat restarts the clock; silence for HeartbeatSeconds is States.Timeout.
        Some(seconds) => loop {
            tokio::select! {
                answer = &mut receiver => break answer,
                () = heartbeat.notified() => {}
                () = tokio::time::sleep(Duration::from_secs(seconds)) => {
                    waiting.lock().remove(&token);
                    return Err(Failure { error: Some("States.Timeout".to_owned()), cause: None });
                }
            }
        },
    };
    waiting.lock().remove(&token);
    answer.unwrap_or_else(|_| {
        Err(Failure::new(
            "States.TaskFailed",
            "the server dropped the task's callback",
        ))
    })
}

fn answer(registry: &Registry, request: &Request, result: TaskResult) -> ApiResult {
    let token = request.string("taskToken")?;
    let waiter = registry.callbacks.lock().remove(token).ok_or_else(|| {
        ApiError::new(
            "TaskDoesNotExist",
            format!("Task Does Not Exist: '{token}'"),
        )
    })?;
    // The waiting Task is gone when its timeout passed first.
    waiter
        .answer
        .send(result)
        .map_err(|_| ApiError::new("TaskTimedOut", format!("Task Timed Out: '{token}'")))?;
    Ok(json!({}))
}

pub fn send_success(registry: &Registry, request: &Request) -> ApiResult {
    let text = request.string("output")?;
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(ApiError::new(
            "InvalidOutput",
            format!(
                "the output is {} bytes; the limit is {MAX_PAYLOAD_BYTES}",
                text.len()
            ),
        ));
    }
    let output = serde_json::from_str(text)
        .map_err(|error| ApiError::new("InvalidOutput", format!("Invalid Output: '{error}'")))?;
    answer(registry, request, Ok(output))
}

pub fn send_failure(registry: &Registry, request: &Request) -> ApiResult {
    let failure = Failure {
        error: request.optional_string("error")?.map(str::to_owned),
        cause: request.optional_string("cause")?.map(str::to_owned),
    };
    answer(registry, request, Err(failure))
}

pub fn send_heartbeat(registry: &Registry, request: &Request) -> ApiResult {
    let token = request.string("taskToken")?;
    if let Some(waiter) = registry.callbacks.lock().get(token) {
        waiter.heartbeat.notify_one();
        Ok(json!({}))
    } else {
        Err(ApiError::new(
            "TaskDoesNotExist",
            format!("Task Does Not Exist: '{token}'"),
        ))
    }
}
