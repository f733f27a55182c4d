//! Typed readers for single members: strings, numbers, enums, paths, and the `X` / `XPath`
//! pairs. Each reports its own problem and returns `None` for a bad value.

use crate::asl::json::Json;
use serde_json::{Number, Value};

use super::{Loader, Object, describe};
use crate::asl::{ExecutionType, ProcessorMode};
use crate::asl::{
    IntegerField, NullablePath, NumberField, ProcessorConfig, QueryLanguage, ResultPath,
};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::path::{Path, PathError, PathErrorKind, ReferencePath, Root};

/// Where a number field may be a JSONata string.
#[derive(Clone, Copy)]
pub(super) struct NumberRules {
    /// The rule for a bad literal.
    pub value: Rule,
    /// The rule for having both `X` and `XPath`.
    pub both: Rule,
}

impl<'v> Loader<'v> {
    /// Parses a path once per distinct text: definitions repeat the same few paths (`$`,
    /// `$.Payload`) in many states, and [`Path`] clones share one parse.
    /// The path in `field` at `pointer`, with rule V813's warning for each unquoted word.
    pub(super) fn parse_path(
        &mut self,
        text: &str,
        pointer: &Pointer<'_>,
        field: &str,
    ) -> Result<Path, PathError> {
        let path = match self.paths.get(text) {
            Some(path) => path.clone(),
            None => {
                let path = Path::parse(text)?;
                self.paths.insert(text.to_owned(), path.clone());
                path
            }
        };
        for word in path.unquoted_words() {
            self.push(
                Diagnostic::new(
                    Rule::V813,
                    pointer.render(),
                    format!(
                        "`{field}` compares with the unquoted word `{word}`, which matches nothing"
                    ),
                )
                .with_help(format!("quote it: '{word}'")),
            );
        }
        Ok(path)
    }

    fn parse_reference_path(&mut self, text: &str) -> Result<ReferencePath, PathError> {
        if let Some(path) = self.paths.get(text) {
            return ReferencePath::try_from(path.clone());
        }
        let path = ReferencePath::parse(text)?;
        self.paths.insert(text.to_owned(), path.as_path().clone());
        Ok(path)
    }

