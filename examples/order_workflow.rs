//! The seed order workflow (ValidateOrder → ProcessPayment → FulfillOrder) built in Rust.
//!
//! `cargo run --example order_workflow -- emit` prints its ASL, equal to
//! `examples/order-workflow.asl.json`; without arguments it runs on the bundled interpreter
//! with Rust closures as the three Lambda functions.

use serde_json::{Value, json};
use workflow::builder::{Built, ValidationErrors, Workflow};
use workflow::engine::Handlers;

#[macro_use]
#[path = "support/example.rs"]
mod example;

const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function";

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    wf.comment("Process order workflow");
    let fulfill = wf.task("FulfillOrder", format!("{ARN}:FulfillOrder")).end();
    let payment = wf
        .task("ProcessPayment", format!("{ARN}:ProcessPayment"))
        .next(fulfill);
    let validate = wf
        .task("ValidateOrder", format!("{ARN}:ValidateOrder"))
        .next(payment);
    wf.build(validate)
}

fn handlers() -> Handlers {
    Handlers::new()
        .state("ValidateOrder", |request| async move {
            let mut order = request.input;
            order["valid"] = json!(true);
            order["total"] = json!(59.98);
            Ok(order)
        })
        .state("ProcessPayment", |request| async move {
            let amount = request.input["total"].clone();
            Ok(json!({"order_id": request.input["order_id"], "payment": {"status": "CAPTURED", "amount": amount}}))
        })
        .state("FulfillOrder", |request| async move {
            Ok(json!({"order_id": request.input["order_id"], "status": "SHIPPED"}))
        })
}

fn input() -> Value {
    json!({"order_id": "12345", "customer_id": "cust-789",
        "items": [{"product_id": "prod-1", "quantity": 2}]})
}

fn main() -> std::process::ExitCode {
    example::main(workflow(), handlers(), input())
}

example_tests!(
    "order-workflow.asl.json",
    json!({"order_id": "12345", "status": "SHIPPED"})
);
