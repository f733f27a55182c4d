//! `${Name}` placeholders in a definition, filled as CloudFormation and SAM fill them from a
//! state machine's `DefinitionSubstitutions`: the text is substituted before it is read, so a
//! value can stand inside a string (`"Resource": "${ChargeFunctionArn}"`) or for a whole number
//! or boolean (`"TimeoutSeconds": ${Timeout}`). `${!Name}` is the literal text `${Name}`.
//!
//! A placeholder without a value is left for deploy time: [`check`] does not report what is
//! wrong only because its value is not there yet, and [`Substituted::unresolved`] names it. One
//! inside a string stays in the text (an ARN placeholder in `Resource` is accepted); one that
//! stands for a whole number or boolean of a field that takes one (`"Seconds": ${Delay}`,
//! `End: ${Last}`) is read as a valid value of that field, so the rest of the state is checked.
//!
//! ```
//! use workflow_dsl::substitutions::{Substitutions, check};
//! use workflow_dsl::{Format, Profile};
//!
//! let text = r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
//!     "Resource": "${ChargeFunctionArn}", "TimeoutSeconds": ${Timeout}, "End": true}}}"#;
//! let partial = Substitutions::new().with("Timeout", "30").apply(text, Format::Json);
//! assert_eq!(partial.unresolved, ["ChargeFunctionArn"]);
//! assert!(!check(&partial, Profile::Aws).has_errors());
//! ```

use std::collections::BTreeMap;

use serde_json::Value;

use crate::asl::Format;
use crate::diagnostics::pointer::child;
use crate::validate::{Profile, Report, check_as};

/// Values for `${Name}` placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Substitutions {
    values: BTreeMap<String, String>,
}

/// Why a substitutions map cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SubstitutionsError {
    /// `--sub` text without `=`.
    #[error("`{0}` is not NAME=VALUE")]
    NotAssignment(String),
    /// The map is not an object of strings, numbers and booleans.
    #[error("{0}")]
    NotAMap(String),
}

impl Substitutions {
    /// No values.
    pub fn new() -> Substitutions {
        Substitutions::default()
    }

