//! The Task state: its input (`Parameters` or `Arguments`), the call to its handler under its
//! timers, the result's size limit, and the events of its resource's family.

use serde_json::{Map, Value, json};

use super::context;
use super::exit::{MAX_PAYLOAD_BYTES, OutputFields};
use super::failure::{DATA_LIMIT_EXCEEDED, Failure, TIMEOUT};
use super::handlers::TaskRequest;
use super::history::{Details, payload};
use super::io::{self, Env};
use super::run::{Halt, Run, Step, Thread, raw};
use super::state::StateRun;
use crate::asl::{IntegerField, Task};

impl StateRun<'_, '_> {
    /// A Task state: attempts under its retriers, then its catchers or output.
    pub(crate) async fn task(
        &self,
        thread: &mut Thread,
        task: &Task,
        raw: Value,
    ) -> Result<Step, Halt> {
        let family = TaskFamily::of(&task.resource);
        let retriers = task.retry.as_deref().unwrap_or_default();
        let (outcome, retry_count) = self
            .retrying(thread, retriers, true, async |thread, retry_count| {
                self.task_attempt(thread, task, &family, &raw, retry_count)
                    .await
                    .map_err(Halt::Failed)
            })
            .await?;
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

    /// One attempt: the request (its input, timers and task token), the events of the
    /// resource's family, and the handler's answer.
    async fn task_attempt(
        &self,
        thread: &mut Thread,
        task: &Task,
        family: &TaskFamily,
        raw: &Value,
        retry_count: u64,
    ) -> Result<Value, Failure> {
        let run = self.run;
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
        let (parameters, timeout, heartbeat) = if self.planned.jsonata {
            self.jsonata_task_input(task, raw, &context)?
        } else {
            self.jsonpath_task_input(task, raw, &context)?
        };
        family.scheduled(run, thread, &task.resource, &parameters, timeout, heartbeat);
        let request = TaskRequest {
            state: self.name().to_owned(),
            resource: task.resource.clone(),
            input: parameters,
            retry_count,
            task_token: task_token.clone(),
            heartbeat_seconds: heartbeat.filter(|_| task_token.is_some()),
        };
        // A Task waiting for its token has its heartbeat enforced by the handler that waits;
        // for the others it bounds the call
        // (https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html).
        let timers = match task_token {
            Some(_) => [timeout, None],
            None => [timeout, heartbeat],
        };
        let result = self.invoke(family, task, request, timers).await;
        match &result {
            Ok(result) => family.succeeded(run, thread, &task.resource, result),
            Err(failure) => family.failed(run, thread, &task.resource, failure),
        }
        result
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
