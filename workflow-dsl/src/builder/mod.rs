//! The typed builder: workflows written in Rust that cannot be wired wrong.
//!
//! A [`Workflow`] hands out one builder per state. Finishing a state (`.next(target)`,
//! `.end()`, `.add()`…) puts it into the workflow and returns a [`StateRef`], the only thing a
//! transition accepts, so every target exists. A workflow reads top-down: `.then(..)` chains a
//! state to the one after it ([`Chain`]), a transition's target can be written in place, and a
//! state that several transitions share is named first with [`Workflow::declare`]. Loops are
//! plain back-references; `.open()` adds a state and hands back its pending [`Exit`].
//!
//! The types rule out the usual wiring mistakes, each with a sentence that says what to do:
//! a second `next`, `next` on Succeed or Fail, a Choice finished without a rule, a Parallel
//! without a branch, a Map with no or two processors, an entry after `States.ALL` in a retry or
//! catch list. Branches and processors are built in closures whose handles cannot leave them,
//! so a transition out of a branch does not compile. What types cannot express (reachability,
//! a loop with no way out, field ranges) is left to [`Workflow::build`], which runs the one
//! validator of this crate.
//!
//! Each mistake gets a sentence from the compiler ("a Choice state needs at least one rule",
//! "nothing can follow a `States.ALL` entry", "this target is outside the branch or processor
//! being built"). Handles carry their scope's depth ([`Top`], [`Inside`]) and a lifetime brand:
//! the depth turns a jump to an enclosing scope into that sentence, the brand keeps sibling
//! branches apart and handles from escaping their closure.
//!
//! ```
//! use serde_json::json;
//! use workflow_dsl::builder::{Catch, Condition, Retry, Workflow};
//!
//! # fn main() -> Result<(), workflow_dsl::builder::ValidationErrors> {
//! let wf = Workflow::new();
//! let failed = wf.declare("Failed");
//! let route = wf
//!     .choice("Route")
//!     .when(
//!         Condition::numeric_greater_than("$.total", 0),
//!         wf.task("Ship", "arn:aws:lambda:us-east-1:123456789012:function:Ship")
//!             .retry(Retry::on(["Lambda.TooManyRequestsException"]).max_attempts(3))
//!             .catch(Catch::all(failed).result_path("$.error"))
//!             .then(wf.succeed("Done")),
//!     )
//!     .otherwise(failed);
//! failed.is(wf.fail("Failed").error("OrderFailed").add());
//! let machine = wf.build(route)?;
//! assert_eq!(machine.start_at, "Route");
//! assert_eq!(machine.to_value()["States"]["Ship"]["Next"], json!("Done"));
//! # Ok(())
//! # }
//! ```

pub mod aws;
mod chain;
mod choice;
mod fields;
mod handle;
pub mod kind;
mod nested;
mod retry;
mod state;
mod task_fn;
mod typed;

use std::cell::RefCell;
use std::collections::HashSet;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use crate::asl::Errors;
pub use chain::{Chain, Declared, Step};
pub use choice::{Condition, Numeral};
pub use fields::DurationUnset;
pub use handle::{Exit, StateRef, Target, TransitionUnset};
pub use kind::{Inside, JsonPath, Jsonata, Top};
pub use retry::{Catch, Retry};
pub use state::StateBuilder;
use task_fn::LocalTask;
pub use task_fn::{TaskError, TaskFn, TaskResource};
pub use typed::{AnyVariable, Boolean, FieldOf, Number, Text, TypedPath, Variable};

use crate::asl::{
    Container, IntegerField, QueryLanguage, State, StateKind, StateMachine, States, TimestampField,
    Transition, WaitFor,
};
use crate::validate::{Profile, Report, validate};
use kind::{Brand, Depth, Kind, Language, NoBranchYet, NoProcessorYet, NoRuleYet, Ready};