    pub(super) fn string(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<String> {
        match value {
            Json::String(text) => Some(text.to_string()),
            other => {
                self.report(
                    rule,
                    pointer,
                    format!("`{field}` must be a string, not {}", describe(other)),
                );
                None
            }
        }
    }

    pub(super) fn boolean(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<bool> {
        match value {
            Json::Bool(flag) => Some(*flag),
            other => {
                self.report(
                    rule,
                    pointer,
                    format!("`{field}` must be true or false, not {}", describe(other)),
                );
                None
            }
        }
    }

    /// A non-negative JSON integer.
    pub(super) fn unsigned(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<u64> {
        if let Some(n) = value.as_u64() {
            return Some(n);
        }
        // JSON `-0` is the number zero; serde_json reads it as a float.
        if let Json::Number(n) = value
            && n.as_f64() == Some(0.0)
        {
            return Some(0);
        }
        let problem = match value {
            Json::Number(n) if n.is_i64() => "a negative number",
            Json::Number(_) => "a fraction",
            _ => "not a number",
        };
        self.report(
            rule,
            pointer,
            format!("`{field}` must be a non-negative integer; {value} is {problem}"),
        );
        None
    }

    pub(super) fn number(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<Number> {
        match value {
            Json::Number(n) => Some(n.clone()),
            other => {
                self.report(
                    rule,
                    pointer,
                    format!("`{field}` must be a number, not {}", describe(other)),
                );
                None
            }
        }
    }

    pub(super) fn string_list(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<Vec<String>> {
        let Some(items) = value.as_array() else {
            self.report(
                rule,
                pointer,
                format!(
                    "`{field}` must be an array of strings, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let mut strings = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            strings.push(self.string(item, &pointer.index(index), rule, field)?);
        }
        Some(strings)
    }

    pub(super) fn enumerated<E>(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
        parse: fn(&str) -> Option<E>,
        expected: String,
    ) -> Option<E> {
        let parsed = value.as_str().and_then(parse);
        if parsed.is_none() {
            self.push(
                Diagnostic::new(
                    rule,
                    pointer.render(),
                    format!("`{field}` cannot be {value}"),
                )
                .with_help(format!("use one of {expected} (case-sensitive)")),
            );
        }
        parsed
    }

    pub(super) fn query_language(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Option<QueryLanguage> {
        self.enumerated(
            value,
            pointer,
            Rule::V110,
            "QueryLanguage",
            QueryLanguage::parse,
            QueryLanguage::expected(),
        )
    }

    pub(super) fn processor_config(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Option<ProcessorConfig> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V604,
                pointer,
                format!(
                    "`ProcessorConfig` must be an object, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let mut config = ProcessorConfig::default();
        for (key, value) in object {
            let member = pointer.key(key);
            match key {
                "Mode" => {
                    config.mode = self.enumerated(
                        value,
                        &member,
                        Rule::V604,
                        "Mode",
                        ProcessorMode::parse,
                        ProcessorMode::expected(),
                    )
                }
                "ExecutionType" => {
                    config.execution_type = self.enumerated(
                        value,
                        &member,
                        Rule::V604,
                        "ExecutionType",
                        ExecutionType::parse,
                        ExecutionType::expected(),
                    )
                }
                _ => self.unknown_field(
                    Rule::V604,
                    pointer,
                    "`ProcessorConfig`",
                    key,
                    &["Mode", "ExecutionType"],
                ),
            }
        }
        Some(config)
    }

    fn path_problem(
        &mut self,
        pointer: &Pointer<'_>,
        field: &str,
        kind: PathErrorKind,
        message: &str,
        reference: bool,
    ) {
        let rule = match kind {
            PathErrorKind::Function => Rule::V804,
            PathErrorKind::NotReference => Rule::V803,
            PathErrorKind::Syntax if reference => Rule::V803,
            PathErrorKind::Syntax => Rule::V801,
        };
        let help = match kind {
            PathErrorKind::Function => {
                "path functions and script expressions are not available in ASL; compute the value in a Pass state with an intrinsic function"
            }
            PathErrorKind::NotReference => {
                "this field takes a reference path: `$`, `$$` or `$var` followed by `.name`, `['name']` or `[index]` steps only"
            }
            PathErrorKind::Syntax => {
                "a path starts with `$` (input), `$$` (context object) or `$name` (variable), e.g. `$.order.id`"
            }
        };
        self.push(
            Diagnostic::new(
                rule,
                pointer.render(),
                format!("`{field}` is not a valid path: {message}"),
            )
            .with_help(help),
        );
    }

    /// `InputPath` / `OutputPath`: a path or `null`.
    pub(super) fn nullable_path(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        field: &str,
    ) -> Option<NullablePath> {
        match value {
            Json::Null => Some(NullablePath::Null),
            Json::String(text) => match self.parse_path(text, pointer, field) {
                Ok(path) => Some(NullablePath::Path(path)),
                Err(error) => {
                    self.path_problem(pointer, field, error.kind(), error.message(), false);
                    None
                }
            },
            other => {
                self.report(
                    Rule::V801,
                    pointer,
                    format!(
                        "`{field}` must be a path string or null, not {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    /// A field that must be a reference path; `null` is not allowed
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html>).
    pub(super) fn reference_path(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        rule: Rule,
        field: &str,
    ) -> Option<ReferencePath> {
        let Json::String(text) = value else {
            self.report(
                rule,
                pointer,
                format!(
                    "`{field}` must be a reference path string, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        match self.parse_reference_path(text) {
            Ok(path) => Some(path),
            Err(error) => {
                let message = error.message().to_owned();
                if rule == Rule::V803 || error.kind() == PathErrorKind::Function {
                    self.path_problem(pointer, field, error.kind(), &message, true);
                } else {
                    self.report(
                        rule,
                        pointer,
                        format!("`{field}` is not a valid reference path: {message}"),
                    );
                }
                None
            }
        }
    }

    /// `ResultPath` of a state or catcher: a reference path into the input, or `null`.
    pub(super) fn result_path(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Option<ResultPath> {
        if value.is_null() {
            return Some(ResultPath::Null);
        }
        let path = self.reference_path(value, pointer, Rule::V803, "ResultPath")?;
        match path.as_path().root() {
            Root::Input => Some(ResultPath::Path(path)),
            Root::Context | Root::Variable(_) => {
                self.push(
                    Diagnostic::new(
                        Rule::V802,
                        pointer.render(),
                        format!("`ResultPath` {} writes outside the state's input", Value::from(path.as_str())),
                    )
                    .with_help("`ResultPath` must start with `$` (the raw input); use `Assign` to set a variable"),
                );
                None
            }
        }
    }

    /// A non-negative integer written as `X`, `XPath`, or (JSONata) an expression in `X`.
    pub(super) fn integer_pair(
        &mut self,
        object: &Object,
        pointer: &Pointer<'_>,
        key: &str,
        language: QueryLanguage,
        rules: NumberRules,
    ) -> Option<IntegerField> {
        let path_key = format!("{key}Path");
        let literal = object.get(key);
        let path = object.get(&path_key);
        if literal.is_some() && path.is_some() {
            self.report(
                rules.both,
                pointer,
                format!("`{key}` and `{path_key}` are both set"),
            )
        }
        if let Some(value) = literal {
            let member = pointer.key(key);
            if let (QueryLanguage::Jsonata, Json::String(text)) = (language, value) {
                return match self.jsonata_string(text, &member) {
                    Some(expr) => Some(IntegerField::Jsonata(expr)),
                    None => {
                        self.report(
                            rules.value,
                            &member,
                            format!(
                                "`{key}` must be an integer or a JSONata expression, not {}",
                                describe(value)
                            ),
                        );
                        None
                    }
                };
            }
            return self
                .unsigned(value, &member, rules.value, key)
                .map(IntegerField::Literal);
        }
        let value = path?;
        self.reference_path(value, &pointer.key(&path_key), Rule::V803, &path_key)
            .map(IntegerField::Path)
    }

    /// A number (fractions allowed) written as `X`, `XPath`, or a JSONata expression.
    pub(super) fn number_pair(
        &mut self,
        object: &Object,
        pointer: &Pointer<'_>,
        key: &str,
        language: QueryLanguage,
        rules: NumberRules,
    ) -> Option<NumberField> {
        let path_key = format!("{key}Path");
        let literal = object.get(key);
        let path = object.get(&path_key);
        if literal.is_some() && path.is_some() {
            self.report(
                rules.both,
                pointer,
                format!("`{key}` and `{path_key}` are both set"),
            )
        }
        if let Some(value) = literal {
            let member = pointer.key(key);
            if let (QueryLanguage::Jsonata, Json::String(text)) = (language, value)
                && let Some(expr) = self.jsonata_string(text, &member)
            {
                return Some(NumberField::Jsonata(expr));
            }
            return self
                .number(value, &member, rules.value, key)
                .map(NumberField::Literal);
        }
        let value = path?;
        self.reference_path(value, &pointer.key(&path_key), Rule::V803, &path_key)
            .map(NumberField::Path)
    }
}
