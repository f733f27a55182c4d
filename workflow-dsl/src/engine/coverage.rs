//! What a test suite exercised of a definition: which states it entered, which transitions it
//! took (each `Next`, each Choice rule and `Default`, each catcher) and which retriers fired,
//! collected from any number of [`Outcome`]s.

use std::collections::HashSet;

use super::Outcome;
use super::failure::Failure;
use crate::StateMachine;
use crate::asl::{Catcher, Retrier, StateKind, States, Transition};
use crate::diagnostics::pointer::child;

/// One thing a definition can do: enter a state, take a transition, fire a retrier.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    /// The state it belongs to.
    pub state: String,
    /// What it is: `state`, `Next`, `rule 1`, `Default`, `catcher 1`, `retrier 1`.
    pub what: String,
    /// Where it is in the definition (a JSON pointer).
    pub pointer: String,
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.what.as_str() {
            "state" => write!(f, "state `{}` ({})", self.state, self.pointer),
            what => write!(f, "{what} of `{}` ({})", self.state, self.pointer),
        }
    }
}

/// What of a definition a set of executions exercised.
///
/// ```
/// use workflow_dsl::engine::{Coverage, Engine};
/// use workflow_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Check", "States": {
///     "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Stop"},
///     "Done": {"Type": "Succeed"}, "Stop": {"Type": "Fail"}}}"#).unwrap();
/// let engine = Engine::new(&machine).unwrap();
/// let mut coverage = Coverage::new(&machine);
/// coverage.add(&engine.run_blocking(serde_json::json!({"ok": true})));
/// let missed: Vec<String> = coverage.uncovered().iter().map(ToString::to_string).collect();
/// assert_eq!(missed, ["Default of `Check` (/States/Check/Default)", "state `Stop` (/States/Stop)"]);
/// ```
#[derive(Clone, Debug)]
pub struct Coverage {
    parts: Vec<Part>,
    /// Per part: the state, and how to tell from an entry that it was exercised.
    checks: Vec<Check>,
    covered: HashSet<usize>,
}

#[derive(Clone, Debug)]
enum Check {
    Entered,
    /// Left to this state, not through a catcher.
    Next(String),
    /// Left to this state through a catcher whose errors match the entry's last failure.
    Caught(Vec<String>, String),
    /// A failure one of these errors matches was retried.
    Retried(Vec<String>),
}

impl Coverage {
    /// Nothing covered yet of `machine`.
    pub fn new(machine: &StateMachine) -> Coverage {
        let mut coverage = Coverage {
            parts: Vec::new(),
            checks: Vec::new(),
            covered: HashSet::new(),
        };
        coverage.container(&machine.states, "");
        coverage
    }

    fn part(&mut self, state: &str, what: String, pointer: String, check: Check) {
        self.parts.push(Part {
            state: state.to_owned(),
            what,
            pointer,
        });
        self.checks.push(check);
    }

    fn container(&mut self, states: &States, pointer: &str) {
        for (name, state) in states {
            let at = child(&child(pointer, "States"), name);
            self.part(name, "state".to_owned(), at.clone(), Check::Entered);
            match &state.kind {
                StateKind::Choice(choice) => {
                    for (index, rule) in choice.choices.iter().enumerate() {
                        let rule_at = child(&child(&at, "Choices"), &index.to_string());
                        self.part(
                            name,
                            format!("rule {}", index + 1),
                            rule_at,
                            Check::Next(rule.next.clone()),
                        );
                    }
                    if let Some(default) = &choice.default {
                        self.part(
                            name,
                            "Default".to_owned(),
                            child(&at, "Default"),
                            Check::Next(default.clone()),
                        );
                    }
                }
                kind => {
                    if let Some(Transition::Next(next)) = kind.transition() {
                        self.part(
                            name,
                            "Next".to_owned(),
                            child(&at, "Next"),
                            Check::Next(next.clone()),
                        );
                    }
                }
            }
            let catchers: &[Catcher] = state.kind.catch().unwrap_or_default();
            for (index, catcher) in catchers.iter().enumerate() {
                let catcher_at = child(&child(&at, "Catch"), &index.to_string());
                let check = Check::Caught(catcher.error_equals.clone(), catcher.next.clone());
                self.part(name, format!("catcher {}", index + 1), catcher_at, check);
            }
            let retriers: &[Retrier] = match &state.kind {
                StateKind::Task(task) => task.retry.as_deref().unwrap_or_default(),
                StateKind::Parallel(parallel) => parallel.retry.as_deref().unwrap_or_default(),
                StateKind::Map(map) => map.retry.as_deref().unwrap_or_default(),
                _ => &[],
            };
            for (index, retrier) in retriers.iter().enumerate() {
                let retrier_at = child(&child(&at, "Retry"), &index.to_string());
                let check = Check::Retried(retrier.error_equals.clone());
                self.part(name, format!("retrier {}", index + 1), retrier_at, check);
            }
            match &state.kind {
                StateKind::Parallel(parallel) => {
                    for (index, branch) in parallel.branches.iter().enumerate() {
                        let branch_at = child(&child(&at, "Branches"), &index.to_string());
                        self.container(&branch.states, &branch_at);
                    }
                }
                StateKind::Map(map) => {
                    let field = match map.processor_field {
                        crate::asl::ProcessorField::Iterator => "Iterator",
                        crate::asl::ProcessorField::ItemProcessor => "ItemProcessor",
                    };
                    self.container(&map.item_processor.states, &child(&at, field));
                }
                _ => {}
            }
        }
    }

