//! Assertions and definition builders shared by the validator's test files.

// Each test file is its own crate and uses a subset of these.
#![allow(dead_code)]

use workflow_dsl::{Profile, Rule, Severity, check};

/// Every finding for `json` under `profile`, as (rule, severity, pointer).
pub fn findings(json: &str, profile: Profile) -> Vec<(Rule, Severity, String)> {
    check(json, profile)
        .diagnostics()
        .iter()
        .map(|d| (d.rule, d.severity, d.pointer.clone()))
        .collect()
}

/// Asserts that `rule` fires with `severity` at `pointer` under `profile`.
#[track_caller]
pub fn fires_in(json: &str, profile: Profile, rule: Rule, severity: Severity, pointer: &str) {
    let all = findings(json, profile);
    assert!(
        all.iter()
            .any(|(r, s, p)| *r == rule && *s == severity && p == pointer),
        "expected {rule:?} {severity:?} at {pointer:?} under {profile}, got {all:#?}\nfor {json}"
    );
}

/// Asserts that `rule` fires with `severity` at `pointer` under `Profile::Aws`.
#[track_caller]
pub fn fires(json: &str, rule: Rule, severity: Severity, pointer: &str) {
    fires_in(json, Profile::Aws, rule, severity, pointer);
}

/// Asserts that `rule` does not fire under `profile`.
#[track_caller]
pub fn silent_in(json: &str, profile: Profile, rule: Rule) {
    let all = findings(json, profile);
    assert!(
        !all.iter().any(|(r, _, _)| *r == rule),
        "expected no {rule:?} under {profile}, got {all:#?}\nfor {json}"
    );
}

/// Asserts that `rule` does not fire under `Profile::Aws`.
#[track_caller]
pub fn silent(json: &str, rule: Rule) {
    silent_in(json, Profile::Aws, rule);
}

/// `levels` Parallel states nested inside one another, each with one branch.
pub fn nested_parallels(levels: usize) -> String {
    let mut inner = r#"{"Type":"Pass","End":true}"#.to_owned();
    for level in (0..levels).rev() {
        let name = format!("L{}", level + 1);
        inner = format!(
            r#"{{"Type":"Parallel","Branches":[{{"StartAt":"{name}","States":{{"{name}":{inner}}}}}],"End":true}}"#
        );
    }
    format!(r#"{{"StartAt":"L0","States":{{"L0":{inner}}}}}"#)
}
