//! State machines inside CloudFormation, SAM and CDK templates: every
//! `AWS::StepFunctions::StateMachine` and `AWS::Serverless::StateMachine`, with its definition
//! read from where the template keeps it (`Definition`, `DefinitionString` as text, `Fn::Sub` or
//! `Fn::Join`, or a local file named by `DefinitionUri` / `DefinitionS3Location`) and its
//! `DefinitionSubstitutions` applied.
//!
//! A value that only a deployment knows becomes a value of the right shape: `!GetAtt Fn.Arn` of
//! a Lambda function is a Lambda function ARN, `!Ref Table` of a DynamoDB table its name, the
//! pseudo parameters `AWS::Region`, `AWS::AccountId` and `AWS::Partition` are `us-east-1`,
//! `123456789012` and `aws`. Anything else stays a placeholder, checked as filled at deploy time
//! (see [`crate::substitutions`]).
//!
//! ```
//! use workflow_dsl::template::machines;
//! use workflow_dsl::substitutions::{Substitutions, check};
//! use workflow_dsl::Profile;
//!
//! let template = serde_json::json!({"Resources": {
//!     "Charge": {"Type": "AWS::Serverless::Function"},
//!     "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {
//!         "Definition": {"StartAt": "Go", "States": {"Go": {"Type": "Task",
//!             "Resource": "${ChargeArn}", "End": true}}},
//!         "DefinitionSubstitutions": {"ChargeArn": {"Fn::GetAtt": ["Charge", "Arn"]}}}}}});
//! let found = machines(&template, std::path::Path::new("."), &Substitutions::new()).unwrap();
//! let definition = found[0].definition.as_ref().unwrap();
//! assert!(definition.text.contains("arn:aws:lambda:us-east-1:123456789012:function:Charge"));
//! assert!(!check(definition, Profile::Aws).has_errors());
//! ```

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::asl::Format;
use crate::diagnostics::pointer::child;
use crate::substitutions::{Substituted, Substitutions};

/// The region, account and partition that stand for a deployment's.
const REGION: &str = "us-east-1";
const ACCOUNT: &str = "123456789012";
const PARTITION: &str = "aws";

/// One state machine of a template.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateMachine {
    /// Its logical id (the key under `Resources`).
    pub logical_id: String,
    /// `AWS::StepFunctions::StateMachine` or `AWS::Serverless::StateMachine`.
    pub resource_type: String,
    /// Whether its type (`StateMachineType` or SAM's `Type`) is `EXPRESS`.
    pub express: bool,
    /// The file its definition text comes from: the template, or the `DefinitionUri` file.
    pub source: PathBuf,
    /// Where the definition is in `source`: the pointer of its `Definition` or
    /// `DefinitionString` property, empty for a file of its own.
    pub pointer: String,
    /// The definition, substituted; `None` when the template keeps it where it cannot be read
    /// here (an S3 object), which `note` says.
    pub definition: Option<Substituted>,
    /// Why there is no definition.
    pub note: Option<String>,
}

/// Why a template's state machine cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A property has a shape CloudFormation would refuse.
    #[error("{logical_id}: {message}")]
    Shape {
        /// The state machine.
        logical_id: String,
        /// What is wrong.
        message: String,
    },
    /// The definition file cannot be read.
    #[error("{logical_id}: cannot read {path}: {error}")]
    File {
        /// The state machine.
        logical_id: String,
        /// The file named by `DefinitionUri` or `DefinitionS3Location`.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// Whether `value` is a template (a `Resources` object) rather than a definition.
pub fn is_template(value: &Value) -> bool {
    value.get("Resources").is_some_and(Value::is_object) && value.get("States").is_none()
}

/// Reads a template from `text` (JSON, or YAML with its short-form intrinsics).
///
/// # Errors
///
/// The reader's message (with line and column) when the text is not JSON or YAML.
pub fn parse(text: &str, format: Format) -> Result<Value, String> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|error| error.to_string()),
        #[cfg(feature = "yaml")]
        Format::Yaml => crate::asl::yaml::parse_template(text).map_err(|error| error.to_string()),
        #[cfg(not(feature = "yaml"))]
        Format::Yaml => Err("this build reads no YAML: turn on the `yaml` feature".to_owned()),
    }
}

