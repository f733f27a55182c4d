//! Running parsed paths: reading JSON through a [`Path`] (InputPath, OutputPath, `.$` template
//! values, …) and writing a result through a [`ReferencePath`] (ResultPath).
//!
//! Reading follows Jayway `JsonPath`, the engine AWS runs
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html>),
//! as far as AWS lets it show: a *definite* path yields one value and fails when a step finds
//! nothing; an *indefinite* path yields a JSON array of every match, in document order, and
//! never fails for lack of matches (`$.items[*]` on `{}` gives `[]`, recorded in
//! `tests/data/aws-recorded/io_paths/`
//! `base__test_json_path_array_wildcard_or_slice_with_no_input_.items.json`). Failures carry
//! Jayway's own text (`No results for path: $['missing']`), which the engine wraps in AWS's
//! cause (as in `tests/data/aws-recorded/io_paths/`
//! `base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_INPUTPATH.json`).
//!
//! Writing follows ResultPath
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html>): missing
//! members are created as `{}`, existing ones are overwritten in place, and a step that lands on a
//! value it cannot go through fails with AWS's `States.ReferencePathConflict` texts.
//!
//! Speed matters: the interpreter evaluates several paths per transition. A definite path of
//! member and index steps walks by reference and clones only the value it returns; nothing is
//! allocated per step. Indefinite paths collect references and clone once at the end. Nothing
//! here recurses on the depth of the JSON value (descent, equality and message rendering use
//! explicit stacks); recursion only follows the filter nesting, which the parser caps.

use super::{CompareOp, FilterExpr, FilterPath, Operand, Origin, Path, ReferencePath, Root};
use super::{Segment, UnionKeys};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::{self, Write};

/// What a path can start from.
pub struct Roots<'a> {
    /// `$`: the data the field applies to (state input, result, …).
    pub input: &'a Value,
    /// `$$`: the Context Object
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html>).
    pub context: &'a Value,
    /// `$name`: looks up a workflow variable; `None` when it is not assigned.
    pub variable: &'a dyn Fn(&str) -> Option<&'a Value>,
}

/// Why a definite path found nothing, or could not be evaluated at all. The engine wraps it in
/// AWS's texts (`Invalid path '<p>' : <detail>`, or the "could not be found" text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathFailure {
    detail: String,
    unknown_variable: Option<String>,
}

impl PathFailure {
    /// Jayway's own text as AWS prints it after `Invalid path '<p>' : `:
    /// `No results for path: $['missing']` when the last step found nothing,
    /// `Missing property in path $['no']` when an earlier step did, each with the normalised
    /// bracket path up to and including that step. One-step forms are recorded (e.g.
    /// `tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json`);
    /// longer ones follow Jayway and are not.
    ///
    /// The path always starts with a plain `$`, also for `$$…` and `$var…` paths: AWS strips
    /// those roots before handing the rest to Jayway, which only knows `$`. Names are printed
    /// raw, as Jayway concatenates them (`$['it's']`). The one exception is an unassigned root
    /// variable, which never reaches Jayway: the detail then names it (`$nope`), by the same
    /// last-step/earlier-step rule; prefer [`PathFailure::unknown_variable`] there.
    pub fn jayway_detail(&self) -> &str {
        &self.detail
    }

    /// The name of the variable, when the path's root variable (`$nope.x`) is not assigned.
    /// AWS has no recording of this case; the "could not be found" text is the safe choice
    /// here rather than a Jayway detail.
    pub fn unknown_variable(&self) -> Option<&str> {
        self.unknown_variable.as_deref()
    }

    /// Nothing at step `step` of a definite path.
    fn missing(segments: &[Segment], step: usize) -> PathFailure {
        let prefix = segments.get(..=step).unwrap_or(segments);
        let detail = if step + 1 >= segments.len() {
            format!("No results for path: {}", jayway_path(prefix))
        } else {
            format!("Missing property in path {}", jayway_path(prefix))
        };
        PathFailure {
            detail,
            unknown_variable: None,
        }
    }

    /// `$name` is not assigned. The root counts as the failing step, so the variant follows the
    /// same rule as for a missing member.
    fn unassigned(name: &str, has_steps: bool) -> PathFailure {
        let detail = if has_steps {
            format!("Missing property in path ${name}")
        } else {
            format!("No results for path: ${name}")
        };
        PathFailure {
            detail,
            unknown_variable: Some(name.to_owned()),
        }
    }

