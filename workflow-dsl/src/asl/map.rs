//! The Map state and its distributed-mode parts
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>,
//! <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).

use super::{
    Assign, Catcher, Container, CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType,
    IntegerField, ManifestType, NullablePath, NumberField, OutputType, ProcessorMode,
    ReaderTransformation, ResultPath, Retrier, Template, Transition, WriterTransformation,
};
use crate::path::ReferencePath;

/// A Map state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    /// `ItemProcessor` (or the legacy `Iterator`, see `processor_field`).
    pub item_processor: Container,
    /// Which name the processor was written under.
    pub processor_field: ProcessorField,
    /// `ItemsPath` (JSONPath).
    pub items_path: Option<ReferencePath>,
    /// `Items` (JSONata): an array literal or an expression.
    pub items: Option<Template>,
    /// `ItemSelector` (or the legacy `Parameters`, see `selector_field`).
    pub item_selector: Option<Template>,
    /// Which name the selector was written under.
    pub selector_field: SelectorField,
    /// `ItemReader`.
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher`.
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter`.
    pub result_writer: Option<ResultWriter>,
    /// `MaxConcurrency` / `MaxConcurrencyPath`.
    pub max_concurrency: Option<IntegerField>,
    /// `ToleratedFailureCount` / `ToleratedFailureCountPath`.
    pub tolerated_failure_count: Option<IntegerField>,
    /// `ToleratedFailurePercentage` / `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage: Option<NumberField>,
    /// `Label`.
    pub label: Option<String>,
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `ResultSelector`.
    pub result_selector: Option<Template>,
    /// `ResultPath`.
    pub result_path: Option<ResultPath>,
    /// `OutputPath`.
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Assign>,
    /// `Retry`.
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`.
    pub catch: Option<Vec<Catcher>>,
    /// `Next` / `End`.
    pub transition: Transition,
}

impl Map {
    /// Whether the processor runs in DISTRIBUTED mode.
    pub fn is_distributed(&self) -> bool {
        self.item_processor
            .processor_config
            .as_ref()
            .and_then(|config| config.mode)
            == Some(ProcessorMode::Distributed)
    }
}

/// The JSON name a Map's processor is written under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProcessorField {
    /// `ItemProcessor`.
    #[default]
    ItemProcessor,
    /// `Iterator` (deprecated synonym).
    Iterator,
}

impl ProcessorField {
    /// The member name.
    pub fn json_name(self) -> &'static str {
        match self {
            ProcessorField::ItemProcessor => "ItemProcessor",
            ProcessorField::Iterator => "Iterator",
        }
    }
}

/// The JSON name a Map's item selector is written under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SelectorField {
    /// `ItemSelector`.
    #[default]
    ItemSelector,
    /// `Parameters` (deprecated synonym).
    Parameters,
}

impl SelectorField {
    /// The member name.
    pub fn json_name(self) -> &'static str {
        match self {
            SelectorField::ItemSelector => "ItemSelector",
            SelectorField::Parameters => "Parameters",
        }
    }
}

/// `ProcessorConfig`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessorConfig {
    /// `Mode` (default INLINE).
    pub mode: Option<ProcessorMode>,
    /// `ExecutionType` (required in DISTRIBUTED mode).
    pub execution_type: Option<ExecutionType>,
}

/// `ItemReader`: where a distributed Map reads its items.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemReader {
    /// `Resource`: `arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`.
    pub resource: String,
    /// `Parameters` (JSONPath).
    pub parameters: Option<Template>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Template>,
    /// `ReaderConfig`.
    pub reader_config: Option<ReaderConfig>,
}

/// `ItemReader.ReaderConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderConfig {
    /// `InputType`.
    pub input_type: Option<InputType>,
    /// `Transformation`.
    pub transformation: Option<ReaderTransformation>,
    /// `ManifestType`.
    pub manifest_type: Option<ManifestType>,
    /// `CSVDelimiter`.
    pub csv_delimiter: Option<CsvDelimiter>,
    /// `CSVHeaderLocation`.
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// `CSVHeaders`.
    pub csv_headers: Option<Vec<String>>,
    /// `ItemsPointer`: a JSON pointer into a JSON file.
    pub items_pointer: Option<String>,
    /// `MaxItems` / `MaxItemsPath`.
    pub max_items: Option<IntegerField>,
}

/// `ItemBatcher`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch` / `MaxItemsPerBatchPath`.
    pub max_items_per_batch: Option<IntegerField>,
    /// `MaxInputBytesPerBatch` / `MaxInputBytesPerBatchPath`.
    pub max_input_bytes_per_batch: Option<IntegerField>,
    /// `BatchInput`.
    pub batch_input: Option<Template>,
}

/// `ResultWriter`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultWriter {
    /// `Resource`: `arn:aws:states:::s3:putObject`.
    pub resource: Option<String>,
    /// `Parameters` (JSONPath).
    pub parameters: Option<Template>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Template>,
    /// `WriterConfig`.
    pub writer_config: Option<WriterConfig>,
}

/// `ResultWriter.WriterConfig`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriterConfig {
    /// `OutputType`.
    pub output_type: Option<OutputType>,
    /// `Transformation`.
    pub transformation: Option<WriterTransformation>,
}
