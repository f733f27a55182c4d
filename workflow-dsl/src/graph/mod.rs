//! A definition as a picture: states as nodes shaped and coloured by type, `Next`, each Choice
//! rule (labelled with its condition) and `Default` as edges, catchers as dashed edges labelled
//! with their errors, retries on the state they retry, Parallel branches and Map processors as
//! clusters, and start and end markers. [`Graph`] is that picture as data; `to_mermaid` and
//! `to_dot` write it as Mermaid (which GitHub renders) and Graphviz DOT. The same definition
//! gives the same bytes.
//!
//! ```
//! use workflow_dsl::StateMachine;
//!
//! let machine = StateMachine::from_json(r#"{"StartAt": "Go", "States": {"Go": {"Type": "Pass", "End": true}}}"#).unwrap();
//! let mermaid = machine.to_mermaid();
//! assert!(mermaid.starts_with("flowchart TD\n"));
//! assert!(mermaid.contains("s0 --> n0\n    n0 --> e0"));
//! ```

mod dot;
mod label;
mod mermaid;

use crate::StateMachine;
use crate::asl::{Container, StateKind, Transition};

/// The picture of a definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph {
    /// Every state, in the order of the definition (containers depth first).
    pub nodes: Vec<Node>,
    /// Every transition, start and end marker.
    pub edges: Vec<Edge>,
    /// The containers: the top level first, then each branch and processor.
    pub clusters: Vec<Cluster>,
}

/// One state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// A short id, unique in the graph (`n0`, `n1`…).
    pub id: String,
    /// The state's name.
    pub name: String,
    /// Its type: `Task`, `Choice`…
    pub kind: &'static str,
    /// What it does, in a few words: a Task's resource, a Wait's duration.
    pub detail: Option<String>,
    /// Its retriers, as `↻ 3× Lambda.ServiceException`.
    pub retry: Option<String>,
    /// The container it is in (an index into [`Graph::clusters`]).
    pub cluster: usize,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// `Next`.
    Next,
    /// A Choice rule.
    Rule,
    /// A Choice's `Default`.
    Default,
    /// A catcher.
    Catch,
    /// From a container's start marker to its `StartAt`.
    Start,
    /// From a state that ends its container to the end marker.
    End,
    /// From a Parallel or Map state into one of its branches or its processor.
    Into,
}

/// One edge. `from` and `to` are node ids, or a container's start (`s…`) and end (`e…`) marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Where it leaves.
    pub from: String,
    /// Where it arrives.
    pub to: String,
    /// Its label: a rule's condition, a catcher's errors.
    pub label: Option<String>,
    /// What it stands for.
    pub kind: EdgeKind,
}

/// A container: the workflow, a Parallel branch or a Map processor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Its index, used in marker ids (`s0`, `e0` for the top level).
    pub index: usize,
    /// `Branch 1 of Notify`, `Processor of ReserveEach`; `None` for the top level.
    pub label: Option<String>,
    /// The container it is in, `None` for the top level.
    pub parent: Option<usize>,
}

impl Graph {
    /// The picture of `machine`.
    pub fn of(machine: &StateMachine) -> Graph {
        let mut graph = Graph::default();
        let top = Container {
            comment: None,
            start_at: machine.start_at.clone(),
            states: machine.states.clone(),
            processor_config: None,
        };
        graph.container(&top, None, None);
        graph
    }

    /// The marker ids of cluster `index`.
    fn markers(index: usize) -> (String, String) {
        (format!("s{index}"), format!("e{index}"))
    }

    fn container(
        &mut self,
        container: &Container,
        label: Option<String>,
        parent: Option<usize>,
    ) -> usize {
        let index = self.clusters.len();
        self.clusters.push(Cluster {
            index,
            label,
            parent,
        });
        let (start, end) = Graph::markers(index);
        // Ids first, so a transition to a later state finds it.
        let first = self.nodes.len();
        for (position, (name, state)) in container.states.iter().enumerate() {
            self.nodes.push(Node {
                id: format!("n{}", first + position),
                name: name.clone(),
                kind: state.kind.type_name(),
                detail: label::detail(&state.kind),
                retry: label::retry(&state.kind),
                cluster: index,
            });
        }
        let id_of = |name: &str| -> Option<String> {
            container
                .states
                .get_index_of(name)
                .map(|position| format!("n{}", first + position))
        };
        if let Some(to) = id_of(&container.start_at) {
            self.edges.push(Edge {
                from: start,
                to,
                label: None,
                kind: EdgeKind::Start,
            });
        }
        for (position, (name, state)) in container.states.iter().enumerate() {
            let from = format!("n{}", first + position);
            let mut edge = |to: Option<String>, label: Option<String>, kind: EdgeKind| {
                if let Some(to) = to {
                    self.edges.push(Edge {
                        from: from.clone(),
                        to,
                        label,
                        kind,
                    });
                }
            };
            match &state.kind {
                StateKind::Choice(choice) => {
                    for rule in &choice.choices {
                        edge(
                            id_of(&rule.next),
                            Some(label::condition(&rule.condition)),
                            EdgeKind::Rule,
                        );
                    }
                    if let Some(default) = &choice.default {
                        edge(
                            id_of(default),
                            Some("Default".to_owned()),
                            EdgeKind::Default,
                        );
                    }
                }
                StateKind::Succeed(_) | StateKind::Fail(_) => {
                    edge(Some(end.clone()), None, EdgeKind::End);
                }
                kind => match kind.transition() {
                    Some(Transition::Next(next)) => edge(id_of(next), None, EdgeKind::Next),
                    Some(Transition::End) => edge(Some(end.clone()), None, EdgeKind::End),
                    None => {}
                },
            }
            for catcher in state.kind.catch().unwrap_or_default() {
                edge(
                    id_of(&catcher.next),
                    Some(catcher.error_equals.join(", ")),
                    EdgeKind::Catch,
                );
            }
            // Branches and processors: their own clusters, entered by a dotted edge.
            let nested: Vec<(&Container, String)> = match &state.kind {
                StateKind::Parallel(parallel) => parallel
                    .branches
                    .iter()
                    .enumerate()
                    .map(|(number, branch)| (branch, format!("Branch {} of {name}", number + 1)))
                    .collect(),
                StateKind::Map(map) => vec![(&map.item_processor, format!("Each item of {name}"))],
                _ => Vec::new(),
            };
            for (container, label) in nested {
                let child = self.container(container, Some(label), Some(index));
                self.edges.push(Edge {
                    from: from.clone(),
                    to: Graph::markers(child).0,
                    label: None,
                    kind: EdgeKind::Into,
                });
            }
        }
        index
    }
}

impl StateMachine {
    /// The definition as a Mermaid flowchart (GitHub renders it in Markdown).
    pub fn to_mermaid(&self) -> String {
        mermaid::write(&Graph::of(self))
    }

    /// The definition as a Graphviz DOT digraph (`dot -Tsvg` draws it).
    pub fn to_dot(&self) -> String {
        dot::write(&Graph::of(self))
    }
}