    /// A name union (`['a','b']`) that is not the last step. Jayway 2.0, which AWS ran, refused
    /// it when evaluation reached it; AWS printed this text for `$['a', 'b'].v` (a public field
    /// report of a Pass InputPath). Later Jayway versions iterate such a union instead.
    fn non_leaf_union(segments: &[Segment], step: usize) -> PathFailure {
        let prefix = segments.get(..step).unwrap_or(segments);
        let mut detail = format!(
            "Multi properties can only be used as path leafs: {}",
            jayway_path(prefix)
        );
        let names = match segments.get(step) {
            Some(Segment::Union(UnionKeys::Names(names))) => names.as_slice(),
            Some(Segment::Descendant(inner)) => match inner.as_ref() {
                Segment::Union(UnionKeys::Names(names)) => {
                    detail.push_str("..");
                    names.as_slice()
                }
                _ => &[],
            },
            _ => &[],
        };
        // Jayway 2.0 joins the names with ", " in this message (`$['a', 'b']`).
        detail.push('[');
        for (position, name) in names.iter().enumerate() {
            if position > 0 {
                detail.push_str(", ");
            }
            let _ = write!(detail, "'{name}'");
        }
        detail.push(']');
        PathFailure {
            detail,
            unknown_variable: None,
        }
    }
}

impl fmt::Display for PathFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for PathFailure {}

/// Why a ResultPath could not be applied: AWS's `States.ReferencePathConflict` (the spec's name
/// for it is `States.ResultPathMatchFailure`, <https://states-language.net/spec.html>).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetFailure {
    cause: String,
    target: Value,
}

impl SetFailure {
    /// The ASL error name AWS raises, `States.ReferencePathConflict`.
    pub fn error(&self) -> &'static str {
        "States.ReferencePathConflict"
    }

    /// AWS's cause text, with the whole input as compact JSON:
    /// `Unable to apply ReferencePath $.x to input "foo"` when the input itself cannot take the
    /// first step, `Unable to apply step "a" to input {"a":5}` when step `a` leads to a value
    /// the next step cannot go through (or an index step is out of range).
    pub fn cause(&self) -> &str {
        &self.cause
    }

    /// The target, unchanged: a Catcher's ResultPath applies to the same raw input, so the
    /// engine gets it back instead of having to clone it before every write.
    pub fn into_target(self) -> Value {
        self.target
    }
}

impl fmt::Display for SetFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cause)
    }
}

impl std::error::Error for SetFailure {}

impl Path {
    /// Evaluates the path with Jayway semantics: a definite path yields the value itself, and
    /// fails when a step is missing; an indefinite path (`..`, `*`, filter, slice, union)
    /// yields a JSON array of every match in document order, possibly empty, and never fails
    /// for lack of matches.
    ///
    /// Details that AWS shows and this follows:
    /// - `[n]` counts from the end when negative; out of range, or applied to a non-array, it
    ///   finds nothing (as does a member step on a non-object).
    /// - A name union as the last step (`$['a','b']`) is definite and yields one object with
    ///   the members present, in union order. Anywhere else it fails (see
    ///   [`PathFailure::jayway_detail`]).
    /// - A filter applied to an array tests each element; applied to an object it tests the
    ///   object itself (Jayway's `PredicatePathToken`). Only objects ever pass: AWS documents
    ///   that "`@` … does not match scalar values. It only matches objects."
    /// - `..x` visits the node, then its descendants depth first in document order, and
    ///   applies `x` to each: a node's own member comes before its descendants' (Jayway's
    ///   `ScanPathToken`).
    ///
    /// # Errors
    ///
    /// A [`PathFailure`] when a definite path finds nothing, when the root variable is not
    /// assigned, or when a name union is not the last step.
    pub fn evaluate(&self, roots: &Roots<'_>) -> Result<Value, PathFailure> {
        self.evaluate_borrowed(roots).map(Cow::into_owned)
    }

