//! The seed Choice workflow: high-value orders, then rush orders, else standard.
//!
//! `cargo run --example choice -- emit` prints its ASL, equal to `examples/choice.asl.json`;
//! without arguments it runs a rush order on the bundled interpreter.

use serde_json::{Value, json};
use workflow::builder::{Built, Condition, ValidationErrors, Workflow};
use workflow::engine::Handlers;

#[macro_use]
#[path = "support/example.rs"]
mod example;

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    let check = wf
        .choice("CheckOrderValue")
        .when(
            Condition::numeric_greater_than("$.total", 1000),
            wf.task(
                "HighValueOrder",
                "arn:aws:lambda:...:function:ProcessHighValue",
            )
            .end(),
        )
        .when(
            Condition::string_equals("$.priority", "rush"),
            wf.task("RushOrder", "arn:aws:lambda:...:function:ProcessRush")
                .end(),
        )
        .otherwise(
            wf.task(
                "StandardOrder",
                "arn:aws:lambda:...:function:ProcessStandard",
            )
            .end(),
        );
    wf.build(check)
}

fn handlers() -> Handlers {
    let route = |name: &'static str| move |_| async move { Ok(json!({"route": name})) };
    Handlers::new()
        .state("HighValueOrder", route("high-value"))
        .state("RushOrder", route("rush"))
        .state("StandardOrder", route("standard"))
}

fn input() -> Value {
    json!({"total": 80, "priority": "rush"})
}

fn main() -> std::process::ExitCode {
    example::main(workflow(), handlers(), input())
}

example_tests!("choice.asl.json", json!({"route": "rush"}));
