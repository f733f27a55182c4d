//! The Map state at run time
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>): items from the input or
//! an `ItemReader`, one iteration per item (or per batch), tolerated failures, and the dynamic
//! `…Path` fields with AWS's texts (recorded in `tests/data/aws-recorded/map/`). The state and
//! its iterations are here; `fields.rs` reads its number fields, `reader.rs` its items
//! (`ItemsPath`/`Items`, `ItemReader`, `ItemBatcher`), `writer.rs` its `ResultWriter`.

mod fields;
mod reader;
mod writer;

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::context;
use super::exit::OutputFields;
use super::failure::Failure;
use super::history::Details;
use super::io::{self, Env};
use super::jsonata::Scope;
use super::run::{Halt, Step, Thread};
use super::state::StateRun;
use crate::asl::Map as MapState;

/// `States.ExceedToleratedFailureThreshold`.
const EXCEED_TOLERATED: &str = "States.ExceedToleratedFailureThreshold";

impl StateRun<'_, '_> {
    pub(crate) async fn map(
        &self,
        thread: &mut Thread,
        map: &MapState,
        raw_input: Value,
    ) -> Result<Step, Halt> {
        let retriers = map.retry.as_deref().unwrap_or_default();
        let (outcome, _) = self
            .retrying(thread, retriers, false, async |thread, _| {
                self.map_attempt(thread, map, &raw_input).await
            })
            .await?;
        self.finish(
            thread,
            outcome,
            raw_input,
            None,
            &OutputFields {
                assign: map.assign.as_ref(),
                result_selector: &map.result_selector,
                result_path: &map.result_path,
                output_path: &map.output_path,
                output: map.output.as_ref(),
                catchers: map.catch.as_deref().unwrap_or_default(),
            },
        )
    }

    /// One run of the Map over its items: its result array, or why it failed.
    async fn map_attempt(
        &self,
        thread: &mut Thread,
        map: &MapState,
        raw_input: &Value,
    ) -> Result<Value, Halt> {
        let run = self.run;
        let processor = self.planned.containers[0];
        let distributed = map.is_distributed();
        let context = self.context(None);
        let effective = if self.planned.jsonata {
            raw_input.clone()
        } else {
            self.runtime(io::select(&map.input_path, raw_input.clone(), &context))?
        };
        // Dynamic fields are checked before anything runs (recorded order).
        self.max_concurrency(&map.max_concurrency, &effective, &context)?;
        let tolerated_count =
            self.tolerated_count(&map.tolerated_failure_count, &effective, &context)?;
        let tolerated_percentage =
            self.tolerated_percentage(&map.tolerated_failure_percentage, &effective, &context)?;
        // With an ItemReader the items are what it read; AWS ignores `ItemsPath` then
        // (recorded: a missing, a valid and an unrelated ItemsPath all give the file's items).
        let items = match (&map.item_reader, &map.items_path, &map.items) {
            (Some(reader), _, _) => Value::Array(self.read_items(reader, &effective, &context)?),
            (None, Some(path), _) => {
                self.runtime(io::evaluate_path(path.as_path(), &effective, &context))?
            }
            (None, None, Some(items)) => self.jsonata_items(items, &context)?,
            (None, None, None) => effective.clone(),
        };
        let Value::Array(items) = items else {
            if self.planned.jsonata {
                return Err(self
                    .query_failure(
                        "Items",
                        &format!("Map state input must be an array but was: {items}"),
                    )
                    .into());
            }
            let path = map.items_path.as_ref().map_or("$", |p| p.as_str());
            return Err(self
                .runtime_failure(&format!("Reference path \"{path}\" must point to array."))
                .into());
        };
        let items = self.batch(map, items, &effective, &context)?;
        run.event(
            thread,
            "MapStateStarted",
            Details::object(json!({"length": items.len()})),
        );
        // A distributed Map's iterations are child executions with their own histories.
        let history_mark = run.history.borrow().events.len();
        let mut inputs = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            inputs.push(match &map.item_selector {
                Some(selector) if self.planned.jsonata => {
                    let item_context = context::with_map_item(&context.context, index, item, false);
                    let scope = Scope {
                        context: &item_context,
                        ..self.scope(&context)
                    };
                    self.query_template(selector, "ItemSelector", &scope)?
                }
                Some(selector) => {
                    let item_context = Env {
                        context: context::with_map_item(
                            &context.context,
                            index,
                            item,
                            self.planned.selector_reads_only_map_item,
                        ),
                        variables: context.variables,
                    };
                    self.runtime(io::evaluate(
                        selector,
                        &effective,
                        &item_context,
                        &mut || run.random(),
                    ))?
                }
                None => item.clone(),
            });
        }
        let concurrency =
            self.concurrency(&map.max_concurrency, &effective, &context, distributed)?;
        // Without tolerance the first failure ends the Map and stops the others
        // (https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html).
        let stop_on_failure = tolerated_count.is_none() && tolerated_percentage.is_none();
        let name = &self.planned.name;
        let inputs = &inputs;
        // States inside a distributed Map cannot read outer variables
        // (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
        let outer = if distributed {
            None
        } else {
            self.variables.clone()
        };
        let outer = &outer;
        let fanned = super::fanout::run(
            items.len(),
            concurrency,
            |index| async move {
                // An iteration follows whatever event came last when it starts.
                let mut iteration = Thread::new(run.last_event_id(), outer.clone());
                let details = || Details::MapIteration {
                    name: Arc::clone(name),
                    index,
                };
                run.event(&mut iteration, "MapIterationStarted", details());
                let result = run
                    .run_container(&mut iteration, processor, inputs[index].clone())
                    .await;
                let kind = if result.is_ok() {
                    "MapIterationSucceeded"
                } else {
                    "MapIterationFailed"
                };
                if !matches!(result, Err(Halt::TimedOut)) {
                    run.event(&mut iteration, kind, details());
                }
                result
            },
            |result| stop_on_failure && result.is_err(),
        )
        .await;
        for index in &fanned.aborted {
            let mut aborted = Thread::new(run.last_event_id(), None);
            let details = Details::MapIteration {
                name: Arc::clone(name),
                index: *index,
            };
            run.event(&mut aborted, "MapIterationAborted", details);
        }
        let mut results = Vec::with_capacity(items.len());
        // Child records (JSON text of inputs and outputs) only matter to a ResultWriter.
        let keep_records = map.result_writer.is_some();
        let mut succeeded = Vec::new();
        let mut failed_records = Vec::new();
        let mut failures = 0usize;
        let mut first_failure = None;
        for (index, result) in fanned.results.into_iter().enumerate() {
            let Some(result) = result else { continue };
            match result {
                Ok(output) => {
                    if keep_records {
                        succeeded.push(record(&inputs[index], Ok(&output)));
                    }
                    results.push(output);
                }
                Err(Halt::TimedOut) => return Err(Halt::TimedOut),
                Err(Halt::Failed(failure)) => {
                    failures += 1;
                    if keep_records {
                        failed_records.push(record(&inputs[index], Err(&failure)));
                    }
                    results.push(failure.error_output());
                    first_failure.get_or_insert(failure);
                }
            }
        }
        let map_run = MapRun::new(self, map);
        let results = match &map.result_writer {
            Some(writer) => self.write_results(
                &map_run,
                writer,
                ChildResults {
                    outputs: results,
                    succeeded,
                    failed: failed_records,
                },
                &effective,
                &context,
            )?,
            None => Value::Array(results),
        };
        let mut last = run.last_event_id();
        if distributed {
            run.history.borrow_mut().events.truncate(history_mark);
            let run_started = run.event(
                thread,
                "MapRunStarted",
                Details::object(json!({"mapRunArn": map_run.arn})),
            );
            last = run_started;
        }
        thread.last = last;
        let over_threshold =
            failures > 0 && exceeds(failures, items.len(), tolerated_count, tolerated_percentage);
        let failure = match (over_threshold, first_failure) {
            (true, _)
                if tolerated_count.is_some() || tolerated_percentage.is_some() || distributed =>
            {
                Some(Failure::new(
                    EXCEED_TOLERATED,
                    "The specified tolerated failure threshold was exceeded",
                ))
            }
            (true, Some(failure)) => Some(failure),
            _ => None,
        };
        match failure {
            None => {
                if distributed {
                    run.event(thread, "MapRunSucceeded", Details::None);
                }
                run.event(thread, "MapStateSucceeded", Details::None);
                Ok(results)
            }
            Some(failure) => {
                if distributed {
                    run.event(thread, "MapRunFailed", Details::None);
                }
                run.event(thread, "MapStateFailed", Details::None);
                Err(Halt::Failed(failure))
            }
        }
    }
}

