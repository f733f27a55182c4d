//! Loaders for Pass, Task, Wait, Succeed, Fail and Parallel, and the `Next`/`End` pair.

use crate::asl::json::Json;

use super::fields::NumberRules;
use super::{Loader, Object, describe};
use crate::asl::{
    Fail, FailField, Parallel, Pass, QueryLanguage, Succeed, Task, TimestampField, Transition,
    Wait, WaitFor,
};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::intrinsics::Call;

/// What a state-kind loader gets: the state object, where it is, and its languages.
pub(super) struct Fields<'a, 'v> {
    pub object: &'v Object<'v>,
    pub pointer: &'a Pointer<'a>,
    /// The state's effective query language.
    pub language: QueryLanguage,
    /// The machine's language, which branches and processors inherit.
    pub machine_language: QueryLanguage,
}

const PASS_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "InputPath",
    "Parameters",
    "Result",
    "ResultPath",
    "OutputPath",
    "Output",
    "Assign",
    "Next",
    "End",
];
const TASK_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Resource",
    "InputPath",
    "Parameters",
    "Arguments",
    "Credentials",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
];
const WAIT_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Seconds",
    "SecondsPath",
    "Timestamp",
    "TimestampPath",
    "InputPath",
    "OutputPath",
    "Output",
    "Assign",
    "Next",
    "End",
];
const SUCCEED_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "InputPath",
    "OutputPath",
    "Output",
];
const FAIL_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Error",
    "ErrorPath",
    "Cause",
    "CausePath",
];
const PARALLEL_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Branches",
    "InputPath",
    "Parameters",
    "Arguments",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
];

