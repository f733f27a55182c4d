//! Model → JSON. Emission is deterministic: top-level `Comment`, `StartAt`, `States`; `Type`
//! first in a state, then the fields in pipeline order, `Next`/`End` last; states, template
//! members and `Result` in declaration order. Paths and intrinsic calls are emitted as the text
//! they were parsed from, so `parse(emit(m)) == m`.

use serde::{Serialize, Serializer};
use serde_json::{Map as JsonMap, Value};

use super::*;

impl StateMachine {
    /// The definition as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut out = Object::default();
        out.opt_str("Comment", &self.comment);
        out.str("StartAt", &self.start_at);
        out.put("States", states_value(&self.states));
        out.opt_str("Version", &self.version);
        out.opt("TimeoutSeconds", self.timeout_seconds.map(Value::from));
        out.opt(
            "QueryLanguage",
            self.query_language.map(|q| Value::from(q.as_str())),
        );
        out.finish()
    }

    /// The definition as pretty-printed JSON text (two-space indent, trailing newline): the
    /// canonical form `workflow fmt` prints.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_value()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The definition as compact JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

impl Serialize for StateMachine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// A JSON object built in a fixed member order.
#[derive(Default)]
struct Object(JsonMap<String, Value>);

impl Object {
    fn put(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_owned(), value);
    }
    fn opt(&mut self, key: &str, value: Option<Value>) {
        if let Some(value) = value {
            self.put(key, value);
        }
    }
    fn str(&mut self, key: &str, value: &str) {
        self.put(key, Value::from(value));
    }
    fn opt_str(&mut self, key: &str, value: &Option<String>) {
        self.opt(key, value.as_deref().map(Value::from));
    }
    fn template(&mut self, key: &str, value: &Option<Template>) {
        self.opt(key, value.as_ref().map(template_value));
    }
    fn nullable_path(&mut self, key: &str, value: &Option<NullablePath>) {
        self.opt(
            key,
            value.as_ref().map(|path| match path {
                NullablePath::Null => Value::Null,
                NullablePath::Path(path) => Value::from(path.as_str()),
            }),
        );
    }
    fn result_path(&mut self, value: &Option<ResultPath>) {
        self.opt(
            "ResultPath",
            value.as_ref().map(|path| match path {
                ResultPath::Null => Value::Null,
                ResultPath::Path(path) => Value::from(path.as_str()),
            }),
        );
    }
    fn assign(&mut self, value: &Option<Assign>) {
        self.opt(
            "Assign",
            value.as_ref().map(|assign| members_value(&assign.members)),
        );
    }
    fn integer(&mut self, key: &str, value: &Option<IntegerField>) {
        match value {
            None => {}
            Some(IntegerField::Literal(n)) => self.put(key, Value::from(*n)),
            Some(IntegerField::Path(path)) => self.str(&format!("{key}Path"), path.as_str()),
            Some(IntegerField::Jsonata(expr)) => self.str(key, expr.source()),
        }
    }
    fn number(&mut self, key: &str, value: &Option<NumberField>) {
        match value {
            None => {}
            Some(NumberField::Literal(n)) => self.put(key, Value::Number(n.clone())),
            Some(NumberField::Path(path)) => self.str(&format!("{key}Path"), path.as_str()),
            Some(NumberField::Jsonata(expr)) => self.str(key, expr.source()),
        }
    }
    fn retry_catch(&mut self, retry: &Option<Vec<Retrier>>, catch: &Option<Vec<Catcher>>) {
        self.opt(
            "Retry",
            retry
                .as_ref()
                .map(|r| r.iter().map(retrier_value).collect()),
        );
        self.opt(
            "Catch",
            catch
                .as_ref()
                .map(|c| c.iter().map(catcher_value).collect()),
        );
    }
    fn transition(&mut self, transition: &Transition) {
        match transition {
            Transition::Next(next) => self.str("Next", next),
            Transition::End => self.put("End", Value::Bool(true)),
        }
    }
    fn finish(self) -> Value {
        Value::Object(self.0)
    }
}

