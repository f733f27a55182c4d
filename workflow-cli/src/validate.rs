//! `workflow validate`: load, check, and print every finding.

use std::io::IsTerminal;

use serde_json::{Value, json};
use workflow::diagnostics::positions::Span;
use workflow::diagnostics::render::{Source as Shown, render};
use workflow::substitutions::{Substituted, check};
use workflow::template::TemplateMachine;
use workflow::{Diagnostic, Profile, Report, Rule};

use crate::Status;
use crate::cli::{OutputFormat, ValidateArgs};
use crate::definition::{Source, files, read_source, substitutions};
use crate::formats::{Located, github, sarif};
use crate::output::Output;

pub fn run(args: &ValidateArgs, out: &mut Output) -> Status {
    let substitutions = match substitutions(&args.source) {
        Ok(substitutions) => substitutions,
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let format = match args.json {
        true => OutputFormat::Json,
        false => args.format,
    };
    let mut run = Run {
        args,
        format,
        styled: format == OutputFormat::Text && std::io::stdout().is_terminal(),
        out,
        status: Status::Ok,
        results: Vec::new(),
        sarif: Vec::new(),
        errors: 0,
        warnings: 0,
        unreadable: 0,
        files: 0,
    };
    for path in &args.files {
        let files = match files(path) {
            Ok(files) => files,
            Err(message) => {
                run.files += 1;
                run.unreadable(&path.display().to_string(), message);
                continue;
            }
        };
        for path in files {
            let file = path.display().to_string();
            run.files += 1;
            match read_source(&path, &substitutions) {
                Ok(Source::Definition(definition, text)) => {
                    let shown = Shown::new(&file, &text, definition.format);
                    run.definition(&shown, &definition, args.profile);
                }
                Ok(Source::Template(machines, text, format)) => {
                    run.template(&file, &machines, &text, format);
                }
                Err(message) => run.unreadable(&file, message),
            }
        }
    }
    match format {
        OutputFormat::Json => {
            let results = Value::Array(std::mem::take(&mut run.results));
            run.out
                .line(&serde_json::to_string_pretty(&results).unwrap_or_default());
        }
        OutputFormat::Sarif => {
            let findings: Vec<Located<'_>> = run
                .sarif
                .iter()
                .map(|(file, machine, diagnostic, place)| Located {
                    file,
                    machine: machine.as_deref(),
                    diagnostic,
                    place: *place,
                })
                .collect();
            let log = sarif(&findings);
            run.out
                .line(&serde_json::to_string_pretty(&log).unwrap_or_default());
        }
        OutputFormat::Text | OutputFormat::Github => {}
    }
    // On stderr, so that stdout holds only the findings.
    eprintln!(
        "{}",
        summary(run.files, run.errors, run.warnings, run.unreadable)
    );
    run.status
}

/// What one `validate` has found so far.
struct Run<'a> {
    args: &'a ValidateArgs,
    format: OutputFormat,
    styled: bool,
    out: &'a mut Output,
    status: Status,
    results: Vec<Value>,
    /// For SARIF, printed at the end: file, machine, finding, place.
    sarif: Vec<(String, Option<String>, Diagnostic, Option<Span>)>,
    errors: usize,
    warnings: usize,
    unreadable: usize,
    /// Files read (a template counts once, whatever it holds).
    files: usize,
}

