//! JSON value → [`StateMachine`], reporting every shape and syntax problem as a
//! [`Diagnostic`] instead of stopping at the first.
//!
//! The loader owns the rules a typed model cannot represent: JSON types, unknown and missing
//! members, `Next` xor `End`, path and intrinsic syntax. Rules about values the model *can* hold
//! (ranges, the graph, query-language mixing, resources) live in `validate/`, so a machine built
//! in Rust is checked by exactly the same code. Both report under the rule ids of `docs/rules.md`.
//!
//! A field with a problem is left out of the model and loading goes on, so one pass finds every
//! problem. When a *required* piece is unusable the loader still walks the rest, but returns no
//! model, and the graph rules do not run on a machine that does not exist.

mod choice;
mod fields;
mod kinds;
mod map;
mod retry;
mod template;

use std::collections::HashMap;

use crate::asl::json::{Json, Object};
use crate::path::Path;

use serde_json::Value;

use super::{Assign, Container, QueryLanguage, State, StateKind, StateMachine, States, Template};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::names::closest;

/// The members a top-level object may have
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html>).
const TOP_LEVEL_FIELDS: &[&str] = &[
    "Comment",
    "StartAt",
    "States",
    "Version",
    "TimeoutSeconds",
    "QueryLanguage",
];

const STATE_TYPES: &[&str] = &[
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];

/// Loads a definition. Returns the model when it could be built, and every finding.
pub(crate) fn load(value: &Json<'_>) -> (Option<StateMachine>, Vec<Diagnostic>) {
    let mut loader = Loader {
        diagnostics: Vec::new(),
        state: None,
        broken: false,
        depth: 0,
        paths: HashMap::new(),
    };
    let machine = loader.machine(value);
    let machine = if loader.broken { None } else { machine };
    (machine, loader.diagnostics)
}

/// A payload template (JSONPath) or JSONata template from a JSON value, for the builder: the
/// same parsing as a definition's, with the same findings.
pub(crate) fn template(value: &Value, language: QueryLanguage) -> (Template, Vec<Diagnostic>) {
    let mut loader = Loader::detached();
    let template = match Json::from_value(value) {
        Some(json) => loader.template(&json, &Pointer::ROOT, language),
        None => {
            loader.report(Rule::V101, &Pointer::ROOT, "the value nests too deeply");
            Template::Value(Value::Null)
        }
    };
    (template, loader.diagnostics)
}

/// An `Assign` block from a JSON object, for the builder.
pub(crate) fn assign(value: &Value, language: QueryLanguage) -> (Option<Assign>, Vec<Diagnostic>) {
    let mut loader = Loader::detached();
    let assign = match Json::from_value(value) {
        Some(json) => loader.assign(&json, &Pointer::ROOT, language),
        None => {
            loader.report(Rule::V101, &Pointer::ROOT, "the value nests too deeply");
            None
        }
    };
    (assign, loader.diagnostics)
}

pub(crate) struct Loader<'v> {
    diagnostics: Vec<Diagnostic>,
    /// The innermost state being loaded, for diagnostics.
    state: Option<&'v str>,
    /// Set when a required piece could not be loaded: the model would not be the definition.
    broken: bool,
    /// How many containers enclose the one being loaded.
    depth: usize,
    /// Paths parsed so far, by text (see `Loader::parse_path`).
    paths: HashMap<String, Path>,
}

/// The deepest nesting of Parallel branches and Map processors accepted (rule V113). AWS
/// documents no number; 40 is far beyond real workflows and keeps every recursive walk of the
/// model (loading, validation, emission, dropping) well inside a 2 MiB thread stack even in
/// debug builds, where one level costs about 40 KiB.
pub const MAX_NESTING: usize = 40;

