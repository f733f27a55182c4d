//! [`StateBuilder`]: one state being configured, and the calls that put it into its workflow.

use std::marker::PhantomData;

use super::Workflow;
use super::chain::Step;
use super::handle::{Exit, StateRef, Target};
use super::kind::{Complete, Depth, HasNext, Kind, Language, Ready, Terminal, Top};
use crate::asl::Transition;

/// A state being configured. `K` is its kind, `Q` the workflow's query language and `S` what it
/// still lacks (a Choice rule, a Parallel branch, a Map processor) before it can be finished.
/// Nothing is added to the workflow until a finishing call: `.next(target)`, `.end()`,
/// `.open()`, or `.add()` for Succeed and Fail.
#[must_use = "a state is added to its workflow only by `.next(target)`, `.end()`, `.open()` or (Succeed, Fail) `.add()`"]
pub struct StateBuilder<'w, 's, K: Kind, Q: Language, S = Ready, D: Depth = Top> {
    pub(crate) workflow: &'w Workflow<'s, Q, D>,
    pub(crate) name: String,
    pub(crate) comment: Option<String>,
    pub(crate) body: K::Body,
    pub(crate) marker: PhantomData<fn() -> (K, S)>,
}

impl<'w, 's, K: Kind, Q: Language, S, D: Depth> StateBuilder<'w, 's, K, Q, S, D> {
    pub(crate) fn new(
        workflow: &'w Workflow<'s, Q, D>,
        name: impl Into<String>,
        body: K::Body,
    ) -> Self {
        StateBuilder {
            workflow,
            name: name.into(),
            comment: None,
            body,
            marker: PhantomData,
        }
    }

    /// The same builder in another completion state.
    pub(crate) fn into_state<T>(self) -> StateBuilder<'w, 's, K, Q, T, D> {
        StateBuilder {
            workflow: self.workflow,
            name: self.name,
            comment: self.comment,
            body: self.body,
            marker: PhantomData,
        }
    }

    /// `Comment`.
    pub fn comment(mut self, text: impl Into<String>) -> Self {
        self.comment = Some(text.into());
        self
    }

    /// Notes a problem with this state's calls, reported by `build()`.
    pub(crate) fn problem(&self, text: impl std::fmt::Display) {
        self.workflow
            .problem(format!("state `{}`: {text}", self.name));
    }

    /// The name of a target, for this state's transitions.
    pub(crate) fn target(&self, target: StateRef<'s, D>) -> Option<String> {
        self.workflow.name_of(target, &self.name)
    }

    fn insert(self, open: bool) -> StateRef<'s, D> {
        let state = Workflow::<Q>::state::<K>(self.comment, self.body);
        self.workflow.insert(self.name, state, open)
    }
}

// The bounds sit on the methods, not the impl, so that a call that does not fit reaches the
// traits' `on_unimplemented` sentences instead of "method exists but bounds not satisfied".
impl<'w, 's, K: Kind, Q: Language, S, D: Depth> StateBuilder<'w, 's, K, Q, S, D> {
    /// `Next`: continue with `target`. Adds the state and returns its handle.
    pub fn next(mut self, target: impl Target<'s, D>) -> StateRef<'s, D>
    where
        K: HasNext,
        S: Complete,
    {
        if let Some(name) = self.target(target.into_ref()) {
            *K::transition(&mut self.body) = Transition::Next(name);
        }
        self.insert(false)
    }

    /// `End`: the state ends its branch (or the execution). Adds the state.
    pub fn end(mut self) -> StateRef<'s, D>
    where
        K: HasNext,
        S: Complete,
    {
        *K::transition(&mut self.body) = Transition::End;
        self.insert(false)
    }

    /// Adds the state now and leaves its transition for later: for a state whose target does
    /// not exist yet, as in a loop. `build()` reports an exit never set.
    pub fn open(self) -> (StateRef<'s, D>, Exit<'w, 's, Q, D>)
    where
        K: HasNext,
        S: Complete,
    {
        let workflow = self.workflow;
        let state = self.insert(true);
        let exit = Exit {
            workflow,
            index: state.index,
        };
        (state, exit)
    }

    /// Starts a [`Chain`](super::Chain): this state's `Next` is `next`, a state still being built.
    ///
    /// ```
    /// use workflow_dsl::builder::Workflow;
    ///
    /// let wf = Workflow::new();
    /// let start = wf
    ///     .pass("Validate")
    ///     .then(wf.pass("Charge"))
    ///     .then(wf.succeed("Done"));
    /// let machine = wf.build(start).unwrap();
    /// let names: Vec<&String> = machine.states.keys().collect();
    /// assert_eq!(names, ["Validate", "Charge", "Done"]);
    /// ```
    pub fn then<T: Step<'w, 's, Q, D>>(self, next: T) -> T::After
    where
        K: HasNext,
        S: Complete,
    {
        let (head, exit) = self.open();
        next.follow(head, exit)
    }

    /// Adds the Succeed or Fail state.
    pub fn add(self) -> StateRef<'s, D>
    where
        K: Terminal,
    {
        self.insert(false)
    }
}