    /// [`Path::evaluate`] without the final copy where there is nothing to build: a definite
    /// path borrows the value from the roots, so a reader that only inspects it (a Choice
    /// rule, `SecondsPath`, `ItemsPath`) clones nothing. Indefinite paths and final name
    /// unions build their result, which comes back owned.
    ///
    /// # Errors
    ///
    /// As [`Path::evaluate`].
    pub fn evaluate_borrowed<'a>(&self, roots: &Roots<'a>) -> Result<Cow<'a, Value>, PathFailure> {
        let segments = self.segments();
        let document = match self.root() {
            Root::Input => roots.input,
            Root::Context => roots.context,
            Root::Variable(name) => match (roots.variable)(name) {
                Some(value) => value,
                None => return Err(PathFailure::unassigned(name, !segments.is_empty())),
            },
        };
        let scope = Scope { roots, document };
        match select(document, segments, &scope) {
            Selection::One(found) => Ok(found),
            Selection::Many(found) => Ok(Cow::Owned(Value::Array(
                found.into_iter().map(Cow::into_owned).collect(),
            ))),
            // Only a definite prefix can miss; behind it an indefinite path matches nothing.
            Selection::Missing(step) if self.is_definite() => {
                Err(PathFailure::missing(segments, step))
            }
            Selection::Missing(_) => Ok(Cow::Owned(Value::Array(Vec::new()))),
            Selection::NonLeafUnion(step) => Err(PathFailure::non_leaf_union(segments, step)),
        }
    }
}

impl ReferencePath {
    /// Returns `target` with `value` written at the path (ResultPath).
    ///
    /// `$` replaces the whole target. Otherwise the path is walked from the root: a missing
    /// member is created as `{}` when a member step follows, an existing member is overwritten
    /// where it stands (member order is kept, new members go last), and an array element is
    /// replaced when the index is in range (negative counts from the end).
    ///
    /// # Errors
    ///
    /// A [`SetFailure`] (`States.ReferencePathConflict`) when the target cannot take the first
    /// step (`"foo"` for `$.x`), when a step leads to a value the next step cannot go through
    /// (`{"a":5}` for `$.a.b`; a new `{}` for `$.a[0]`), when an index is out of range, or for
    /// a `$$`/`$var` root, which validation already rejects (V802). The path is checked before
    /// anything is written, so [`SetFailure::into_target`] gives the target back unchanged.
    pub fn set(&self, target: Value, value: Value) -> Result<Value, SetFailure> {
        let path = self.as_path();
        let segments = path.segments();
        let checked = if *path.root() != Root::Input {
            Err(Conflict::Root)
        } else if segments.is_empty() {
            return Ok(value);
        } else {
            check_writable(&target, segments)
        };
        if let Err(conflict) = checked {
            let cause = match conflict {
                Conflict::Root => reference_conflict(path, &target),
                Conflict::Step(step) => step_conflict(segments.get(step), &target),
            };
            return Err(SetFailure { cause, target });
        }
        let mut target = target;
        match write_at(&mut target, segments, value) {
            Some(()) => Ok(target),
            // `check_writable` accepted the path, so this is unreachable; still report the
            // root conflict rather than panic.
            None => Err(SetFailure {
                cause: reference_conflict(path, &target),
                target,
            }),
        }
    }
}

// ----- reading -----

/// What evaluation needs besides the node in hand: the roots, for `$$` and `$var` inside
/// filters, and the document the path started from, which is what `$` means inside a filter
/// (Jayway's root document; for a `$$…` path that is the Context Object).
struct Scope<'r, 'v> {
    roots: &'r Roots<'v>,
    document: &'v Value,
}

/// The outcome of applying a list of steps to one node.
enum Selection<'v> {
    /// The steps were all member/index steps (plus maybe a final name union) and found this.
    One(Cow<'v, Value>),
    /// The steps were indefinite: every match, in document order.
    Many(Vec<Cow<'v, Value>>),
    /// Step `n` of the leading member/index steps found nothing.
    Missing(usize),
    /// Step `n` is a name union that is not the last step.
    NonLeafUnion(usize),
}

/// Applies `segments` to `start`. Member and index steps walk by reference, without
/// allocating, until the first step that can select several nodes; from there on the matches
/// are collected in lists.
fn select<'v>(start: &'v Value, segments: &[Segment], scope: &Scope<'_, 'v>) -> Selection<'v> {
    let mut node = start;
    for (step, segment) in segments.iter().enumerate() {
        let next = match segment {
            Segment::Child(name) => member(node, name),
            Segment::Index(index) => element(node, *index),
            Segment::Union(UnionKeys::Names(names)) if step + 1 == segments.len() => {
                return match node {
                    Value::Object(object) => Selection::One(Cow::Owned(merge(object, names))),
                    _ => Selection::Missing(step),
                };
            }
            _ => return select_many(node, segments, step, scope),
        };
        match next {
            Some(found) => node = found,
            None => return Selection::Missing(step),
        }
    }
    Selection::One(Cow::Borrowed(node))
}

