//! The five seed workflows written with `workflow!` emit exactly the JSON of the builder
//! examples (`examples/*.rs`, whose own tests check they print the seed files byte for byte),
//! and their handles drive the interpreter in tests.

// The seeds keep AWS's documentation ARNs (`arn:aws:lambda:...`), which the macro reports as
// V706 warnings.
#![allow(deprecated)]

use serde_json::json;
use workflow::engine::{Engine, Failure, Handlers, Status};

workflow::workflow! {
    /// `examples/order-workflow.asl.json`.
    OrderWorkflow {
        "Comment": "Process order workflow",
        "StartAt": "ValidateOrder",
        "States": {
            "ValidateOrder": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder",
                "Next": "ProcessPayment"
            },
            "ProcessPayment": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ProcessPayment",
                "Next": "FulfillOrder"
            },
            "FulfillOrder": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:FulfillOrder",
                "End": true
            }
        }
    }
}

workflow::workflow! {
    /// `examples/choice.asl.json`.
    ChoiceWorkflow {
        "StartAt": "CheckOrderValue",
        "States": {
            "CheckOrderValue": {
                "Type": "Choice",
                "Choices": [
                    {
                        "Variable": "$.total",
                        "NumericGreaterThan": 1000,
                        "Next": "HighValueOrder"
                    },
                    {
                        "Variable": "$.priority",
                        "StringEquals": "rush",
                        "Next": "RushOrder"
                    }
                ],
                "Default": "StandardOrder"
            },
            "HighValueOrder": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:...:function:ProcessHighValue",
                "End": true
            },
            "RushOrder": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:...:function:ProcessRush",
                "End": true
            },
            "StandardOrder": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:...:function:ProcessStandard",
                "End": true
            }
        }
    }
}

workflow::workflow! {
    /// `examples/parallel.asl.json`.
    ParallelWorkflow {
        "StartAt": "ProcessInParallel",
        "States": {
            "ProcessInParallel": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "StartAt": "UpdateInventory",
                        "States": {
                            "UpdateInventory": {
                                "Type": "Task",
                                "Resource": "arn:aws:lambda:...:function:UpdateInventory",
                                "End": true
                            }
                        }
                    },
                    {
                        "StartAt": "SendNotification",
                        "States": {
                            "SendNotification": {
                                "Type": "Task",
                                "Resource": "arn:aws:lambda:...:function:SendNotification",
                                "End": true
                            }
                        }
                    },
                    {
                        "StartAt": "UpdateAnalytics",
                        "States": {
                            "UpdateAnalytics": {
                                "Type": "Task",
                                "Resource": "arn:aws:lambda:...:function:UpdateAnalytics",
                                "End": true
                            }
                        }
                    }
                ],
                "Next": "Complete"
            },
            "Complete": {
                "Type": "Succeed"
            }
        }
    }
}

workflow::workflow! {
    /// `examples/map.asl.json`.
    MapWorkflow {
        "StartAt": "ProcessItems",
        "States": {
            "ProcessItems": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 10,
                "Iterator": {
                    "StartAt": "ProcessItem",
                    "States": {
                        "ProcessItem": {
                            "Type": "Task",
                            "Resource": "arn:aws:lambda:...:function:ProcessItem",
                            "End": true
                        }
                    }
                },
                "ResultPath": "$.processedItems",
                "End": true
            }
        }
    }
}

workflow::workflow! {
    /// `examples/error-handling.asl.json`.
    ErrorHandlingWorkflow {
        "StartAt": "ProcessWithRetry",
        "States": {
            "ProcessWithRetry": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:...:function:Process",
                "Retry": [
                    {
                        "ErrorEquals": [
                            "Lambda.ServiceException",
                            "Lambda.TooManyRequestsException"
                        ],
                        "IntervalSeconds": 2,
                        "MaxAttempts": 6,
                        "BackoffRate": 2
                    },
                    {
                        "ErrorEquals": [
                            "States.Timeout"
                        ],
                        "IntervalSeconds": 5,
                        "MaxAttempts": 3,
                        "BackoffRate": 1.5
                    }
                ],
                "Catch": [
                    {
                        "ErrorEquals": [
                            "CustomError"
                        ],
                        "ResultPath": "$.error",
                        "Next": "HandleCustomError"
                    },
                    {
                        "ErrorEquals": [
                            "States.ALL"
                        ],
                        "ResultPath": "$.error",
                        "Next": "HandleAllErrors"
                    }
                ],
                "End": true
            },
            "HandleCustomError": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:...:function:HandleCustom",
                "End": true
            },
            "HandleAllErrors": {
                "Type": "Fail",
                "Error": "ProcessingFailed",
                "Cause": "An error occurred during processing"
            }
        }
    }
}