/// Why [`Workflow::build`] refused the workflow.
#[derive(Debug, thiserror::Error)]
pub enum ValidationErrors {
    /// The builder calls left something unwired or inconsistent (an exit never set, a
    /// duplicate name, a bad path), each named by state.
    #[error("the workflow is not wired completely:\n{}", .0.join("\n"))]
    Wiring(Vec<String>),
    /// The validator found errors: each has its rule, JSON pointer and what to do.
    #[error("the workflow is not valid:\n{0}")]
    Invalid(Report),
}

/// A workflow that [`Workflow::build`] accepted: the machine, and the validator's warnings
/// about it. It dereferences to the [`StateMachine`], so `built.to_json_pretty()` and
/// `Engine::new(&built)` work as on the machine itself.
#[derive(Clone, Debug)]
pub struct Built {
    /// The state machine, as it deploys.
    pub machine: StateMachine,
    /// What AWS accepts but is worth a look (a Choice without `Default`, V413; an elided ARN,
    /// V706, …). Certain run-time failures are not here: they refuse the build.
    pub warnings: Report,
    /// The [`TaskFn`]s given to `task`, by state name (run by `handlers`, feature `engine`).
    #[cfg_attr(not(feature = "engine"), allow(dead_code))]
    tasks: Vec<(String, LocalTask)>,
    /// The top-level scope, and its state names by handle index (for `name_of`).
    scope: u64,
    names: Vec<String>,
}

impl PartialEq for Built {
    /// The same machine with the same warnings (task implementations are not compared).
    fn eq(&self, other: &Built) -> bool {
        self.machine == other.machine && self.warnings == other.warnings
    }
}

impl Built {
    /// The name of the top-level state `state`: to key handlers and the test kit by handle,
    /// `outcome.state(built.name_of(ship))`. States inside branches and processors are named
    /// by their names (their handles do not leave their closure).
    ///
    /// # Panics
    ///
    /// If `state` is a handle of another workflow (a mistake in the calling code, like an
    /// index out of bounds).
    pub fn name_of(&self, state: StateRef<'_>) -> &str {
        match self.names.get(state.index) {
            Some(name) if state.scope == self.scope => name,
            _ => panic!("Built::name_of: the handle belongs to another workflow"),
        }
    }

    /// Handlers that run each [`TaskFn`] given to [`Workflow::task`] for its state: pass them
    /// to `Engine::handlers` (and add `.state(..)` handlers for Tasks given a plain ARN).
    #[cfg(feature = "engine")]
    pub fn handlers(&self) -> crate::engine::Handlers {
        use crate::engine::Failure;
        use task_fn::LocalFailure;
        let mut handlers = crate::engine::Handlers::new();
        for (state, task) in &self.tasks {
            let task = task.clone();
            handlers = handlers.state(state, move |request| {
                let run = (task.0)(request.input);
                async move {
                    run.await.map_err(|failure| match failure {
                        LocalFailure::Raised { error, cause } => Failure::new(error, cause),
                        LocalFailure::TaskFailed(cause) => Failure::new(Errors::TASK_FAILED, cause),
                    })
                }
            });
        }
        handlers
    }
}

impl std::ops::Deref for Built {
    type Target = StateMachine;

    fn deref(&self) -> &StateMachine {
        &self.machine
    }
}

impl From<Built> for StateMachine {
    fn from(built: Built) -> StateMachine {
        built.machine
    }
}

static NEXT_SCOPE: AtomicU64 = AtomicU64::new(1);

/// A workflow (or one branch or processor of it) being built. `Q` is the query language, which
/// branches and processors inherit; `'s` brands the scope's handles.
#[derive(Debug)]
pub struct Workflow<'s, Q: Language = JsonPath, D: Depth = Top> {
    scope: RefCell<Scope>,
    /// The [`TaskFn`]s of the whole workflow, shared with its branches and processors (state
    /// names are unique across them).
    tasks: Rc<RefCell<Vec<(String, LocalTask)>>>,
    brand: Brand<'s>,
    language: PhantomData<(Q, D)>,
}

