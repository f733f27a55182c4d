//! Findings about a definition, below both the loader and the validator: the [`Diagnostic`]
//! and its [`Report`], the rule catalogue ([`Rule`], with its reference entries in
//! `explain/`), the [`Profile`] that selects rules, JSON pointers, and where a pointer is in
//! the text the user wrote ([`positions`]).

mod diagnostic;
pub(crate) mod pointer;
pub mod positions;
mod profile;
#[cfg(feature = "render")]
pub mod render;
mod rule;

pub use diagnostic::{AwsLocation, Diagnostic, Report, Severity};
pub use profile::Profile;
pub use rule::Rule;