/// The functions AWS accepts in `ErrorPath` / `CausePath` (rule V717).
const FAIL_PATH_FUNCTIONS: &[&str] = &[
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

impl<'v> Loader<'v> {
    /// Reports a member that the state type does not have (V205), or `Next`/`End` on a type
    /// that cannot have them (V303).
    pub(super) fn not_a_field(&mut self, f: &Fields<'_, 'v>, key: &str, known: &[&str]) {
        let type_name = f
            .object
            .get("Type")
            .and_then(Json::as_str)
            .unwrap_or("state");
        if matches!(key, "Next" | "End") {
            self.push(
                Diagnostic::new(Rule::V303, f.pointer.render(), format!("a {type_name} state cannot have `{key}`"))
                    .with_help(match type_name {
                        "Choice" => "a Choice state moves on through its rules' `Next` and its `Default`; remove it",
                        _ => "Succeed and Fail states end their branch; remove it",
                    })
                    .with_aws_message(format!("Field '{key}' is not supported")),
            );
            return;
        }
        self.unknown_field(
            Rule::V205,
            f.pointer,
            &format!("a {type_name} state"),
            key,
            known,
        );
    }

    /// `Next` / `End`: exactly one (V302); `End` is a boolean (V210).
    pub(super) fn transition(&mut self, f: &Fields<'_, 'v>) -> Option<Transition> {
        let next = f.object.get("Next").map(|v| (v, f.pointer.key("Next")));
        let end = match f.object.get("End") {
            Some(value) => self.boolean(value, &f.pointer.key("End"), Rule::V210, "End"),
            None => Some(false),
        };
        let next = match next {
            Some((value, pointer)) => match self.string(value, &pointer, Rule::V301, "Next") {
                Some(name) => Some(name),
                None => return None,
            },
            None => None,
        };
        // A state with both or neither still gets a transition (`Next`, else `End`), so the
        // graph rules can check the rest of the definition; the V302 error keeps it from loading.
        match (next, end?) {
            (Some(next), true) => {
                self.push(
                    Diagnostic::new(
                        Rule::V302,
                        f.pointer.render(),
                        "the state has both `Next` and `\"End\": true`",
                    )
                    .with_help("keep `Next` to continue, or `\"End\": true` to stop here"),
                );
                Some(Transition::Next(next))
            }
            (Some(next), false) => Some(Transition::Next(next)),
            (None, true) => Some(Transition::End),
            (None, false) => {
                self.push(
                    Diagnostic::new(
                        Rule::V302,
                        f.pointer.render(),
                        "the state has neither `Next` nor `\"End\": true`",
                    )
                    .with_help("add `\"Next\": \"<state>\"` or `\"End\": true`"),
                );
                Some(Transition::End)
            }
        }
    }

    pub(super) fn pass(&mut self, f: &Fields<'_, 'v>) -> Option<Pass> {
        let mut pass = Pass::default();
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Next" | "End" => {}
                "InputPath" => pass.input_path = self.nullable_path(value, &p, key),
                "Parameters" => pass.parameters = Some(self.jsonpath_template(value, &p)),
                "Result" => pass.result = Some(value.to_value()),
                "ResultPath" => pass.result_path = self.result_path(value, &p),
                "OutputPath" => pass.output_path = self.nullable_path(value, &p, key),
                "Output" => pass.output = Some(self.jsonata_template(value, &p)),
                "Assign" => pass.assign = self.assign(value, &p, f.language),
                _ => self.not_a_field(f, key, PASS_FIELDS),
            }
        }
        pass.transition = self.transition(f)?;
        Some(pass)
    }

    pub(super) fn task(&mut self, f: &Fields<'_, 'v>) -> Option<Task> {
        let mut task = Task::default();
        let mut resource_ok = false;
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Next" | "End" => {}
                "TimeoutSeconds"
                | "TimeoutSecondsPath"
                | "HeartbeatSeconds"
                | "HeartbeatSecondsPath" => {}
                "Resource" => {
                    if let Some(resource) = self.string(value, &p, Rule::V704, "Resource") {
                        task.resource = resource;
                        resource_ok = true;
                    }
                }
                "InputPath" => task.input_path = self.nullable_path(value, &p, key),
                "Parameters" => task.parameters = Some(self.jsonpath_template(value, &p)),
                "Arguments" => task.arguments = Some(self.jsonata_template(value, &p)),
                "Credentials" => task.credentials = Some(self.template(value, &p, f.language)),
                "ResultSelector" => task.result_selector = Some(self.jsonpath_template(value, &p)),
                "ResultPath" => task.result_path = self.result_path(value, &p),
                "OutputPath" => task.output_path = self.nullable_path(value, &p, key),
                "Output" => task.output = Some(self.jsonata_template(value, &p)),
                "Assign" => task.assign = self.assign(value, &p, f.language),
                "Retry" => task.retry = self.retriers(value, &p),
                "Catch" => task.catch = self.catchers(value, &p, f.language),
                _ => self.not_a_field(f, key, TASK_FIELDS),
            }
        }
        if !f.object.contains_key("Resource") {
            self.push(
                Diagnostic::new(Rule::V704, f.pointer.render(), "the Task state has no `Resource`")
                    .with_help("add the ARN of the work, e.g. `\"Resource\": \"arn:aws:states:::lambda:invoke\"`")
                    .with_aws_message("These fields are required: [Resource]"),
            );
        }
        task.timeout = self.integer_pair(
            f.object,
            f.pointer,
            "TimeoutSeconds",
            f.language,
            NumberRules {
                value: Rule::V710,
                both: Rule::V711,
            },
        );
        task.heartbeat = self.integer_pair(
            f.object,
            f.pointer,
            "HeartbeatSeconds",
            f.language,
            NumberRules {
                value: Rule::V712,
                both: Rule::V713,
            },
        );
        task.transition = self.transition(f)?;
        resource_ok.then_some(task)
    }

    pub(super) fn wait(&mut self, f: &Fields<'_, 'v>) -> Option<Wait> {
        let mut input_path = None;
        let mut output_path = None;
        let mut output = None;
        let mut assign = None;
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Next" | "End" => {}
                "Seconds" | "SecondsPath" | "Timestamp" | "TimestampPath" => {}
                "InputPath" => input_path = self.nullable_path(value, &p, key),
                "OutputPath" => output_path = self.nullable_path(value, &p, key),
                "Output" => output = Some(self.jsonata_template(value, &p)),
                "Assign" => assign = self.assign(value, &p, f.language),
                _ => self.not_a_field(f, key, WAIT_FIELDS),
            }
        }
        let wait_for = self.wait_for(f);
        let transition = self.transition(f)?;
        Some(Wait {
            wait_for: wait_for?,
            input_path,
            output_path,
            output,
            assign,
            transition,
        })
    }

    fn wait_for(&mut self, f: &Fields<'_, 'v>) -> Option<WaitFor> {
        let present: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
            .into_iter()
            .filter(|key| f.object.contains_key(key))
            .collect();
        let [key] = present.as_slice() else {
            let message = if present.is_empty() {
                "the Wait state says neither how long nor until when to wait".to_owned()
            } else {
                format!(
                    "the Wait state has {}; it takes exactly one",
                    present.join(" and ")
                )
            };
            self.push(
                Diagnostic::new(Rule::V701, f.pointer.render(), message).with_help(
                    "use one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`",
                ),
            );
            return None;
        };
        let value = f.object.get(key)?;
        let p = f.pointer.key(key);
        match *key {
            "Seconds" | "SecondsPath" => self
                .integer_pair(
                    f.object,
                    f.pointer,
                    "Seconds",
                    f.language,
                    NumberRules {
                        value: Rule::V702,
                        both: Rule::V701,
                    },
                )
                .map(WaitFor::Seconds),
            "TimestampPath" => self
                .reference_path(value, &p, Rule::V803, "TimestampPath")
                .map(|path| WaitFor::Timestamp(TimestampField::Path(path))),
            _ => {
                let Some(text) = value.as_str() else {
                    self.report(
                        Rule::V703,
                        &p,
                        format!(
                            "`Timestamp` must be an RFC 3339 string, not {}",
                            describe(value)
                        ),
                    );
                    return None;
                };
                // In a JSONPath state a `{% %}` string is plain text, checked as a timestamp: AWS
                // rejects it, see tests/data/aws-recorded/definition_validation/
                // base_scenarios__test_wait_timestamp_invalid_JSONATA.json.
                if f.language == QueryLanguage::Jsonata
                    && let Some(expr) = self.jsonata_string(text, &p)
                {
                    return Some(WaitFor::Timestamp(TimestampField::Jsonata(expr)));
                }
                Some(WaitFor::Timestamp(TimestampField::Literal(text.to_owned())))
            }
        }
    }

    pub(super) fn succeed(&mut self, f: &Fields<'_, 'v>) -> Option<Succeed> {
        let mut succeed = Succeed::default();
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" => {}
                "InputPath" => succeed.input_path = self.nullable_path(value, &p, key),
                "OutputPath" => succeed.output_path = self.nullable_path(value, &p, key),
                "Output" => succeed.output = Some(self.jsonata_template(value, &p)),
                _ => self.not_a_field(f, key, SUCCEED_FIELDS),
            }
        }
        Some(succeed)
    }

    pub(super) fn fail(&mut self, f: &Fields<'_, 'v>) -> Option<Fail> {
        let mut fail = Fail::default();
        for key in f.object.keys() {
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Error" | "ErrorPath" | "Cause"
                | "CausePath" => {}
                _ => self.not_a_field(f, key, FAIL_FIELDS),
            }
        }
        fail.error = self.fail_field(f, "Error");
        fail.cause = self.fail_field(f, "Cause");
        Some(fail)
    }

    /// `Error`/`ErrorPath` or `Cause`/`CausePath`.
    fn fail_field(&mut self, f: &Fields<'_, 'v>, key: &str) -> Option<FailField> {
        let path_key = format!("{key}Path");
        let literal = f.object.get(key);
        let path = f.object.get(&path_key);
        if literal.is_some() && path.is_some() {
            self.push(
                Diagnostic::new(
                    Rule::V716,
                    f.pointer.render(),
                    format!("the Fail state has both `{key}` and `{path_key}`"),
                )
                .with_help(format!(
                    "keep `{key}` for a fixed text or `{path_key}` to take it from the input"
                )),
            );
        }
        if let Some(value) = literal {
            let p = f.pointer.key(key);
            let text = self.string(value, &p, Rule::V718, key)?;
            if f.language == QueryLanguage::Jsonata
                && let Some(expr) = self.jsonata_string(&text, &p)
            {
                return Some(FailField::Jsonata(expr));
            }
            return Some(FailField::Literal(text));
        }
        let value = path?;
        let p = f.pointer.key(&path_key);
        let text = self.string(value, &p, Rule::V717, &path_key)?;
        if text.starts_with('$') {
            return self
                .reference_path(value, &p, Rule::V717, &path_key)
                .map(FailField::Path);
        }
        match Call::parse(&text) {
            Ok(call) if FAIL_PATH_FUNCTIONS.contains(&call.function.name()) => {
                Some(FailField::Call(call))
            }
            Ok(call) => {
                self.push(
                    Diagnostic::new(
                        Rule::V717,
                        p.render(),
                        format!("`{path_key}` cannot call {}", call.function.name()),
                    )
                    .with_help(format!(
                        "use a reference path or one of {}",
                        FAIL_PATH_FUNCTIONS.join(", ")
                    )),
                );
                None
            }
            Err(error) => {
                self.push(
                    Diagnostic::new(Rule::V717, p.render(), format!("`{path_key}` is neither a reference path nor a valid intrinsic call: {}", error.message()))
                        .with_help(format!("use a reference path such as `$.error` or one of {}", FAIL_PATH_FUNCTIONS.join(", "))),
                );
                None
            }
        }
    }

    pub(super) fn parallel(&mut self, f: &Fields<'_, 'v>) -> Option<Parallel> {
        let mut parallel = Parallel::default();
        let mut branches_ok = false;
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Next" | "End" => {}
                "Branches" => {
                    if let Some(branches) = value.as_array() {
                        branches_ok = true;
                        for (index, branch) in branches.iter().enumerate() {
                            match self.container(branch, &p.index(index), f.machine_language, false)
                            {
                                Some(container) => parallel.branches.push(container),
                                None => branches_ok = false,
                            }
                        }
                    } else {
                        self.report(
                            Rule::V601,
                            &p,
                            format!(
                                "`Branches` must be an array of branches, not {}",
                                describe(value)
                            ),
                        );
                    }
                }
                "InputPath" => parallel.input_path = self.nullable_path(value, &p, key),
                "Parameters" => parallel.parameters = Some(self.jsonpath_template(value, &p)),
                "Arguments" => parallel.arguments = Some(self.jsonata_template(value, &p)),
                "ResultSelector" => {
                    parallel.result_selector = Some(self.jsonpath_template(value, &p))
                }
                "ResultPath" => parallel.result_path = self.result_path(value, &p),
                "OutputPath" => parallel.output_path = self.nullable_path(value, &p, key),
                "Output" => parallel.output = Some(self.jsonata_template(value, &p)),
                "Assign" => parallel.assign = self.assign(value, &p, f.language),
                "Retry" => parallel.retry = self.retriers(value, &p),
                "Catch" => parallel.catch = self.catchers(value, &p, f.language),
                _ => self.not_a_field(f, key, PARALLEL_FIELDS),
            }
        }
        if !f.object.contains_key("Branches") {
            self.push(
                Diagnostic::new(
                    Rule::V601,
                    f.pointer.render(),
                    "the Parallel state has no `Branches`",
                )
                .with_help("add `\"Branches\": [{\"StartAt\": ..., \"States\": {...}}]`")
                .with_aws_message("These fields are required: [Branches]"),
            );
        }
        parallel.transition = self.transition(f)?;
        branches_ok.then_some(parallel)
    }
}
