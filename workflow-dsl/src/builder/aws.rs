//! AWS service integrations for [`Workflow::call`](super::Workflow::call): a Task's `Resource`
//! and request written as a typed call, with the service's required parameters as arguments and
//! its integration patterns as methods.
//!
//! ```
//! use serde_json::json;
//! use workflow_dsl::builder::{Workflow, aws};
//!
//! # fn main() -> Result<(), workflow_dsl::builder::ValidationErrors> {
//! let wf = Workflow::new();
//! let notify = wf
//!     .call("Notify", aws::sns::publish("arn:aws:sns:us-east-1:123456789012:orders", json!({"id.$": "$.id"})))
//!     .end();
//! let approve = wf
//!     .call(
//!         "AwaitApproval",
//!         aws::sqs::send_message("https://sqs.us-east-1.amazonaws.com/123456789012/approvals", json!({"order.$": "$"}))
//!             .wait_for_task_token(),
//!     )
//!     .next(notify);
//! let machine = wf.build(approve)?;
//! let state = &machine.to_value()["States"]["AwaitApproval"];
//! assert_eq!(state["Resource"], "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
//! assert_eq!(state["Parameters"]["MessageBody"]["TaskToken.$"], "$$.Task.Token");
//! # Ok(())
//! # }
//! ```
//!
//! Which patterns a call offers (`.sync()`, `.sync2()`, `.wait_for_task_token()`) is part of its
//! type: a pattern the service does not offer does not compile. The types follow the
//! validator's table of optimized integrations (rule V707); a test checks that they agree.
//! Anything not covered here is [`aws_sdk`] (any SDK action) or a raw ARN with
//! [`Workflow::task`](super::Workflow::task).

use std::marker::PhantomData;

use serde_json::{Map, Value, json};

/// The integration patterns a call offers besides request-response.
pub trait Patterns {
    /// `.sync`: run a job and wait for it to finish.
    const SYNC: bool;
    /// `.sync:2`: like `.sync`, with the result as JSON (Step Functions only).
    const SYNC2: bool;
    /// `.waitForTaskToken`: wait until the task token comes back.
    const CALLBACK: bool;
}

/// The patterns of a call; see [`Patterns`].
pub mod patterns {
    use super::Patterns;

    macro_rules! patterns {
        ($($(#[$doc:meta])* $name:ident => ($sync:expr, $sync2:expr, $callback:expr);)*) => {$(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $name {}

            impl Patterns for $name {
                const SYNC: bool = $sync;
                const SYNC2: bool = $sync2;
                const CALLBACK: bool = $callback;
            }
        )*};
    }

    patterns! {
        /// Request-response only.
        RequestResponse => (false, false, false);
        /// Request-response and `.sync` (a job the Task can wait for).
        Job => (true, false, false);
        /// Request-response and `.waitForTaskToken`.
        Callback => (false, false, true);
        /// Request-response, `.sync` and `.waitForTaskToken`.
        JobOrCallback => (true, false, true);
        /// Every pattern, `.sync:2` included.
        Every => (true, true, true);
    }
}

use patterns::{Callback, Every, Job, JobOrCallback, RequestResponse};

/// The call offers `.sync`.
#[diagnostic::on_unimplemented(
    message = "this integration has no `.sync` pattern",
    note = "only services that run jobs (Batch, Glue, ECS, Athena, Step Functions, …) can be awaited with `.sync()`"
)]
pub trait OffersSync: Patterns {}
#[diagnostic::do_not_recommend]
impl OffersSync for Job {}
#[diagnostic::do_not_recommend]
impl OffersSync for JobOrCallback {}
#[diagnostic::do_not_recommend]
impl OffersSync for Every {}

/// The call offers `.sync:2`.
#[diagnostic::on_unimplemented(
    message = "this integration has no `.sync:2` pattern",
    note = "`.sync:2` exists only for `aws::stepfunctions::start_execution`"
)]
pub trait OffersSync2: Patterns {}
#[diagnostic::do_not_recommend]
impl OffersSync2 for Every {}

/// The call offers `.waitForTaskToken`.
#[diagnostic::on_unimplemented(
    message = "this integration cannot wait for a task token",
    note = "callbacks are offered by Lambda, SNS, SQS, EventBridge, ECS, API Gateway, Bedrock and Step Functions"
)]
pub trait OffersCallback: Patterns {}
#[diagnostic::do_not_recommend]
impl OffersCallback for Callback {}
#[diagnostic::do_not_recommend]
impl OffersCallback for JobOrCallback {}
#[diagnostic::do_not_recommend]
impl OffersCallback for Every {}