impl<'v> Loader<'v> {
    /// A loader for one value outside any definition.
    fn detached() -> Loader<'v> {
        Loader {
            diagnostics: Vec::new(),
            state: None,
            broken: false,
            depth: 0,
            paths: HashMap::new(),
        }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic.in_state(self.state));
    }

    fn report(&mut self, rule: Rule, pointer: &Pointer<'_>, message: impl Into<String>) {
        self.push(Diagnostic::new(rule, pointer.render(), message));
    }

    /// Reports an unknown member of `object_pointer`, suggesting the closest known one.
    fn unknown_field(
        &mut self,
        rule: Rule,
        object_pointer: &Pointer<'_>,
        what: &str,
        key: &str,
        known: &[&str],
    ) {
        let mut diagnostic = Diagnostic::new(
            rule,
            object_pointer.render(),
            format!("`{key}` is not a field of {what}"),
        )
        .with_aws_message(format!("Field '{key}' is not supported"));
        diagnostic = match closest(key, known.iter().copied()) {
            Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
            None => diagnostic.with_help(format!("the fields of {what} are: {}", known.join(", "))),
        };
        self.push(diagnostic);
    }

    fn machine(&mut self, value: &'v Json<'v>) -> Option<StateMachine> {
        let Some(object) = value.as_object() else {
            self.push(
                Diagnostic::new(
                    Rule::V102,
                    "",
                    format!("a definition is a JSON object, not {}", describe(value)),
                )
                .with_help("write `{\"StartAt\": \"First\", \"States\": {...}}`")
                .with_aws_message("Definition must be a valid JSON object")
                .with_aws_location(crate::diagnostics::AwsLocation::None),
            );
            self.broken = true;
            return None;
        };
        let root = Pointer::ROOT;
        let query_language = object
            .get("QueryLanguage")
            .and_then(|v| self.query_language(v, &root.key("QueryLanguage")));
        let language = query_language.unwrap_or_default();
        let mut machine = StateMachine {
            comment: None,
            start_at: String::new(),
            states: States::new(),
            version: None,
            timeout_seconds: None,
            query_language,
        };
        let (mut has_start_at, mut has_states) = (false, false);
        for (key, value) in object {
            let pointer = root.key(key);
            match key {
                "Comment" => machine.comment = self.string(value, &pointer, Rule::V109, "Comment"),
                "StartAt" => {
                    has_start_at = true;
                    match self.string(value, &pointer, Rule::V105, "StartAt") {
                        Some(start_at) => machine.start_at = start_at,
                        None => self.broken = true,
                    }
                }
                "States" => {
                    has_states = true;
                    match self.states(value, &pointer, language) {
                        Some(states) => machine.states = states,
                        None => self.broken = true,
                    }
                }
                "Version" => machine.version = self.string(value, &pointer, Rule::V107, "Version"),
                "TimeoutSeconds" => {
                    machine.timeout_seconds =
                        self.unsigned(value, &pointer, Rule::V108, "TimeoutSeconds")
                }
                "QueryLanguage" => {}
                _ => self.unknown_field(
                    Rule::V104,
                    &pointer,
                    "a state machine",
                    key,
                    TOP_LEVEL_FIELDS,
                ),
            }
        }
        self.required(&Pointer::ROOT, has_states, has_start_at);
        Some(machine)
    }

    /// Reports missing `States`/`StartAt` the way AWS words it (`[States, StartAt]`).
    fn required(&mut self, pointer: &Pointer<'_>, has_states: bool, has_start_at: bool) {
        let missing: Vec<&str> = [("States", has_states), ("StartAt", has_start_at)]
            .into_iter()
            .filter(|(_, present)| !present)
            .map(|(name, _)| name)
            .collect();
        if missing.is_empty() {
            return;
        }
        self.broken = true;
        let rendered = pointer.render();
        // AWS locates top-level findings at "/" rather than RFC 6901's "".
        let (rule, rendered) = if rendered.is_empty() {
            (Rule::V103, "/".to_owned())
        } else {
            (Rule::V111, rendered)
        };
        let list = missing.join(", ");
        let diagnostic = Diagnostic::new(
            rule,
            rendered,
            format!("missing required field(s) {list}"),
        )
        .with_help(
            "a container needs `StartAt` (the first state) and `States` (an object of states)",
        )
        .with_aws_message(format!("These fields are required: [{list}]"));
        self.push(diagnostic);
    }

    fn states(
        &mut self,
        value: &'v Json<'v>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<States> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V106,
                pointer,
                format!(
                    "`States` must be an object of states, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let mut states = States::with_capacity(object.len());
        let mut complete = true;
        for (name, value) in object {
            match self.state(name, value, &pointer.key(name), language) {
                Some(state) => {
                    states.insert(name.to_owned(), state);
                }
                None => complete = false,
            }
        }
        complete.then_some(states)
    }

    /// Loads a Parallel branch or a Map processor; `processor` allows `ProcessorConfig`.
    fn container(
        &mut self,
        value: &'v Json<'v>,
        pointer: &Pointer<'_>,
        machine_language: QueryLanguage,
        processor: bool,
    ) -> Option<Container> {
        let Some(object) = value.as_object() else {
            self.report(Rule::V111, pointer, format!("a branch or item processor must be an object with `StartAt` and `States`, not {}", describe(value)));
            self.broken = true;
            return None;
        };
        if self.depth >= MAX_NESTING {
            self.push(
                Diagnostic::new(Rule::V113, pointer.render(), format!("branches and item processors are nested more than {MAX_NESTING} levels deep"))
                    .with_help("move the innermost work into a separate state machine and start it with arn:aws:states:::states:startExecution.sync:2"),
            );
            self.broken = true;
            return None;
        }
        self.depth += 1;
        let container = self.container_body(object, pointer, machine_language, processor);
        self.depth -= 1;
        Some(container)
    }

    fn container_body(
        &mut self,
        object: &'v Object,
        pointer: &Pointer<'_>,
        machine_language: QueryLanguage,
        processor: bool,
    ) -> Container {
        let mut container = Container {
            comment: None,
            start_at: String::new(),
            states: States::new(),
            processor_config: None,
        };
        let (mut has_start_at, mut has_states) = (false, false);
        for (key, value) in object {
            let member = pointer.key(key);
            match key {
                "Comment" => container.comment = self.string(value, &member, Rule::V206, "Comment"),
                "StartAt" => {
                    has_start_at = true;
                    match self.string(value, &member, Rule::V309, "StartAt") {
                        Some(start_at) => container.start_at = start_at,
                        None => self.broken = true,
                    }
                }
                // States in a branch or processor default to the machine's language.
                "States" => {
                    has_states = true;
                    match self.states(value, &member, machine_language) {
                        Some(states) => container.states = states,
                        None => self.broken = true,
                    }
                }
                "ProcessorConfig" if processor => {
                    container.processor_config = self.processor_config(value, &member)
                }
                _ => {
                    let known: &[&str] = if processor {
                        &["Comment", "StartAt", "States", "ProcessorConfig"]
                    } else {
                        &["Comment", "StartAt", "States"]
                    };
                    let what = if processor {
                        "an item processor"
                    } else {
                        "a branch"
                    };
                    self.unknown_field(Rule::V112, pointer, what, key, known);
                }
            }
        }
        self.required(pointer, has_states, has_start_at);
        container
    }

    fn state(
        &mut self,
        name: &'v str,
        value: &'v Json<'v>,
        pointer: &Pointer<'_>,
        machine_language: QueryLanguage,
    ) -> Option<State> {
        let outer = self.state.replace(name);
        let state = self.state_body(value, pointer, machine_language);
        self.state = outer;
        if state.is_none() {
            self.broken = true;
        }
        state
    }

    fn state_body(
        &mut self,
        value: &'v Json<'v>,
        pointer: &Pointer<'_>,
        machine_language: QueryLanguage,
    ) -> Option<State> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V201,
                pointer,
                format!(
                    "a state must be an object with a `Type`, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let Some(type_value) = object.get("Type") else {
            self.push(
                Diagnostic::new(Rule::V201, pointer.render(), "the state has no `Type`")
                    .with_help(format!("add `\"Type\"`: one of {}", STATE_TYPES.join(", ")))
                    .with_aws_message("These fields are required: [Type]"),
            );
            return None;
        };
        let type_pointer = pointer.key("Type");
        let Some(type_name) = type_value.as_str().filter(|t| STATE_TYPES.contains(t)) else {
            let mut diagnostic = Diagnostic::new(
                Rule::V202,
                type_pointer.render(),
                format!("unknown state type {type_value}"),
            );
            diagnostic = match type_value
                .as_str()
                .and_then(|t| closest(t, STATE_TYPES.iter().copied()))
            {
                Some(suggestion) => diagnostic.with_help(format!("did you mean \"{suggestion}\"?")),
                None => diagnostic.with_help(format!("use one of {}", STATE_TYPES.join(", "))),
            };
            self.push(diagnostic);
            return None;
        };
        let comment = object
            .get("Comment")
            .and_then(|v| self.string(v, &pointer.key("Comment"), Rule::V206, "Comment"));
        let query_language = object
            .get("QueryLanguage")
            .and_then(|v| self.query_language(v, &pointer.key("QueryLanguage")));
        let language = query_language.unwrap_or(machine_language);
        let fields = kinds::Fields {
            object,
            pointer,
            language,
            machine_language,
        };
        let kind = match type_name {
            "Pass" => self.pass(&fields).map(|s| StateKind::Pass(Box::new(s))),
            "Task" => self.task(&fields).map(|s| StateKind::Task(Box::new(s))),
            "Choice" => self.choice(&fields).map(|s| StateKind::Choice(Box::new(s))),
            "Wait" => self.wait(&fields).map(|s| StateKind::Wait(Box::new(s))),
            "Succeed" => self
                .succeed(&fields)
                .map(|s| StateKind::Succeed(Box::new(s))),
            "Fail" => self.fail(&fields).map(|s| StateKind::Fail(Box::new(s))),
            "Parallel" => self
                .parallel(&fields)
                .map(|s| StateKind::Parallel(Box::new(s))),
            _ => self.map(&fields).map(|s| StateKind::Map(Box::new(s))),
        }?;
        Some(State {
            comment,
            query_language,
            kind,
        })
    }
}

/// How a JSON value is described in messages: `a string ("x")`, `a number (3)`, ...
pub(crate) fn describe(value: &Json<'_>) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("a boolean ({b})"),
        Json::Number(n) => format!("a number ({n})"),
        Json::String(s) => format!("a string ({})", serde_json::Value::from(s.as_ref())),
        Json::Array(_) => "an array".to_owned(),
        Json::Object(_) => "an object".to_owned(),
    }
}