/// The state machines of `template` (found at `path`, whose folder `DefinitionUri` paths are
/// relative to), each substituted with its template's values and then `extra` (`--sub`).
///
/// # Errors
///
/// When a state machine's properties have a shape CloudFormation refuses, or its definition
/// file cannot be read.
pub fn machines(
    template: &Value,
    path: &Path,
    extra: &Substitutions,
) -> Result<Vec<TemplateMachine>, TemplateError> {
    let Some(resources) = template.get("Resources").and_then(Value::as_object) else {
        return Ok(Vec::new());
    };
    let context = Context {
        template,
        resources,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut found = Vec::new();
    for (logical_id, resource) in resources {
        let resource_type = resource["Type"].as_str().unwrap_or_default();
        let serverless = match resource_type {
            "AWS::Serverless::StateMachine" => true,
            "AWS::StepFunctions::StateMachine" => false,
            _ => continue,
        };
        let properties = resource.get("Properties").cloned().unwrap_or(Value::Null);
        let shape = |message: String| TemplateError::Shape {
            logical_id: logical_id.clone(),
            message,
        };
        let type_field = if serverless {
            "Type"
        } else {
            "StateMachineType"
        };
        let express = properties[type_field].as_str() == Some("EXPRESS");
        let mut machine = TemplateMachine {
            logical_id: logical_id.clone(),
            resource_type: resource_type.to_owned(),
            express,
            source: path.to_owned(),
            pointer: String::new(),
            definition: None,
            note: None,
        };
        let mut substitutions = Substitutions::new();
        if let Some(map) = properties.get("DefinitionSubstitutions") {
            let Value::Object(map) = map else {
                return Err(shape("`DefinitionSubstitutions` is not a map".to_owned()));
            };
            for (name, value) in map {
                if let Some(value) = context.resolve(value) {
                    substitutions = substitutions.with(name.clone(), value);
                }
            }
        }
        let file_field = if serverless {
            "DefinitionUri"
        } else {
            "DefinitionS3Location"
        };
        let property =
            |name: &str| child(&child(&child("/Resources", logical_id), "Properties"), name);
        let (text, format) = if let Some(definition) = properties.get("Definition") {
            machine.pointer = property("Definition");
            if !definition.is_object() {
                return Err(shape("`Definition` is not an object".to_owned()));
            }
            let definition = context.placeholders(definition);
            (
                serde_json::to_string_pretty(&definition).unwrap_or_default(),
                Format::Json,
            )
        } else if let Some(string) = properties.get("DefinitionString") {
            machine.pointer = property("DefinitionString");
            let (text, variables) = context.definition_string(string).ok_or_else(|| {
                shape("`DefinitionString` is not a string, `Fn::Sub` or `Fn::Join`".to_owned())
            })?;
            // `Fn::Sub` resolves every `${…}` from its own map, then from the template.
            for (name, value) in variables {
                substitutions = substitutions.with(name, value);
            }
            (text, Format::Json)
        } else {
            match properties.get(file_field) {
                Some(Value::String(file)) => {
                    let file_path = folder.join(file);
                    let text = std::fs::read_to_string(&file_path).map_err(|error| {
                        TemplateError::File {
                            logical_id: logical_id.clone(),
                            path: file_path.clone(),
                            error,
                        }
                    })?;
                    let format = Format::of_file(&file_path, &text);
                    machine.source = file_path;
                    (text, format)
                }
                Some(_) => {
                    machine.note = Some(format!(
                        "`{file_field}` names an S3 object, which cannot be read here: validate the file it was uploaded from"
                    ));
                    found.push(machine);
                    continue;
                }
                None => {
                    return Err(shape(format!(
                        "has no `Definition`, `DefinitionString` or `{file_field}`"
                    )));
                }
            }
        };
        for (name, value) in context.pseudo_and_references(&text, &substitutions) {
            substitutions = substitutions.with(name, value);
        }
        let substitutions = substitutions.merged(extra);
        machine.definition = Some(substitutions.apply(&text, format));
        found.push(machine);
    }
    Ok(found)
}

/// Where values are looked up: the template's parameters and resources.
struct Context<'t> {
    template: &'t Value,
    resources: &'t Map<String, Value>,
}

