//! Workspace integration tests, one binary (fewer links).

/// The `build.rs` example's generated `workflow.json`.
mod build_script;
/// The `workflow` binary.
mod cli;
/// Lossless round trip and AWS's verdicts over the cases recorded against AWS (`tests/data/aws-recorded/`).
mod corpus;
/// The seed workflows and their JSONata versions in `examples/`.
mod examples;
/// The per-rule validation fixtures of `tests/data/validation/`.
mod fixtures;
/// One verdict: the builder, `workflow!` and `workflow validate` judge a definition alike.
mod front_ends;
/// `workflow serve` over HTTP.
mod server;
/// Helpers: locating the test data, running the binary, comparing JSON.
mod support;
