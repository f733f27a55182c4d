//! The machine-readable forms of `validate`'s findings: SARIF 2.1.0 for code-scanning upload,
//! and GitHub Actions workflow commands that annotate a pull request.

use serde_json::{Value, json};
use workflow::diagnostics::positions::Span;
use workflow::{Diagnostic, Rule, Severity};

/// One finding and where it is.
pub struct Located<'a> {
    pub file: &'a str,
    pub machine: Option<&'a str>,
    pub diagnostic: &'a Diagnostic,
    pub place: Option<Span>,
}

fn level(diagnostic: &Diagnostic) -> &'static str {
    match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn message(finding: &Located<'_>) -> String {
    let diagnostic = finding.diagnostic;
    let mut text = diagnostic.message.clone();
    if let Some(machine) = finding.machine {
        text = format!("{machine}: {text}");
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!(" ({help})"));
    }
    text
}

/// A SARIF 2.1.0 log of `findings`, with the rules they break.
pub fn sarif(findings: &[Located<'_>]) -> Value {
    let mut rules: Vec<Rule> = findings.iter().map(|f| f.diagnostic.rule).collect();
    rules.sort_by_key(|rule| rule.id());
    rules.dedup();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id(),
                "shortDescription": {"text": rule.summary()},
                "helpUri": rule.help_url(),
                "defaultConfiguration": {"level": match rule.default_severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let diagnostic = finding.diagnostic;
            let mut physical = json!({"artifactLocation": {"uri": finding.file}});
            if let Some(span) = finding.place {
                physical["region"] = json!({"startLine": span.line, "startColumn": span.column});
            }
            let pointer = match diagnostic.pointer.as_str() {
                "" => "/",
                pointer => pointer,
            };
            json!({
                "ruleId": diagnostic.rule.id(),
                "ruleIndex": rules.iter().position(|rule| *rule == diagnostic.rule),
                "level": level(diagnostic),
                "message": {"text": message(finding)},
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{"fullyQualifiedName": pointer, "kind": "object"}],
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "workflow",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/workflow-rs/workflow",
                "rules": descriptors,
            }},
            "results": results,
        }],
    })
}

/// `::error file=F,line=L,col=C,title=V301::message`, as GitHub Actions reads it.
pub fn github(finding: &Located<'_>) -> String {
    let mut properties = vec![format!("file={}", property(finding.file))];
    if let Some(span) = finding.place {
        properties.push(format!("line={}", span.line));
        properties.push(format!("col={}", span.column));
    }
    properties.push(format!("title={}", finding.diagnostic.rule));
    format!(
        "::{} {}::{}",
        level(finding.diagnostic),
        properties.join(","),
        data(&message(finding))
    )
}

/// A workflow command's message, escaped as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
