//! A Map's `ResultWriter`: the results exported to the local S3 objects, and what the state
//! returns instead.

use serde_json::{Map, Value, json};

use super::{ChildResults, MapRun};
use crate::asl::{OutputType, ResultWriter, WriterTransformation};
use crate::engine::failure::Failure;
use crate::engine::io::{self, Env};
use crate::engine::state::StateRun;

impl StateRun<'_, '_> {
    /// `ResultWriter`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>): the
    /// result formatted by `WriterConfig`, and with a `Resource`, written to the local S3 as
    /// `manifest.json`, `SUCCEEDED_0.json` and `FAILED_0.json` under `<Prefix>/<run id>/`, the
    /// Map's result then pointing at them.
    pub(super) fn write_results(
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
}
