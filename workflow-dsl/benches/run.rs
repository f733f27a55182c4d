//! `cargo bench -p workflow-dsl --bench run`
//!
//! One execution of each benchmark workload (`workloads/mod.rs`) on the interpreter, history recording on. `run` compiles a fresh engine outside the timed loop for
//! every execution (a cold plan, like one test running once); `run-warm` reuses one engine.
//! Throughput is in transitions (states entered), so criterion reports transitions per second.

mod workloads;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use workflow_dsl::engine::{Engine, ExecutionIdentity, Handlers, Mocks, Status};

fn benches(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mut pass_chain_input = None;
    for workload in workloads::all() {
        let name = workload.name;
        let text = workload.definition.to_string();
        let input = workload.input;
        let mocks = workload.mocks;
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(workload.transitions));
        group.bench_function("run", |b| {
            b.iter_batched(
                || {
                    // Mocks count attempts, so each iteration gets a fresh set.
                    let handlers = match &mocks {
                        Some(mocks) => Handlers::new().mocks(Mocks::from_value(mocks).unwrap()),
                        None => Handlers::new(),
                    };
                    let identity = ExecutionIdentity {
                        express: workload.express,
                        ..ExecutionIdentity::default()
                    };
                    (
                        Engine::from_json(&text)
                            .unwrap()
                            .handlers(handlers)
                            .unwrap()
                            .identity(identity),
                        input.clone(),
                    )
                },
                |(engine, input)| {
                    let outcome = runtime.block_on(engine.run(input));
                    assert_eq!(outcome.status, Status::Succeeded);
                    outcome
                },
                criterion::BatchSize::LargeInput,
            )
        });
        // The same engine run again and again, as a test suite or a server does: the plan is
        // warm in the cache. Mocks count attempts, so only workloads without them.
        if mocks.is_none() {
            let identity = ExecutionIdentity {
                express: workload.express,
                ..ExecutionIdentity::default()
            };
            let engine = Engine::from_json(&text).unwrap().identity(identity);
            group.bench_function("run-warm", |b| {
                b.iter_batched(
                    || input.clone(),
                    |input| {
                        let outcome = runtime.block_on(engine.run(input));
                        assert_eq!(outcome.status, Status::Succeeded);
                        outcome
                    },
                    criterion::BatchSize::LargeInput,
                )
            });
        }
        group.finish();
        if name == "pass-chain-1000" {
            pass_chain_input = Some(input);
        }
    }
    if let Some(input) = pass_chain_input {
        jsonata_pass_chain(c, &runtime, &input);
    }
}

/// pass-chain-1000 written in JSONata (each state's `Parameters` + `ResultPath` as one `Output`
/// expression), to weigh `{% %}` evaluation against JSONPath on the same work.
fn jsonata_pass_chain(c: &mut Criterion, runtime: &tokio::runtime::Runtime, input: &Value) {
    let mut states = serde_json::Map::new();
    for i in 0..1000 {
        let mut state = serde_json::json!({"Type": "Pass", "Output": format!(
            "{{% $merge([$states.input, {{'r': {{'a': $states.input.a, 'b': $states.input.b, 'd1': $states.input.c.d[1], 'prev': $states.input.r.i, 'i': {i}}}}}]) %}}"
        )});
        match i {
            999 => state["End"] = Value::Bool(true),
            _ => state["Next"] = Value::from(format!("P{:04}", i + 1)),
        }
        states.insert(format!("P{i:04}"), state);
    }
    let definition =
        serde_json::json!({"QueryLanguage": "JSONata", "StartAt": "P0000", "States": states});
    let engine = Engine::from_json(&definition.to_string()).unwrap();
    let mut group = c.benchmark_group("jsonata-pass-chain-1000");
    group.throughput(Throughput::Elements(1000));
    group.bench_function("run-warm", |b| {
        b.iter_batched(
            || input.clone(),
            |input| {
                let outcome = runtime.block_on(engine.run(input));
                assert_eq!(outcome.status, Status::Succeeded);
                assert_eq!(
                    outcome.output.as_ref().map(|o| &o["r"]["i"]),
                    Some(&Value::from(999))
                );
                outcome
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(run_benches, benches);
criterion_main!(run_benches);
