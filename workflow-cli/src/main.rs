//! The `workflow` command line: `validate`, `explain`, `fmt`, `import`, `graph`, `coverage`, `run`, `replay` and
//! `serve`.
//!
//! Exit codes: 0 success; 1 a definition has an ERROR, `fmt --check` found a file that is not
//! canonical, an execution ended FAILED, TIMED_OUT or ABORTED, or a replay left its record; 2 bad usage, an unreadable
//! file, input that is not a JSON object, or a definition that cannot run.

mod cli;
mod coverage;
mod definition;
mod explain;
mod fmt;
mod formats;
mod graph;
mod import;
mod output;
mod replay;
mod run;
mod serve;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let mut out = output::Output::stdout();
    let status = match cli.command {
        cli::Command::Validate(args) => validate::run(&args, &mut out),
        cli::Command::Explain(args) => explain::run(&args, &mut out),
        cli::Command::Fmt(args) => fmt::run(&args, &mut out),
        cli::Command::Import(args) => import::run(&args, &mut out),
        cli::Command::Graph(args) => graph::run(&args, &mut out),
        cli::Command::Coverage(args) => coverage::run(&args, &mut out),
        cli::Command::Run(args) => run::run(&args, &mut out),
        cli::Command::Replay(args) => replay::run(&args, &mut out),
        cli::Command::Serve(args) => serve::serve(&args),
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