fn seed(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn the_macro_emits_what_the_builder_examples_emit() {
    assert_eq!(OrderWorkflow::JSON, seed("order-workflow.asl.json"));
    assert_eq!(ChoiceWorkflow::JSON, seed("choice.asl.json"));
    assert_eq!(ParallelWorkflow::JSON, seed("parallel.asl.json"));
    assert_eq!(MapWorkflow::JSON, seed("map.asl.json"));
    assert_eq!(ErrorHandlingWorkflow::JSON, seed("error-handling.asl.json"));
}

#[test]
fn handles_key_mocks_and_name_the_path_taken() {
    let handlers = Handlers::new()
        .state(ChoiceWorkflow::RushOrder, |_| async {
            Ok(json!({"route": "rush"}))
        })
        .state(ChoiceWorkflow::StandardOrder, |_| async {
            Ok(json!({"route": "standard"}))
        });
    let engine = Engine::new(&ChoiceWorkflow::definition())
        .unwrap()
        .handlers(handlers)
        .unwrap();
    let outcome = engine.run_blocking(json!({"total": 10, "priority": "rush"}));
    assert_eq!(
        outcome.path(),
        [ChoiceWorkflow::CheckOrderValue, ChoiceWorkflow::RushOrder]
    );
    assert_eq!(outcome.output, Some(json!({"route": "rush"})));
}

#[test]
fn typed_handlers_take_handles_too() {
    // `Handlers::typed` with a macro variant: the input arrives as a serde type.
    let handlers = Handlers::new().typed(
        ChoiceWorkflow::RushOrder,
        |input: serde_json::Map<String, serde_json::Value>| async move {
            Ok(json!({"route": "rush", "total": input["total"]}))
        },
    );
    let outcome = Engine::new(&ChoiceWorkflow::definition())
        .unwrap()
        .handlers(handlers)
        .unwrap()
        .run_blocking(json!({"total": 10, "priority": "rush"}));
    assert_eq!(outcome.output, Some(json!({"route": "rush", "total": 10})));
}

#[test]
fn retries_run_on_the_virtual_clock() {
    // Lambda.ServiceException is retried after 2 s and 4 s (IntervalSeconds 2, BackoffRate 2),
    // then CustomError is caught: 6 s of virtual time, none of it slept.
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let handlers = Handlers::new()
        .state(ErrorHandlingWorkflow::ProcessWithRetry, move |_| {
            let call = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move {
                Err(if call < 2 {
                    Failure::new("Lambda.ServiceException", "busy")
                } else {
                    Failure::new("CustomError", "on hold")
                })
            }
        })
        .state(
            ErrorHandlingWorkflow::HandleCustomError,
            |request| async move { Ok(request.input["error"].clone()) },
        );
    let started = std::time::Instant::now();
    let outcome = Engine::new(&ErrorHandlingWorkflow::definition())
        .unwrap()
        .handlers(handlers)
        .unwrap()
        .run_blocking(json!({}));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "no real sleeping"
    );
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(
        outcome.output,
        Some(json!({"Error": "CustomError", "Cause": "on hold"}))
    );
    assert_eq!(
        outcome.path(),
        [
            ErrorHandlingWorkflow::ProcessWithRetry,
            ErrorHandlingWorkflow::HandleCustomError
        ]
    );
    let elapsed = outcome.history.last().map_or(0, |e| e.timestamp)
        - outcome.history.first().map_or(0, |e| e.timestamp);
    assert_eq!(elapsed, 6000);
}