/// What a Map's children produced, for a `ResultWriter`.
struct ChildResults {
    /// Every child's output (a failed child's error output), in item order.
    outputs: Vec<Value>,
    /// The records of the children that succeeded.
    succeeded: Vec<Value>,
    /// The records of the children that failed.
    failed: Vec<Value>,
}

/// One Map Run: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>`, the label
/// being the Map's `Label` or its state name.
struct MapRun {
    arn: String,
    id: String,
}

impl MapRun {
    fn new(state: &StateRun<'_, '_>, map: &MapState) -> MapRun {
        let run = state.run;
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            run.random() as u32,
            run.random() as u16,
            run.random() & 0xfff,
            run.random() & 0xfff,
            run.random() & 0xffff_ffff_ffff
        );
        let machine = run.execution_context["StateMachine"]["Id"]
            .as_str()
            .unwrap_or_default()
            .replacen(":stateMachine:", ":mapRun:", 1);
        let label = map.label.as_deref().unwrap_or(state.name());
        MapRun {
            arn: format!("{machine}/{label}:{id}"),
            id,
        }
    }
}

/// A child execution's record, as `ResultWriter` writes it with `Transformation: NONE`.
fn record(input: &Value, result: Result<&Value, &Failure>) -> Value {
    let mut record = Map::new();
    record.insert("Input".to_owned(), Value::from(input.to_string()));
    record.insert("InputDetails".to_owned(), json!({"Included": true}));
    match result {
        Ok(output) => {
            record.insert("Output".to_owned(), Value::from(output.to_string()));
            record.insert("OutputDetails".to_owned(), json!({"Included": true}));
            record.insert("Status".to_owned(), Value::from("SUCCEEDED"));
        }
        Err(failure) => {
            if let Some(error) = &failure.error {
                record.insert("Error".to_owned(), Value::from(error.as_str()));
            }
            if let Some(cause) = &failure.cause {
                record.insert("Cause".to_owned(), Value::from(cause.as_str()));
            }
            record.insert("Status".to_owned(), Value::from("FAILED"));
        }
    }
    Value::Object(record)
}

/// Whether `failed` of `total` iterations is over the tolerated count or percentage, both
/// defaulting to 0
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).
fn exceeds(failed: usize, total: usize, count: Option<u64>, percentage: Option<f64>) -> bool {
    let over_count = failed as u64 > count.unwrap_or(0);
    let over_percentage =
        (failed as f64) * 100.0 / (total.max(1) as f64) > percentage.unwrap_or(0.0);
    match (count, percentage) {
        (Some(_), None) => over_count,
        (None, Some(_)) => over_percentage,
        _ => over_count && over_percentage,
    }
}