/// Applies `segments[first..]` to `start`, collecting every match.
fn select_many<'v>(
    start: &'v Value,
    segments: &[Segment],
    first: usize,
    scope: &Scope<'_, 'v>,
) -> Selection<'v> {
    let Some((last, middle)) = segments.get(first..).and_then(<[Segment]>::split_last) else {
        return Selection::One(Cow::Borrowed(start));
    };
    let mut current = vec![start];
    for (offset, segment) in middle.iter().enumerate() {
        let mut next = Vec::new();
        for node in current {
            if apply(segment, node, false, scope, &mut next).is_err() {
                return Selection::NonLeafUnion(first + offset);
            }
        }
        current = next;
    }
    // A final name union builds new objects; every other final step selects existing nodes.
    let final_names = match last {
        Segment::Union(UnionKeys::Names(names)) => Some((names, false)),
        Segment::Descendant(inner) => match inner.as_ref() {
            Segment::Union(UnionKeys::Names(names)) => Some((names, true)),
            _ => None,
        },
        _ => None,
    };
    let found = match final_names {
        Some((names, false)) => current
            .into_iter()
            .filter_map(Value::as_object)
            .map(|object| Cow::Owned(merge(object, names)))
            .collect(),
        Some((names, true)) => {
            let mut objects = Vec::new();
            for node in current {
                descend_for_names(node, names, &mut objects);
            }
            objects
                .into_iter()
                .map(|object| Cow::Owned(merge(object, names)))
                .collect()
        }
        None => {
            let mut found = Vec::new();
            for node in current {
                // Only a name union refuses to be applied, and the arms above took those.
                let _ = apply(last, node, true, scope, &mut found);
            }
            found.into_iter().map(Cow::Borrowed).collect()
        }
    };
    Selection::Many(found)
}

/// A name union that is not the last step (see [`PathFailure::non_leaf_union`]).
struct NonLeafUnion;

/// Applies one step to one node, pushing what it selects onto `out`.
fn apply<'v>(
    segment: &Segment,
    node: &'v Value,
    is_last: bool,
    scope: &Scope<'_, 'v>,
    out: &mut Vec<&'v Value>,
) -> Result<(), NonLeafUnion> {
    match segment {
        Segment::Child(name) => out.extend(member(node, name)),
        Segment::Index(index) => out.extend(element(node, *index)),
        Segment::Wildcard => push_children(node, out),
        Segment::Slice { start, end, step } => {
            if let Value::Array(items) = node {
                push_slice(items, *start, *end, *step, out);
            }
        }
        Segment::Union(UnionKeys::Indexes(indexes)) => {
            for index in indexes {
                out.extend(element(node, *index));
            }
        }
        Segment::Union(UnionKeys::Names(_)) => return Err(NonLeafUnion),
        Segment::Filter(expr) => match node {
            Value::Object(_) if passes(expr, node, scope) => out.push(node),
            Value::Array(items) => {
                for item in items {
                    if item.is_object() && passes(expr, item, scope) {
                        out.push(item);
                    }
                }
            }
            _ => {}
        },
        Segment::Descendant(inner) => descend(inner, node, is_last, scope, out)?,
    }
    Ok(())
}

/// `..inner` from `start`: visits `start` and every descendant depth first, in document
/// order, applying `inner` to each (Jayway's `ScanPathToken.walk`). Iterative, so a deeply
/// nested value cannot exhaust the stack.
fn descend<'v>(
    inner: &Segment,
    start: &'v Value,
    is_last: bool,
    scope: &Scope<'_, 'v>,
    out: &mut Vec<&'v Value>,
) -> Result<(), NonLeafUnion> {
    if matches!(inner, Segment::Union(UnionKeys::Names(_))) {
        return Err(NonLeafUnion);
    }
    let mut pending = vec![start];
    while let Some(node) = pending.pop() {
        match inner {
            Segment::Index(_) | Segment::Slice { .. } | Segment::Union(UnionKeys::Indexes(_)) => {
                if node.is_array() {
                    if is_last {
                        apply(inner, node, true, scope, out)?;
                    } else {
                        // Jayway's `walkArray` quirk: before a further step, an index or slice
                        // under `..` hands *every* element on, not the selected ones.
                        push_children(node, out);
                    }
                }
            }
            // Jayway tests the filter against each object it visits (arrays never pass).
            Segment::Filter(expr) => {
                if node.is_object() && passes(expr, node, scope) {
                    out.push(node);
                }
            }
            // The parser never nests `..`; the guard at the top handled name unions.
            Segment::Descendant(_) | Segment::Union(UnionKeys::Names(_)) => {}
            other => apply(other, node, is_last, scope, out)?,
        }
        push_children_reversed(node, &mut pending);
    }
    Ok(())
}

