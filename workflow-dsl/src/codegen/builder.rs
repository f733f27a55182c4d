//! A definition as builder code that reads top-down: a function that builds the same
//! definition with [`crate::builder::Workflow`]. Each state is written where its one
//! transition leads to it (chained with `.then(..)` when it follows a `Next`); a state several
//! transitions lead to is named first with `declare` and written after the others.
//!
//! The builder writes the fields that definitions written by hand use; a definition with a
//! field it does not write (a comment on a retrier, `InputPath: null`, a Map's `ItemReader`…)
//! is refused with [`Unsupported`], naming the field, and imports as a `workflow!` block.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::render;
use crate::StateMachine;

/// Why a definition cannot be written as builder code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{pointer}: the builder does not write {what}; import it as a `workflow!` block (`--style macro`)"
)]
pub struct Unsupported {
    /// Where (a JSON pointer).
    pub pointer: String,
    /// What it has that the builder does not write.
    pub what: String,
}

/// A function named after `name` (written in snake case: `OrderWorkflow` gives
/// `order_workflow`) that builds `machine` with the builder and returns what
/// [`Workflow::build`](crate::builder::Workflow::build) returns, with its `use` lines.
///
/// # Errors
///
/// [`Unsupported`] when the definition has a field the builder does not write.
pub fn builder_function(machine: &StateMachine, name: &str) -> Result<String, Unsupported> {
    let name = identifier(name, &mut HashSet::new());
    let value = machine.to_value();
    let mut writer = Writer::default();
    let body = writer.scope(&value, "", "wf", 1, true)?;
    let mut imports: Vec<&str> = vec!["Built", "ValidationErrors", "Workflow"];
    for (used, item) in [
        (writer.catch, "Catch"),
        (writer.condition, "Condition"),
        (writer.retry, "Retry"),
    ] {
        if used {
            imports.push(item);
        }
    }
    imports.sort_unstable();
    let mut out = String::new();
    if writer.json {
        out.push_str("use serde_json::json;\n");
    }
    out.push_str(&format!(
        "use workflow::builder::{{{}}};\n\n",
        imports.join(", ")
    ));
    let constructor = match value.get("QueryLanguage").and_then(Value::as_str) {
        Some("JSONata") => "Workflow::jsonata()",
        _ => "Workflow::new()",
    };
    out.push_str(&format!(
        "pub fn {name}() -> Result<Built, ValidationErrors> {{\n    let wf = {constructor};\n"
    ));
    out.push_str(&body);
    out.push_str("    wf.build(start)\n}\n");
    Ok(out)
}

#[derive(Default)]
struct Writer {
    json: bool,
    catch: bool,
    condition: bool,
    retry: bool,
}

fn unsupported(pointer: &str, what: impl Into<String>) -> Unsupported {
    Unsupported {
        pointer: if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer.to_owned()
        },
        what: what.into(),
    }
}

fn child(pointer: &str, key: &str) -> String {
    crate::diagnostics::pointer::child(pointer, key)
}

/// A Rust string literal.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

fn indent(depth: usize) -> String {
    "    ".repeat(depth)
}

/// A Rust identifier for a state's handle.
fn identifier(name: &str, taken: &mut HashSet<String>) -> String {
    let mut id = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                id.push('_');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('_') && !id.is_empty() {
            id.push('_');
            previous_lower = false;
        }
    }
    let id = id.trim_matches('_').to_owned();
    let base = match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => id,
        _ => format!("state_{id}"),
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) || is_keyword(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "wf"
            | "start"
    )
}

/// The targets of one state: `Next`, each rule's `Next`, `Default`, each catcher's `Next`.
fn targets(state: &Value) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    if let Some(next) = state["Next"].as_str() {
        out.push(next);
    }
    for rule in state["Choices"].as_array().into_iter().flatten() {
        out.extend(rule["Next"].as_str());
    }
    out.extend(state["Default"].as_str());
    for catcher in state["Catch"].as_array().into_iter().flatten() {
        out.extend(catcher["Next"].as_str());
    }
    out
}

/// One container being written: its states, the handles declared for shared ones, and the
/// variable of its workflow (`wf`, or a branch's `b1`).
struct Scope<'v> {
    states: &'v Map<String, Value>,
    pointer: String,
    var: String,
    declared: HashMap<String, String>,
    written: HashSet<String>,
}

