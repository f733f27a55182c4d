//! `workflow graph`: a definition drawn as Mermaid or DOT (see `workflow::graph`).

use workflow::StateMachine;

use crate::Status;
use crate::cli::{GraphArgs, GraphFormat};
use crate::definition::{read_definition, substitutions};
use crate::output::Output;

pub fn run(args: &GraphArgs, out: &mut Output) -> Status {
    let file = args.definition.display();
    // A placeholder without a value is only text in a picture, so none is refused here.
    let read = substitutions(&args.source).and_then(|substitutions| {
        read_definition(
            &args.definition,
            &substitutions,
            args.source.machine.as_deref(),
        )
    });
    let definition = match read {
        Ok((definition, _)) => definition,
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let machine = match StateMachine::from_text(&definition.text, definition.format) {
        Ok(machine) => machine,
        Err(report) => {
            eprintln!("workflow: {file}: cannot draw a definition that does not load:");
            for diagnostic in report.errors() {
                eprintln!("{file}: {diagnostic}");
            }
            return Status::BadInput;
        }
    };
    let text = match args.format {
        GraphFormat::Mermaid => machine.to_mermaid(),
        GraphFormat::Dot => machine.to_dot(),
    };
    match &args.output {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => Status::Ok,
            Err(error) => {
                eprintln!("workflow: cannot write {}: {error}", path.display());
                Status::BadInput
            }
        },
        None => {
            out.text(&text);
            Status::Ok
        }
    }
}
