//! [`State`], the state kinds without a file of their own (Pass, Succeed, Wait, Parallel,
//! Choice's outer shape), and the pieces every state kind shares.

use serde_json::Value;

use super::{
    Assign, Catcher, ChoiceRule, Container, Fail, IntegerField, Map, QueryLanguage, Retrier, Task,
    Template, TimestampField,
};
use crate::path::{Path, ReferencePath};

/// One state: the fields every type has, and the type-specific rest.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`, overriding the machine's for this state.
    pub query_language: Option<QueryLanguage>,
    /// `Type` and the fields that go with it.
    pub kind: StateKind,
}

/// The eight state types.
///
/// Each kind is boxed: the kinds differ in size by a factor of ten (a Map has two dozen fields),
/// and a small `State` keeps loading and moving states cheap.
#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    /// `"Type": "Pass"`.
    Pass(Box<Pass>),
    /// `"Type": "Task"`.
    Task(Box<Task>),
    /// `"Type": "Choice"`.
    Choice(Box<Choice>),
    /// `"Type": "Wait"`.
    Wait(Box<Wait>),
    /// `"Type": "Succeed"`.
    Succeed(Box<Succeed>),
    /// `"Type": "Fail"`.
    Fail(Box<Fail>),
    /// `"Type": "Parallel"`.
    Parallel(Box<Parallel>),
    /// `"Type": "Map"`.
    Map(Box<Map>),
}

impl StateKind {
    /// The `Type` text.
    pub fn type_name(&self) -> &'static str {
        match self {
            StateKind::Pass(_) => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice(_) => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed(_) => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel(_) => "Parallel",
            StateKind::Map(_) => "Map",
        }
    }

    /// `Next` or `End` for the five types that have one.
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            StateKind::Pass(s) => Some(&s.transition),
            StateKind::Task(s) => Some(&s.transition),
            StateKind::Wait(s) => Some(&s.transition),
            StateKind::Parallel(s) => Some(&s.transition),
            StateKind::Map(s) => Some(&s.transition),
            StateKind::Choice(_) | StateKind::Succeed(_) | StateKind::Fail(_) => None,
        }
    }

    /// Whether the state ends its container: `"End": true`, Succeed or Fail.
    pub fn is_terminal(&self) -> bool {
        match self {
            StateKind::Succeed(_) | StateKind::Fail(_) => true,
            other => matches!(other.transition(), Some(Transition::End)),
        }
    }

    /// `Retry` of Task, Parallel and Map.
    pub fn retry(&self) -> Option<&[Retrier]> {
        match self {
            StateKind::Task(s) => s.retry.as_deref(),
            StateKind::Parallel(s) => s.retry.as_deref(),
            StateKind::Map(s) => s.retry.as_deref(),
            _ => None,
        }
    }

    /// `Catch` of Task, Parallel and Map.
    pub fn catch(&self) -> Option<&[Catcher]> {
        match self {
            StateKind::Task(s) => s.catch.as_deref(),
            StateKind::Parallel(s) => s.catch.as_deref(),
            StateKind::Map(s) => s.catch.as_deref(),
            _ => None,
        }
    }

    /// The payload templates of the state, with the member path of each:
    /// `Parameters`, `ResultSelector`, `Credentials`, a Map's `ItemSelector` and the `Parameters`
    /// / `BatchInput` of its ItemReader, ItemBatcher and ResultWriter. `Assign` is not included.
    pub fn payload_templates(&self) -> Vec<(&'static [&'static str], &Template)> {
        let fields: Vec<(&'static [&'static str], Option<&Template>)> = match self {
            StateKind::Pass(s) => vec![(&["Parameters"], s.parameters.as_ref())],
            StateKind::Task(s) => vec![
                (&["Parameters"], s.parameters.as_ref()),
                (&["ResultSelector"], s.result_selector.as_ref()),
                (&["Credentials"], s.credentials.as_ref()),
            ],
            StateKind::Parallel(s) => vec![
                (&["Parameters"], s.parameters.as_ref()),
                (&["ResultSelector"], s.result_selector.as_ref()),
            ],
            StateKind::Map(s) => vec![
                (
                    match s.selector_field {
                        super::SelectorField::ItemSelector => &["ItemSelector"],
                        super::SelectorField::Parameters => &["Parameters"],
                    },
                    s.item_selector.as_ref(),
                ),
                (&["ResultSelector"], s.result_selector.as_ref()),
                (
                    &["ItemReader", "Parameters"],
                    s.item_reader.as_ref().and_then(|r| r.parameters.as_ref()),
                ),
                (
                    &["ItemBatcher", "BatchInput"],
                    s.item_batcher.as_ref().and_then(|b| b.batch_input.as_ref()),
                ),
                (
                    &["ResultWriter", "Parameters"],
                    s.result_writer.as_ref().and_then(|w| w.parameters.as_ref()),
                ),
            ],
            StateKind::Choice(_)
            | StateKind::Wait(_)
            | StateKind::Succeed(_)
            | StateKind::Fail(_) => Vec::new(),
        };
        fields
            .into_iter()
            .filter_map(|(path, template)| Some((path, template?)))
            .collect()
    }

    /// The state's top-level `Assign`.
    pub fn assign(&self) -> Option<&Assign> {
        match self {
            StateKind::Pass(s) => s.assign.as_ref(),
            StateKind::Task(s) => s.assign.as_ref(),
            StateKind::Choice(s) => s.assign.as_ref(),
            StateKind::Wait(s) => s.assign.as_ref(),
            StateKind::Parallel(s) => s.assign.as_ref(),
            StateKind::Map(s) => s.assign.as_ref(),
            StateKind::Succeed(_) | StateKind::Fail(_) => None,
        }
    }
}