impl Writer {
    /// The statements that build a container (`wf`'s top level, or a branch), ending with
    /// `let start = …;` (top level) or the start expression (a closure's value).
    fn scope(
        &mut self,
        container: &Value,
        pointer: &str,
        var: &str,
        depth: usize,
        top: bool,
    ) -> Result<String, Unsupported> {
        let Some(object) = container.as_object() else {
            return Err(unsupported(pointer, "a container that is not an object"));
        };
        let allowed: &[&str] = if top {
            &[
                "Comment",
                "StartAt",
                "States",
                "TimeoutSeconds",
                "QueryLanguage",
            ]
        } else {
            &["Comment", "StartAt", "States"]
        };
        for key in object.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(unsupported(&child(pointer, key), format!("`{key}` here")));
            }
        }
        let states = object["States"]
            .as_object()
            .ok_or_else(|| unsupported(pointer, "`States` that is not an object"))?;
        let start = object["StartAt"]
            .as_str()
            .ok_or_else(|| unsupported(pointer, "`StartAt` that is not a string"))?;
        // How many transitions lead to each state; the start counts as one.
        let mut incoming: HashMap<&str, usize> = HashMap::new();
        *incoming.entry(start).or_default() += 1;
        for state in states.values() {
            for target in targets(state) {
                *incoming.entry(target).or_default() += 1;
            }
        }
        let pad = indent(depth);
        let mut out = String::new();
        if let Some(comment) = object.get("Comment").and_then(Value::as_str) {
            out.push_str(&format!("{pad}{var}.comment({});\n", literal(comment)));
        }
        if let Some(seconds) = object.get("TimeoutSeconds").and_then(Value::as_u64) {
            out.push_str(&format!("{pad}{var}.timeout_seconds({seconds});\n"));
        }
        let mut scope = Scope {
            states,
            pointer: child(pointer, "States"),
            var: var.to_owned(),
            declared: HashMap::new(),
            written: HashSet::new(),
        };
        let mut taken = HashSet::new();
        // Shared states (and the start, when something loops back to it) get a handle first.
        for name in states.keys() {
            if incoming.get(name.as_str()).copied().unwrap_or(0) > 1 {
                let id = identifier(name, &mut taken);
                out.push_str(&format!(
                    "{pad}let {id} = {var}.declare({});\n",
                    literal(name)
                ));
                scope.declared.insert(name.clone(), id);
            }
        }
        let start_expression = self.state(&mut scope, start, depth)?;
        out.push_str(&format!("{pad}let start = {start_expression};\n"));
        // Then each declared state, in the order of the definition.
        let declared: Vec<(String, String)> = states
            .keys()
            .filter_map(|name| {
                scope
                    .declared
                    .get(name)
                    .map(|id| (name.clone(), id.clone()))
            })
            .collect();
        for (name, id) in declared {
            let expression = self.state_body(&mut scope, &name, depth)?;
            out.push_str(&format!("{pad}{id}.is({expression});\n"));
        }
        for name in states.keys() {
            if !scope.written.contains(name) {
                return Err(unsupported(
                    &child(&scope.pointer, name),
                    "a state no transition leads to",
                ));
            }
        }
        if !top {
            out.push_str(&format!("{pad}start\n"));
        }
        Ok(out)
    }

    /// The expression for `target`: its declared handle, or the state written in place.
    fn state(
        &mut self,
        scope: &mut Scope<'_>,
        target: &str,
        depth: usize,
    ) -> Result<String, Unsupported> {
        if let Some(id) = scope.declared.get(target) {
            return Ok(id.clone());
        }
        self.state_body(scope, target, depth)
    }

    /// The builder expression that adds `name`, transition included.
    fn state_body(
        &mut self,
        scope: &mut Scope<'_>,
        name: &str,
        depth: usize,
    ) -> Result<String, Unsupported> {
        let pointer = child(&scope.pointer, name);
        let state = scope.states.get(name).ok_or_else(|| {
            unsupported(&pointer, format!("a target `{name}` that is not a state"))
        })?;
        if !scope.written.insert(name.to_owned()) {
            return Err(unsupported(&pointer, "a state reached twice"));
        }
        let (mut expression, kind) = self.builder(scope, name, state, &pointer, depth)?;
        match kind.as_str() {
            "Succeed" | "Fail" => expression.push_str(".add()"),
            "Choice" => {
                let default = state.get("Default").and_then(Value::as_str);
                match default {
                    Some(target) => {
                        let target = self.state(scope, target, depth + 1)?;
                        expression
                            .push_str(&format!("\n{}.otherwise({target})", indent(depth + 1)));
                    }
                    None => {
                        expression.push_str(&format!("\n{}.without_default()", indent(depth + 1)))
                    }
                }
            }
            _ => expression.push_str(&self.chain_rest(scope, name, &kind, depth)?),
        }
        Ok(expression)
    }

    /// The transition of `name` (already written, of type `kind`): a `.then(..)` chain through
    /// the states written in place, ending in `.next(..)`, `.end()`, or a Succeed or Fail.
    fn chain_rest(
        &mut self,
        scope: &mut Scope<'_>,
        name: &str,
        kind: &str,
        depth: usize,
    ) -> Result<String, Unsupported> {
        let state = scope.states.get(name).cloned().unwrap_or(Value::Null);
        match kind {
            "Succeed" | "Fail" => Ok(String::new()),
            _ => match state.get("Next").and_then(Value::as_str) {
                Some(next) if !scope.declared.contains_key(next) => {
                    let next_kind = scope
                        .states
                        .get(next)
                        .and_then(|s| s["Type"].as_str())
                        .unwrap_or_default()
                        .to_owned();
                    if next_kind == "Choice" {
                        let target = self.state_body(scope, next, depth + 1)?;
                        return Ok(format!(".next({target})"));
                    }
                    let next_pointer = child(&scope.pointer, next);
                    let next_state = scope.states.get(next).cloned().unwrap_or(Value::Null);
                    if !scope.written.insert(next.to_owned()) {
                        return Err(unsupported(&next_pointer, "a state reached twice"));
                    }
                    let (chained, chained_kind) =
                        self.builder(scope, next, &next_state, &next_pointer, depth)?;
                    let rest = self.chain_rest(scope, next, &chained_kind, depth)?;
                    Ok(format!("\n{}.then({chained}){rest}", indent(depth + 1)))
                }
                Some(next) => Ok(format!(".next({})", scope.declared[next])),
                None => Ok(".end()".to_owned()),
            },
        }
    }

    /// The builder of one state with its fields, without its transition, and its type.
    fn builder(
        &mut self,
        scope: &mut Scope<'_>,
        name: &str,
        state: &Value,
        pointer: &str,
        depth: usize,
    ) -> Result<(String, String), Unsupported> {
        let var = scope.var.clone();
        let object = state
            .as_object()
            .ok_or_else(|| unsupported(pointer, "a state that is not an object"))?;
        let kind = object["Type"].as_str().unwrap_or_default().to_owned();
        let name_literal = literal(name);
        let mut used: HashSet<&str> = ["Type", "Next", "End"].into_iter().collect();
        let mut out = match kind.as_str() {
            "Pass" => format!("{var}.pass({name_literal})"),
            "Task" => {
                used.insert("Resource");
                let resource = object["Resource"]
                    .as_str()
                    .ok_or_else(|| unsupported(pointer, "a `Resource` that is not a string"))?;
                format!("{var}.task({name_literal}, {})", literal(resource))
            }
            "Choice" => format!("{var}.choice({name_literal})"),
            "Succeed" => format!("{var}.succeed({name_literal})"),
            "Fail" => format!("{var}.fail({name_literal})"),
            "Parallel" => format!("{var}.parallel({name_literal})"),
            "Map" => format!("{var}.map({name_literal})"),
            "Wait" => {
                let (constructor, key) = if let Some(seconds) = object.get("Seconds") {
                    match seconds {
                        Value::Number(n) if n.as_u64().is_some() => {
                            (format!("wait_seconds({name_literal}, {n})"), "Seconds")
                        }
                        Value::String(text) => (
                            format!("wait_seconds_expression({name_literal}, {})", literal(text)),
                            "Seconds",
                        ),
                        _ => return Err(unsupported(pointer, "this `Seconds`")),
                    }
                } else if let Some(Value::String(text)) = object.get("Timestamp") {
                    match text.starts_with("{%") {
                        true => (
                            format!("wait_until_expression({name_literal}, {})", literal(text)),
                            "Timestamp",
                        ),
                        false => (
                            format!("wait_until({name_literal}, {})", literal(text)),
                            "Timestamp",
                        ),
                    }
                } else if let Some(Value::String(path)) = object.get("SecondsPath") {
                    (
                        format!("wait_seconds_path({name_literal}, {})", literal(path)),
                        "SecondsPath",
                    )
                } else if let Some(Value::String(path)) = object.get("TimestampPath") {
                    (
                        format!("wait_until_path({name_literal}, {})", literal(path)),
                        "TimestampPath",
                    )
                } else {
                    return Err(unsupported(pointer, "this Wait state's duration"));
                };
                used.insert(key);
                format!("{var}.{constructor}")
            }
            other => return Err(unsupported(pointer, format!("a state of type `{other}`"))),
        };
        for (key, value) in object {
            if used.contains(key.as_str()) {
                continue;
            }
            let at = child(pointer, key);
            let call = match (kind.as_str(), key.as_str(), value) {
                (_, "Comment", Value::String(text)) => format!(".comment({})", literal(text)),
                (_, "InputPath", Value::String(path)) => format!(".input_path({})", literal(path)),
                (_, "OutputPath", Value::String(path)) => {
                    format!(".output_path({})", literal(path))
                }
                (_, "ResultPath", Value::String(path)) => {
                    format!(".result_path({})", literal(path))
                }
                (_, "ResultPath", Value::Null) => ".discard_result()".to_owned(),
                ("Map", "Parameters", _) => {
                    return Err(unsupported(
                        &at,
                        "a Map's `Parameters` (write it as `ItemSelector`)",
                    ));
                }
                (
                    _,
                    "Parameters" | "ResultSelector" | "Arguments" | "Output" | "Assign"
                    | "Credentials" | "ItemSelector" | "Items",
                    _,
                ) => {
                    let method = match key.as_str() {
                        "Parameters" => "parameters",
                        "ResultSelector" => "result_selector",
                        "Arguments" => "arguments",
                        "Output" => "output",
                        "Assign" => "assign",
                        "Credentials" => "credentials",
                        "ItemSelector" => "item_selector",
                        _ => "items",
                    };
                    format!(".{method}({})", self.json(value, depth + 1))
                }
                ("Pass", "Result", _) => format!(".result({})", self.json(value, depth + 1)),
                ("Task", "TimeoutSeconds", Value::Number(n)) if n.as_u64().is_some() => {
                    format!(".timeout_seconds({n})")
                }
                ("Task", "HeartbeatSeconds", Value::Number(n)) if n.as_u64().is_some() => {
                    format!(".heartbeat_seconds({n})")
                }
                ("Task", "TimeoutSeconds", Value::String(text)) => {
                    format!(".timeout_seconds_expression({})", literal(text))
                }
                ("Task", "HeartbeatSeconds", Value::String(text)) => {
                    format!(".heartbeat_seconds_expression({})", literal(text))
                }
                ("Task", "TimeoutSecondsPath", Value::String(path)) => {
                    format!(".timeout_seconds_path({})", literal(path))
                }
                ("Task", "HeartbeatSecondsPath", Value::String(path)) => {
                    format!(".heartbeat_seconds_path({})", literal(path))
                }
                ("Fail", "Error", Value::String(text)) => format!(".error({})", literal(text)),
                ("Fail", "Cause", Value::String(text)) => format!(".cause({})", literal(text)),
                ("Fail", "ErrorPath", Value::String(path)) if path.starts_with('$') => {
                    format!(".error_path({})", literal(path))
                }
                ("Fail", "CausePath", Value::String(path)) if path.starts_with('$') => {
                    format!(".cause_path({})", literal(path))
                }
                ("Map", "ItemsPath", Value::String(path)) => {
                    format!(".items_path({})", literal(path))
                }
                ("Map", "MaxConcurrency", Value::Number(n)) if n.as_u64().is_some() => {
                    format!(".max_concurrency({n})")
                }
                ("Map", "MaxConcurrency", Value::String(text)) => {
                    format!(".max_concurrency_expression({})", literal(text))
                }
                ("Map", "MaxConcurrencyPath", Value::String(path)) => {
                    format!(".max_concurrency_path({})", literal(path))
                }
                ("Map", "ToleratedFailureCount", Value::Number(n)) if n.as_u64().is_some() => {
                    format!(".tolerated_failure_count({n})")
                }
                ("Map", "ToleratedFailureCount", Value::String(text)) => {
                    format!(".tolerated_failure_count_expression({})", literal(text))
                }
                ("Map", "ToleratedFailurePercentage", Value::String(text)) => format!(
                    ".tolerated_failure_percentage_expression({})",
                    literal(text)
                ),
                ("Map", "ToleratedFailureCountPath", Value::String(path)) => {
                    format!(".tolerated_failure_count_path({})", literal(path))
                }
                ("Map", "ToleratedFailurePercentagePath", Value::String(path)) => {
                    format!(".tolerated_failure_percentage_path({})", literal(path))
                }
                ("Map", "ToleratedFailurePercentage", Value::Number(n)) => format!(
                    ".tolerated_failure_percentage({:?})",
                    n.as_f64().unwrap_or_default()
                ),
                ("Map", "Label", Value::String(text)) => format!(".label({})", literal(text)),
                ("Map", "ItemProcessor" | "Iterator", container) => {
                    let method = if key == "Iterator" {
                        "iterator"
                    } else {
                        "processor"
                    };
                    // `ProcessorConfig` is a call on the Map, after its processor.
                    let mut container = container.clone();
                    let config = container
                        .as_object_mut()
                        .and_then(|object| object.remove("ProcessorConfig"));
                    let config_call = match config {
                        None => "",
                        Some(config) if config == serde_json::json!({"Mode": "INLINE"}) => {
                            ".inline()"
                        }
                        Some(_) => {
                            return Err(unsupported(
                                &child(&at, "ProcessorConfig"),
                                "this `ProcessorConfig`",
                            ));
                        }
                    };
                    let inner = format!("p{depth}");
                    let body = self.scope(&container, &at, &inner, depth + 2, false)?;
                    format!(
                        "\n{pad}.{method}(|{inner}| {{\n{body}{pad}}}){config_call}",
                        pad = indent(depth + 1)
                    )
                }
                ("Parallel", "Branches", Value::Array(branches)) => {
                    let mut text = String::new();
                    for (index, branch) in branches.iter().enumerate() {
                        let inner = format!("b{depth}");
                        let body = self.scope(
                            branch,
                            &child(&at, &index.to_string()),
                            &inner,
                            depth + 2,
                            false,
                        )?;
                        text.push_str(&format!(
                            "\n{pad}.branch(|{inner}| {{\n{body}{pad}}})",
                            pad = indent(depth + 1)
                        ));
                    }
                    text
                }
                // An empty list is the same as none, which is how the builder writes it.
                (_, "Retry", Value::Array(retriers)) if !retriers.is_empty() => {
                    self.retry(retriers, &at)?
                }
                (_, "Catch", Value::Array(catchers)) if !catchers.is_empty() => {
                    self.catchers(scope, catchers, &at, depth)?
                }
                ("Choice", "Choices", Value::Array(rules)) => {
                    self.rules(scope, rules, &at, depth)?
                }
                ("Choice", "Default", _) => String::new(),
                _ => return Err(unsupported(&at, format!("`{key}` as it is written here"))),
            };
            out.push_str(&call);
        }
        Ok((out, kind))
    }

    fn json(&mut self, value: &Value, depth: usize) -> String {
        self.json = true;
        let mut out = String::from("json!(");
        render(value, depth, &mut out);
        out.push(')');
        out
    }

    fn retry(&mut self, retriers: &[Value], pointer: &str) -> Result<String, Unsupported> {
        self.retry = true;
        let mut parts = Vec::new();
        for (index, retrier) in retriers.iter().enumerate() {
            let at = child(pointer, &index.to_string());
            let object = retrier
                .as_object()
                .ok_or_else(|| unsupported(&at, "a retrier that is not an object"))?;
            let errors = error_names(&object["ErrorEquals"], &at)?;
            let mut text = match errors.as_slice() {
                [only] if only == "States.ALL" => "Retry::all()".to_owned(),
                _ => format!("Retry::on({})", name_list(&errors)),
            };
            for (key, value) in object {
                text.push_str(&match (key.as_str(), value) {
                    ("ErrorEquals", _) => String::new(),
                    ("IntervalSeconds", Value::Number(n)) if n.as_u64().is_some() => {
                        format!(".interval_seconds({n})")
                    }
                    ("MaxAttempts", Value::Number(n)) if n.as_u64().is_some() => {
                        format!(".max_attempts({n})")
                    }
                    ("MaxDelaySeconds", Value::Number(n)) if n.as_u64().is_some() => {
                        format!(".max_delay_seconds({n})")
                    }
                    ("BackoffRate", Value::Number(n)) => {
                        format!(".backoff_rate({:?})", n.as_f64().unwrap_or(2.0))
                    }
                    ("JitterStrategy", Value::String(s)) if s == "FULL" => {
                        ".full_jitter()".to_owned()
                    }
                    _ => {
                        return Err(unsupported(
                            &child(&at, key),
                            format!("`{key}` in a retrier"),
                        ));
                    }
                });
            }
            parts.push(text);
        }
        Ok(format!(".retry({})", chain_or(parts)))
    }

    fn catchers(
        &mut self,
        scope: &mut Scope<'_>,
        catchers: &[Value],
        pointer: &str,
        depth: usize,
    ) -> Result<String, Unsupported> {
        self.catch = true;
        let mut parts = Vec::new();
        for (index, catcher) in catchers.iter().enumerate() {
            let at = child(pointer, &index.to_string());
            let object = catcher
                .as_object()
                .ok_or_else(|| unsupported(&at, "a catcher that is not an object"))?;
            let errors = error_names(&object["ErrorEquals"], &at)?;
            let next = object["Next"]
                .as_str()
                .ok_or_else(|| unsupported(&at, "a catcher without `Next`"))?;
            let target = self.state(scope, next, depth + 1)?;
            let mut text = match errors.as_slice() {
                [only] if only == "States.ALL" => format!("Catch::all({target})"),
                _ => format!("Catch::on({}, {target})", name_list(&errors)),
            };
            for (key, value) in object {
                text.push_str(&match (key.as_str(), value) {
                    ("ErrorEquals" | "Next", _) => String::new(),
                    ("ResultPath", Value::String(path)) => {
                        format!(".result_path({})", literal(path))
                    }
                    ("Assign", _) => format!(".assign({})", self.json(value, depth + 1)),
                    ("Output", _) => format!(".output({})", self.json(value, depth + 1)),
                    _ => {
                        return Err(unsupported(
                            &child(&at, key),
                            format!("`{key}` in a catcher"),
                        ));
                    }
                });
            }
            parts.push(text);
        }
        Ok(format!(".catch({})", chain_or(parts)))
    }

    fn rules(
        &mut self,
        scope: &mut Scope<'_>,
        rules: &[Value],
        pointer: &str,
        depth: usize,
    ) -> Result<String, Unsupported> {
        let mut out = String::new();
        for (index, rule) in rules.iter().enumerate() {
            let at = child(pointer, &index.to_string());
            let object = rule
                .as_object()
                .ok_or_else(|| unsupported(&at, "a rule that is not an object"))?;
            let next = object
                .get("Next")
                .and_then(Value::as_str)
                .ok_or_else(|| unsupported(&at, "a rule without `Next`"))?;
            let condition = match object.get("Condition") {
                Some(Value::String(text)) => literal(text),
                Some(_) => return Err(unsupported(&at, "a `Condition` that is not an expression")),
                None => self.condition(object, &at, &["Next", "Assign", "Output"])?,
            };
            let target = self.state(scope, next, depth + 2)?;
            out.push_str(&format!(
                "\n{}.when({condition}, {target})",
                indent(depth + 1)
            ));
            for (key, value) in object {
                match key.as_str() {
                    "Assign" => {
                        out.push_str(&format!(".rule_assign({})", self.json(value, depth + 1)))
                    }
                    "Output" => {
                        out.push_str(&format!(".rule_output({})", self.json(value, depth + 1)))
                    }
                    "Comment" => {
                        return Err(unsupported(&child(&at, key), "a comment on a Choice rule"));
                    }
                    _ => {}
                }
            }
        }
        Ok(out)
    }

    /// A JSONPath condition: a comparison, `And`, `Or` or `Not`.
    fn condition(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        ignore: &[&str],
    ) -> Result<String, Unsupported> {
        self.condition = true;
        let keys: Vec<&str> = object
            .keys()
            .map(String::as_str)
            .filter(|key| !ignore.contains(key) && *key != "Variable")
            .collect();
        let [operator] = keys.as_slice() else {
            return Err(unsupported(pointer, "this condition"));
        };
        let operand = &object[*operator];
        let nested = |writer: &mut Writer, value: &Value, at: &str| match value.as_object() {
            Some(inner) if !inner.contains_key("Comment") => writer.condition(inner, at, &[]),
            _ => Err(unsupported(at, "a nested rule with a comment")),
        };
        match *operator {
            "And" | "Or" => {
                let items = operand
                    .as_array()
                    .ok_or_else(|| unsupported(pointer, "`And`/`Or` that is not an array"))?;
                let inner: Result<Vec<String>, Unsupported> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        nested(
                            self,
                            item,
                            &child(&child(pointer, operator), &i.to_string()),
                        )
                    })
                    .collect();
                let function = if *operator == "And" { "and" } else { "or" };
                Ok(format!("Condition::{function}([{}])", inner?.join(", ")))
            }
            "Not" => Ok(format!(
                "Condition::not({})",
                nested(self, operand, &child(pointer, "Not"))?
            )),
            operator => {
                let variable = object
                    .get("Variable")
                    .and_then(Value::as_str)
                    .ok_or_else(|| unsupported(pointer, "a comparison without `Variable`"))?;
                // `StringEqualsPath` → `string_equals_path`, the constructor's name.
                let function = identifier(operator, &mut HashSet::new());
                let argument = match operand {
                    Value::String(text) => literal(text),
                    Value::Bool(flag) => flag.to_string(),
                    Value::Number(n) if n.is_f64() => {
                        format!("{:?}", n.as_f64().unwrap_or_default())
                    }
                    Value::Number(n) => format!("{n}"),
                    _ => return Err(unsupported(pointer, format!("this `{operator}` operand"))),
                };
                // The integers of JSON fit `i64` or `u64`; say which, as Rust infers `i32`.
                let argument = match operand {
                    Value::Number(n) if n.is_u64() => format!("{argument}u64"),
                    Value::Number(n) if n.is_i64() => format!("{argument}i64"),
                    _ => argument,
                };
                Ok(format!(
                    "Condition::{function}({}, {argument})",
                    literal(variable)
                ))
            }
        }
    }
}