impl Run<'_> {
    fn unreadable(&mut self, file: &str, message: String) {
        eprintln!("workflow: {message}");
        self.results.push(json!({"file": file, "error": message}));
        self.status = self.status.max(Status::BadInput);
        self.unreadable += 1;
    }

    /// Checks each state machine of a template, shown in the file its definition is written in.
    fn template(
        &mut self,
        file: &str,
        machines: &[TemplateMachine],
        text: &str,
        format: workflow::Format,
    ) {
        let chosen = machines.iter().filter(|machine| {
            self.args
                .source
                .machine
                .as_deref()
                .is_none_or(|id| machine.logical_id == id)
        });
        for machine in chosen {
            let Some(definition) = &machine.definition else {
                let note = machine.note.as_deref().unwrap_or_default();
                match self.format {
                    OutputFormat::Text => self
                        .out
                        .line(&format!("note: {file}: {}: {note}", machine.logical_id)),
                    _ => eprintln!("workflow: {file}: {}: {note}", machine.logical_id),
                }
                continue;
            };
            // The template's `StateMachineType` chooses EXPRESS's rules.
            let profile = match (machine.express, self.args.profile) {
                (true, Profile::Aws) => Profile::AwsExpress,
                (_, profile) => profile,
            };
            let id = machine.logical_id.as_str();
            if machine.pointer.is_empty() {
                // A `DefinitionUri` file of its own.
                let source = machine.source.display().to_string();
                let own = std::fs::read_to_string(&machine.source).unwrap_or_default();
                let shown = Shown::new(&source, &own, definition.format).within("", id);
                self.definition(&shown, definition, profile);
            } else {
                let shown = Shown::new(file, text, format).within(&machine.pointer, id);
                self.definition(&shown, definition, profile);
            }
        }
    }

    /// Checks one definition and prints its findings, shown in `shown`.
    fn definition(&mut self, shown: &Shown<'_>, definition: &Substituted, profile: Profile) {
        let report = check(definition, profile);
        self.status = self.status.max(file_status(&report));
        self.errors += report.errors().count();
        self.warnings += report.warnings().count();
        let file = shown.path();
        let machine = shown.machine();
        match self.format {
            OutputFormat::Json => {
                let diagnostics: Vec<Value> =
                    report.diagnostics().iter().map(with_reference).collect();
                let mut result = json!({"file": file, "valid": !report.has_errors(),
                    "diagnostics": diagnostics, "unresolved": definition.unresolved});
                if let Some(id) = machine {
                    result["machine"] = json!(id);
                }
                self.results.push(result);
            }
            OutputFormat::Sarif => {
                for diagnostic in report.diagnostics() {
                    let place = shown.place(diagnostic);
                    self.sarif.push((
                        file.to_owned(),
                        machine.map(str::to_owned),
                        diagnostic.clone(),
                        place,
                    ));
                }
            }
            OutputFormat::Github => {
                for diagnostic in report.diagnostics() {
                    let finding = Located {
                        file,
                        machine,
                        diagnostic,
                        place: shown.place(diagnostic),
                    };
                    self.out.line(&github(&finding));
                }
            }
            OutputFormat::Text => {
                for name in &definition.unresolved {
                    let place = match machine {
                        Some(id) => format!("{file}: {id}"),
                        None => file.to_owned(),
                    };
                    self.out.line(&format!(
                        "note: {place}: ${{{name}}} has no value (--sub {name}=VALUE): the fields holding it are checked as filled at deploy time"
                    ));
                }
                self.out.text(&render(&report, shown, self.styled));
            }
        }
    }
}

/// `3 files: ok, 10 warnings`, or what is wrong.
fn summary(files: usize, errors: usize, warnings: usize, unreadable: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if errors == 0 && unreadable == 0 {
        parts.push("ok".to_owned());
    }
    if unreadable > 0 {
        parts.push(format!("{unreadable} unreadable"));
    }
    if errors > 0 {
        parts.push(count(errors, "error"));
    }
    if warnings > 0 {
        parts.push(count(warnings, "warning"));
    }
    format!("{}: {}", count(files, "file"), parts.join(", "))
}

/// A finding as JSON, with where its rule is explained (`explain` for the terminal, `help_url`
/// for a browser).
fn with_reference(diagnostic: &Diagnostic) -> Value {
    let mut value = serde_json::to_value(diagnostic).unwrap_or_default();
    if let Value::Object(members) = &mut value {
        let rule = diagnostic.rule;
        members.insert(
            "explain".into(),
            Value::from(format!("workflow explain {rule}")),
        );
        members.insert("help_url".into(), Value::from(rule.help_url()));
    }
    value
}

/// Input that is not a JSON object is a usage problem (2), not an invalid definition (1).
fn file_status(report: &Report) -> Status {
    let unusable = report
        .errors()
        .any(|d| matches!(d.rule, Rule::V101 | Rule::V102));
    match (unusable, report.has_errors()) {
        (true, _) => Status::BadInput,
        (false, true) => Status::Failed,
        (false, false) => Status::Ok,
    }
}
