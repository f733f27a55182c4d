//! `workflow validate`: load, check, and print every finding.

use serde_json::{Value, json};
use workflow::substitutions::{Substituted, check};
use workflow::{Diagnostic, Profile, Report, Rule};

use crate::Status;
use crate::cli::ValidateArgs;
use crate::definition::{Source, files, read_source, substitutions};
use crate::output::Output;

pub fn run(args: &ValidateArgs, out: &mut Output) -> Status {
    let substitutions = match substitutions(&args.source) {
        Ok(substitutions) => substitutions,
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let mut run = Run {
        args,
        out,
        status: Status::Ok,
        results: Vec::new(),
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
                Ok(Source::Definition(definition)) => {
                    run.definition(&file, None, &definition, args.profile);
                }
                Ok(Source::Template(machines)) => {
                    let chosen = machines.iter().filter(|machine| {
                        args.source
                            .machine
                            .as_deref()
                            .is_none_or(|id| machine.logical_id == id)
                    });
                    for machine in chosen {
                        let source = machine.source.display().to_string();
                        match &machine.definition {
                            Some(definition) => {
                                // The template's `StateMachineType` chooses EXPRESS's rules.
                                let profile = match (machine.express, args.profile) {
                                    (true, Profile::Aws) => Profile::AwsExpress,
                                    (_, profile) => profile,
                                };
                                run.definition(
                                    &source,
                                    Some(&machine.logical_id),
                                    definition,
                                    profile,
                                );
                            }
                            None => run.out.line(&format!(
                                "{source}: {}: note: {}",
                                machine.logical_id,
                                machine.note.as_deref().unwrap_or_default()
                            )),
                        }
                    }
                }
                Err(message) => run.unreadable(&file, message),
            }
        }
    }
    if args.json {
        let results = Value::Array(std::mem::take(&mut run.results));
        run.out
            .line(&serde_json::to_string_pretty(&results).unwrap_or_default());
    } else {
        // On stderr, so that stdout stays one line per finding for tools that read it.
        eprintln!(
            "{}",
            summary(run.files, run.errors, run.warnings, run.unreadable)
        );
    }
    run.status
}

/// What one `validate` has found so far.
struct Run<'a> {
    args: &'a ValidateArgs,
    out: &'a mut Output,
    status: Status,
    results: Vec<Value>,
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

    /// Checks one definition, from `file` (for a template's, the state machine `machine`).
    fn definition(
        &mut self,
        file: &str,
        machine: Option<&str>,
        definition: &Substituted,
        profile: Profile,
    ) {
        let report = check(definition, profile);
        self.status = self.status.max(file_status(&report));
        self.errors += report.errors().count();
        self.warnings += report.warnings().count();
        let place = match machine {
            Some(id) => format!("{file}: {id}"),
            None => file.to_owned(),
        };
        if self.args.json {
            let diagnostics: Vec<Value> = report.diagnostics().iter().map(with_reference).collect();
            let mut result = json!({"file": file, "valid": !report.has_errors(),
                "diagnostics": diagnostics, "unresolved": definition.unresolved});
            if let Some(id) = machine {
                result["machine"] = json!(id);
            }
            self.results.push(result);
            return;
        }
        for name in &definition.unresolved {
            self.out.line(&format!(
                "{place}: note: ${{{name}}} has no value (--sub {name}=VALUE): the fields holding it are checked as filled at deploy time"
            ));
        }
        for diagnostic in report.diagnostics() {
            self.out.line(&format!("{place}: {diagnostic}"));
            if let Some(help) = &diagnostic.help {
                self.out.line(&format!("  = help: {help}"));
            }
            self.out.line(&format!(
                "  = note: `workflow explain {}` says what the rule checks and why",
                diagnostic.rule
            ));
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
