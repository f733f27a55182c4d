//! Loaders for `Retry` and `Catch`
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).

use crate::asl::json::{Json, Object};

use super::{Loader, describe};
use crate::asl::{Catcher, JitterStrategy, QueryLanguage, Retrier};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};

const RETRIER_FIELDS: &[&str] = &[
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Comment",
];
const CATCHER_FIELDS: &[&str] = &[
    "ErrorEquals",
    "Next",
    "ResultPath",
    "Output",
    "Assign",
    "Comment",
];

impl<'v> Loader<'v> {
    fn objects<'a>(
        &mut self,
        value: &'a Json<'a>,
        pointer: &Pointer<'_>,
        field: &str,
    ) -> Option<Vec<(usize, &'a Object<'a>)>> {
        let Some(items) = value.as_array() else {
            self.report(
                Rule::V501,
                pointer,
                format!(
                    "`{field}` must be an array of objects, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let mut objects = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item.as_object() {
                Some(object) => objects.push((index, object)),
                None => self.report(
                    Rule::V501,
                    &pointer.index(index),
                    format!(
                        "each element of `{field}` must be an object, not {}",
                        describe(item)
                    ),
                ),
            }
        }
        Some(objects)
    }

    fn error_equals(&mut self, object: &Object<'_>, pointer: &Pointer<'_>) -> Option<Vec<String>> {
        let Some(value) = object.get("ErrorEquals") else {
            self.push(
                Diagnostic::new(Rule::V502, pointer.render(), "`ErrorEquals` is missing")
                    .with_help("list the error names this handles, e.g. `\"ErrorEquals\": [\"States.ALL\"]`")
                    .with_aws_message("These fields are required: [ErrorEquals]"),
            );
            return None;
        };
        // Rule V502 places every problem on `ErrorEquals` itself.
        let names = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        });
        if names.is_none() {
            self.report(
                Rule::V502,
                &pointer.key("ErrorEquals"),
                format!("`ErrorEquals` must be an array of error names (strings), not {value}"),
            );
        }
        names
    }

    pub(super) fn retriers(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Option<Vec<Retrier>> {
        let objects = self.objects(value, pointer, "Retry")?;
        let mut retriers = Vec::with_capacity(objects.len());
        for (index, object) in objects {
            let p = pointer.index(index);
            let mut retrier = Retrier {
                error_equals: Vec::new(),
                interval_seconds: None,
                max_attempts: None,
                backoff_rate: None,
                max_delay_seconds: None,
                jitter_strategy: None,
                comment: None,
            };
            for (key, value) in object {
                let m = p.key(key);
                match key {
                    "ErrorEquals" => {}
                    "IntervalSeconds" => {
                        retrier.interval_seconds = self.unsigned(value, &m, Rule::V506, key)
                    }
                    "MaxAttempts" => {
                        retrier.max_attempts = self.unsigned(value, &m, Rule::V507, key)
                    }
                    "BackoffRate" => retrier.backoff_rate = self.number(value, &m, Rule::V508, key),
                    "MaxDelaySeconds" => {
                        retrier.max_delay_seconds = self.unsigned(value, &m, Rule::V509, key)
                    }
                    "JitterStrategy" => {
                        retrier.jitter_strategy = self.enumerated(
                            value,
                            &m,
                            Rule::V510,
                            key,
                            JitterStrategy::parse,
                            JitterStrategy::expected(),
                        )
                    }
                    "Comment" => retrier.comment = self.string(value, &m, Rule::V206, key),
                    _ => self.unknown_field(Rule::V511, &p, "a retrier", key, RETRIER_FIELDS),
                }
            }
            if let Some(errors) = self.error_equals(object, &p) {
                retrier.error_equals = errors;
                retriers.push(retrier);
            }
        }
        Some(retriers)
    }

    pub(super) fn catchers(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<Vec<Catcher>> {
        let objects = self.objects(value, pointer, "Catch")?;
        let mut catchers = Vec::with_capacity(objects.len());
        for (index, object) in objects {
            let p = pointer.index(index);
            let mut catcher = Catcher {
                error_equals: Vec::new(),
                next: String::new(),
                result_path: None,
                output: None,
                assign: None,
                comment: None,
            };
            let mut next = None;
            for (key, value) in object {
                let m = p.key(key);
                match key {
                    "ErrorEquals" => {}
                    "Next" => next = self.string(value, &m, Rule::V301, key),
                    "ResultPath" => catcher.result_path = self.result_path(value, &m),
                    "Output" => catcher.output = Some(self.jsonata_template(value, &m)),
                    "Assign" => catcher.assign = self.assign(value, &m, language),
                    "Comment" => catcher.comment = self.string(value, &m, Rule::V206, key),
                    _ => self.unknown_field(Rule::V513, &p, "a catcher", key, CATCHER_FIELDS),
                }
            }
            if !object.contains_key("Next") {
                self.push(
                    Diagnostic::new(Rule::V512, p.render(), "the catcher has no `Next`")
                        .with_help("add `\"Next\": \"<state that handles the error>\"`")
                        .with_aws_message("These fields are required: [Next]"),
                );
            }
            let errors = self.error_equals(object, &p);
            match (errors, next) {
                (Some(errors), Some(next)) => {
                    catcher.error_equals = errors;
                    catcher.next = next;
                    catchers.push(catcher);
                }
                // A catcher without its target would change the graph: no model.
                _ => self.broken = true,
            }
        }
        Some(catchers)
    }
}
