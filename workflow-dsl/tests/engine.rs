//! Interpreter behaviour beyond the AWS recordings in `tests/data/aws-recorded/`: concurrency of
//! Parallel and Map, sibling cancellation, typed handlers, history shape.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use workflow_dsl::engine::{Engine, Failure, Handlers, S3Objects, Status};

fn engine(definition: Value, handlers: Handlers) -> Engine {
    Engine::from_json(&definition.to_string())
        .unwrap()
        .handlers(handlers)
        .unwrap()
}

fn task(next: Option<&str>) -> Value {
    let mut state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"});
    match next {
        Some(next) => state["Next"] = json!(next),
        None => state["End"] = json!(true),
    }
    state
}

#[tokio::test]
async fn parallel_branches_run_at_the_same_time() {
    // Branch A waits for a message only branch B sends: run one after the other, it never ends.
    let (sender, receiver) = tokio::sync::oneshot::channel::<()>();
    let sender = Arc::new(Mutex::new(Some(sender)));
    let receiver = Arc::new(Mutex::new(Some(receiver)));
    let handlers = Handlers::new()
        .state("A", move |_| {
            let receiver = receiver.lock().unwrap().take();
            async move {
                if let Some(receiver) = receiver {
                    receiver.await.ok();
                }
                Ok(json!("a"))
            }
        })
        .state("B", move |_| {
            if let Some(sender) = sender.lock().unwrap().take() {
                sender.send(()).ok();
            }
            async { Ok(json!("b")) }
        });
    let definition = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": task(None)}},
        {"StartAt": "B", "States": {"B": task(None)}}
    ]}}});
    let outcome = tokio::time::timeout(
        Duration::from_secs(10),
        engine(definition, handlers).run(json!({})),
    )
    .await
    .expect("the branches overlap");
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(outcome.output, Some(json!(["a", "b"])));
}

#[tokio::test]
async fn map_honours_max_concurrency_and_keeps_item_order() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (running_in, peak_in) = (Arc::clone(&running), Arc::clone(&peak));
    let handlers = Handlers::new().state("Work", move |request| {
        let (running, peak) = (Arc::clone(&running_in), Arc::clone(&peak_in));
        async move {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            // Later items finish first (fewer yields), so completion order differs from item
            // order; yielding, not sleeping, keeps the suite off the wall clock.
            let n = request.input.as_u64().unwrap_or(0);
            for _ in 0..(20 - n) {
                tokio::task::yield_now().await;
            }
            running.fetch_sub(1, Ordering::SeqCst);
            Ok(json!(n * 10))
        }
    });
    let definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3, "End": true,
        "ItemProcessor": {"StartAt": "Work", "States": {"Work": task(None)}}}}});
    let outcome = engine(definition, handlers)
        .run(json!([1, 2, 3, 4, 5, 6, 7, 8]))
        .await;
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(
        outcome.output,
        Some(json!([10, 20, 30, 40, 50, 60, 70, 80]))
    );
    assert_eq!(peak.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_failing_branch_cancels_its_siblings() {
    let handlers = Handlers::new()
        .state("Slow", |_| async {
            std::future::pending::<()>().await;
            Ok(json!("never"))
        })
        .state("Broken", |_| async {
            Err(Failure::new("Broken.Error", "it broke"))
        });
    let definition = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Slow", "States": {"Slow": task(None)}},
        {"StartAt": "Broken", "States": {"Broken": task(None)}}
    ]}}});
    let outcome = tokio::time::timeout(
        Duration::from_secs(10),
        engine(definition, handlers).run(json!({})),
    )
    .await
    .expect("the slow branch is cancelled");
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Broken.Error"));
    assert_eq!(outcome.cause.as_deref(), Some("it broke"));
}

#[test]
fn history_follows_aws_event_shapes() {
    let definition =
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!({"x": 1}));
    let events: Vec<Value> = outcome.history.iter().map(|e| e.to_value()).collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded"
        ]
    );
    // The first state's Entered event has previous id 0 like ExecutionStarted.
    assert_eq!(events[1]["previousEventId"], 0);
    assert_eq!(events[2]["previousEventId"], 2);
    assert_eq!(
        events[1]["stateEnteredEventDetails"],
        json!({"name": "A", "input": "{\"x\":1}", "inputDetails": {"truncated": false}})
    );
    assert_eq!(events[3]["executionSucceededEventDetails"]["output"], "1");
}

