//! Templates: JSONPath payload templates with `.$` members, JSONata templates with `{% %}`
//! strings, and `Assign` blocks. See
//! <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>,
//! <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html> and
//! <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>.

use serde_json::Value;

use super::{Loader, describe};
use crate::asl::json::{Json, Object};
use crate::asl::{Assign, Jsonata, Member, QueryLanguage, Template};
use crate::diagnostics::pointer::Pointer;
use crate::diagnostics::{AwsLocation, Diagnostic, Rule};
use crate::intrinsics::{Call, looks_like_call};
use crate::path::PathErrorKind;

impl<'v> Loader<'v> {
    /// A template in the given language: JSONPath `.$` members, or JSONata `{% %}` strings.
    pub(super) fn template(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Template {
        match language {
            QueryLanguage::JsonPath => self.jsonpath_template(value, pointer),
            QueryLanguage::Jsonata => self.jsonata_template(value, pointer),
        }
    }

    /// A JSONPath payload template.
    pub(super) fn jsonpath_template(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
    ) -> Template {
        match value {
            Json::Object(object) => {
                let members = self.jsonpath_members(object, pointer);
                collapse_object(value, members)
            }
            Json::Array(items) => {
                let items: Vec<Template> = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.jsonpath_template(item, &pointer.index(index)))
                    .collect();
                collapse_array(value, items)
            }
            other => Template::Value(other.to_value()),
        }
    }

    fn jsonpath_members(&mut self, object: &Object, pointer: &Pointer<'_>) -> Vec<Member> {
        let mut members: Vec<Member> = Vec::with_capacity(object.len());
        for (key, value) in object {
            let member_pointer = pointer.key(key);
            let member = match key.strip_suffix(".$") {
                Some(stripped) => {
                    let Some(text) = value.as_str() else {
                        self.report(
                            Rule::V805,
                            &member_pointer,
                            format!("the value of `{key}` must be a string (a path or an intrinsic call), not {}", describe(value)),
                        );
                        members.push(Member {
                            key: key.to_owned(),
                            value: Template::Value(value.to_value()),
                        });
                        continue;
                    };
                    match self.dynamic_value(text, key, &member_pointer, pointer) {
                        Some(value) => Member {
                            key: stripped.to_owned(),
                            value,
                        },
                        None => Member {
                            key: key.to_owned(),
                            value: Template::Value(value.to_value()),
                        },
                    }
                }
                None => Member {
                    key: key.to_owned(),
                    value: self.jsonpath_template(value, &member_pointer),
                },
            };
            if members
                .iter()
                .any(|existing| existing.name() == member.name())
            {
                self.push(
                    Diagnostic::new(
                        Rule::V806,
                        pointer.render(),
                        format!(
                            "two members produce the key `{}` once `.$` is removed",
                            member.name()
                        ),
                    )
                    .with_help("keep either the literal member or the `.$` member"),
                );
            }
            members.push(member);
        }
        members
    }

    /// The value of a `key.$` member: a path, or an intrinsic function call.
    fn dynamic_value(
        &mut self,
        text: &str,
        key: &str,
        pointer: &Pointer<'_>,
        object_pointer: &Pointer<'_>,
    ) -> Option<Template> {
        // AWS's text and location for a bad value, built only on failure. Recorded in
        // tests/data/aws-recorded/definition_validation/
        // base_scenarios__test_illegal_escapes_ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION.json.
        let aws_message = || {
            format!(
                "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
            )
        };
        let aws_location = || AwsLocation::Other(object_pointer.render());
        if text.starts_with('$') {
            return match self.parse_path(text, pointer, key) {
                Ok(path) => Some(Template::Path(path)),
                Err(error) => {
                    let rule = if error.kind() == PathErrorKind::Function {
                        Rule::V804
                    } else {
                        Rule::V801
                    };
                    self.push(
                        Diagnostic::new(rule, pointer.render(), format!("`{key}` holds an invalid path: {}", error.message()))
                            .with_help("a `.$` value is a path (`$.x`, `$$.Execution.Id`, `$var`) or an intrinsic call (`States.Format(...)`)")
                            .with_aws_message(aws_message())
                            .with_aws_location(aws_location()),
                    );
                    None
                }
            };
        }
        match Call::parse(text) {
            Ok(call) => Some(Template::Call(call)),
            Err(error) => {
                // Text with no call shape was not meant as a call: say it is not a path either.
                let (rule, message) = if looks_like_call(text) {
                    let rule = Rule::from_id(error.rule()).unwrap_or(Rule::V807);
                    (
                        rule,
                        format!(
                            "`{key}` holds an invalid intrinsic function call: {}",
                            error.message()
                        ),
                    )
                } else {
                    (
                        Rule::V801,
                        format!(
                            "`{key}` is neither a path nor an intrinsic function call: {}",
                            Value::from(text)
                        ),
                    )
                };
                self.push(
                    Diagnostic::new(rule, pointer.render(), message)
                        .with_help("a `.$` value is a path (`$.x`, `$$.Execution.Id`, `$var`) or an intrinsic call (`States.Format(...)`); use a key without `.$` for a literal string")
                        .with_aws_message(aws_message())
                        .with_aws_location(aws_location()),
                );
                None
            }
        }
    }

