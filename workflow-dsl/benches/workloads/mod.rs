//! The six benchmark workloads, generated: definitions, inputs, Task answers, and what a correct
//! interpreter produces for them (transitions and the SHA-256 of the output as canonical JSON).
//!
//! Shared by the benches, `tests/workloads.rs` (which checks the expectations) and
//! `examples/write_workloads.rs` (which writes them as files for `scripts/bench_peers.py`).
//! The expected digests are what aws-local-stepfunctions 3.0.0 and moto 5.2.1 both produce.
//!
//! A transition is one state entered: nested Map iterations and Parallel branches count, the
//! Map or Parallel state itself counts once, and a retried Task counts once.

// Each of the three targets that include this file uses a different part of it.
#![allow(dead_code)]

use serde_json::{Map, Value, json};

/// One workload.
pub struct Workload {
    /// The file stem, e.g. `pass-chain-1000`.
    pub name: &'static str,
    /// The ASL definition.
    pub definition: Value,
    /// The execution input.
    pub input: Value,
    /// Task answers, per state, per attempt of one state entry (`{"Throw": …}` or
    /// `{"Return": …}`), for workloads with Task states.
    pub mocks: Option<Value>,
    /// States entered by one execution.
    pub transitions: u64,
    /// SHA-256 of the output as canonical JSON ([`canonical`]), in hex.
    pub output_sha256: &'static str,
    /// Past the 25,000-event history quota of a STANDARD execution: on AWS it runs only as
    /// EXPRESS, so the benches run it that way too.
    pub express: bool,
}

/// Every workload, in the order the README's tables list them.
pub fn all() -> Vec<Workload> {
    vec![
        pass_chain(),
        map_10k(),
        parallel_100(),
        intrinsics(),
        choice_loop(),
        retry_catch(),
    ]
}

/// Canonical JSON for the digests: keys sorted at every level, no whitespace, non-ASCII
/// unescaped, integral numbers without a fraction.
pub fn canonical(value: &Value) -> String {
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
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", items.join(","))
        }
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && !n.is_i64() && !n.is_u64() && f.abs() < 1e15 => {
                format!("{}", f as i64)
            }
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// States `names[0] → names[1] → …`, the last one `End`.
fn chain(names: &[String], mut state: impl FnMut(usize) -> Value) -> Map<String, Value> {
    let mut states = Map::new();
    for (i, name) in names.iter().enumerate() {
        let mut body = state(i);
        match names.get(i + 1) {
            Some(next) => body["Next"] = Value::from(next.as_str()),
            None => body["End"] = Value::Bool(true),
        }
        states.insert(name.clone(), body);
    }
    states
}

/// 1000 Pass states in sequence; each `Parameters` reads four paths plus a constant and
/// writes `$.r`.
fn pass_chain() -> Workload {
    let names: Vec<String> = (0..1000).map(|i| format!("P{i:04}")).collect();
    let states = chain(&names, |i| {
        json!({
            "Type": "Pass",
            "Parameters": {"a.$": "$.a", "b.$": "$.b", "d1.$": "$.c.d[1]", "prev.$": "$.r.i", "i": i},
            "ResultPath": "$.r"
        })
    });
    Workload {
        name: "pass-chain-1000",
        definition: json!({
            "Comment": "1000 Pass states in sequence; each reads 4 paths and writes $.r",
            "StartAt": "P0000",
            "States": states
        }),
        input: json!({"a": 1, "b": "x", "c": {"d": [1, 2, 3]}, "r": {"i": -1}}),
        mocks: None,
        transitions: 1000,
        output_sha256: "6cbdb30550e507e2f53ca737f529e8db217fcd5895180cbb5bf3d482a79347af",
        express: false,
    }
}

