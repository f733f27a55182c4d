//! Activities: a Task whose `Resource` is an activity ARN waits in its activity's queue until a
//! worker takes it with GetActivityTask (a long poll) and answers its token with
//! SendTaskSuccess / SendTaskFailure, like a callback.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::Notify;

use super::protocol::{ApiError, ApiResult, Request};
use super::registry::{Registry, now};

/// How long GetActivityTask waits for a task, as AWS does.
const LONG_POLL: Duration = Duration::from_secs(60);

struct Activity {
    name: String,
    created: f64,
    /// Tasks not yet taken: (token, input as JSON text).
    queue: VecDeque<(String, String)>,
}

/// The activities, by ARN.
#[derive(Default)]
pub struct Activities {
    by_arn: Mutex<BTreeMap<String, Activity>>,
    /// Woken when a task is queued.
    queued: Notify,
}

impl Activities {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Activity>> {
        self.by_arn
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Queues a Task for `arn`'s workers; false when no such activity exists.
    pub fn enqueue(&self, arn: &str, token: String, input: &Value) -> bool {
        let mut activities = self.lock();
        let Some(activity) = activities.get_mut(arn) else {
            return false;
        };
        activity.queue.push_back((token, input.to_string()));
        drop(activities);
        self.queued.notify_waiters();
        true
    }
}

fn activity_arn(registry: &Registry, name: &str) -> String {
    format!(
        "arn:aws:states:{}:{}:activity:{name}",
        registry.config.region, registry.config.account
    )
}

fn known(registry: &Registry, arn: &str) -> Result<(), ApiError> {
    if !arn.starts_with("arn:aws:states:") || !arn.contains(":activity:") {
        return Err(ApiError::new("InvalidArn", format!("Invalid Arn: '{arn}'")));
    }
    if !registry.activities.lock().contains_key(arn) {
        return Err(ApiError::new(
            "ActivityDoesNotExist",
            format!("Activity Does Not Exist: '{arn}'"),
        ));
    }
    Ok(())
}

pub fn create(registry: &Registry, request: &Request) -> ApiResult {
    let name = request.string("name")?;
    super::operations::check_name(name)?;
    let arn = activity_arn(registry, name);
    let mut activities = registry.activities.lock();
    let activity = activities.entry(arn.clone()).or_insert_with(|| Activity {
        name: name.to_owned(),
        created: now(),
        queue: VecDeque::new(),
    });
    Ok(json!({"activityArn": arn, "creationDate": activity.created}))
}

pub fn delete(registry: &Registry, request: &Request) -> ApiResult {
    let arn = request.string("activityArn")?;
    known(registry, arn)?;
    registry.activities.lock().remove(arn);
    Ok(json!({}))
}

pub fn describe(registry: &Registry, request: &Request) -> ApiResult {
    let arn = request.string("activityArn")?;
    known(registry, arn)?;
    let activities = registry.activities.lock();
    let activity = &activities[arn];
    Ok(json!({"activityArn": arn, "name": activity.name, "creationDate": activity.created}))
}

pub fn list(registry: &Registry, request: &Request) -> ApiResult {
    let (start, max) = super::operations::page(request)?;
    let items = registry
        .activities
        .lock()
        .iter()
        .map(|(arn, a)| json!({"activityArn": arn, "name": a.name, "creationDate": a.created}))
        .collect();
    Ok(super::operations::paged(items, "activities", start, max))
}

/// Hands a queued task to a worker, waiting up to a minute for one; `{}` when none came.
pub async fn get_task(registry: &Registry, request: &Request) -> ApiResult {
    let arn = request.string("activityArn")?;
    known(registry, arn)?;
    let deadline = tokio::time::Instant::now() + LONG_POLL;
    loop {
        // Registered before looking, so a task queued in between still wakes this poll.
        let notified = registry.activities.queued.notified();
        if let Some((token, input)) = registry
            .activities
            .lock()
            .get_mut(arn)
            .and_then(|activity| activity.queue.pop_front())
        {
            return Ok(json!({"taskToken": token, "input": input}));
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return Ok(json!({}));
        }
    }
}
