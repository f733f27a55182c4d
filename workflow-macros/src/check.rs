//! The one validator of `workflow-dsl`, run while the macro expands: every finding that blocks
//! a build ([`Diagnostic::blocks_build`], the same verdict as the builder's `build()`) becomes a
//! compile error on the token its JSON pointer names, all reported at once; the other warnings
//! come back for `expand.rs` to turn into rustc warnings.

use workflow_dsl::{Diagnostic, Profile, StateMachine, check_and_load};

use crate::input::Json;

/// The loaded machine and the warnings that do not block it, or every blocking finding as one
/// combined error.
pub fn check(json: &Json, profile: Profile) -> Result<(StateMachine, Vec<Diagnostic>), syn::Error> {
    let (machine, report) = check_and_load(&json.text, profile);
    let (blocking, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = report
        .into_diagnostics()
        .into_iter()
        .partition(Diagnostic::blocks_build);
    let mut errors: Option<syn::Error> = None;
    for finding in &blocking {
        let error = syn::Error::new(json.span_of(&finding.pointer), message(finding));
        match &mut errors {
            Some(errors) => errors.combine(error),
            None => errors = Some(error),
        }
    }
    match (errors, machine) {
        (Some(errors), _) => Err(errors),
        (None, Some(machine)) => Ok((machine, warnings)),
        (None, None) => Err(syn::Error::new(json.whole, "the definition does not load")),
    }
}

/// `V301: "B" is not a state (state `A`)` and the validator's help on the next line.
pub fn message(finding: &Diagnostic) -> String {
    let mut text = format!("{}: {}", finding.rule.id(), finding.message);
    if let Some(state) = &finding.state {
        text.push_str(&format!(" (state `{state}`)"));
    }
    if let Some(help) = &finding.help {
        text.push_str(&format!("\n  = help: {help}"));
    }
    text
}
