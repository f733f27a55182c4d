//! `workflow explain`: a rule's entry in the rule reference (like `rustc --explain`), or the
//! list of every rule.

use workflow::Rule;

use crate::Status;
use crate::cli::ExplainArgs;
use crate::output::Output;

pub fn run(args: &ExplainArgs, out: &mut Output) -> Status {
    let Some(id) = &args.rule else {
        for rule in Rule::ALL {
            out.line(&format!("{rule}  {}", rule.summary()));
        }
        return Status::Ok;
    };
    match Rule::from_id(id.trim()) {
        Some(rule) => {
            out.text(&rule.explain());
            Status::Ok
        }
        None => {
            eprintln!(
                "workflow: `{id}` is not a rule id; rule ids look like V301 (`workflow explain` lists them all)"
            );
            Status::BadInput
        }
    }
}
