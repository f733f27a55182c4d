//! Findings about a definition: [`Diagnostic`], its [`Severity`], and the [`Report`] that
//! collects them, with renderings in our format and in the shapes AWS's API uses.

use std::fmt;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Profile, Rule};

/// How bad a finding is, with the two levels AWS's `ValidateStateMachineDefinition` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// AWS refuses the definition, or the spec forbids it.
    Error,
    /// AWS accepts it, but it fails or misbehaves at run time, or is almost certainly a mistake.
    Warning,
}

impl Severity {
    /// `"ERROR"` or `"WARNING"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
        }
    }
}

/// One finding about a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule the definition breaks (`workflow explain V301` says what it checks and why).
    #[serde(serialize_with = "serialize_rule")]
    pub rule: Rule,
    /// How bad it is.
    pub severity: Severity,
    /// RFC 6901 pointer to the offending member (`/States/Charge/Retry/0/ErrorEquals`).
    pub pointer: String,
    /// The innermost state containing the pointer, when there is one.
    pub state: Option<String>,
    /// What is wrong, quoting the input.
    pub message: String,
    /// What to do about it, when there is something specific to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// AWS's own text for this finding, where AWS's is recorded (`tests/data/aws-recorded/definition_validation/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
    /// AWS's location where it differs from `pointer` (AWS points at the template object for a
    /// bad `.$` member, and gives no location at all for some findings).
    #[serde(skip)]
    pub aws_location: AwsLocation,
    /// Line and column (from 1) in the text, for findings about the text itself (a syntax
    /// error); other findings are placed by their pointer.
    #[serde(skip)]
    pub position: Option<(usize, usize)>,
}

/// Where AWS reports a finding, when that is not the diagnostic's pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AwsLocation {
    /// Same as the pointer.
    #[default]
    Pointer,
    /// Another location text.
    Other(String),
    /// AWS gives no location.
    None,
}

fn serialize_rule<S: serde::Serializer>(rule: &Rule, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(rule.id())
}

impl Diagnostic {
    /// Whether a definition written in Rust is refused for this finding: every error, and the
    /// warnings that are certain failures at run time ([`Rule::SURE_FAILURES`]). The builder's
    /// `build()` and the `workflow!` macro both decide by this, so they agree on every graph.
    pub fn blocks_build(&self) -> bool {
        self.severity == Severity::Error || Rule::SURE_FAILURES.contains(&self.rule)
    }

    /// A diagnostic of `rule` with its default severity.
    pub fn new(rule: Rule, pointer: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            pointer: pointer.into(),
            state: None,
            message: message.into(),
            help: None,
            aws_message: None,
            aws_location: AwsLocation::Pointer,
            position: None,
        }
    }

    /// Sets the line and column of a finding about the text itself.
    pub fn at_position(mut self, line: usize, column: usize) -> Diagnostic {
        self.position = Some((line, column));
        self
    }

    /// Sets the innermost state.
    pub fn in_state(mut self, state: Option<&str>) -> Diagnostic {
        self.state = state.map(str::to_owned);
        self
    }

    /// Sets what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Overrides the severity (V108 and V609 are warnings for some values).
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Sets AWS's recorded text.
    pub fn with_aws_message(mut self, message: impl Into<String>) -> Diagnostic {
        self.aws_message = Some(message.into());
        self
    }

    /// Sets AWS's location where it differs from the pointer.
    pub fn with_aws_location(mut self, location: AwsLocation) -> Diagnostic {
        self.aws_location = location;
        self
    }

    /// The `code` AWS's `ValidateStateMachineDefinition` would give: AWS's code where AWS has
    /// one, `SCHEMA_VALIDATION_FAILED` for other errors, and the rule id for our own warnings.
    pub fn aws_code(&self) -> &'static str {
        match (self.rule.aws_code(), self.severity) {
            (Some(code), _) => code,
            (None, Severity::Error) => "SCHEMA_VALIDATION_FAILED",
            (None, Severity::Warning) => self.rule.id(),
        }
    }

    /// The location AWS would print, if any.
    pub fn aws_location(&self) -> Option<&str> {
        match &self.aws_location {
            AwsLocation::Pointer if self.pointer.is_empty() => Some("/"),
            AwsLocation::Pointer => Some(&self.pointer),
            AwsLocation::Other(location) => Some(location),
            AwsLocation::None => None,
        }
    }

    fn aws_text(&self) -> &str {
        self.aws_message.as_deref().unwrap_or(&self.message)
    }
}

impl fmt::Display for Diagnostic {
    /// `error[V301] /States/A/Next (A): message`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{level}[{}] {pointer}", self.rule)?;
        if let Some(state) = &self.state {
            write!(f, " ({state})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All findings about one definition, in the order they were found (document order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A report holding `diagnostics`.
    pub fn new(diagnostics: Vec<Diagnostic>) -> Report {
        Report { diagnostics }
    }

    /// Every finding.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Every finding, by value.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Whether any finding is an error: the definition would not be accepted.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The findings of severity ERROR.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The findings of severity WARNING.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Whether a definition written in Rust is refused: some finding
    /// [blocks the build](Diagnostic::blocks_build).
    pub fn blocks_build(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::blocks_build)
    }

    /// Whether the report has no finding at all.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Whether some finding carries `rule`.
    pub fn contains(&self, rule: Rule) -> bool {
        self.diagnostics.iter().any(|d| d.rule == rule)
    }

    /// Adds the findings of `other` after ours.
    pub fn extend(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
    }

    /// Keeps only the rules that `profile` checks.
    pub fn retain_profile(&mut self, profile: Profile) {
        self.diagnostics.retain(|d| d.rule.applies_to(profile));
    }

    /// The answer AWS's `ValidateStateMachineDefinition` gives:
    /// `{"result": "OK"|"FAIL", "diagnostics": [{severity, code, message, location?}], "truncated": false}`.
    pub fn to_aws_validation(&self) -> Value {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                let mut item = json!({
                    "severity": d.severity.as_str(),
                    "code": d.aws_code(),
                    "message": d.aws_text(),
                });
                if let (Some(location), Some(object)) = (d.aws_location(), item.as_object_mut()) {
                    object.insert("location".to_owned(), Value::from(location));
                }
                item
            })
            .collect();
        json!({
            "result": if self.has_errors() { "FAIL" } else { "OK" },
            "diagnostics": diagnostics,
            "truncated": false,
        })
    }

    /// The `InvalidDefinition` message AWS's `CreateStateMachine` would give, built from the
    /// first error: `Invalid State Machine Definition: '<CODE>: <message> at <location>'`.
    pub fn aws_create_error(&self) -> Option<String> {
        let first = self.errors().next()?;
        let location = first.aws_location().unwrap_or("null");
        Some(format!(
            "Invalid State Machine Definition: '{}: {} at {location}'",
            first.aws_code(),
            first.aws_text()
        ))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
            if let Some(help) = &diagnostic.help {
                writeln!(f, "  = help: {help}")?;
            }
        }
        Ok(())
    }
}

impl IntoIterator for Report {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.into_iter()
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.iter()
    }
}

impl std::error::Error for Report {}
