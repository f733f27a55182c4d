//! The typed steps of a parsed path, designed so an evaluator is a plain walk over them.

use super::Root;
use serde_json::Value;

/// One step of a path, applied to every node the previous steps selected.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// `.name` or `['name']`: the member with this (unescaped) key.
    Child(String),
    /// `[n]`: the array element at `n`; negative counts from the end (`[-1]` is the last).
    Index(i64),
    /// `.*` or `[*]`: every member value of an object or every element of an array.
    Wildcard,
    /// `[start:end:step]`: array elements as in Python slicing; absent bounds are open.
    Slice {
        /// First index (inclusive); negative counts from the end.
        start: Option<i64>,
        /// Last index (exclusive); negative counts from the end.
        end: Option<i64>,
        /// Stride; never zero (the parser rejects `[::0]`).
        step: Option<i64>,
    },
    /// `['a','b']` or `[0,1]`: several keys or indexes at once (always two or more).
    Union(UnionKeys),
    /// `[?(<expr>)]`: the elements (or member values) for which the expression holds.
    Filter(Box<FilterExpr>),
    /// `..x`: the inner step applied to the current node and all its descendants. The inner
    /// step is never itself a `Descendant`.
    Descendant(Box<Segment>),
}

/// The members of a union step; a union never mixes names and indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnionKeys {
    /// `['a','b']`. Jayway merges these into one object when the union is the last step
    /// (so that case is definite) and iterates them otherwise.
    Names(Vec<String>),
    /// `[0,1]`: always yields a list.
    Indexes(Vec<i64>),
}

/// A filter condition, evaluated once per candidate node (the `@` node).
#[derive(Clone, Debug, PartialEq)]
pub enum FilterExpr {
    /// `a || b`.
    Or(Box<FilterExpr>, Box<FilterExpr>),
    /// `a && b`.
    And(Box<FilterExpr>, Box<FilterExpr>),
    /// `!a`.
    Not(Box<FilterExpr>),
    /// `@.key` alone: true when the path selects something.
    Exists(FilterPath),
    /// `left op right`.
    Compare {
        /// Left operand.
        left: Operand,
        /// Comparison operator.
        op: CompareOp,
        /// Right operand.
        right: Operand,
    },
}

/// A comparison operator inside a filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// One side of a filter comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `@.x`, `$.x`, …: the value the path selects.
    Path(FilterPath),
    /// A number, string, `true`, `false` or `null` literal.
    Literal(Value),
    /// An unquoted word such as `es` in `@.code == es`: AWS accepts the definition, but the
    /// word is no value, so here a comparison with it never holds (rule V813 says to quote it).
    Word(String),
}

/// A path inside a filter: where it starts and the steps after that.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterPath {
    /// `@` or one of the path roots.
    pub origin: Origin,
    /// Steps applied from the origin.
    pub segments: Vec<Segment>,
}

/// Where a filter path starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `@`: the node being tested.
    Current,
    /// `$`, `$$` or `$name`: the same data the whole path's root refers to.
    Root(Root),
}

/// The unquoted words compared in the filters of `segments` (rule V813), in order.
pub(crate) fn unquoted_words(segments: &[Segment]) -> Vec<&str> {
    let mut words = Vec::new();
    segments_words(segments, &mut words);
    words
}

fn segments_words<'a>(segments: &'a [Segment], words: &mut Vec<&'a str>) {
    for segment in segments {
        match segment {
            Segment::Filter(expr) => filter_words(expr, words),
            Segment::Descendant(inner) => segments_words(std::slice::from_ref(&**inner), words),
            _ => {}
        }
    }
}

fn filter_words<'a>(expr: &'a FilterExpr, words: &mut Vec<&'a str>) {
    match expr {
        FilterExpr::Or(left, right) | FilterExpr::And(left, right) => {
            filter_words(left, words);
            filter_words(right, words);
        }
        FilterExpr::Not(inner) => filter_words(inner, words),
        FilterExpr::Exists(path) => segments_words(&path.segments, words),
        FilterExpr::Compare { left, right, .. } => {
            for operand in [left, right] {
                match operand {
                    Operand::Word(word) => words.push(word),
                    Operand::Path(path) => segments_words(&path.segments, words),
                    Operand::Literal(_) => {}
                }
            }
        }
    }
}
