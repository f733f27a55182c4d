//! `workflow import`: a definition as Rust source that compiles to the same definition: a
//! `workflow!` block (checked by the validator when it compiles), or builder code.

use workflow::{Profile, check_and_load_as, codegen};

use crate::Status;
use crate::cli::{ImportArgs, ImportStyle};
use crate::definition::{read_definition, ready_to_run, substitutions};
use crate::output::Output;

pub fn run(args: &ImportArgs, out: &mut Output) -> Status {
    let file = args.definition.display();
    let read = substitutions(&args.source)
        .and_then(|substitutions| {
            read_definition(
                &args.definition,
                &substitutions,
                args.source.machine.as_deref(),
            )
        })
        .and_then(|(definition, _)| {
            ready_to_run(&definition, &args.definition)?;
            Ok(definition)
        });
    let (text, format) = match read {
        Ok(definition) => (definition.text, definition.format),
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let profile = if args.express {
        Profile::AwsExpress
    } else {
        Profile::Aws
    };
    let (machine, report) = check_and_load_as(&text, format, profile);
    // What `workflow!` would refuse to compile is refused here, with the same findings.
    let machine = match machine.filter(|_| !report.blocks_build()) {
        Some(machine) => machine,
        None => {
            for finding in report.diagnostics().iter().filter(|d| d.blocks_build()) {
                eprintln!("{file}: {finding}");
            }
            eprintln!(
                "workflow: {file}: the workflow! macro and build() would refuse this definition"
            );
            return Status::Failed;
        }
    };
    let source = match args.style {
        ImportStyle::Macro => codegen::workflow_macro(&machine, &args.name, args.express),
        ImportStyle::Builder => match codegen::builder_function(&machine, &args.name) {
            Ok(source) => source,
            Err(unsupported) => {
                eprintln!("workflow: {file}: {unsupported}");
                return Status::Failed;
            }
        },
    };
    match &args.output {
        Some(path) => match std::fs::write(path, &source) {
            Ok(()) => Status::Ok,
            Err(error) => {
                eprintln!("workflow: cannot write {}: {error}", path.display());
                Status::BadInput
            }
        },
        None => {
            out.text(&source);
            Status::Ok
        }
    }
}
