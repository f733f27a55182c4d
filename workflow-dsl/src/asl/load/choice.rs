//! Loader for the Choice state and its rules
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html>).

use crate::asl::json::Json;

use super::kinds::Fields;
use super::{Loader, Object, describe};
use crate::asl::OperandKind;
use crate::asl::{
    Choice, ChoiceRule, Comparison, Condition, ConditionValue, NestedRule, Operand, Operator,
    QueryLanguage,
};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{Diagnostic, Rule};
use crate::names::closest;

const CHOICE_FIELDS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Choices",
    "Default",
    "InputPath",
    "OutputPath",
    "Output",
    "Assign",
];

impl<'v> Loader<'v> {
    pub(super) fn choice(&mut self, f: &Fields<'_, 'v>) -> Option<Choice> {
        let mut choice = Choice {
            choices: Vec::new(),
            default: None,
            input_path: None,
            output_path: None,
            output: None,
            assign: None,
        };
        let mut rules_ok = false;
        for (key, value) in f.object {
            let p = f.pointer.key(key);
            match key {
                "Type" | "Comment" | "QueryLanguage" => {}
                "Choices" => match value.as_array() {
                    Some(rules) => {
                        rules_ok = true;
                        for (index, rule) in rules.iter().enumerate() {
                            match self.choice_rule(rule, &p.index(index), f.language, f.pointer) {
                                Some(rule) => choice.choices.push(rule),
                                None => rules_ok = false,
                            }
                        }
                    }
                    None => self.report(
                        Rule::V401,
                        &p,
                        format!(
                            "`Choices` must be an array of rules, not {}",
                            describe(value)
                        ),
                    ),
                },
                "Default" => {
                    choice.default = self.string(value, &p, Rule::V301, key);
                    rules_ok &= choice.default.is_some();
                }
                "InputPath" => choice.input_path = self.nullable_path(value, &p, key),
                "OutputPath" => choice.output_path = self.nullable_path(value, &p, key),
                "Output" => choice.output = Some(self.jsonata_template(value, &p)),
                "Assign" => choice.assign = self.assign(value, &p, f.language),
                _ => self.not_a_field(f, key, CHOICE_FIELDS),
            }
        }
        if !f.object.contains_key("Choices") {
            self.push(
                Diagnostic::new(
                    Rule::V401,
                    f.pointer.render(),
                    "the Choice state has no `Choices`",
                )
                .with_help("add `\"Choices\": [{..., \"Next\": \"<state>\"}]`")
                .with_aws_message("These fields are required: [Choices]"),
            );
        }
        rules_ok.then_some(choice)
    }