/// Where a callback's task token goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenAt {
    /// A member `TaskToken` of the object at this JSON pointer (`/MessageBody`).
    Member(&'static str),
    /// An environment variable `TASK_TOKEN` of every container override (ECS).
    ContainerEnvironment,
    /// Nowhere the service defines: the caller passes it with [`Call::parameter`].
    Caller,
}

/// One call of an AWS service: its `Resource` and request. Use it with
/// [`Workflow::call`](super::Workflow::call).
#[derive(Debug)]
#[must_use = "a call becomes a Task state with `wf.call(name, call)`"]
pub struct Call<P: Patterns> {
    resource: String,
    parameters: Map<String, Value>,
    /// A parameter that is the state's whole input until set (Lambda's `Payload`, a child
    /// execution's `Input`): `"Payload.$": "$"` in JSONPath, `{% $states.input %}` in JSONata.
    input_field: Option<&'static str>,
    suffix: &'static str,
    token_at: TokenAt,
    patterns: PhantomData<P>,
}

impl<P: Patterns> Call<P> {
    fn new(service: &str, action: &str, token_at: TokenAt, parameters: Value) -> Call<P> {
        let parameters = match parameters {
            Value::Object(members) => members,
            _ => Map::new(),
        };
        Call {
            resource: format!("arn:aws:states:::{service}:{action}"),
            parameters,
            input_field: None,
            suffix: "",
            token_at,
            patterns: PhantomData,
        }
    }

    fn with_input_field(mut self, field: &'static str) -> Self {
        self.input_field = Some(field);
        self
    }

    /// Sets (or replaces) one request parameter, e.g. `.parameter("MessageGroupId", json!("g"))`
    /// or, from the state's input in JSONPath, `.parameter("MessageGroupId.$", json!("$.group"))`.
    pub fn parameter(mut self, key: &str, value: Value) -> Self {
        if let Some(field) = self.input_field
            && key.strip_suffix(".$").unwrap_or(key) == field
        {
            self.input_field = None;
        }
        self.parameters.insert(key.to_owned(), value);
        self
    }

    /// `.sync`: the Task waits until the job the call started has finished.
    pub fn sync(mut self) -> Self
    where
        P: OffersSync,
    {
        self.suffix = ".sync";
        self
    }

    /// `.sync:2`: like [`Call::sync`], with the execution's output as JSON instead of text.
    pub fn sync2(mut self) -> Self
    where
        P: OffersSync2,
    {
        self.suffix = ".sync:2";
        self
    }

    /// `.waitForTaskToken`: the Task waits until `SendTaskSuccess` or `SendTaskFailure` returns
    /// its token, which this puts into the request: a `TaskToken` member of the message,
    /// payload or event detail (which must then be a JSON object), or `TASK_TOKEN` in each ECS
    /// container override.
    pub fn wait_for_task_token(mut self) -> Self
    where
        P: OffersCallback,
    {
        self.suffix = ".waitForTaskToken";
        self
    }

    /// The `Resource` ARN.
    pub fn resource(&self) -> String {
        format!("{}{}", self.resource, self.suffix)
    }

    /// The request in the workflow's query language (`Parameters` in JSONPath, `Arguments` in
    /// JSONata), with the task token placed when the call waits for it; or what to change.
    pub(crate) fn request(&self, jsonata: bool) -> Result<Value, String> {
        let mut request = Value::Object(self.parameters.clone());
        if let Some(field) = self.input_field {
            match jsonata {
                false => request[format!("{field}.$")] = json!("$"),
                true => request[field] = json!("{% $states.input %}"),
            }
        }
        if self.suffix != ".waitForTaskToken" {
            return Ok(request);
        }
        let token = match jsonata {
            false => ("TaskToken.$", json!("$$.Task.Token")),
            true => ("TaskToken", json!("{% $states.context.Task.Token %}")),
        };
        match self.token_at {
            TokenAt::Member(pointer) => match request.pointer_mut(pointer) {
                Some(Value::Object(members)) => {
                    members.insert(token.0.to_owned(), token.1);
                }
                _ => {
                    let field = pointer.trim_start_matches('/');
                    return Err(format!(
                        "`.wait_for_task_token()` adds the token to `{field}`, so `{field}` must be a JSON object: set it with `.parameter(\"{field}\", json!({{…}}))`"
                    ));
                }
            },
            TokenAt::ContainerEnvironment => {
                let containers = request
                    .pointer_mut("/Overrides/ContainerOverrides")
                    .and_then(Value::as_array_mut)
                    .filter(|containers| !containers.is_empty())
                    .ok_or("`.wait_for_task_token()` passes the token to the containers: name one with `.container(name)`")?;
                let value_key = if jsonata { "Value" } else { "Value.$" };
                let variable = json!({"Name": "TASK_TOKEN", value_key: token.1});
                for container in containers {
                    let environment = &mut container["Environment"];
                    match environment.as_array_mut() {
                        Some(variables) => variables.push(variable.clone()),
                        None => *environment = json!([variable.clone()]),
                    }
                }
            }
            TokenAt::Caller => {}
        }
        Ok(request)
    }
}