fn states_value(states: &States) -> Value {
    let mut out = JsonMap::with_capacity(states.len());
    for (name, state) in states {
        out.insert(name.clone(), state_value(state));
    }
    Value::Object(out)
}

fn container_value(container: &Container) -> Value {
    let mut out = Object::default();
    out.opt_str("Comment", &container.comment);
    out.opt(
        "ProcessorConfig",
        container
            .processor_config
            .as_ref()
            .map(processor_config_value),
    );
    out.str("StartAt", &container.start_at);
    out.put("States", states_value(&container.states));
    out.finish()
}

fn processor_config_value(config: &ProcessorConfig) -> Value {
    let mut out = Object::default();
    out.opt("Mode", config.mode.map(|m| Value::from(m.as_str())));
    out.opt(
        "ExecutionType",
        config.execution_type.map(|e| Value::from(e.as_str())),
    );
    out.finish()
}

/// One state as JSON.
pub(crate) fn state_value(state: &State) -> Value {
    let mut out = Object::default();
    out.str("Type", state.kind.type_name());
    out.opt_str("Comment", &state.comment);
    out.opt(
        "QueryLanguage",
        state.query_language.map(|q| Value::from(q.as_str())),
    );
    match &state.kind {
        StateKind::Pass(s) => {
            out.nullable_path("InputPath", &s.input_path);
            out.template("Parameters", &s.parameters);
            out.opt("Result", s.result.clone());
            out.result_path(&s.result_path);
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
            out.assign(&s.assign);
            out.transition(&s.transition);
        }
        StateKind::Task(s) => {
            out.str("Resource", &s.resource);
            out.nullable_path("InputPath", &s.input_path);
            out.template("Parameters", &s.parameters);
            out.template("Arguments", &s.arguments);
            out.template("Credentials", &s.credentials);
            out.integer("TimeoutSeconds", &s.timeout);
            out.integer("HeartbeatSeconds", &s.heartbeat);
            out.template("ResultSelector", &s.result_selector);
            out.result_path(&s.result_path);
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
            out.assign(&s.assign);
            out.retry_catch(&s.retry, &s.catch);
            out.transition(&s.transition);
        }
        StateKind::Choice(s) => {
            out.nullable_path("InputPath", &s.input_path);
            out.put(
                "Choices",
                Value::Array(s.choices.iter().map(choice_rule_value).collect()),
            );
            out.opt_str("Default", &s.default);
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
            out.assign(&s.assign);
        }
        StateKind::Wait(s) => {
            out.nullable_path("InputPath", &s.input_path);
            match &s.wait_for {
                WaitFor::Seconds(seconds) => out.integer("Seconds", &Some(seconds.clone())),
                WaitFor::Timestamp(TimestampField::Literal(text)) => out.str("Timestamp", text),
                WaitFor::Timestamp(TimestampField::Path(path)) => {
                    out.str("TimestampPath", path.as_str())
                }
                WaitFor::Timestamp(TimestampField::Jsonata(expr)) => {
                    out.str("Timestamp", expr.source())
                }
            }
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
            out.assign(&s.assign);
            out.transition(&s.transition);
        }
        StateKind::Succeed(s) => {
            out.nullable_path("InputPath", &s.input_path);
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
        }
        StateKind::Fail(s) => {
            fail_field(&mut out, "Error", &s.error);
            fail_field(&mut out, "Cause", &s.cause);
        }
        StateKind::Parallel(s) => {
            out.nullable_path("InputPath", &s.input_path);
            out.template("Parameters", &s.parameters);
            out.template("Arguments", &s.arguments);
            out.put(
                "Branches",
                Value::Array(s.branches.iter().map(container_value).collect()),
            );
            out.template("ResultSelector", &s.result_selector);
            out.result_path(&s.result_path);
            out.nullable_path("OutputPath", &s.output_path);
            out.template("Output", &s.output);
            out.assign(&s.assign);
            out.retry_catch(&s.retry, &s.catch);
            out.transition(&s.transition);
        }
        StateKind::Map(s) => map_fields(&mut out, s),
    }
    out.finish()
}

