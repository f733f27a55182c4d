//! `workflow fmt`: the canonical text of a definition, JSON or YAML (see
//! `StateMachine::to_json_pretty` and `to_yaml`).

use workflow::StateMachine;

use crate::Status;
use crate::cli::FmtArgs;
use crate::definition::{read_definition, substitutions};
use crate::output::Output;

pub fn run(args: &FmtArgs, out: &mut Output) -> Status {
    let substitutions = match substitutions(&args.source) {
        Ok(substitutions) => substitutions,
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let mut status = Status::Ok;
    for path in &args.files {
        let file = path.display();
        let definition = match read_definition(path, &substitutions, args.source.machine.as_deref())
        {
            Ok((definition, _)) => definition,
            Err(message) => {
                eprintln!("workflow: {message}");
                status = status.max(Status::BadInput);
                continue;
            }
        };
        let (text, format) = (&definition.text, definition.format);
        let machine = match StateMachine::from_text(text, format) {
            Ok(machine) => machine,
            Err(report) => {
                eprintln!("workflow: {file}: cannot format a definition that does not load:");
                for diagnostic in report.errors() {
                    eprintln!("{file}: {diagnostic}");
                }
                status = status.max(Status::BadInput);
                continue;
            }
        };
        let canonical = machine.to_text(args.to.unwrap_or(format));
        if args.check {
            if canonical != *text {
                eprintln!("{file}: not in canonical form; run `workflow fmt {file}` to see it");
                status = status.max(Status::Failed);
            }
        } else {
            out.text(&canonical);
        }
    }
    status
}
