//! The six benchmark workloads of `../shared/bench/workloads/` give the transitions and output
//! digests their manifest records (both peers produce the same).

use serde_json::Value;
use sha2::{Digest, Sha256};
use workflow::engine::{Engine, ExecutionIdentity, Handlers, Mocks, Status};

use crate::support::{read_json, shared_dir};

/// The manifest's canonical JSON: keys sorted at every level, no whitespace, integral numbers
/// without a fraction.
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            let members: Vec<String> = keys
                .into_iter()
                .map(|key| format!("{}:{}", Value::from(key.as_str()), canonical(&object[key])))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && !n.is_i64() && !n.is_u64() && f.abs() < 1e15 => {
                format!("{}", f as i64)
            }
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

#[test]
fn choice_loop_as_standard_stops_at_the_history_quota() {
    let dir = shared_dir().join("bench/workloads");
    let text = std::fs::read_to_string(dir.join("choice-loop.asl.json")).unwrap();
    let outcome = Engine::from_json(&text)
        .unwrap()
        .run_blocking(read_json(&dir.join("choice-loop.input.json")));
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
fn every_workload_gives_the_recorded_output_and_transitions() {
    let dir = shared_dir().join("bench/workloads");
    let manifest = read_json(&dir.join("manifest.json"));
    let workloads = manifest.as_object().expect("manifest");
    assert_eq!(workloads.len(), 6);
    for (name, expected) in workloads {
        let text = std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).unwrap();
        let input = read_json(&dir.join(format!("{name}.input.json")));
        let mut handlers = Handlers::new();
        if let Some(mocks) = expected["mocks"].as_str() {
            handlers = handlers.mocks(Mocks::from_value(&read_json(&dir.join(mocks))).unwrap());
        }
        // choice-loop and map-10k write 40,000 and 90,000 events, past the STANDARD history
        // quota: on AWS they only run as EXPRESS (workloads README).
        let identity = ExecutionIdentity {
            express: matches!(name.as_str(), "choice-loop" | "map-10k"),
            ..ExecutionIdentity::default()
        };
        let engine = Engine::from_json(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .handlers(handlers)
            .identity(identity);
        let outcome = engine.run_blocking(input);
        assert_eq!(
            outcome.status,
            Status::Succeeded,
            "{name}: {:?} {:?}",
            outcome.error,
            outcome.cause
        );
        assert_eq!(
            outcome.transitions,
            expected["expected_transitions"].as_u64().unwrap(),
            "{name}: transitions"
        );
        let digest = Sha256::digest(canonical(outcome.output.as_ref().unwrap()).as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            expected["expected_output_sha256"].as_str().unwrap(),
            "{name}: output digest"
        );
    }
}
