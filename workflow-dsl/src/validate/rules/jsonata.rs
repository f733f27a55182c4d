//! JSONata expression rules V902–V907: every `{% %}` expression of a JSONata state is parsed
//! and checked for what AWS refuses at create (`validate/jsonata.rs`), with the place it sits
//! in deciding which `$states` members it may read (rules V904, V905).

use super::{Cx, at};
use crate::asl::{
    Assign, Condition, ConditionValue, FailField, IntegerField, Jsonata, NumberField,
    QueryLanguage, StateKind, Template, TimestampField, WaitFor,
};
use crate::diagnostics::{Diagnostic, Rule, Severity};
use crate::validate::index::StateInfo;
use crate::validate::jsonata::{Place, check_parsed};

/// Every expression of a state with its pointer and place.
struct Expressions<'m> {
    found: Vec<(String, &'m Jsonata, Place)>,
}

impl<'m> Expressions<'m> {
    fn template(&mut self, template: &'m Template, pointer: String, place: Place) {
        match template {
            Template::Jsonata(expr) => self.found.push((pointer, expr, place)),
            Template::Object(members) => {
                for member in members {
                    self.template(&member.value, at(&pointer, &member.json_key()), place);
                }
            }
            Template::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.template(item, at(&pointer, &i.to_string()), place);
                }
            }
            Template::Value(_) | Template::Path(_) | Template::Call(_) => {}
        }
    }
    fn opt(&mut self, template: &'m Option<Template>, pointer: String, place: Place) {
        if let Some(template) = template {
            self.template(template, pointer, place);
        }
    }
    fn assign(&mut self, assign: Option<&'m Assign>, pointer: String, place: Place) {
        for member in assign.into_iter().flat_map(|a| &a.members) {
            self.template(&member.value, at(&pointer, &member.key), place);
        }
    }
    fn integer(&mut self, field: &'m Option<IntegerField>, pointer: String) {
        if let Some(IntegerField::Jsonata(expr)) = field {
            self.found.push((pointer, expr, Place::Other));
        }
    }
}

