//! The `workflow` binary: `validate` output lines and `--json`, `explain`, `fmt`, `run`, and exit
//! codes 0/1/2.

use std::path::PathBuf;
use std::process::Output;

use serde_json::{Value, json};

use crate::support::{stdout, workflow, write};

fn examples() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".asl.json"))
        .collect();
    files.sort();
    files
}

#[test]
fn seed_examples_pass_with_a_v706_warning_for_each_elided_arn() {
    let files = examples();
    assert_eq!(files.len(), 6);
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let output = workflow(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("warning[V706]: "))
        .collect();
    // 10 elided `arn:aws:lambda:...` resources across the seeds; no errors at all.
    assert_eq!(warnings.len(), 10, "{text}");
    assert!(!text.contains("error["), "{text}");
    // The one-line summary, on stderr so that stdout holds only the findings.
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "6 files: ok, 10 warnings\n"
    );
    let choice = example("choice.asl.json");
    assert!(
        text.contains(&format!("warning[V706]: \"arn:aws:lambda:...:function:ProcessHighValue\" is an elided documentation ARN: AWS will refuse it at deploy time\n  --> {choice}:22:19\n")),
        "{text}"
    );
}

#[test]
fn an_invalid_definition_exits_1_with_located_findings() {
    let file = write(
        "broken.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Chrage"}, "Charge": {"Type": "Succeed"}}}"#,
    );
    let output = workflow(&["validate", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "1 file: 2 errors, 1 warning\n"
    );
    // Each finding as rustc shows an error: the place underlined, then help and the note.
    let text = stdout(&output);
    let line = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Chrage"}, "Charge": {"Type": "Succeed"}}}"#;
    let expected = format!(
        "error[V301]: \"Chrage\" is not a state
 --> {file}:1:59
  |
1 | {line}
  |                                                           ^^^^^^^^ `/States/A/Next` in state `A`
  |
  = help: did you mean \"Charge\"?
  = note: `workflow explain V301` says what the rule checks and why

error[V306]: no transition leads to \"Charge\"
 --> {file}:1:70
  |
1 | {line}
  |                                                                      ^^^^^^^^ `/States/Charge` in state `Charge`
  |
  = help: point a `Next`, a Choice rule, `Default` or a catcher at it, or delete it
  = note: `workflow explain V306` says what the rule checks and why
"
    );
    assert!(text.starts_with(&expected), "{text}");
}