fn error_names(value: &Value, pointer: &str) -> Result<Vec<String>, Unsupported> {
    value
        .as_array()
        .and_then(|names| {
            names
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect()
        })
        .ok_or_else(|| unsupported(pointer, "`ErrorEquals` that is not a list of names"))
}

/// `["A", "B"]`: error names as a Rust array of literals.
fn name_list(errors: &[String]) -> String {
    let names: Vec<String> = errors.iter().map(|error| literal(error)).collect();
    format!("[{}]", names.join(", "))
}

/// `a.or(b).or(c)`.
fn chain_or(parts: Vec<String>) -> String {
    let mut parts = parts.into_iter();
    let first = parts.next().unwrap_or_default();
    parts.fold(first, |chain, part| format!("{chain}.or({part})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generate(json: &str) -> Result<String, Unsupported> {
        builder_function(&StateMachine::from_json(json).unwrap(), "flow")
    }

    #[test]
    fn a_chain_reads_top_down_and_shared_states_are_declared() {
        let code = generate(r#"{"StartAt": "Validate", "States": {
            "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:V", "Next": "Route",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"}], "Default": "Ship"},
            "Review": {"Type": "Pass", "Next": "Ship"},
            "Ship": {"Type": "Pass", "Next": "Done"},
            "Done": {"Type": "Succeed"},
            "Failed": {"Type": "Fail", "Error": "E"}}}"#).unwrap();
        assert!(code.contains("let ship = wf.declare(\"Ship\");"), "{code}");
        assert!(
            code.contains("Condition::numeric_greater_than(\"$.total\", 100u64)"),
            "{code}"
        );
        assert!(code.contains(".then(wf.succeed(\"Done\"))"), "{code}");
        assert!(
            code.contains("Catch::all(wf.fail(\"Failed\").error(\"E\").add())"),
            "{code}"
        );
        assert!(code.ends_with("    wf.build(start)\n}\n"), "{code}");
    }

    #[test]
    fn what_the_builder_does_not_write_is_named() {
        let error = generate(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": null, "End": true}}}"#).unwrap_err();
        assert_eq!(error.pointer, "/States/A/InputPath");
        assert_eq!(
            error.to_string(),
            "/States/A/InputPath: the builder does not write `InputPath` as it is written here; import it as a `workflow!` block (`--style macro`)"
        );
    }

    #[test]
    fn identifiers_are_snake_case_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(identifier("ProcessPayment", &mut taken), "process_payment");
        assert_eq!(
            identifier("Process Payment", &mut taken),
            "process_payment_2"
        );
        assert_eq!(identifier("3rd step!", &mut taken), "state_3rd_step");
        assert_eq!(identifier("Loop", &mut taken), "loop_2");
        assert_eq!(identifier("start", &mut taken), "start_2");
    }
}
