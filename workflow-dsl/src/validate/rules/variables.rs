//! Variable rules (ASL.md §2.6): names (V910, V912), scopes (V911, V917), sizes (V914) and
//! reads of variables nothing assigns (V915).

use std::collections::{HashMap, HashSet};

use super::{Cx, at};
use crate::asl::{Assign, StateKind, Template};
use crate::intrinsics::{Arg, Call};
use crate::names::variable_name_problem;
use crate::path::{Path, Root};
use crate::validate::index::{ContainerKind, StateInfo};
use crate::validate::pointer::Pointer;
use crate::validate::{Diagnostic, Rule};

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
                if member.key == "states" {
                    cx.push(
                        state,
                        Diagnostic::new(
                            Rule::V912,
                            key_pointer,
                            "`states` is reserved and cannot be a variable name",
                        )
                        .with_help("pick another name"),
                    );
                } else if let Some(problem) = variable_name_problem(&member.key) {
                    // Rule V910: a variable is read back as `$name`, so it must be an identifier.
                    cx.push(state, Diagnostic::new(Rule::V910, key_pointer, problem));
                }
                assigned[state.container].insert(member.key.as_str());
                everywhere.insert(member.key.as_str());
            }
            // Rule V914: AWS fails the state at run time when one Assign holds over 256 KiB.
            let size = crate::asl::assign_value(assign).to_string().len();
            if size > MAX_ASSIGN_BYTES {
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V914,
                        pointer.clone(),
                        format!(
                            "`Assign` holds {size} bytes of JSON; AWS allows {MAX_ASSIGN_BYTES}"
                        ),
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
                if outer.contains(member.key.as_str()) {
                    cx.push(
                        state,
                        Diagnostic::new(Rule::V911, at(&pointer, &member.json_key()), format!("`{}` is assigned in an enclosing scope; a branch or iteration cannot assign it", member.key))
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
    for state in &index.states {
        let base = Pointer::rendered(&state.pointer);
        let mut reads: Vec<(String, String)> = Vec::new();
        let mut record = |name: &str, pointer: &Pointer<'_>| {
            if !everywhere.contains(name) || distributed[state.container].is_some() {
                reads.push((name.to_owned(), pointer.render()));
            }
        };
        for (path, template) in state.state.kind.payload_templates() {
            let parent = match path {
                [_, _] => base.key(path[0]),
                _ => base,
            };
            variable_reads(template, &parent.key(path[path.len() - 1]), &mut record);
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
        for (name, at_pointer) in reads {
            if !everywhere.contains(name.as_str()) {
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
            }
        }
    }
}
