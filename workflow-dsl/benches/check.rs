//! `cargo bench -p workflow-dsl --bench check`
//!
//! Parse + validate of the benchmark workloads (`workloads/mod.rs`; the budget: under 2 ms for
//! pass-chain-1000, 1,000 states in about 200 KB of pretty JSON), the same from YAML, and the
//! pieces separately.

mod workloads;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use workflow_dsl::{Format, Profile, StateMachine, check, check_as, validate};

fn benches(c: &mut Criterion) {
    for workload in workloads::all() {
        let text = serde_json::to_string_pretty(&workload.definition).unwrap();
        let mut group = c.benchmark_group(workload.name);
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
        // The same definition as YAML, as `*.asl.yaml` files hold it.
        let yaml = machine.to_yaml();
        group.bench_function("check YAML (parse + load + validate)", |b| {
            b.iter(|| {
                let report = check_as(&yaml, Format::Yaml, Profile::Aws);
                assert!(!report.has_errors());
                report
            })
        });
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
