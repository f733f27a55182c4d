//! The `workflow` command line: `validate` and `fmt` (more commands arrive with the
//! interpreter and the server).
//!
//! Exit codes: 0 success; 1 a definition has an ERROR (or `fmt --check` found a file that is
//! not canonical); 2 bad usage, an unreadable file, or input that is not a JSON object.

mod cli;
mod fmt;
mod output;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let mut out = output::Output::stdout();
    let status = match cli.command {
        cli::Command::Validate(args) => validate::run(&args, &mut out),
        cli::Command::Fmt(args) => fmt::run(&args, &mut out),
    };
    ExitCode::from(status as u8)
}

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything is fine.
    Ok = 0,
    /// A definition is invalid, or a file is not canonical.
    Failed = 1,
    /// Usage or input error.
    BadInput = 2,
}
