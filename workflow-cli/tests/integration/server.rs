//! `workflow serve`: the binary on an ephemeral loopback port, driven over raw HTTP/1.1 with
//! the AWS JSON 1.0 protocol, as boto3 and the aws CLI speak it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The server process, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&["--in-memory"])
    }

    fn start_with(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_workflow"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .expect("the workflow binary starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut line = String::new();
        BufReader::new(stderr)
            .read_line(&mut line)
            .expect("the server prints its address");
        let address = line
            .trim()
            .rsplit("http://")
            .next()
            .unwrap_or_default()
            .to_owned();
        Server { child, address }
    }

    /// One API call: (HTTP status, JSON body).
    fn call(&self, operation: &str, body: &Value) -> (u16, Value) {
        self.raw(
            &format!("AWSStepFunctions.{operation}"),
            body.to_string().as_bytes(),
        )
    }

    fn raw(&self, target: &str, body: &[u8]) -> (u16, Value) {
        let mut stream = TcpStream::connect(&self.address).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout can be set");
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: {target}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .expect("the request is sent");
        stream.write_all(body).expect("the body is sent");
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .expect("the response arrives");
        let text = String::from_utf8_lossy(&response);
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    /// Polls DescribeExecution until the execution is no longer RUNNING.
    fn wait(&self, execution_arn: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.call("DescribeExecution", &json!({"executionArn": execution_arn}));
            if body["status"] != "RUNNING" || Instant::now() > deadline {
                return body;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctions";

fn definition(value: Value) -> String {
    value.to_string()
}

#[test]
fn state_machines_and_executions_through_the_api() {
    let server = Server::start();
    let flow = definition(json!({"StartAt": "Tag", "States": {
        "Tag": {"Type": "Pass", "Result": "tagged", "ResultPath": "$.tag", "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Boom"}], "Default": "Done"},
        "Boom": {"Type": "Fail", "Error": "Custom.Failure", "Cause": "asked to fail"},
        "Done": {"Type": "Succeed"}}}));
    let (status, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Orders", "definition": flow, "roleArn": ROLE}),
    );
    assert_eq!(status, 200, "{created}");
    let arn = created["stateMachineArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        arn,
        "arn:aws:states:us-east-1:123456789012:stateMachine:Orders"
    );
    // The same request again is idempotent; another definition under the name is a conflict.
    let (_, again) = server.call(
        "CreateStateMachine",
        &json!({"name": "Orders", "definition": flow, "roleArn": ROLE}),
    );
    assert_eq!(again["stateMachineArn"], arn);
    let other = definition(json!({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}));
    let (status, conflict) = server.call(
        "CreateStateMachine",
        &json!({"name": "Orders", "definition": other, "roleArn": ROLE}),
    );
    assert_eq!(
        (status, conflict["__type"].as_str()),
        (400, Some("StateMachineAlreadyExists"))
    );

    let (_, described) = server.call("DescribeStateMachine", &json!({"stateMachineArn": arn}));
    assert_eq!(described["definition"], flow);
    assert_eq!(described["type"], "STANDARD");
    let (_, listed) = server.call("ListStateMachines", &json!({}));
    assert_eq!(listed["stateMachines"][0]["name"], "Orders");

    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "ok-1", "input": "{\"order\": 7, \"fail\": false}"}),
    );
    let ok_arn = started["executionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        ok_arn,
        "arn:aws:states:us-east-1:123456789012:execution:Orders:ok-1"
    );
    let done = server.wait(&ok_arn);
    assert_eq!(done["status"], "SUCCEEDED", "{done}");
    assert_eq!(
        serde_json::from_str::<Value>(done["output"].as_str().unwrap_or_default()).ok(),
        Some(json!({"order": 7, "fail": false, "tag": "tagged"}))
    );
    // Same name, same input: the same execution; other input: a conflict.
    let (_, same) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "ok-1", "input": "{\"order\": 7, \"fail\": false}"}),
    );
    assert_eq!(
        same["__type"], "ExecutionAlreadyExists",
        "a finished execution cannot be started again: {same}"
    );
    let (_, failed) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "bad-1", "input": "{\"fail\": true}"}),
    );
    let failed_arn = failed["executionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let failed = server.wait(&failed_arn);
    assert_eq!(
        (
            failed["status"].as_str(),
            failed["error"].as_str(),
            failed["cause"].as_str()
        ),
        (
            Some("FAILED"),
            Some("Custom.Failure"),
            Some("asked to fail")
        )
    );

    // History, filtered to failures as the seed README does, in both orders and pages.
    let (_, history) = server.call(
        "GetExecutionHistory",
        &json!({"executionArn": failed_arn, "reverseOrder": true}),
    );
    let kinds: Vec<&str> = history["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"ExecutionFailed"));
    assert!(kinds.contains(&"FailStateEntered"));
    let (_, first_page) = server.call(
        "GetExecutionHistory",
        &json!({"executionArn": failed_arn, "maxResults": 2, "includeExecutionData": false}),
    );
    assert_eq!(first_page["events"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        first_page["events"][1]["stateEnteredEventDetails"].get("input"),
        None
    );
    let (_, second_page) = server.call(
        "GetExecutionHistory",
        &json!({"executionArn": failed_arn, "maxResults": 2, "nextToken": first_page["nextToken"]}),
    );
    assert_eq!(second_page["events"][0]["id"], 3);

    let (_, listed) = server.call(
        "ListExecutions",
        &json!({"stateMachineArn": arn, "statusFilter": "FAILED"}),
    );
    assert_eq!(listed["executions"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["executions"][0]["name"], "bad-1");

    // A long Wait, stopped.
    let waiting = definition(
        json!({"StartAt": "Hold", "States": {"Hold": {"Type": "Wait", "Seconds": 3600, "End": true}}}),
    );
    let (_, updated) = server.call(
        "UpdateStateMachine",
        &json!({"stateMachineArn": arn, "definition": waiting}),
    );
    assert!(updated["updateDate"].is_number(), "{updated}");
    let (_, held) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "held"}),
    );
    let held_arn = held["executionArn"].as_str().unwrap_or_default().to_owned();
    let (_, stopped) = server.call(
        "StopExecution",
        &json!({"executionArn": held_arn, "error": "Operator", "cause": "no longer needed"}),
    );
    assert!(stopped["stopDate"].is_number());
    let (_, held) = server.call("DescribeExecution", &json!({"executionArn": held_arn}));
    assert_eq!(
        (held["status"].as_str(), held["error"].as_str()),
        (Some("ABORTED"), Some("Operator"))
    );
    let (_, history) = server.call(
        "GetExecutionHistory",
        &json!({"executionArn": held_arn, "reverseOrder": true}),
    );
    assert_eq!(history["events"][0]["type"], "ExecutionAborted");
    assert_eq!(
        history["events"][0]["executionAbortedEventDetails"]["cause"],
        "no longer needed"
    );

    let (_, deleted) = server.call("DeleteStateMachine", &json!({"stateMachineArn": arn}));
    assert_eq!(deleted, json!({}));
    let (status, gone) = server.call("DescribeStateMachine", &json!({"stateMachineArn": arn}));
    assert_eq!(
        (status, gone["__type"].as_str()),
        (400, Some("StateMachineDoesNotExist"))
    );
}