/// Any AWS SDK action: `arn:aws:states:::aws-sdk:<service>:<action>`, e.g.
/// `aws_sdk("s3", "listBuckets")`; set its request with [`Call::parameter`] (keys as the SDK
/// names them, `Bucket`, `Key`…).
pub fn aws_sdk(service: &str, action: &str) -> Call<RequestResponse> {
    Call::new(
        &format!("aws-sdk:{service}"),
        action,
        TokenAt::Caller,
        json!({}),
    )
}

/// AWS Lambda.
pub mod lambda {
    use super::*;

    /// `lambda:invoke` of `function` (name or ARN, optionally `:alias`), with the state's
    /// input as the payload; `.parameter("Payload", json!({…}))` sets another.
    pub fn invoke(function: &str) -> Call<Callback> {
        Call::new(
            "lambda",
            "invoke",
            TokenAt::Member("/Payload"),
            json!({"FunctionName": function}),
        )
        .with_input_field("Payload")
    }
}

/// Amazon SNS.
pub mod sns {
    use super::*;

    /// `sns:publish` of `message` to the topic `topic_arn`.
    pub fn publish(topic_arn: &str, message: Value) -> Call<Callback> {
        Call::new(
            "sns",
            "publish",
            TokenAt::Member("/Message"),
            json!({"TopicArn": topic_arn, "Message": message}),
        )
    }
}

/// Amazon SQS.
pub mod sqs {
    use super::*;

    /// `sqs:sendMessage` of `message_body` to the queue at `queue_url`.
    pub fn send_message(queue_url: &str, message_body: Value) -> Call<Callback> {
        Call::new(
            "sqs",
            "sendMessage",
            TokenAt::Member("/MessageBody"),
            json!({"QueueUrl": queue_url, "MessageBody": message_body}),
        )
    }
}

/// Amazon DynamoDB.
pub mod dynamodb {
    use super::*;

    /// `dynamodb:getItem`: the item of `table` with `key` (`{"id": {"S.$": "$.id"}}`).
    pub fn get_item(table: &str, key: Value) -> Call<RequestResponse> {
        Call::new(
            "dynamodb",
            "getItem",
            TokenAt::Caller,
            json!({"TableName": table, "Key": key}),
        )
    }

    /// `dynamodb:putItem`: writes `item` to `table`.
    pub fn put_item(table: &str, item: Value) -> Call<RequestResponse> {
        Call::new(
            "dynamodb",
            "putItem",
            TokenAt::Caller,
            json!({"TableName": table, "Item": item}),
        )
    }

    /// `dynamodb:updateItem`: applies `update_expression` to the item of `table` with `key`
    /// (add `ExpressionAttributeValues` with [`Call::parameter`]).
    pub fn update_item(table: &str, key: Value, update_expression: &str) -> Call<RequestResponse> {
        Call::new(
            "dynamodb",
            "updateItem",
            TokenAt::Caller,
            json!({"TableName": table, "Key": key, "UpdateExpression": update_expression}),
        )
    }

    /// `dynamodb:deleteItem`: deletes the item of `table` with `key`.
    pub fn delete_item(table: &str, key: Value) -> Call<RequestResponse> {
        Call::new(
            "dynamodb",
            "deleteItem",
            TokenAt::Caller,
            json!({"TableName": table, "Key": key}),
        )
    }
}

/// Amazon EventBridge.
pub mod eventbridge {
    use super::*;

    /// `events:putEvents` of one event (`Source`, `DetailType`, `Detail`) to the default bus;
    /// `.parameter("Entries", …)` sets others.
    pub fn put_event(source: &str, detail_type: &str, detail: Value) -> Call<Callback> {
        Call::new(
            "events",
            "putEvents",
            TokenAt::Member("/Entries/0/Detail"),
            json!({"Entries": [{"Source": source, "DetailType": detail_type, "Detail": detail}]}),
        )
    }
}

/// AWS Step Functions.
pub mod stepfunctions {
    use super::*;

    /// `states:startExecution` of `state_machine_arn`, with the state's input as the child's
    /// input; `.parameter("Input", json!({…}))` sets another.
    pub fn start_execution(state_machine_arn: &str) -> Call<Every> {
        Call::new(
            "states",
            "startExecution",
            TokenAt::Member("/Input"),
            json!({"StateMachineArn": state_machine_arn}),
        )
        .with_input_field("Input")
    }
}

/// Amazon ECS and AWS Fargate.
pub mod ecs {
    use super::*;