#[test]
fn a_task_without_handler_names_the_state_and_resource() {
    let definition = json!({"StartAt": "Charge", "States": {"Charge": task(None)}});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!({}));
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.TaskFailed"));
    assert!(
        outcome
            .cause
            .unwrap()
            .contains("'Charge' (resource arn:aws:states:::lambda:invoke)")
    );
}

#[test]
fn assigned_variables_are_recorded_on_the_exited_event() {
    let definition = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"var_constant_1": 1, "var_input_value.$": "$.s"}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($var_constant_1, 2)", "s.$": "$var_input_value"}, "End": true}
    }});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!({"s": "string literal"}));
    assert_eq!(
        outcome.output,
        Some(json!({"sum": 3, "s": "string literal"}))
    );
    let exited = outcome.history[2].to_value();
    // The values appear as JSON text
    // (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StateExitedEventDetails.html).
    assert_eq!(
        exited["stateExitedEventDetails"]["assignedVariables"],
        json!({"var_constant_1": "1", "var_input_value": "\"string literal\""})
    );
    assert_eq!(
        exited["stateExitedEventDetails"]["assignedVariablesDetails"],
        json!({"truncated": false})
    );
    // A state that assigns nothing records no such member.
    let second_exit = outcome.history[4].to_value();
    assert!(
        second_exit["stateExitedEventDetails"]
            .get("assignedVariables")
            .is_none()
    );
}

#[test]
fn only_an_inline_map_reads_outer_variables() {
    let definition = |mode: &str| {
        json!({"StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Assign": {"factor": 10}, "Result": [1, 2], "Next": "Map"},
            "Map": {"Type": "Map", "End": true, "ItemProcessor": {
                "ProcessorConfig": {"Mode": mode, "ExecutionType": "STANDARD"},
                "StartAt": "Read",
                "States": {"Read": {"Type": "Pass", "Parameters": {"f.$": "$factor"}, "End": true}}
            }}
        }})
    };
    let inline = engine(definition("INLINE"), Handlers::new()).run_blocking(json!({}));
    assert_eq!(inline.output, Some(json!([{"f": 10}, {"f": 10}])));
    let distributed = engine(definition("DISTRIBUTED"), Handlers::new()).run_blocking(json!({}));
    // Every child fails to read `$factor`, which fails the run
    // (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
    assert_eq!(distributed.status, Status::Failed);
    assert_eq!(
        distributed.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

#[test]
fn a_catcher_assign_replaces_the_state_assign() {
    let definition = json!({"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Assign": {"outcome": "charged"},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"outcome.$": "$.Error"}, "Next": "Report"}],
            "Next": "Report"},
        "Report": {"Type": "Pass", "Parameters": {"outcome.$": "$outcome"}, "End": true}
    }});
    let failing = Handlers::new().state("Charge", |_| async {
        Err(Failure::new("Card.Declined", "no funds"))
    });
    let caught = engine(definition.clone(), failing).run_blocking(json!({}));
    assert_eq!(caught.output, Some(json!({"outcome": "Card.Declined"})));
    let passing = Handlers::new().state("Charge", |_| async { Ok(json!({})) });
    let charged = engine(definition, passing).run_blocking(json!({}));
    assert_eq!(charged.output, Some(json!({"outcome": "charged"})));
}

#[test]
fn result_writer_exports_child_records_to_the_local_s3() {
    let definition = json!({"StartAt": "Map", "States": {"Map": {
        "Type": "Map", "End": true, "ToleratedFailurePercentage": 100,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Check",
            "States": {
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Reject"}], "Default": "Accept"},
                "Reject": {"Type": "Fail", "Error": "Item.Rejected", "Cause": "two"},
                "Accept": {"Type": "Pass", "End": true}
            }
        },
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs/"}}
    }}});
    let objects = S3Objects::default();
    let outcome = engine(definition, Handlers::new())
        .s3_objects(objects.clone())
        .run_blocking(json!([1, 2, 3]));
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
    let output = outcome.output.unwrap();
    let manifest_key = output["ResultWriterDetails"]["Key"].as_str().unwrap();
    assert_eq!(output["ResultWriterDetails"]["Bucket"], "out");
    // The files sit in a folder named after the Map Run's id, the last part of its ARN.
    let arn = output["MapRunArn"].as_str().unwrap();
    let (label, id) = arn
        .strip_prefix("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/")
        .and_then(|rest| rest.split_once(':'))
        .unwrap();
    assert_eq!(label, "Map");
    assert_eq!(manifest_key, format!("runs/{id}/manifest.json"));
    let manifest: Value = serde_json::from_str(&objects.get("out", manifest_key).unwrap()).unwrap();
    assert_eq!(manifest["MapRunArn"], arn);
    let file = |status: &str| -> Vec<Value> {
        let entry = &manifest["ResultFiles"][status][0];
        let body = objects.get("out", entry["Key"].as_str().unwrap()).unwrap();
        assert_eq!(entry["Size"], body.len());
        serde_json::from_str(&body).unwrap()
    };
    let succeeded = file("SUCCEEDED");
    let outputs: Vec<&Value> = succeeded.iter().map(|r| &r["Output"]).collect();
    assert_eq!(outputs, [&json!("1"), &json!("3")]);
    let failed = file("FAILED");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["Input"], "2");
    assert_eq!(failed[0]["Error"], "Item.Rejected");
    assert_eq!(failed[0]["Status"], "FAILED");
}

