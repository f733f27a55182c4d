//! The order-approval workflow, shared by `build.rs` (which emits it) and `main.rs` (which
//! runs it).

use schemars::JsonSchema;
use serde_json::json;
use workflow_dsl::builder::{Built, Condition, ValidationErrors, Workflow};
use workflow_dsl::path;

/// The execution input.
#[derive(JsonSchema)]
#[allow(dead_code)] // only its shape is used: the schema and the typed paths
pub struct ApprovalRequest {
    /// The order being approved.
    pub order_id: String,
    /// Its amount in cents.
    pub amount: u64,
}

/// Small orders are approved at once; larger ones go to a reviewer. Returns the state machine
/// (with the validator's warnings) and the JSON Schema of its input.
pub fn approval() -> Result<(Built, Option<serde_json::Value>), ValidationErrors> {
    let wf = Workflow::new().with_input::<ApprovalRequest>();
    wf.comment("Approve an order: automatically below 100, by a reviewer above");
    let done = wf.declare("Done");
    let route = wf
        .choice("Route")
        .when(
            Condition::numeric_less_than(path!(ApprovalRequest.amount), 100),
            wf.pass("AutoApprove")
                .result(json!({"approved": true, "by": "policy"}))
                .result_path("$.approval")
                .next(done),
        )
        .otherwise(
            wf.task(
                "ManualReview",
                "arn:aws:lambda:us-east-1:123456789012:function:Review",
            )
            .timeout_seconds(3600)
            .result_path("$.approval")
            .next(done),
        );
    done.is(wf.succeed("Done").add());
    wf.build_with_schema(route)
}
