//! `workflow validate`: load, check, and print every finding.

use serde_json::{Value, json};
use workflow::substitutions::check;
use workflow::{Diagnostic, Report, Rule};

use crate::Status;
use crate::cli::ValidateArgs;
use crate::definition::{read_definition, substitutions};
use crate::output::Output;

pub fn run(args: &ValidateArgs, out: &mut Output) -> Status {
    let substitutions = match substitutions(&args.substitutions) {
        Ok(substitutions) => substitutions,
        Err(message) => {
            eprintln!("workflow: {message}");
            return Status::BadInput;
        }
    };
    let mut status = Status::Ok;
    let mut results = Vec::new();
    let (mut errors, mut warnings, mut unreadable) = (0, 0, 0);
    for path in &args.files {
        let file = path.display().to_string();
        let definition = match read_definition(path, &substitutions) {
            Ok(definition) => definition,
            Err(message) => {
                eprintln!("workflow: {message}");
                results.push(json!({"file": file, "error": message}));
                status = status.max(Status::BadInput);
                unreadable += 1;
                continue;
            }
        };
        let report = check(&definition, args.profile);
        status = status.max(file_status(&report));
        errors += report.errors().count();
        warnings += report.warnings().count();
        if args.json {
            let diagnostics: Vec<Value> = report.diagnostics().iter().map(with_reference).collect();
            results.push(json!({"file": file, "valid": !report.has_errors(),
                "diagnostics": diagnostics, "unresolved": definition.unresolved}));
        } else {
            for name in &definition.unresolved {
                out.line(&format!(
                    "{file}: note: ${{{name}}} has no value (--sub {name}=VALUE): the fields holding it are checked as filled at deploy time"
                ));
            }
            for diagnostic in report.diagnostics() {
                out.line(&format!("{file}: {diagnostic}"));
                if let Some(help) = &diagnostic.help {
                    out.line(&format!("  = help: {help}"));
                }
                out.line(&format!(
                    "  = note: `workflow explain {}` says what the rule checks and why",
                    diagnostic.rule
                ));
            }
        }
    }
    if args.json {
        out.line(&serde_json::to_string_pretty(&Value::Array(results)).unwrap_or_default());
    } else {
        // On stderr, so that stdout stays one line per finding for tools that read it.
        eprintln!(
            "{}",
            summary(args.files.len(), errors, warnings, unreadable)
        );
    }
    status
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