#[test]
fn result_writer_without_a_resource_only_formats_the_result() {
    let definition = json!({"StartAt": "Map", "States": {"Map": {
        "Type": "Map", "End": true,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Pair", "States": {"Pair": {"Type": "Pass", "Result": ["a", "b"], "End": true}}
        },
        "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}}
    }}});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!([1, 2]));
    assert_eq!(outcome.output, Some(json!(["a", "b", "a", "b"])));
}

#[test]
fn an_item_selector_reads_the_map_item_and_the_rest_of_the_context() {
    let definition = |selector: Value| {
        json!({"StartAt": "Map", "States": {"Map": {
            "Type": "Map", "End": true, "ItemsPath": "$.items", "ItemSelector": selector,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}
        }}})
    };
    let input = json!({"items": ["a", "b"]});
    let only_item = definition(json!({"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"}));
    let outcome = engine(only_item, Handlers::new()).run_blocking(input.clone());
    assert_eq!(
        outcome.output,
        Some(json!([{"v": "a", "i": 0}, {"v": "b", "i": 1}]))
    );
    let with_execution = definition(json!({
        "v.$": "States.Format('{}-{}', $$.Map.Item.Value, $$.Execution.Input.items[1])"
    }));
    let outcome = engine(with_execution, Handlers::new()).run_blocking(input);
    assert_eq!(outcome.output, Some(json!([{"v": "a-b"}, {"v": "b-b"}])));
}

#[test]
fn variable_quotas_fail_the_assigning_state() {
    let big = "x".repeat(200_000);
    // One value over 256 KiB.
    let one = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"big": format!("{big}{big}")},
        "Assign": {"v.$": "$.big"}, "ResultPath": null, "End": true}}});
    let outcome = engine(one, Handlers::new()).run_blocking(json!({}));
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    let cause = outcome.cause.unwrap_or_default();
    assert!(cause.contains("'v' a value of 400002 bytes"), "{cause}");
    // Two values under the limit each, over it together.
    let two = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"big": big},
        "Assign": {"a.$": "$.big", "b.$": "$.big"}, "End": true}}});
    let outcome = engine(two, Handlers::new()).run_blocking(json!({}));
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    assert!(outcome.cause.unwrap_or_default().contains("per Assign"));
    // Every Assign within its limits, but 45 variables of 240 kB store more than 10 MiB.
    let mut states = serde_json::Map::new();
    for i in 0..45 {
        let mut state = json!({"Type": "Pass", "Assign": {format!("v{i}.$"): "$.s"}});
        match i {
            44 => state["End"] = json!(true),
            _ => state["Next"] = json!(format!("S{}", i + 1)),
        }
        states.insert(format!("S{i}"), state);
    }
    let many = json!({"StartAt": "S0", "States": states});
    let outcome = engine(many, Handlers::new()).run_blocking(json!({"s": "y".repeat(240_000)}));
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    let cause = outcome.cause.unwrap_or_default();
    assert!(cause.starts_with("The state 'S43' assigned"), "{cause}");
    assert!(
        cause.contains("over the limit of 10485760 bytes"),
        "{cause}"
    );
}

