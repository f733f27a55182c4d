//! Graph rules, per container: targets (V301, V304, V305, V309), reachability (V306),
//! terminal states (V307) and traps (V308).

use std::collections::VecDeque;

use super::{Cx, at};
use crate::asl::{StateKind, Transition};
use crate::diagnostics::{AwsLocation, Diagnostic, Rule, Severity};
use crate::names::closest;
use crate::validate::index::ContainerKind;

/// One transition out of a state: the target name and the field naming it.
struct Edge<'m> {
    target: &'m str,
    field: EdgeField,
}

/// Which field of a state holds a transition; rendered to a pointer only for a finding.
#[derive(Clone, Copy)]
enum EdgeField {
    Next,
    Rule(usize),
    Default,
    Catch(usize),
}

impl EdgeField {
    fn pointer(self, state_pointer: &str) -> String {
        match self {
            EdgeField::Next => at(state_pointer, "Next"),
            EdgeField::Rule(i) => at(&at(&at(state_pointer, "Choices"), &i.to_string()), "Next"),
            EdgeField::Default => at(state_pointer, "Default"),
            EdgeField::Catch(i) => at(&at(&at(state_pointer, "Catch"), &i.to_string()), "Next"),
        }
    }
}

fn edges(kind: &StateKind) -> Vec<Edge<'_>> {
    let mut edges = Vec::new();
    if let Some(Transition::Next(next)) = kind.transition() {
        edges.push(Edge {
            target: next,
            field: EdgeField::Next,
        });
    }
    if let StateKind::Choice(choice) = kind {
        for (i, rule) in choice.choices.iter().enumerate() {
            edges.push(Edge {
                target: &rule.next,
                field: EdgeField::Rule(i),
            });
        }
        if let Some(default) = &choice.default {
            edges.push(Edge {
                target: default,
                field: EdgeField::Default,
            });
        }
    }
    for (i, catcher) in kind.catch().into_iter().flatten().enumerate() {
        edges.push(Edge {
            target: &catcher.next,
            field: EdgeField::Catch(i),
        });
    }
    edges
}

