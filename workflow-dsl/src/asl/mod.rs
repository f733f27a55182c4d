//! The canonical Amazon States Language model.
//!
//! Every producer of a state machine (JSON text, the builder, the macro) ends in a
//! [`StateMachine`], and every consumer (validator, emitter, interpreter) starts from one.
//! Paths, reference paths, payload templates and intrinsic calls are parsed when the model is
//! built, so nothing downstream parses strings again.
//!
//! The model holds the fields of both query languages; which ones a state may use
//! depends on its effective language and is checked by the validator (V208, V209). Constraints
//! that are cheap to express in types are: a transition is `Next` *or* `End`, a Wait state has
//! exactly one duration, a Fail state's `Error` is a literal *or* a path.

mod choice;
mod emit;
#[cfg(feature = "engine")]
pub(crate) use emit::state_value;
mod enums;
mod errors;
mod fail;
mod format;
pub use format::Format;
pub(crate) mod json;
pub(crate) mod load;
#[cfg(feature = "yaml")]
pub(crate) mod yaml;
pub use load::MAX_NESTING;
mod map;
mod retry;
mod state;
mod task;
mod template;

pub use choice::{
    ChoiceRule, Comparison, Condition, ConditionValue, NestedRule, Operand, OperandKind, Operator,
};
pub use enums::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, JitterStrategy, ManifestType,
    OutputType, ProcessorMode, QueryLanguage, ReaderTransformation, WriterTransformation,
};
pub use errors::Errors;
pub use fail::{Fail, FailField};
pub use map::{
    ItemBatcher, ItemReader, Map, ProcessorConfig, ProcessorField, ReaderConfig, ResultWriter,
    SelectorField, WriterConfig,
};
pub use retry::{Catcher, Retrier};
pub use state::{
    Choice, NullablePath, Parallel, Pass, ResultPath, State, StateKind, Succeed, Transition, Wait,
    WaitFor,
};
pub use task::{IntegerField, NumberField, Task, TimestampField};
pub use template::{Assign, Jsonata, Member, Members, Template};

use indexmap::IndexMap;

/// The states of one container, keyed by name, in declaration order.
pub type States = IndexMap<String, State>;

/// A whole state machine definition
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html>).
#[derive(Clone, Debug, PartialEq)]
pub struct StateMachine {
    /// `Comment`.
    pub comment: Option<String>,
    /// `StartAt`: the name of the first state.
    pub start_at: String,
    /// `States`.
    pub states: States,
    /// `Version` (only `"1.0"` is defined).
    pub version: Option<String>,
    /// `TimeoutSeconds` for the whole execution.
    pub timeout_seconds: Option<u64>,
    /// `QueryLanguage` for every state that does not set its own (default JSONPath).
    pub query_language: Option<QueryLanguage>,
}

/// A nested container: one Parallel branch or a Map's `ItemProcessor` / `Iterator`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    /// `Comment`.
    pub comment: Option<String>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`.
    pub states: States,
    /// `ProcessorConfig`; only meaningful on a Map processor.
    pub processor_config: Option<ProcessorConfig>,
}

impl StateMachine {
    /// The query language of states that do not set one.
    pub fn language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }
}