    /// With `name` replaced by `value`.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<String>) -> Substitutions {
        self.values.insert(name.into(), value.into());
        self
    }

    /// Adds one `NAME=VALUE` (the CLI's `--sub`).
    ///
    /// # Errors
    ///
    /// When the text has no `=` or no name before it.
    pub fn insert_assignment(&mut self, text: &str) -> Result<(), SubstitutionsError> {
        match text.split_once('=') {
            Some((name, value)) if !name.is_empty() => {
                self.values.insert(name.to_owned(), value.to_owned());
                Ok(())
            }
            _ => Err(SubstitutionsError::NotAssignment(text.to_owned())),
        }
    }

    /// Adds the members of a JSON object of strings, numbers and booleans, as a
    /// `DefinitionSubstitutions` map holds them (the CLI's `--substitutions FILE`).
    ///
    /// # Errors
    ///
    /// When `map` is not an object, or a value is an object, array or null (in a template such
    /// a value is an intrinsic like `!GetAtt`, which only a deployment resolves).
    pub fn insert_map(&mut self, map: &Value) -> Result<(), SubstitutionsError> {
        let Value::Object(members) = map else {
            return Err(SubstitutionsError::NotAMap(
                "the substitutions are not a map of names to values".to_owned(),
            ));
        };
        for (name, value) in members {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                Value::Bool(flag) => flag.to_string(),
                other => {
                    return Err(SubstitutionsError::NotAMap(format!(
                        "the value of `{name}` is {}, not a string, number or boolean",
                        kind(other)
                    )));
                }
            };
            self.values.insert(name.clone(), text);
        }
        Ok(())
    }

    /// Adds the members of a map written as JSON or YAML text (see [`Substitutions::insert_map`]).
    ///
    /// # Errors
    ///
    /// When the text does not read, or is not such a map.
    pub fn insert_text(&mut self, text: &str, format: Format) -> Result<(), SubstitutionsError> {
        let parsed = match format {
            Format::Json => crate::asl::json::parse(text),
            #[cfg(feature = "yaml")]
            Format::Yaml => crate::asl::yaml::parse(text),
            #[cfg(not(feature = "yaml"))]
            Format::Yaml => {
                return Err(SubstitutionsError::NotAMap(
                    "this build reads no YAML: turn on the `yaml` feature".to_owned(),
                ));
            }
        };
        let parsed = parsed.map_err(|error| {
            SubstitutionsError::NotAMap(format!("not {}: {error}", format.as_str().to_uppercase()))
        })?;
        self.insert_map(&parsed.value.to_value())
    }

    /// These values, with `other`'s replacing any of the same name.
    pub fn merged(mut self, other: &Substitutions) -> Substitutions {
        for (name, value) in &other.values {
            self.values.insert(name.clone(), value.clone());
        }
        self
    }

    /// Whether no value is given.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every placeholder that has a value replaced by it. A placeholder without a
    /// value stays; in JSON, one standing outside a string is quoted, so that the text still
    /// reads and the field holds the placeholder until deploy time.
    pub fn apply(&self, text: &str, format: Format) -> Substituted {
        let mut out = String::with_capacity(text.len());
        let mut unresolved: Vec<String> = Vec::new();
        let mut in_string = false;
        let mut escaped = false;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c == '$'
                && let Some((name, length)) = placeholder(rest)
            {
                let whole = &rest[..length];
                match name.strip_prefix('!') {
                    Some(literal) => {
                        out.push_str("${");
                        out.push_str(literal);
                        out.push('}');
                    }
                    None => match self.values.get(name) {
                        Some(value) => out.push_str(value),
                        None => {
                            if !unresolved.iter().any(|known| known == name) {
                                unresolved.push(name.to_owned());
                            }
                            let after = &rest[length..];
                            match stand_in(&out, after, format, in_string) {
                                Some(value) => out.push_str(value),
                                None if format == Format::Json && !in_string => {
                                    out.push('"');
                                    out.push_str(whole);
                                    out.push('"');
                                }
                                None => out.push_str(whole),
                            }
                        }
                    },
                }
                rest = &rest[length..];
                escaped = false;
                continue;
            }
            if format == Format::Json {
                match (c, in_string, escaped) {
                    ('"', _, false) => in_string = !in_string,
                    ('\\', true, false) => {
                        escaped = true;
                        out.push(c);
                        rest = &rest[c.len_utf8()..];
                        continue;
                    }
                    _ => {}
                }
            }
            escaped = false;
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        Substituted {
            text: out,
            format,
            unresolved,
        }
    }
}

/// A definition's text after [`Substitutions::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Substituted {
    /// The text to read.
    pub text: String,
    /// How it is written.
    pub format: Format,
    /// The placeholders left without a value, in the order they first appear.
    pub unresolved: Vec<String>,
}

impl Substituted {
    /// Each value that holds a placeholder left without a value: its JSON pointer and the
    /// placeholders in it. Empty when the text does not read.
    pub fn placeholder_fields(&self) -> Vec<(String, Vec<String>)> {
        if self.unresolved.is_empty() {
            return Vec::new();
        }
        let parsed = match self.format {
            Format::Json => crate::asl::json::parse(&self.text),
            #[cfg(feature = "yaml")]
            Format::Yaml => crate::asl::yaml::parse(&self.text),
            #[cfg(not(feature = "yaml"))]
            Format::Yaml => return Vec::new(),
        };
        let Ok(parsed) = parsed else {
            return Vec::new();
        };
        let mut fields = Vec::new();
        collect(&parsed.value.to_value(), String::new(), &mut fields);
        fields
    }
}