#[test]
fn jsonata_pipeline_end_to_end() {
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"x": 3, "a": 6}, "Next": "Swap"},
        // Every right-hand side sees the values on entry (tests/data/aws-recorded/variables_assign/
        // assign_reference_variables__test_state_assign_evaluation_order_BASE_EVALUATION_ORDER_PASS_STATE.json).
        "Swap": {"Type": "Pass", "Assign": {"x": "{% $a %}", "nextX": "{% $x %}"}, "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"Payload": {"n": "{% $states.input.n %}", "x": "{% $x %}"}},
            "Output": "{% $states.result.Payload %}",
            "Assign": {"called": "{% $states.result.Payload.doubled %}"},
            "Next": "Each"},
        "Each": {"Type": "Map", "Items": "{% [1, 2, 3] %}",
            "ItemSelector": {"value": "{% $states.context.Map.Item.Value %}", "index": "{% $states.context.Map.Item.Index %}"},
            "ItemProcessor": {"StartAt": "Square", "States": {
                "Square": {"Type": "Pass", "Output": "{% $states.input.value * $states.input.value + $states.input.index %}", "End": true}}},
            "Output": {"squares": "{% $states.result %}", "before": "{% $states.input %}"},
            "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [
            {"Condition": "{% $sum($states.input.squares) > 100 %}", "Next": "Done"},
            {"Condition": "{% $called = 14 %}", "Output": {"rule": 1, "x": "{% $x %}", "nextX": "{% $nextX %}"}, "Next": "Done"}],
            "Default": "Done"},
        "Done": {"Type": "Succeed"}}});
    let handlers = Handlers::new().state("Call", |request| async move {
        let n = request.input["Payload"]["n"].as_i64().unwrap_or_default();
        let x = request.input["Payload"]["x"].as_i64().unwrap_or_default();
        Ok(json!({"Payload": {"doubled": n * 2, "x": x}}))
    });
    let outcome = engine(definition, handlers).run_blocking(json!({"n": 7}));
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
    assert_eq!(outcome.output, Some(json!({"rule": 1, "x": 6, "nextX": 3})));
}

#[test]
fn jsonata_catcher_output_and_typed_fields() {
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "{% 5 %}",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"why": "{% $states.errorOutput.Cause %}"},
                "Output": {"caught": "{% $states.errorOutput.Error %}", "input": "{% $states.input %}"}, "Next": "Wait"}],
            "End": true},
        "Wait": {"Type": "Wait", "Seconds": "{% $states.input.input.delay %}", "Next": "Fail"},
        "Fail": {"Type": "Fail", "Error": "{% 'Custom.' & $states.input.caught %}", "Cause": "{% $why %}"}}});
    let handlers =
        Handlers::new().state("Call", |_| async { Err(Failure::new("Boom", "it broke")) });
    let outcome = engine(definition.clone(), handlers).run_blocking(json!({"delay": 60}));
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Custom.Boom"));
    assert_eq!(outcome.cause.as_deref(), Some("it broke"));
    // A Seconds expression that gives a string is a QueryEvaluationError naming the field.
    let handlers =
        Handlers::new().state("Call", |_| async { Err(Failure::new("Boom", "it broke")) });
    let outcome = engine(definition, handlers).run_blocking(json!({"delay": "soon"}));
    assert_eq!(
        outcome.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert_eq!(
        outcome.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Wait' (entered at the event id #7). The JSONata expression '$states.input.input.delay' specified for the field 'Seconds' returned an unexpected result type. Expected 'non-negative integer', but was 'string' for value: \"soon\""
        )
    );
}

