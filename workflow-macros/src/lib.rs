//! Implementation detail of the `workflow` crate: the `workflow!` macro. Use it through
//! `workflow::workflow!`, whose documentation has the examples.
//!
//! The pipeline is thiserror's: parse (`input.rs`: the header and the definition's JSON tokens,
//! with the span of every value), validate (`check.rs`: `workflow-dsl`'s one validator, each
//! finding on its token), expand (`expand.rs`, which also turns the remaining warnings into
//! rustc warnings).

mod check;
mod expand;
mod input;
mod task_error;

use proc_macro::TokenStream;

/// A whole state machine in Amazon States Language, checked when it compiles.
///
/// ```ignore
/// workflow::workflow! {
///     pub OrderWorkflow {
///         "StartAt": "ValidateOrder",
///         "States": {
///             "ValidateOrder": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ValidateOrder", "End": true}
///         }
///     }
/// }
/// ```
#[proc_macro]
pub fn workflow(tokens: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(tokens as input::Input);
    match check::check(&input.json, input.profile) {
        Ok((machine, warnings)) => expand::expand(&input, &machine, &warnings).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// `#[derive(TaskError)]` on an enum: each variant is an error name (its own name, or
/// `#[task_error(name = "Payment.Declined")]`) for a `TaskFn`'s `Err` and, through
/// `From<E> for String`, for `Retry::on` and `Catch::on`. The cause is the value's `Display`.
#[proc_macro_derive(TaskError, attributes(task_error))]
pub fn derive_task_error(tokens: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(tokens as syn::DeriveInput);
    match task_error::derive(&input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}