/// The states of one scope, in the order they were added.
#[derive(Debug)]
struct Scope {
    id: u64,
    states: Vec<(String, State)>,
    /// States added with `.open()` whose exit is not set yet.
    open: Vec<usize>,
    /// Slots of states named by `declare` and not added yet.
    declared: Vec<usize>,
    /// The state names by handle index, kept by `finish` for [`Built::name_of`].
    names: Vec<String>,
    problems: Vec<String>,
    comment: Option<String>,
    timeout_seconds: Option<u64>,
    /// Whether the machine will be EXPRESS (`express`): `build()` checks it with EXPRESS's rules.
    express: bool,
    /// The JSON Schema of the execution input (`with_input`).
    input_schema: Option<serde_json::Value>,
}

impl Workflow<'static, JsonPath> {
    /// A workflow in JSONPath, the default query language.
    pub fn new() -> Self {
        Workflow::scoped()
    }
}

impl Default for Workflow<'static, JsonPath> {
    fn default() -> Self {
        Workflow::new()
    }
}

impl Workflow<'static, Jsonata> {
    /// A workflow in JSONata (`"QueryLanguage": "JSONata"` at the top level).
    pub fn jsonata() -> Self {
        Workflow::scoped()
    }
}

impl<'s, Q: Language, D: Depth> Workflow<'s, Q, D> {
    fn scoped() -> Self {
        Workflow::sharing_tasks(Rc::default())
    }

    /// A nested scope (a branch or processor) whose tasks go to the same place as its parent's.
    pub(crate) fn sharing_tasks(tasks: Rc<RefCell<Vec<(String, LocalTask)>>>) -> Self {
        Workflow {
            tasks,
            scope: RefCell::new(Scope {
                id: NEXT_SCOPE.fetch_add(1, Ordering::Relaxed),
                states: Vec::new(),
                open: Vec::new(),
                declared: Vec::new(),
                names: Vec::new(),
                problems: Vec::new(),
                comment: None,
                timeout_seconds: None,
                express: false,
                input_schema: None,
            }),
            brand: PhantomData,
            language: PhantomData,
        }
    }

    /// `Comment` of the workflow (or of the branch or processor).
    pub fn comment(&self, text: impl Into<String>) -> &Self {
        self.scope.borrow_mut().comment = Some(text.into());
        self
    }

    /// The machine will be created as EXPRESS: `build()` checks it with the rules of an EXPRESS
    /// state machine, so a callback (`.waitForTaskToken`) or a `.sync` job, which EXPRESS
    /// machines cannot run, refuses the build, as `type = Express` makes `workflow!` refuse it.
    pub fn express(&self) -> &Self {
        self.scope.borrow_mut().express = true;
        self
    }

    /// `TimeoutSeconds` of the whole execution (top level only).
    pub fn timeout_seconds(&self, seconds: u64) -> &Self {
        self.scope.borrow_mut().timeout_seconds = Some(seconds);
        self
    }

    /// A Pass state.
    pub fn pass(&self, name: impl Into<String>) -> StateBuilder<'_, 's, kind::Pass, Q, Ready, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// A Task state running `resource`: an ARN (`"arn:aws:lambda:…:function:Charge"`), or a
    /// [`TaskFn`], whose Rust implementation [`Built::handlers`] runs for this state.
    pub fn task(
        &self,
        name: impl Into<String>,
        resource: impl TaskResource,
    ) -> StateBuilder<'_, 's, kind::Task, Q, Ready, D> {
        let name = name.into();
        let arn = resource.resource();
        if let Some(task) = resource.implementation() {
            self.tasks.borrow_mut().push((name.clone(), task));
        }
        StateBuilder::new(
            self,
            name,
            crate::asl::Task {
                resource: arn,
                ..Default::default()
            },
        )
    }