/// [`check_as`] of a substituted text, without the findings on values that hold a placeholder
/// left without a value: those values come at deploy time.
pub fn check(substituted: &Substituted, profile: Profile) -> Report {
    let report = check_as(&substituted.text, substituted.format, profile);
    let fields = substituted.placeholder_fields();
    if fields.is_empty() {
        return report;
    }
    let held = |pointer: &str| {
        fields.iter().any(|(field, _)| {
            pointer == field
                || pointer
                    .strip_prefix(field.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    Report::new(
        report
            .diagnostics()
            .iter()
            .filter(|diagnostic| !held(&diagnostic.pointer))
            .cloned()
            .collect(),
    )
}

/// A valid value of the field whose whole value is the placeholder between `before` and
/// `after`, for the fields that take a number or boolean; `None` elsewhere.
fn stand_in(before: &str, after: &str, format: Format, in_string: bool) -> Option<&'static str> {
    let key = match format {
        Format::Json if !in_string => before
            .trim_end()
            .strip_suffix(':')?
            .trim_end()
            .strip_suffix('"')?
            .rsplit('"')
            .next()?,
        Format::Json => return None,
        Format::Yaml => {
            let line_end = after.find('\n').unwrap_or(after.len());
            let rest_of_line = after[..line_end].trim();
            if !(rest_of_line.is_empty() || rest_of_line.starts_with('#')) {
                return None;
            }
            let line = before.rsplit('\n').next()?;
            let key = line.trim_end().strip_suffix(':')?.trim_start();
            key.trim_start_matches("- ").trim()
        }
    };
    Some(match key {
        "End" | "BooleanEquals" | "IsNull" | "IsPresent" | "IsString" | "IsNumeric"
        | "IsBoolean" | "IsTimestamp" => "true",
        // Large, so that a literal `HeartbeatSeconds` stays below it.
        "TimeoutSeconds" => "99999999",
        "Seconds"
        | "HeartbeatSeconds"
        | "IntervalSeconds"
        | "MaxAttempts"
        | "BackoffRate"
        | "MaxDelaySeconds"
        | "MaxConcurrency"
        | "MaxItems"
        | "MaxItemsPerBatch"
        | "MaxInputBytesPerBatch" => "1",
        "ToleratedFailureCount" | "ToleratedFailurePercentage" => "0",
        "NumericEquals"
        | "NumericLessThan"
        | "NumericGreaterThan"
        | "NumericLessThanEquals"
        | "NumericGreaterThanEquals" => "0",
        _ => return None,
    })
}

/// The name and whole length of the placeholder `${…}` at the start of `text`, if it is one:
/// a name of letters, digits and `_ . :` (CloudFormation's `AWS::Region`, `Fn.Arn`), or `!`
/// and such a name.
fn placeholder(text: &str) -> Option<(&str, usize)> {
    let inside = text.strip_prefix("${")?;
    let end = inside.find('}')?;
    let name = &inside[..end];
    let bare = name.strip_prefix('!').unwrap_or(name);
    let valid = !bare.is_empty()
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':'));
    valid.then_some((name, end + 3))
}

/// The placeholders (not `${!…}`) in `text`.
fn names_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        match placeholder(&rest[at..]) {
            Some((name, length)) => {
                if !name.starts_with('!') {
                    names.push(name.to_owned());
                }
                rest = &rest[at + length..];
            }
            None => rest = &rest[at + 2..],
        }
    }
    names
}

