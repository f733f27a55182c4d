//! `workflow fmt`: the canonical text of a definition, JSON or YAML (see
//! `StateMachine::to_json_pretty` and `to_yaml`).

use workflow::StateMachine;

use crate::Status;
use crate::cli::FmtArgs;
use crate::output::{Output, read_definition};

pub fn run(args: &FmtArgs, out: &mut Output) -> Status {
    let mut status = Status::Ok;
    for path in &args.files {
        let file = path.display();
        let (text, format) = match read_definition(path) {
            Ok(read) => read,
            Err(message) => {
                eprintln!("workflow: {message}");
                status = status.max(Status::BadInput);
                continue;
            }
        };
        let machine = match StateMachine::from_text(&text, format) {
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
            if canonical != text {
                eprintln!("{file}: not in canonical form; run `workflow fmt {file}` to see it");
                status = status.max(Status::Failed);
            }
        } else {
            out.text(&canonical);
        }
    }
    status
}
