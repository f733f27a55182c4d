//! `workflow validate`: load, check, and print every finding.

use serde_json::{Value, json};
use workflow::{Diagnostic, Report, Rule, check};

use crate::Status;
use crate::cli::ValidateArgs;
use crate::output::{Output, read};

pub fn run(args: &ValidateArgs, out: &mut Output) -> Status {
    let mut status = Status::Ok;
    let mut results = Vec::new();
    for path in &args.files {
        let file = path.display().to_string();
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("workflow: {message}");
                results.push(json!({"file": file, "error": message}));
                status = status.max(Status::BadInput);
                continue;
            }
        };
        let report = check(&text, args.profile);
        status = status.max(file_status(&report));
        if args.json {
            let diagnostics: Vec<Value> = report.diagnostics().iter().map(with_reference).collect();
            results.push(
                json!({"file": file, "valid": !report.has_errors(), "diagnostics": diagnostics}),
            );
        } else {
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
    }
    status
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
