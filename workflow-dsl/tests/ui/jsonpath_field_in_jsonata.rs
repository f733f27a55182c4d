use serde_json::json;
use workflow_dsl::builder::Workflow;

fn main() {
    let wf = Workflow::jsonata();
    // JSONata states take `Arguments`, not `Parameters`.
    let _ = wf
        .task("Call", "arn:aws:states:::lambda:invoke")
        .parameters(json!({"a.$": "$.a"}))
        .end();
}