pub(super) fn check(cx: &mut Cx<'_, '_>, state_idx: usize, state: &StateInfo<'_>) {
    if state.language != QueryLanguage::Jsonata {
        return;
    }
    let p = &state.pointer;
    let kind = &state.state.kind;
    let has_result = matches!(
        kind,
        StateKind::Task(_) | StateKind::Map(_) | StateKind::Parallel(_)
    );
    let own = Place::StateOutputOrAssign { has_result };
    let mut e = Expressions { found: Vec::new() };
    e.assign(kind.assign(), at(p, "Assign"), own);
    match kind {
        StateKind::Pass(s) => e.opt(&s.output, at(p, "Output"), own),
        StateKind::Task(s) => {
            e.opt(&s.arguments, at(p, "Arguments"), Place::Other);
            e.opt(&s.credentials, at(p, "Credentials"), Place::Other);
            e.integer(&s.timeout, at(p, "TimeoutSeconds"));
            e.integer(&s.heartbeat, at(p, "HeartbeatSeconds"));
            e.opt(&s.output, at(p, "Output"), own);
        }
        StateKind::Choice(s) => {
            e.opt(&s.output, at(p, "Output"), own);
            for (i, rule) in s.choices.iter().enumerate() {
                let rule_pointer = at(&at(p, "Choices"), &i.to_string());
                if let Condition::Jsonata(ConditionValue::Jsonata(expr)) = &rule.condition {
                    e.found
                        .push((at(&rule_pointer, "Condition"), expr, Place::Other));
                }
                e.opt(&rule.output, at(&rule_pointer, "Output"), Place::Other);
                e.assign(
                    rule.assign.as_ref(),
                    at(&rule_pointer, "Assign"),
                    Place::Other,
                );
            }
        }
        StateKind::Wait(s) => {
            match &s.wait_for {
                WaitFor::Seconds(IntegerField::Jsonata(expr)) => {
                    e.found.push((at(p, "Seconds"), expr, Place::Other))
                }
                WaitFor::Timestamp(TimestampField::Jsonata(expr)) => {
                    e.found.push((at(p, "Timestamp"), expr, Place::Other))
                }
                _ => {}
            }
            e.opt(&s.output, at(p, "Output"), own);
        }
        StateKind::Succeed(s) => e.opt(&s.output, at(p, "Output"), own),
        StateKind::Fail(s) => {
            for (field, value) in [("Error", &s.error), ("Cause", &s.cause)] {
                if let Some(FailField::Jsonata(expr)) = value {
                    e.found.push((at(p, field), expr, Place::Other));
                }
            }
        }
        StateKind::Parallel(s) => {
            e.opt(&s.arguments, at(p, "Arguments"), Place::Other);
            e.opt(&s.output, at(p, "Output"), own);
        }
        StateKind::Map(s) => {
            e.opt(&s.items, at(p, "Items"), Place::Other);
            e.opt(&s.item_selector, at(p, "ItemSelector"), Place::Other);
            e.integer(&s.max_concurrency, at(p, "MaxConcurrency"));
            e.integer(&s.tolerated_failure_count, at(p, "ToleratedFailureCount"));
            if let Some(NumberField::Jsonata(expr)) = &s.tolerated_failure_percentage {
                e.found
                    .push((at(p, "ToleratedFailurePercentage"), expr, Place::Other));
            }
            if let Some(reader) = &s.item_reader {
                e.opt(
                    &reader.arguments,
                    at(&at(p, "ItemReader"), "Arguments"),
                    Place::Other,
                );
                if let Some(config) = &reader.reader_config {
                    e.integer(
                        &config.max_items,
                        at(&at(&at(p, "ItemReader"), "ReaderConfig"), "MaxItems"),
                    );
                }
            }
            if let Some(batcher) = &s.item_batcher {
                let b = at(p, "ItemBatcher");
                e.integer(&batcher.max_items_per_batch, at(&b, "MaxItemsPerBatch"));
                e.integer(
                    &batcher.max_input_bytes_per_batch,
                    at(&b, "MaxInputBytesPerBatch"),
                );
                e.opt(&batcher.batch_input, at(&b, "BatchInput"), Place::Other);
            }
            if let Some(writer) = &s.result_writer {
                e.opt(
                    &writer.arguments,
                    at(&at(p, "ResultWriter"), "Arguments"),
                    Place::Other,
                );
            }
            e.opt(&s.output, at(p, "Output"), own);
        }
    }
    for (i, catcher) in kind.catch().into_iter().flatten().enumerate() {
        let c = at(&at(p, "Catch"), &i.to_string());
        e.opt(
            &catcher.output,
            at(&c, "Output"),
            Place::CatcherOutputOrAssign,
        );
        e.assign(
            catcher.assign.as_ref(),
            at(&c, "Assign"),
            Place::CatcherOutputOrAssign,
        );
    }
    for (pointer, expr, place) in e.found {
        let analysis = check_parsed(expr.ast(), place);
        for name in analysis.variables {
            cx.jsonata_reads.push((state_idx, name, pointer.clone()));
        }
        for problem in analysis.problems {
            let rule = Rule::from_id(problem.rule).unwrap_or(Rule::V902);
            let severity = if problem.is_error() {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut diagnostic =
                Diagnostic::new(rule, pointer.clone(), problem.message).with_severity(severity);
            diagnostic = match rule {
                Rule::V904 => diagnostic.with_help("`$states.result` exists only in the `Output` and `Assign` of Task, Map and Parallel states"),
                Rule::V905 => diagnostic.with_help("`$states.errorOutput` exists only in a catcher's `Output` and `Assign`"),
                Rule::V907 => diagnostic.with_help("use `$parse` to turn JSON text into a value"),
                _ => diagnostic,
            };
            cx.push(state, diagnostic);
        }
    }
}
