//! Workspace integration tests, one binary (fewer links).

/// The `build.rs` example's generated `workflow.json`.
mod build_script;
/// Lossless round trip and AWS's verdicts over the cases recorded against AWS (`tests/data/aws-recorded/`).
mod corpus;
/// The seed workflows and their JSONata versions in `examples/`.
mod examples;
/// The per-rule validation fixtures of `tests/data/validation/`.
mod fixtures;
/// `to_mermaid` and `to_dot`, and Graphviz drawing them.
mod graph;
/// `workflow import --style builder` over the recorded corpus, and its compiled sample.
mod import_builder;
/// The sample written by `import_builder` (generated).
mod imported_builder;
/// A library user gets no CLI or server dependencies.
mod lean;
/// The recorded case files, listed as every crate's tests list them.
#[path = "../support/recorded.rs"]
mod recorded;
/// Definitions shaped like AWS's published samples (`tests/data/samples/`).
mod samples;
/// Helpers: locating the test data, comparing JSON.
mod support;