    /// A JSONata template: `{% %}` strings anywhere in the value are expressions.
    pub(super) fn jsonata_template(&mut self, value: &Json<'_>, pointer: &Pointer<'_>) -> Template {
        match value {
            Json::String(text) => match self.jsonata_string(text, pointer) {
                Some(expr) => Template::Jsonata(expr),
                None => Template::Value(value.to_value()),
            },
            Json::Object(object) => {
                let members = object
                    .iter()
                    .map(|(key, value)| Member {
                        key: key.to_owned(),
                        value: self.jsonata_template(value, &pointer.key(key)),
                    })
                    .collect();
                collapse_object(value, members)
            }
            Json::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.jsonata_template(item, &pointer.index(index)))
                    .collect();
                collapse_array(value, items)
            }
            other => Template::Value(other.to_value()),
        }
    }

    /// A string in a JSONata-evaluated field: an expression, or literal text (V901 when it is
    /// half a delimiter pair).
    pub(super) fn jsonata_string(&mut self, text: &str, pointer: &Pointer<'_>) -> Option<Jsonata> {
        if let Some(expr) = Jsonata::parse(text) {
            return Some(expr);
        }
        let opens = text.starts_with("{%");
        if opens || text.ends_with("%}") {
            let (what, fix) = if opens {
                (
                    "opens with `{%` but does not end with `%}`",
                    "end it with `%}`",
                )
            } else {
                (
                    "ends with `%}` but does not open with `{%`",
                    "start it with `{%`",
                )
            };
            self.push(
                Diagnostic::new(
                    Rule::V901,
                    pointer.render(),
                    format!("the JSONata string {} {what}", Value::from(text)),
                )
                .with_help(format!(
                    "{fix}; nothing may come before `{{%` or after `%}}`"
                )),
            );
        }
        None
    }

    /// `Assign`: an object of variable name → value (JSONPath template or JSONata template).
    pub(super) fn assign(
        &mut self,
        value: &Json<'_>,
        pointer: &Pointer<'_>,
        language: QueryLanguage,
    ) -> Option<Assign> {
        let Some(object) = value.as_object() else {
            self.report(
                Rule::V916,
                pointer,
                format!(
                    "`Assign` must be an object of variable names to values, not {}",
                    describe(value)
                ),
            );
            return None;
        };
        let members = match language {
            QueryLanguage::JsonPath => self.jsonpath_members(object, pointer),
            QueryLanguage::Jsonata => object
                .iter()
                .map(|(key, value)| Member {
                    key: key.to_owned(),
                    value: self.jsonata_template(value, &pointer.key(key)),
                })
                .collect(),
        };
        Some(Assign { members })
    }
}

/// Keeps an object template as one literal value when none of its members is evaluated.
fn collapse_object(original: &Json<'_>, members: Vec<Member>) -> Template {
    if members
        .iter()
        .all(|m| m.value.is_static() && !m.is_dynamic())
        && members.len() == original.as_object().map_or(0, |o| o.len())
    {
        Template::Value(original.to_value())
    } else {
        Template::Object(members.into())
    }
}

fn collapse_array(original: &Json<'_>, items: Vec<Template>) -> Template {
    if items.iter().all(Template::is_static) {
        Template::Value(original.to_value())
    } else {
        Template::Array(items)
    }
}
