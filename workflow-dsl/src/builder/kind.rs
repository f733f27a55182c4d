//! Type-level facts about the states being built: each state kind, the query language, and the
//! "not finished yet" markers. Each fact a call needs is a trait whose
//! `#[diagnostic::on_unimplemented]` text says, in words, what to do instead.

use std::marker::PhantomData;

use crate::asl::{self, QueryLanguage, StateKind, Transition};

mod sealed {
    pub trait Sealed {}
}
use sealed::Sealed;

/// A state kind: which model struct the builder fills in.
pub trait Kind: Sealed {
    /// The model struct of this kind (`asl::Task` for [`Task`]).
    #[doc(hidden)]
    type Body;
    /// Wraps the finished struct.
    #[doc(hidden)]
    fn into_state_kind(body: Self::Body) -> StateKind;
}

/// A kind that takes `Next` or `End`.
#[diagnostic::on_unimplemented(
    message = "a `{Self}` state has no `.next(..)`, `.then(..)` or `.end()`",
    label = "this state ends its branch, or goes where its rules say",
    note = "Succeed and Fail end their branch: finish them with `.add()`; a Choice goes where its rules point: finish it with `.otherwise(target)` or `.without_default()`"
)]
pub trait HasNext: Kind {
    /// The transition field of the body.
    #[doc(hidden)]
    fn transition(body: &mut Self::Body) -> &mut Transition;
}

/// A kind that ends its branch (Succeed, Fail): finished with `.add()`.
#[diagnostic::on_unimplemented(
    message = "only Succeed and Fail states are finished with `.add()`",
    label = "this state needs a transition",
    note = "call `.next(target)` or `.end()` on it"
)]
pub trait Terminal: Kind {}

macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident => $body:ty, $variant:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $name {}
        impl Sealed for $name {}
        impl Kind for $name {
            type Body = $body;
            fn into_state_kind(body: $body) -> StateKind {
                StateKind::$variant(Box::new(body))
            }
        }
    )*};
}

kinds! {
    /// A Pass state.
    Pass => asl::Pass, Pass;
    /// A Task state.
    Task => asl::Task, Task;
    /// A Choice state.
    Choice => asl::Choice, Choice;
    /// A Wait state.
    Wait => asl::Wait, Wait;
    /// A Succeed state.
    Succeed => asl::Succeed, Succeed;
    /// A Fail state.
    Fail => asl::Fail, Fail;
    /// A Parallel state.
    Parallel => asl::Parallel, Parallel;
    /// A Map state.
    Map => asl::Map, Map;
}

macro_rules! has_next {
    ($($name:ident),*) => {$(
        #[diagnostic::do_not_recommend]
        impl HasNext for $name {
            fn transition(body: &mut Self::Body) -> &mut Transition {
                &mut body.transition
            }
        }
    )*};
}
has_next!(Pass, Task, Wait, Parallel, Map);
#[diagnostic::do_not_recommend]
impl Terminal for Succeed {}
#[diagnostic::do_not_recommend]
impl Terminal for Fail {}

/// The query language of a workflow, inherited by every branch and processor in it.
pub trait Language: Sealed + 'static {
    /// The language.
    #[doc(hidden)]
    const LANGUAGE: QueryLanguage;
}

/// JSONPath, the default: `InputPath`, `Parameters`, `ResultPath`…
#[derive(Debug)]
pub enum JsonPath {}
/// JSONata: `Arguments`, `Output` and `{% %}` expressions.
#[derive(Debug)]
pub enum Jsonata {}
impl Sealed for JsonPath {}
impl Sealed for Jsonata {}
impl Language for JsonPath {
    const LANGUAGE: QueryLanguage = QueryLanguage::JsonPath;
}
impl Language for Jsonata {
    const LANGUAGE: QueryLanguage = QueryLanguage::Jsonata;
}

/// A state with nothing left to add before its transition.
#[derive(Debug)]
pub enum Ready {}
/// A Parallel state that has no branch yet.
#[derive(Debug)]
pub enum NoBranchYet {}
/// A Map state that has no item processor yet.
#[derive(Debug)]
pub enum NoProcessorYet {}
/// A Choice state that has no rule yet.
#[derive(Debug)]
pub enum NoRuleYet {}
impl Sealed for Ready {}
impl Sealed for NoBranchYet {}
impl Sealed for NoProcessorYet {}
impl Sealed for NoRuleYet {}

/// A state whose required parts are all there.
#[diagnostic::on_unimplemented(
    message = "this state is not complete: `{Self}`",
    label = "its transition cannot be set yet",
    note = "a Parallel state needs `.branch(|b| ..)` and a Map state `.processor(|p| ..)` before `.next(..)` or `.end()`"
)]
pub trait Complete: Sealed {}
#[diagnostic::do_not_recommend]
impl Complete for Ready {}

/// A Map state that has no processor yet.
#[diagnostic::on_unimplemented(
    message = "this Map state already has its item processor",
    label = "a second processor",
    note = "a Map runs exactly one `ItemProcessor`: put every state of an iteration in the one closure"
)]
pub trait ProcessorUnset: Sealed {}
#[diagnostic::do_not_recommend]
impl ProcessorUnset for NoProcessorYet {}

/// A Choice state with at least one rule.
#[diagnostic::on_unimplemented(
    message = "a Choice state needs at least one rule",
    label = "no `.when(condition, target)` before this",
    note = "add `.when(condition, target)` first; `.otherwise(target)` only names where to go when no rule matches"
)]
pub trait HasRule: Sealed {}
#[diagnostic::do_not_recommend]
impl HasRule for Ready {}

/// Marks a retry or catch list that can still grow: nothing follows a `States.ALL` entry.
#[diagnostic::on_unimplemented(
    message = "nothing can follow a `States.ALL` entry",
    label = "this list already ends with `States.ALL`",
    note = "`States.ALL` matches every error, so AWS requires it last: move the other entries before it"
)]
pub trait Open: Sealed {}

/// A list that can still grow.
#[derive(Debug)]
pub enum Growing {}
/// A list that ends with `States.ALL`.
#[derive(Debug)]
pub enum Closed {}
impl Sealed for Growing {}
impl Sealed for Closed {}
#[diagnostic::do_not_recommend]
impl Open for Growing {}

/// Invariant lifetime brand: handles of one scope never unify with another scope's.
pub(crate) type Brand<'s> = PhantomData<fn(&'s ()) -> &'s ()>;

/// How deep a scope is: [`Top`] for the workflow, [`Inside`] for a branch or processor of a
/// scope. A handle carries its scope's depth, so a transition from a branch to an enclosing
/// scope is a type error with a sentence (the lifetime brand still separates sibling branches).
pub trait Depth: Sealed + 'static {}

/// The workflow's own scope.
#[derive(Debug)]
pub enum Top {}
/// A branch or processor inside a scope of depth `D`.
#[derive(Debug)]
pub struct Inside<D>(PhantomData<D>);
impl Sealed for Top {}
impl<D: Depth> Sealed for Inside<D> {}
impl Depth for Top {}
impl<D: Depth> Depth for Inside<D> {}
