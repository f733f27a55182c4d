//! The one validator: `validate(&StateMachine, Profile) -> Report`, and [`check`], which also
//! runs the loader's shape checks on JSON text.
//!
//! Rules are numbered as in `docs/rules.md` (`workflow explain V301` prints one). Shape and
//! syntax rules are raised while loading JSON (`asl/load/`); every rule about values the model
//! can hold is here, in `rules/`, one family per file, so a machine built in Rust gets the same
//! checks as one read from JSON. Neither half panics or returns `Err`: every problem is a
//! [`Diagnostic`].

pub(crate) mod index;
#[cfg(feature = "jsonata")]
pub(crate) mod jsonata;
mod rules;

pub use crate::diagnostics::{AwsLocation, Diagnostic, Profile, Report, Rule, Severity};

use crate::asl::{Format, StateMachine, json, load};

/// The largest definition AWS accepts, in characters (rule V114;
/// <https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html>).
pub const MAX_DEFINITION_CHARS: usize = 1_048_576;

/// Checks a machine already in the model: ranges, graph, query languages, resources,
/// variables, and the warning rules.
pub fn validate(machine: &StateMachine, profile: Profile) -> Report {
    let mut report = Report::new(rules::run(machine, profile));
    report.retain_profile(profile);
    report
}

/// Checks definition text: JSON syntax, shape (unknown or missing fields, types, path and
/// intrinsic syntax) and then, when the definition could be loaded, everything [`validate()`]
/// checks. This is what `workflow validate` and the server's ValidateStateMachineDefinition use.
pub fn check(text: &str, profile: Profile) -> Report {
    check_and_load(text, profile).1
}

/// [`check`] of a definition written in `format` (JSON or YAML).
pub fn check_as(text: &str, format: Format, profile: Profile) -> Report {
    check_and_load_as(text, format, profile).1
}

/// [`check`], and the machine when the text loads without errors: one pass for front ends that
/// need both (the `workflow!` macro).
pub fn check_and_load(text: &str, profile: Profile) -> (Option<StateMachine>, Report) {
    check_and_load_as(text, Format::Json, profile)
}

/// [`check_and_load`] of a definition written in `format`.
pub fn check_and_load_as(
    text: &str,
    format: Format,
    profile: Profile,
) -> (Option<StateMachine>, Report) {
    let mut report = Report::default();
    let (machine, diagnostics, size) = read_text(text, format);
    if size > MAX_DEFINITION_CHARS {
        report.extend(Report::new(vec![
            Diagnostic::new(
                Rule::V114,
                "",
                format!("the definition has {size} characters; AWS accepts at most {MAX_DEFINITION_CHARS}"),
            )
            .with_help("move large literals out of the definition, e.g. into the execution input")
            .with_aws_location(AwsLocation::None),
        ]));
    }
    report.extend(Report::new(diagnostics));
    if let Some(machine) = &machine {
        report.extend(Report::new(rules::run(machine, profile)));
    }
    report.retain_profile(profile);
    let machine = machine.filter(|_| !report.has_errors());
    (machine, report)
}

/// Text in `format` to the model: syntax, duplicate keys and shape, everything that is found
/// while reading, and the size AWS would measure: the characters of the JSON text (for YAML, of
/// the compact JSON it converts to, counted only when it could matter). The machine is `None`
/// only when the text cannot be read at all; it may still have errors.
pub(crate) fn read_text(
    text: &str,
    format: Format,
) -> (Option<StateMachine>, Vec<Diagnostic>, usize) {
    let parsed = match format {
        Format::Json => json::parse(text),
        #[cfg(feature = "yaml")]
        Format::Yaml => crate::asl::yaml::parse(text),
        #[cfg(not(feature = "yaml"))]
        Format::Yaml => {
            let diagnostic = Diagnostic::new(
                Rule::V101,
                "",
                "this build reads no YAML: turn on the `yaml` feature of workflow-dsl",
            );
            return (None, vec![diagnostic], 0);
        }
    };
    // Bytes bound characters from above, so most texts skip the count.
    let size = |text: &str| match text.len() > MAX_DEFINITION_CHARS {
        true => text.chars().count(),
        false => text.len(),
    };
    match parsed {
        Ok(parsed) => {
            // A YAML text's compact JSON is at most about three times as long.
            let size = match format {
                Format::Json => size(text),
                Format::Yaml if text.len() * 3 > MAX_DEFINITION_CHARS => {
                    size(&parsed.value.to_string())
                }
                Format::Yaml => 0,
            };
            let mut diagnostics = duplicate_keys(&parsed.duplicates);
            let (machine, loaded) = load::load(&parsed.value);
            diagnostics.extend(loaded);
            (machine, diagnostics, size)
        }
        Err(error) => (None, vec![read_error(text, format, error)], size(text)),
    }
}