#[test]
fn express_machines_run_synchronously() {
    let server = Server::start();
    let flow = definition(
        json!({"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"}, "End": true}}}),
    );
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Fast", "definition": flow, "roleArn": ROLE, "type": "EXPRESS"}),
    );
    let arn = created["stateMachineArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (status, result) = server.call(
        "StartSyncExecution",
        &json!({"stateMachineArn": arn, "input": "{\"n\": 21}"}),
    );
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["status"], "SUCCEEDED");
    assert_eq!(result["output"], "{\"n\":42}");
    // No history for EXPRESS; no sync run for STANDARD.
    let (_, history) = server.call(
        "GetExecutionHistory",
        &json!({"executionArn": result["executionArn"]}),
    );
    assert_eq!(history["__type"], "StateMachineTypeNotSupported");
    let (_, standard) = server.call(
        "CreateStateMachine",
        &json!({"name": "Slow", "definition": flow, "roleArn": ROLE}),
    );
    let (_, refused) = server.call(
        "StartSyncExecution",
        &json!({"stateMachineArn": standard["stateMachineArn"]}),
    );
    assert_eq!(refused["__type"], "StateMachineTypeNotSupported");
}

#[test]
fn bad_requests_get_aws_errors_and_the_server_keeps_serving() {
    let server = Server::start();
    let valid = definition(json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}));
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "M", "definition": valid, "roleArn": ROLE}),
    );
    let arn = created["stateMachineArn"].clone();
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "CreateStateMachine",
            json!({"name": "bad name", "definition": valid, "roleArn": ROLE}),
            "InvalidName",
        ),
        (
            "CreateStateMachine",
            json!({"name": "M2", "definition": "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}", "roleArn": ROLE}),
            "InvalidDefinition",
        ),
        (
            "CreateStateMachine",
            json!({"name": "M2", "definition": valid, "roleArn": "role"}),
            "InvalidArn",
        ),
        (
            "CreateStateMachine",
            json!({"name": 7, "definition": valid, "roleArn": ROLE}),
            "ValidationException",
        ),
        (
            "CreateStateMachine",
            json!({"definition": valid, "roleArn": ROLE}),
            "ValidationException",
        ),
        (
            "CreateStateMachine",
            json!({"name": "M3", "definition": valid, "roleArn": ROLE, "type": "FAST"}),
            "ValidationException",
        ),
        (
            "DescribeStateMachine",
            json!({"stateMachineArn": "not-an-arn"}),
            "InvalidArn",
        ),
        (
            "StartExecution",
            json!({"stateMachineArn": arn, "input": "{not json"}),
            "InvalidExecutionInput",
        ),
        (
            "StartExecution",
            json!({"stateMachineArn": arn, "input": format!("\"{}\"", "x".repeat(300_000))}),
            "InvalidExecutionInput",
        ),
        (
            "DescribeExecution",
            json!({"executionArn": "arn:aws:states:us-east-1:123456789012:execution:M:none"}),
            "ExecutionDoesNotExist",
        ),
        (
            "ListStateMachines",
            json!({"maxResults": 5000}),
            "ValidationException",
        ),
        (
            "ListStateMachines",
            json!({"nextToken": "x"}),
            "InvalidToken",
        ),
        ("Nonsense", json!({}), "UnknownOperationException"),
    ];
    for (operation, body, expected) in &cases {
        let (status, answer) = server.call(operation, body);
        assert_eq!(
            (status, answer["__type"].as_str()),
            (400, Some(*expected)),
            "{operation} {body}"
        );
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (_, bad_json) = server.raw("AWSStepFunctions.ListStateMachines", b"{bad");
    assert_eq!(bad_json["__type"], "SerializationException");
    // A few hundred malformed requests of assorted shapes; the server keeps answering.
    for i in 0..300u32 {
        let garbage: Vec<u8> = (0..(i % 97))
            .map(|j| ((i * 31 + j * 7) % 256) as u8)
            .collect();
        let target = [
            "AWSStepFunctions.StartExecution",
            "AWSStepFunctions.CreateStateMachine",
            "Other.Thing",
            "",
        ][i as usize % 4];
        let (status, _) = server.raw(target, &garbage);
        assert!(status == 400 || status == 413, "request {i}: HTTP {status}");
    }
    let big = vec![b' '; 5 * 1024 * 1024];
    let (status, _) = server.raw("AWSStepFunctions.ListStateMachines", &big);
    assert!(
        status == 413 || status == 400,
        "oversized body: HTTP {status}"
    );
    let (status, listed) = server.call("ListStateMachines", &json!({}));
    assert_eq!(
        (status, listed["stateMachines"][0]["name"].as_str()),
        (200, Some("M"))
    );
}