    /// A Choice state: add rules with `.when(..)`, finish with `.otherwise(..)`.
    pub fn choice(
        &self,
        name: impl Into<String>,
    ) -> StateBuilder<'_, 's, kind::Choice, Q, NoRuleYet, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// A Task state that calls an AWS service: `Resource` and request (`Parameters`, or
    /// `Arguments` in JSONata) from a typed [`aws`] call, e.g.
    /// `wf.call("Notify", aws::sns::publish(topic, json!({"id.$": "$.id"})))`.
    pub fn call<P: aws::Patterns>(
        &self,
        name: impl Into<String>,
        call: aws::Call<P>,
    ) -> StateBuilder<'_, 's, kind::Task, Q, Ready, D> {
        let mut builder = self.task(name, call.resource());
        let jsonata = Q::LANGUAGE == QueryLanguage::Jsonata;
        let field = if jsonata { "Arguments" } else { "Parameters" };
        match call.request(jsonata) {
            Ok(request) => {
                let template = Some(builder.template(field, &request));
                match jsonata {
                    false => builder.body.parameters = template,
                    true => builder.body.arguments = template,
                }
            }
            Err(problem) => builder.problem(problem),
        }
        builder
    }

    /// A Wait state of `seconds`.
    pub fn wait_seconds(
        &self,
        name: impl Into<String>,
        seconds: u64,
    ) -> StateBuilder<'_, 's, kind::Wait, Q, Ready, D> {
        let wait_for = WaitFor::Seconds(IntegerField::Literal(seconds));
        StateBuilder::new(self, name, fields::wait(wait_for))
    }

    /// A Wait state until `timestamp` (RFC 3339, e.g. `2026-01-01T00:00:00Z`).
    pub fn wait_until(
        &self,
        name: impl Into<String>,
        timestamp: impl Into<String>,
    ) -> StateBuilder<'_, 's, kind::Wait, Q, Ready, D> {
        let wait_for = WaitFor::Timestamp(TimestampField::Literal(timestamp.into()));
        StateBuilder::new(self, name, fields::wait(wait_for))
    }

    /// A Succeed state; finish it with `.add()`.
    pub fn succeed(
        &self,
        name: impl Into<String>,
    ) -> StateBuilder<'_, 's, kind::Succeed, Q, Ready, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// A Fail state; finish it with `.add()`.
    pub fn fail(&self, name: impl Into<String>) -> StateBuilder<'_, 's, kind::Fail, Q, Ready, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// A Parallel state: add branches with `.branch(|b| ..)`.
    pub fn parallel(
        &self,
        name: impl Into<String>,
    ) -> StateBuilder<'_, 's, kind::Parallel, Q, NoBranchYet, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// A Map state: give it its processor with `.processor(|p| ..)`.
    pub fn map(
        &self,
        name: impl Into<String>,
    ) -> StateBuilder<'_, 's, kind::Map, Q, NoProcessorYet, D> {
        StateBuilder::new(self, name, Default::default())
    }

    /// Notes a problem of the builder calls, reported by `build()`.
    pub(crate) fn problem(&self, text: String) {
        self.scope.borrow_mut().problems.push(text);
    }

    /// The name of `target`, if it belongs to this scope.
    pub(crate) fn name_of(&self, target: StateRef<'s, D>, user: &str) -> Option<String> {
        let scope = self.scope.borrow();
        if target.scope != scope.id {
            drop(scope);
            self.problem(format!(
                "state `{user}`: its target belongs to another workflow; a handle works only in the workflow that made it"
            ));
            return None;
        }
        scope.states.get(target.index).map(|(name, _)| name.clone())
    }

