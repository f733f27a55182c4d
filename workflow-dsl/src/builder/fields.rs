//! The fields of each state kind, as builder methods. JSONPath-only fields exist only on
//! JSONPath workflows' builders and JSONata-only ones only on JSONata workflows', so a field of
//! the other language does not compile. Paths and templates are parsed here, when they are
//! given; a bad one is reported by `build()` with the state's name.

use serde_json::Value;

use super::kind::{self, Depth, JsonPath, Jsonata, Language, Ready};
use super::retry::{Catch, Retry};
use super::state::StateBuilder;
use crate::asl::{
    self, Assign, ExecutionType, FailField, IntegerField, ItemBatcher, ItemReader,
    Jsonata as Expression, NullablePath, NumberField, ProcessorConfig, ProcessorMode,
    QueryLanguage, ReaderConfig, ResultPath, ResultWriter, Template, TimestampField, Transition,
    WaitFor, WriterConfig,
};
use crate::path::{Path, ReferencePath};

pub(crate) fn wait(wait_for: WaitFor) -> asl::Wait {
    asl::Wait {
        wait_for,
        input_path: None,
        output_path: None,
        output: None,
        assign: None,
        transition: Transition::End,
    }
}

impl<K: kind::Kind, S, D: Depth> StateBuilder<'_, '_, K, Jsonata, S, D> {
    /// A scalar field given as a `{% %}` expression, or `None` and a reported problem.
    fn expression(&self, field: &str, text: &str) -> Option<Expression> {
        let expression = Expression::parse(text);
        if expression.is_none() {
            self.problem(format_args!(
                "`{field}` {text:?} is not a JSONata expression: write it as \"{{% ... %}}\""
            ));
        }
        expression
    }
}

impl<K: kind::Kind, Q: Language, S, D: Depth> StateBuilder<'_, '_, K, Q, S, D> {
    /// A path field (`InputPath`, `OutputPath`, `ItemsPath`…), or `None` and a reported problem.
    fn path(&self, field: &str, text: &str) -> Option<Path> {
        Path::parse(text)
            .map_err(|error| {
                self.problem(format_args!("`{field}` {text:?} is not a path: {error}"))
            })
            .ok()
    }

    fn reference_path(&self, field: &str, text: &str) -> Option<ReferencePath> {
        ReferencePath::parse(text)
            .map_err(|error| {
                self.problem(format_args!(
                    "`{field}` {text:?} is not a reference path: {error}"
                ))
            })
            .ok()
    }

    /// A payload template (JSONPath) or JSONata template, parsed as a definition's would be.
    pub(crate) fn template(&self, field: &str, value: &Value) -> Template {
        let (template, diagnostics) = crate::asl::load::template(value, Q::LANGUAGE);
        for diagnostic in diagnostics {
            self.problem(format_args!(
                "`{field}`{}: {}",
                diagnostic.pointer, diagnostic.message
            ));
        }
        template
    }

    /// `Parameters` (JSONPath) or `Arguments` (JSONata) of an ItemReader or ResultWriter.
    fn request(&self, field: &str, value: &Value) -> (Option<Template>, Option<Template>) {
        let template = Some(self.template(field, value));
        match Q::LANGUAGE {
            QueryLanguage::JsonPath => (template, None),
            QueryLanguage::Jsonata => (None, template),
        }
    }

    pub(crate) fn assign_block(&self, value: &Value) -> Option<Assign> {
        let (assign, diagnostics) = crate::asl::load::assign(value, Q::LANGUAGE);
        for diagnostic in diagnostics {
            self.problem(format_args!(
                "`Assign`{}: {}",
                diagnostic.pointer, diagnostic.message
            ));
        }
        assign
    }
}

/// `InputPath` and `OutputPath` for JSONPath kinds that have them.
macro_rules! io_paths {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, JsonPath, S, D> {
            /// `InputPath`: the part of the input the state works on.
            pub fn input_path(mut self, path: &str) -> Self {
                self.body.input_path = self.path("InputPath", path).map(NullablePath::Path);
                self
            }

            /// `OutputPath`: the part of the result that leaves the state.
            pub fn output_path(mut self, path: &str) -> Self {
                self.body.output_path = self.path("OutputPath", path).map(NullablePath::Path);
                self
            }
        }
    )*};
}
io_paths!(Pass, Task, Choice, Wait, Succeed, Parallel, Map);

