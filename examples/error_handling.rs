//! The seed error-handling workflow: two retriers with back-off, then catchers for
//! `CustomError` and everything else.
//!
//! `cargo run --example error_handling -- emit` prints its ASL, equal to
//! `examples/error-handling.asl.json`; without arguments it runs on the bundled interpreter,
//! where Process fails twice with a retried error and then with `CustomError`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use workflow::builder::{Built, Catch, Retry, ValidationErrors, Workflow};
use workflow::engine::{Failure, Handlers};

#[macro_use]
#[path = "support/example.rs"]
mod example;

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    let process = wf
        .task("ProcessWithRetry", "arn:aws:lambda:...:function:Process")
        .retry(
            Retry::on(["Lambda.ServiceException", "Lambda.TooManyRequestsException"])
                .interval_seconds(2)
                .max_attempts(6)
                .backoff_rate(2.0)
                .or(Retry::on(["States.Timeout"])
                    .interval_seconds(5)
                    .max_attempts(3)
                    .backoff_rate(1.5)),
        )
        .catch(
            Catch::on(
                ["CustomError"],
                wf.task(
                    "HandleCustomError",
                    "arn:aws:lambda:...:function:HandleCustom",
                )
                .end(),
            )
            .result_path("$.error")
            .or(Catch::all(
                wf.fail("HandleAllErrors")
                    .error("ProcessingFailed")
                    .cause("An error occurred during processing")
                    .add(),
            )
            .result_path("$.error")),
        )
        .end();
    wf.build(process)
}

fn handlers() -> Handlers {
    let calls = Arc::new(AtomicUsize::new(0));
    Handlers::new()
        .state("ProcessWithRetry", move |_| {
            let call = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                Err(match call {
                    0 | 1 => Failure::new("Lambda.ServiceException", "try again"),
                    _ => Failure::new("CustomError", "the order is on hold"),
                })
            }
        })
        .state("HandleCustomError", |request| async move {
            Ok(json!({"handled": request.input["error"]["Error"]}))
        })
}

fn input() -> Value {
    json!({"order_id": "12345"})
}

fn main() -> std::process::ExitCode {
    example::main(workflow(), handlers(), input())
}

example_tests!("error-handling.asl.json", json!({"handled": "CustomError"}));
