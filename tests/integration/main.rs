//! Workspace integration tests, one binary (fewer links).

/// The `build.rs` example's generated `workflow.json`.
mod build_script;
/// The `workflow` binary.
mod cli;
/// Lossless round trip and AWS's verdicts over the recorded LocalStack corpus.
mod corpus;
/// The seed workflows and their JSONata versions in `examples/`.
mod examples;
/// The per-rule validation fixtures of `shared/conformance/validation/`.
mod fixtures;
/// `workflow serve` over HTTP.
mod server;
/// Helpers: locating the shared data, comparing JSON.
mod support;
/// The benchmark workloads' outputs and transition counts.
mod workloads;