/// `ResultPath` for JSONPath kinds that produce a result.
macro_rules! result_path {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, JsonPath, S, D> {
            /// `ResultPath`: where the result goes in the input (`"$"` replaces it).
            pub fn result_path(mut self, path: &str) -> Self {
                self.body.result_path =
                    self.reference_path("ResultPath", path).map(ResultPath::Path);
                self
            }

            /// `"ResultPath": null`: discard the result, pass the input on.
            pub fn discard_result(mut self) -> Self {
                self.body.result_path = Some(ResultPath::Null);
                self
            }
        }
    )*};
}
result_path!(Pass, Task, Parallel, Map);

/// `Parameters` for the JSONPath kinds that take them.
macro_rules! parameters {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, JsonPath, S, D> {
            /// `Parameters`: a payload template (`"key.$": "$.path"` members are evaluated).
            pub fn parameters(mut self, template: Value) -> Self {
                self.body.parameters = Some(self.template("Parameters", &template));
                self
            }
        }
    )*};
}
parameters!(Pass, Task, Parallel);

/// `ResultSelector` for the JSONPath kinds with a result.
macro_rules! result_selector {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, JsonPath, S, D> {
            /// `ResultSelector`: a payload template over the raw result.
            pub fn result_selector(mut self, template: Value) -> Self {
                self.body.result_selector = Some(self.template("ResultSelector", &template));
                self
            }
        }
    )*};
}
result_selector!(Task, Parallel, Map);

/// `Output` for JSONata kinds.
macro_rules! output {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, Jsonata, S, D> {
            /// `Output`: the state's output, any JSON with `{% %}` expressions.
            pub fn output(mut self, template: Value) -> Self {
                self.body.output = Some(self.template("Output", &template));
                self
            }
        }
    )*};
}
output!(Pass, Task, Choice, Wait, Succeed, Parallel, Map);

/// `Arguments` for the JSONata kinds that take them.
macro_rules! arguments {
    ($($kind:ident),*) => {$(
        impl<S, D: Depth> StateBuilder<'_, '_, kind::$kind, Jsonata, S, D> {
            /// `Arguments`: the task's or branches' input, any JSON with `{% %}` expressions.
            pub fn arguments(mut self, template: Value) -> Self {
                self.body.arguments = Some(self.template("Arguments", &template));
                self
            }
        }
    )*};
}
arguments!(Task, Parallel);

/// `Assign` for the kinds that have it, in both languages.
macro_rules! assign {
    ($($kind:ident),*) => {$(
        impl<Q: Language, S, D: Depth> StateBuilder<'_, '_, kind::$kind, Q, S, D> {
            /// `Assign`: variables set when the state exits (`{"name": value}`; in JSONPath
            /// `"name.$": "$.path"` reads the state's data).
            pub fn assign(mut self, variables: Value) -> Self {
                self.body.assign = self.assign_block(&variables);
                self
            }
        }
    )*};
}
assign!(Pass, Task, Choice, Wait, Parallel, Map);

/// `Retry` and `Catch` for the kinds that can fail.
macro_rules! retry_catch {
    ($($kind:ident),*) => {$(
        impl<'s, Q: Language, S, D: Depth> StateBuilder<'_, 's, kind::$kind, Q, S, D> {
            /// `Retry`: the whole list, built with [`Retry::on`] and `.or(..)`.
            pub fn retry<R>(mut self, retry: Retry<R>) -> Self {
                if self.body.retry.is_some() {
                    self.problem("`Retry` is set twice: give the whole list in one `.retry(..)`, joining retriers with `.or(..)`");
                }
                self.body.retry = Some(retry.retriers);
                self
            }

            /// `Catch`: the whole list, built with [`Catch::on`] and `.or(..)`.
            pub fn catch<C>(mut self, catch: Catch<'s, C, D>) -> Self {
                if self.body.catch.is_some() {
                    self.problem("`Catch` is set twice: give the whole list in one `.catch(..)`, joining catchers with `.or(..)`");
                }
                let catchers = catch.resolve(&self);
                self.body.catch = Some(catchers);
                self
            }
        }
    )*};
}
retry_catch!(Task, Parallel, Map);