/// The order workflow's definition (`examples/order-workflow.asl.json`).
fn order_definition() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/order-workflow.asl.json"
    ))
    .unwrap_or_default()
}

/// A server with `mock_config`, and the ARN of the order workflow created on it.
fn order_server(mock_config: &str) -> (Server, String) {
    let server = Server::start_with(&["--in-memory", "--mock-config", mock_config]);
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "OrderWorkflow", "definition": order_definition(), "roleArn": ROLE}),
    );
    let arn = created["stateMachineArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (server, arn)
}

/// `examples/order-mock-config.json`.
const ORDER_MOCK_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/order-mock-config.json"
);

#[test]
fn mock_config_test_cases_answer_the_tasks() {
    let (server, arn) = order_server(ORDER_MOCK_CONFIG);
    let (_, happy) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": format!("{arn}#HappyPath"), "name": "happy"}),
    );
    let happy = server.wait(happy["executionArn"].as_str().unwrap_or_default());
    assert_eq!(happy["status"], "SUCCEEDED", "{happy}");
    assert_eq!(
        serde_json::from_str::<Value>(happy["output"].as_str().unwrap_or_default())
            .ok()
            .map(|o| o["status"].clone()),
        Some(json!("SHIPPED"))
    );
    let (_, declined) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": format!("{arn}#PaymentDeclined"), "name": "declined"}),
    );
    let declined = server.wait(declined["executionArn"].as_str().unwrap_or_default());
    assert_eq!(
        (declined["error"].as_str(), declined["cause"].as_str()),
        (Some("PaymentDeclined"), Some("the card was declined"))
    );
    let (_, unknown) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": format!("{arn}#NoSuchCase")}),
    );
    assert_eq!(unknown["__type"], "ValidationException");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap_or_default()
            .contains("NoSuchCase")
    );
}

