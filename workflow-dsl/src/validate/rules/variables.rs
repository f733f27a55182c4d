//! Variable rules (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>):
//! names (V910, V912), scopes (V911, V917), sizes (V914), reads of variables nothing assigns (V915)
//! and reads no path from `StartAt` assigns first (V918).

use std::collections::{HashMap, HashSet};

use super::{Cx, at};
use crate::asl::{Assign, FailField, State, StateKind, Template, Transition};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::intrinsics::{Arg, Call};
use crate::names::variable_name_problem;
use crate::path::{Path, Root};
use crate::validate::index::{ContainerKind, Index, StateInfo};

const MAX_ASSIGN_BYTES: usize = 262_144;

/// Every `Assign` of a state with its pointer: the state's own, its Choice rules', its catchers'.
fn assigns<'m>(state: &StateInfo<'m>) -> Vec<(String, &'m Assign)> {
    let kind = &state.state.kind;
    let mut out = Vec::new();
    if let Some(assign) = kind.assign() {
        out.push((at(&state.pointer, "Assign"), assign));
    }
    if let StateKind::Choice(choice) = kind {
        for (i, rule) in choice.choices.iter().enumerate() {
            if let Some(assign) = &rule.assign {
                out.push((
                    at(
                        &at(&at(&state.pointer, "Choices"), &i.to_string()),
                        "Assign",
                    ),
                    assign,
                ));
            }
        }
    }
    for (i, catcher) in kind.catch().into_iter().flatten().enumerate() {
        if let Some(assign) = &catcher.assign {
            out.push((
                at(&at(&at(&state.pointer, "Catch"), &i.to_string()), "Assign"),
                assign,
            ));
        }
    }
    out
}

/// Calls `read` with every variable a template reads through a path, and the member pointer.
fn variable_reads(
    template: &Template,
    pointer: &Pointer<'_>,
    read: &mut dyn FnMut(&str, &Pointer<'_>),
) {
    match template {
        Template::Object(members) => {
            for member in members {
                variable_reads(
                    &member.value,
                    &pointer.member(&member.key, member.is_dynamic()),
                    read,
                );
            }
        }
        Template::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                variable_reads(item, &pointer.index(i), read);
            }
        }
        Template::Path(path) => path_reads(path, pointer, read),
        Template::Call(call) => call_reads(call, pointer, read),
        Template::Value(_) | Template::Jsonata(_) => {}
    }
}

fn path_reads(path: &Path, pointer: &Pointer<'_>, read: &mut dyn FnMut(&str, &Pointer<'_>)) {
    if let Root::Variable(name) = path.root() {
        read(name, pointer);
    }
}

fn call_reads(call: &Call, pointer: &Pointer<'_>, read: &mut dyn FnMut(&str, &Pointer<'_>)) {
    for arg in &call.args {
        match arg {
            Arg::Path(path) => path_reads(path, pointer, read),
            Arg::Call(inner) => call_reads(inner, pointer, read),
            _ => {}
        }
    }
}

