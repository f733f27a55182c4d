//! `workflow replay`: run a definition again on a recorded execution's input and Task answers,
//! and report where it leaves the record.

use serde_json::Value;
use workflow::engine::{Engine, ExecutionIdentity, Replay};

use crate::Status;
use crate::cli::ReplayArgs;
use crate::definition::{read_definition, ready_to_run, substitutions};
use crate::output::{Output, read};

pub fn run(args: &ReplayArgs, out: &mut Output) -> Status {
    match prepare(args) {
        Ok((engine, replay)) => match replay.check(&engine) {
            Ok(outcome) => {
                out.line(&format!(
                    "{}: follows the record ({} events, {})",
                    args.history.display(),
                    outcome.history.len(),
                    outcome.status.as_str()
                ));
                Status::Ok
            }
            Err(divergence) => {
                out.line(&format!(
                    "{}: diverges at {divergence}",
                    args.history.display()
                ));
                Status::Failed
            }
        },
        Err(message) => {
            eprintln!("workflow: {message}");
            Status::BadInput
        }
    }
}

fn prepare(args: &ReplayArgs) -> Result<(Engine, Replay), String> {
    let (definition, _) = read_definition(
        &args.definition,
        &substitutions(&args.source)?,
        args.source.machine.as_deref(),
    )?;
    ready_to_run(&definition, &args.definition)?;
    let engine = Engine::from_text(&definition.text, definition.format).map_err(|error| {
        format!(
            "{}: cannot run this definition: {error}",
            args.definition.display()
        )
    })?;
    let history_file = args.history.display();
    let history: Value = serde_json::from_str(&read(&args.history)?)
        .map_err(|error| format!("{history_file}: not JSON: {error}"))?;
    let replay =
        Replay::from_history(&history).map_err(|error| format!("{history_file}: {error}"))?;
    let identity = ExecutionIdentity {
        express: args.express,
        ..ExecutionIdentity::default()
    };
    Ok((engine.identity(identity), replay))
}
