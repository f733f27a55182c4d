//! `cargo bench -p workflow-dsl --bench check`
//!
//! Parse + validate of the shared benchmark workloads (the budget: under 2 ms for
//! `pass-chain-1000.asl.json`, 200 KB and 1,000 states), and the pieces separately.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use workflow_dsl::{Profile, StateMachine, check, validate};

fn workload(name: &str) -> String {
    let shared = std::env::var_os("WORKFLOW_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let path = shared.join("bench/workloads").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn benches(c: &mut Criterion) {
    for name in [
        "pass-chain-1000",
        "choice-loop",
        "intrinsics",
        "map-10k",
        "parallel-100",
        "retry-catch",
    ] {
        let text = workload(&format!("{name}.asl.json"));
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("check (parse + load + validate)", |b| {
            b.iter(|| {
                let report = check(&text, Profile::Aws);
                assert!(!report.has_errors());
                report
            })
        });
        group.bench_function("from_json (parse + load)", |b| {
            b.iter(|| StateMachine::from_json(&text).unwrap())
        });
        let machine = StateMachine::from_json(&text).unwrap();
        group.bench_function("validate (model only)", |b| {
            b.iter(|| validate(&machine, Profile::Aws))
        });
        group.bench_function("to_json_pretty (emit)", |b| {
            b.iter(|| machine.to_json_pretty())
        });
        group.finish();
    }
}

criterion_group!(check_benches, benches);
criterion_main!(check_benches);
