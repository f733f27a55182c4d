//! Map rules on loaded values: V112 (ProcessorConfig on a branch), V605, V607–V612, V614, V615.

use std::collections::HashMap;

use super::{Cx, at};
use crate::asl::{
    CsvHeaderLocation, IntegerField, ManifestType, NumberField, ReaderConfig, ReaderTransformation,
    StateKind,
};
use crate::diagnostics::{Diagnostic, Rule, Severity};
use crate::names::label_problem;
use crate::validate::index::StateInfo;

const MAX_ITEMS: u64 = 100_000_000;
const MAX_BATCH_BYTES: u64 = 262_144;

pub(super) fn check(cx: &mut Cx<'_, '_>, state: &StateInfo<'_>) {
    let p = &state.pointer;
    if let StateKind::Parallel(parallel) = &state.state.kind {
        for (i, branch) in parallel.branches.iter().enumerate() {
            // Rule V112: only a Map processor has a ProcessorConfig.
            if branch.processor_config.is_some() {
                let branch_pointer = at(&at(p, "Branches"), &i.to_string());
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V112,
                        branch_pointer,
                        "a Parallel branch cannot have `ProcessorConfig`",
                    )
                    .with_aws_message("Field 'ProcessorConfig' is not supported"),
                );
            }
        }
        return;
    }
    let StateKind::Map(map) = &state.state.kind else {
        return;
    };
    let processor = at(p, map.processor_field.json_name());
    let distributed = map.is_distributed();
    // Rule V605: child executions need a type.
    if let Some(config) = &map.item_processor.processor_config
        && distributed
        && config.execution_type.is_none()
    {
        cx.push(
            state,
            Diagnostic::new(
                Rule::V605,
                at(&processor, "ProcessorConfig"),
                "a DISTRIBUTED Map needs `ExecutionType`",
            )
            .with_help("add `\"ExecutionType\": \"STANDARD\"` or `\"EXPRESS\"`"),
        );
    }
    // Rule V607: these fields are documented for DISTRIBUTED mode only.
    if !distributed {
        let inline_only = [
            ("ItemReader", map.item_reader.is_some()),
            ("ItemBatcher", map.item_batcher.is_some()),
            ("ResultWriter", map.result_writer.is_some()),
            ("Label", map.label.is_some()),
            (
                field_name(
                    "ToleratedFailureCount",
                    integer_is_path(&map.tolerated_failure_count),
                ),
                map.tolerated_failure_count.is_some(),
            ),
            (
                field_name(
                    "ToleratedFailurePercentage",
                    matches!(map.tolerated_failure_percentage, Some(NumberField::Path(_))),
                ),
                map.tolerated_failure_percentage.is_some(),
            ),
        ];
        for (field, present) in inline_only {
            if present {
                cx.push(
                    state,
                    Diagnostic::new(Rule::V607, at(p, field), format!("`{field}` only has an effect on a DISTRIBUTED Map"))
                        .with_help("set `\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}` on the processor, or remove the field"),
                );
            }
        }
    }
    if let Some(reader) = &map.item_reader {
        let reader_pointer = at(p, "ItemReader");
        // Rule V608: items come from S3 only.
        if !matches!(
            s3_action(&reader.resource),
            Some("getObject" | "listObjectsV2")
        ) {
            cx.push(
                state,
                Diagnostic::new(Rule::V608, at(&reader_pointer, "Resource"), format!("`ItemReader.Resource` \"{}\" is not an S3 reader", reader.resource))
                    .with_help("use \"arn:aws:states:::s3:getObject\" or \"arn:aws:states:::s3:listObjectsV2\""),
            );
        }
        if let Some(config) = &reader.reader_config {
            reader_config_dependencies(cx, state, config, &at(&reader_pointer, "ReaderConfig"));
        }
        // Rule V609: 0 is accepted and runs as "no limit" (recorded in tests/data/aws-recorded/map/
        // base_scenarios__test_map_item_reader_csv_max_items_0.json), so it is likely a slip.
        if let Some(config) = &reader.reader_config {
            let pointer = at(&at(&reader_pointer, "ReaderConfig"), "MaxItems");
            match config.max_items {
                Some(IntegerField::Literal(0)) => cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V609,
                        pointer,
                        "`MaxItems` is 0, which AWS runs as no limit: every item is read",
                    )
                    .with_severity(Severity::Warning)
                    .with_help("set the number of items you meant, or leave `MaxItems` out to read every item"),
                ),
                Some(IntegerField::Literal(n)) if n > MAX_ITEMS => cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V609,
                        pointer,
                        format!("`MaxItems` is {n}; the maximum is {MAX_ITEMS}"),
                    ),
                ),
                _ => {}
            }
        }
    }
    if let Some(batcher) = &map.item_batcher {
        let pointer = at(p, "ItemBatcher");
        // Rule V610: a batcher needs a size, and sizes are positive.
        if batcher.max_items_per_batch.is_none() && batcher.max_input_bytes_per_batch.is_none() {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V610,
                    pointer.clone(),
                    "`ItemBatcher` sets no batch size",
                )
                .with_help("add `MaxItemsPerBatch` and/or `MaxInputBytesPerBatch`"),
            );
        }
        if let Some(IntegerField::Literal(0)) = batcher.max_items_per_batch {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V610,
                    at(&pointer, "MaxItemsPerBatch"),
                    "`MaxItemsPerBatch` must be positive",
                ),
            );
        }
        if let Some(IntegerField::Literal(bytes)) = batcher.max_input_bytes_per_batch
            && (bytes == 0 || bytes > MAX_BATCH_BYTES)
        {
            cx.push(state, Diagnostic::new(Rule::V610, at(&pointer, "MaxInputBytesPerBatch"), format!("`MaxInputBytesPerBatch` is {bytes}; it must be between 1 and {MAX_BATCH_BYTES}")));
        }
    }
    if let Some(writer) = &map.result_writer {
        let pointer = at(p, "ResultWriter");
        // Rule V611: results are exported to S3 with putObject, and parameters need a resource.
        if writer.resource.is_none() && writer.writer_config.is_none() {
            cx.push(
                state,
                Diagnostic::new(Rule::V611, pointer.clone(), "`ResultWriter` is empty")
                    .with_help("add `WriterConfig`, or `Resource` with `Parameters`"),
            );
        }
        if let Some(resource) = &writer.resource {
            if s3_action(resource) != Some("putObject") {
                cx.push(
                    state,
                    Diagnostic::new(
                        Rule::V611,
                        at(&pointer, "Resource"),
                        format!("`ResultWriter.Resource` \"{resource}\" is not an S3 writer"),
                    )
                    .with_help("use \"arn:aws:states:::s3:putObject\""),
                );
            }
        } else if writer.parameters.is_some() || writer.arguments.is_some() {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V611,
                    pointer.clone(),
                    "`ResultWriter` has parameters but no `Resource`",
                ),
            );
        }
    }
    // Rule V612: a percentage is between 0 and 100.
    if let Some(NumberField::Literal(percentage)) = &map.tolerated_failure_percentage
        && percentage
            .as_f64()
            .is_none_or(|v| !(0.0..=100.0).contains(&v))
    {
        cx.push(
            state,
            Diagnostic::new(
                Rule::V612,
                at(p, "ToleratedFailurePercentage"),
                format!(
                    "`ToleratedFailurePercentage` is {percentage}; it must be between 0 and 100"
                ),
            ),
        );
    }
    // Rule V614: AWS's label alphabet (labels name Map Runs).
    if let Some(label) = &map.label
        && let Some(problem) = label_problem(label)
    {
        cx.push(state, Diagnostic::new(Rule::V614, at(p, "Label"), problem));
    }
}

