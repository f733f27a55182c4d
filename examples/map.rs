//! The seed Map workflow: each of `$.items` through ProcessItem, at most 10 at once, results
//! at `$.processedItems`.
//!
//! `cargo run --example map -- emit` prints its ASL, equal to `examples/map.asl.json`; without
//! arguments it processes two items on the bundled interpreter.

use serde_json::{Value, json};
use workflow::builder::{Built, ValidationErrors, Workflow};
use workflow::engine::Handlers;

#[macro_use]
#[path = "support/example.rs"]
mod example;

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    let process = wf
        .map("ProcessItems")
        .items_path("$.items")
        .max_concurrency(10)
        // The seed uses `Iterator`, the older name of `ItemProcessor`.
        .iterator(|p| {
            p.task("ProcessItem", "arn:aws:lambda:...:function:ProcessItem")
                .end()
        })
        .result_path("$.processedItems")
        .end();
    wf.build(process)
}

fn handlers() -> Handlers {
    Handlers::new().state("ProcessItem", |request| async move {
        Ok(json!({"product_id": request.input["product_id"], "status": "PACKED"}))
    })
}

fn input() -> Value {
    json!({"items": [{"product_id": "prod-1", "quantity": 2}, {"product_id": "prod-2", "quantity": 1}]})
}

fn main() -> std::process::ExitCode {
    example::main(workflow(), handlers(), input())
}

example_tests!(
    "map.asl.json",
    json!({"items": input()["items"], "processedItems": [{"product_id": "prod-1", "status": "PACKED"}, {"product_id": "prod-2", "status": "PACKED"}]})
);