/// `..['a','b']` as the last step: every object, depth first, that has all the names
/// (Jayway's `PropertyPathTokenPredicate`).
fn descend_for_names<'v>(
    start: &'v Value,
    names: &[String],
    out: &mut Vec<&'v Map<String, Value>>,
) {
    let mut pending = vec![start];
    while let Some(node) = pending.pop() {
        if let Value::Object(object) = node
            && names.iter().all(|name| object.contains_key(name))
        {
            out.push(object);
        }
        push_children_reversed(node, &mut pending);
    }
}

/// Objects up to this size are searched by comparing keys, which is cheaper than hashing the
/// name with serde_json's SipHash (a tenth of a Pass transition on the pass-chain workload).
const SCAN_LIMIT: usize = 8;

fn member<'v>(node: &'v Value, name: &str) -> Option<&'v Value> {
    let object = node.as_object()?;
    if object.len() <= SCAN_LIMIT {
        object
            .iter()
            .find_map(|(key, value)| (key == name).then_some(value))
    } else {
        object.get(name)
    }
}

fn member_mut<'v>(object: &'v mut Map<String, Value>, name: &str) -> Option<&'v mut Value> {
    if object.len() <= SCAN_LIMIT {
        object
            .iter_mut()
            .find_map(|(key, value)| (key == name).then_some(value))
    } else {
        object.get_mut(name)
    }
}

/// The element at `index`, counting from the end when negative.
fn element(node: &Value, index: i64) -> Option<&Value> {
    let items = node.as_array()?;
    items.get(position(items.len(), index)?)
}

fn position(len: usize, index: i64) -> Option<usize> {
    if index < 0 {
        len.checked_sub(usize::try_from(index.unsigned_abs()).ok()?)
    } else {
        usize::try_from(index).ok()
    }
}

fn push_children<'v>(node: &'v Value, out: &mut Vec<&'v Value>) {
    match node {
        Value::Object(object) => out.extend(object.values()),
        Value::Array(items) => out.extend(items),
        _ => {}
    }
}

/// Children in reverse, so that popping the stack visits them in document order.
fn push_children_reversed<'v>(node: &'v Value, pending: &mut Vec<&'v Value>) {
    match node {
        Value::Object(object) => pending.extend(object.values().rev()),
        Value::Array(items) => pending.extend(items.iter().rev()),
        _ => {}
    }
}

/// `[start:end:step]` with Python's rules: negative bounds count from the end, bounds are
/// clamped to the array, absent bounds are open, and a negative step walks backwards.
fn push_slice<'v>(
    items: &'v [Value],
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
    out: &mut Vec<&'v Value>,
) {
    // i128 holds every i64 bound plus any array length without overflow.
    let len = i128::try_from(items.len()).unwrap_or(i128::MAX);
    let step = i128::from(step.unwrap_or(1));
    let bound = |value: Option<i64>, open: i128, low: i128, high: i128| match value {
        None => open,
        Some(value) => {
            let value = i128::from(value);
            let value = if value < 0 { value + len } else { value };
            value.clamp(low, high)
        }
    };
    let push = |index: i128, out: &mut Vec<&'v Value>| {
        if let Some(item) = usize::try_from(index).ok().and_then(|i| items.get(i)) {
            out.push(item);
        }
    };
    if step > 0 {
        let mut index = bound(start, 0, 0, len);
        let end = bound(end, len, 0, len);
        while index < end {
            push(index, out);
            index += step;
        }
    } else if step < 0 {
        let mut index = bound(start, len - 1, -1, len - 1);
        let end = bound(end, -1, -1, len - 1);
        while index > end {
            push(index, out);
            index += step;
        }
    }
}

