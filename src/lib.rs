//! `workflow`: define AWS Step Functions workflows in Rust, validate them, and emit Amazon States
//! Language. This crate is the facade; the model and validator live in [`workflow_dsl`].

pub use workflow_dsl::*;
