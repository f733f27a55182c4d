//! Loader for the Map state and its distributed-mode parts
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>,
//! <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).

use crate::asl::json::Json;

use super::fields::NumberRules;
use super::kinds::Fields;
use super::{Loader, describe};
use crate::asl::{
    CsvDelimiter, CsvHeaderLocation, InputType, ItemBatcher, ItemReader, ManifestType, Map,
    OutputType, ProcessorField, QueryLanguage, ReaderConfig, ReaderTransformation, ResultWriter,
    SelectorField, Template, WriterConfig, WriterTransformation,
};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};

const MAP_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "ItemProcessor",
    "Iterator",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "Parameters",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "Label",
    "InputPath",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
];

impl<'v> Loader<'v> {
    pub(super) fn map(&mut self, f: &Fields<'_, 'v>) -> Option<Map> {
        let o = f.object;
        let mut processor = None;
        let mut processor_field = ProcessorField::ItemProcessor;
        let mut selector_field = SelectorField::ItemSelector;
        let mut map = Map::default();
        if o.contains_key("ItemProcessor") && o.contains_key("Iterator") {
            self.push(
                Diagnostic::new(
                    Rule::V603,
                    f.pointer.render(),
                    "the Map state has both `ItemProcessor` and `Iterator`",
                )
                .with_help("keep `ItemProcessor`; `Iterator` is its deprecated name"),
            );
        }
        if o.contains_key("ItemSelector") && o.contains_key("Parameters") {
            self.push(
                Diagnostic::new(
                    Rule::V616,
                    f.pointer.render(),
                    "the Map state has both `ItemSelector` and `Parameters`",
                )
                .with_help(
                    "keep `ItemSelector`; on a Map state `Parameters` is its deprecated name",
                ),
            );
        }
        for (key, value) in o {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" | "Next" | "End" => {}
                "MaxConcurrency"
                | "MaxConcurrencyPath"
                | "ToleratedFailureCount"
                | "ToleratedFailureCountPath" => {}
                "ToleratedFailurePercentage" | "ToleratedFailurePercentagePath" => {}
                "ItemProcessor" | "Iterator" => {
                    if processor.is_none() {
                        processor_field = if key == "Iterator" {
                            ProcessorField::Iterator
                        } else {
                            ProcessorField::ItemProcessor
                        };
                        processor = Some(self.container(value, &p, f.machine_language, true));
                    }
                }
                "ItemsPath" => map.items_path = self.reference_path(value, &p, Rule::V803, key),
                "Items" => map.items = self.items(value, &p),
                "ItemSelector" | "Parameters" => {
                    if map.item_selector.is_none() {
                        selector_field = if key == "Parameters" {
                            SelectorField::Parameters
                        } else {
                            SelectorField::ItemSelector
                        };
                        // `Parameters` is JSONPath-only; `ItemSelector` follows the state's language.
                        let language = if key == "Parameters" {
                            QueryLanguage::JsonPath
                        } else {
                            f.language
                        };
                        map.item_selector = Some(self.template(value, &p, language));
                    }
                }
                "ItemReader" => map.item_reader = self.item_reader(value, &p, f.language),
                "ItemBatcher" => map.item_batcher = self.item_batcher(value, &p, f.language),
                "ResultWriter" => map.result_writer = self.result_writer(value, &p),
                "Label" => map.label = self.string(value, &p, Rule::V614, key),
                "InputPath" => map.input_path = self.nullable_path(value, &p, key),
                "ResultSelector" => map.result_selector = Some(self.jsonpath_template(value, &p)),
                "ResultPath" => map.result_path = self.result_path(value, &p),
                "OutputPath" => map.output_path = self.nullable_path(value, &p, key),
                "Output" => map.output = Some(self.jsonata_template(value, &p)),
                "Assign" => map.assign = self.assign(value, &p, f.language),
                "Retry" => map.retry = self.retriers(value, &p),
                "Catch" => map.catch = self.catchers(value, &p, f.language),
                _ => self.not_a_field(f, key, MAP_FIELDS),
            }
        }
        map.processor_field = processor_field;
        map.selector_field = selector_field;
        map.max_concurrency = self.integer_pair(
            o,
            f.pointer,
            "MaxConcurrency",
            f.language,
            NumberRules {
                value: Rule::V613,
                both: Rule::V613,
            },
        );
        map.tolerated_failure_count = self.integer_pair(
            o,
            f.pointer,
            "ToleratedFailureCount",
            f.language,
            NumberRules {
                value: Rule::V612,
                both: Rule::V612,
            },
        );
        map.tolerated_failure_percentage = self.number_pair(
            o,
            f.pointer,
            "ToleratedFailurePercentage",
            f.language,
            NumberRules {
                value: Rule::V612,
                both: Rule::V612,
            },
        );
        let transition = self.transition(f);
        let Some(processor) = processor else {
            self.push(
                Diagnostic::new(
                    Rule::V603,
                    f.pointer.render(),
                    "the Map state has no `ItemProcessor`",
                )
                .with_help("add `\"ItemProcessor\": {\"StartAt\": ..., \"States\": {...}}`")
                .with_aws_message("These fields are required: [ItemProcessor]"),
            );
            return None;
        };
        map.item_processor = processor?;
        map.transition = transition?;
        Some(map)
    }

    /// JSONata `Items`: an array literal or an expression (V617).
    fn items(&mut self, value: &Json<'_>, pointer: &Pointer<'_>) -> Option<Template> {
        match value {
            Json::Array(_) => Some(self.jsonata_template(value, pointer)),
            Json::String(text) => match self.jsonata_string(text, pointer) {
                Some(expr) => Some(Template::Jsonata(expr)),
                None => {
                    self.report(
                        Rule::V617,
                        pointer,
                        format!(
                            "`Items` must be an array or a `{{% %}}` expression, not {}",
                            describe(value)
                        ),
                    );
                    None
                }
            },
            other => {
                self.push(
                    Diagnostic::new(Rule::V617, pointer.render(), format!("`Items` must be an array or a `{{% %}}` expression, not {}", describe(other)))
                        .with_help("AWS iterates arrays only; to iterate an object's members, turn it into an array with `$each` or `$keys`"),
                );
                None
            }
        }
    }

    fn item_reader(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<ItemReader> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V608,
                pointer,
                format!("`ItemReader` must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut reader = ItemReader {
            resource: String::new(),
            parameters: None,
            arguments: None,
            reader_config: None,
        };
        for (key, value) in object {
            let p = pointer.key(key);
            match key {
                "Resource" => reader.resource = self.string(value, &p, Rule::V608, key)?,
                "Parameters" => reader.parameters = Some(self.jsonpath_template(value, &p)),
                "Arguments" => reader.arguments = Some(self.template(value, &p, language)),
                "ReaderConfig" => reader.reader_config = self.reader_config(value, &p, language),
                _ => self.unknown_field(
                    Rule::V608,
                    pointer,
                    "`ItemReader`",
                    key,
                    &["Resource", "Parameters", "Arguments", "ReaderConfig"],
                ),
            }
        }
        if !object.contains_key("Resource") {
            self.report(Rule::V608, pointer, "`ItemReader` has no `Resource`");
            return None;
        }
        Some(reader)
    }

    fn reader_config(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<ReaderConfig> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V608,
                pointer,
                format!("`ReaderConfig` must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut config = ReaderConfig::default();
        for (key, value) in object {
            let p = pointer.key(key);
            let r = Rule::V608;
            match key {
                "InputType" => {
                    config.input_type =
                        self.enumerated(value, &p, r, key, InputType::parse, InputType::expected())
                }
                "Transformation" => {
                    config.transformation = self.enumerated(
                        value,
                        &p,
                        r,
                        key,
                        ReaderTransformation::parse,
                        ReaderTransformation::expected(),
                    )
                }
                "ManifestType" => {
                    config.manifest_type = self.enumerated(
                        value,
                        &p,
                        r,
                        key,
                        ManifestType::parse,
                        ManifestType::expected(),
                    )
                }
                "CSVDelimiter" => {
                    config.csv_delimiter = self.enumerated(
                        value,
                        &p,
                        r,
                        key,
                        CsvDelimiter::parse,
                        CsvDelimiter::expected(),
                    )
                }
                "CSVHeaderLocation" => {
                    config.csv_header_location = self.enumerated(
                        value,
                        &p,
                        r,
                        key,
                        CsvHeaderLocation::parse,
                        CsvHeaderLocation::expected(),
                    )
                }
                "CSVHeaders" => config.csv_headers = self.string_list(value, &p, r, key),
                "ItemsPointer" => config.items_pointer = self.string(value, &p, r, key),
                "MaxItems" | "MaxItemsPath" => {}
                _ => self.unknown_field(
                    Rule::V608,
                    pointer,
                    "`ReaderConfig`",
                    key,
                    &[
                        "InputType",
                        "Transformation",
                        "ManifestType",
                        "CSVDelimiter",
                        "CSVHeaderLocation",
                        "CSVHeaders",
                        "ItemsPointer",
                        "MaxItems",
                        "MaxItemsPath",
                    ],
                ),
            }
        }
        config.max_items = self.integer_pair(
            object,
            pointer,
            "MaxItems",
            language,
            NumberRules {
                value: Rule::V609,
                both: Rule::V609,
            },
        );
        Some(config)
    }

    fn item_batcher(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<ItemBatcher> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V610,
                pointer,
                format!("`ItemBatcher` must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut batcher = ItemBatcher::default();
        for (key, value) in object {
            match key {
                "MaxItemsPerBatch"
                | "MaxItemsPerBatchPath"
                | "MaxInputBytesPerBatch"
                | "MaxInputBytesPerBatchPath" => {}
                "BatchInput" => {
                    batcher.batch_input = Some(self.template(value, &pointer.key(key), language))
                }
                _ => self.unknown_field(
                    Rule::V610,
                    pointer,
                    "`ItemBatcher`",
                    key,
                    &[
                        "MaxItemsPerBatch",
                        "MaxItemsPerBatchPath",
                        "MaxInputBytesPerBatch",
                        "MaxInputBytesPerBatchPath",
                        "BatchInput",
                    ],
                ),
            }
        }
        let rules = NumberRules {
            value: Rule::V610,
            both: Rule::V610,
        };
        batcher.max_items_per_batch =
            self.integer_pair(object, pointer, "MaxItemsPerBatch", language, rules);
        batcher.max_input_bytes_per_batch =
            self.integer_pair(object, pointer, "MaxInputBytesPerBatch", language, rules);
        Some(batcher)
    }

    fn result_writer(&mut self, value: &Json<'_>, pointer: &Pointer<'_>) -> Option<ResultWriter> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V611,
                pointer,
                format!("`ResultWriter` must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut writer = ResultWriter::default();
        for (key, value) in object {
            let p = pointer.key(key);
            match key {
                "Resource" => writer.resource = self.string(value, &p, Rule::V611, key),
                "Parameters" => writer.parameters = Some(self.jsonpath_template(value, &p)),
                "Arguments" => writer.arguments = Some(self.jsonata_template(value, &p)),
                "WriterConfig" => writer.writer_config = self.writer_config(value, &p),
                _ => self.unknown_field(
                    Rule::V611,
                    pointer,
                    "`ResultWriter`",
                    key,
                    &["Resource", "Parameters", "Arguments", "WriterConfig"],
                ),
            }
        }
        Some(writer)
    }

    fn writer_config(&mut self, value: &Json<'_>, pointer: &Pointer<'_>) -> Option<WriterConfig> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V611,
                pointer,
                format!("`WriterConfig` must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut config = WriterConfig::default();
        for (key, value) in object {
            let p = pointer.key(key);
            match key {
                "OutputType" => {
                    config.output_type = self.enumerated(
                        value,
                        &p,
                        Rule::V611,
                        key,
                        OutputType::parse,
                        OutputType::expected(),
                    )
                }
                "Transformation" => {
                    config.transformation = self.enumerated(
                        value,
                        &p,
                        Rule::V611,
                        key,
                        WriterTransformation::parse,
                        WriterTransformation::expected(),
                    )
                }
                _ => self.unknown_field(
                    Rule::V611,
                    pointer,
                    "`WriterConfig`",
                    key,
                    &["OutputType", "Transformation"],
                ),
            }
        }
        Some(config)
    }
}