#[test]
fn a_state_catches_its_own_jsonata_failures() {
    let caught = |failing: Value| {
        let mut states = serde_json::Map::new();
        let mut failing = failing;
        failing["Retry"] = json!([{"ErrorEquals": ["States.QueryEvaluationError"], "MaxAttempts": 2, "IntervalSeconds": 1}]);
        failing["Catch"] = json!([{"ErrorEquals": ["States.QueryEvaluationError"],
            "Output": "{% $states.errorOutput %}", "Next": "Handled"}]);
        failing["End"] = json!(true);
        states.insert("Failing".to_owned(), failing);
        states.insert("Handled".to_owned(), json!({"Type": "Succeed"}));
        let definition =
            json!({"QueryLanguage": "JSONata", "StartAt": "Failing", "States": states});
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        // Only a Task has a handler (for Map and Parallel one would be refused).
        let handlers = match definition["States"]["Failing"]["Type"] == "Task" {
            true => Handlers::new().state("Failing", move |_| {
                counter.fetch_add(1, Ordering::SeqCst);
                async { Ok(json!(1)) }
            }),
            false => Handlers::new(),
        };
        let outcome = engine(definition, handlers).run_blocking(json!({"n": "x"}));
        (outcome, calls.load(Ordering::SeqCst))
    };
    let task = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"n": "{% $states.input.missing %}"}});
    let (outcome, calls) = caught(task);
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(
        calls, 0,
        "the handler never runs: its arguments never evaluate"
    );
    let output = outcome.output.unwrap_or_default();
    assert_eq!(output["Error"], "States.QueryEvaluationError");
    assert!(
        output["Cause"]
            .as_str()
            .unwrap_or_default()
            .contains("field 'Arguments/n'")
    );
    // Retried twice (after 1 s and 2 s of virtual time), then caught.
    let elapsed = outcome.history.last().map_or(0, |e| e.timestamp)
        - outcome.history.first().map_or(0, |e| e.timestamp);
    assert_eq!(elapsed, 3000);
    let map = json!({"Type": "Map", "Items": "{% $states.input.n %}",
        "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}});
    let (outcome, _) = caught(map);
    assert_eq!(outcome.status, Status::Succeeded);
    assert!(
        outcome.output.unwrap_or_default()["Cause"]
            .as_str()
            .unwrap_or_default()
            .ends_with("Expected 'array', but was 'string' for value: \"x\"")
    );
    let parallel = json!({"Type": "Parallel", "Arguments": "{% $number($states.input.n) %}",
        "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]});
    let (outcome, _) = caught(parallel);
    assert_eq!(outcome.status, Status::Succeeded);
    assert!(
        outcome.output.unwrap_or_default()["Cause"]
            .as_str()
            .unwrap_or_default()
            .contains("threw an error during evaluation. D3030")
    );
}

#[test]
fn a_failed_evaluation_is_recorded_after_the_entered_event() {
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": {"x": "{% $states.input.missing %}"}, "End": true}}});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!({}));
    let kinds: Vec<&str> = outcome.history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            "ExecutionStarted",
            "PassStateEntered",
            "EvaluationFailed",
            "ExecutionFailed"
        ]
    );
    let event = outcome.history[2].to_value();
    let details = &event["evaluationFailedEventDetails"];
    assert_eq!(details["error"], "States.QueryEvaluationError");
    assert_eq!(details["location"], "Output");
    assert_eq!(details["state"], "P");
    assert_eq!(details["cause"].as_str(), outcome.cause.as_deref());
    assert_eq!(event["previousEventId"], 2);
}

#[test]
fn a_resumed_execution_retraces_its_record_and_goes_on() {
    let definition = json!({"StartAt": "First", "States": {
        "First": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Second"},
        "Second": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
    let calls = Arc::new(Mutex::new(Vec::new()));
    let handlers = |calls: Arc<Mutex<Vec<String>>>| {
        Handlers::new().resource("arn:aws:states:::lambda:invoke", move |request| {
            calls.lock().unwrap().push(request.state.clone());
            let state = request.state.clone();
            async move { Ok(json!({"from": state})) }
        })
    };
    let whole = engine(definition.clone(), handlers(calls.clone())).run_blocking(json!({}));
    assert_eq!(*calls.lock().unwrap(), ["First", "Second"]);
    // The record stops while the Wait runs (after WaitStateEntered).
    let cut = whole
        .history
        .iter()
        .position(|e| e.kind == "WaitStateEntered")
        .map_or(0, |at| at + 1);
    let record = &whole.history[..cut];
    assert_eq!(
        workflow_dsl::engine::task_attempts(record),
        std::collections::HashMap::from([("First".to_owned(), 1)])
    );
    let again = Arc::new(Mutex::new(Vec::new()));
    let resumed = engine(definition, handlers(again.clone()))
        .resume(record)
        .run_blocking(json!({}));
    assert_eq!(
        *again.lock().unwrap(),
        ["Second"],
        "First's answer came from the record"
    );
    assert_eq!(resumed.output, whole.output);
    let shape = |events: &[workflow_dsl::engine::Event]| {
        events
            .iter()
            .map(|e| (e.id, e.previous_event_id, e.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&resumed.history), shape(&whole.history));
    // The Wait ended at its recorded time: entered + 10 s.
    let exited = |events: &[workflow_dsl::engine::Event]| {
        events
            .iter()
            .find(|e| e.kind == "WaitStateExited")
            .map(|e| e.timestamp)
    };
    assert_eq!(exited(&resumed.history), exited(&whole.history));
}

#[test]
fn a_handler_for_no_task_is_refused_with_the_closest_name() {
    let definition = json!({"StartAt": "ValidateOrder", "States": {
        "ValidateOrder": task(Some("Log")),
        "Log": {"Type": "Pass", "End": true}
    }});
    let machine = Engine::from_json(&definition.to_string()).unwrap();
    let refused = |handlers: Handlers| match machine.clone().handlers(handlers) {
        Ok(_) => panic!("accepted"),
        Err(error) => error.to_string(),
    };
    let ok = |_| async { Ok(json!({})) };
    assert_eq!(
        refused(Handlers::new().state("ValidateOrdr", ok)),
        "a handler is registered for the state `ValidateOrdr`, but no Task state is named `ValidateOrdr`; did you mean `ValidateOrder`?"
    );
    assert_eq!(
        refused(Handlers::new().state("Log", ok)),
        "a handler is registered for the state `Log`, but `Log` is a Pass state, not a Task, so its handler would never run"
    );
    assert_eq!(
        refused(Handlers::new().resource("arn:aws:states:::lambda:invok", ok)),
        "a handler is registered for the resource `arn:aws:states:::lambda:invok`, but no Task uses it; did you mean `arn:aws:states:::lambda:invoke`?"
    );
    assert!(
        machine
            .clone()
            .handlers(Handlers::new().state("ValidateOrder", ok))
            .is_ok()
    );
    assert!(
        machine
            .handlers(Handlers::new().resource("arn:aws:states:::lambda:invoke", ok))
            .is_ok()
    );
}

#[test]
fn the_test_kit_reads_each_state_s_entries_attempts_and_iterations() {
    // Per item: Charge fails once (retried), then succeeds; after the Map, a Pass.
    let definition = json!({"StartAt": "Fan", "States": {
        "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ItemProcessor": {
            "StartAt": "Charge", "States": {"Charge": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                "End": true}}}, "Next": "After"},
        "After": {"Type": "Pass", "End": true}
    }});
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let handlers = Handlers::new().state("Charge", move |request| {
        let call = counter.fetch_add(1, Ordering::SeqCst);
        async move {
            match call % 2 {
                0 => Err(Failure::new("Busy", "try again")),
                _ => Ok(json!({"charged": request.input})),
            }
        }
    });
    let outcome = engine(definition, handlers).run_blocking(json!({"items": [10, 20]}));
    assert_eq!(outcome.status, Status::Succeeded);
    let charge = outcome.state("Charge");
    assert_eq!(charge.count(), 2);
    let inputs: Vec<&Value> = charge.entries.iter().map(|e| &e.input).collect();
    assert_eq!(inputs, [&json!(10), &json!(20)]);
    for (index, entry) in charge.entries.iter().enumerate() {
        assert_eq!(entry.iteration, Some(index));
        assert_eq!(entry.attempts, 2, "one failure, one retry");
        assert_eq!(
            entry.failures,
            [("Busy".to_owned(), "try again".to_owned())]
        );
    }
    assert_eq!(charge.entries[1].output, Some(json!({"charged": 20})));
    let fan = outcome.state("Fan");
    assert_eq!(
        fan.entries[0].output,
        Some(json!([{"charged": 10}, {"charged": 20}]))
    );
    let after = outcome.state("After");
    assert_eq!((after.count(), after.entries[0].iteration), (1, None));
    assert_eq!(fan.entries[0].next.as_deref(), Some("After"));
    assert!(!charge.entries[0].caught, "retried, not caught");
    assert_eq!(outcome.state("Nothing").count(), 0);
}

#[test]
fn assert_path_names_the_state_that_diverged() {
    let definition = json!({"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.vip", "BooleanEquals": true, "Next": "Fast"}], "Default": "Slow"},
        "Fast": {"Type": "Succeed"},
        "Slow": {"Type": "Succeed"}
    }});
    let outcome = engine(definition, Handlers::new()).run_blocking(json!({"vip": false}));
    outcome.assert_path(["Route", "Slow"]);
    let message = std::panic::catch_unwind(|| outcome.assert_path(["Route", "Fast"]))
        .err()
        .and_then(|panic| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert_eq!(
        message,
        "the execution diverged at step 2 (entered `Slow` where `Fast` was expected)\n  expected: Route → Fast\n  taken:    Route → Slow\n  ended:    SUCCEEDED"
    );
}

