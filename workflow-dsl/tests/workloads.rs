//! The six benchmark workloads (`benches/workloads/`) give the transitions and output digests
//! that aws-local-stepfunctions and moto both produce for them.

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use sha2::{Digest, Sha256};
use workflow_dsl::engine::{Engine, ExecutionIdentity, Handlers, Mocks, Status};

fn workload(name: &str) -> workloads::Workload {
    workloads::all()
        .into_iter()
        .find(|workload| workload.name == name)
        .unwrap_or_else(|| panic!("no workload {name}"))
}

#[test]
fn choice_loop_as_standard_stops_at_the_history_quota() {
    let choice_loop = workload("choice-loop");
    let outcome = Engine::from_json(&choice_loop.definition.to_string())
        .unwrap()
        .run_blocking(choice_loop.input);
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    // AWS documents the quota, not which event is the last one; we stop within a few.
    assert!(
        (25_000..25_010).contains(&outcome.history.len()),
        "{} events",
        outcome.history.len()
    );
}

#[test]
fn every_workload_gives_the_expected_output_and_transitions() {
    let all = workloads::all();
    assert_eq!(all.len(), 6);
    for workload in all {
        let name = workload.name;
        let mut handlers = Handlers::new();
        if let Some(mocks) = &workload.mocks {
            handlers = handlers.mocks(Mocks::from_value(mocks).unwrap());
        }
        let identity = ExecutionIdentity {
            express: workload.express,
            ..ExecutionIdentity::default()
        };
        let engine = Engine::from_json(&workload.definition.to_string())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .handlers(handlers)
            .unwrap()
            .identity(identity);
        let outcome = engine.run_blocking(workload.input);
        assert_eq!(
            outcome.status,
            Status::Succeeded,
            "{name}: {:?} {:?}",
            outcome.error,
            outcome.cause
        );
        assert_eq!(
            outcome.transitions, workload.transitions,
            "{name}: transitions"
        );
        let output = outcome.output.as_ref().unwrap();
        let digest = Sha256::digest(workloads::canonical(output).as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, workload.output_sha256, "{name}: output digest");
    }
}
