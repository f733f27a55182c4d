//! A flat view of a machine for the rules: every container and every state, with its pointer,
//! its effective query language and its container, computed once per validation.

use std::collections::HashMap;

use crate::asl::{Container, QueryLanguage, State, StateKind, StateMachine, States};
use crate::diagnostics::pointer::child;

/// What kind of `States` object a container is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ContainerKind {
    /// The top level.
    Top,
    /// A Parallel branch.
    Branch,
    /// A Map processor; `distributed` when its mode is DISTRIBUTED.
    Processor { distributed: bool },
}

pub(crate) struct ContainerInfo<'m> {
    pub start_at: &'m str,
    pub states: &'m States,
    /// Pointer of the container object (`""` for the top level).
    pub pointer: String,
    pub kind: ContainerKind,
    pub parent: Option<usize>,
    /// The Parallel or Map state (index into `Index::states`) that holds a nested container.
    pub owner: Option<usize>,
    /// 0 for the top level.
    pub depth: usize,
    /// Indices into `Index::states`, in declaration order.
    pub members: Vec<usize>,
}

pub(crate) struct StateInfo<'m> {
    pub name: &'m str,
    pub state: &'m State,
    /// `/States/<name>` under the container's pointer.
    pub pointer: String,
    pub language: QueryLanguage,
    pub container: usize,
}

pub(crate) struct Index<'m> {
    pub machine: &'m StateMachine,
    pub containers: Vec<ContainerInfo<'m>>,
    pub states: Vec<StateInfo<'m>>,
    /// First occurrence of each state name.
    pub by_name: HashMap<&'m str, usize>,
}

impl<'m> Index<'m> {
    pub fn new(machine: &'m StateMachine) -> Index<'m> {
        let mut index = Index {
            machine,
            containers: Vec::new(),
            states: Vec::new(),
            by_name: HashMap::new(),
        };
        index.add_container(
            &machine.start_at,
            &machine.states,
            String::new(),
            ContainerKind::Top,
            None,
            None,
        );
        index
    }

    fn add_container(
        &mut self,
        start_at: &'m str,
        states: &'m States,
        pointer: String,
        kind: ContainerKind,
        parent: Option<usize>,
        owner: Option<usize>,
    ) {
        let depth = parent.map_or(0, |p| self.containers[p].depth + 1);
        let container = self.containers.len();
        let states_pointer = child(&pointer, "States");
        self.containers.push(ContainerInfo {
            start_at,
            states,
            pointer,
            kind,
            parent,
            owner,
            depth,
            members: Vec::with_capacity(states.len()),
        });
        let machine_language = self.machine.language();
        for (name, state) in states {
            let state_idx = self.states.len();
            let state_pointer = child(&states_pointer, name);
            self.states.push(StateInfo {
                name,
                state,
                pointer: state_pointer.clone(),
                language: state.query_language.unwrap_or(machine_language),
                container,
            });
            self.containers[container].members.push(state_idx);
            self.by_name.entry(name.as_str()).or_insert(state_idx);
            match &state.kind {
                StateKind::Parallel(parallel) => {
                    let branches_pointer = child(&state_pointer, "Branches");
                    for (i, branch) in parallel.branches.iter().enumerate() {
                        let pointer = child(&branches_pointer, &i.to_string());
                        self.add_nested(branch, pointer, ContainerKind::Branch, state_idx);
                    }
                }
                StateKind::Map(map) => {
                    let field = map.processor_field.json_name();
                    let kind = ContainerKind::Processor {
                        distributed: map.is_distributed(),
                    };
                    self.add_nested(
                        &map.item_processor,
                        child(&state_pointer, field),
                        kind,
                        state_idx,
                    );
                }
                _ => {}
            }
        }
    }

    fn add_nested(
        &mut self,
        nested: &'m Container,
        pointer: String,
        kind: ContainerKind,
        owner: usize,
    ) {
        let parent = self.states[owner].container;
        self.add_container(
            &nested.start_at,
            &nested.states,
            pointer,
            kind,
            Some(parent),
            Some(owner),
        );
    }

    /// The containers enclosing `container`, innermost first (excluding itself).
    pub fn ancestors(&self, container: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.containers[container].parent, move |c| {
            self.containers[*c].parent
        })
    }
}