#[test]
fn a_history_read_back_from_json_keeps_its_task_answers() {
    // What a store or `get-execution-history` gives back must resume like the original: the
    // recorded answers are found through the state events, so those must come back as such.
    let definition = json!({"StartAt": "Charge", "States": {"Charge": task(None)}});
    let handlers = Handlers::new().state("Charge", |_| async { Ok(json!({"charged": true})) });
    let outcome = engine(definition, handlers).run_blocking(json!({}));
    let read_back: Vec<workflow_dsl::engine::Event> = outcome
        .history
        .iter()
        .map(|event| workflow_dsl::engine::Event::from_value(&event.to_value()).unwrap())
        .collect();
    let attempts = workflow_dsl::engine::task_attempts(&read_back);
    assert_eq!(attempts.get("Charge"), Some(&1), "{attempts:?}");
    let stored: Vec<workflow_dsl::engine::Event> = outcome
        .history
        .iter()
        .map(|event| {
            let value = event.to_value();
            let details = value
                .as_object()
                .and_then(|o| o.iter().find(|(k, _)| k.ends_with("EventDetails")))
                .map(|(_, v)| v.clone());
            workflow_dsl::engine::Event::new(
                event.id,
                event.previous_event_id,
                event.timestamp,
                event.kind,
                details,
            )
        })
        .collect();
    assert_eq!(workflow_dsl::engine::task_attempts(&stored), attempts);
}