/// The members of `object` named by a union, in union order; absent names are left out
/// (Jayway's merge of leaf multi-properties).
fn merge(object: &Map<String, Value>, names: &[String]) -> Value {
    let mut merged = Map::new();
    for name in names {
        if let Some(value) = object.get(name) {
            merged.insert(name.clone(), value.clone());
        }
    }
    Value::Object(merged)
}

// ----- filters -----

/// Whether `item` passes the filter. `&&`/`||` chains are walked in a loop, so only
/// parentheses and `!` recurse, and the parser caps those. Evaluation has no side effects, so
/// testing a chain's operands from the right gives the same answer.
fn passes<'v>(expr: &FilterExpr, item: &'v Value, scope: &Scope<'_, 'v>) -> bool {
    let mut expr = expr;
    loop {
        match expr {
            FilterExpr::Or(left, right) => {
                if passes(right, item, scope) {
                    return true;
                }
                expr = left;
            }
            FilterExpr::And(left, right) => {
                if !passes(right, item, scope) {
                    return false;
                }
                expr = left;
            }
            FilterExpr::Not(inner) => return !passes(inner, item, scope),
            // Jayway's existence test reads with REQUIRE_PROPERTIES: a member that is present
            // with the value `null` exists.
            FilterExpr::Exists(path) => {
                return match select_filter_path(path, item, scope) {
                    Some(Selection::One(_)) => true,
                    Some(Selection::Many(found)) => !found.is_empty(),
                    _ => false,
                };
            }
            FilterExpr::Compare { left, op, right } => {
                return match (operand(left, item, scope), operand(right, item, scope)) {
                    (Some(left), Some(right)) => compare(&left, *op, &right),
                    // A missing operand makes the comparison false, `!=` included, as in Jayway
                    // 2.0 (its `Criteria.eval` catches `PathNotFoundException`).
                    _ => false,
                };
            }
        }
    }
}

/// The value of one side of a comparison, if it has one. An indefinite operand path gives the
/// array of its matches, as Jayway's later versions do.
fn operand<'x, 'v: 'x>(
    operand: &'x Operand,
    item: &'v Value,
    scope: &Scope<'_, 'v>,
) -> Option<Cow<'x, Value>> {
    match operand {
        Operand::Literal(value) => Some(Cow::Borrowed(value)),
        Operand::Word(_) => None,
        Operand::Path(path) => match select_filter_path(path, item, scope)? {
            Selection::One(found) => Some(found),
            Selection::Many(found) => Some(Cow::Owned(Value::Array(
                found.into_iter().map(Cow::into_owned).collect(),
            ))),
            Selection::Missing(_) | Selection::NonLeafUnion(_) => None,
        },
    }
}

/// Evaluates a path inside a filter; `None` when its root variable is not assigned.
fn select_filter_path<'v>(
    path: &FilterPath,
    item: &'v Value,
    scope: &Scope<'_, 'v>,
) -> Option<Selection<'v>> {
    let start = match &path.origin {
        Origin::Current => item,
        Origin::Root(Root::Input) => scope.document,
        Origin::Root(Root::Context) => scope.roots.context,
        Origin::Root(Root::Variable(name)) => (scope.roots.variable)(name)?,
    };
    Some(select(start, &path.segments, scope))
}

/// `left op right`. Numbers compare by value (`1 == 1.0`), strings by UTF-16 code units as
/// Java's `String.compareTo` does. `==` is JSON equality; `!=` its negation. The ordering
/// operators hold only between two numbers or two strings: any other pair is false, never an
/// error.
fn compare(left: &Value, op: CompareOp, right: &Value) -> bool {
    let ordering = || match (left, right) {
        (Value::Number(left), Value::Number(right)) => Some(compare_numbers(left, right)),
        (Value::String(left), Value::String(right)) => {
            Some(left.encode_utf16().cmp(right.encode_utf16()))
        }
        _ => None,
    };
    match op {
        CompareOp::Eq => json_equal(left, right),
        CompareOp::Ne => !json_equal(left, right),
        CompareOp::Lt => ordering() == Some(Ordering::Less),
        CompareOp::Le => matches!(ordering(), Some(Ordering::Less | Ordering::Equal)),
        CompareOp::Gt => ordering() == Some(Ordering::Greater),
        CompareOp::Ge => matches!(ordering(), Some(Ordering::Greater | Ordering::Equal)),
    }
}

