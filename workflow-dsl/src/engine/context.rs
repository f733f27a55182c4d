//! The Context Object (`$$`): the execution's identity and the current state
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html>).

use serde_json::{Map, Value, json};

use crate::timestamp::format_millis;

/// Who the execution is: names and ARNs that appear in the Context Object and history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutionIdentity {
    /// The state machine's name.
    pub state_machine_name: String,
    /// The execution's name.
    pub execution_name: String,
    /// The region in ARNs.
    pub region: String,
    /// The account in ARNs.
    pub account: String,
    /// The role the state machine runs as.
    pub role_arn: String,
    /// Whether the state machine is EXPRESS (its ARNs and Context Object differ).
    pub express: bool,
}

impl Default for ExecutionIdentity {
    fn default() -> ExecutionIdentity {
        ExecutionIdentity {
            state_machine_name: "StateMachine".to_owned(),
            execution_name: "local".to_owned(),
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            role_arn: "arn:aws:iam::123456789012:role/StepFunctionsLocal".to_owned(),
            express: false,
        }
    }
}

impl ExecutionIdentity {
    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    pub fn state_machine_arn(&self) -> String {
        format!(
            "arn:aws:states:{}:{}:stateMachine:{}",
            self.region, self.account, self.state_machine_name
        )
    }

    /// `arn:aws:states:<region>:<account>:execution:<machine>:<execution>`; EXPRESS executions
    /// are `…:express:<machine>:<execution>:<id>` (recorded in
    /// `tests/data/aws-recorded/io_paths/express_sync__test_query_runtime_memory.json`).
    pub fn execution_arn(&self) -> String {
        let (kind, suffix) = if self.express {
            ("express", ":local")
        } else {
            ("execution", "")
        };
        format!(
            "arn:aws:states:{}:{}:{kind}:{}:{}{suffix}",
            self.region, self.account, self.state_machine_name, self.execution_name
        )
    }

    /// The `Execution` and `StateMachine` members, in AWS's member order.
    pub(crate) fn context(&self, input: &Value, start_millis: i64) -> Value {
        let mut execution = json!({
            "Id": self.execution_arn(),
            "Input": input,
            "StartTime": format_millis(start_millis),
            "Name": self.execution_name,
            "RoleArn": self.role_arn,
        });
        // EXPRESS executions cannot be redriven, and AWS leaves the member out for them.
        if let (false, Some(object)) = (self.express, execution.as_object_mut()) {
            object.insert("RedriveCount".to_owned(), Value::from(0));
        }
        json!({
            "Execution": execution,
            "StateMachine": {
                "Id": self.state_machine_arn(),
                "Name": self.state_machine_name,
            },
        })
    }
}

/// The Context Object for one state: the execution part plus `State` (and `Map.Item` while a
/// Map evaluates `ItemSelector`).
pub(crate) fn for_state(
    execution: &Value,
    state: &str,
    entered_millis: i64,
    retry_count: Option<u64>,
) -> Value {
    let mut context = match execution {
        Value::Object(object) => object.clone(),
        _ => Map::new(),
    };
    let mut state_member = Map::new();
    state_member.insert("Name".to_owned(), Value::from(state));
    state_member.insert(
        "EnteredTime".to_owned(),
        Value::from(format_millis(entered_millis)),
    );
    // AWS records RetryCount for Task states only: the Pass states of
    // tests/data/aws-recorded/io_paths/express_sync__test_query_runtime_memory.json have none.
    if let Some(retry_count) = retry_count {
        state_member.insert("RetryCount".to_owned(), Value::from(retry_count));
    }
    context.insert("State".to_owned(), Value::Object(state_member));
    Value::Object(context)
}

/// Adds `Task.Token` for a `.waitForTaskToken` integration.
pub(crate) fn with_task_token(context: &mut Value, token: &str) {
    if let Value::Object(object) = context {
        object.insert("Task".to_owned(), json!({"Token": token}));
    }
}

/// Adds `Map.Item` (`Index`, `Value`, and `Source` for state data) for one item; with `only`,
/// the Context Object is just that member.
pub(crate) fn with_map_item(context: &Value, index: usize, item: &Value, only: bool) -> Value {
    let map = json!({"Item": {"Index": index, "Value": item, "Source": "STATE_DATA"}});
    if only {
        return json!({ "Map": map });
    }
    let mut context = context.clone();
    if let Value::Object(object) = &mut context {
        object.insert("Map".to_owned(), map);
    }
    context
}
