//! The seed Map workflow: each of `$.items` through ProcessItem, at most 10 at once, results
//! at `$.processedItems`.
//!
//! `cargo run --example map -- emit` prints its ASL, equal to `examples/map.asl.json`; without
//! arguments it processes two items on the bundled interpreter.

use serde_json::{Value, json};
use workflow::builder::{ValidationErrors, Workflow};
use workflow::engine::Handlers;

fn workflow() -> Result<workflow::StateMachine, ValidationErrors> {
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

#[path = "support/example.rs"]
mod example;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emits_the_seed_file() {
        example::assert_emits(workflow(), "map.asl.json");
    }

    #[test]
    fn runs_on_the_interpreter() {
        let machine = workflow().unwrap_or_else(|error| panic!("{error}"));
        let outcome =
            example::run(&machine, handlers(), input()).unwrap_or_else(|error| panic!("{error}"));
        let output = outcome.output.unwrap_or_default();
        assert_eq!(
            output["processedItems"],
            json!([
            {"product_id": "prod-1", "status": "PACKED"},
            {"product_id": "prod-2", "status": "PACKED"}])
        );
        assert_eq!(output["items"], input()["items"]);
    }
}