    /// Adds a finished state; `open` when its transition comes later through an [`Exit`]. A
    /// state of a declared name takes the declaration's slot.
    pub(crate) fn insert(&self, name: String, state: State, open: bool) -> StateRef<'s, D> {
        let mut scope = self.scope.borrow_mut();
        let existing = scope.states.iter().position(|(other, _)| *other == name);
        let index = match existing {
            Some(index) if scope.declared.contains(&index) => {
                scope.declared.retain(|declared| *declared != index);
                scope.states[index].1 = state;
                index
            }
            _ => {
                if existing.is_some() {
                    scope.problems.push(format!(
                        "two states are named `{name}`: state names must be unique"
                    ));
                }
                scope.states.push((name, state));
                scope.states.len() - 1
            }
        };
        if open {
            scope.open.push(index);
        }
        self.handle(scope.id, index)
    }

    fn handle(&self, scope: u64, index: usize) -> StateRef<'s, D> {
        StateRef {
            scope,
            index,
            brand: PhantomData,
            depth: PhantomData,
        }
    }

    /// The slot of a state named before it is added ([`Workflow::declare`]); the handle of the
    /// state if it is declared or added already.
    pub(crate) fn reserve(&self, name: String) -> StateRef<'s, D> {
        let mut scope = self.scope.borrow_mut();
        let index = match scope.states.iter().position(|(other, _)| *other == name) {
            Some(index) => index,
            None => {
                let placeholder = Self::state::<kind::Pass>(None, Default::default());
                scope.states.push((name, placeholder));
                let index = scope.states.len() - 1;
                scope.declared.push(index);
                index
            }
        };
        self.handle(scope.id, index)
    }

    /// Checks that `state` is the `declared` one ([`Declared::is`]).
    pub(crate) fn confirm(&self, declared: StateRef<'s, D>, state: StateRef<'s, D>) {
        if declared.scope == state.scope && declared.index == state.index {
            return;
        }
        let scope = self.scope.borrow();
        let name_at = |handle: StateRef<'s, D>| match handle.scope == scope.id {
            true => scope.states.get(handle.index).map(|(name, _)| name.clone()),
            false => None,
        };
        let expected = name_at(declared).unwrap_or_default();
        let given = name_at(state).map_or("a state of another workflow".to_owned(), |name| {
            format!("`{name}`")
        });
        drop(scope);
        self.problem(format!(
            "state `{expected}` was declared, but `.is(..)` was given {given}: add the declared state under the name given to `declare`"
        ));
    }

    /// Sets the transition of a state added with `.open()`.
    pub(crate) fn link(&self, index: usize, target: Option<StateRef<'s, D>>) {
        let user = self.scope.borrow().states[index].0.clone();
        let transition = match target {
            Some(target) => match self.name_of(target, &user) {
                Some(name) => Transition::Next(name),
                None => return,
            },
            None => Transition::End,
        };
        let mut scope = self.scope.borrow_mut();
        scope.open.retain(|open| *open != index);
        if let Some(slot) = transition_of(&mut scope.states[index].1.kind) {
            *slot = transition;
        }
    }

    /// The scope's states as a container starting at `start`, ordered from `start` along the
    /// transitions (the order a reader follows), or what is unwired.
    fn finish(self, start: StateRef<'s, D>) -> Result<(String, States, Scope), Vec<String>> {
        let start_name = self.name_of(start, "StartAt");
        let mut scope = self.scope.into_inner();
        for &index in &scope.open {
            let name = &scope.states[index].0;
            scope.problems.push(format!(
                "state `{name}`: its exit was never set: finish its chain with `.next(target)` or `.end()`, or set the `Exit` that `.open()` returned"
            ));
        }
        for &index in &scope.declared {
            let name = &scope.states[index].0;
            scope.problems.push(format!(
                "state `{name}` was declared but never added: add a state named `{name}` and pass its handle to `.is(..)` of the declaration"
            ));
        }
        let Some(start_name) = start_name else {
            return Err(scope.problems);
        };
        if !scope.problems.is_empty() {
            return Err(std::mem::take(&mut scope.problems));
        }
        scope.names = scope.states.iter().map(|(name, _)| name.clone()).collect();
        let states = ordered(std::mem::take(&mut scope.states), &start_name);
        Ok((start_name, states, scope))
    }

    /// The branch or processor this scope describes.
    pub(crate) fn into_container(self, start: StateRef<'s, D>) -> Result<Container, Vec<String>> {
        let (start_at, states, scope) = self.finish(start)?;
        Ok(Container {
            comment: scope.comment,
            start_at,
            states,
            processor_config: None,
        })
    }
}

