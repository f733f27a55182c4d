//! Choice rules: [`Condition`] for every comparison operator and `And`/`Or`/`Not` (JSONPath), or
//! a `{% %}` expression (JSONata), and the Choice state's `.when(..)` / `.otherwise(..)`.

use serde_json::Number;

use super::handle::{StateRef, Target};
use super::kind::{self, Depth, HasRule, JsonPath, Jsonata, Language, Ready};
use super::state::StateBuilder;
use super::typed::{AnyVariable, Boolean, Number as Numeric, Text, Variable};
use crate::asl::{
    self, ChoiceRule, Comparison, ConditionValue, Jsonata as Expression, NestedRule, Operand,
    Operator,
};
use crate::path::ReferencePath;

/// What a Choice rule tests. Paths are parsed when the condition is made; a bad one is
/// reported by `build()`, naming the Choice state.
#[derive(Clone, Debug)]
pub struct Condition {
    inner: Result<asl::Condition, String>,
}

impl Condition {
    /// `"Variable": variable, "<operator>": operand` for any operator and operand.
    pub fn compare(variable: &str, operator: Operator, operand: Operand) -> Condition {
        Condition {
            inner: ReferencePath::parse(variable)
                .map(|variable| asl::Condition::Test {
                    variable,
                    comparison: Comparison { operator, operand },
                })
                .map_err(|error| {
                    format!("`Variable` {variable:?} is not a reference path: {error}")
                }),
        }
    }

    /// The `…Path` form: compare with the value at `other` instead of a literal.
    pub fn compare_path(variable: &str, operator: Operator, other: &str) -> Condition {
        match ReferencePath::parse(other) {
            Ok(path) => Condition::compare(variable, operator, Operand::Path(path)),
            Err(error) => Condition {
                inner: Err(format!(
                    "`{}Path` {other:?} is not a reference path: {error}",
                    operator.name()
                )),
            },
        }
    }

    /// `And`: every condition holds.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::combine(conditions, asl::Condition::And)
    }

    /// `Or`: some condition holds.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::combine(conditions, asl::Condition::Or)
    }

    /// `Not`: the condition does not hold.
    #[allow(clippy::should_implement_trait)] // `Condition::not(c)` reads as ASL's `Not`.
    pub fn not(condition: Condition) -> Condition {
        Condition {
            inner: condition
                .inner
                .map(|condition| asl::Condition::Not(Box::new(nested(condition)))),
        }
    }

    fn combine(
        conditions: impl IntoIterator<Item = Condition>,
        wrap: fn(Vec<NestedRule>) -> asl::Condition,
    ) -> Condition {
        let rules: Result<Vec<NestedRule>, String> = conditions
            .into_iter()
            .map(|condition| condition.inner.map(nested))
            .collect();
        Condition {
            inner: rules.map(wrap),
        }
    }
}

fn nested(condition: asl::Condition) -> NestedRule {
    NestedRule {
        condition,
        comment: None,
    }
}

