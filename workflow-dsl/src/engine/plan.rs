//! `StateMachine` → [`Plan`]: states flattened into one vector with every transition resolved to
//! an index, so the run loop never looks a state up by name.

use std::collections::HashMap;

use serde_json::Value;

use crate::asl::{
    Container, QueryLanguage, State, StateKind, StateMachine, States, Template, Transition,
    state_value,
};
use crate::validate::{Profile, Report, validate};

/// A compiled state machine, ready to run any number of executions.
#[derive(Clone, Debug)]
pub struct Plan {
    pub(crate) states: Vec<PlannedState>,
    pub(crate) containers: Vec<PlannedContainer>,
    pub(crate) timeout_seconds: Option<u64>,
}

/// One `States` object: where it starts.
#[derive(Clone, Debug)]
pub(crate) struct PlannedContainer {
    pub start: usize,
}

/// One state with its transitions resolved.
#[derive(Clone, Debug)]
pub(crate) struct PlannedState {
    pub name: std::sync::Arc<str>,
    pub state: State,
    /// `Next` (None for `End` and for Choice, Succeed, Fail).
    pub next: Option<usize>,
    /// A Choice state's rule targets, in rule order.
    pub rule_next: Vec<usize>,
    /// A Choice state's `Default`.
    pub default: Option<usize>,
    /// Each catcher's `Next`, in order.
    pub catch_next: Vec<usize>,
    /// Parallel branches, or the Map processor, as container indices.
    pub containers: Vec<usize>,
    /// Whether the state reads the Context Object. Building `$$` copies the execution input,
    /// so states that never read it get none (a Map over 10,000 items would otherwise copy
    /// the whole input for every iteration).
    pub uses_context: bool,
    /// Whether the state's effective query language is JSONata
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html>).
    pub jsonata: bool,
    /// Whether a Map's `ItemSelector` reads nothing of `$$` but `$$.Map.Item`, so each item's
    /// Context Object can be just that instead of a copy of the whole one.
    pub selector_reads_only_map_item: bool,
}

/// Why a definition cannot run.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The validator found errors.
    #[error("the definition is not valid:\n{0}")]
    Invalid(Report),
    /// The definition uses something the interpreter does not run yet.
    #[error("{0}")]
    Unsupported(String),
    /// A handler is registered for a state or resource no Task has: it would never run, and
    /// the Task it was meant for would fail with "no handler".
    #[error("{0}")]
    UnknownHandler(String),
}

impl Plan {
    /// Validates `machine` (profile `aws`) and compiles it.
    pub fn compile(machine: &StateMachine) -> Result<Plan, PlanError> {
        let report = validate(machine, Profile::Aws);
        if report.has_errors() {
            return Err(PlanError::Invalid(report));
        }
        let mut names = HashMap::new();
        collect_names(&machine.states, &mut names, &mut 0);
        let mut plan = Plan {
            states: Vec::with_capacity(names.len()),
            containers: Vec::new(),
            timeout_seconds: machine.timeout_seconds,
        };
        let language = machine.language();
        plan.add_container(&machine.start_at, &machine.states, &names, language)?;
        Ok(plan)
    }

