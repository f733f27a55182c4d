//! Definitions written the way AWS's published samples write them (`tests/data/samples/`): AWS
//! creates each one, so none gets an error, and each gets exactly the warnings its manifest
//! lists. Each file holds one of the shapes that were once refused here: integration ARNs with a
//! region and account, an unquoted filter comparand, a fraction without its leading zero, a path
//! with a trailing blank, DynamoDB expressions that look like calls, `${…}` placeholders that
//! `DefinitionSubstitutions` fills at deploy time, and YAML itself.

use std::path::Path;

use serde_json::Value;
use workflow::substitutions::{Substitutions, check};
use workflow::{Format, Profile, StateMachine};

use crate::support::{data_dir, read_json};

#[test]
fn every_sample_validates_without_error_and_with_its_listed_warnings() {
    let dir = data_dir().join("samples");
    let expected = read_json(&dir.join("expected.json"));
    let expected = expected.as_object().expect("expected.json is an object");
    let mut checked = 0;
    for (file, warnings) in expected {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        // Placeholders (`${OrdersTable}`) are left for deploy time, as `sam validate` leaves them.
        let definition = Substitutions::new().apply(&text, Format::of_file(&path, &text));
        let report = check(&definition, Profile::Aws);
        assert!(!report.has_errors(), "{file}:\n{report}");
        let found: Vec<Value> = report
            .warnings()
            .map(|warning| Value::from(warning.rule.id()))
            .collect();
        assert_eq!(&Value::Array(found), warnings, "{file}:\n{report}");
        checked += 1;
    }
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|entry| {
            let name = entry.as_ref().unwrap().file_name();
            name.to_string_lossy().contains(".asl.")
        })
        .count();
    assert_eq!(checked, files, "every sample is listed in expected.json");
}

/// Given values, the SAM sample's placeholders become the definition AWS deploys, in JSON and
/// YAML alike; one left without a value in a number field is named by `unresolved`.
#[test]
fn substituted_samples_are_the_same_definition_in_json_and_yaml() {
    let dir = data_dir().join("samples");
    let substitutions = Substitutions::new()
        .with(
            "CheckStockFunctionArn",
            "arn:aws:lambda:us-east-1:123456789012:function:CheckStock",
        )
        .with("TaskTimeout", "30")
        .with("MaxRetries", "3")
        .with("AWS::Partition", "aws")
        .with("OrdersTable", "orders");
    let load = |file: &str| {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let definition = substitutions.apply(&text, Format::of_file(Path::new(file), &text));
        assert!(definition.unresolved.is_empty(), "{file}");
        StateMachine::from_text(&definition.text, definition.format)
            .unwrap_or_else(|report| panic!("{file}: {report}"))
    };
    let (json, yaml) = (load("sam-order.asl.json"), load("sam-order.asl.yaml"));
    assert_eq!(json.states, yaml.states);
    let value = json.to_value();
    assert_eq!(value["States"]["CheckStock"]["TimeoutSeconds"], 30);
    assert_eq!(value["States"]["CheckStock"]["Retry"][0]["MaxAttempts"], 3);
    assert_eq!(
        value["States"]["Record"]["Resource"],
        "arn:aws:states:::dynamodb:putItem"
    );
    let partial = Substitutions::new().with("TaskTimeout", "30").apply(
        &std::fs::read_to_string(dir.join("sam-order.asl.yaml")).unwrap(),
        Format::Yaml,
    );
    assert_eq!(
        partial.unresolved,
        [
            "CheckStockFunctionArn",
            "MaxRetries",
            "AWS::Partition",
            "OrdersTable"
        ]
    );
}