fn map_fields(out: &mut Object, s: &Map) {
    out.nullable_path("InputPath", &s.input_path);
    out.opt("ItemReader", s.item_reader.as_ref().map(item_reader_value));
    out.opt(
        "ItemsPath",
        s.items_path.as_ref().map(|p| Value::from(p.as_str())),
    );
    out.template("Items", &s.items);
    let selector_key = s.selector_field.json_name();
    out.template(selector_key, &s.item_selector);
    out.opt(
        "ItemBatcher",
        s.item_batcher.as_ref().map(item_batcher_value),
    );
    out.integer("MaxConcurrency", &s.max_concurrency);
    out.integer("ToleratedFailureCount", &s.tolerated_failure_count);
    out.number(
        "ToleratedFailurePercentage",
        &s.tolerated_failure_percentage,
    );
    out.opt_str("Label", &s.label);
    let processor_key = s.processor_field.json_name();
    out.put(processor_key, container_value(&s.item_processor));
    out.opt(
        "ResultWriter",
        s.result_writer.as_ref().map(result_writer_value),
    );
    out.template("ResultSelector", &s.result_selector);
    out.result_path(&s.result_path);
    out.nullable_path("OutputPath", &s.output_path);
    out.template("Output", &s.output);
    out.assign(&s.assign);
    out.retry_catch(&s.retry, &s.catch);
    out.transition(&s.transition);
}

fn item_reader_value(reader: &ItemReader) -> Value {
    let mut out = Object::default();
    out.str("Resource", &reader.resource);
    out.opt(
        "ReaderConfig",
        reader.reader_config.as_ref().map(reader_config_value),
    );
    out.template("Parameters", &reader.parameters);
    out.template("Arguments", &reader.arguments);
    out.finish()
}

fn reader_config_value(config: &ReaderConfig) -> Value {
    let mut out = Object::default();
    out.opt(
        "InputType",
        config.input_type.map(|v| Value::from(v.as_str())),
    );
    out.opt(
        "Transformation",
        config.transformation.map(|v| Value::from(v.as_str())),
    );
    out.opt(
        "ManifestType",
        config.manifest_type.map(|v| Value::from(v.as_str())),
    );
    out.opt(
        "CSVDelimiter",
        config.csv_delimiter.map(|v| Value::from(v.as_str())),
    );
    out.opt(
        "CSVHeaderLocation",
        config.csv_header_location.map(|v| Value::from(v.as_str())),
    );
    out.opt("CSVHeaders", config.csv_headers.clone().map(Value::from));
    out.opt_str("ItemsPointer", &config.items_pointer);
    out.integer("MaxItems", &config.max_items);
    out.finish()
}

fn item_batcher_value(batcher: &ItemBatcher) -> Value {
    let mut out = Object::default();
    out.integer("MaxItemsPerBatch", &batcher.max_items_per_batch);
    out.integer("MaxInputBytesPerBatch", &batcher.max_input_bytes_per_batch);
    out.template("BatchInput", &batcher.batch_input);
    out.finish()
}

fn result_writer_value(writer: &ResultWriter) -> Value {
    let mut out = Object::default();
    out.opt_str("Resource", &writer.resource);
    out.template("Parameters", &writer.parameters);
    out.template("Arguments", &writer.arguments);
    out.opt(
        "WriterConfig",
        writer.writer_config.as_ref().map(|config| {
            let mut inner = Object::default();
            inner.opt(
                "OutputType",
                config.output_type.map(|v| Value::from(v.as_str())),
            );
            inner.opt(
                "Transformation",
                config.transformation.map(|v| Value::from(v.as_str())),
            );
            inner.finish()
        }),
    );
    out.finish()
}