    fn choice_rule(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
        state_pointer: &Pointer<'_>,
    ) -> Option<ChoiceRule> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V404,
                pointer,
                format!("a choice rule must be an object, not {}", describe(value)),
            );
            return None;
        };
        let mut next = None;
        let mut assign = None;
        let mut output = None;
        let mut comment = None;
        for (key, value) in object {
            let p = pointer.key(key);
            match key {
                "Next" => next = self.string(value, &p, Rule::V301, key),
                "Assign" => assign = self.assign(value, &p, language),
                "Comment" => comment = self.string(value, &p, Rule::V206, key),
                "Output" if language == QueryLanguage::Jsonata => {
                    output = Some(self.jsonata_template(value, &p))
                }
                _ => {}
            }
        }
        let condition = match language {
            QueryLanguage::Jsonata => self.jsonata_condition(object, pointer, state_pointer),
            QueryLanguage::JsonPath => self.condition(object, pointer, false, state_pointer),
        };
        if !object.contains_key("Next") {
            self.push(
                Diagnostic::new(
                    Rule::V402,
                    pointer.render(),
                    "the choice rule has no `Next`",
                )
                .with_help("add `\"Next\": \"<state to go to when the rule matches>\"`")
                .with_aws_message("These fields are required: [Next]"),
            );
        }
        Some(ChoiceRule {
            condition: condition?,
            next: next?,
            assign,
            output,
            comment,
        })
    }

    /// A JSONata rule: `Condition` plus `Next`, `Assign`, `Output`, `Comment` (V412).
    fn jsonata_condition(
        &mut self,
        object: &Object,
        pointer: &Pointer<'_>,
        state_pointer: &Pointer<'_>,
    ) -> Option<Condition> {
        for key in object.keys() {
            match key {
                "Condition" | "Next" | "Assign" | "Output" | "Comment" => {}
                "Variable" | "And" | "Or" | "Not" => self.push(
                    Diagnostic::new(Rule::V209, state_pointer.render(), format!("`{key}` is a JSONPath rule field, but this state uses JSONata"))
                        .with_help("write the test as `\"Condition\": \"{% ... %}\"`")
                        .with_aws_message(format!("The QueryLanguage is set to 'JSONata', but field '{key}' is only supported for the 'JSONPath' QueryLanguage")),
                ),
                other if Operator::parse(other).is_some() => self.push(
                    Diagnostic::new(Rule::V209, state_pointer.render(), format!("`{key}` is a JSONPath comparison operator, but this state uses JSONata"))
                        .with_help("write the test as `\"Condition\": \"{% ... %}\"`"),
                ),
                _ => self.unknown_field(Rule::V412, pointer, "a JSONata choice rule", key, &["Condition", "Next", "Assign", "Output", "Comment"]),
            }
        }
        let condition_pointer = pointer.key("Condition");
        match object.get("Condition") {
            Some(Json::Bool(flag)) => Some(Condition::Jsonata(ConditionValue::Literal(*flag))),
            Some(Json::String(text)) => match self.jsonata_string(text, &condition_pointer) {
                Some(expr) => Some(Condition::Jsonata(ConditionValue::Jsonata(expr))),
                None => {
                    self.report(
                        Rule::V412,
                        &condition_pointer,
                        format!(
                            "`Condition` must be true, false or a `{{% %}}` expression, not {}",
                            serde_json::Value::from(text.as_ref())
                        ),
                    );
                    None
                }
            },
            Some(other) => {
                self.report(
                    Rule::V412,
                    &condition_pointer,
                    format!(
                        "`Condition` must be a boolean or a JSONata expression, not {}",
                        describe(other)
                    ),
                );
                None
            }
            None => {
                self.push(
                    Diagnostic::new(
                        Rule::V412,
                        condition_pointer.render(),
                        "the JSONata choice rule has no `Condition`",
                    )
                    .with_help("add `\"Condition\": \"{% <boolean expression> %}\"`"),
                );
                None
            }
        }
    }

    /// A JSONPath rule's test: one of `And`/`Or`/`Not`, or `Variable` plus one operator.
    fn condition(
        &mut self,
        object: &Object,
        pointer: &Pointer<'_>,
        nested: bool,
        state_pointer: &Pointer<'_>,
    ) -> Option<Condition> {
        let mut combinators = Vec::new();
        let mut comparisons = Vec::new();
        for (key, value) in object {
            match key {
                "And" | "Or" | "Not" => combinators.push((key, value)),
                "Variable" | "Comment" => {}
                "Next" | "Assign" if nested => self.push(
                    Diagnostic::new(Rule::V403, pointer.render(), format!("a rule inside `And`, `Or` or `Not` cannot have `{key}`"))
                        .with_help(format!("move `{key}` to the top-level rule")),
                ),
                "Next" | "Assign" => {}
                "Condition" | "Output" => self.push(
                    Diagnostic::new(Rule::V208, state_pointer.render(), format!("`{key}` is a JSONata rule field, but this state uses JSONPath"))
                        .with_help("set `\"QueryLanguage\": \"JSONata\"` on the state, or write the test with `Variable` and an operator")
                        .with_aws_message(format!("The QueryLanguage is set to 'JSONPath', but field '{key}' is only supported for the 'JSONata' QueryLanguage")),
                ),
                other => match Operator::parse(other) {
                    Some((operator, is_path)) => comparisons.push((key, operator, is_path, value)),
                    None => {
                        let known = Operator::ALL.iter().map(|op| op.name()).chain(["Variable", "And", "Or", "Not", "Next", "Assign", "Comment"]);
                        let mut diagnostic = Diagnostic::new(Rule::V406, pointer.render(), format!("`{other}` is not a choice rule field or operator"));
                        if let Some(suggestion) = closest(other, known) {
                            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                        }
                        self.push(diagnostic);
                    }
                },
            }
        }
        let variable = object.get("Variable");
        match (combinators.as_slice(), comparisons.as_slice(), variable) {
            ([(name, value)], [], None) => {
                self.combinator(name, value, &pointer.key(name), state_pointer)
            }
            ([], [(key, operator, is_path, value)], Some(variable)) => {
                let variable =
                    self.reference_path(variable, &pointer.key("Variable"), Rule::V409, "Variable");
                let operand = self.operand(*operator, *is_path, value, &pointer.key(key));
                Some(Condition::Test {
                    variable: variable?,
                    comparison: Comparison {
                        operator: *operator,
                        operand: operand?,
                    },
                })
            }
            _ => {
                let message = match (combinators.len(), comparisons.len(), variable.is_some()) {
                    (0, 0, _) => "the rule tests nothing: it needs `Variable` and an operator, or one of `And`, `Or`, `Not`".to_owned(),
                    (0, 1, false) => "the comparison has no `Variable`".to_owned(),
                    (0, 0..=1, true) => "`Variable` has no comparison operator".to_owned(),
                    (0, n, _) => format!("the rule has {n} comparison operators; a rule holds exactly one"),
                    _ => "a rule is either one of `And`, `Or`, `Not`, or `Variable` with one operator, not both".to_owned(),
                };
                self.push(
                    Diagnostic::new(Rule::V404, pointer.render(), message)
                        .with_help("combine several tests with `\"And\": [{...}, {...}]`"),
                );
                None
            }
        }
    }

    fn combinator(
        &mut self,
        name: &str,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        state_pointer: &Pointer<'_>,
    ) -> Option<Condition> {
        if name == "Not" {
            let Some(object) = value.as_object() else {
                self.report(
                    Rule::V405,
                    pointer,
                    format!("`Not` holds one rule object, not {}", describe(value)),
                );
                return None;
            };
            return self
                .nested_rule(object, pointer, state_pointer)
                .map(|rule| Condition::Not(Box::new(rule)));
        }
        let Some(items) = value.as_array() else {
            self.report(
                Rule::V405,
                pointer,
                format!("`{name}` holds an array of rules, not {}", describe(value)),
            );
            return None;
        };
        let mut rules = Vec::with_capacity(items.len());
        let mut complete = true;
        for (index, item) in items.iter().enumerate() {
            let p = pointer.index(index);
            match item.as_object() {
                Some(object) => match self.nested_rule(object, &p, state_pointer) {
                    Some(rule) => rules.push(rule),
                    None => complete = false,
                },
                None => {
                    // Rule V405 is placed on the `And`/`Or` member itself.
                    self.report(
                        Rule::V405,
                        pointer,
                        format!(
                            "element {index} of `{name}` must be a rule object, not {}",
                            describe(item)
                        ),
                    );
                    complete = false;
                }
            }
        }
        if !complete {
            return None;
        }
        Some(if name == "And" {
            Condition::And(rules)
        } else {
            Condition::Or(rules)
        })
    }

    fn nested_rule(
        &mut self,
        object: &Object,
        pointer: &Pointer<'_>,
        state_pointer: &Pointer<'_>,
    ) -> Option<NestedRule> {
        let comment = object
            .get("Comment")
            .and_then(|v| self.string(v, &pointer.key("Comment"), Rule::V206, "Comment"));
        let condition = self.condition(object, pointer, true, state_pointer)?;
        Some(NestedRule { condition, comment })
    }

    fn operand(
        &mut self,
        operator: Operator,
        is_path: bool,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Option<Operand> {
        let name = if is_path {
            format!("{}Path", operator.name())
        } else {
            operator.name().to_owned()
        };
        if is_path {
            // A path operand that is not even a string is an operand type error (V407); a
            // string that is not a reference path is V409.
            if value.as_str().is_none() {
                self.report(
                    Rule::V407,
                    pointer,
                    format!(
                        "`{name}` takes a reference path string, not {}",
                        describe(value)
                    ),
                );
                return None;
            }
            return self
                .reference_path(value, pointer, Rule::V409, &name)
                .map(Operand::Path);
        }
        let operand = match (operator.operand_kind(), value) {
            (OperandKind::String, Json::String(text)) => Some(Operand::String(text.to_string())),
            (OperandKind::Number, Json::Number(number)) => Some(Operand::Number(number.clone())),
            (OperandKind::Boolean, Json::Bool(flag)) => Some(Operand::Boolean(*flag)),
            _ => None,
        };
        if operand.is_none() {
            let wanted = match operator.operand_kind() {
                OperandKind::String if operator.is_timestamp() => "an RFC 3339 timestamp string",
                OperandKind::String => "a string",
                OperandKind::Number => "a number",
                OperandKind::Boolean => "true or false",
            };
            let mut diagnostic = Diagnostic::new(
                Rule::V407,
                pointer.render(),
                format!("`{name}` compares with {wanted}, not {}", describe(value)),
            );
            if operator.has_path_form() && value.as_str().is_some_and(|s| s.starts_with('$')) {
                diagnostic = diagnostic.with_help(format!(
                    "to compare with a value from the input, use `{name}Path`"
                ));
            }
            self.push(diagnostic);
        }
        operand
    }
}