impl<S, D: Depth> StateBuilder<'_, '_, kind::Task, JsonPath, S, D> {
    /// `TimeoutSecondsPath`: the timeout read from the input.
    pub fn timeout_seconds_path(mut self, path: &str) -> Self {
        self.body.timeout = self
            .reference_path("TimeoutSecondsPath", path)
            .map(IntegerField::Path);
        self
    }

    /// `HeartbeatSecondsPath`: the heartbeat interval read from the input.
    pub fn heartbeat_seconds_path(mut self, path: &str) -> Self {
        self.body.heartbeat = self
            .reference_path("HeartbeatSecondsPath", path)
            .map(IntegerField::Path);
        self
    }
}

impl<Q: Language, S, D: Depth> StateBuilder<'_, '_, kind::Task, Q, S, D> {
    /// `Credentials`: the role the task assumes (`{"RoleArn": "..."}`).
    pub fn credentials(mut self, credentials: Value) -> Self {
        self.body.credentials = Some(self.template("Credentials", &credentials));
        self
    }

    /// `TimeoutSeconds` checked by the compiler: `.timeout::<300>()`. A value outside AWS's
    /// 1..=99,999,999 does not build (rule V710; checked when compiling to a binary, as for
    /// [`timeout_and_heartbeat`](Self::timeout_and_heartbeat)).
    ///
    /// ```compile_fail,E0080
    /// # use workflow_dsl::builder::Workflow;
    /// let wf = Workflow::new();
    /// let work = wf.task("Work", "arn:aws:states:::lambda:invoke").timeout::<0>().end();
    /// ```
    pub fn timeout<const SECONDS: u64>(self) -> Self {
        const {
            assert!(
                SECONDS >= 1 && SECONDS <= 99_999_999,
                "TimeoutSeconds must be between 1 and 99,999,999 (rule V710)"
            );
        }
        self.timeout_seconds(SECONDS)
    }

    /// `TimeoutSeconds` and `HeartbeatSeconds` checked by the compiler:
    /// `.timeout_and_heartbeat::<300, 60>()`. A heartbeat that is not shorter than the timeout
    /// could never fire and does not build (rule V714), nor does a 0 (rules V710, V712). The
    /// check runs when the code is compiled to a binary (`cargo build`, `cargo test`), not in
    /// `cargo check`.
    ///
    /// ```
    /// # use workflow_dsl::builder::Workflow;
    /// let wf = Workflow::new();
    /// let work = wf
    ///     .task("Work", "arn:aws:states:us-east-1:123456789012:activity:work")
    ///     .timeout_and_heartbeat::<300, 60>()
    ///     .end();
    /// assert!(wf.build(work).is_ok());
    /// ```
    ///
    /// ```compile_fail,E0080
    /// # use workflow_dsl::builder::Workflow;
    /// let wf = Workflow::new();
    /// let work = wf
    ///     .task("Work", "arn:aws:states:us-east-1:123456789012:activity:work")
    ///     .timeout_and_heartbeat::<60, 60>() // the heartbeat could never fire
    ///     .end();
    /// ```
    pub fn timeout_and_heartbeat<const TIMEOUT: u64, const HEARTBEAT: u64>(self) -> Self {
        const {
            assert!(
                TIMEOUT >= 1 && TIMEOUT <= 99_999_999,
                "TimeoutSeconds must be between 1 and 99,999,999 (rule V710)"
            );
            assert!(
                HEARTBEAT >= 1,
                "HeartbeatSeconds must be at least 1 (rule V712)"
            );
            assert!(
                HEARTBEAT < TIMEOUT,
                "HeartbeatSeconds must be shorter than TimeoutSeconds, or it could never fire (rule V714)"
            );
        }
        self.timeout_seconds(TIMEOUT).heartbeat_seconds(HEARTBEAT)
    }

