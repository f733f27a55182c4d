//! The seed Parallel workflow: three single-Task branches, then Succeed.
//!
//! `cargo run --example parallel -- emit` prints its ASL, equal to `examples/parallel.asl.json`;
//! without arguments the three branches run on the bundled interpreter.

use serde_json::{Value, json};
use workflow::builder::{Built, ValidationErrors, Workflow};
use workflow::engine::Handlers;

#[macro_use]
#[path = "support/example.rs"]
mod example;

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    let fan_out = wf
        .parallel("ProcessInParallel")
        .branch(|b| {
            b.task(
                "UpdateInventory",
                "arn:aws:lambda:...:function:UpdateInventory",
            )
            .end()
        })
        .branch(|b| {
            b.task(
                "SendNotification",
                "arn:aws:lambda:...:function:SendNotification",
            )
            .end()
        })
        .branch(|b| {
            b.task(
                "UpdateAnalytics",
                "arn:aws:lambda:...:function:UpdateAnalytics",
            )
            .end()
        })
        .then(wf.succeed("Complete"));
    wf.build(fan_out)
}

fn handlers() -> Handlers {
    Handlers::new()
        .state("UpdateInventory", |_| async {
            Ok(json!({"inventory": "reserved"}))
        })
        .state("SendNotification", |_| async {
            Ok(json!({"notification": "sent"}))
        })
        .state("UpdateAnalytics", |_| async {
            Ok(json!({"analytics": "recorded"}))
        })
}

fn input() -> Value {
    json!({"order_id": "12345"})
}

fn main() -> std::process::ExitCode {
    example::main(workflow(), handlers(), input())
}

example_tests!(
    "parallel.asl.json",
    json!([{"inventory": "reserved"}, {"notification": "sent"}, {"analytics": "recorded"}])
);
