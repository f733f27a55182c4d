//! Every definition AWS accepted parses, re-emits as equal JSON, and validates without an
//! ERROR; every definition AWS rejected is rejected; ValidateStateMachineDefinition answers
//! match AWS's.

use std::path::PathBuf;

use serde_json::Value;
use workflow::{Format, Profile, StateMachine, check, check_as};

use crate::support::{data_dir, json_eq, read_json};

struct Case {
    path: PathBuf,
    value: Value,
}

impl Case {
    fn status(&self) -> &str {
        self.value["expected"]["status"]
            .as_str()
            .unwrap_or_default()
    }
    fn profile(&self) -> Profile {
        match self.value["notes"]["state_machine_type"].as_str() {
            Some("EXPRESS") => Profile::AwsExpress,
            _ => Profile::Aws,
        }
    }
    /// The definition as AWS received it: text, or the JSON value serialised.
    fn text(&self) -> String {
        match (&self.value["definition_text"], &self.value["definition"]) {
            (Value::String(text), _) => text.clone(),
            (_, definition) => serde_json::to_string_pretty(definition).unwrap(),
        }
    }
}

fn cases() -> Vec<Case> {
    let root = data_dir().join("aws-recorded");
    let cases: Vec<Case> = crate::recorded::case_files(&root)
        .into_iter()
        .map(|path| Case {
            value: read_json(&path),
            path,
        })
        .collect();
    assert!(
        cases.len() >= 1128,
        "expected the 1,128 recorded cases, found {}",
        cases.len()
    );
    cases
}

fn name(case: &Case) -> String {
    case.path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_accepted_definition_round_trips_losslessly() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        if matches!(case.status(), "CREATE_FAILED" | "VALIDATED")
            || case.value.get("definition").is_none()
        {
            continue;
        }
        checked += 1;
        let original = &case.value["definition"];
        match StateMachine::from_value(original) {
            Ok(machine) => {
                let emitted = machine.to_value();
                if !json_eq(&emitted, original) {
                    failures.push(format!(
                        "{}: re-emitted JSON differs:\n{emitted}",
                        name(&case)
                    ));
                }
                let reparsed = StateMachine::from_json(&machine.to_json_pretty());
                if reparsed.as_ref() != Ok(&machine) {
                    failures.push(format!("{}: parse(emit(m)) != m", name(&case)));
                }
                let yaml = machine.to_yaml();
                let from_yaml = StateMachine::from_yaml(&yaml);
                if from_yaml.as_ref() != Ok(&machine) {
                    failures.push(format!(
                        "{}: from_yaml(to_yaml(m)) != m:\n{yaml}",
                        name(&case)
                    ));
                }
            }
            Err(report) => failures.push(format!("{}: does not load:\n{report}", name(&case))),
        }
    }
    assert!(checked > 1000, "only {checked} definitions checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_definition_aws_ran_validates_without_error() {
    let mut failures = Vec::new();
    for case in cases() {
        if matches!(case.status(), "CREATE_FAILED" | "VALIDATED") {
            continue;
        }
        let report = check(&case.text(), case.profile());
        if report.has_errors() {
            failures.push(format!("{} ({}):\n{report}", name(&case), case.profile()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} accepted definitions get errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// YAML is only another way to write the same definition: every recorded definition, written
/// as YAML, gets exactly the findings its JSON gets.
#[test]
fn every_recorded_definition_in_yaml_gets_the_findings_of_its_json() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for case in cases() {
        let definition = &case.value["definition"];
        if !definition.is_object() {
            continue;
        }
        compared += 1;
        let json = serde_json::to_string_pretty(definition).unwrap();
        let yaml = serde_saphyr::to_string(definition).unwrap();
        let from_json = check(&json, case.profile());
        let from_yaml = check_as(&yaml, Format::Yaml, case.profile());
        if from_json != from_yaml {
            failures.push(format!(
                "{}:\n  json: {from_json}\n  yaml: {from_yaml}",
                name(&case)
            ));
        }
    }
    assert!(compared > 1000, "only {compared} definitions compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const ACTIVITY_TOKEN: &str = "lsxany_create_activity_result_activityArn";

#[test]
fn every_definition_aws_rejected_is_rejected_with_its_message() {
    let mut rejected = 0;
    let mut failures = Vec::new();
    for case in cases()
        .into_iter()
        .filter(|c| c.status() == "CREATE_FAILED")
    {
        rejected += 1;
        let report = check(&case.text(), case.profile());
        let expected = case.value["expected"]["cause"].as_str().unwrap_or_default();
        // LocalStack's snapshot replaced the partition with a token; AWS printed `aws`.
        let expected = expected.replace("arn:<partition>:", "arn:aws:");
        let report = match case.text() {
            // The replay could not create the activity the test created, and left a token
            // where its ARN went; AWS saw a real activity ARN.
            text if text.contains(ACTIVITY_TOKEN) => check(
                &text.replace(
                    ACTIVITY_TOKEN,
                    "arn:aws:states:us-east-1:111111111111:activity:activity",
                ),
                case.profile(),
            ),
            _ => report,
        };
        match report.aws_create_error() {
            None => failures.push(format!("{}: accepted, AWS said {expected}", name(&case))),
            Some(actual) if actual != expected => failures.push(format!(
                "{}: message differs\n  ours: {actual}\n  AWS:  {expected}",
                name(&case)
            )),
            Some(_) => {}
        }
    }
    assert_eq!(rejected, 15);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn validate_state_machine_definition_answers_match_aws() {
    let mut answered = 0;
    let mut failures = Vec::new();
    for case in cases().into_iter().filter(|c| c.status() == "VALIDATED") {
        answered += 1;
        let expected = &case.value["expected"]["validation"];
        let actual = check(&case.text(), case.profile()).to_aws_validation();
        if actual["result"] != expected["result"] {
            failures.push(format!(
                "{}: result {} but AWS said {}",
                name(&case),
                actual["result"],
                expected["result"]
            ));
            continue;
        }
        let (Some(ours), Some(theirs)) = (
            actual["diagnostics"].as_array(),
            expected["diagnostics"].as_array(),
        ) else {
            continue;
        };
        if ours.len() != theirs.len() {
            failures.push(format!(
                "{}: {} diagnostics, AWS gave {}:\n{actual}",
                name(&case),
                ours.len(),
                theirs.len()
            ));
            continue;
        }
        for (ours, theirs) in ours.iter().zip(theirs) {
            // Jackson's parser messages (INVALID_JSON_DESCRIPTION) are not ours to imitate;
            // everything else must match field for field.
            let fields: &[&str] = if theirs["code"] == "INVALID_JSON_DESCRIPTION" {
                &["code", "severity"]
            } else {
                &["code", "severity", "message", "location"]
            };
            for field in fields {
                if ours[field] != theirs[field] {
                    failures.push(format!(
                        "{}: {field} is {} but AWS said {}",
                        name(&case),
                        ours[field],
                        theirs[field]
                    ));
                }
            }
        }
    }
    assert_eq!(answered, 12);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
