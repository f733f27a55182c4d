//! The order-approval workflow, shared by `build.rs` (which emits it) and `main.rs` (which
//! runs it).

use serde_json::json;
use workflow_dsl::StateMachine;
use workflow_dsl::builder::{Condition, ValidationErrors, Workflow};

/// Small orders are approved at once; larger ones go to a reviewer.
pub fn approval() -> Result<StateMachine, ValidationErrors> {
    let wf = Workflow::new();
    wf.comment("Approve an order: automatically below 100, by a reviewer above");
    let done = wf.succeed("Done").add();
    let auto = wf
        .pass("AutoApprove")
        .result(json!({"approved": true, "by": "policy"}))
        .result_path("$.approval")
        .next(done);
    let review = wf
        .task(
            "ManualReview",
            "arn:aws:lambda:us-east-1:123456789012:function:Review",
        )
        .timeout_seconds(3600)
        .result_path("$.approval")
        .next(done);
    let route = wf
        .choice("Route")
        .when(Condition::numeric_less_than("$.amount", 100), auto)
        .otherwise(review);
    wf.build(route)
}
