//! The Fail state.

use super::Jsonata;
use crate::intrinsics::Call;
use crate::path::ReferencePath;

/// A Fail state (<https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html>).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fail {
    /// `Error` or `ErrorPath`.
    pub error: Option<FailField>,
    /// `Cause` or `CausePath`.
    pub cause: Option<FailField>,
}

/// A Fail state's error name or cause.
#[derive(Clone, Debug, PartialEq)]
pub enum FailField {
    /// `"Error": "text"`.
    Literal(String),
    /// `"ErrorPath": "$.path"`.
    Path(ReferencePath),
    /// `"ErrorPath": "States.Format(...)"`.
    Call(Call),
    /// `"Error": "{% expression %}"` in a JSONata state.
    Jsonata(Jsonata),
}

impl FailField {
    /// Whether the field is written with the `…Path` name.
    pub fn is_path_form(&self) -> bool {
        matches!(self, FailField::Path(_) | FailField::Call(_))
    }
}