#[test]
fn a_history_the_server_recorded_replays_on_the_interpreter() {
    use workflow::engine::{Engine, Replay};
    let (server, arn) = order_server(ORDER_MOCK_CONFIG);
    let definition = order_definition();
    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": format!("{arn}#HappyPath"), "input": "{\"order_id\": \"12345\"}"}),
    );
    let execution = started["executionArn"].as_str().unwrap_or_default();
    assert_eq!(server.wait(execution)["status"], "SUCCEEDED");
    let (_, history) = server.call("GetExecutionHistory", &json!({"executionArn": execution}));
    let replay = Replay::from_history(&history).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(replay.input(), &json!({"order_id": "12345"}));
    // No handlers: the three Lambda Tasks are answered from the record.
    let same = Engine::from_json(&definition).unwrap();
    let outcome = replay
        .check(&same)
        .unwrap_or_else(|divergence| panic!("{divergence}"));
    assert_eq!(
        outcome.output.map(|o| o["status"].clone()),
        Some(json!("SHIPPED"))
    );
    // A changed definition: ProcessPayment now keeps its result beside the order.
    let changed = definition.replacen(
        "\"Next\": \"FulfillOrder\"",
        "\"ResultPath\": \"$.payment\", \"Next\": \"FulfillOrder\"",
        1,
    );
    assert_ne!(changed, definition);
    let divergence = replay
        .check(&Engine::from_json(&changed).unwrap())
        .expect_err("the output of ProcessPayment changed");
    assert!(
        divergence
            .recorded
            .starts_with("`ProcessPayment` exited with"),
        "{divergence}"
    );
    assert!(
        divergence
            .replayed
            .starts_with("`ProcessPayment` exited with"),
        "{divergence}"
    );
}

#[test]
fn a_test_case_that_mocks_no_task_is_refused_at_start_execution() {
    let config =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typo-mock-config.json");
    let text = json!({
        "StateMachines": {"OrderWorkflow": {"TestCases": {"Typo": {"ValidateOrdr": "Valid"}}}},
        "MockedResponses": {"Valid": {"0": {"Return": {"valid": true}}}}
    });
    std::fs::write(&config, text.to_string()).unwrap();
    let (server, arn) = order_server(&config.display().to_string());
    let (_, refused) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": format!("{arn}#Typo")}),
    );
    assert_eq!(refused["__type"], "ValidationException", "{refused}");
    assert_eq!(
        refused["message"],
        "test case \"Typo\": a handler is registered for the state `ValidateOrdr`, but no Task state is named `ValidateOrdr`; did you mean `ValidateOrder`?"
    );
}