    /// Counts what `outcome` exercised.
    pub fn add(&mut self, outcome: &Outcome) {
        let mut records = std::collections::HashMap::new();
        for (index, part) in self.parts.iter().enumerate() {
            let record = records
                .entry(part.state.clone())
                .or_insert_with(|| outcome.state(&part.state));
            let covered = record
                .entries
                .iter()
                .any(|entry| match &self.checks[index] {
                    Check::Entered => true,
                    Check::Next(target) => !entry.caught && entry.next.as_deref() == Some(target),
                    Check::Caught(errors, target) => {
                        entry.caught
                            && entry.next.as_deref() == Some(target)
                            && entry
                                .failures
                                .last()
                                .is_some_and(|(error, _)| matches(errors, error))
                    }
                    Check::Retried(errors) => entry
                        .failures
                        .iter()
                        .take(entry.attempts.saturating_sub(1))
                        .any(|(error, _)| matches(errors, error)),
                });
            if covered {
                self.covered.insert(index);
            }
        }
    }

    /// Counts what a recorded history exercised (see [`super::events_from_text`]).
    pub fn add_history(&mut self, events: &[super::Event]) {
        self.add(&Outcome {
            status: super::Status::Succeeded,
            output: None,
            error: None,
            cause: None,
            history: events.to_vec(),
            transitions: 0,
        });
    }

    /// `(kind, exercised, all)` for `states`, `transitions` (each `Next`, Choice rule and
    /// `Default`), `catchers` and `retriers`.
    pub fn summary(&self) -> [(&'static str, usize, usize); 4] {
        let mut rows = [
            ("states", 0, 0),
            ("transitions", 0, 0),
            ("catchers", 0, 0),
            ("retriers", 0, 0),
        ];
        for (index, part) in self.parts.iter().enumerate() {
            let row = match part.what.split(' ').next() {
                Some("state") => 0,
                Some("catcher") => 2,
                Some("retrier") => 3,
                _ => 1,
            };
            rows[row].2 += 1;
            if self.covered.contains(&index) {
                rows[row].1 += 1;
            }
        }
        rows
    }

    /// What no outcome exercised, in the order of the definition.
    pub fn uncovered(&self) -> Vec<&Part> {
        (0..self.parts.len())
            .filter(|index| !self.covered.contains(index))
            .map(|index| &self.parts[index])
            .collect()
    }

    /// `(exercised, all)`.
    pub fn counts(&self) -> (usize, usize) {
        (self.covered.len(), self.parts.len())
    }

    /// Panics, naming each part no outcome exercised, unless every one was.
    #[track_caller]
    pub fn assert_covered(&self) {
        let missed = self.uncovered();
        if missed.is_empty() {
            return;
        }
        let list: Vec<String> = missed.iter().map(|part| format!("  - {part}")).collect();
        panic!(
            "{} of {} parts of the definition were never exercised:\n{}",
            missed.len(),
            self.parts.len(),
            list.join("\n")
        );
    }
}

/// Whether a catcher's or retrier's `ErrorEquals` takes `error`, as the engine decides.
fn matches(errors: &[String], error: &str) -> bool {
    Failure::new(error, "").matches(errors)
}