fn read_error(text: &str, format: Format, error: json::ParseError) -> Diagnostic {
    match error {
        // AWS answers a blank definition as "not an object"
        // (tests/data/aws-recorded/definition_validation/
        // sfn_api_validation__test_validate_state_machine_definition_not_a_definition_EMPTY_STRING.json).
        json::ParseError::Syntax { .. } if text.trim().is_empty() => {
            Diagnostic::new(Rule::V102, "", "the definition is empty")
                .with_help("write `{\"StartAt\": \"First\", \"States\": {...}}`")
                .with_aws_message("Definition must be a valid JSON object")
                .with_aws_location(AwsLocation::None)
        }
        json::ParseError::Syntax { message, line, column } if format == Format::Yaml => {
            Diagnostic::new(
                Rule::V101,
                "",
                format!("the definition is not YAML: {message} at line {line}, column {column}"),
            )
            .with_aws_location(AwsLocation::None)
            .at_position(line, column.max(1))
        }
        json::ParseError::Syntax { message, line, column } => Diagnostic::new(
            Rule::V101,
            "",
            format!("the definition is not JSON: {message} at line {line}, column {column}"),
        )
        .with_aws_location(AwsLocation::Other(format!("line: {line}, column: {column}")))
        .at_position(line, column.max(1)),
        json::ParseError::TooDeep { line, column } => Diagnostic::new(
            Rule::V113,
            "",
            format!(
                "the definition nests arrays and objects more than {} levels deep (at line {line}, column {column})",
                json::MAX_DEPTH
            ),
        )
        .with_help("flatten the definition: split deeply nested Parallel or Map states into separate state machines")
        .at_position(line, column.max(1)),
    }
}

/// Whether `pointer` names a container's `States` object rather than, say, a template member
/// that happens to be called `States`.
fn is_states_object(pointer: &str) -> bool {
    let Some(container) = pointer.strip_suffix("/States") else {
        return false;
    };
    if container.is_empty()
        || container.ends_with("/ItemProcessor")
        || container.ends_with("/Iterator")
    {
        return true;
    }
    container.rsplit_once('/').is_some_and(|(parent, index)| {
        parent.ends_with("/Branches") && index.parse::<usize>().is_ok()
    })
}

/// Duplicate keys: a duplicated state name is V204; elsewhere AWS keeps the last value, which
/// silently drops data, so we warn.
fn duplicate_keys(duplicates: &[(String, String)]) -> Vec<Diagnostic> {
    duplicates
        .iter()
        .map(|(object, key)| {
            let pointer = crate::diagnostics::pointer::child(object, key);
            if is_states_object(object) {
                Diagnostic::new(Rule::V204, pointer, format!("the state name \"{key}\" is used twice in the same `States` object"))
                    .with_help("rename one of them; JSON keeps only the last one")
                    .in_state(Some(key))
            } else {
                Diagnostic::new(Rule::V101, pointer, format!("the key \"{key}\" appears twice in the same object; only the last value is kept"))
                    .with_severity(Severity::Warning)
                    .with_help("remove one of them")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(Rule, Severity, String)> {
        check(text, Profile::Aws)
            .into_iter()
            .map(|d| (d.rule, d.severity, d.pointer))
            .collect()
    }

    #[test]
    fn a_state_name_twice_in_one_states_object_is_v204() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}}"#;
        assert_eq!(
            rules(text),
            vec![(Rule::V204, Severity::Error, "/States/A".to_owned())]
        );
        let nested = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "B", "States": {"B": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}]}}}"#;
        assert_eq!(
            rules(nested),
            vec![(
                Rule::V204,
                Severity::Error,
                "/States/P/Branches/0/States/B".to_owned()
            )]
        );
    }

    #[test]
    fn other_duplicate_keys_are_a_warning_because_aws_keeps_the_last() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"States": {"x": 1, "x": 2}}, "End": true}}}"#;
        assert_eq!(
            rules(text),
            vec![(
                Rule::V101,
                Severity::Warning,
                "/States/A/Result/States/x".to_owned()
            )]
        );
    }

    #[test]
    fn text_that_is_not_json_is_v101_with_its_position() {
        let report = check("{\"StartAt\": }", Profile::Aws);
        let finding = &report.diagnostics()[0];
        assert_eq!(finding.rule, Rule::V101);
        assert_eq!(
            finding.message,
            "the definition is not JSON: expected value at line 1, column 13"
        );
        assert_eq!(check("   ", Profile::Aws).diagnostics()[0].rule, Rule::V102);
    }

    #[test]
    fn definitions_over_a_mebibyte_of_characters_are_v114() {
        let padding = "é".repeat(MAX_DEFINITION_CHARS);
        let text = format!(
            r#"{{"Comment": "{padding}", "StartAt": "A", "States": {{"A": {{"Type": "Succeed"}}}}}}"#
        );
        assert!(rules(&text).iter().any(|(rule, _, _)| *rule == Rule::V114));
        let fits = "é".repeat(MAX_DEFINITION_CHARS / 2 - 100);
        let text = format!(
            r#"{{"Comment": "{fits}", "StartAt": "A", "States": {{"A": {{"Type": "Succeed"}}}}}}"#
        );
        assert_eq!(rules(&text), vec![]);
    }
}
