//! Choice rules (<https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html>):
//! JSONPath data tests and boolean combinations, and JSONata
//! `Condition`s.

use serde_json::Number;

use super::{Assign, Jsonata, Template};
use crate::path::ReferencePath;

/// One element of `Choices`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    /// What must hold.
    pub condition: Condition,
    /// `Next`: where to go when it holds.
    pub next: String,
    /// `Assign`, run when this rule is chosen.
    pub assign: Option<Assign>,
    /// `Output` (JSONata), used when this rule is chosen.
    pub output: Option<Template>,
    /// `Comment`.
    pub comment: Option<String>,
}

/// A rule nested inside `And`, `Or` or `Not`: no `Next`, no `Assign`.
#[derive(Clone, Debug, PartialEq)]
pub struct NestedRule {
    /// What must hold.
    pub condition: Condition,
    /// `Comment`.
    pub comment: Option<String>,
}

/// The test a rule makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `"Variable": "$.x", "<Operator>": <operand>`.
    Test {
        /// `Variable`.
        variable: ReferencePath,
        /// The operator and its operand.
        comparison: Comparison,
    },
    /// `"And": [...]`.
    And(Vec<NestedRule>),
    /// `"Or": [...]`.
    Or(Vec<NestedRule>),
    /// `"Not": {...}`.
    Not(Box<NestedRule>),
    /// JSONata `"Condition": true` or `"Condition": "{% ... %}"`.
    Jsonata(ConditionValue),
}

/// A JSONata rule's `Condition`.
#[derive(Clone, Debug, PartialEq)]
pub enum ConditionValue {
    /// A boolean literal.
    Literal(bool),
    /// An expression.
    Jsonata(Jsonata),
}

/// An operator with its operand.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The operator, without the `Path` suffix.
    pub operator: Operator,
    /// The operand; a [`Operand::Path`] is written with the operator's `…Path` name.
    pub operand: Operand,
}

/// The right-hand side of a data test.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A string (String*, StringMatches, Timestamp* operators).
    String(String),
    /// A number (Numeric* operators), kept as written.
    Number(Number),
    /// A boolean (BooleanEquals, Is* operators).
    Boolean(bool),
    /// A reference path (the `…Path` twins).
    Path(ReferencePath),
}

/// What an operand must be for an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandKind {
    /// A string.
    String,
    /// A number.
    Number,
    /// A boolean.
    Boolean,
}

macro_rules! operators {
    ($($variant:ident = $name:literal, $kind:ident, $has_path:literal;)*) => {
        /// The 23 comparison operators of a Choice rule (each `…Path` twin is the same operator
        /// with an [`Operand::Path`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Operator {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl Operator {
            /// Every operator.
            pub const ALL: &'static [Operator] = &[$(Operator::$variant),*];

            /// The JSON name of the literal form.
            pub fn name(self) -> &'static str {
                match self { $(Operator::$variant => $name,)* }
            }

            /// What a literal operand must be.
            pub fn operand_kind(self) -> OperandKind {
                match self { $(Operator::$variant => OperandKind::$kind,)* }
            }

            /// Whether a `…Path` twin exists.
            pub fn has_path_form(self) -> bool {
                match self { $(Operator::$variant => $has_path,)* }
            }
        }
    };
}

operators! {
    StringEquals = "StringEquals", String, true;
    StringLessThan = "StringLessThan", String, true;
    StringGreaterThan = "StringGreaterThan", String, true;
    StringLessThanEquals = "StringLessThanEquals", String, true;
    StringGreaterThanEquals = "StringGreaterThanEquals", String, true;
    StringMatches = "StringMatches", String, false;
    NumericEquals = "NumericEquals", Number, true;
    NumericLessThan = "NumericLessThan", Number, true;
    NumericGreaterThan = "NumericGreaterThan", Number, true;
    NumericLessThanEquals = "NumericLessThanEquals", Number, true;
    NumericGreaterThanEquals = "NumericGreaterThanEquals", Number, true;
    BooleanEquals = "BooleanEquals", Boolean, true;
    TimestampEquals = "TimestampEquals", String, true;
    TimestampLessThan = "TimestampLessThan", String, true;
    TimestampGreaterThan = "TimestampGreaterThan", String, true;
    TimestampLessThanEquals = "TimestampLessThanEquals", String, true;
    TimestampGreaterThanEquals = "TimestampGreaterThanEquals", String, true;
    IsNull = "IsNull", Boolean, false;
    IsPresent = "IsPresent", Boolean, false;
    IsNumeric = "IsNumeric", Boolean, false;
    IsString = "IsString", Boolean, false;
    IsBoolean = "IsBoolean", Boolean, false;
    IsTimestamp = "IsTimestamp", Boolean, false;
}

impl Operator {
    /// Parses an operator member name; the flag says whether it was the `…Path` form.
    pub fn parse(member: &str) -> Option<(Operator, bool)> {
        if let Some(op) = Operator::ALL.iter().find(|op| op.name() == member) {
            return Some((*op, false));
        }
        let base = member.strip_suffix("Path")?;
        Operator::ALL
            .iter()
            .find(|op| op.has_path_form() && op.name() == base)
            .map(|op| (*op, true))
    }

    /// Whether the operator compares timestamps (its literal must be RFC 3339, V408).
    pub fn is_timestamp(self) -> bool {
        self.name().starts_with("Timestamp")
    }
}

impl Comparison {
    /// The JSON member name: the operator, plus `Path` for a path operand.
    pub fn member_name(&self) -> String {
        match self.operand {
            Operand::Path(_) => format!("{}Path", self.operator.name()),
            _ => self.operator.name().to_owned(),
        }
    }
}
