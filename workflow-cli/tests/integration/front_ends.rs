//! One definition judged by the three front ends: the builder's `build()`, `workflow!` and
//! `workflow validate` find the same findings, and the two that build from code refuse the same
//! ones (`Diagnostic::blocks_build`).

use serde_json::Value;
use workflow::builder::{Condition, ValidationErrors, Workflow};
use workflow::{Profile, Rule, check};

use crate::support::{workflow, write};

// `allow(deprecated)`: the macro reports the two warnings (V413, V706) as rustc warnings.
#[allow(deprecated)]
mod written {
    workflow::workflow! {
        pub OrderFlow {
            "StartAt": "Route",
            "States": {
                "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Charge"}]},
                "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:...:function:Charge", "End": true}
            }
        }
    }
}

use written::OrderFlow;

/// `(rule, pointer)` of each finding of `workflow validate --json FILE`.
fn cli_findings(name: &str, text: &str) -> Vec<(String, String)> {
    let file = write(name, text);
    let output = workflow(&["validate", "--json", &file]);
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    value[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["pointer"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn findings(report: &workflow::Report) -> Vec<(String, String)> {
    report
        .diagnostics()
        .iter()
        .map(|d| (d.rule.id().to_owned(), d.pointer.clone()))
        .collect()
}

#[test]
fn warnings_are_the_same_in_the_builder_the_macro_and_the_cli() {
    let wf = Workflow::new();
    let charge = wf
        .task("Charge", "arn:aws:lambda:...:function:Charge")
        .end();
    let route = wf
        .choice("Route")
        .when(Condition::numeric_greater_than("$.total", 100), charge)
        .without_default();
    let built = wf.build(route).unwrap_or_else(|error| panic!("{error}"));
    // The same definition: the builder's machine is the macro's.
    assert_eq!(built.machine, OrderFlow::definition());

    let expected = vec![
        ("V413".to_owned(), "/States/Route".to_owned()),
        ("V706".to_owned(), "/States/Charge/Resource".to_owned()),
    ];
    assert_eq!(findings(&built.warnings), expected);
    assert_eq!(findings(&check(OrderFlow::JSON, Profile::Aws)), expected);
    assert_eq!(
        cli_findings("one-verdict.asl.json", OrderFlow::JSON),
        expected
    );
}

#[test]
fn a_certain_run_time_failure_blocks_the_builder_as_it_blocks_the_macro() {
    // `workflow-macros/tests/ui/fail/loop_without_exit.rs` is the macro's side: a compile error
    // per state of the loop. AWS accepts the definition, so the CLI warns (exit 0).
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let (poll, exit) = wf.wait_seconds("Poll", 5).open();
    let check_state = wf.pass("Check").next(poll);
    exit.next(check_state);
    let route = wf
        .choice("Route")
        .when(Condition::boolean_equals("$.retry", true), poll)
        .otherwise(done);
    let report = match wf.build(route) {
        Err(ValidationErrors::Invalid(report)) => report,
        other => panic!("expected the loop to be refused, got {other:?}"),
    };
    assert!(report.blocks_build() && !report.has_errors(), "{report}");
    let blocking: Vec<Rule> = report
        .diagnostics()
        .iter()
        .filter(|d| d.blocks_build())
        .map(|d| d.rule)
        .collect();
    assert_eq!(blocking, [Rule::V308, Rule::V308]);

    let text = r#"{"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.retry", "BooleanEquals": true, "Next": "Poll"}], "Default": "Done"},
        "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
        "Check": {"Type": "Pass", "Next": "Poll"},
        "Done": {"Type": "Succeed"}}}"#;
    let file = write("loop.asl.json", text);
    assert_eq!(workflow(&["validate", &file]).status.code(), Some(0));
    assert_eq!(cli_findings("loop.asl.json", text), findings(&report));
}