impl<'s, D: Depth> Workflow<'s, JsonPath, D> {
    /// A Wait state of the number of seconds at `path` in its input (`SecondsPath`).
    pub fn wait_seconds_path(
        &self,
        name: impl Into<String>,
        path: &str,
    ) -> StateBuilder<'_, 's, kind::Wait, JsonPath, Ready, D> {
        self.wait_seconds(name, 0).set_seconds_path(path)
    }

    /// A Wait state until the RFC 3339 timestamp at `path` in its input (`TimestampPath`).
    pub fn wait_until_path(
        &self,
        name: impl Into<String>,
        path: &str,
    ) -> StateBuilder<'_, 's, kind::Wait, JsonPath, Ready, D> {
        self.wait_seconds(name, 0).set_timestamp_path(path)
    }
}

impl<'s, D: Depth> Workflow<'s, Jsonata, D> {
    /// A Wait state of the seconds a `{% %}` expression gives (`Seconds`).
    pub fn wait_seconds_expression(
        &self,
        name: impl Into<String>,
        expression: &str,
    ) -> StateBuilder<'_, 's, kind::Wait, Jsonata, Ready, D> {
        self.wait_seconds(name, 0)
            .set_seconds_expression(expression)
    }

    /// A Wait state until the RFC 3339 timestamp a `{% %}` expression gives (`Timestamp`).
    pub fn wait_until_expression(
        &self,
        name: impl Into<String>,
        expression: &str,
    ) -> StateBuilder<'_, 's, kind::Wait, Jsonata, Ready, D> {
        self.wait_seconds(name, 0)
            .set_timestamp_expression(expression)
    }
}

impl Workflow<'static, JsonPath> {
    /// Builds a workflow inside a closure, the way branches are built: its handles cannot
    /// leave the closure, so a handle of another workflow does not compile (with
    /// [`Workflow::new`], `build()` reports it). Returns what [`Workflow::build`] returns.
    ///
    /// ```
    /// use workflow_dsl::builder::Workflow;
    ///
    /// let built = Workflow::define(|wf| {
    ///     let done = wf.succeed("Done").add();
    ///     wf.pass("Start").next(done)
    /// });
    /// assert_eq!(built.map(|b| b.start_at.clone()).ok().as_deref(), Some("Start"));
    /// ```
    pub fn define<F>(build: F) -> Result<Built, ValidationErrors>
    where
        F: for<'b> FnOnce(&Workflow<'b, JsonPath>) -> StateRef<'b>,
    {
        define_in(build)
    }
}

impl Workflow<'static, Jsonata> {
    /// [`Workflow::define`] for a JSONata workflow.
    pub fn define_jsonata<F>(build: F) -> Result<Built, ValidationErrors>
    where
        F: for<'b> FnOnce(&Workflow<'b, Jsonata>) -> StateRef<'b>,
    {
        define_in(build)
    }
}

/// A top-level scope with a brand of its own, built by `build`.
fn define_in<Q: Language, F>(build: F) -> Result<Built, ValidationErrors>
where
    F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
{
    let workflow = Workflow::scoped();
    let start = build(&workflow);
    workflow.build(start)
}

impl<Q: Language> Workflow<'static, Q> {
    /// Records `T` as the execution input: its JSON Schema (schemars) comes with the definition
    /// from [`Workflow::build_with_schema`], for `workflow_dsl::emit_schema`. Paths into `T` are
    /// typed with [`path!`](crate::path!).
    #[cfg(feature = "schema")]
    pub fn with_input<T: schemars::JsonSchema>(self) -> Self {
        self.scope.borrow_mut().input_schema = Some(schemars::schema_for!(T).to_value());
        self
    }
}