/// Where a state goes next: exactly one of `Next` and `"End": true`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Transition {
    /// `"Next": "<state>"`.
    Next(String),
    /// `"End": true`; the default, until a state's `Next` is known.
    #[default]
    End,
}

/// `InputPath` / `OutputPath`: a path, or `null` (meaning `{}`).
#[derive(Clone, Debug, PartialEq)]
pub enum NullablePath {
    /// `null`.
    Null,
    /// A path.
    Path(Path),
}

/// `ResultPath`: a reference path into the raw input, or `null` (discard the result).
#[derive(Clone, Debug, PartialEq)]
pub enum ResultPath {
    /// `null`.
    Null,
    /// A reference path (never `$$` or a variable).
    Path(ReferencePath),
}

/// A Pass state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pass {
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `Parameters`.
    pub parameters: Option<Template>,
    /// `Result`: copied verbatim, never evaluated (its `.$` keys stay as written).
    pub result: Option<Value>,
    /// `ResultPath`.
    pub result_path: Option<ResultPath>,
    /// `OutputPath`.
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Assign>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A Succeed state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Succeed {
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `OutputPath`.
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
}

/// A Choice state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// `Choices`: the rules, tried in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: where to go when no rule matches.
    pub default: Option<String>,
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `OutputPath`.
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata), used when no rule matched.
    pub output: Option<Template>,
    /// `Assign`, run when no rule matched.
    pub assign: Option<Assign>,
}

/// How long a Wait state waits: exactly one of `Seconds`, `SecondsPath`, `Timestamp`,
/// `TimestampPath` (<https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html>).
#[derive(Clone, Debug, PartialEq)]
pub enum WaitFor {
    /// `Seconds` (literal or JSONata) or `SecondsPath`.
    Seconds(IntegerField),
    /// `Timestamp` (literal or JSONata) or `TimestampPath`.
    Timestamp(TimestampField),
}

/// A Wait state.
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    /// The duration.
    pub wait_for: WaitFor,
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `OutputPath`.
    pub output_path: Option<NullablePath>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Assign>,
    /// `Next` / `End`.
    pub transition: Transition,
}

/// A Parallel state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parallel {
    /// `Branches`.
    pub branches: Vec<Container>,
    /// `InputPath`.
    pub input_path: Option<NullablePath>,
    /// `Parameters`.
    pub parameters: Option<Template>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Template>,
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
