//! Handles: what a transition points at. A [`StateRef`] exists only once its state is in the
//! workflow, so every target exists. Its depth type (`D`) and lifetime brand (`'s`) tie it to
//! one scope: a transition from a branch to an enclosing scope is a type error with a sentence,
//! and the brand keeps sibling branches and escaping handles apart.

use super::Workflow;
use super::kind::{Brand, Depth, Language, Top};

/// A state of a workflow scope, usable as a transition target any number of times (a loop is a
/// plain back-reference). Cheap to copy.
#[derive(Debug)]
#[must_use = "a state that no transition leads to is unreachable (V306): pass its handle to `.next(..)`, a Choice rule, a catcher, or `build(..)` as the start"]
pub struct StateRef<'s, D: Depth = Top> {
    pub(crate) scope: u64,
    pub(crate) index: usize,
    pub(crate) brand: Brand<'s>,
    pub(crate) depth: std::marker::PhantomData<D>,
}

impl<D: Depth> Clone for StateRef<'_, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Depth> Copy for StateRef<'_, D> {}

/// A target in the scope of the state being wired.
#[diagnostic::on_unimplemented(
    message = "this target is outside the branch or processor being built",
    label = "a state of an enclosing scope",
    note = "a transition cannot leave a Parallel branch or Map processor: end the branch with `.end()` (its output becomes the Parallel or Map result) and continue from the Parallel or Map state"
)]
pub trait Target<'s, D: Depth> {
    /// The handle.
    #[doc(hidden)]
    fn into_ref(self) -> StateRef<'s, D>;
}

impl<'s, D: Depth> Target<'s, D> for StateRef<'s, D> {
    fn into_ref(self) -> StateRef<'s, D> {
        self
    }
}

/// A transition already set cannot be set again.
#[diagnostic::on_unimplemented(
    message = "this state already has its transition",
    label = "`.next(..)` or `.end()` was already called for this state",
    note = "a state has exactly one `Next` or `End`; to go to one of several states, use a Choice state"
)]
pub trait TransitionUnset {}

impl<D: Depth> StateRef<'_, D> {
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
pub struct Exit<'w, 's, Q: Language, D: Depth = Top> {
    pub(crate) workflow: &'w Workflow<'s, Q, D>,
    pub(crate) index: usize,
}

impl<'s, Q: Language, D: Depth> Exit<'_, 's, Q, D> {
    /// `Next`: continue with `target`.
    pub fn next(self, target: impl Target<'s, D>) {
        self.workflow.link(self.index, Some(target.into_ref()));
    }

    /// `End`: the state ends its branch (or the execution).
    pub fn end(self) {
        self.workflow.link(self.index, None);
    }
}
