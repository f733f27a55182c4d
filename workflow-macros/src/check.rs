//! The one validator of `workflow-dsl`, run while the macro expands: every finding becomes a
//! compile error on the token its JSON pointer names, all reported at once.

use workflow_dsl::{Diagnostic, Profile, Rule, Severity, StateMachine, validate};

use crate::input::Json;

/// Warnings that are sure failures at run time, so the macro refuses them: a loop with no way
/// out (V308), a `States.Format` whose placeholders and values differ in number (V810), a
/// variable nothing assigns (V915) or that no path assigns before it is read (V918).
const REFUSED_WARNINGS: [Rule; 4] = [Rule::V308, Rule::V810, Rule::V915, Rule::V918];

/// The loaded machine, or every finding as one combined error.
pub fn check(json: &Json) -> Result<StateMachine, syn::Error> {
    let (machine, findings) = match StateMachine::from_json(&json.text) {
        Ok(machine) => {
            let report = validate(&machine, Profile::Aws);
            (Some(machine), report.diagnostics().to_vec())
        }
        Err(report) => (None, report.diagnostics().to_vec()),
    };
    let mut errors: Option<syn::Error> = None;
    for finding in findings.iter().filter(|d| refused(d)) {
        let error = syn::Error::new(json.span_of(&finding.pointer), message(finding));
        match &mut errors {
            Some(errors) => errors.combine(error),
            None => errors = Some(error),
        }
    }
    match (errors, machine) {
        (Some(errors), _) => Err(errors),
        (None, Some(machine)) => Ok(machine),
        (None, None) => Err(syn::Error::new(json.whole, "the definition does not load")),
    }
}

fn refused(finding: &Diagnostic) -> bool {
    finding.severity == Severity::Error || REFUSED_WARNINGS.contains(&finding.rule)
}

/// `V301: "B" is not a state (state `A`)` and the validator's help on the next line.
fn message(finding: &Diagnostic) -> String {
    let mut text = format!("{}: {}", finding.rule.id(), finding.message);
    if let Some(state) = &finding.state {
        text.push_str(&format!(" (state `{state}`)"));
    }
    if let Some(help) = &finding.help {
        text.push_str(&format!("\n  = help: {help}"));
    }
    text
}