pub(super) fn check(cx: &mut Cx<'_, '_>) {
    let index = cx.index;
    // Names assigned per container (a catcher's Assign belongs to its state's container).
    let mut assigned: Vec<HashSet<&str>> = vec![HashSet::new(); index.containers.len()];
    let mut everywhere: HashSet<&str> = HashSet::new();
    for state in &index.states {
        for (pointer, assign) in assigns(state) {
            for member in &assign.members {
                let key_pointer = at(&pointer, &member.json_key());
                // Rule V912: `$states` is JSONata's reserved binding.
                if member.name() == "states" {
                    cx.push(
                        state,
                        Diagnostic::new(
                            Rule::V912,
                            key_pointer,
                            "`states` is reserved and cannot be a variable name",
                        )
                        .with_help("pick another name"),
                    );
                } else if let Some(problem) = variable_name_problem(member.name()) {
                    // Rule V910: a variable is read back as `$name`, so it must be an identifier.
                    cx.push(state, Diagnostic::new(Rule::V910, key_pointer, problem));
                }
                assigned[state.container].insert(member.name());
                everywhere.insert(member.name());
            }
            // Rule V914: AWS fails the state at run time when one value, or the literal values of
            // one Assign together, exceed 256 KiB of JSON text
            // (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
            let mut literal_total = 0;
            for member in &assign.members {
                let Template::Value(value) = &member.value else {
                    continue;
                };
                let size = value.to_string().len();
                literal_total += size;
                if size > MAX_ASSIGN_BYTES {
                    cx.push(
                        state,
                        Diagnostic::new(
                            Rule::V914,
                            pointer.clone(),
                            format!("the value of `{}` is {size} bytes of JSON; AWS allows {MAX_ASSIGN_BYTES}", member.name()),
                        )
                        .with_help("keep large values in the state output instead of variables"),
                    );
                }
            }
            if literal_total > MAX_ASSIGN_BYTES && assign.members.len() > 1 {
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V914,
                        pointer.clone(),
                        format!("the values of this `Assign` are {literal_total} bytes of JSON together; AWS allows {MAX_ASSIGN_BYTES}"),
                    )
                    .with_help("keep large values in the state output instead of variables"),
                );
            }
        }
    }
    // Rule V911: inner scopes may read outer variables but never assign them.
    for state in &index.states {
        let outer: HashSet<&str> = index
            .ancestors(state.container)
            .flat_map(|c| assigned[c].iter().copied())
            .collect();
        if outer.is_empty() {
            continue;
        }
        for (pointer, assign) in assigns(state) {
            for member in &assign.members {
                if outer.contains(member.name()) {
                    cx.push(
                        state,
                        Diagnostic::new(Rule::V911, at(&pointer, &member.json_key()), format!("`{}` is assigned in an enclosing scope; a branch or iteration cannot assign it", member.name()))
                            .with_help("use another name here, and pass the value out through the branch or iteration output"),
                    );
                }
            }
        }
    }
    // The innermost enclosing DISTRIBUTED processor of each container, if any.
    let distributed: Vec<Option<usize>> = (0..index.containers.len())
        .map(|c| {
            std::iter::once(c).chain(index.ancestors(c)).find(|&c| {
                matches!(
                    index.containers[c].kind,
                    ContainerKind::Processor { distributed: true }
                )
            })
        })
        .collect();
    let mut inside: HashMap<usize, HashSet<&str>> = HashMap::new();
    for (c, processor) in distributed.iter().enumerate() {
        if let Some(processor) = processor {
            inside
                .entry(*processor)
                .or_default()
                .extend(assigned[c].iter().copied());
        }
    }
    let before = assigned_before(index);
    for (state_idx, state) in index.states.iter().enumerate() {
        let base = Pointer::rendered(&state.pointer);
        let mut reads: Vec<(String, String)> = Vec::new();
        let mut record = |name: &str, pointer: &Pointer<'_>| {
            reads.push((name.to_owned(), pointer.render()));
        };
        for (path, template) in state.state.kind.payload_templates() {
            let parent = match path {
                [_, _] => base.key(path[0]),
                _ => base,
            };
            variable_reads(template, &parent.key(path[path.len() - 1]), &mut record);
        }
        if let StateKind::Fail(fail) = &state.state.kind {
            for (field, value) in [("ErrorPath", &fail.error), ("CausePath", &fail.cause)] {
                let field_pointer = base.key(field);
                match value {
                    Some(FailField::Path(path)) => {
                        path_reads(path.as_path(), &field_pointer, &mut record)
                    }
                    Some(FailField::Call(call)) => call_reads(call, &field_pointer, &mut record),
                    _ => {}
                }
            }
        }
        for (pointer, assign) in assigns(state) {
            let assign_pointer = Pointer::rendered(&pointer);
            for member in &assign.members {
                variable_reads(
                    &member.value,
                    &assign_pointer.member(&member.key, member.is_dynamic()),
                    &mut record,
                );
            }
        }
        let jsonata_reads = cx
            .jsonata_reads
            .iter()
            .filter(|(idx, _, _)| *idx == state_idx);
        let jsonata_reads: Vec<(String, String, bool)> = jsonata_reads
            .map(|(_, name, pointer)| (name.clone(), pointer.clone(), true))
            .collect();
        let reads = reads
            .into_iter()
            .map(|(name, pointer)| (name, pointer, false))
            .chain(jsonata_reads);
        for (name, at_pointer, from_jsonata) in reads {
            // Rule V915 is about JSONPath reads; a JSONata read of a name nothing
            // assigns is V918's.
            if !everywhere.contains(name.as_str()) && !from_jsonata {
                // Rule V915: reading a variable nothing assigns fails at run time.
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V915,
                        at_pointer,
                        format!("`${name}` is read, but no state assigns `{name}`"),
                    )
                    .with_help("assign it with `Assign` in an earlier state, or fix the name"),
                );
            } else if let Some(processor) = distributed[state.container] {
                // Rule V917: child executions of a DISTRIBUTED Map cannot see the parent's variables.
                if !inside
                    .get(&processor)
                    .is_some_and(|names| names.contains(name.as_str()))
                {
                    cx.push(
                        state,
                        Diagnostic::new(Rule::V917, at_pointer, format!("`${name}` is assigned outside this DISTRIBUTED Map, whose child executions cannot read it"))
                            .with_help("pass the value in through `ItemSelector`"),
                    );
                }
            } else if before[state_idx]
                .as_ref()
                .is_some_and(|names| !names.contains(name.as_str()))
            {
                // Rule V918: on every path that reaches this state the variable is still unset,
                // so the read fails at run time (unreachable states are V301's business).
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V918,
                        at_pointer,
                        format!("`${name}` is read here, but no path from `StartAt` assigns `{name}` before this state"),
                    )
                    .with_help(format!("assign `{name}` in a state that runs before `{}`", state.name)),
                );
            }
        }
    }
}