/// An inline Map over the integers 1..=10000: Pass → Choice (numeric) → Pass per item.
fn map_10k() -> Workload {
    Workload {
        name: "map-10k",
        definition: json!({
            "Comment": "Inline Map over the integers 1..10000: Pass -> Choice (numeric) -> Pass",
            "StartAt": "Fan",
            "States": {"Fan": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 0,
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Wrap",
                    "States": {
                        "Wrap": {"Type": "Pass", "Parameters": {"n.$": "$"}, "Next": "IsBig"},
                        "IsBig": {
                            "Type": "Choice",
                            "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 5001, "Next": "Big"}],
                            "Default": "Small"
                        },
                        "Big": {"Type": "Pass", "Result": "B", "ResultPath": "$.c", "End": true},
                        "Small": {"Type": "Pass", "Result": "S", "ResultPath": "$.c", "End": true}
                    }
                },
                "End": true
            }}
        }),
        // From 1: aws-local-stepfunctions 3.0.0 fails `$` on a falsy item (0); AWS does not.
        input: json!({"items": (1..=10_000).collect::<Vec<u32>>()}),
        mocks: None,
        transitions: 1 + 10_000 * 3,
        output_sha256: "f50463954d99efcf234e419bbf54302ff9bed0d9625e339ea119b9f88a8f1887",
        express: true,
    }
}

/// A Parallel state with 100 branches of 5 Pass states.
fn parallel_100() -> Workload {
    let branches: Vec<Value> = (0..100)
        .map(|j| {
            // State names are unique across the whole machine, branches included.
            let names: Vec<String> = (1..=5).map(|k| format!("B{j:02}S{k}")).collect();
            let states = chain(&names, |i| match i {
                0 => json!({"Type": "Pass", "Parameters": {"x.$": "$.x", "tag.$": "$.tag", "branch": j}}),
                // Never a falsy Result: aws-local-stepfunctions 3.0.0 ignores one.
                _ => {
                    let k = i + 1;
                    json!({"Type": "Pass", "Result": k * 100 + j, "ResultPath": format!("$.s{k}")})
                }
            });
            json!({"StartAt": names[0], "States": states})
        })
        .collect();
    Workload {
        name: "parallel-100",
        definition: json!({
            "Comment": "Parallel with 100 branches of 5 Pass states each",
            "StartAt": "Fork",
            "States": {"Fork": {"Type": "Parallel", "Branches": branches, "End": true}}
        }),
        input: json!({"x": 42, "tag": "par"}),
        mocks: None,
        transitions: 1 + 100 * 5,
        output_sha256: "506f05f60c6b17b3efb6fe0f388a589c473eac57249685bd8949eaa2a8bf9c30",
        express: false,
    }
}

/// 200 Pass states cycling through eight intrinsic functions.
fn intrinsics() -> Workload {
    let cycle = [
        (
            "Fmt",
            json!({"v.$": "States.Format('item-{}-{}', $.name, $.c.n)"}),
            "$.fmt",
        ),
        (
            "ToStr",
            json!({"v.$": "States.JsonToString($.obj)"}),
            "$.js",
        ),
        (
            "ToJson",
            json!({"v.$": "States.StringToJson($.js.v)"}),
            "$.parsed",
        ),
        (
            "Arr",
            json!({"v.$": "States.Array($.c.n, $.name, $.obj.k)"}),
            "$.arr",
        ),
        (
            "Len",
            json!({"v.$": "States.ArrayLength($.arr.v)"}),
            "$.len",
        ),
        ("Add", json!({"n.$": "States.MathAdd($.c.n, 1)"}), "$.c"),
        (
            "Hash",
            json!({"v.$": "States.Hash($.fmt.v, 'SHA-256')"}),
            "$.hash",
        ),
        (
            "B64",
            json!({"v.$": "States.Base64Encode($.hash.v)"}),
            "$.b64",
        ),
    ];
    let names: Vec<String> = (0..200 / cycle.len())
        .flat_map(|rep| {
            cycle
                .iter()
                .map(move |(tag, _, _)| format!("{tag}{rep:02}"))
        })
        .collect();
    let states = chain(&names, |i| {
        let (_, parameters, result_path) = &cycle[i % cycle.len()];
        json!({"Type": "Pass", "Parameters": parameters, "ResultPath": result_path})
    });
    Workload {
        name: "intrinsics",
        definition: json!({
            "Comment": "200 Pass states cycling through 8 intrinsic functions",
            "StartAt": names[0],
            "States": states
        }),
        input: json!({"name": "w", "c": {"n": 0}, "obj": {"k": "v", "list": [1, 2, 3], "nested": {"t": true}}}),
        mocks: None,
        transitions: 200,
        output_sha256: "c62343d3843362208003d6c0e6d6c48fb1762e0c74cfa5d6469f5e4af04b0b49",
        express: false,
    }
}

