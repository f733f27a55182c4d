//! `examples/emit-on-build`: its `build.rs` writes `workflow.json` from builder code. Building
//! the workspace (which `cargo test` does first) regenerates it; the file must be the builder's
//! workflow, canonical and valid.

use std::path::PathBuf;

use workflow::{Profile, StateMachine, validate};

#[test]
fn build_rs_emits_a_valid_canonical_workflow_json() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/emit-on-build/workflow.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let machine = StateMachine::from_json(&text).unwrap_or_else(|report| panic!("{report}"));
    assert_eq!(
        machine.to_json_pretty(),
        text,
        "emit writes the canonical form"
    );
    let report = validate(&machine, Profile::Aws);
    assert!(!report.has_errors(), "{report}");
    assert_eq!(machine.start_at, "Route");
    let names: Vec<&str> = machine.states.keys().map(String::as_str).collect();
    assert_eq!(names, ["Route", "AutoApprove", "Done", "ManualReview"]);
    assert_eq!(
        machine.to_value()["States"]["ManualReview"]["TimeoutSeconds"],
        3600
    );
}

#[test]
fn build_rs_emits_the_typed_path_and_the_input_schema() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/emit-on-build");
    let text = std::fs::read_to_string(dir.join("workflow.json")).unwrap_or_default();
    let machine = StateMachine::from_json(&text).unwrap_or_else(|report| panic!("{report}"));
    // `path!(ApprovalRequest.amount)` in the builder code.
    assert_eq!(
        machine.to_value()["States"]["Route"]["Choices"][0]["Variable"],
        "$.amount"
    );
    let path = dir.join("workflow.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(schema["title"], "ApprovalRequest");
    assert_eq!(schema["properties"]["amount"]["type"], "integer");
    assert_eq!(
        schema["required"],
        serde_json::json!(["order_id", "amount"])
    );
}