/// One constructor per operator and operand type, named after the operator.
macro_rules! comparisons {
    ($($(#[$doc:meta])* $name:ident, $path_name:ident: $operator:ident<$kind:ident>($ty:ty) => $operand:expr;)*) => {
        impl Condition {$(
            $(#[$doc])*
            pub fn $name(variable: impl Variable<$kind>, value: $ty) -> Condition {
                #[allow(clippy::redundant_closure_call)] // the operand conversion of each row
                match ($operand)(value) {
                    Ok(operand) => Condition::compare(&variable.into_path(), Operator::$operator, operand),
                    Err(error) => Condition { inner: Err(error) },
                }
            }

            #[doc = concat!("`", stringify!($operator), "Path`: compare with the value at `other`.")]
            pub fn $path_name(variable: impl Variable<$kind>, other: &str) -> Condition {
                Condition::compare_path(&variable.into_path(), Operator::$operator, other)
            }
        )*}
    };
}

fn text(value: &str) -> Result<Operand, String> {
    Ok(Operand::String(value.to_owned()))
}

fn boolean(value: bool) -> Result<Operand, String> {
    Ok(Operand::Boolean(value))
}

fn number(value: impl Numeral) -> Result<Operand, String> {
    value.to_number().map(Operand::Number).ok_or_else(|| {
        "a numeric comparison needs a finite number; JSON has no NaN or infinity".to_owned()
    })
}

/// A Rust number as the operand of a numeric comparison: any integer type up to 64 bits,
/// `f32` or `f64` (`Condition::numeric_greater_than("$.total", 1000.5)`).
pub trait Numeral: Copy {
    /// The JSON number; `None` for NaN and the infinities, which JSON cannot hold.
    fn to_number(self) -> Option<Number>;
}

macro_rules! integer_numerals {
    ($($ty:ty),*) => {$(
        impl Numeral for $ty {
            fn to_number(self) -> Option<Number> {
                Some(Number::from(self))
            }
        }
    )*};
}

integer_numerals!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl Numeral for f64 {
    fn to_number(self) -> Option<Number> {
        Number::from_f64(self)
    }
}

impl Numeral for f32 {
    /// Through its shortest decimal form, so `0.1f32` is `0.1`, not `0.10000000149011612`.
    fn to_number(self) -> Option<Number> {
        self.to_string()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
    }
}

comparisons! {
    /// `StringEquals`.
    string_equals, string_equals_path: StringEquals<Text>(&str) => text;
    /// `StringLessThan`.
    string_less_than, string_less_than_path: StringLessThan<Text>(&str) => text;
    /// `StringGreaterThan`.
    string_greater_than, string_greater_than_path: StringGreaterThan<Text>(&str) => text;
    /// `StringLessThanEquals`.
    string_less_than_equals, string_less_than_equals_path: StringLessThanEquals<Text>(&str) => text;
    /// `StringGreaterThanEquals`.
    string_greater_than_equals, string_greater_than_equals_path: StringGreaterThanEquals<Text>(&str) => text;
    /// `NumericEquals`.
    numeric_equals, numeric_equals_path: NumericEquals<Numeric>(impl Numeral) => number;
    /// `NumericLessThan`.
    numeric_less_than, numeric_less_than_path: NumericLessThan<Numeric>(impl Numeral) => number;
    /// `NumericGreaterThan`.
    numeric_greater_than, numeric_greater_than_path: NumericGreaterThan<Numeric>(impl Numeral) => number;
    /// `NumericLessThanEquals`.
    numeric_less_than_equals, numeric_less_than_equals_path: NumericLessThanEquals<Numeric>(impl Numeral) => number;
    /// `NumericGreaterThanEquals`.
    numeric_greater_than_equals, numeric_greater_than_equals_path: NumericGreaterThanEquals<Numeric>(impl Numeral) => number;
    /// `BooleanEquals`.
    boolean_equals, boolean_equals_path: BooleanEquals<Boolean>(bool) => boolean;
    /// `TimestampEquals` (RFC 3339).
    timestamp_equals, timestamp_equals_path: TimestampEquals<Text>(&str) => text;
    /// `TimestampLessThan` (RFC 3339).
    timestamp_less_than, timestamp_less_than_path: TimestampLessThan<Text>(&str) => text;
    /// `TimestampGreaterThan` (RFC 3339).
    timestamp_greater_than, timestamp_greater_than_path: TimestampGreaterThan<Text>(&str) => text;
    /// `TimestampLessThanEquals` (RFC 3339).
    timestamp_less_than_equals, timestamp_less_than_equals_path: TimestampLessThanEquals<Text>(&str) => text;
    /// `TimestampGreaterThanEquals` (RFC 3339).
    timestamp_greater_than_equals, timestamp_greater_than_equals_path: TimestampGreaterThanEquals<Text>(&str) => text;
}

/// The operators without a `…Path` twin.
macro_rules! tests {
    ($($(#[$doc:meta])* $name:ident: $operator:ident<$bound:path>($ty:ty) => $operand:expr;)*) => {
        impl Condition {$(
            $(#[$doc])*
            pub fn $name(variable: impl $bound, value: $ty) -> Condition {
                #[allow(clippy::redundant_closure_call)] // the operand conversion of each row
                match ($operand)(value) {
                    Ok(operand) => Condition::compare(&variable.into_path(), Operator::$operator, operand),
                    Err(error) => Condition { inner: Err(error) },
                }
            }
        )*}
    };
}

tests! {
    /// `StringMatches`: `*` matches any run of characters, `\\*` a literal star.
    string_matches: StringMatches<Variable<Text>>(&str) => text;
    /// `IsNull`: whether the value is (`true`) or is not (`false`) null.
    is_null: IsNull<AnyVariable>(bool) => boolean;
    /// `IsPresent`: whether the path finds a value.
    is_present: IsPresent<AnyVariable>(bool) => boolean;
    /// `IsNumeric`.
    is_numeric: IsNumeric<AnyVariable>(bool) => boolean;
    /// `IsString`.
    is_string: IsString<AnyVariable>(bool) => boolean;
    /// `IsBoolean`.
    is_boolean: IsBoolean<AnyVariable>(bool) => boolean;
    /// `IsTimestamp`.
    is_timestamp: IsTimestamp<AnyVariable>(bool) => boolean;
}

impl<'w, 's, S, D: Depth> StateBuilder<'w, 's, kind::Choice, JsonPath, S, D> {
    /// A rule: when `condition` holds, go to `target`. Rules are tried in order.
    pub fn when(
        mut self,
        condition: Condition,
        target: impl Target<'s, D>,
    ) -> StateBuilder<'w, 's, kind::Choice, JsonPath, Ready, D> {
        match condition.inner {
            Ok(condition) => self.rule(condition, target.into_ref()),
            Err(problem) => self.problem(problem),
        }
        self.into_state()
    }
}

impl<'w, 's, S, D: Depth> StateBuilder<'w, 's, kind::Choice, Jsonata, S, D> {
    /// A rule: when the `{% %}` expression is true, go to `target`. Rules are tried in order.
    pub fn when(
        mut self,
        condition: &str,
        target: impl Target<'s, D>,
    ) -> StateBuilder<'w, 's, kind::Choice, Jsonata, Ready, D> {
        match Expression::parse(condition) {
            Some(expression) => self.rule(
                asl::Condition::Jsonata(ConditionValue::Jsonata(expression)),
                target.into_ref(),
            ),
            None => self.problem(format_args!(
                "the condition {condition:?} is not a JSONata expression: write it as \"{{% ... %}}\""
            )),
        }
        self.into_state()
    }
}

impl<Q: Language, D: Depth> StateBuilder<'_, '_, kind::Choice, Q, Ready, D> {
    /// `Assign` of the rule added last: variables set when that rule is chosen (instead of the
    /// state's own `Assign`).
    pub fn rule_assign(mut self, variables: serde_json::Value) -> Self {
        let assign = self.assign_block(&variables);
        if let Some(rule) = self.body.choices.last_mut() {
            rule.assign = assign;
        }
        self
    }
}

impl<D: Depth> StateBuilder<'_, '_, kind::Choice, Jsonata, Ready, D> {
    /// `Output` of the rule added last: the state's output when that rule is chosen.
    pub fn rule_output(mut self, output: serde_json::Value) -> Self {
        let (template, diagnostics) = crate::asl::load::template(&output, Jsonata::LANGUAGE);
        for diagnostic in diagnostics {
            self.problem(format_args!(
                "a rule's `Output`{}: {}",
                diagnostic.pointer, diagnostic.message
            ));
        }
        if let Some(rule) = self.body.choices.last_mut() {
            rule.output = Some(template);
        }
        self
    }
}

impl<'s, Q: Language, S, D: Depth> StateBuilder<'_, 's, kind::Choice, Q, S, D> {
    fn rule(&mut self, condition: asl::Condition, target: StateRef<'s, D>) {
        if let Some(next) = self.target(target) {
            self.body.choices.push(ChoiceRule {
                condition,
                next,
                assign: None,
                output: None,
                comment: None,
            });
        }
    }
}

impl<'s, Q: Language, S, D: Depth> StateBuilder<'_, 's, kind::Choice, Q, S, D> {
    /// `Default`: where to go when no rule holds. Adds the state.
    pub fn otherwise(mut self, target: impl Target<'s, D>) -> StateRef<'s, D>
    where
        S: HasRule,
    {
        self.body.default = self.target(target.into_ref());
        self.finish()
    }

    /// No `Default`: when no rule holds the execution fails with `States.Runtime` (rule V413).
    /// Adds the state.
    pub fn without_default(self) -> StateRef<'s, D>
    where
        S: HasRule,
    {
        self.finish()
    }

    fn finish(self) -> StateRef<'s, D> {
        let state = super::Workflow::<Q>::state::<kind::Choice>(self.comment, self.body);
        self.workflow.insert(self.name, state, false)
    }
}
