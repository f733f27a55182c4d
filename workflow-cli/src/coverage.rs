//! `workflow coverage`: what recorded executions exercised of a definition
//! (`workflow::engine::Coverage`).

use workflow::StateMachine;
use workflow::engine::{Coverage, events_from_text};

use crate::Status;
use crate::cli::CoverageArgs;
use crate::definition::{read_definition, substitutions};
use crate::output::{Output, read};

pub fn run(args: &CoverageArgs, out: &mut Output) -> Status {
    match coverage(args) {
        Ok(coverage) => {
            for (kind, covered, all) in coverage.summary() {
                out.line(&format!("{kind:<12} {covered}/{all}"));
            }
            let missed = coverage.uncovered();
            if missed.is_empty() {
                return Status::Ok;
            }
            out.line("never exercised:");
            for part in missed {
                out.line(&format!("  - {part}"));
            }
            Status::Failed
        }
        Err(message) => {
            eprintln!("workflow: {message}");
            Status::BadInput
        }
    }
}

fn coverage(args: &CoverageArgs) -> Result<Coverage, String> {
    let file = args.definition.display();
    let (definition, _) = read_definition(
        &args.definition,
        &substitutions(&args.source)?,
        args.source.machine.as_deref(),
    )?;
    let machine = StateMachine::from_text(&definition.text, definition.format)
        .map_err(|report| format!("{file}: the definition does not load:\n{report}"))?;
    let mut coverage = Coverage::new(&machine);
    for path in &args.histories {
        let events = events_from_text(&read(path)?)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        coverage.add_history(&events);
    }
    Ok(coverage)
}