/// The task token of the execution's TaskScheduled event, once it is there.
fn scheduled_token(server: &Server, execution_arn: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let (_, history) = server.call(
            "GetExecutionHistory",
            &json!({"executionArn": execution_arn}),
        );
        let scheduled = history["events"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|event| event["type"] == "TaskScheduled");
        if let Some(event) = scheduled {
            let parameters = event["taskScheduledEventDetails"]["parameters"]
                .as_str()
                .unwrap_or_default();
            let parameters: Value = serde_json::from_str(parameters).unwrap_or_default();
            return parameters["MessageBody"]["token"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no TaskScheduled event for {execution_arn}");
}

#[test]
fn callbacks_answer_wait_for_task_token_tasks() {
    let server = Server::start();
    let flow = definition(json!({"StartAt": "Approve", "States": {"Approve": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": true}}}));
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Approval", "definition": flow, "roleArn": ROLE}),
    );
    let arn = created["stateMachineArn"].clone();

    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "yes"}),
    );
    let execution = started["executionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let token = scheduled_token(&server, &execution);
    assert_eq!(token.len(), 32, "{token}");
    let (_, running) = server.call("DescribeExecution", &json!({"executionArn": execution}));
    assert_eq!(running["status"], "RUNNING");
    let (status, beat) = server.call("SendTaskHeartbeat", &json!({"taskToken": token}));
    assert_eq!((status, beat), (200, json!({})));
    let (status, _) = server.call(
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "{\"approved\": true}"}),
    );
    assert_eq!(status, 200);
    let done = server.wait(&execution);
    assert_eq!(
        (done["status"].as_str(), done["output"].as_str()),
        (Some("SUCCEEDED"), Some("{\"approved\":true}"))
    );
    // The token is spent.
    let (_, spent) = server.call(
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "{}"}),
    );
    assert_eq!(spent["__type"], "TaskDoesNotExist");

    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "no"}),
    );
    let execution = started["executionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let token = scheduled_token(&server, &execution);
    let (_, bad_output) = server.call(
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "{not json"}),
    );
    assert_eq!(bad_output["__type"], "InvalidOutput");
    server.call(
        "SendTaskFailure",
        &json!({"taskToken": token, "error": "Rejected", "cause": "over budget"}),
    );
    let done = server.wait(&execution);
    assert_eq!(
        (done["error"].as_str(), done["cause"].as_str()),
        (Some("Rejected"), Some("over budget"))
    );
}

#[test]
fn activity_workers_take_and_answer_tasks() {
    let server = Server::start();
    let (_, activity) = server.call("CreateActivity", &json!({"name": "Review"}));
    let activity_arn = activity["activityArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        activity_arn,
        "arn:aws:states:us-east-1:123456789012:activity:Review"
    );
    let (_, listed) = server.call("ListActivities", &json!({}));
    assert_eq!(listed["activities"][0]["name"], "Review");
    let flow = definition(
        json!({"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": activity_arn, "End": true}}}),
    );
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Reviewed", "definition": flow, "roleArn": ROLE}),
    );
    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": created["stateMachineArn"], "input": "{\"doc\": 1}"}),
    );
    let (status, task) = server.call(
        "GetActivityTask",
        &json!({"activityArn": activity_arn, "workerName": "w1"}),
    );
    assert_eq!(status, 200, "{task}");
    assert_eq!(task["input"], "{\"doc\":1}");
    let token = task["taskToken"].as_str().unwrap_or_default();
    server.call(
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "{\"ok\": true}"}),
    );
    let done = server.wait(started["executionArn"].as_str().unwrap_or_default());
    assert_eq!(
        (done["status"].as_str(), done["output"].as_str()),
        (Some("SUCCEEDED"), Some("{\"ok\":true}"))
    );
    let (_, missing) = server.call(
        "GetActivityTask",
        &json!({"activityArn": "arn:aws:states:us-east-1:123456789012:activity:Nope"}),
    );
    assert_eq!(missing["__type"], "ActivityDoesNotExist");
    let (_, deleted) = server.call("DeleteActivity", &json!({"activityArn": activity_arn}));
    assert_eq!(deleted, json!({}));
}

