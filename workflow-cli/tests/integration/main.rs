//! The `workflow` command's integration tests, one binary (fewer links).

/// The command line: output, exit codes, every subcommand.
mod cli;
/// One verdict: the builder, `workflow!` and `workflow validate` judge a definition alike.
mod front_ends;
/// `workflow serve` over HTTP.
mod server;
/// Helpers: running the binary.
mod support;
