//! Rust source from a definition (`workflow import`): a `workflow!` block, or builder code that
//! reads top-down ([`builder_function`]), either of which compiles to the same definition, so an existing
//! state machine moves into Rust without retyping it.

mod builder;

pub use builder::{Unsupported, builder_function};

use serde_json::Value;

use crate::StateMachine;

/// A `workflow!` invocation named `name` holding `machine` (`type = Express` when `express`).
/// Strings are written as Rust literals, so any text round-trips.
pub fn workflow_macro(machine: &StateMachine, name: &str, express: bool) -> String {
    let header = if express { "(type = Express)" } else { "" };
    let mut out = format!("workflow::workflow! {{\n    pub {name}{header} ");
    render(&machine.to_value(), 1, &mut out);
    out.push_str("\n}\n");
    out
}

/// `value` as the inside of `json!` (or a `workflow!` block): JSON with Rust string literals.
pub(crate) fn render(value: &Value, depth: usize, out: &mut String) {
    let indent = |depth: usize| "    ".repeat(depth);
    match value {
        Value::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, (key, member)) in members.iter().enumerate() {
                out.push_str(&format!("{}{key:?}: ", indent(depth + 1)));
                render(member, depth + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            out.push_str(&indent(depth));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&indent(depth + 1));
                render(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&indent(depth));
            out.push(']');
        }
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        // A Rust string literal (`{:?}` escapes as Rust does), which the macro reads back.
        Value::String(text) => out.push_str(&format!("{text:?}")),
        other => out.push_str(&other.to_string()),
    }
}