/// A Lambda-compatible endpoint for the test: `Double` returns `{"doubled": 2n}`, `Broken`
/// raises a function error.
fn fake_lambda() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
                if let Some(value) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let input: Value = serde_json::from_slice(&body).unwrap_or_default();
            let (extra, answer) = if request_line.contains("/functions/Double/invocations") {
                (
                    "",
                    json!({"doubled": input["n"].as_i64().unwrap_or_default() * 2}),
                )
            } else {
                (
                    "X-Amz-Function-Error: Unhandled\r\n",
                    json!({"errorType": "ValueError", "errorMessage": "bad input"}),
                )
            };
            let answer = answer.to_string();
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            let _ = reader.get_mut().write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}

#[test]
fn lambda_tasks_call_the_lambda_endpoint() {
    let endpoint = fake_lambda();
    let server = Server::start_with(&["--in-memory", "--lambda-endpoint", &endpoint]);
    let flow = definition(json!({"StartAt": "Double", "States": {
        "Double": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Double", "ResultPath": "$.result", "Next": "Broken"},
        "Broken": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Broken", "Payload.$": "$"},
            "Catch": [{"ErrorEquals": ["ValueError"], "ResultPath": "$.error", "Next": "Done"}], "End": true},
        "Done": {"Type": "Succeed"}}}));
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Lambdas", "definition": flow, "roleArn": ROLE}),
    );
    let (_, started) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": created["stateMachineArn"], "input": "{\"n\": 21}"}),
    );
    let done = server.wait(started["executionArn"].as_str().unwrap_or_default());
    assert_eq!(done["status"], "SUCCEEDED", "{done}");
    let output: Value =
        serde_json::from_str(done["output"].as_str().unwrap_or_default()).unwrap_or_default();
    assert_eq!(output["result"], json!({"doubled": 42}));
    assert_eq!(output["error"]["Error"], "ValueError");
    assert!(
        output["error"]["Cause"]
            .as_str()
            .unwrap_or_default()
            .contains("bad input")
    );
}

#[test]
fn test_state_runs_one_state_alone() {
    let server = Server::start();
    let test = |state: Value, input: &str| {
        server
            .call(
                "TestState",
                &json!({"definition": state.to_string(), "roleArn": ROLE, "input": input}),
            )
            .1
    };
    let pass = test(
        json!({"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "Next": "After"}),
        "{\"a\": 1, \"b\": 2}",
    );
    assert_eq!(
        (
            pass["status"].as_str(),
            pass["nextState"].as_str(),
            pass["output"].as_str()
        ),
        (Some("SUCCEEDED"), Some("After"), Some("{\"sum\":3}"))
    );
    let choice = test(
        json!({"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"}], "Default": "Small"}),
        "{\"n\": 9}",
    );
    assert_eq!(choice["nextState"], "Big");
    let fail = test(
        json!({"Type": "Fail", "Error": "Nope", "Cause": "because"}),
        "{}",
    );
    assert_eq!(
        (fail["status"].as_str(), fail["error"].as_str()),
        (Some("FAILED"), Some("Nope"))
    );
    let caught = test(
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}], "End": true}),
        "{}",
    );
    assert_eq!(
        (caught["status"].as_str(), caught["nextState"].as_str()),
        (Some("CAUGHT_ERROR"), Some("Handler"))
    );
    // A retrier that would catch the failure: RETRIABLE at once, without waiting out the retries.
    let retriable = test(
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
            "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 60}], "End": true}),
        "{}",
    );
    assert_eq!(
        (retriable["status"].as_str(), retriable["error"].as_str()),
        (Some("RETRIABLE"), Some("States.TaskFailed"))
    );
    let (_, broken) = server.call(
        "TestState",
        &json!({"definition": "{\"Type\": \"Pass\", \"Next\": 5}", "roleArn": ROLE}),
    );
    assert_eq!(broken["__type"], "InvalidDefinition");
}