/// Rule V608: the `ReaderConfig` members that only make sense together
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>).
fn reader_config_dependencies(
    cx: &mut Cx<'_, '_>,
    state: &StateInfo<'_>,
    config: &ReaderConfig,
    pointer: &str,
) {
    let mut problems = Vec::new();
    if config.csv_header_location == Some(CsvHeaderLocation::Given) && config.csv_headers.is_none()
    {
        problems.push((
            "`CSVHeaderLocation: GIVEN` needs `CSVHeaders`",
            "list the column names in `CSVHeaders`",
        ));
    }
    if config.transformation == Some(ReaderTransformation::LoadAndFlatten)
        && config.input_type.is_none()
    {
        problems.push((
            "`Transformation: LOAD_AND_FLATTEN` needs `InputType`",
            "say how to read each listed object, e.g. `\"InputType\": \"JSON\"`",
        ));
    }
    if config.manifest_type == Some(ManifestType::S3Inventory) && config.input_type.is_some() {
        problems.push((
            "`ManifestType: S3_INVENTORY` does not take `InputType`",
            "remove `InputType`: the inventory manifest says the format",
        ));
    }
    for (message, help) in problems {
        cx.push(
            state,
            Diagnostic::new(Rule::V608, pointer.to_owned(), message).with_help(help),
        );
    }
}

/// Rule V615: labels are unique in the definition.
pub(super) fn check_labels(cx: &mut Cx<'_, '_>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for state in &cx.index.states {
        if let StateKind::Map(map) = &state.state.kind
            && let Some(label) = &map.label
            && let Some(first) = seen.insert(label, state.name)
        {
            cx.push(
                state,
                Diagnostic::new(
                    Rule::V615,
                    at(&state.pointer, "Label"),
                    format!("the label \"{label}\" is already used by \"{first}\""),
                )
                .with_help("give each Map a different `Label`"),
            );
        }
    }
}

fn integer_is_path(field: &Option<IntegerField>) -> bool {
    matches!(field, Some(IntegerField::Path(_)))
}

fn field_name(name: &'static str, is_path: bool) -> &'static str {
    match (name, is_path) {
        ("ToleratedFailureCount", true) => "ToleratedFailureCountPath",
        ("ToleratedFailurePercentage", true) => "ToleratedFailurePercentagePath",
        _ => name,
    }
}

/// `Some("getObject")` for `arn:<partition>:states:::s3:getObject`.
fn s3_action(resource: &str) -> Option<&str> {
    let rest = resource.strip_prefix("arn:")?;
    let (partition, rest) = rest.split_once(':')?;
    if !partition.starts_with("aws") {
        return None;
    }
    rest.strip_prefix("states:::s3:")
}