#[test]
fn the_test_kit_says_which_catcher_took_a_failure() {
    let definition = json!({"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Catch": [{"ErrorEquals": ["Declined"], "ResultPath": "$.error", "Next": "Refund"}], "End": true},
        "Refund": {"Type": "Pass", "End": true}
    }});
    let handlers = Handlers::new().state("Charge", |_| async {
        Err(Failure::new("Declined", "card"))
    });
    let outcome = engine(definition, handlers).run_blocking(json!({"id": 7}));
    let charge = outcome.state("Charge");
    let entry = charge.first().expect("entered");
    assert!(entry.caught);
    assert_eq!(entry.next.as_deref(), Some("Refund"));
    assert_eq!(entry.failures, [("Declined".to_owned(), "card".to_owned())]);
    assert_eq!(
        entry.output,
        Some(json!({"id": 7, "error": {"Error": "Declined", "Cause": "card"}}))
    );
}

/// Coverage names what a suite never exercised: here the catch-all catcher, the state it leads
/// to and the timeout retrier, until runs that take them are added.
#[test]
fn coverage_names_the_catcher_no_run_took() {
    use workflow_dsl::engine::Coverage;
    let machine = workflow_dsl::StateMachine::from_json(
        r#"{"StartAt": "Process", "States": {
          "Process": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Process",
            "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 2}, {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["CustomError"], "Next": "HandleCustom"}, {"ErrorEquals": ["States.ALL"], "Next": "HandleAll"}],
            "End": true},
          "HandleCustom": {"Type": "Pass", "End": true},
          "HandleAll": {"Type": "Fail", "Error": "Failed"}}}"#,
    )
    .unwrap();
    let run = |errors: &'static [&'static str]| {
        let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let handlers = Handlers::new().state("Process", move |_| {
            let call = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move {
                match errors.get(call) {
                    Some(error) => Err(Failure::new(*error, "")),
                    None => Ok(json!({"ok": true})),
                }
            }
        });
        Engine::new(&machine)
            .unwrap()
            .handlers(handlers)
            .unwrap()
            .run_blocking(json!({}))
    };
    let mut coverage = Coverage::new(&machine);
    coverage.add(&run(&["Busy", "CustomError"]));
    let missed: Vec<String> = coverage
        .uncovered()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        missed,
        [
            "catcher 2 of `Process` (/States/Process/Catch/1)",
            "retrier 2 of `Process` (/States/Process/Retry/1)",
            "state `HandleAll` (/States/HandleAll)",
        ]
    );
    let message = std::panic::catch_unwind(|| coverage.assert_covered())
        .err()
        .and_then(|panic| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(
        message.contains("  - catcher 2 of `Process` (/States/Process/Catch/1)"),
        "{message}"
    );
    // A timeout, retried once, then a failure no named catcher takes.
    coverage.add(&run(&["States.Timeout", "Other"]));
    coverage.add(&run(&[]));
    coverage.assert_covered();
    assert_eq!(coverage.counts(), (7, 7));
}
