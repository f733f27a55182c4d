//! `workflow run`: one execution on the bundled interpreter.

use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use workflow::engine::{
    Engine, ExecutionIdentity, Handlers, MAX_PAYLOAD_BYTES, Mocks, S3Objects, Status, WallClock,
};

use crate::Status as Exit;
use crate::cli::RunArgs;
use crate::definition::{read_definition, ready_to_run, substitutions};
use crate::output::{Output, read};

pub fn run(args: &RunArgs, out: &mut Output) -> Exit {
    match prepare(args) {
        Ok((engine, input)) => execute(args, &engine, input, out),
        Err(message) => {
            eprintln!("workflow: {message}");
            Exit::BadInput
        }
    }
}

fn prepare(args: &RunArgs) -> Result<(Engine, Value), String> {
    let file = args.definition.display();
    let (definition, express) = read_definition(
        &args.definition,
        &substitutions(&args.source)?,
        args.source.machine.as_deref(),
    )?;
    ready_to_run(&definition, &args.definition)?;
    let engine = Engine::from_text(&definition.text, definition.format)
        .map_err(|error| format!("{file}: cannot run this definition: {error}"))?;
    let input = match args.input.strip_prefix('@') {
        Some(path) => read(std::path::Path::new(path))?,
        None => args.input.clone(),
    };
    // StartExecution refuses such an input before anything runs; so do we.
    if input.len() > MAX_PAYLOAD_BYTES {
        return Err(format!(
            "--input is {} bytes; AWS refuses execution input over {MAX_PAYLOAD_BYTES} bytes (256 KiB): pass large data by reference, e.g. an S3 key",
            input.len()
        ));
    }
    let input: Value =
        serde_json::from_str(&input).map_err(|error| format!("--input is not JSON: {error}"))?;
    let mut handlers = Handlers::new();
    if let Some(path) = &args.mocks {
        let value = json_file(path)?;
        let mocks = value.get("mocks").unwrap_or(&value);
        handlers = handlers.mocks(
            Mocks::from_value(mocks).map_err(|error| format!("{}: {error}", path.display()))?,
        );
    }
    let mut engine = engine
        .handlers(handlers)
        .map_err(|error| error.to_string())?;
    if let Some(path) = &args.s3_objects {
        let value = json_file(path)?;
        let objects = value.get("s3_objects").unwrap_or(&value);
        engine = engine.s3_objects(
            S3Objects::from_value(objects)
                .map_err(|error| format!("{}: {error}", path.display()))?,
        );
    }
    if args.real_time {
        engine = engine.clock(Arc::new(WallClock));
    }
    // A template's `StateMachineType: EXPRESS` says it as `--express` does.
    if args.express || express {
        engine = engine.identity(ExecutionIdentity {
            express: true,
            ..ExecutionIdentity::default()
        });
    }
    Ok((engine, input))
}

fn json_file(path: &std::path::Path) -> Result<Value, String> {
    let text = read(path)?;
    serde_json::from_str(&text).map_err(|error| format!("{}: not JSON: {error}", path.display()))
}

fn execute(args: &RunArgs, engine: &Engine, input: Value, out: &mut Output) -> Exit {
    // Built before the clock starts: `--stats` times the execution, not the runtime's set-up.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("workflow: cannot start the async runtime: {error}");
            return Exit::BadInput;
        }
    };
    let started = Instant::now();
    let outcome = runtime.block_on(engine.run(input));
    let elapsed = started.elapsed();
    if args.stats {
        eprintln!(
            "transitions={} elapsed_us={}",
            outcome.transitions,
            elapsed.as_micros()
        );
    }
    if args.history {
        for event in &outcome.history {
            eprintln!("{}", event.to_value());
        }
    }
    if args.json {
        out.line(&outcome.to_json().to_string());
    } else {
        out.line(outcome.status.as_str());
        if let Some(output) = &outcome.output {
            out.line(&serde_json::to_string_pretty(output).unwrap_or_default());
        }
        if let Some(error) = &outcome.error {
            out.line(&format!("error: {error}"));
        }
        if let Some(cause) = &outcome.cause {
            out.line(&format!("cause: {cause}"));
        }
    }
    match outcome.status {
        Status::Succeeded => Exit::Ok,
        Status::Failed | Status::TimedOut | Status::Aborted => Exit::Failed,
    }
}