#[test]
fn a_killed_server_resumes_every_execution_exactly_once() {
    let dir = std::env::temp_dir().join(format!("workflow-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data_dir = dir.to_string_lossy().into_owned();
    let flow = definition(json!({"StartAt": "Before", "States": {
        "Before": {"Type": "Pass", "Result": "before", "ResultPath": "$.before", "Next": "Hold"},
        "Hold": {"Type": "Wait", "Seconds": 2, "Next": "After"},
        "After": {"Type": "Pass", "Result": "after", "ResultPath": "$.after", "End": true}}}));
    let mut server = Server::start_with(&["--data-dir", &data_dir]);
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Durable", "definition": flow, "roleArn": ROLE}),
    );
    let arn = created["stateMachineArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut executions = Vec::new();
    for i in 0..200 {
        let (_, started) = server.call("StartExecution", &json!({"stateMachineArn": arn, "name": format!("run-{i}"), "input": format!("{{\"i\": {i}}}")}));
        executions.push(
            started["executionArn"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    // All 200 are in their Wait when the server is killed (SIGKILL: no shutdown at all).
    std::thread::sleep(Duration::from_millis(500));
    let (_, running) = server.call(
        "ListExecutions",
        &json!({"stateMachineArn": arn, "statusFilter": "RUNNING", "maxResults": 1000}),
    );
    assert_eq!(
        running["executions"].as_array().map(Vec::len),
        Some(200),
        "all waiting before the kill"
    );
    let _ = server.child.kill();
    let _ = server.child.wait();
    server = Server::start_with(&["--data-dir", &data_dir]);
    let expected = [
        "ExecutionStarted",
        "PassStateEntered",
        "PassStateExited",
        "WaitStateEntered",
        "WaitStateExited",
        "PassStateEntered",
        "PassStateExited",
        "ExecutionSucceeded",
    ];
    for (i, execution) in executions.iter().enumerate() {
        let done = server.wait(execution);
        assert_eq!(done["status"], "SUCCEEDED", "{done}");
        let output: Value =
            serde_json::from_str(done["output"].as_str().unwrap_or_default()).unwrap_or_default();
        assert_eq!(
            output,
            json!({"i": i, "before": "before", "after": "after"})
        );
        let (_, history) = server.call(
            "GetExecutionHistory",
            &json!({"executionArn": execution, "maxResults": 1000}),
        );
        let events = history["events"].as_array().cloned().unwrap_or_default();
        let kinds: Vec<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
        assert_eq!(kinds, expected, "{execution}: nothing lost, nothing twice");
        let ids: Vec<u64> = events.iter().filter_map(|e| e["id"].as_u64()).collect();
        assert_eq!(ids, (1..=8).collect::<Vec<u64>>());
        // The Wait ended 2 s after it began, as recorded before the kill.
        let at = |kind: &str| {
            events
                .iter()
                .find(|e| e["type"] == kind)
                .and_then(|e| e["timestamp"].as_f64())
                .unwrap_or_default()
        };
        assert!(
            at("WaitStateExited") - at("WaitStateEntered") >= 1.99,
            "{execution}"
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn callbacks_keep_alive_with_heartbeats_and_time_out_without() {
    let server = Server::start();
    let flow = definition(json!({"StartAt": "Approve", "States": {"Approve": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 1,
        "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}));
    let (_, created) = server.call(
        "CreateStateMachine",
        &json!({"name": "Beating", "definition": flow, "roleArn": ROLE}),
    );
    let arn = created["stateMachineArn"].clone();
    // Heartbeats every 0.4 s keep it waiting past 1 s; then it is answered.
    let (_, alive) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "alive"}),
    );
    let alive = alive["executionArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let token = scheduled_token(&server, &alive);
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(400));
        let (status, _) = server.call("SendTaskHeartbeat", &json!({"taskToken": token}));
        assert_eq!(status, 200);
    }
    server.call(
        "SendTaskSuccess",
        &json!({"taskToken": token, "output": "{}"}),
    );
    assert_eq!(server.wait(&alive)["status"], "SUCCEEDED");
    // Silence for HeartbeatSeconds: States.Timeout.
    let (_, silent) = server.call(
        "StartExecution",
        &json!({"stateMachineArn": arn, "name": "silent"}),
    );
    let silent = server.wait(silent["executionArn"].as_str().unwrap_or_default());
    assert_eq!(
        (silent["status"].as_str(), silent["error"].as_str()),
        (Some("FAILED"), Some("States.Timeout"))
    );
}