/// For each state, the variables that some path from `StartAt` has assigned when it is
/// entered (`None`: no path reaches it). A branch or iteration starts with what its Parallel or
/// Map state was entered with; a DISTRIBUTED processor starts with nothing
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
fn assigned_before<'m>(index: &Index<'m>) -> Vec<Option<HashSet<&'m str>>> {
    let mut nested: Vec<Vec<usize>> = vec![Vec::new(); index.states.len()];
    for (c, container) in index.containers.iter().enumerate() {
        if let Some(owner) = container.owner {
            nested[owner].push(c);
        }
    }
    let mut before: Vec<Option<HashSet<&'m str>>> = vec![None; index.states.len()];
    let mut work = Vec::new();
    // Adds `names` to what `target` may be entered with; queues it when first reached or grown.
    let enter = |target: Option<usize>,
                 names: HashSet<&'m str>,
                 before: &mut Vec<Option<HashSet<&'m str>>>,
                 work: &mut Vec<usize>| {
        let Some(target) = target else { return };
        let first = before[target].is_none();
        let known = before[target].get_or_insert_with(HashSet::new);
        let size = known.len();
        known.extend(names);
        if first || known.len() > size {
            work.push(target);
        }
    };
    enter(
        member(index, 0, index.containers[0].start_at),
        HashSet::new(),
        &mut before,
        &mut work,
    );
    while let Some(s) = work.pop() {
        let entered = before[s].clone().unwrap_or_default();
        let state = &index.states[s];
        for (target, assign) in edges(state.state) {
            let mut names = entered.clone();
            names.extend(
                assign
                    .into_iter()
                    .flat_map(|a| a.members.iter().map(|m| m.name())),
            );
            enter(
                member(index, state.container, target),
                names,
                &mut before,
                &mut work,
            );
        }
        for &c in &nested[s] {
            let container = &index.containers[c];
            let names = match container.kind {
                ContainerKind::Processor { distributed: true } => HashSet::new(),
                _ => entered.clone(),
            };
            enter(
                member(index, c, container.start_at),
                names,
                &mut before,
                &mut work,
            );
        }
    }
    before
}

/// The state named `name` in `container`.
fn member(index: &Index<'_>, container: usize, name: &str) -> Option<usize> {
    match index.by_name.get(name) {
        Some(&i) if index.states[i].container == container => Some(i),
        // Names are unique in a valid definition; otherwise search this container.
        _ => index.containers[container]
            .members
            .iter()
            .copied()
            .find(|&i| index.states[i].name == name),
    }
}

/// Where a state can go next, each with the `Assign` that runs on the way: `Next` with the
/// state's own, a Choice rule with the rule's, `Default` with the Choice's, a catcher with its own.
fn edges(state: &State) -> Vec<(&str, Option<&Assign>)> {
    let kind = &state.kind;
    let mut out = Vec::new();
    if let Some(Transition::Next(next)) = kind.transition() {
        out.push((next.as_str(), kind.assign()));
    }
    if let StateKind::Choice(choice) = kind {
        for rule in &choice.choices {
            out.push((rule.next.as_str(), rule.assign.as_ref()));
        }
        if let Some(default) = &choice.default {
            out.push((default.as_str(), choice.assign.as_ref()));
        }
    }
    for catcher in kind.catch().unwrap_or_default() {
        out.push((catcher.next.as_str(), catcher.assign.as_ref()));
    }
    out
}
