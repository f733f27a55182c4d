//! Handles: what a transition points at. A [`StateRef`] exists only once its state is in the
//! workflow, so every target exists; its lifetime brand ties it to one scope, so a branch cannot
//! jump out of itself and the outside cannot jump into a branch.

use super::Workflow;
use super::kind::{Brand, Language};

/// A state of a workflow scope, usable as a transition target any number of times (a loop is a
/// plain back-reference). Cheap to copy.
#[derive(Debug)]
pub struct StateRef<'s> {
    pub(crate) scope: u64,
    pub(crate) index: usize,
    pub(crate) brand: Brand<'s>,
}

impl Clone for StateRef<'_> {
    fn clone(&self) -> Self {
        *self
    }
}

impl Copy for StateRef<'_> {}

/// A transition already set cannot be set again.
#[diagnostic::on_unimplemented(
    message = "this state already has its transition",
    label = "`.next(..)` or `.end()` was already called for this state",
    note = "a state has exactly one `Next` or `End`; to go to one of several states, use a Choice state"
)]
pub trait TransitionUnset {}

impl StateRef<'_> {
    /// Not callable: the state's transition was set when this handle was made. Exists so that
    /// the mistake gets a sentence instead of "no method named `next`".
    #[doc(hidden)]
    pub fn next<T: TransitionUnset>(self, _target: T) -> Self {
        self
    }
}

/// The pending transition of a state added with `.open()`: the way to wire a state before its
/// target exists. Set it with [`Exit::next`] or [`Exit::end`]; `build()` reports an exit left
/// unset, naming the state.
#[must_use = "a state's transition stays unset until `.next(target)` or `.end()` is called on its exit"]
#[derive(Debug)]
pub struct Exit<'w, 's, Q: Language> {
    pub(crate) workflow: &'w Workflow<'s, Q>,
    pub(crate) index: usize,
}

impl<'s, Q: Language> Exit<'_, 's, Q> {
    /// `Next`: continue with `target`.
    pub fn next(self, target: StateRef<'s>) {
        self.workflow.link(self.index, Some(target));
    }

    /// `End`: the state ends its branch (or the execution).
    pub fn end(self) {
        self.workflow.link(self.index, None);
    }
}