fn collect(value: &Value, pointer: String, fields: &mut Vec<(String, Vec<String>)>) {
    match value {
        Value::String(text) => {
            let names = names_in(text);
            if !names.is_empty() {
                fields.push((pointer, names));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, child(&pointer, &index.to_string()), fields);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                collect(member, child(&pointer, key), fields);
            }
        }
        _ => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        _ => "a scalar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_replace_placeholders_inside_and_outside_strings() {
        let subs = Substitutions::new()
            .with(
                "Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:Charge",
            )
            .with("Timeout", "30");
        let text = r#"{"Resource": "${Arn}", "TimeoutSeconds": ${Timeout}, "Note": "${!Arn} $5 ${not a name}"}"#;
        let out = subs.apply(text, Format::Json);
        assert_eq!(
            out.text,
            r#"{"Resource": "arn:aws:lambda:us-east-1:123456789012:function:Charge", "TimeoutSeconds": 30, "Note": "${Arn} $5 ${not a name}"}"#
        );
        assert!(out.unresolved.is_empty());
    }

    #[test]
    fn a_placeholder_without_a_value_stays_and_is_quoted_outside_json_strings() {
        let text = r#"{"A": "x${Env}y", "B": ${Count}, "C": "say \"${Env}\"", "D": ["${AWS::Region}"], "Seconds": ${Delay}}"#;
        let out = Substitutions::new().apply(text, Format::Json);
        assert_eq!(
            out.text,
            r#"{"A": "x${Env}y", "B": "${Count}", "C": "say \"${Env}\"", "D": ["${AWS::Region}"], "Seconds": 1}"#
        );
        assert_eq!(out.unresolved, ["Env", "Count", "AWS::Region", "Delay"]);
        assert_eq!(
            out.placeholder_fields(),
            [
                ("/A".to_owned(), vec!["Env".to_owned()]),
                ("/B".to_owned(), vec!["Count".to_owned()]),
                ("/C".to_owned(), vec!["Env".to_owned()]),
                ("/D/0".to_owned(), vec!["AWS::Region".to_owned()]),
            ]
        );
    }

    #[test]
    fn findings_on_values_left_for_deploy_time_are_not_reported() {
        let text = r#"{"StartAt": "Charge", "States": {
            "Charge": {"Type": "Task", "Resource": "${ChargeArn}", "Next": "Wait"},
            "Wait": {"Type": "Wait", "Seconds": ${Delay}, "Next": "Shipp"}}}"#;
        let out = Substitutions::new().apply(text, Format::Json);
        let report = check(&out, Profile::Aws);
        let rules: Vec<&str> = report.errors().map(|d| d.rule.id()).collect();
        // The Wait state is read with a valid `Seconds`, so its own mistakes are found.
        assert_eq!(rules, ["V301", "V307"], "{report}");
        let filled = Substitutions::new()
            .with("ChargeArn", "not an arn")
            .with("Delay", "5")
            .apply(text, Format::Json);
        let rules: Vec<&str> = check(&filled, Profile::Aws)
            .errors()
            .map(|d| d.rule.id())
            .collect();
        assert_eq!(rules, ["V301", "V307", "V705"], "a given value is checked");
    }

    #[test]
    fn yaml_fields_that_take_numbers_or_booleans_read_a_valid_value() {
        let text = "Wait:\n  Seconds: ${Delay}  # from the template\n  End: ${Last}\n  Comment: ${Note}\n  Retry:\n    - MaxAttempts: ${Tries}\n";
        let out = Substitutions::new().apply(text, Format::Yaml);
        assert_eq!(
            out.text,
            "Wait:\n  Seconds: 1  # from the template\n  End: true\n  Comment: ${Note}\n  Retry:\n    - MaxAttempts: 1\n"
        );
        assert_eq!(out.unresolved, ["Delay", "Last", "Note", "Tries"]);
    }

    #[test]
    fn maps_and_assignments_are_read_with_clear_errors() {
        let mut subs = Substitutions::new();
        subs.insert_assignment("Table=orders").unwrap();
        subs.insert_map(&serde_json::json!({"Retries": 3, "Debug": true}))
            .unwrap();
        let out = subs.apply("a: ${Table} ${Retries} ${Debug}", Format::Yaml);
        assert_eq!(out.text, "a: orders 3 true");
        assert!(subs.insert_assignment("no-equals").is_err());
        let error = subs
            .insert_map(&serde_json::json!({"Fn": {"Fn::GetAtt": ["F", "Arn"]}}))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the value of `Fn` is an object, not a string, number or boolean"
        );
    }
}