/// The blank after a path is ignored when it runs, as AWS's path engine trims it.
#[test]
fn a_path_with_a_trailing_blank_reads_the_same_value() {
    let path = data_dir().join("samples/execution-name.asl.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let machine = StateMachine::from_text(&text, Format::of_file(Path::new("x.yaml"), &text))
        .unwrap_or_else(|report| panic!("{report}"));
    let engine = workflow::engine::Engine::new(&machine).unwrap();
    let outcome = engine.run_blocking(serde_json::json!({}));
    let output = outcome.output.unwrap_or_default();
    assert!(output["name"].is_string(), "{output}");
    assert_eq!(output["name"], output["name"].as_str().unwrap().trim());
    assert!(!output["name"].as_str().unwrap().is_empty());
}

/// The machines of the sample SAM, CloudFormation and CDK templates, read as `workflow validate`
/// reads them: every value the template knows is filled (ARNs from `!GetAtt`, names from
/// `!Ref`, pseudo parameters), and none gets an error.
#[test]
fn template_machines_get_their_values_from_the_template_and_validate() {
    let dir = data_dir().join("samples");
    let read = |file: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let value = workflow::template::parse(&text, Format::of_file(&path, &text))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        assert!(workflow::template::is_template(&value), "{file}");
        workflow::template::machines(&value, &path, &Substitutions::new())
            .unwrap_or_else(|error| panic!("{file}: {error}"))
    };
    let mut checked = Vec::new();
    for file in [
        "sam/template.yaml",
        "cloudformation/template.json",
        "cdk.out/OrderStack.template.json",
    ] {
        for machine in read(file) {
            let definition = machine.definition.as_ref().expect("a definition");
            assert!(
                definition.unresolved.is_empty(),
                "{file}: {}: {:?}",
                machine.logical_id,
                definition.unresolved
            );
            let profile = if machine.express {
                Profile::AwsExpress
            } else {
                Profile::Aws
            };
            let report = check(definition, profile);
            assert!(
                !report.has_errors(),
                "{file}: {}:\n{report}",
                machine.logical_id
            );
            let loaded = StateMachine::from_text(&definition.text, definition.format).unwrap();
            checked.push((
                machine.logical_id.clone(),
                machine.express,
                loaded.to_value(),
            ));
        }
    }
    let ids: Vec<(&str, bool)> = checked
        .iter()
        .map(|(id, express, _)| (id.as_str(), *express))
        .collect();
    assert_eq!(
        ids,
        [
            ("OrderStateMachine", false),
            ("RefundStateMachine", true),
            ("ShipStateMachine", false),
            ("AuditStateMachine", true),
            ("OrderFlowStateMachineABCD1234", false)
        ]
    );
    let lambda = |name: &str| format!("arn:aws:lambda:us-east-1:123456789012:function:{name}");
    let (order, refund, ship, audit, cdk) = (
        &checked[0].2,
        &checked[1].2,
        &checked[2].2,
        &checked[3].2,
        &checked[4].2,
    );
    assert_eq!(
        order["States"]["CheckStock"]["Resource"],
        lambda("CheckStockFunction")
    );
    assert_eq!(
        order["States"]["Record"]["Parameters"]["TableName"],
        "OrdersTable"
    );
    assert_eq!(
        order["States"]["Notify"]["Parameters"]["TopicArn"],
        "arn:aws:sns:us-east-1:123456789012:NotifyTopic"
    );
    assert_eq!(
        order["Comment"], "Orders for prod",
        "the parameter's default"
    );
    assert_eq!(
        refund["States"]["Refund"]["Parameters"]["FunctionName"],
        lambda("RefundFunction")
    );
    assert_eq!(
        ship["States"]["Ship"]["Resource"],
        "arn:aws:states:us-east-1:123456789012:lambda:invoke"
    );
    assert_eq!(
        ship["States"]["Queue"]["Parameters"]["QueueUrl"],
        "https://sqs.us-east-1.amazonaws.com/123456789012/ShipQueue"
    );
    assert_eq!(audit["States"]["Audit"]["Resource"], lambda("ShipFunction"));
    assert_eq!(
        cdk["States"]["Validate"]["Parameters"]["FunctionName"],
        lambda("ValidateFn1A2B3C4D")
    );
}