impl<'s, Q: Language> Workflow<'s, Q> {
    /// The finished state machine, starting at `start`, with the validator's warnings. Runs
    /// the validator (profile `aws`): errors refuse the workflow, and so do the warnings that
    /// are certain run-time failures ([`Rule::SURE_FAILURES`](crate::Rule::SURE_FAILURES)),
    /// exactly as the `workflow!` macro refuses them. Call it from `build.rs` to make a broken
    /// workflow fail `cargo build`.
    pub fn build(self, start: StateRef<'s>) -> Result<Built, ValidationErrors> {
        self.build_with_schema(start).map(|(built, _)| built)
    }

    /// [`Workflow::build`], with the input's JSON Schema when [`Workflow::with_input`] set one.
    pub fn build_with_schema(
        self,
        start: StateRef<'s>,
    ) -> Result<(Built, Option<serde_json::Value>), ValidationErrors> {
        let tasks = std::mem::take(&mut *self.tasks.borrow_mut());
        let (start_at, states, mut scope) = self.finish(start).map_err(ValidationErrors::Wiring)?;
        let machine = StateMachine {
            comment: scope.comment,
            start_at,
            states,
            version: None,
            timeout_seconds: scope.timeout_seconds,
            query_language: match Q::LANGUAGE {
                QueryLanguage::JsonPath => None,
                QueryLanguage::Jsonata => Some(QueryLanguage::Jsonata),
            },
        };
        let profile = match scope.express {
            true => Profile::AwsExpress,
            false => Profile::Aws,
        };
        let report = validate(&machine, profile);
        if report.blocks_build() {
            return Err(ValidationErrors::Invalid(report));
        }
        let built = Built {
            machine,
            warnings: report,
            tasks,
            scope: scope.id,
            names: std::mem::take(&mut scope.names),
        };
        Ok((built, scope.input_schema))
    }
}

/// The transition field of the kinds that have one.
fn transition_of(kind: &mut StateKind) -> Option<&mut Transition> {
    match kind {
        StateKind::Pass(s) => Some(&mut s.transition),
        StateKind::Task(s) => Some(&mut s.transition),
        StateKind::Wait(s) => Some(&mut s.transition),
        StateKind::Parallel(s) => Some(&mut s.transition),
        StateKind::Map(s) => Some(&mut s.transition),
        StateKind::Choice(_) | StateKind::Succeed(_) | StateKind::Fail(_) => None,
    }
}

/// Depth-first from `start`, successors in the order a reader meets them (`Next`, each rule,
/// `Default`, each catcher); states no transition reaches keep their place at the end.
fn ordered(states: Vec<(String, State)>, start: &str) -> States {
    let mut by_name: States = states.into_iter().collect();
    let mut out = States::with_capacity(by_name.len());
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(state) = by_name.shift_remove(&name) else {
            continue;
        };
        let mut successors = successors(&state.kind);
        successors.reverse();
        stack.extend(successors);
        out.insert(name, state);
    }
    out.extend(by_name);
    out
}

fn successors(kind: &StateKind) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Transition::Next(next)) = kind.transition() {
        out.push(next.clone());
    }
    if let StateKind::Choice(choice) = kind {
        out.extend(choice.choices.iter().map(|rule| rule.next.clone()));
        out.extend(choice.default.clone());
    }
    for catcher in kind.catch().unwrap_or_default() {
        out.push(catcher.next.clone());
    }
    out
}

impl<Q: Language, D: Depth> Workflow<'_, Q, D> {
    /// Helper for the state builders: a fresh model state.
    pub(crate) fn state<K: Kind>(comment: Option<String>, body: K::Body) -> State {
        State {
            comment,
            query_language: None,
            kind: K::into_state_kind(body),
        }
    }
}