impl Context<'_> {
    /// The value a substitution takes, when a deployment's stand-in is known.
    fn resolve(&self, value: &Value) -> Option<String> {
        match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Object(object) if object.len() == 1 => {
                let (function, argument) = object.iter().next()?;
                match (function.as_str(), argument) {
                    ("Ref", Value::String(name)) => self.reference(name),
                    ("Fn::GetAtt", Value::Array(parts)) => match parts.as_slice() {
                        [Value::String(resource), Value::String(attribute)] => {
                            self.attribute(resource, attribute)
                        }
                        _ => None,
                    },
                    ("Fn::GetAtt", Value::String(text)) => {
                        let (resource, attribute) = text.split_once('.')?;
                        self.attribute(resource, attribute)
                    }
                    ("Fn::Sub", Value::String(text)) => self.sub(text, &Map::new()),
                    ("Fn::Sub", Value::Array(parts)) => match parts.as_slice() {
                        [Value::String(text), Value::Object(variables)] => {
                            self.sub(text, variables)
                        }
                        _ => None,
                    },
                    ("Fn::Join", Value::Array(parts)) => self.join(parts),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `Ref name`: a pseudo parameter, a parameter's default, or a resource's reference value.
    fn reference(&self, name: &str) -> Option<String> {
        if let Some(value) = pseudo(name) {
            return Some(value.to_owned());
        }
        if let Some(parameter) = self.template["Parameters"].get(name) {
            return match &parameter["Default"] {
                Value::String(text) => Some(text.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            };
        }
        let kind = self.resources.get(name)?["Type"].as_str()?;
        Some(match kind {
            "AWS::Serverless::Function" | "AWS::Lambda::Function" => name.to_owned(),
            "AWS::SNS::Topic" => format!("arn:{PARTITION}:sns:{REGION}:{ACCOUNT}:{name}"),
            "AWS::SQS::Queue" => format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"),
            "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
                format!("arn:{PARTITION}:states:{REGION}:{ACCOUNT}:stateMachine:{name}")
            }
            "AWS::StepFunctions::Activity" => {
                format!("arn:{PARTITION}:states:{REGION}:{ACCOUNT}:activity:{name}")
            }
            "AWS::IAM::Role"
            | "AWS::DynamoDB::Table"
            | "AWS::Serverless::SimpleTable"
            | "AWS::S3::Bucket"
            | "AWS::Events::EventBus"
            | "AWS::ECS::Cluster" => name.to_owned(),
            _ => return None,
        })
    }

    /// `Fn::GetAtt resource.attribute`, for the attributes definitions use.
    fn attribute(&self, resource: &str, attribute: &str) -> Option<String> {
        let kind = self.resources.get(resource)?["Type"].as_str()?;
        let arn = |service: &str, rest: String| {
            format!("arn:{PARTITION}:{service}:{REGION}:{ACCOUNT}:{rest}")
        };
        Some(match (kind, attribute) {
            ("AWS::Serverless::Function" | "AWS::Lambda::Function", "Arn") => {
                arn("lambda", format!("function:{resource}"))
            }
            ("AWS::SQS::Queue", "Arn") => arn("sqs", resource.to_owned()),
            ("AWS::SQS::Queue", "QueueUrl") => {
                format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{resource}")
            }
            ("AWS::SQS::Queue", "QueueName") => resource.to_owned(),
            ("AWS::SNS::Topic", "TopicArn") => arn("sns", resource.to_owned()),
            ("AWS::DynamoDB::Table", "Arn") => arn("dynamodb", format!("table/{resource}")),
            ("AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine", "Arn") => {
                arn("states", format!("stateMachine:{resource}"))
            }
            ("AWS::StepFunctions::Activity", "Arn") => {
                arn("states", format!("activity:{resource}"))
            }
            ("AWS::Events::EventBus", "Arn") => arn("events", format!("event-bus/{resource}")),
            ("AWS::IAM::Role", "Arn") => format!("arn:{PARTITION}:iam::{ACCOUNT}:role/{resource}"),
            ("AWS::S3::Bucket", "Arn") => format!("arn:{PARTITION}:s3:::{resource}"),
            _ => return None,
        })
    }

    /// `Fn::Sub`: every `${name}` from `variables`, a reference or an attribute; `None` when
    /// one is unknown.
    fn sub(&self, text: &str, variables: &Map<String, Value>) -> Option<String> {
        let mut substitutions = Substitutions::new();
        for name in placeholder_names(text) {
            let value = match variables.get(&name) {
                Some(value) => self.resolve(value)?,
                None => self.name(&name)?,
            };
            substitutions = substitutions.with(name, value);
        }
        let substituted = substitutions.apply(text, Format::Yaml);
        substituted
            .unresolved
            .is_empty()
            .then_some(substituted.text)
    }

    /// `${name}` in a `Fn::Sub`: a reference, or `resource.attribute`.
    fn name(&self, name: &str) -> Option<String> {
        match name.split_once('.') {
            Some((resource, attribute)) if !name.starts_with("AWS::") => {
                self.attribute(resource, attribute)
            }
            _ => self.reference(name),
        }
    }

    /// `Fn::Join [delimiter, [parts]]`, when every part is known.
    fn join(&self, parts: &[Value]) -> Option<String> {
        let [Value::String(delimiter), Value::Array(items)] = parts else {
            return None;
        };
        let items: Option<Vec<String>> = items.iter().map(|item| self.resolve(item)).collect();
        Some(items?.join(delimiter))
    }

    /// The text of a `DefinitionString`, with each part a template resolves left as a
    /// `${…}` placeholder, and a `Fn::Sub`'s own variables.
    fn definition_string(&self, value: &Value) -> Option<(String, Vec<(String, String)>)> {
        match value {
            Value::String(text) => Some((text.clone(), Vec::new())),
            Value::Object(object) if object.len() == 1 => {
                let (function, argument) = object.iter().next()?;
                match (function.as_str(), argument) {
                    ("Fn::Sub", Value::String(text)) => Some((text.clone(), Vec::new())),
                    ("Fn::Sub", Value::Array(parts)) => match parts.as_slice() {
                        [Value::String(text), Value::Object(variables)] => {
                            let variables = variables
                                .iter()
                                .filter_map(|(name, value)| {
                                    Some((name.clone(), self.resolve(value)?))
                                })
                                .collect();
                            Some((text.clone(), variables))
                        }
                        _ => None,
                    },
                    ("Fn::Join", Value::Array(parts)) => {
                        let [Value::String(delimiter), Value::Array(items)] = parts.as_slice()
                        else {
                            return None;
                        };
                        let items: Vec<String> = items.iter().map(placeholder_text).collect();
                        Some((items.join(delimiter), Vec::new()))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// An inline `Definition` with each intrinsic turned into a `${…}` placeholder.
    fn placeholders(&self, value: &Value) -> Value {
        match value {
            Value::Object(object) if is_intrinsic(object) => Value::String(placeholder_text(value)),
            Value::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(key, member)| (key.clone(), self.placeholders(member)))
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|item| self.placeholders(item)).collect())
            }
            other => other.clone(),
        }
    }

    /// Values for the placeholders of `text` that no substitution gives but the template does
    /// (`${AWS::Region}`, `${Fn.Arn}` from a `Fn::Join` part).
    fn pseudo_and_references(&self, text: &str, given: &Substitutions) -> Vec<(String, String)> {
        let left = given.apply(text, Format::Yaml).unresolved;
        left.into_iter()
            .filter_map(|name| Some((name.clone(), self.name(&name)?)))
            .collect()
    }
}

fn pseudo(name: &str) -> Option<&'static str> {
    Some(match name {
        "AWS::Region" => REGION,
        "AWS::AccountId" => ACCOUNT,
        "AWS::Partition" => PARTITION,
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackName" => "stack",
        _ => return None,
    })
}

fn is_intrinsic(object: &Map<String, Value>) -> bool {
    object.len() == 1
        && object
            .keys()
            .all(|key| key == "Ref" || key.starts_with("Fn::"))
}

/// A `${…}` placeholder for an intrinsic (`${Fn.Arn}` for `Fn::GetAtt [Fn, Arn]`), the text of
/// a string, and the JSON text of anything else.
fn placeholder_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Object(object) if is_intrinsic(object) => {
            let (function, argument) = object
                .iter()
                .next()
                .map_or(("", &Value::Null), |(k, v)| (k.as_str(), v));
            match (function, argument) {
                ("Ref", Value::String(name)) => format!("${{{name}}}"),
                ("Fn::GetAtt", Value::Array(parts)) => {
                    let parts: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
                    format!("${{{}}}", parts.join("."))
                }
                ("Fn::GetAtt", Value::String(text)) => format!("${{{text}}}"),
                ("Fn::Sub", Value::String(text)) => text.clone(),
                (function, _) => format!("${{{}}}", function.replace("Fn::", "Fn.")),
            }
        }
        other => other.to_string(),
    }
}

