//! `#[derive(TaskError)]`: error names for a `TaskFn` and for `Catch::on`, run on the
//! interpreter.

use serde_json::{Value, json};
use workflow::builder::{Catch, TaskError, TaskFn, Workflow};
use workflow::engine::Engine;

#[derive(Debug, workflow::TaskError)]
enum OrderError {
    OutOfStock,
    #[task_error(name = "Payment.Declined")]
    Declined {
        reason: String,
    },
}

impl std::fmt::Display for OrderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrderError::OutOfStock => f.write_str("nothing left"),
            OrderError::Declined { reason } => write!(f, "declined: {reason}"),
        }
    }
}

/// Fails as the input asks.
struct Charge;

impl TaskFn for Charge {
    type Input = Value;
    type Output = Value;
    type Error = OrderError;
    fn resource(&self) -> String {
        "arn:aws:lambda:us-east-1:123456789012:function:charge".into()
    }
    async fn call(&self, input: Value) -> Result<Value, OrderError> {
        match input["fail"].as_str() {
            Some("stock") => Err(OrderError::OutOfStock),
            Some(reason) => Err(OrderError::Declined {
                reason: reason.into(),
            }),
            None => Ok(json!("charged")),
        }
    }
}

#[test]
fn variants_are_error_names_for_catch_and_for_the_task() {
    assert_eq!(OrderError::OutOfStock.error(), "OutOfStock");
    let declined = OrderError::Declined {
        reason: "card".into(),
    };
    assert_eq!(
        (declined.error(), declined.cause()),
        ("Payment.Declined".to_owned(), "declined: card".to_owned())
    );

    let wf = Workflow::new();
    let restock = wf.pass("Restock").end();
    let charge = wf
        .task("Charge", Charge)
        .catch(Catch::on([OrderError::OutOfStock], restock))
        .end();
    let built = wf.build(charge).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        built.to_value()["States"]["Charge"]["Catch"][0]["ErrorEquals"],
        json!(["OutOfStock"])
    );
    let engine = Engine::new(&built)
        .and_then(|engine| engine.handlers(built.handlers()))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        engine.run_blocking(json!({"fail": "stock"})).path(),
        ["Charge", "Restock"]
    );
    let outcome = engine.run_blocking(json!({"fail": "expired"}));
    assert_eq!(
        (outcome.error.as_deref(), outcome.cause.as_deref()),
        (Some("Payment.Declined"), Some("declined: expired"))
    );
}
