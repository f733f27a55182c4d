//! `workflow`: define AWS Step Functions workflows in Rust, validate them, and emit Amazon States
//! Language. This crate is the facade: the model, builder, validator and interpreter live in
//! [`workflow_dsl`], the [`workflow!`] macro in `workflow-macros`.

pub use workflow_dsl::*;

// The README's Rust snippets are doctests, so they keep compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// `workflow serve`'s Step Functions API on localhost (feature `server`): the
/// `workflow-server` crate.
#[cfg(feature = "server")]
pub use workflow_server as server;

/// A whole state machine written in Amazon States Language inside Rust, checked by the validator
/// when it compiles: every finding is a compile error on the token it is about, all at once, each
/// with its rule id (`V301`, …; see `docs/rules.md`). It expands to an enum with one variant per
/// state: handles for tests (`Handlers::state(OrderWorkflow::Charge, ..)`, comparisons with
/// `Outcome::path()`), `definition()`, and the canonical `JSON`.
///
/// ```
/// use workflow::engine::{Engine, Handlers};
///
/// workflow::workflow! {
///     /// Charge, then ship.
///     pub OrderWorkflow {
///         "StartAt": "Charge",
///         "States": {
///             "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Charge", "Next": "Ship"},
///             "Ship": {"Type": "Pass", "Result": "shipped", "End": true}
///         }
///     }
/// }
///
/// let handlers = Handlers::new().state(OrderWorkflow::Charge, |request| async move { Ok(request.input) });
/// let outcome = Engine::new(&OrderWorkflow::definition()).unwrap().handlers(handlers).unwrap().run_blocking(serde_json::json!({}));
/// assert_eq!(outcome.path(), [OrderWorkflow::Charge, OrderWorkflow::Ship]);
/// ```
///
/// With `pub OrderWorkflow(input = Order) { .. }`, each top-level Choice rule's `Variable` of the
/// form `$.a.b` must name a field of `Order` (as the Rust field is named) of a type the operator
/// compares: a misspelt field or a numeric test on a `String` does not compile. With
/// `type = Express` (`pub Flow(input = Order, type = Express)`) the definition is checked with
/// the rules of an EXPRESS state machine.
///
/// The macro refuses what the builder's `build()` refuses (`Diagnostic::blocks_build`: every
/// error, and the warnings that are certain run-time failures). Other warnings, such as a Choice
/// without `Default` (V413), compile as rustc warnings on their token, which
/// `#[allow(deprecated)]` silences.
pub use workflow_macros::workflow;

/// `#[derive(workflow::TaskError)]`: an enum's variants as Step Functions error names, for a
/// [`builder::TaskFn`]'s errors and for `Retry::on` / `Catch::on`.
pub use workflow_macros::TaskError;