/// JSON equality with numbers by value and member order ignored. Containers are walked with
/// an explicit stack (allocated only when one is met), so deep values cannot exhaust the call
/// stack and scalar comparisons, the common filter case, allocate nothing.
pub(crate) fn json_equal(left: &Value, right: &Value) -> bool {
    let mut pending = Vec::new();
    let mut pair = (left, right);
    loop {
        match pair {
            (Value::Null, Value::Null) => {}
            (Value::Bool(left), Value::Bool(right)) if left == right => {}
            (Value::String(left), Value::String(right)) if left == right => {}
            (Value::Number(left), Value::Number(right))
                if compare_numbers(left, right) == Ordering::Equal => {}
            (Value::Array(left), Value::Array(right)) if left.len() == right.len() => {
                pending.extend(left.iter().zip(right));
            }
            (Value::Object(left), Value::Object(right)) if left.len() == right.len() => {
                for (name, value) in left {
                    match right.get(name) {
                        Some(other) => pending.push((value, other)),
                        None => return false,
                    }
                }
            }
            _ => return false,
        }
        match pending.pop() {
            Some(next) => pair = next,
            None => return true,
        }
    }
}

/// Exact numeric order across serde_json's three representations, like Jayway's
/// `BigDecimal` comparison: `1 == 1.0`, and `2^53 + 1` is not equal to `2^53`.
fn compare_numbers(left: &Number, right: &Number) -> Ordering {
    match (integer(left), integer(right)) {
        (Some(left), Some(right)) => left.cmp(&right),
        (Some(left), None) => compare_integer_float(left, right.as_f64().unwrap_or(0.0)),
        (None, Some(right)) => compare_integer_float(right, left.as_f64().unwrap_or(0.0)).reverse(),
        (None, None) => {
            let (left, right) = (left.as_f64().unwrap_or(0.0), right.as_f64().unwrap_or(0.0));
            left.partial_cmp(&right).unwrap_or(Ordering::Equal)
        }
    }
}

fn integer(number: &Number) -> Option<i128> {
    number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from))
}

/// Compares an integer (within i64/u64 range) with a finite float without rounding either.
fn compare_integer_float(integer: i128, float: f64) -> Ordering {
    // Beyond these bounds the float is outside every i64/u64, so the answer is its sign.
    if float >= 18_446_744_073_709_551_616.0 {
        return Ordering::Less;
    }
    if float < -9_223_372_036_854_775_808.0 {
        return Ordering::Greater;
    }
    let whole = float.trunc();
    // In range and integral, so the conversion is exact.
    let whole_integer = whole as i128;
    match integer.cmp(&whole_integer) {
        Ordering::Equal => whole.partial_cmp(&float).unwrap_or(Ordering::Equal),
        unequal => unequal,
    }
}

// ----- writing -----

/// Where writing would fail.
enum Conflict {
    /// The target itself cannot take the first step.
    Root,
    /// Step `n` leads to a value the next step cannot go through, or is out of range.
    Step(usize),
}

/// Decides, without changing anything, whether [`write_at`] will succeed, and where it would
/// fail. Checking first keeps the target intact on failure and lets the message show it as it
/// was.
fn check_writable(target: &Value, segments: &[Segment]) -> Result<(), Conflict> {
    if !takes(target, segments.first()) {
        return Err(Conflict::Root);
    }
    // `None` once a member is missing: from there on every node is a new `{}`.
    let mut node = Some(target);
    for (step, segment) in segments.iter().enumerate() {
        let following = segments.get(step + 1);
        let next = match (segment, node) {
            (Segment::Child(name), Some(current)) => member(current, name),
            (Segment::Child(_), None) => None,
            (Segment::Index(index), Some(current)) => match element(current, *index) {
                Some(found) => Some(found),
                None => return Err(Conflict::Step(step)),
            },
            _ => return Err(Conflict::Step(step)),
        };
        let Some(following) = following else {
            return Ok(());
        };
        let fits = match next {
            Some(next) => takes(next, Some(following)),
            // A new `{}` takes member steps only.
            None => matches!(following, Segment::Child(_)),
        };
        if !fits {
            return Err(Conflict::Step(step));
        }
        node = next;
    }
    Ok(())
}

/// Whether `node` can take `step`: objects take member steps, arrays index steps.
fn takes(node: &Value, step: Option<&Segment>) -> bool {
    match step {
        Some(Segment::Child(_)) => node.is_object(),
        Some(Segment::Index(_)) => node.is_array(),
        _ => false,
    }
}

