//! The Task state, and the number/timestamp fields that may be literal, a `…Path` or JSONata.

use serde_json::Number;

use super::{Assign, Catcher, Jsonata, NullablePath, ResultPath, Retrier, Template, Transition};
use crate::path::ReferencePath;

/// A Task state (<https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html>).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Task {
    /// `Resource`: the ARN (or URI) of the work.
    pub resource: String,
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `Parameters`.
    pub parameters: Option<Template>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Template>,
    /// `Credentials`: a template with a `RoleArn`.
    pub credentials: Option<Template>,
    /// `TimeoutSeconds` / `TimeoutSecondsPath`.
    pub timeout: Option<IntegerField>,
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    pub heartbeat: Option<IntegerField>,
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
    /// `Retry` (`Some(vec![])` for an explicit empty array).
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`.
    pub catch: Option<Vec<Catcher>>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A non-negative integer field: `X` (literal or, in JSONata, an expression) or `XPath`.
#[derive(Clone, Debug, PartialEq)]
pub enum IntegerField {
    /// A literal, e.g. `"TimeoutSeconds": 30`.
    Literal(u64),
    /// The `…Path` form, e.g. `"TimeoutSecondsPath": "$.timeout"`.
    Path(ReferencePath),
    /// A JSONata expression, e.g. `"TimeoutSeconds": "{% $states.input.t %}"`.
    Jsonata(Jsonata),
}

/// A number field that allows fractions (`ToleratedFailurePercentage`).
#[derive(Clone, Debug, PartialEq)]
pub enum NumberField {
    /// A literal number, kept as written.
    Literal(Number),
    /// The `…Path` form.
    Path(ReferencePath),
    /// A JSONata expression.
    Jsonata(Jsonata),
}

/// A Wait state's timestamp.
#[derive(Clone, Debug, PartialEq)]
pub enum TimestampField {
    /// `"Timestamp": "2016-03-14T01:59:00Z"` (checked by V703).
    Literal(String),
    /// `TimestampPath`.
    Path(ReferencePath),
    /// A JSONata expression.
    Jsonata(Jsonata),
}
