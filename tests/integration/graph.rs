//! `to_mermaid` and `to_dot` on the seed workflows and a nested definition: the text is the
//! reviewed one, Graphviz's own parser draws the DOT (`dot -Tsvg`, Debian `graphviz`), and the
//! README's Mermaid block is the tool's output.

use std::io::Write;
use std::process::{Command, Stdio};

use workflow::StateMachine;

use crate::support::read_json;

fn example(name: &str) -> StateMachine {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    StateMachine::from_value(&read_json(&path)).unwrap_or_else(|report| panic!("{name}: {report}"))
}

/// A Map whose iterations run a Parallel with a catcher, with retries and a Choice: every kind
/// of node, edge and cluster.
const NESTED: &str = r#"{"StartAt": "Route", "States": {
  "Route": {"Type": "Choice", "Choices": [
      {"And": [{"Variable": "$.total", "NumericGreaterThan": 100}, {"Variable": "$.rush", "BooleanEquals": true}], "Next": "Each"},
      {"Variable": "$.note", "IsPresent": true, "Next": "Pause"}],
    "Default": "Done"},
  "Pause": {"Type": "Wait", "Seconds": 30, "Next": "Each"},
  "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Fan", "States": {
      "Fan": {"Type": "Parallel", "Branches": [
          {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
             "Retry": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "MaxAttempts": 2}], "End": true}}},
          {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Notify", "End": true}}}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Skip"}], "End": true},
      "Skip": {"Type": "Pass", "End": true}}}, "Next": "Done"},
  "Done": {"Type": "Succeed"}}}"#;

#[test]
fn the_order_workflow_reads_as_reviewed_and_the_readme_shows_it() {
    let mermaid = example("order-workflow.asl.json").to_mermaid();
    let expected = r#"flowchart TD
    s0((" ")):::marker
    e0(((" "))):::marker
    n0["ValidateOrder<br/><small>function:ValidateOrder</small>"]
    n1["ProcessPayment<br/><small>function:ProcessPayment</small>"]
    n2["FulfillOrder<br/><small>function:FulfillOrder</small>"]
    s0 --> n0
    n0 --> n1
    n1 --> n2
    n2 --> e0
"#;
    assert!(mermaid.starts_with(expected), "{mermaid}");
    assert!(
        mermaid.ends_with("    class n0 task\n    class n1 task\n    class n2 task\n"),
        "{mermaid}"
    );
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(
        readme.contains(&format!("```mermaid\n{mermaid}```")),
        "the README's Mermaid block is not `workflow graph examples/order-workflow.asl.json`:\n{mermaid}"
    );
}

#[test]
fn a_nested_definition_has_its_clusters_labels_and_dashed_catchers() {
    let machine = StateMachine::from_json(NESTED).unwrap();
    let mermaid = machine.to_mermaid();
    for line in [
        "    n0{\"Route\"}",
        "    n1[/\"Pause<br/><small>30 s</small>\"/]",
        "    n2[[\"Each\"]]",
        "    subgraph c1 [\"Each item of Each\"]",
        "        subgraph c2 [\"Branch 1 of Fan\"]",
        "            n6[\"Reserve<br/><small>dynamodb:updateItem</small><br/><small>↻ 2× DynamoDB.ConditionalCheckFailedException</small>\"]",
        "    n0 -->|$.total #gt; 100 && $.rush == true| n2",
        "    n0 -->|$.note is present| n1",
        "    n0 -->|Default| n3",
        "    n4 -.->|States.ALL| n5",
        "    n2 -.-> s1",
    ] {
        assert!(mermaid.contains(line), "missing {line:?}:\n{mermaid}");
    }
    assert_eq!(
        mermaid,
        machine.to_mermaid(),
        "the same definition gives the same bytes"
    );
    let dot = machine.to_dot();
    assert!(
        dot.contains("n4 -> n5 [label=\"States.ALL\", style=dashed, color=\"#dc2626\"];"),
        "{dot}"
    );
    assert!(dot.contains("subgraph cluster_2 {"), "{dot}");
}

/// Graphviz reads every DOT text and draws every state once.
#[test]
fn graphviz_draws_the_dot_of_every_seed_and_the_nested_definition() {
    let mut machines: Vec<(String, StateMachine)> = [
        "order-workflow.asl.json",
        "choice.asl.json",
        "parallel.asl.json",
        "map.asl.json",
        "error-handling.asl.json",
        "boto3-order.asl.json",
    ]
    .iter()
    .map(|name| (name.to_string(), example(name)))
    .collect();
    machines.push((
        "nested".to_owned(),
        StateMachine::from_json(NESTED).unwrap(),
    ));
    for (name, machine) in machines {
        let dot = machine.to_dot();
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Graphviz's `dot` (Debian package `graphviz`; .ci/run installs it)");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stderr.is_empty(),
            "{name}: {stderr}\n{dot}"
        );
        let svg = String::from_utf8_lossy(&output.stdout);
        let graph = workflow::graph::Graph::of(&machine);
        for node in &graph.nodes {
            let title = format!("<title>{}</title>", node.id);
            assert_eq!(svg.matches(&title).count(), 1, "{name}: {}", node.name);
            assert!(
                svg.contains(&format!(">{}</text>", node.name)),
                "{name}: {}",
                node.name
            );
        }
        assert_eq!(
            svg.matches("class=\"edge\"").count(),
            graph.edges.len(),
            "{name}"
        );
    }
}