    /// `TimeoutSeconds` from a value known only at run time (`build()` checks its range, rule
    /// V710); for a literal, [`timeout`](Self::timeout) checks it when compiling.
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.body.timeout = Some(IntegerField::Literal(seconds));
        self
    }

    /// `HeartbeatSeconds` from a value known only at run time (`build()` checks it, rules V712,
    /// V714); for literals, [`timeout_and_heartbeat`](Self::timeout_and_heartbeat).
    pub fn heartbeat_seconds(mut self, seconds: u64) -> Self {
        self.body.heartbeat = Some(IntegerField::Literal(seconds));
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Pass, JsonPath, S, D> {
    /// `Result`: a fixed result instead of the input.
    pub fn result(mut self, result: Value) -> Self {
        self.body.result = Some(result);
        self
    }
}

impl<Q: Language, S, D: Depth> StateBuilder<'_, '_, kind::Map, Q, S, D> {
    /// `MaxConcurrency`: at most this many iterations at once (0: as many as possible).
    pub fn max_concurrency(mut self, limit: u64) -> Self {
        self.body.max_concurrency = Some(IntegerField::Literal(limit));
        self
    }

    /// `ToleratedFailureCount`: iterations that may fail before the Map does.
    pub fn tolerated_failure_count(mut self, count: u64) -> Self {
        self.body.tolerated_failure_count = Some(IntegerField::Literal(count));
        self
    }

    /// `Label` (distributed Maps).
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.body.label = Some(label.into());
        self
    }

    /// `ToleratedFailurePercentage`: the share of iterations (0–100) that may fail.
    pub fn tolerated_failure_percentage(mut self, percentage: f64) -> Self {
        self.body.tolerated_failure_percentage =
            serde_json::Number::from_f64(percentage).map(NumberField::Literal);
        self
    }

    /// `"ProcessorConfig": {"Mode": "INLINE"}`: iterations run inside the execution, as they do
    /// without a `ProcessorConfig`; for definitions that say so.
    pub fn inline(mut self) -> Self {
        self.body.item_processor.processor_config = Some(ProcessorConfig {
            mode: Some(ProcessorMode::Inline),
            execution_type: None,
        });
        self
    }

    /// `"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": ..}`: each iteration is a
    /// child execution of `execution_type`.
    pub fn distributed(mut self, execution_type: ExecutionType) -> Self {
        self.body.item_processor.processor_config = Some(ProcessorConfig {
            mode: Some(ProcessorMode::Distributed),
            execution_type: Some(execution_type),
        });
        self
    }

    /// `ItemReader`: read the items from `resource` (e.g. `arn:aws:states:::s3:getObject`)
    /// with this request (`Parameters` in JSONPath, `Arguments` in JSONata) and configuration.
    pub fn item_reader(
        mut self,
        resource: impl Into<String>,
        request: Value,
        config: ReaderConfig,
    ) -> Self {
        let (parameters, arguments) = self.request("ItemReader", &request);
        self.body.item_reader = Some(ItemReader {
            resource: resource.into(),
            parameters,
            arguments,
            reader_config: (config != ReaderConfig::default()).then_some(config),
        });
        self
    }

    /// `ItemBatcher` with `MaxItemsPerBatch`.
    pub fn max_items_per_batch(mut self, items: u64) -> Self {
        let batcher = self
            .body
            .item_batcher
            .get_or_insert_with(ItemBatcher::default);
        batcher.max_items_per_batch = Some(IntegerField::Literal(items));
        self
    }

    /// `ItemBatcher` with `MaxInputBytesPerBatch`.
    pub fn max_input_bytes_per_batch(mut self, bytes: u64) -> Self {
        let batcher = self
            .body
            .item_batcher
            .get_or_insert_with(ItemBatcher::default);
        batcher.max_input_bytes_per_batch = Some(IntegerField::Literal(bytes));
        self
    }

    /// `ResultWriter`: write the results through `resource` (e.g.
    /// `arn:aws:states:::s3:putObject`) with this request and configuration.
    pub fn result_writer(
        mut self,
        resource: impl Into<String>,
        request: Value,
        config: WriterConfig,
    ) -> Self {
        let (parameters, arguments) = self.request("ResultWriter", &request);
        self.body.result_writer = Some(ResultWriter {
            resource: Some(resource.into()),
            parameters,
            arguments,
            writer_config: (config != WriterConfig::default()).then_some(config),
        });
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Task, Jsonata, S, D> {
    /// `TimeoutSeconds` as a `{% %}` expression giving a positive integer.
    pub fn timeout_seconds_expression(mut self, expression: &str) -> Self {
        self.body.timeout = self
            .expression("TimeoutSeconds", expression)
            .map(IntegerField::Jsonata);
        self
    }

    /// `HeartbeatSeconds` as a `{% %}` expression giving a positive integer.
    pub fn heartbeat_seconds_expression(mut self, expression: &str) -> Self {
        self.body.heartbeat = self
            .expression("HeartbeatSeconds", expression)
            .map(IntegerField::Jsonata);
        self
    }
}

// A Wait's duration is chosen once, by the constructor (`Workflow::wait_seconds`,
// `wait_until`, `wait_seconds_path`…), so no call can quietly replace it.

/// A Wait's duration is set when the state is created.
#[diagnostic::on_unimplemented(
    message = "a Wait state's duration is chosen when the state is created",
    label = "this would replace the duration given to the constructor",
    note = "create the state with the form you want: `wf.wait_seconds`, `wait_until`, `wait_seconds_path`, `wait_until_path` (JSONPath), `wait_seconds_expression`, `wait_until_expression` (JSONata)"
)]
pub trait DurationUnset {}

