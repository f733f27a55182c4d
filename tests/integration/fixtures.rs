//! The validation fixtures: each rule fixture gets its rule, with the manifest's severity and
//! pointer, under its profile; each valid fixture gets no ERROR.

use workflow::{Profile, Severity, check};

use crate::support::{data_dir, read_json};

#[test]
fn every_fixture_is_judged_as_its_manifest_says() {
    let dir = data_dir().join("validation");
    let manifest = read_json(&dir.join("manifest.json"));
    let fixtures = manifest["fixtures"].as_array().expect("fixtures");
    assert!(fixtures.len() >= 160);
    let mut failures = Vec::new();
    for fixture in fixtures {
        let file = fixture["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let profile: Profile = fixture["profile"]
            .as_str()
            .unwrap_or("aws")
            .parse()
            .unwrap();
        let report = check(&text, profile);
        if fixture["valid"] == true && report.has_errors() {
            failures.push(format!(
                "{file}: valid under {profile}, but got errors:\n{report}"
            ));
        }
        let Some(rule) = fixture["rule"].as_str() else {
            continue;
        };
        let severity = match fixture["severity"].as_str() {
            Some("WARNING") => Severity::Warning,
            _ => Severity::Error,
        };
        let pointer = fixture["pointer"].as_str().unwrap_or_default();
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .filter(|d| d.rule.id() == rule)
            .collect();
        if !found.iter().any(|d| d.severity == severity) {
            failures.push(format!(
                "{file}: expected {rule} as {severity:?} under {profile}, got:\n{report}"
            ));
        } else if pointer.starts_with('/')
            && !found.iter().any(|d| at_or_below(&d.pointer, pointer))
        {
            failures.push(format!(
                "{file}: {rule} expected at {pointer}, got:\n{report}"
            ));
        }
        // Valid near-miss fixtures under another profile must still be valid under `aws`.
        if profile != Profile::Aws
            && fixture["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("V95"))
            && check(&text, Profile::Aws).has_errors()
        {
            failures.push(format!("{file}: should be valid as a STANDARD machine"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures misjudged:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether `pointer` is `expected` or inside it (we may point at the exact member, e.g. the
/// template member holding a bad expression, where the manifest names the field).
fn at_or_below(pointer: &str, expected: &str) -> bool {
    pointer == expected
        || (pointer.starts_with(expected) && pointer[expected.len()..].starts_with('/'))
}
