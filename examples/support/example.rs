//! What every builder example does with its workflow: print it (`-- emit`) or run it, and the
//! checks each example's tests make.

use std::process::ExitCode;

use serde_json::Value;
use workflow::builder::{Built, ValidationErrors};
use workflow::engine::{Engine, Handlers, Outcome};

pub fn main(
    machine: Result<Built, ValidationErrors>,
    handlers: Handlers,
    input: Value,
) -> ExitCode {
    let machine = match machine {
        Ok(machine) => machine,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    if std::env::args().nth(1).as_deref() == Some("emit") {
        print!("{}", machine.to_json_pretty());
        return ExitCode::SUCCESS;
    }
    match run(&machine, handlers, input) {
        Ok(outcome) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&outcome.to_json()).unwrap_or_default()
            );
            if outcome.error.is_some() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// One execution on the bundled interpreter: the workflow's `TaskFn`s, and `handlers` for the
/// other Tasks.
pub fn run(machine: &Built, handlers: Handlers, input: Value) -> Result<Outcome, String> {
    let engine = Engine::new(machine)
        .and_then(|engine| engine.handlers(machine.handlers().merge(handlers)))
        .map_err(|error| error.to_string())?;
    Ok(engine.run_blocking(input))
}

/// The tests of a builder example: it emits its seed file byte for byte, and a run on the
/// interpreter with its handlers and input gives `expected` as output.
macro_rules! example_tests {
    ($seed:literal, $expected:expr) => {
        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn emits_the_seed_file() {
                example::assert_emits(workflow(), $seed);
            }

            #[test]
            fn runs_on_the_interpreter() {
                let machine = workflow().unwrap_or_else(|error| panic!("{error}"));
                let outcome = example::run(&machine, handlers(), input())
                    .unwrap_or_else(|error| panic!("{error}"));
                assert_eq!(outcome.output, Some($expected));
            }
        }
    };
}

/// The emitted JSON is byte for byte the seed file of the same name in `examples/`.
#[cfg(test)]
pub fn assert_emits(machine: Result<Built, ValidationErrors>, seed: &str) {
    let machine = machine.unwrap_or_else(|error| panic!("{error}"));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(seed);
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(machine.to_json_pretty(), expected, "{}", path.display());
}