/// The `${name}` placeholders of `text`.
fn placeholder_names(text: &str) -> Vec<String> {
    Substitutions::new().apply(text, Format::Yaml).unresolved
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn only(template: Value) -> TemplateMachine {
        let mut found = machines(&template, Path::new("template.json"), &Substitutions::new())
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(found.len(), 1);
        found.remove(0)
    }

    #[test]
    fn a_definition_string_joined_by_cdk_gets_its_references() {
        let template = json!({"Resources": {
        "ChargeFn": {"Type": "AWS::Lambda::Function"},
        "Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
            "StateMachineType": "EXPRESS",
            "DefinitionString": {"Fn::Join": ["", [
                "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\",\"Resource\":\"arn:",
                {"Ref": "AWS::Partition"},
                ":states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"",
                {"Fn::GetAtt": ["ChargeFn", "Arn"]},
                "\",\"Payload.$\":\"$\"},\"End\":true}}}"
            ]]}}}}});
        let machine = only(template);
        assert!(machine.express);
        let definition = machine.definition.unwrap();
        assert!(
            definition.unresolved.is_empty(),
            "{:?}",
            definition.unresolved
        );
        let value: Value = serde_json::from_str(&definition.text).unwrap();
        assert_eq!(
            value["States"]["Charge"]["Resource"],
            "arn:aws:states:::lambda:invoke"
        );
        assert_eq!(
            value["States"]["Charge"]["Parameters"]["FunctionName"],
            "arn:aws:lambda:us-east-1:123456789012:function:ChargeFn"
        );
    }

    #[test]
    fn a_sub_with_its_own_variables_and_unknown_values_left_as_placeholders() {
        let template = json!({"Parameters": {"Env": {"Type": "String", "Default": "prod"}},
        "Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
            "DefinitionString": {"Fn::Sub": [
                "{\"Comment\":\"${Env} ${Owner}\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${Arn}\",\"End\":true}}}",
                {"Arn": {"Fn::ImportValue": "shared-fn-arn"}, "Owner": "ops"}
            ]}}}}});
        let definition = only(template).definition.unwrap();
        assert_eq!(definition.unresolved, ["Arn"]);
        assert!(
            definition.text.contains("\"Comment\":\"prod ops\""),
            "{}",
            definition.text
        );
    }

    #[test]
    fn a_file_in_s3_is_noted_and_a_missing_definition_is_an_error() {
        let template = json!({"Resources": {"Flow": {"Type": "AWS::Serverless::StateMachine",
            "Properties": {"DefinitionUri": {"Bucket": "b", "Key": "k"}}}}});
        let machine = only(template);
        assert!(machine.definition.is_none());
        assert!(machine.note.unwrap().contains("S3 object"));
        let template = json!({"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine",
            "Properties": {}}}});
        let error = machines(&template, Path::new("t.json"), &Substitutions::new()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Flow: has no `Definition`, `DefinitionString` or `DefinitionS3Location`"
        );
    }

    #[test]
    fn only_templates_are_templates() {
        assert!(is_template(&json!({"Resources": {}})));
        assert!(!is_template(&json!({"StartAt": "A", "States": {}})));
        assert!(!is_template(&json!({"Resources": [], "States": {}})));
    }
}