pub(super) fn check(cx: &mut Cx<'_, '_>) {
    let index = cx.index;
    for (container_idx, container) in index.containers.iter().enumerate() {
        let n = container.members.len();
        if n == 0 && container_idx == 0 {
            continue; // Rule V106 suppresses V105 and V307.
        }
        let local = |name: &str| container.states.get_index_of(name);
        let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (local_idx, &state_idx) in container.members.iter().enumerate() {
            let state = &index.states[state_idx];
            for edge in edges(&state.state.kind) {
                if let Some(target) = local(edge.target) {
                    successors[local_idx].push(target);
                    continue;
                }
                // Rule V301/V304/V305: a target must be a state of the same container; AWS
                // reports all three as MISSING_TRANSITION_TARGET.
                let elsewhere = index
                    .by_name
                    .get(edge.target)
                    .map(|&idx| index.states[idx].container);
                let (rule, message) = match elsewhere {
                    None => (Rule::V301, format!("\"{}\" is not a state", edge.target)),
                    Some(other) => {
                        // The innermost (deepest) of the two containers names the boundary.
                        let target = &index.containers[other];
                        let innermost = if target.depth > container.depth {
                            target.kind
                        } else {
                            container.kind
                        };
                        let boundary = match innermost {
                            ContainerKind::Processor { .. } => Rule::V305,
                            ContainerKind::Branch | ContainerKind::Top => Rule::V304,
                        };
                        let what = if boundary == Rule::V304 {
                            "Parallel branch"
                        } else {
                            "Map item processor"
                        };
                        (
                            boundary,
                            format!(
                                "\"{}\" is in another container: transitions cannot cross a {what} boundary",
                                edge.target
                            ),
                        )
                    }
                };
                let mut diagnostic =
                    Diagnostic::new(rule, edge.field.pointer(&state.pointer), message)
                        .with_aws_message(format!("Missing 'Next' target: {}", edge.target));
                diagnostic = match closest(edge.target, container.states.keys().map(String::as_str)) {
                    Some(suggestion) if elsewhere.is_none() => diagnostic.with_help(format!("did you mean \"{suggestion}\"?")),
                    _ if elsewhere.is_some() => diagnostic.with_help("end the branch or processor with `\"End\": true` or a Succeed state; its output becomes the Parallel or Map result"),
                    _ => diagnostic,
                };
                cx.push(state, diagnostic);
            }
        }
        let start = local(container.start_at);
        if start.is_none() {
            // Rule V309 (V105 for the top level, reported with the machine rules).
            if container_idx != 0 {
                let mut diagnostic = Diagnostic::new(
                    Rule::V309,
                    at(&container.pointer, "StartAt"),
                    format!(
                        "`StartAt` names \"{}\", which is not a state of this branch or processor",
                        container.start_at
                    ),
                )
                .with_aws_message(format!("Missing 'Next' target: {}", container.start_at));
                if let Some(suggestion) = closest(
                    container.start_at,
                    container.states.keys().map(String::as_str),
                ) {
                    diagnostic = diagnostic.with_help(format!("did you mean \"{suggestion}\"?"));
                }
                cx.push_global(diagnostic);
            }
        }
        // Rule V307: a container with no terminal state can never finish.
        let terminal: Vec<bool> = container
            .members
            .iter()
            .map(|&idx| index.states[idx].state.kind.is_terminal())
            .collect();
        if !terminal.iter().any(|t| *t) {
            let pointer = if container.pointer.is_empty() {
                "/".to_owned()
            } else {
                container.pointer.clone()
            };
            cx.push_global(
                Diagnostic::new(Rule::V307, pointer, "no state ends this container")
                    .with_help("give one state `\"End\": true`, or add a Succeed or Fail state")
                    .with_aws_message("Workflow has no terminal state")
                    .with_aws_location(AwsLocation::None),
            );
            continue;
        }
        // Without a valid StartAt every state would look unreachable: report only the V105/V309.
        let Some(start) = start else { continue };
        let reachable = search(&successors, [start]);
        // Rule V306: AWS refuses states that nothing leads to.
        for (local_idx, &state_idx) in container.members.iter().enumerate() {
            if !reachable[local_idx] {
                let state = &index.states[state_idx];
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V306,
                        state.pointer.clone(),
                        format!("no transition leads to \"{}\"", state.name),
                    )
                    .with_help(
                        "point a `Next`, a Choice rule, `Default` or a catcher at it, or delete it",
                    )
                    .with_aws_message(format!("State \"{}\" is not reachable.", state.name)),
                );
            }
        }
        // Rule V308: a reachable state from which no terminal state can be reached loops forever.
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (from, targets) in successors.iter().enumerate() {
            for &to in targets {
                predecessors[to].push(from);
            }
        }
        let terminals = (0..n).filter(|&i| terminal[i]);
        let can_finish = search(&predecessors, terminals);
        for (local_idx, &state_idx) in container.members.iter().enumerate() {
            if reachable[local_idx] && !can_finish[local_idx] {
                let state = &index.states[state_idx];
                cx.push(
                    state,
                    Diagnostic::new(Rule::V308, state.pointer.clone(), format!("once at \"{}\", the execution can never finish", state.name))
                        .with_severity(Severity::Warning)
                        .with_help("give the loop an exit: a Choice rule or catcher that leads to a terminal state"),
                );
            }
        }
    }
}

/// Breadth-first search over `edges` from `starts`; returns which nodes were reached.
fn search(edges: &[Vec<usize>], starts: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for start in starts {
        if !seen[start] {
            seen[start] = true;
            queue.push_back(start);
        }
    }
    while let Some(node) = queue.pop_front() {
        for &next in &edges[node] {
            if !seen[next] {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    seen
}