    /// `ecs:runTask` of `task_definition` on `cluster`.
    pub fn run_task(cluster: &str, task_definition: &str) -> Call<JobOrCallback> {
        Call::new(
            "ecs",
            "runTask",
            TokenAt::ContainerEnvironment,
            json!({"Cluster": cluster, "TaskDefinition": task_definition}),
        )
    }

    impl Call<JobOrCallback> {
        /// A container override for `name` (where a callback's `TASK_TOKEN` goes).
        pub fn container(mut self, name: &str) -> Self {
            let overrides = self
                .parameters
                .entry("Overrides")
                .or_insert_with(|| json!({"ContainerOverrides": []}));
            if let Some(containers) = overrides
                .get_mut("ContainerOverrides")
                .and_then(Value::as_array_mut)
            {
                containers.push(json!({"Name": name}));
            }
            self
        }
    }
}

/// AWS Batch.
pub mod batch {
    use super::*;

    /// `batch:submitJob` named `job_name` on `job_queue` with `job_definition`.
    pub fn submit_job(job_name: &str, job_queue: &str, job_definition: &str) -> Call<Job> {
        Call::new(
            "batch",
            "submitJob",
            TokenAt::Caller,
            json!({"JobName": job_name, "JobQueue": job_queue, "JobDefinition": job_definition}),
        )
    }
}

/// AWS Glue.
pub mod glue {
    use super::*;

    /// `glue:startJobRun` of the job `job_name`.
    pub fn start_job_run(job_name: &str) -> Call<Job> {
        Call::new(
            "glue",
            "startJobRun",
            TokenAt::Caller,
            json!({"JobName": job_name}),
        )
    }
}

/// Amazon Athena.
pub mod athena {
    use super::*;

    /// `athena:startQueryExecution` of `query` (add `WorkGroup` or `ResultConfiguration` with
    /// [`Call::parameter`]).
    pub fn start_query_execution(query: &str) -> Call<Job> {
        Call::new(
            "athena",
            "startQueryExecution",
            TokenAt::Caller,
            json!({"QueryString": query}),
        )
    }
}

/// Amazon Bedrock.
pub mod bedrock {
    use super::*;

    /// `bedrock:invokeModel` of `model_id` with the request `body` the model expects.
    pub fn invoke_model(model_id: &str, body: Value) -> Call<Callback> {
        Call::new(
            "bedrock",
            "invokeModel",
            TokenAt::Caller,
            json!({"ModelId": model_id, "Body": body}),
        )
    }
}

/// HTTPS endpoints (the HTTP task).
pub mod http {
    use super::*;

    /// `http:invoke`: calls `endpoint` with `method` (`GET`, `POST`, …), authorised by the
    /// EventBridge connection `connection_arn`.
    pub fn invoke(endpoint: &str, method: &str, connection_arn: &str) -> Call<RequestResponse> {
        Call::new(
            "http",
            "invoke",
            TokenAt::Caller,
            json!({"ApiEndpoint": endpoint, "Method": method, "Authentication": {"ConnectionArn": connection_arn}}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::integration_supported;

    /// `(service, action, sync, sync:2, callback)` of a typed call.
    fn offered<P: Patterns>(call: &Call<P>) -> (String, bool, bool, bool) {
        let pair = call
            .resource
            .trim_start_matches("arn:aws:states:::")
            .to_owned();
        (pair, P::SYNC, P::SYNC2, P::CALLBACK)
    }

    #[test]
    fn every_typed_call_offers_the_patterns_of_the_validators_table() {
        let calls = [
            offered(&lambda::invoke("f")),
            offered(&sns::publish("t", json!({}))),
            offered(&sqs::send_message("q", json!({}))),
            offered(&dynamodb::get_item("t", json!({}))),
            offered(&dynamodb::put_item("t", json!({}))),
            offered(&dynamodb::update_item("t", json!({}), "SET a = :a")),
            offered(&dynamodb::delete_item("t", json!({}))),
            offered(&eventbridge::put_event("s", "d", json!({}))),
            offered(&stepfunctions::start_execution("arn")),
            offered(&ecs::run_task("c", "t")),
            offered(&batch::submit_job("j", "q", "d")),
            offered(&glue::start_job_run("j")),
            offered(&athena::start_query_execution("SELECT 1")),
            offered(&bedrock::invoke_model("m", json!({}))),
            offered(&http::invoke("https://example.com", "GET", "arn")),
        ];
        for (pair, sync, sync2, callback) in calls {
            let (service, action) = pair.split_once(':').unwrap_or_default();
            let table = integration_supported(service, action)
                .unwrap_or_else(|| panic!("{pair} is not in the table"));
            assert_eq!(
                (sync, sync2, callback),
                (table.sync, table.sync2, table.wait_for_task_token),
                "{pair}"
            );
        }
    }
}