/// Writes `value` at the path; `None` only for paths [`check_writable`] refuses.
fn write_at(target: &mut Value, segments: &[Segment], value: Value) -> Option<()> {
    let (last, leading) = segments.split_last()?;
    let mut node = target;
    for segment in leading {
        node = match segment {
            Segment::Child(name) => {
                let object = node.as_object_mut()?;
                if !object.contains_key(name) {
                    object.insert(name.clone(), Value::Object(Map::new()));
                }
                object.get_mut(name)?
            }
            Segment::Index(index) => element_mut(node, *index)?,
            _ => return None,
        };
    }
    match last {
        Segment::Child(name) => {
            let object = node.as_object_mut()?;
            // Assigning in place keeps the member's position and avoids cloning the key.
            if let Some(slot) = member_mut(object, name) {
                *slot = value;
            } else {
                object.insert(name.clone(), value);
            }
        }
        Segment::Index(index) => *element_mut(node, *index)? = value,
        _ => return None,
    }
    Some(())
}

fn element_mut(node: &mut Value, index: i64) -> Option<&mut Value> {
    let items = node.as_array_mut()?;
    let position = position(items.len(), index)?;
    items.get_mut(position)
}

/// `Unable to apply ReferencePath <path as written> to input <json>`.
fn reference_conflict(path: &Path, target: &Value) -> String {
    format!(
        "Unable to apply ReferencePath {} to input {}",
        path.as_str(),
        compact_json(target)
    )
}

/// `Unable to apply step "<name>" to input <json>`. The recorded reports only show member
/// steps; an index step is printed as `[n]` (unverified).
fn step_conflict(segment: Option<&Segment>, target: &Value) -> String {
    let step = match segment {
        Some(Segment::Child(name)) => name.clone(),
        Some(Segment::Index(index)) => format!("[{index}]"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    format!(
        "Unable to apply step \"{step}\" to input {}",
        compact_json(target)
    )
}

// ----- rendering -----

/// Jayway's normalised path: `$` then `['name']` and `[n]` per step, names raw (Jayway
/// concatenates them without escaping).
fn jayway_path(segments: &[Segment]) -> String {
    let mut text = String::from("$");
    for segment in segments {
        match segment {
            Segment::Child(name) => {
                let _ = write!(text, "['{name}']");
            }
            Segment::Index(index) => {
                let _ = write!(text, "[{index}]");
            }
            Segment::Union(UnionKeys::Names(names)) => {
                text.push('[');
                for (position, name) in names.iter().enumerate() {
                    if position > 0 {
                        text.push(',');
                    }
                    let _ = write!(text, "'{name}'");
                }
                text.push(']');
            }
            other => {
                let _ = write!(text, "{other}");
            }
        }
    }
    text
}

/// Compact JSON text (no blanks, member order kept), as AWS prints values in causes. Written
/// with an explicit stack: serde_json's serializer recurses once per nesting level.
fn compact_json(value: &Value) -> String {
    enum Frame<'v> {
        Array(std::slice::Iter<'v, Value>),
        Object(serde_json::map::Iter<'v>),
    }
    let mut text = String::new();
    let mut frames: Vec<(Frame<'_>, bool)> = Vec::new();
    let mut next = Some(value);
    loop {
        match next.take() {
            Some(Value::Array(items)) => {
                text.push('[');
                frames.push((Frame::Array(items.iter()), true));
            }
            Some(Value::Object(object)) => {
                text.push('{');
                frames.push((Frame::Object(object.iter()), true));
            }
            // Scalars print without recursion; strings get serde_json's escaping.
            Some(scalar) => {
                let _ = write!(text, "{scalar}");
            }
            None => {}
        }
        let Some((frame, first)) = frames.last_mut() else {
            return text;
        };
        let item = match frame {
            Frame::Array(items) => items.next().map(|item| (None, item)),
            Frame::Object(members) => members.next().map(|(name, item)| (Some(name), item)),
        };
        match item {
            Some((name, item)) => {
                if !*first {
                    text.push(',');
                }
                *first = false;
                if let Some(name) = name {
                    let _ = write!(text, "{}:", Value::String(name.clone()));
                }
                next = Some(item);
            }
            None => {
                text.push(match frame {
                    Frame::Array(_) => ']',
                    Frame::Object(_) => '}',
                });
                frames.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests;
