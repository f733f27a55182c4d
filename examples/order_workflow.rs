//! The seed order workflow (ValidateOrder → ProcessPayment → FulfillOrder) built in Rust, each
//! Lambda function a [`TaskFn`]: its ARN for AWS, its Rust body for local runs, typed.
//!
//! `cargo run --example order_workflow -- emit` prints its ASL, equal to
//! `examples/order-workflow.asl.json`; without arguments it runs on the bundled interpreter,
//! where the built workflow's handlers run the three tasks' Rust bodies.

use std::convert::Infallible;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use workflow::builder::{Built, TaskFn, ValidationErrors, Workflow};
use workflow::engine::Handlers;

#[macro_use]
#[path = "support/example.rs"]
mod example;

const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function";

#[derive(Deserialize, Serialize)]
struct Order {
    order_id: String,
    customer_id: String,
    items: Vec<Value>,
}

#[derive(Deserialize, Serialize)]
struct ValidOrder {
    #[serde(flatten)]
    order: Order,
    valid: bool,
    total: f64,
}

#[derive(Deserialize, Serialize)]
struct Payment {
    order_id: String,
    payment: Value,
}

/// Checks the order and prices it.
struct ValidateOrder;

impl TaskFn for ValidateOrder {
    type Input = Order;
    type Output = ValidOrder;
    type Error = Infallible;
    fn resource(&self) -> String {
        format!("{ARN}:ValidateOrder")
    }
    async fn call(&self, order: Order) -> Result<ValidOrder, Infallible> {
        Ok(ValidOrder {
            order,
            valid: true,
            total: 59.98,
        })
    }
}

/// Captures the payment.
struct ProcessPayment;

impl TaskFn for ProcessPayment {
    type Input = ValidOrder;
    type Output = Payment;
    type Error = Infallible;
    fn resource(&self) -> String {
        format!("{ARN}:ProcessPayment")
    }
    async fn call(&self, order: ValidOrder) -> Result<Payment, Infallible> {
        let payment = json!({"status": "CAPTURED", "amount": order.total});
        Ok(Payment {
            order_id: order.order.order_id,
            payment,
        })
    }
}

/// Ships it.
struct FulfillOrder;

impl TaskFn for FulfillOrder {
    type Input = Payment;
    type Output = Value;
    type Error = Infallible;
    fn resource(&self) -> String {
        format!("{ARN}:FulfillOrder")
    }
    async fn call(&self, paid: Payment) -> Result<Value, Infallible> {
        Ok(json!({"order_id": paid.order_id, "status": "SHIPPED"}))
    }
}

fn workflow() -> Result<Built, ValidationErrors> {
    let wf = Workflow::new();
    wf.comment("Process order workflow");
    let start = wf
        .task("ValidateOrder", ValidateOrder)
        .then(wf.task("ProcessPayment", ProcessPayment))
        .then(wf.task("FulfillOrder", FulfillOrder))
        .end();
    wf.build(start)
}

/// Nothing beyond the tasks' own bodies.
fn handlers() -> Handlers {
    Handlers::new()
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
