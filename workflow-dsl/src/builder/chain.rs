//! Writing a workflow in the order a reader follows it: [`Chain`]s of states, each one's `Next`
//! the state after it, and [`Declared`] names for the states several transitions share.

use super::Workflow;
use super::handle::{Exit, StateRef, Target};
use super::kind::{self, Complete, Depth, Language, Top};
use super::state::StateBuilder;

/// States wired one after another in reading order: `a.then(b).then(c)` gives `a` the `Next`
/// `b` and `b` the `Next` `c`. Finish it with `.next(target)`, `.end()`, or `.then(..)` of a
/// Succeed or Fail state; each returns the handle of the chain's first state.
#[must_use = "the chain's last state has no transition yet: finish the chain with `.next(target)`, `.end()` or `.then(..)` of a Succeed or Fail state"]
#[derive(Debug)]
pub struct Chain<'w, 's, Q: Language, D: Depth = Top> {
    head: StateRef<'s, D>,
    last: Exit<'w, 's, Q, D>,
}

impl<'w, 's, Q: Language, D: Depth> Chain<'w, 's, Q, D> {
    /// Continues with `next`, a state still being built: another link of the chain, or (for
    /// Succeed and Fail) its end, which returns the handle of the chain's first state.
    pub fn then<T: Step<'w, 's, Q, D>>(self, next: T) -> T::After {
        next.follow(self.head, self.last)
    }

    /// The last state continues with `target`. Returns the handle of the chain's first state.
    pub fn next(self, target: impl Target<'s, D>) -> StateRef<'s, D> {
        self.last.next(target);
        self.head
    }

    /// The last state ends its branch (or the execution). Returns the handle of the chain's
    /// first state.
    pub fn end(self) -> StateRef<'s, D> {
        self.last.end();
        self.head
    }
}

/// A state still being built that can follow another one in a [`Chain`].
#[diagnostic::on_unimplemented(
    message = "`.then(..)` takes a state that is still being built, not `{Self}`",
    label = "not a state builder ready for its transition",
    note = "to continue with a state that already has its handle (a Choice finished with `.otherwise(..)`, a loop back, a declared state) call `.next(handle)`; a Parallel needs its `.branch(..)` and a Map its `.processor(..)` first"
)]
pub trait Step<'w, 's, Q: Language, D: Depth> {
    /// A [`Chain`] for a state that takes `Next`, the chain's first handle for Succeed and Fail.
    type After;
    /// Adds the state as the target of `exit`.
    #[doc(hidden)]
    fn follow(self, head: StateRef<'s, D>, exit: Exit<'w, 's, Q, D>) -> Self::After;
}

macro_rules! steps {
    (links: $($link:ident),*; ends: $($end:ident),*) => {
        $(
            #[diagnostic::do_not_recommend]
            impl<'w, 's, Q: Language, S: Complete, D: Depth> Step<'w, 's, Q, D>
                for StateBuilder<'w, 's, kind::$link, Q, S, D>
            {
                type After = Chain<'w, 's, Q, D>;
                fn follow(self, head: StateRef<'s, D>, exit: Exit<'w, 's, Q, D>) -> Chain<'w, 's, Q, D> {
                    let (state, last) = self.open();
                    exit.next(state);
                    Chain { head, last }
                }
            }
        )*
        $(
            #[diagnostic::do_not_recommend]
            impl<'w, 's, Q: Language, D: Depth> Step<'w, 's, Q, D>
                for StateBuilder<'w, 's, kind::$end, Q, kind::Ready, D>
            {
                type After = StateRef<'s, D>;
                fn follow(self, head: StateRef<'s, D>, exit: Exit<'w, 's, Q, D>) -> StateRef<'s, D> {
                    exit.next(self.add());
                    head
                }
            }
        )*
    };
}

steps!(links: Pass, Task, Wait, Parallel, Map; ends: Succeed, Fail);

/// A state named before it is written, for a target several transitions share (a join after
/// a Choice, a common catcher) in a workflow written top-down: pass it wherever a handle goes,
/// then add the state under the same name and confirm it with [`Declared::is`]. `build()`
/// reports a declared state never added.
///
/// ```
/// use workflow_dsl::builder::{Condition, Workflow};
///
/// let wf = Workflow::new();
/// let ship = wf.declare("Ship");
/// let start = wf
///     .choice("Route")
///     .when(Condition::boolean_equals("$.rush", true), wf.pass("Rush").next(ship))
///     .otherwise(wf.pass("Standard").next(ship));
/// ship.is(wf.pass("Ship").end());
/// let machine = wf.build(start).unwrap();
/// assert_eq!(machine.to_value()["States"]["Rush"]["Next"], "Ship");
/// ```
#[derive(Debug)]
pub struct Declared<'w, 's, Q: Language, D: Depth = Top> {
    workflow: &'w Workflow<'s, Q, D>,
    state: StateRef<'s, D>,
}

impl<Q: Language, D: Depth> Clone for Declared<'_, '_, Q, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: Language, D: Depth> Copy for Declared<'_, '_, Q, D> {}

impl<'s, Q: Language, D: Depth> Target<'s, D> for Declared<'_, 's, Q, D> {
    fn into_ref(self) -> StateRef<'s, D> {
        self.state
    }
}

impl<'s, Q: Language, D: Depth> Declared<'_, 's, Q, D> {
    /// Confirms that `state`, added under the declared name, is the declared state (`build()`
    /// reports it if it is another one).
    pub fn is(self, state: StateRef<'s, D>) {
        self.workflow.confirm(self.state, state);
    }
}

impl<'s, Q: Language, D: Depth> Workflow<'s, Q, D> {
    /// Names a state that is added later (see [`Declared`]).
    pub fn declare(&self, name: impl Into<String>) -> Declared<'_, 's, Q, D> {
        Declared {
            workflow: self,
            state: self.reserve(name.into()),
        }
    }
}