    fn add_container(
        &mut self,
        start_at: &str,
        states: &States,
        names: &HashMap<String, usize>,
        language: QueryLanguage,
    ) -> Result<usize, PlanError> {
        let container = self.containers.len();
        let resolve = |name: &str| {
            names
                .get(name)
                .copied()
                .ok_or_else(|| PlanError::Unsupported(format!("unknown state {name}")))
        };
        self.containers.push(PlannedContainer {
            start: resolve(start_at)?,
        });
        // States are numbered depth-first in declaration order (see `collect_names`), so a
        // state's index is its position once its container's states are pushed in order.
        let first = self.states.len();
        for (name, state) in states {
            let jsonata = state.query_language.unwrap_or(language) == QueryLanguage::Jsonata;
            let kind = &state.kind;
            let next = match kind.transition() {
                Some(Transition::Next(next)) => Some(resolve(next)?),
                _ => None,
            };
            let (rule_next, default) = match kind {
                StateKind::Choice(choice) => (
                    choice
                        .choices
                        .iter()
                        .map(|rule| resolve(&rule.next))
                        .collect::<Result<_, _>>()?,
                    choice.default.as_deref().map(resolve).transpose()?,
                ),
                _ => (Vec::new(), None),
            };
            let catch_next = kind
                .catch()
                .unwrap_or_default()
                .iter()
                .map(|c| resolve(&c.next))
                .collect::<Result<_, _>>()?;
            let json = state_value(state);
            // Before the clone below, which copies the skeletons.
            prepare_templates(kind);
            self.states.push(PlannedState {
                name: std::sync::Arc::from(name.as_str()),
                state: state.clone(),
                next,
                rule_next,
                default,
                catch_next,
                containers: Vec::new(),
                uses_context: if jsonata {
                    mentions_states_context(&json)
                } else {
                    mentions_context(&json)
                },
                jsonata,
                selector_reads_only_map_item: match kind {
                    StateKind::Map(_) if !jsonata => json
                        .get("ItemSelector")
                        .or_else(|| json.get("Parameters"))
                        .is_some_and(reads_only_map_item),
                    _ => false,
                },
            });
        }
        // Nested containers come after all of this container's states.
        for (offset, state) in states.values().enumerate() {
            let nested: Vec<&Container> = match &state.kind {
                StateKind::Parallel(parallel) => parallel.branches.iter().collect(),
                StateKind::Map(map) => vec![&map.item_processor],
                _ => continue,
            };
            let mut indices = Vec::with_capacity(nested.len());
            for inner in nested {
                // A JSONata state's branches and processor inherit its language.
                let inherited = state.query_language.unwrap_or(language);
                indices.push(self.add_container(
                    &inner.start_at,
                    &inner.states,
                    names,
                    inherited,
                )?);
            }
            self.states[first + offset].containers = indices;
        }
        Ok(container)
    }
}

/// Builds the skeleton of every object template of a state now, so that runs only clone them.
fn prepare_templates(kind: &StateKind) {
    let prepare = |template: &Template| {
        template.walk(&mut |node| {
            if let Template::Object(members) = node {
                members.skeleton();
            }
        });
    };
    for (_, template) in kind.payload_templates() {
        prepare(template);
    }
    let rule_assigns = match kind {
        StateKind::Choice(choice) => choice
            .choices
            .iter()
            .filter_map(|r| r.assign.as_ref())
            .collect(),
        _ => Vec::new(),
    };
    let catcher_assigns = kind
        .catch()
        .unwrap_or_default()
        .iter()
        .filter_map(|c| c.assign.as_ref());
    for assign in kind
        .assign()
        .into_iter()
        .chain(rule_assigns)
        .chain(catcher_assigns)
    {
        for member in &assign.members {
            prepare(&member.value);
        }
    }
}

/// Whether any string of the state's JSON mentions `$$`: every context path and every
/// intrinsic argument reading the context does. Over-approximate (a literal `"$$"` counts),
/// which only costs speed.
fn mentions_context(value: &Value) -> bool {
    any_string(value, |text| text.contains("$$"))
}

/// Whether a JSONata state may read `$states.context`: some string mentions both `$states` and
/// `context` (over-approximate, like [`mentions_context`]).
fn mentions_states_context(value: &Value) -> bool {
    any_string(value, |text| {
        text.contains("$states") && text.contains("context")
    })
}

/// Whether every `$$` in the strings of `value` starts `$$.Map.Item` (over-approximate in the
/// safe direction: anything else, such as `$$['Map']`, counts as reading more).
fn reads_only_map_item(value: &Value) -> bool {
    !any_string(value, |text| {
        text.match_indices("$$")
            .any(|(at, _)| !text[at + 2..].starts_with(".Map.Item"))
    })
}

/// Whether `test` holds for some string anywhere in `value`.
fn any_string(value: &Value, test: impl Fn(&str) -> bool) -> bool {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(text) if test(text) => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(object) => stack.extend(object.values()),
            _ => {}
        }
    }
    false
}

/// Numbers states in the order `add_container` pushes them: a container's own states first,
/// then its nested containers, depth-first.
fn collect_names(states: &States, names: &mut HashMap<String, usize>, next: &mut usize) {
    for name in states.keys() {
        names.insert(name.clone(), *next);
        *next += 1;
    }
    for state in states.values() {
        match &state.kind {
            StateKind::Parallel(parallel) => {
                for branch in &parallel.branches {
                    collect_names(&branch.states, names, next);
                }
            }
            StateKind::Map(map) => collect_names(&map.item_processor.states, names, next),
            _ => {}
        }
    }
}