impl<Q: Language, S, D: Depth> StateBuilder<'_, '_, kind::Wait, Q, S, D> {
    /// Not callable: see [`DurationUnset`]. Exists so the mistake gets a sentence.
    #[doc(hidden)]
    pub fn seconds_path(self, _path: impl DurationUnset) -> Self {
        self
    }

    /// Not callable: see [`DurationUnset`].
    #[doc(hidden)]
    pub fn timestamp_path(self, _path: impl DurationUnset) -> Self {
        self
    }

    /// Not callable: see [`DurationUnset`].
    #[doc(hidden)]
    pub fn seconds_expression(self, _expression: impl DurationUnset) -> Self {
        self
    }

    /// Not callable: see [`DurationUnset`].
    #[doc(hidden)]
    pub fn timestamp_expression(self, _expression: impl DurationUnset) -> Self {
        self
    }
}
impl<S, D: Depth> StateBuilder<'_, '_, kind::Wait, Jsonata, S, D> {
    pub(crate) fn set_seconds_expression(mut self, expression: &str) -> Self {
        if let Some(expression) = self.expression("Seconds", expression) {
            self.body.wait_for = WaitFor::Seconds(IntegerField::Jsonata(expression));
        }
        self
    }

    pub(crate) fn set_timestamp_expression(mut self, expression: &str) -> Self {
        if let Some(expression) = self.expression("Timestamp", expression) {
            self.body.wait_for = WaitFor::Timestamp(TimestampField::Jsonata(expression));
        }
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Map, Jsonata, S, D> {
    /// `MaxConcurrency` as a `{% %}` expression.
    pub fn max_concurrency_expression(mut self, expression: &str) -> Self {
        self.body.max_concurrency = self
            .expression("MaxConcurrency", expression)
            .map(IntegerField::Jsonata);
        self
    }

    /// `ToleratedFailureCount` as a `{% %}` expression.
    pub fn tolerated_failure_count_expression(mut self, expression: &str) -> Self {
        self.body.tolerated_failure_count = self
            .expression("ToleratedFailureCount", expression)
            .map(IntegerField::Jsonata);
        self
    }

    /// `ToleratedFailurePercentage` as a `{% %}` expression.
    pub fn tolerated_failure_percentage_expression(mut self, expression: &str) -> Self {
        self.body.tolerated_failure_percentage = self
            .expression("ToleratedFailurePercentage", expression)
            .map(NumberField::Jsonata);
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Map, JsonPath, S, D> {
    /// `MaxConcurrencyPath`: the limit read from the input.
    pub fn max_concurrency_path(mut self, path: &str) -> Self {
        self.body.max_concurrency = self
            .reference_path("MaxConcurrencyPath", path)
            .map(IntegerField::Path);
        self
    }

    /// `ToleratedFailureCountPath`: the count read from the input.
    pub fn tolerated_failure_count_path(mut self, path: &str) -> Self {
        self.body.tolerated_failure_count = self
            .reference_path("ToleratedFailureCountPath", path)
            .map(IntegerField::Path);
        self
    }

    /// `ToleratedFailurePercentagePath`: the percentage read from the input.
    pub fn tolerated_failure_percentage_path(mut self, path: &str) -> Self {
        self.body.tolerated_failure_percentage = self
            .reference_path("ToleratedFailurePercentagePath", path)
            .map(NumberField::Path);
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Map, JsonPath, S, D> {
    /// `ItemsPath`: where the items are in the input.
    pub fn items_path(mut self, path: &str) -> Self {
        self.body.items_path = self.reference_path("ItemsPath", path);
        self
    }

    /// `ItemSelector`: each iteration's input, a payload template (`$$.Map.Item.Value` is the
    /// item).
    pub fn item_selector(mut self, template: Value) -> Self {
        self.body.item_selector = Some(self.template("ItemSelector", &template));
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Map, Jsonata, S, D> {
    /// `Items`: an array, or a `{% %}` expression giving one.
    pub fn items(mut self, items: Value) -> Self {
        self.body.items = Some(self.template("Items", &items));
        self
    }

    /// `ItemSelector`: each iteration's input (`$states.context.Map.Item.Value` is the item).
    pub fn item_selector(mut self, template: Value) -> Self {
        self.body.item_selector = Some(self.template("ItemSelector", &template));
        self
    }
}

impl<Q: Language, D: Depth> StateBuilder<'_, '_, kind::Fail, Q, Ready, D> {
    /// `Error`: the error name the execution fails with (in JSONata, may be `{% %}`).
    pub fn error(mut self, error: impl Into<String>) -> Self {
        self.body.error = Some(self.fail_field(error.into()));
        self
    }

    /// `Cause`: the human-readable cause (in JSONata, may be `{% %}`).
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        self.body.cause = Some(self.fail_field(cause.into()));
        self
    }

    fn fail_field(&self, text: String) -> FailField {
        match (Q::LANGUAGE, Expression::parse(&text)) {
            (QueryLanguage::Jsonata, Some(expression)) => FailField::Jsonata(expression),
            _ => FailField::Literal(text),
        }
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Fail, JsonPath, S, D> {
    /// `ErrorPath`: the error name read from the input.
    pub fn error_path(mut self, path: &str) -> Self {
        self.body.error = self.reference_path("ErrorPath", path).map(FailField::Path);
        self
    }

    /// `CausePath`: the cause read from the input.
    pub fn cause_path(mut self, path: &str) -> Self {
        self.body.cause = self.reference_path("CausePath", path).map(FailField::Path);
        self
    }
}

impl<S, D: Depth> StateBuilder<'_, '_, kind::Wait, JsonPath, S, D> {
    pub(crate) fn set_seconds_path(mut self, path: &str) -> Self {
        if let Some(path) = self.reference_path("SecondsPath", path) {
            self.body.wait_for = WaitFor::Seconds(IntegerField::Path(path));
        }
        self
    }

    pub(crate) fn set_timestamp_path(mut self, path: &str) -> Self {
        if let Some(path) = self.reference_path("TimestampPath", path) {
            self.body.wait_for = WaitFor::Timestamp(TimestampField::Path(path));
        }
        self
    }
}