fn fail_field(out: &mut Object, key: &str, field: &Option<FailField>) {
    match field {
        None => {}
        Some(FailField::Literal(text)) => out.str(key, text),
        Some(FailField::Jsonata(expr)) => out.str(key, expr.source()),
        Some(FailField::Path(path)) => out.str(&format!("{key}Path"), path.as_str()),
        Some(FailField::Call(call)) => out.str(&format!("{key}Path"), call.source()),
    }
}

fn retrier_value(retrier: &Retrier) -> Value {
    let mut out = Object::default();
    out.opt_str("Comment", &retrier.comment);
    out.put("ErrorEquals", Value::from(retrier.error_equals.clone()));
    out.opt("IntervalSeconds", retrier.interval_seconds.map(Value::from));
    out.opt("MaxAttempts", retrier.max_attempts.map(Value::from));
    out.opt(
        "BackoffRate",
        retrier.backoff_rate.clone().map(Value::Number),
    );
    out.opt(
        "MaxDelaySeconds",
        retrier.max_delay_seconds.map(Value::from),
    );
    out.opt(
        "JitterStrategy",
        retrier.jitter_strategy.map(|j| Value::from(j.as_str())),
    );
    out.finish()
}

fn catcher_value(catcher: &Catcher) -> Value {
    let mut out = Object::default();
    out.opt_str("Comment", &catcher.comment);
    out.put("ErrorEquals", Value::from(catcher.error_equals.clone()));
    out.result_path(&catcher.result_path);
    out.template("Output", &catcher.output);
    out.assign(&catcher.assign);
    out.str("Next", &catcher.next);
    out.finish()
}

fn choice_rule_value(rule: &ChoiceRule) -> Value {
    let mut out = Object::default();
    out.opt_str("Comment", &rule.comment);
    condition_fields(&mut out, &rule.condition);
    out.template("Output", &rule.output);
    out.assign(&rule.assign);
    out.str("Next", &rule.next);
    out.finish()
}

fn nested_rule_value(rule: &NestedRule) -> Value {
    let mut out = Object::default();
    out.opt_str("Comment", &rule.comment);
    condition_fields(&mut out, &rule.condition);
    out.finish()
}

fn condition_fields(out: &mut Object, condition: &Condition) {
    match condition {
        Condition::Test {
            variable,
            comparison,
        } => {
            out.str("Variable", variable.as_str());
            let operand = match &comparison.operand {
                Operand::String(text) => Value::from(text.as_str()),
                Operand::Number(number) => Value::Number(number.clone()),
                Operand::Boolean(flag) => Value::Bool(*flag),
                Operand::Path(path) => Value::from(path.as_str()),
            };
            out.put(&comparison.member_name(), operand);
        }
        Condition::And(rules) => out.put(
            "And",
            Value::Array(rules.iter().map(nested_rule_value).collect()),
        ),
        Condition::Or(rules) => out.put(
            "Or",
            Value::Array(rules.iter().map(nested_rule_value).collect()),
        ),
        Condition::Not(rule) => out.put("Not", nested_rule_value(rule)),
        Condition::Jsonata(ConditionValue::Literal(flag)) => {
            out.put("Condition", Value::Bool(*flag))
        }
        Condition::Jsonata(ConditionValue::Jsonata(expr)) => out.str("Condition", expr.source()),
    }
}

/// A template as the JSON it was written as.
pub(crate) fn template_value(template: &Template) -> Value {
    match template {
        Template::Value(value) => value.clone(),
        Template::Object(members) => members_value(members),
        Template::Array(items) => Value::Array(items.iter().map(template_value).collect()),
        Template::Path(path) => Value::from(path.as_str()),
        Template::Call(call) => Value::from(call.source()),
        Template::Jsonata(expr) => Value::from(expr.source()),
    }
}

fn members_value(members: &[Member]) -> Value {
    let mut out = JsonMap::with_capacity(members.len());
    for member in members {
        out.insert(member.json_key(), template_value(&member.value));
    }
    Value::Object(out)
}