/// A counter loop: Pass (`States.MathAdd`) and Choice, 10,000 times.
fn choice_loop() -> Workload {
    Workload {
        name: "choice-loop",
        definition: json!({
            "Comment": "Counter loop: Pass (States.MathAdd) + Choice, 10,000 iterations. Exceeds the 25,000-event history quota of a STANDARD workflow on AWS; valid as EXPRESS.",
            "StartAt": "Inc",
            "States": {
                "Inc": {
                    "Type": "Pass",
                    "Parameters": {"i.$": "States.MathAdd($.i, 1)", "limit.$": "$.limit"},
                    "Next": "Check"
                },
                "Check": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Inc"}],
                    "Default": "Done"
                },
                "Done": {"Type": "Succeed"}
            }
        }),
        input: json!({"i": 0, "limit": 10_000}),
        mocks: None,
        transitions: 10_000 * 2 + 1,
        output_sha256: "c7eba8652b090c3c0f328d5b6b818c627c0974f8dc75ee65869c35c1e5da086d",
        express: true,
    }
}

/// An inline Map over 200 items; per item a Task that fails twice and then succeeds (Retry),
/// then a Task that always fails (one retry, then Catch).
fn retry_catch() -> Workload {
    let lambda = |name: &str| format!("arn:aws:lambda:us-east-1:123456789012:function:{name}");
    let retry = |error: &str, attempts: u32| json!([{"ErrorEquals": [error], "IntervalSeconds": 1, "MaxAttempts": attempts, "BackoffRate": 1.0}]);
    let items: Vec<Value> = (0..200).map(|id| json!({"id": id})).collect();
    Workload {
        name: "retry-catch",
        definition: json!({
            "Comment": "Map over 200 items; per item a Task that fails twice then succeeds (Retry), then a Task that always fails (Retry once, then Catch). Task results are mocked; retry sleeps (IntervalSeconds 1, the AWS minimum) are overridden to 0 in both peers.",
            "StartAt": "Fan",
            "States": {"Fan": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 0,
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Flaky",
                    "States": {
                        "Flaky": {
                            "Type": "Task",
                            "Resource": lambda("Flaky"),
                            "ResultPath": "$.flaky",
                            "Retry": retry("Flaky.Error", 3),
                            "Next": "Doomed"
                        },
                        "Doomed": {
                            "Type": "Task",
                            "Resource": lambda("Doomed"),
                            "Retry": retry("Doomed.Error", 1),
                            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}],
                            "End": true
                        },
                        "Recovered": {
                            "Type": "Pass",
                            "Parameters": {"id.$": "$.id", "flaky.$": "$.flaky", "error.$": "$.error"},
                            "End": true
                        }
                    }
                },
                "End": true
            }}
        }),
        input: json!({"items": items}),
        mocks: Some(json!({
            "Flaky": [
                {"Throw": {"Error": "Flaky.Error", "Cause": "flaky failure"}},
                {"Throw": {"Error": "Flaky.Error", "Cause": "flaky failure"}},
                {"Return": {"ok": true}}
            ],
            "Doomed": [
                {"Throw": {"Error": "Doomed.Error", "Cause": "doomed"}},
                {"Throw": {"Error": "Doomed.Error", "Cause": "doomed"}}
            ]
        })),
        transitions: 1 + 200 * 3,
        output_sha256: "79c618d6085f1bd80f77d67fa3e4ce008b0714faa5f789b90bf356fca09420e1",
        express: false,
    }
}
