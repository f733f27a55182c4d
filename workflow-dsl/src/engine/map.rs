//! The Map state at run time
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>): items from the input or
//! an `ItemReader`, one iteration per item (or per batch), tolerated failures, and the dynamic
//! `…Path` fields with AWS's texts (recorded in `tests/data/aws-recorded/map/`).

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::context;
use super::exec::{Halt, OutputFields, StateRun, Step, Thread, raw};
use super::failure::Failure;
use super::history::Details;
use super::io::{self, Env};
use super::items;
use super::jsonata::{self, Scope};
use crate::asl::{
    IntegerField, Map as MapState, NumberField, OutputType, ResultWriter, Template,
    WriterTransformation,
};
use crate::path::Path;

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
        let outcome = self
            .retrying(thread, retriers, async |thread| {
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

    /// `Items` (JSONata): an array, or an expression that gives one.
    fn jsonata_items(&self, items: &Template, context: &Env<'_>) -> Result<Value, Failure> {
        let value = self.query_template(items, "Items", &self.scope(context))?;
        match (items, &value) {
            (Template::Jsonata(expression), value) if !value.is_array() => Err(self.query_failure(
                "Items",
                &jsonata::unexpected_type(expression, "Items", "array", value),
            )),
            _ => Ok(value),
        }
    }

    /// A number read through one of the Map's `…Path` fields. Numeric strings count as their
    /// number: AWS ran `"MaxConcurrencyPath": "$max"` with `$max = "1"` (recorded).
    fn number_at(&self, path: &Path, input: &Value, context: &Env) -> Result<Value, Failure> {
        let value = self.runtime(io::evaluate_path(path, input, context))?;
        Ok(match &value {
            Value::String(text) => {
                serde_json::from_str::<serde_json::Number>(text).map_or(value, Value::Number)
            }
            _ => value,
        })
    }

    /// A `…Path` number field's value, or AWS's "refers to value" text (recorded in
    /// `tests/data/aws-recorded/map/base_scenarios__test_max_concurrency_path_NoNumber.json`).
    fn dynamic_number(
        &self,
        field: &IntegerField,
        name: &str,
        kind: &str,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<Value>, Failure> {
        match field {
            IntegerField::Literal(n) => Ok(Some(Value::from(*n))),
            IntegerField::Jsonata(expression) => {
                let scope = self.scope(context);
                Ok(Some(Value::from(
                    self.query_integer(expression, name, 0, &scope)?,
                )))
            }
            IntegerField::Path(path) => {
                let value = self.number_at(path.as_path(), input, context)?;
                if value.is_number() {
                    Ok(Some(value))
                } else {
                    Err(self.runtime_failure(&format!(
                        "The {name}Path field refers to value \"{}\" which is not a valid {kind}: {}",
                        raw(&value),
                        path.as_str()
                    )))
                }
            }
        }
    }

    /// How many iterations may run at once: `MaxConcurrency` (0 = as many as possible), capped at
    /// 40 for an inline Map and at 10,000 child executions for a distributed one, as AWS does
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>,
    /// <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).
    fn concurrency(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
        distributed: bool,
    ) -> Result<usize, Failure> {
        let cap = if distributed { 10_000 } else { 40 };
        let requested = match field {
            Some(IntegerField::Literal(n)) => *n,
            Some(IntegerField::Path(path)) => self
                .number_at(path.as_path(), input, context)?
                .as_u64()
                .unwrap_or(0),
            Some(IntegerField::Jsonata(expression)) => {
                self.query_integer(expression, "MaxConcurrency", 0, &self.scope(context))?
            }
            None => 0,
        };
        Ok(if requested == 0 {
            cap
        } else {
            usize::try_from(requested).unwrap_or(cap).min(cap)
        })
    }

    /// `MaxConcurrencyPath` must name an integer, checked before anything runs (recorded in
    /// `tests/data/aws-recorded/map/base_scenarios__test_max_concurrency_path_NoNumber.json`).
    fn max_concurrency(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<(), Failure> {
        let Some(IntegerField::Path(path)) = field else {
            return Ok(());
        };
        let value = self.number_at(path.as_path(), input, context)?;
        if value.as_u64().is_none() {
            return Err(self.runtime_failure(&format!(
                "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: {}",
                raw(&value),
                path.as_str()
            )));
        }
        Ok(())
    }

    fn tolerated_count(
        &self,
        field: &Option<IntegerField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<u64>, Failure> {
        let Some(field) = field else { return Ok(None) };
        let Some(value) =
            self.dynamic_number(field, "ToleratedFailureCount", "integer", input, context)?
        else {
            return Ok(None);
        };
        if let Some(count) = value.as_u64() {
            return Ok(Some(count));
        }
        if value.as_i64().is_some() {
            return Err(self.runtime_failure("ToleratedFailureCount cannot be negative."));
        }
        let path = match field {
            IntegerField::Path(path) => path.as_str(),
            _ => "",
        };
        Err(self.runtime_failure(&format!(
            "The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: {path}",
            raw(&value)
        )))
    }

    fn tolerated_percentage(
        &self,
        field: &Option<NumberField>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Option<f64>, Failure> {
        let value = match field {
            None => return Ok(None),
            Some(NumberField::Jsonata(_)) => {
                return self.query_percentage(field, &self.scope(context));
            }
            Some(NumberField::Literal(n)) => Value::Number(n.clone()),
            Some(NumberField::Path(path)) => {
                let value = self.number_at(path.as_path(), input, context)?;
                if !value.is_number() {
                    return Err(self.runtime_failure(&format!(
                        "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}",
                        raw(&value),
                        path.as_str()
                    )));
                }
                value
            }
        };
        match value.as_f64() {
            Some(percentage) if (0.0..=100.0).contains(&percentage) => Ok(Some(percentage)),
            _ => Err(self.runtime_failure("ToleratedFailurePercentage must be between 0 and 100.")),
        }
    }

    fn read_items(
        &self,
        reader: &crate::asl::ItemReader,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Vec<Value>, Failure> {
        let parameters = match (&reader.parameters, &reader.arguments) {
            (Some(parameters), _) => {
                self.runtime(io::evaluate(parameters, input, context, &mut || {
                    self.run.random()
                }))?
            }
            (None, Some(arguments)) => {
                self.query_template(arguments, "ItemReader/Arguments", &self.scope(context))?
            }
            (None, None) => Value::Object(Map::new()),
        };
        let config = reader.reader_config.as_ref();
        let max_items = match config.and_then(|c| c.max_items.as_ref()) {
            Some(IntegerField::Literal(n)) => Some(*n),
            Some(IntegerField::Jsonata(expression)) => {
                Some(self.query_integer(expression, "MaxItems", 1, &self.scope(context))?)
            }
            Some(IntegerField::Path(path)) => {
                let value = self.number_at(path.as_path(), input, context)?;
                match (value.as_u64(), value.as_i64()) {
                    (Some(n), _) => Some(n),
                    (None, Some(_)) => {
                        return Err(Failure::new(
                            "States.ItemReaderFailed",
                            "field MaxItems must be positive",
                        ));
                    }
                    _ => {
                        return Err(self.runtime_failure(&format!(
                            "The MaxItemsPath field refers to value \"{}\" which is not a valid integer: {}",
                            raw(&value),
                            path.as_str()
                        )));
                    }
                }
            }
            _ => None,
        };
        items::read(
            self.run.objects,
            &reader.resource,
            &parameters,
            config,
            max_items,
        )
    }

    /// `ResultWriter`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>): the
    /// result formatted by `WriterConfig`, and with a `Resource`, written to the local S3 as
    /// `manifest.json`, `SUCCEEDED_0.json` and `FAILED_0.json` under `<Prefix>/<run id>/`, the
    /// Map's result then pointing at them.
    fn write_results(
        &self,
        map_run: &MapRun,
        writer: &ResultWriter,
        children: ChildResults,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Value, Failure> {
        let ChildResults {
            outputs,
            succeeded,
            failed,
        } = children;
        let config = writer.writer_config.as_ref();
        let transformation = config
            .and_then(|c| c.transformation)
            .unwrap_or(WriterTransformation::Compact);
        let formatted = match transformation {
            WriterTransformation::Compact => outputs,
            WriterTransformation::Flatten => outputs
                .into_iter()
                .flat_map(|output| match output {
                    Value::Array(items) => items,
                    other => vec![other],
                })
                .collect(),
            WriterTransformation::None => succeeded.iter().chain(&failed).cloned().collect(),
        };
        let Some(_) = &writer.resource else {
            return Ok(Value::Array(formatted));
        };
        let parameters = match &writer.parameters {
            Some(parameters) => {
                self.runtime(io::evaluate(parameters, input, context, &mut || {
                    self.run.random()
                }))?
            }
            None => Value::Object(Map::new()),
        };
        let Some(bucket) = parameters.get("Bucket").and_then(Value::as_str) else {
            // AWS rejects this at creation for literal Parameters; a path can still miss.
            return Err(Failure::new(
                "States.ResultWriterFailed",
                format!(
                    "The ResultWriter Parameters of the state '{}' give no Bucket string: {parameters}",
                    self.name()
                ),
            ));
        };
        let bucket = bucket.to_owned();
        let prefix = parameters
            .get("Prefix")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        let folder = if prefix.is_empty() {
            map_run.id.clone()
        } else {
            format!("{prefix}/{}", map_run.id)
        };
        let jsonl = config.and_then(|c| c.output_type) == Some(OutputType::Jsonl);
        let body = |records: &[Value]| {
            if jsonl {
                records
                    .iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                Value::Array(records.to_vec()).to_string()
            }
        };
        let objects = self.run.objects;
        let mut files = Vec::new();
        for (name, records) in [("SUCCEEDED_0.json", &succeeded), ("FAILED_0.json", &failed)] {
            let key = format!("{folder}/{name}");
            let body = body(records);
            // The manifest gives each file's size in bytes.
            files.push(json!({"Key": key, "Size": body.len()}));
            objects.put(&bucket, &key, body);
        }
        let manifest_key = format!("{folder}/manifest.json");
        let manifest = json!({"DestinationBucket": bucket, "MapRunArn": map_run.arn, "ResultFiles": {"SUCCEEDED": [files[0]], "FAILED": [files[1]], "PENDING": []}});
        objects.put(&bucket, &manifest_key, manifest.to_string());
        Ok(
            json!({"MapRunArn": map_run.arn, "ResultWriterDetails": {"Bucket": bucket, "Key": manifest_key}}),
        )
    }

    /// `ItemBatcher`: items grouped into `{"Items": […], "BatchInput": …}` objects
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html>).
    fn batch(
        &self,
        map: &MapState,
        items: Vec<Value>,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<Vec<Value>, Failure> {
        let Some(batcher) = &map.item_batcher else {
            return Ok(items);
        };
        let max_items = match &batcher.max_items_per_batch {
            Some(field) => self
                .dynamic_number(field, "MaxItemsPerBatch", "integer", input, context)?
                .and_then(|v| v.as_u64()),
            None => None,
        };
        let max_bytes = match &batcher.max_input_bytes_per_batch {
            Some(field) => self
                .dynamic_number(field, "MaxInputBytesPerBatch", "integer", input, context)?
                .and_then(|v| v.as_u64()),
            None => None,
        };
        let batch_input = match &batcher.batch_input {
            Some(template) => Some(self.runtime(io::evaluate(
                template,
                input,
                context,
                &mut || self.run.random(),
            ))?),
            None => None,
        };
        let max_items = usize::try_from(max_items.unwrap_or(u64::MAX).max(1)).unwrap_or(usize::MAX);
        let max_bytes = usize::try_from(max_bytes.unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
        let mut batches = Vec::new();
        let mut current: Vec<Value> = Vec::new();
        let mut bytes = 0;
        for item in items {
            let size = item.to_string().len() + 1;
            if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
                batches.push(std::mem::take(&mut current));
                bytes = 0;
            }
            bytes += size;
            current.push(item);
        }
        if !current.is_empty() {
            batches.push(current);
        }
        Ok(batches
            .into_iter()
            .map(|items| {
                let mut batch = Map::new();
                if let Some(batch_input) = &batch_input {
                    batch.insert("BatchInput".to_owned(), batch_input.clone());
                }
                batch.insert("Items".to_owned(), Value::Array(items));
                Value::Object(batch)
            })
            .collect())
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