#[test]
fn json_output_lists_every_finding() {
    let file = write(
        "unknown-field.asl.json",
        r#"{"StartAt": "A", "Timeout": 5, "States": {"A": {"Type": "Pass", "End": true}}}"#,
    );
    let output = workflow(&["validate", "--json", &file]);
    assert_eq!(output.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(value[0]["valid"], false);
    let finding = &value[0]["diagnostics"][0];
    assert_eq!(finding["rule"], "V104");
    assert_eq!(finding["severity"], "ERROR");
    assert_eq!(finding["pointer"], "/Timeout");
    assert_eq!(finding["help"], "did you mean `TimeoutSeconds`?");
    assert_eq!(finding["explain"], "workflow explain V104");
    assert_eq!(
        finding["help_url"],
        "https://github.com/workflow-rs/workflow/blob/main/docs/rules.md#v104"
    );
}

#[test]
fn explain_prints_the_entry_of_every_rule() {
    for rule in workflow::Rule::ALL {
        let output = workflow(&["explain", rule.id()]);
        assert_eq!(output.status.code(), Some(0), "{rule}");
        let text = stdout(&output);
        assert_eq!(text, rule.explain(), "{rule}");
        assert!(text.contains("**Fix:**"), "{rule}");
    }
    let v301 = stdout(&workflow(&["explain", "v301"]));
    assert!(v301.starts_with("V301: "), "{v301}");
    assert!(v301.contains("MISSING_TRANSITION_TARGET"), "{v301}");
    let list = stdout(&workflow(&["explain"]));
    assert_eq!(list.lines().count(), workflow::Rule::ALL.len(), "{list}");
    assert!(list.starts_with("V101  "), "{list}");
}

#[test]
fn explain_refuses_an_unknown_id_with_exit_2() {
    let output = workflow(&["explain", "E0308"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("`E0308` is not a rule id"), "{error}");
    assert!(
        error.contains("`workflow explain` lists them all"),
        "{error}"
    );
}

#[test]
fn express_profile_refuses_callbacks() {
    let file = write(
        "callback.asl.json",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}"#,
    );
    assert_eq!(workflow(&["validate", &file]).status.code(), Some(0));
    let output = workflow(&["validate", "--profile", "aws-express", &file]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("error[V953]: "), "{text}");
    assert!(text.contains("`/States/P/Resource` in state `P`"), "{text}");
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let not_json = write("not-json.asl.json", "{\n  \"StartAt\": x\n}");
    let output = workflow(&["validate", &not_json]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        format!(
            "error[V101]: the definition is not JSON: expected value at line 2, column 14
 --> {not_json}:2:14
  |
2 |   \"StartAt\": x
  |              ^ the definition
  |
  = note: `workflow explain V101` says what the rule checks and why

"
        )
    );
    let array = write("array.asl.json", "[1, 2]");
    let output = workflow(&["validate", &array]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("error[V102]"),
        "{}",
        stdout(&output)
    );
    let output = workflow(&["validate", "/nonexistent/x.asl.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read the file"));
    // Usage errors are clap's, also 2.
    assert_eq!(workflow(&["validate"]).status.code(), Some(2));
    assert_eq!(
        workflow(&["validate", "--profile", "strict", &array])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn fmt_prints_the_canonical_form_and_check_detects_drift() {
    let messy = write(
        "messy.asl.json",
        r#"{"States": {"A": {"End": true, "Result": {"b": 1, "a": 2}, "Type": "Pass"}}, "StartAt": "A", "Comment": "c"}"#,
    );
    let output = workflow(&["fmt", &messy]);
    assert_eq!(output.status.code(), Some(0));
    let canonical = stdout(&output);
    assert_eq!(
        canonical,
        "{\n  \"Comment\": \"c\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"Result\": {\n        \"b\": 1,\n        \"a\": 2\n      },\n      \"End\": true\n    }\n  }\n}\n"
    );
    assert_eq!(workflow(&["fmt", "--check", &messy]).status.code(), Some(1));
    let clean = write("clean.asl.json", &canonical);
    assert_eq!(workflow(&["fmt", "--check", &clean]).status.code(), Some(0));
}

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn run_executes_the_readme_example_on_its_mocks() {
    let input = format!("@{}", example("order-input.json"));
    let output = workflow(&[
        "run",
        &example("order-workflow.asl.json"),
        "--input",
        &input,
        "--mocks",
        &example("order-mocks.json"),
        "--json",
        "--stats",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    // No ResultPath anywhere: the output is the last task's (FulfillOrder's) mocked result.
    let mocks: Value =
        serde_json::from_str(&std::fs::read_to_string(example("order-mocks.json")).unwrap())
            .unwrap();
    assert_eq!(result["status"], "SUCCEEDED");
    assert_eq!(
        result["output"],
        mocks["mocks"]["FulfillOrder"][0]["output"]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("transitions=3 elapsed_us="), "{stderr}");
}

/// `workflow run` of the YAML seed answers what the JSON seed answers, `validate` finds the
/// same, and `fmt` converts either way and back without loss.
#[test]
fn yaml_definitions_validate_format_and_run_like_their_json() {
    let (json, yaml) = (
        example("order-workflow.asl.json"),
        example("order-workflow.asl.yaml"),
    );
    let input = format!("@{}", example("order-input.json"));
    let mocks = example("order-mocks.json");
    let run = |definition: &str| {
        let output = workflow(&[
            "run", definition, "--input", &input, "--mocks", &mocks, "--json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        serde_json::from_str::<Value>(&stdout(&output)).unwrap()
    };
    let from_json = run(&json);
    assert_eq!(from_json["status"], "SUCCEEDED");
    assert_eq!(run(&yaml), from_json);

    let findings = |definition: &str| {
        let output = workflow(&["validate", "--json", definition]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
        results[0]["diagnostics"].clone()
    };
    assert_eq!(findings(&yaml), findings(&json));

    let to_yaml = stdout(&workflow(&["fmt", "--to", "yaml", &json]));
    let canonical_yaml = stdout(&workflow(&["fmt", &yaml]));
    assert_eq!(canonical_yaml, to_yaml);
    assert!(
        canonical_yaml.starts_with("Comment: Process order workflow\nStartAt: ValidateOrder\n")
    );
    let canonical_json = stdout(&workflow(&["fmt", &json]));
    assert_eq!(
        stdout(&workflow(&["fmt", "--to", "json", &yaml])),
        canonical_json
    );
    let written = write("canonical.asl.yaml", &canonical_yaml);
    assert_eq!(
        workflow(&["fmt", "--check", &written]).status.code(),
        Some(0)
    );
    // The seed keeps a comment, which is not canonical.
    assert_eq!(workflow(&["fmt", "--check", &yaml]).status.code(), Some(1));
}

#[test]
fn bad_yaml_is_reported_with_its_line_and_duplicate_keys_as_findings() {
    let broken = write(
        "broken.asl.yaml",
        "StartAt: A\nStates:\n  A: {Type: Pass, End: true\n",
    );
    let output = workflow(&["validate", &broken]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "unreadable, as a JSON syntax error is"
    );
    let text = stdout(&output);
    assert!(
        text.contains("V101") && text.contains("is not YAML") && text.contains("at line"),
        "{text}"
    );

    let twice = write(
        "twice.asl.yaml",
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n  A:\n    Type: Succeed\n",
    );
    let output = workflow(&["validate", "--json", &twice]);
    assert_eq!(output.status.code(), Some(1));
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let first = &results[0]["diagnostics"][0];
    assert_eq!(
        (first["rule"].as_str(), first["pointer"].as_str()),
        (Some("V204"), Some("/States/A")),
        "{results}"
    );

    let unknown = workflow(&["fmt", "--to", "toml", &twice]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// `--sub` and `--substitutions` fill `${NAME}` as `DefinitionSubstitutions` does; without a
/// value `validate` notes the placeholder and checks around it, and `run` refuses, naming it.
#[test]
fn substitutions_fill_placeholders_and_run_refuses_the_ones_left() {
    let definition = write(
        "placeholders.asl.json",
        r#"{"Comment": "orders in ${Env}", "StartAt": "Charge", "States": {
            "Charge": {"Type": "Task", "Resource": "${ChargeArn}", "TimeoutSeconds": ${Timeout}, "End": true}}}"#,
    );
    let output = workflow(&["validate", &definition]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = stdout(&output);
    assert_eq!(text.matches("note: ").count(), 3, "{text}");
    assert!(
        text.contains(&format!(
            "note: {definition}: ${{ChargeArn}} has no value (--sub ChargeArn=VALUE)"
        )),
        "{text}"
    );

    let output = workflow(&[
        "validate",
        "--json",
        "--sub",
        "ChargeArn=not-an-arn",
        &definition,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(results[0]["diagnostics"][0]["rule"], "V705");
    assert_eq!(results[0]["unresolved"], json!(["Env", "Timeout"]));

    let refused = workflow(&["run", &definition, "--sub", "Timeout=30"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("${ChargeArn} (at /States/Charge/Resource)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("${Env}"),
        "a Comment needs no value: {stderr}"
    );

    let values = write(
        "values.yaml",
        "ChargeArn: arn:aws:lambda:us-east-1:123456789012:function:Charge\nTimeout: 30\n",
    );
    let mocks = write(
        "charge-mocks.json",
        r#"{"Charge": [{"output": {"paid": true}}]}"#,
    );
    let output = workflow(&[
        "run",
        &definition,
        "--substitutions",
        &values,
        "--mocks",
        &mocks,
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["output"], json!({"paid": true}));

    let bad = workflow(&["validate", "--sub", "no-equals-sign", &definition]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`no-equals-sign` is not NAME=VALUE"));
}

fn sample(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/samples")
        .join(path)
        .display()
        .to_string()
}

/// Templates and `cdk.out` folders validate machine by machine, each finding naming the
/// machine's logical id; `run --machine` runs one of them.
#[test]
fn templates_validate_each_state_machine_and_run_the_one_chosen() {
    let output = workflow(&[
        "validate",
        &sample("sam/template.yaml"),
        &sample("cloudformation/template.json"),
        &sample("cdk.out"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("3 files: ok"), "{stderr}");

    let broken = write(
        "broken-template.yaml",
        "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: Go\n        States:\n          Go:\n            Type: Task\n            Resource: !GetAtt Fn.Arn\n            Next: Shipp\n  Fn:\n    Type: AWS::Serverless::Function\n",
    );
    let output = workflow(&["validate", &broken]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    // Shown in the template, where the inline definition is, with the machine's logical id.
    assert!(
        text.starts_with(&format!(
            "error[V301]: \"Shipp\" is not a state\n  --> {broken}:11:19\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("^^^^^ `/States/Go/Next` in state `Go` of `Flow`"),
        "{text}"
    );

    // A `DefinitionUri` file's findings are shown in that file; a `DefinitionString`'s on the
    // string in the template.
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/tmp/sam-broken");
    std::fs::create_dir_all(folder.join("statemachine")).unwrap();
    std::fs::write(
        folder.join("statemachine/flow.asl.yaml"),
        "StartAt: Go\nStates:\n  Go:\n    Type: Wait\n    Seconds: ${Delay}\n    Next: Stop\n",
    )
    .unwrap();
    let sam = folder.join("template.yaml");
    std::fs::write(
        &sam,
        "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/flow.asl.yaml\n  Cfn:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: '{\"StartAt\": \"X\", \"States\": {}}'\n",
    )
    .unwrap();
    let output = workflow(&["validate", &sam.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let file = folder
        .join("statemachine/flow.asl.yaml")
        .display()
        .to_string();
    assert!(
        text.contains(&format!("note: {file}: Flow: ${{Delay}} has no value")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "error[V301]: \"Stop\" is not a state\n --> {file}:6:11\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(" --> {}:9:25\n", sam.display())),
        "the DefinitionString: {text}"
    );

    let template = sample("cloudformation/template.json");
    let ambiguous = workflow(&["run", &template]);
    assert_eq!(ambiguous.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(
        stderr.contains("choose one with --machine (ShipStateMachine, AuditStateMachine)"),
        "{stderr}"
    );
    let mocks = write(
        "audit-mocks.json",
        r#"{"Audit": [{"output": {"audited": true}}]}"#,
    );
    let output = workflow(&[
        "run",
        &template,
        "--machine",
        "AuditStateMachine",
        "--mocks",
        &mocks,
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["output"], json!({"audited": true}));
    let unknown = workflow(&["run", &template, "--machine", "Nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no state machine `Nope`"));
}

/// `workflow graph` prints the library's Mermaid or DOT, or writes it with `-o`.
#[test]
fn graph_prints_mermaid_or_dot() {
    let order = example("order-workflow.asl.json");
    let machine =
        workflow::StateMachine::from_json(&std::fs::read_to_string(&order).unwrap()).unwrap();
    let output = workflow(&["graph", &order]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), machine.to_mermaid());
    let written = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("order.dot");
    let output = workflow(&[
        "graph",
        &order,
        "--format",
        "dot",
        "-o",
        &written.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), machine.to_dot());
    let yaml = workflow(&["graph", &example("order-workflow.asl.yaml")]);
    assert_eq!(stdout(&yaml), machine.to_mermaid(), "YAML draws the same");
    let broken = write("graph-broken.asl.json", "{\"StartAt\": 1}");
    let output = workflow(&["graph", &broken]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("cannot draw a definition that does not load")
    );
}

/// `workflow coverage` reads the histories `workflow run --history` prints and names what they
/// never exercised; with every path taken it exits 0.
#[test]
fn coverage_names_what_recorded_runs_never_took() {
    let definition = write(
        "coverage.asl.json",
        r#"{"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Stop"},
          "Done": {"Type": "Succeed"}, "Stop": {"Type": "Fail", "Error": "No"}}}"#,
    );
    let record = |input: &str, name: &str| {
        let output = workflow(&["run", &definition, "--input", input, "--history"]);
        write(name, &String::from_utf8_lossy(&output.stderr))
    };
    let ok = record(r#"{"ok": true}"#, "ok.history.jsonl");
    let output = workflow(&["coverage", &definition, &ok]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "states       2/3\ntransitions  1/2\ncatchers     0/0\nretriers     0/0\nnever exercised:\n  - Default of `Check` (/States/Check/Default)\n  - state `Stop` (/States/Stop)\n"
    );
    let not_ok = record(r#"{"ok": false}"#, "not-ok.history.jsonl");
    let output = workflow(&["coverage", &definition, &ok, &not_ok]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let broken = write("broken.history.json", "{\"events\": 5}");
    assert_eq!(
        workflow(&["coverage", &definition, &broken]).status.code(),
        Some(2)
    );
}

#[test]
fn run_exits_1_with_the_error_of_a_failed_execution() {
    let definition = write(
        "fails.asl.json",
        r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Order.Rejected", "Cause": "out of stock"}}}"#,
    );
    let output = workflow(&["run", &definition, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        result,
        serde_json::json!({"status": "FAILED", "error": "Order.Rejected", "cause": "out of stock"})
    );
}

#[test]
fn run_refuses_bad_input_with_exit_2() {
    let definition = write(
        "pass.asl.json",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let stderr = |output: &Output| String::from_utf8_lossy(&output.stderr).into_owned();
    let output = workflow(&["run", &definition, "--input", "{"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--input is not JSON"));
    let big = write(
        "big-input.json",
        &format!("{{\"blob\": \"{}\"}}", "x".repeat(300_000)),
    );
    let output = workflow(&["run", &definition, "--input", &format!("@{big}")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("AWS refuses execution input over 262144 bytes"),
        "{}",
        stderr(&output)
    );
    let unknown_state = write(
        "unknown-state.asl.json",
        r#"{"StartAt": "Nowhere", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let output = workflow(&["run", &unknown_state]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot run this definition"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn run_evaluates_jsonata_with_variables() {
    let definition = write(
        "jsonata.asl.json",
        r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"base": "{% $states.input.a * 10 %}"}, "Next": "B"},
            "B": {"Type": "Pass", "Output": {"sum": "{% $base + $states.input.a %}", "parts": "{% $partition([1,2,3], 2) %}"}, "End": true}}}"#,
    );
    let output = workflow(&["run", &definition, "--input", r#"{"a": 4}"#, "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert_eq!(
        result,
        serde_json::json!({"status": "SUCCEEDED", "output": {"sum": 44, "parts": [[1, 2], [3]]}})
    );
}

/// A definition whose Choice sends totals over `limit` to review, after a charging Task.
fn review_definition(limit: u32) -> String {
    json!({"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge", "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": limit, "Next": "Review"}], "Default": "Ship"},
        "Review": {"Type": "Pass", "End": true},
        "Ship": {"Type": "Pass", "End": true}}})
    .to_string()
}

#[test]
fn replay_follows_a_recorded_history_and_names_where_a_change_leaves_it() {
    use workflow::engine::{Engine, Handlers};
    // Record once, with a real handler for the Task; the replay answers it from the record.
    let handlers = Handlers::new().state("Charge", |request| async move {
        Ok(json!({"total": request.input["total"], "charged": true}))
    });
    let recorded = Engine::from_json(&review_definition(100))
        .and_then(|engine| engine.handlers(handlers))
        .unwrap()
        .run_blocking(json!({"total": 150}));
    let history = write(
        "review-history.json",
        &json!({"events": recorded.history}).to_string(),
    );
    let same = write("review-100.asl.json", &review_definition(100));
    let output = workflow(&["replay", &same, &history]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("follows the record"),
        "{}",
        stdout(&output)
    );

    let changed = write("review-200.asl.json", &review_definition(200));
    let output = workflow(&["replay", &changed, &history]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{history}: diverges at step 6 (after `Route` exited with {{\"total\":150,\"charged\":true}}): recorded `Review` entered with {{\"total\":150,\"charged\":true}}; replayed `Ship` entered with {{\"total\":150,\"charged\":true}}\n"
        )
    );

    let not_history = write("not-history.json", "{\"events\": 3}");
    let output = workflow(&["replay", &same, &not_history]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn import_prints_a_workflow_block_and_refuses_what_the_macro_refuses() {
    let order = example("order-workflow.asl.json");
    let output = workflow(&["import", &order, "--name", "OrderWorkflow"]);
    assert_eq!(output.status.code(), Some(0));
    let source = stdout(&output);
    let machine =
        workflow::StateMachine::from_json(&std::fs::read_to_string(&order).unwrap()).unwrap();
    // The library's rendering, which `workflow-macros/tests/imported.rs` proves compiles to the
    // original definitions.
    assert_eq!(
        source,
        workflow::codegen::workflow_macro(&machine, "OrderWorkflow", false)
    );
    assert!(
        source.starts_with("workflow::workflow! {\n    pub OrderWorkflow {\n"),
        "{source}"
    );

    let written = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("flow.rs");
    let output = workflow(&["import", &order, "-o", &written.display().to_string()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&written)
            .unwrap_or_default()
            .contains("pub Flow {")
    );

    let endless = write(
        "endless.asl.json",
        r#"{"StartAt": "Poll", "States": {"Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"}, "Check": {"Type": "Pass", "Next": "Poll"}}}"#,
    );
    let output = workflow(&["import", &endless]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("the workflow! macro and build() would refuse this definition"),
        "{error}"
    );

    // Builder code, top-down: the library's rendering, which
    // `tests/integration/imported_builder.rs` proves builds the original definitions.
    let output = workflow(&[
        "import",
        &order,
        "--style",
        "builder",
        "--name",
        "OrderWorkflow",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let source = stdout(&output);
    assert_eq!(
        source,
        workflow::codegen::builder_function(&machine, "order_workflow").unwrap()
    );
    assert!(
        source.contains("pub fn order_workflow() -> Result<Built, ValidationErrors> {"),
        "{source}"
    );
    assert!(
        source.contains(".then(wf.task(\"ProcessPayment\","),
        "{source}"
    );
    let null_input = write(
        "null-input.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": null, "End": true}}}"#,
    );
    let output = workflow(&["import", &null_input, "--style", "builder"]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("/States/A/InputPath: the builder does not write `InputPath` as it is written here; import it as a `workflow!` block (`--style macro`)"),
        "{error}"
    );
}

/// `--format sarif` is a SARIF 2.1.0 log that the standard's own schema accepts, each result
/// placed at its line and column; `--format github` prints one workflow command per finding.
#[test]
fn sarif_output_validates_against_the_schema_and_github_lines_have_their_shape() {
    let broken = write(
        "sarif.asl.json",
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Shipp\"},\n    \"Ship\": {\"Type\": \"Succeed\"}\n  }\n}\n",
    );
    let template = sample("sam/template.yaml");
    let output = workflow(&["validate", "--format", "sarif", &broken, &template]);
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let schema_path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/sarif/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}\n{log:#}");
    // The schema accepts this shape only: a log that breaks it must fail, or the test is void.
    let mut broken_log = log.clone();
    broken_log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&broken_log));

    let results = log["runs"][0]["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(first["ruleId"], "V301");
    assert_eq!(first["level"], "error");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 4, "startColumn": 35})
    );
    assert_eq!(
        first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/States/A/Next"
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(
        rules[first["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "V301"
    );

    let output = workflow(&["validate", "--format", "github", &broken]);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        format!(
            "::error file={},line=4,col=35,title=V301::\"Shipp\" is not a state (did you mean \"Ship\"?)",
            broken.replace(':', "%3A").replace(',', "%2C")
        )
    );
    for line in &lines {
        let (command, message) = line[2..].split_once("::").unwrap();
        let (level, properties) = command.split_once(' ').unwrap();
        assert!(matches!(level, "error" | "warning"), "{line}");
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
}
