//! `workflow fmt`: the canonical JSON of a definition (see `StateMachine::to_json_pretty`).

use workflow::StateMachine;

use crate::Status;
use crate::cli::FmtArgs;
use crate::output::{Output, read};

pub fn run(args: &FmtArgs, out: &mut Output) -> Status {
    let mut status = Status::Ok;
    for path in &args.files {
        let file = path.display();
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("workflow: {message}");
                status = status.max(Status::BadInput);
                continue;
            }
        };
        let machine = match StateMachine::from_json(&text) {
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
        let canonical = machine.to_json_pretty();
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
