//! The rules that check a loaded model, one family per file. Each rule function opens with a
//! `// Rule V###:` line saying what it enforces and why.

mod graph;
#[cfg(feature = "jsonata")]
mod jsonata;
mod language;
mod machine;
mod map;
mod retry;
mod states;
mod task;
mod variables;

use super::index::{Index, StateInfo};
use super::{Diagnostic, Profile};
use crate::asl::StateMachine;

/// Runs every rule family; the caller filters by profile.
pub(crate) fn run(machine: &StateMachine, profile: Profile) -> Vec<Diagnostic> {
    let index = Index::new(machine);
    let mut cx = Cx {
        index: &index,
        profile,
        diagnostics: Vec::new(),
        jsonata_reads: Vec::new(),
    };
    machine::check(&mut cx);
    graph::check(&mut cx);
    for state in &index.states {
        language::check(&mut cx, state);
        states::check(&mut cx, state);
        task::check(&mut cx, state);
        map::check(&mut cx, state);
        retry::check(&mut cx, state);
    }
    #[cfg(feature = "jsonata")]
    for (state_idx, state) in index.states.iter().enumerate() {
        jsonata::check(&mut cx, state_idx, state);
    }
    map::check_labels(&mut cx);
    variables::check(&mut cx);
    cx.diagnostics
}

/// What a rule function sees: the indexed machine, the profile, and where findings go.
pub(crate) struct Cx<'i, 'm> {
    pub index: &'i Index<'m>,
    pub profile: Profile,
    pub diagnostics: Vec<Diagnostic>,
    /// Variables read by JSONata expressions, found by the `jsonata` rules and checked with the
    /// other variable reads by the `variables` rules: (state index, variable, pointer).
    pub jsonata_reads: Vec<(usize, String, String)>,
}

impl Cx<'_, '_> {
    /// Records a finding inside `state`.
    pub fn push(&mut self, state: &StateInfo<'_>, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic.in_state(Some(state.name)));
    }

    /// Records a finding outside any state.
    pub fn push_global(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

/// `"<pointer>/<key>"`.
pub(crate) fn at(pointer: &str, key: &str) -> String {
    crate::diagnostics::pointer::child(pointer, key)
}
