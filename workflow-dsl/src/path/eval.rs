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
mod tests {
    use super::{PathFailure, Roots, compact_json, json_equal};
    use crate::path::{Path, ReferencePath};
    use serde_json::{Value, json};
    use std::borrow::Cow;

    fn path(text: &str) -> Path {
        match Path::parse(text) {
            Ok(path) => path,
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    fn no_variables<'a>(_: &str) -> Option<&'a Value> {
        None
    }

    fn context() -> Value {
        json!({
            "Execution": {"Input": {"orderId": 7}, "Name": "run-42"},
            "State": {"Name": "Charge", "RetryCount": 0}
        })
    }

    fn eval(text: &str, input: &Value) -> Result<Value, PathFailure> {
        let context = context();
        let roots = Roots {
            input,
            context: &context,
            variable: &no_variables,
        };
        path(text).evaluate(&roots)
    }

    /// The value `text` selects in `input`; panics with the failure otherwise.
    fn get(text: &str, input: &Value) -> Value {
        match eval(text, input) {
            Ok(value) => value,
            Err(failure) => panic!("{text} failed: {failure}"),
        }
    }

    /// The Jayway detail of a path that must fail.
    fn detail(text: &str, input: &Value) -> String {
        match eval(text, input) {
            Ok(value) => panic!("{text} should fail, gave {value}"),
            Err(failure) => failure.jayway_detail().to_owned(),
        }
    }

    fn set(text: &str, target: Value, value: Value) -> Result<Value, String> {
        let reference = match ReferencePath::parse(text) {
            Ok(reference) => reference,
            Err(error) => panic!("{text:?} should be a reference path: {error}"),
        };
        reference.set(target, value).map_err(|failure| {
            assert_eq!(failure.error(), "States.ReferencePathConflict");
            failure.cause().to_owned()
        })
    }

    /// Takes a value apart level by level: dropping a deeply nested value in one piece would
    /// recurse once per level (serde_json's drop glue).
    fn dismantle(value: Value) {
        let mut pending = vec![value];
        while let Some(value) = pending.pop() {
            match value {
                Value::Array(items) => pending.extend(items),
                Value::Object(members) => pending.extend(members.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
    }

    #[test]
    fn dollar_alone_is_the_whole_root() {
        for input in [
            json!({"a": 1}),
            json!("foo"),
            json!(null),
            json!([1, 2]),
            json!(4.5),
        ] {
            assert_eq!(get("$", &input), input);
        }
        assert_eq!(get("$$", &json!({})), context());
    }

    #[test]
    fn definite_member_and_index_steps_give_the_value_itself() {
        let input = json!({
            "a": {"b": [{"c": 1}, {"c": 2}, {"c": 3}]},
            "def ghi": true,
            "store.book": "escaped",
            "nothing": null,
            "delivery-partner": "x"
        });
        assert_eq!(get("$.a.b[0].c", &input), json!(1));
        assert_eq!(get("$['a']['b'][1]", &input), json!({"c": 2}));
        assert_eq!(get("$.a.b[-1].c", &input), json!(3));
        assert_eq!(get("$.a.b[-3].c", &input), json!(1));
        assert_eq!(get("$['def ghi']", &input), json!(true));
        assert_eq!(
            get("$.abc.['def ghi']", &json!({"abc": input})),
            json!(true)
        );
        assert_eq!(get(r"$.store\.book", &input), json!("escaped"));
        assert_eq!(get("$.delivery-partner", &input), json!("x"));
        // Present with the value null is found, not missing.
        assert_eq!(get("$.nothing", &input), Value::Null);
        // A trailing index yields the element, not a one-element list.
        assert_eq!(get("$.a.b[2]", &input), json!({"c": 3}));
    }

    #[test]
    fn missing_steps_give_jayways_texts() {
        // The one-step texts are recorded (tests/data/aws-recorded/io_paths/
        // base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_INPUTPATH.json and
        // tests/data/aws-recorded/error_handling/base_scenarios__test_catch_states_runtime.json);
        // the multi-step ones follow Jayway and are not.
        assert_eq!(
            detail("$.missing", &json!({})),
            "No results for path: $['missing']"
        );
        assert_eq!(
            detail("$.no.such.path", &json!({})),
            "Missing property in path $['no']"
        );
        let input = json!({"a": {"x": 1}, "items": [1, 2, 3], "n": 5, "s": "text"});
        assert_eq!(detail("$.a.b", &input), "No results for path: $['a']['b']");
        assert_eq!(
            detail("$.a.b.c", &input),
            "Missing property in path $['a']['b']"
        );
        assert_eq!(
            detail("$.items[10]", &input),
            "No results for path: $['items'][10]"
        );
        assert_eq!(
            detail("$.items[-4]", &input),
            "No results for path: $['items'][-4]"
        );
        assert_eq!(
            detail("$.items[5].x", &input),
            "Missing property in path $['items'][5]"
        );
        // A step applied to a value that cannot hold it finds nothing.
        assert_eq!(detail("$.n.b", &input), "No results for path: $['n']['b']");
        assert_eq!(detail("$.a[0]", &input), "No results for path: $['a'][0]");
        assert_eq!(
            detail("$.s[0].x", &input),
            "Missing property in path $['s'][0]"
        );
        assert_eq!(detail("$.a", &json!("foo")), "No results for path: $['a']");
        // Names are printed raw, as Jayway concatenates them.
        assert_eq!(
            detail("$['it\\'s']", &input),
            "No results for path: $['it's']"
        );
        assert!(eval("$.missing", &json!({})).is_err_and(|f| f.unknown_variable().is_none()));
    }

    #[test]
    fn definite_paths_can_borrow() {
        let input = json!({"a": {"b": "text"}, "list": [1, 2]});
        let context = context();
        let roots = Roots {
            input: &input,
            context: &context,
            variable: &no_variables,
        };
        let borrowed = path("$.a.b").evaluate_borrowed(&roots);
        assert!(
            matches!(borrowed, Ok(Cow::Borrowed(found)) if std::ptr::eq(found, &input["a"]["b"]))
        );
        let built = path("$.list[*]").evaluate_borrowed(&roots);
        assert!(matches!(built, Ok(Cow::Owned(ref list)) if *list == json!([1, 2])));
        let merged = path("$['a','list']").evaluate_borrowed(&roots);
        assert!(matches!(merged, Ok(Cow::Owned(_))));
    }

    #[test]
    fn context_paths_read_the_context_object() {
        let input = json!({"orderId": 1});
        assert_eq!(get("$$.Execution.Input.orderId", &input), json!(7));
        assert_eq!(get("$$.State.Name", &input), json!("Charge"));
        // Jayway only sees `$`: AWS strips the first `$` of `$$` before evaluating.
        assert_eq!(
            detail("$$.Execution.Nope", &input),
            "No results for path: $['Execution']['Nope']"
        );
        assert_eq!(
            detail("$$.Task.Token", &input),
            "Missing property in path $['Task']"
        );
    }

    #[test]
    fn variable_paths_read_variables() {
        let variables = json!({"order": {"items": [10, 20]}, "limit": 15, "empty": null});
        let lookup = |name: &str| variables.get(name);
        let input = json!({"prices": [{"p": 10}, {"p": 20}]});
        let context = context();
        let roots = Roots {
            input: &input,
            context: &context,
            variable: &lookup,
        };
        let run = |text: &str| path(text).evaluate(&roots);
        assert_eq!(run("$order.items[1]"), Ok(json!(20)));
        assert_eq!(run("$empty"), Ok(Value::Null));
        assert_eq!(run("$.prices[?(@.p > $limit)]"), Ok(json!([{"p": 20}])));
        let missing_member = run("$order.nope").err();
        assert_eq!(
            missing_member.as_ref().map(PathFailure::jayway_detail),
            Some("No results for path: $['nope']")
        );
        assert_eq!(
            missing_member
                .as_ref()
                .and_then(PathFailure::unknown_variable),
            None
        );
        let unknown = run("$nope.x").err();
        assert_eq!(
            unknown.as_ref().and_then(PathFailure::unknown_variable),
            Some("nope")
        );
        assert_eq!(
            unknown.as_ref().map(PathFailure::jayway_detail),
            Some("Missing property in path $nope")
        );
        let bare = run("$nope").err();
        assert_eq!(
            bare.as_ref().map(PathFailure::jayway_detail),
            Some("No results for path: $nope")
        );
        // Even an indefinite path fails when its root variable is unassigned.
        assert!(run("$nope[*]").is_err());
        // Inside a filter an unassigned variable is a missing operand: no match, no failure.
        assert_eq!(run("$.prices[?(@.p > $nope)]"), Ok(json!([])));
    }

    #[test]
    fn indefinite_paths_give_arrays_and_never_fail_for_lack_of_matches() {
        // Recorded: io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input*.json.
        for text in [
            "$[*]",
            "$.items[*]",
            "$.items[*].itemValue",
            "$.item.items[1:5].itemValue",
            "$.item.items[1:]",
            "$..nothing",
            "$.a.b.c[?(@.x)]",
            "$.a[0,1]",
        ] {
            assert_eq!(get(text, &json!({})), json!([]), "{text}");
        }
        // Recorded: io_paths/base__test_state_pass_regex_json_path_base.json.
        let users = json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]});
        assert_eq!(
            get("$.users[?(@.status == 0)]", &users),
            json!([{"year": 1997, "status": 0}])
        );
        // One match is still a list.
        assert_eq!(get("$.users[0:1].year", &users), json!([1997]));
    }

    #[test]
    fn wildcards_take_member_values_and_elements_in_order() {
        let input = json!({"z": 1, "a": [10, 20], "m": {"k": "v"}});
        assert_eq!(get("$.*", &input), json!([1, [10, 20], {"k": "v"}]));
        assert_eq!(get("$[*]", &input), get("$.*", &input));
        assert_eq!(get("$.a[*]", &input), json!([10, 20]));
        assert_eq!(get("$.m.*", &input), json!(["v"]));
        assert_eq!(get("$.z.*", &input), json!([]));
        assert_eq!(get("$.*.k", &input), json!(["v"]));
        let items = json!({"items": [{"v": 1}, {"w": 2}, {"v": null}, 7]});
        assert_eq!(get("$.items[*].v", &items), json!([1, null]));
    }

    #[test]
    fn recursive_descent_follows_jayways_order() {
        let input = json!({
            "a": {"b": {"name": "deep"}, "name": "a's"},
            "name": "top",
            "list": [{"name": "first"}, [{"name": "nested"}], {"name": "second"}]
        });
        // A node's own member comes before anything below it; then children in order.
        assert_eq!(
            get("$..name", &input),
            json!(["top", "a's", "deep", "first", "nested", "second"])
        );
        assert_eq!(get("$.a..name", &input), json!(["a's", "deep"]));
        let small = json!({"a": {"b": 1}, "c": [2, 3]});
        // `..*` yields each container's children, container by container.
        assert_eq!(get("$..*", &small), json!([{"b": 1}, [2, 3], 1, 2, 3]));
        assert_eq!(
            get("$..[0]", &json!({"a": [1, [2, 3]], "b": [4]})),
            json!([1, 2, 4])
        );
        assert_eq!(
            get("$..[-1]", &json!({"a": [1, [2, 3]]})),
            json!([[2, 3], 3])
        );
        assert_eq!(get("$..[0:1]", &json!({"a": [1, [2, 3]]})), json!([1, 2]));
        // Jayway's `walkArray` quirk: an index under `..` followed by another step hands every
        // element on.
        let quirk = json!({"a": [{"x": 1}, {"x": 2}]});
        assert_eq!(get("$..[0].x", &quirk), json!([1, 2]));
        assert_eq!(get("$..x", &quirk), json!([1, 2]));
        let shop = json!({"book": [{"p": 5}, {"p": 15}], "bike": {"p": 20}});
        assert_eq!(
            get("$..[?(@.p > 10)]", &shop),
            json!([{"p": 15}, {"p": 20}])
        );
        assert_eq!(get("$..[?(@.p > 10)].p", &shop), json!([15, 20]));
        let pairs = json!({"x": {"a": 1, "b": 2, "c": 3}, "y": [{"a": 4}, {"b": 5, "a": 6}]});
        assert_eq!(
            get("$..['a','b']", &pairs),
            json!([{"a": 1, "b": 2}, {"a": 6, "b": 5}])
        );
    }

    #[test]
    fn slices_follow_python() {
        let input = json!({"n": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]});
        let cases = [
            ("$.n[1:5]", json!([1, 2, 3, 4])),
            ("$.n[:2]", json!([0, 1])),
            ("$.n[7:]", json!([7, 8, 9])),
            ("$.n[-2:]", json!([8, 9])),
            ("$.n[:-8]", json!([0, 1])),
            ("$.n[-100:100]", json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
            ("$.n[3:1]", json!([])),
            ("$.n[10:]", json!([])),
            ("$.n[::3]", json!([0, 3, 6, 9])),
            ("$.n[1:6:2]", json!([1, 3, 5])),
            ("$.n[::-1]", json!([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])),
            ("$.n[5:1:-2]", json!([5, 3])),
            ("$.n[-1:-4:-1]", json!([9, 8, 7])),
            ("$.n[100::-4]", json!([9, 5, 1])),
            ("$.n[:-100:-1]", json!([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])),
            (
                "$.n[-9223372036854775808:9223372036854775807:9223372036854775807]",
                json!([0]),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(get(text, &input), expected, "{text}");
        }
        assert_eq!(get("$[1:3]", &json!({"a": 1})), json!([]));
        assert_eq!(get("$[1:3]", &json!("string")), json!([]));
    }

    #[test]
    fn unions() {
        let input = json!({"n": [0, 1, 2], "a": 1, "b": {"c": 2}, "d": null});
        assert_eq!(get("$.n[0,2]", &input), json!([0, 2]));
        assert_eq!(get("$.n[2,0,-1,9]", &input), json!([2, 0, 2]));
        // A name union as the last step is definite: one object of the members present, in
        // union order (io_paths has no case; Jayway's leaf multi-property merge).
        let merged = get("$['b','a','zz','d']", &input);
        assert_eq!(compact_json(&merged), r#"{"b":{"c":2},"a":1,"d":null}"#);
        assert_eq!(get("$['x','y']", &input), json!({}));
        assert_eq!(
            get(
                "$[*]['a','b']",
                &json!([{"a": 1, "b": 2, "c": 3}, {"a": 4}, 5])
            ),
            json!([{"a": 1, "b": 2}, {"a": 4}])
        );
        assert_eq!(
            detail("$.a['x','y']", &input),
            "No results for path: $['a']['x','y']"
        );
        // Not last: the text AWS printed for `$['a', 'b'].v` (public report, Jayway 2.0).
        let gotcha = json!({"a": {"v": 1}, "b": {"v": 2}, "c": {"v": 3}});
        assert_eq!(
            detail("$['a', 'b'].v", &gotcha),
            "Multi properties can only be used as path leafs: $['a', 'b']"
        );
        assert_eq!(
            detail("$.x..['a','b'].v", &json!({"x": {}})),
            "Multi properties can only be used as path leafs: $['x']..['a', 'b']"
        );
    }

    #[test]
    fn filter_comparisons() {
        let input = json!({"items": [
            {"id": 1, "n": 1, "s": "apple", "b": true, "v": null},
            {"id": 2, "n": 1.0, "s": "banana", "b": false},
            {"id": 3, "n": 2.5, "s": "cherry", "v": 0},
            {"id": 4, "n": "1", "s": "😀"},
            {"id": 5, "s": "\u{ff61}"}
        ]});
        let ids = |text: &str| -> Vec<Value> {
            match get(text, &input) {
                Value::Array(found) => found.iter().map(|item| item["id"].clone()).collect(),
                other => panic!("{text} gave {other}"),
            }
        };
        let cases: [(&str, Vec<Value>); 22] = [
            ("$.items[?(@.n == 1)]", vec![json!(1), json!(2)]),
            ("$.items[?(@.n == 1.0)]", vec![json!(1), json!(2)]),
            ("$.items[?(@.n != 1)]", vec![json!(3), json!(4)]),
            ("$.items[?(@.n > 1)]", vec![json!(3)]),
            ("$.items[?(@.n >= 1)]", vec![json!(1), json!(2), json!(3)]),
            ("$.items[?(@.n < 2.5)]", vec![json!(1), json!(2)]),
            ("$.items[?(@.n <= 2.5)]", vec![json!(1), json!(2), json!(3)]),
            ("$.items[?(1 < @.n)]", vec![json!(3)]),
            ("$.items[?(@.s == 'banana')]", vec![json!(2)]),
            (
                "$.items[?(@.s > 'b')]",
                vec![json!(2), json!(3), json!(4), json!(5)],
            ),
            // UTF-16 order, as Java compares: U+1F600 (a surrogate pair) sorts before U+FF61.
            (
                "$.items[?(@.s < '\u{ff61}')]",
                vec![json!(1), json!(2), json!(3), json!(4)],
            ),
            ("$.items[?(@.b == true)]", vec![json!(1)]),
            ("$.items[?(@.b != true)]", vec![json!(2)]),
            ("$.items[?(@.v == null)]", vec![json!(1)]),
            ("$.items[?(@.v != null)]", vec![json!(3)]),
            // Different types: never equal, never ordered, and no failure.
            ("$.items[?(@.n == '1')]", vec![json!(4)]),
            ("$.items[?(@.s < 5)]", vec![]),
            ("$.items[?(@.b > false)]", vec![]),
            ("$.items[?(@.v <= null)]", vec![]),
            // Operand paths on both sides, and literal-only comparisons.
            ("$.items[?(@.id == @.n)]", vec![json!(1)]),
            (
                "$.items[?(1 == 1)]",
                vec![json!(1), json!(2), json!(3), json!(4), json!(5)],
            ),
            ("$.items[?(@.missing != 1)]", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(ids(text), expected, "{text}");
        }
    }

    #[test]
    fn filter_logic_existence_and_roots() {
        let input = json!({
            "limit": 10,
            "items": [
                {"id": 1, "price": 5, "qty": 0, "tag": null},
                {"id": 2, "price": 15},
                {"id": 3, "price": 10, "qty": 2, "sub": [{"k": "x"}]}
            ]
        });
        let ids = |text: &str| -> Vec<Value> {
            match get(text, &input) {
                Value::Array(found) => found.iter().map(|item| item["id"].clone()).collect(),
                other => panic!("{text} gave {other}"),
            }
        };
        let cases: [(&str, Vec<Value>); 12] = [
            ("$.items[?(@.qty)]", vec![json!(1), json!(3)]),
            // Present with null exists (Jayway reads existence with REQUIRE_PROPERTIES).
            ("$.items[?(@.tag)]", vec![json!(1)]),
            ("$.items[?(!@.qty)]", vec![json!(2)]),
            ("$.items[?(@.price > 5 && @.qty)]", vec![json!(3)]),
            (
                "$.items[?(@.price < 6 || @.price > 14)]",
                vec![json!(1), json!(2)],
            ),
            ("$.items[?(!(@.price < 6 || @.price > 14))]", vec![json!(3)]),
            (
                "$.items[?((@.price > 5 || @.qty) && @.id != 2)]",
                vec![json!(1), json!(3)],
            ),
            ("$.items[?(@.price <= $.limit)]", vec![json!(1), json!(3)]),
            ("$.items[?(@.qty == $$.State.RetryCount)]", vec![json!(1)]),
            ("$.items[?(@.sub[?(@.k == 'x')])]", vec![json!(3)]),
            ("$.items[?(@.sub[0].k == 'x')]", vec![json!(3)]),
            ("$.items[?(@.sub[*].k)]", vec![json!(3)]),
        ];
        for (text, expected) in cases {
            assert_eq!(ids(text), expected, "{text}");
        }
    }

    #[test]
    fn filters_test_objects_only() {
        // Applied to an object, a filter tests the object itself (Jayway).
        let input = json!({"obj": {"x": 1}, "nums": [1, 2, 3], "nested": [[1], {"x": 1}]});
        assert_eq!(get("$.obj[?(@.x == 1)]", &input), json!([{"x": 1}]));
        assert_eq!(get("$.obj[?(@.x == 2)]", &input), json!([]));
        // AWS: "The @ operator ... does not match scalar values. It only matches objects."
        assert_eq!(get("$.nums[?(@ > 1)]", &input), json!([]));
        assert_eq!(get("$.nested[?(@)]", &input), json!([{"x": 1}]));
        assert_eq!(get("$.nums[0][?(@)]", &input), json!([]));
        // Whole objects compare as JSON: member order ignored, numbers by value.
        let pairs = json!({"list": [
            {"a": {"x": 1, "y": [2]}, "b": {"y": [2.0], "x": 1}},
            {"a": {"x": 1}, "b": {"x": 2}}
        ]});
        assert_eq!(
            get("$.list[?(@.a == @.b)]", &pairs)
                .as_array()
                .map(Vec::len),
            Some(1)
        );
    }

    #[test]
    fn numbers_compare_exactly() {
        let input = json!({"list": [
            {"n": 9_007_199_254_740_993_u64},
            {"n": 18_446_744_073_709_551_615_u64},
            {"n": -9_223_372_036_854_775_808_i64},
            {"n": 0.5}
        ]});
        let count = |text: &str| get(text, &input).as_array().map_or(0, Vec::len);
        // 2^53 + 1 differs from the float 2^53, which an f64 comparison would miss.
        assert_eq!(count("$.list[?(@.n == 9007199254740992.0)]"), 0);
        assert_eq!(count("$.list[?(@.n > 9007199254740992.0)]"), 2);
        assert_eq!(count("$.list[?(@.n == 18446744073709551615)]"), 1);
        assert_eq!(count("$.list[?(@.n < 1e300)]"), 4);
        assert_eq!(count("$.list[?(@.n > -1e300)]"), 4);
        assert_eq!(count("$.list[?(@.n < -9223372036854775807)]"), 1);
        assert_eq!(count("$.list[?(@.n > 0 && @.n < 1)]"), 1);
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(!json_equal(&json!([1, 2]), &json!([2, 1])));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }

    #[test]
    fn result_path_writes_into_the_raw_input() {
        let result = json!({"r": true});
        // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html; the
        // conflict texts (`Unable to apply …`) are not in the AWS recordings.
        assert_eq!(set("$", json!({"a": 1}), json!("x")), Ok(json!("x")));
        assert_eq!(set("$", json!("foo"), json!([1])), Ok(json!([1])));
        assert_eq!(
            set("$.a.b", json!({}), result.clone()),
            Ok(json!({"a": {"b": {"r": true}}}))
        );
        assert_eq!(
            set("$.a.b", json!({"a": 5}), result.clone()),
            Err(r#"Unable to apply step "a" to input {"a":5}"#.to_owned())
        );
        assert_eq!(
            set("$.x", json!("foo"), result.clone()),
            Err(r#"Unable to apply ReferencePath $.x to input "foo""#.to_owned())
        );
        assert_eq!(
            set("$.x", json!([1, {"a": "é\n"}]), result.clone()),
            Err(r#"Unable to apply ReferencePath $.x to input [1,{"a":"é\n"}]"#.to_owned())
        );
        // Existing members are overwritten where they stand; new ones go last.
        let written = set("$.y", json!({"x": 1, "y": {"old": 1}, "z": 3}), json!(2));
        assert_eq!(
            written.as_ref().map(compact_json),
            Ok(r#"{"x":1,"y":2,"z":3}"#.to_owned())
        );
        let appended = set("$.b.new", json!({"b": {"keep": 1}, "c": 2}), json!(0));
        assert_eq!(
            appended.as_ref().map(compact_json),
            Ok(r#"{"b":{"keep":1,"new":0},"c":2}"#.to_owned())
        );
        assert_eq!(
            set("$['a b'].c", json!({"z": 0}), json!(1))
                .as_ref()
                .map(compact_json),
            Ok(r#"{"z":0,"a b":{"c":1}}"#.to_owned())
        );
    }

    #[test]
    fn result_path_through_arrays_and_conflicts() {
        let target = json!({"list": [{"a": 1}, {"a": 2}], "n": null});
        assert_eq!(
            set("$.list[1].a", target.clone(), json!(9)),
            Ok(json!({"list": [{"a": 1}, {"a": 9}], "n": null}))
        );
        assert_eq!(
            set("$.list[-1]", target.clone(), json!(0)),
            Ok(json!({"list": [{"a": 1}, 0], "n": null}))
        );
        assert_eq!(set("$[0]", json!([1, 2]), json!(5)), Ok(json!([5, 2])));
        let compact = r#"{"list":[{"a":1},{"a":2}],"n":null}"#;
        let conflicts = [
            ("$.list[5]", r#"Unable to apply step "[5]" to input "#),
            ("$.list[2].a", r#"Unable to apply step "[2]" to input "#),
            ("$.list.a", r#"Unable to apply step "list" to input "#),
            ("$.n.x", r#"Unable to apply step "n" to input "#),
            ("$.list[0].a.b", r#"Unable to apply step "a" to input "#),
            // A missing member would be a new `{}`, which an index step cannot go through.
            // The message shows the input as it was: nothing is written before the check.
            ("$.new[0]", r#"Unable to apply step "new" to input "#),
            ("$[0]", "Unable to apply ReferencePath $[0] to input "),
            ("$$.x", "Unable to apply ReferencePath $$.x to input "),
        ];
        for (text, prefix) in conflicts {
            assert_eq!(
                set(text, target.clone(), json!(1)),
                Err(format!("{prefix}{compact}")),
                "{text}"
            );
        }
        assert_eq!(
            set("$.x", json!(null), json!(1)),
            Err("Unable to apply ReferencePath $.x to input null".to_owned())
        );
    }

    /// Recorded AWS cases, hand-ported: (case file, path, input, outcome). `Ok` is the value
    /// the path gives; `Err` the Jayway detail AWS printed (`None`: AWS printed the
    /// "could not be found" text, which carries no detail, so only the failure is checked).
    #[test]
    fn recorded_cases() {
        let items: Vec<Value> = (0..=10).map(|key| json!({"item_key": key})).collect();
        let items = json!({"items": items});
        type Outcome = Result<Value, Option<&'static str>>;
        let cases: [(&str, &str, Value, Outcome); 20] = [
            (
                "io_paths/base__test_json_path_array_access_.items_0.json",
                "$.items[0]",
                items.clone(),
                Ok(json!({"item_key": 0})),
            ),
            (
                "io_paths/base__test_json_path_array_access_.items_10.json",
                "$.items[10]",
                items.clone(),
                Ok(json!({"item_key": 10})),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input.json",
                "$[*]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.item.items.json",
                "$.item.items[*]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.item.items_1.json",
                "$.item.items[1:]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.item.items_1_2.json",
                "$.item.items[:1]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.item.items_1_5.json",
                "$.item.items[1:5]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.item.items_1_5_.itemValue.json",
                "$.item.items[1:5].itemValue",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.items.json",
                "$.items[*]",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.items_.itemValue.json",
                "$.items[*].itemValue",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_json_path_array_wildcard_or_slice_with_no_input_.items_1_.itemValue_2.json",
                "$.items[:1].itemValue",
                json!({}),
                Ok(json!([])),
            ),
            (
                "io_paths/base__test_state_pass_regex_json_path_base.json",
                "$.users[?(@.status == 0)]",
                json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]}),
                Ok(json!([{"year": 1997, "status": 0}])),
            ),
            (
                "io_paths/base_scenarios__test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONPATH.json",
                "$['Test\\\"\"Name\"']",
                json!({"Test\\\"\"Name\"": "Value\"\\"}),
                Ok(json!("Value\"\\")),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_INPUTPATH.json",
                "$.NoSuchInputPath",
                json!({"int-literal": 0}),
                Err(Some("No results for path: $['NoSuchInputPath']")),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_OUTPUTPATH.json",
                "$.NoSuchOutputPath",
                json!({"int-literal": 0}),
                Err(Some("No results for path: $['NoSuchOutputPath']")),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH.json",
                "$.NoSuchTimeoutSecondsPath",
                json!({"int-literal": 0}),
                Err(Some("No results for path: $['NoSuchTimeoutSecondsPath']")),
            ),
            (
                "error_handling/base_scenarios__test_catch_states_runtime.json",
                "$.no.such.result.path",
                json!({}),
                Err(Some("Missing property in path $['no']")),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH.json",
                "$.no_such_jsonpath",
                json!({"int-literal": 0}),
                Err(None),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_INVALID_JSONPATH_IN_ERRORPATH.json",
                "$.ErrorX",
                json!({"Error": "error-value"}),
                Err(None),
            ),
            (
                "io_paths/base_scenarios__test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_CAUSEPATH.json",
                "$.NoSuchCausePath",
                json!({"Error": "error-value"}),
                Err(None),
            ),
        ];
        for (file, text, input, expected) in cases {
            let outcome = eval(text, &input);
            match expected {
                Ok(value) => assert_eq!(outcome, Ok(value), "{file}"),
                Err(Some(expected)) => assert_eq!(
                    outcome.as_ref().map_err(PathFailure::jayway_detail),
                    Err(expected),
                    "{file}"
                ),
                Err(None) => assert!(outcome.is_err(), "{file}"),
            }
        }
        // io_paths/base_scenarios__test_invalid_jsonpath_INVALID_JSONPATH_IN_STRING_EXPR_CONTEXTPATH.json
        let input = json!({"int-literal": 0});
        let context = json!({"Execution": {"Input": input}});
        let roots = Roots {
            input: &input,
            context: &context,
            variable: &no_variables,
        };
        assert!(
            path("$$.Execution.Input.no_such_jsonpath")
                .evaluate(&roots)
                .is_err()
        );
        assert_eq!(
            path("$$.Execution.Input").evaluate(&roots),
            Ok(input.clone())
        );
    }

    /// Runs `definition`, a chain of JSONPath Pass states, in the order AWS processes a Pass state:
    /// InputPath, Parameters, Result, ResultPath, OutputPath
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>).
    /// Returns the output, or the cause of the `States.Runtime` failure with AWS's prefix.
    fn run_pass_chain(definition: &Value, input: &Value) -> Result<Value, String> {
        let mut name = definition["StartAt"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let mut raw = input.clone();
        // ExecutionStarted is event 1; each Pass state then adds Entered and Exited.
        let mut entered_at = 2;
        loop {
            let state = &definition["States"][&name];
            let prefix = format!(
                "An error occurred while executing the state '{name}' (entered at the event id #{entered_at}). "
            );
            let invalid = |text: &str, failure: PathFailure| {
                format!(
                    "{prefix}Invalid path '{text}' : {}",
                    failure.jayway_detail()
                )
            };
            let effective = match state.get("InputPath") {
                None => raw.clone(),
                Some(Value::String(text)) => eval(text, &raw).map_err(|f| invalid(text, f))?,
                Some(_) => json!({}),
            };
            let effective = match state.get("Parameters") {
                Some(parameters) => apply_template(parameters, &effective, &prefix)?,
                None => effective,
            };
            let result = state.get("Result").cloned().unwrap_or(effective);
            let output = match state.get("ResultPath") {
                None => result,
                Some(Value::String(text)) => {
                    set(text, raw.clone(), result).map_err(|cause| format!("{prefix}{cause}"))?
                }
                Some(_) => raw.clone(),
            };
            let output = match state.get("OutputPath") {
                None => output,
                Some(Value::String(text)) => eval(text, &output).map_err(|f| invalid(text, f))?,
                Some(_) => json!({}),
            };
            match state.get("Next").and_then(Value::as_str) {
                Some(next) => {
                    name = next.to_owned();
                    raw = output;
                    entered_at += 2;
                }
                None => return Ok(output),
            }
        }
    }

    /// A payload template whose `.$` values are all paths.
    fn apply_template(template: &Value, input: &Value, prefix: &str) -> Result<Value, String> {
        Ok(match template {
            Value::Object(members) => {
                let mut out = serde_json::Map::new();
                for (key, value) in members {
                    match (key.strip_suffix(".$"), value) {
                        (Some(name), Value::String(text)) => {
                            let found = eval(text, input).map_err(|_| {
                                format!(
                                    "{prefix}The JSONPath '{text}' specified for the field '{key}' could not be found in the input '{}'",
                                    compact_json(input)
                                )
                            })?;
                            out.insert(name.to_owned(), found);
                        }
                        _ => {
                            out.insert(key.clone(), apply_template(value, input, prefix)?);
                        }
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| apply_template(item, input, prefix))
                    .collect::<Result<_, _>>()?,
            ),
            other => other.clone(),
        })
    }

    /// Whether the case is a chain of Pass states this module can run alone: JSONPath only,
    /// no `Assign`, and every path reads `$` (no `$$`, variables or intrinsic functions).
    fn is_plain_pass_chain(definition: &Value) -> bool {
        fn template_paths<'v>(template: &'v Value, out: &mut Vec<&'v Value>) {
            match template {
                Value::Object(members) => {
                    for (key, value) in members {
                        if key.ends_with(".$") {
                            out.push(value);
                        } else {
                            template_paths(value, out);
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| template_paths(item, out)),
                _ => {}
            }
        }
        let Some(states) = definition.get("States").and_then(Value::as_object) else {
            return false;
        };
        let jsonpath = |holder: &Value| holder.get("QueryLanguage").is_none_or(|q| q == "JSONPath");
        if !jsonpath(definition) || states.is_empty() {
            return false;
        }
        let mut paths = Vec::new();
        for state in states.values() {
            if state["Type"] != "Pass" || state.get("Assign").is_some() || !jsonpath(state) {
                return false;
            }
            for field in ["InputPath", "OutputPath", "ResultPath"] {
                paths.extend(state.get(field).filter(|value| value.is_string()));
            }
            template_paths(&state["Parameters"], &mut paths);
        }
        paths.iter().all(|text| {
            text.as_str()
                .is_some_and(|text| text == "$" || text.starts_with("$.") || text.starts_with("$["))
        })
    }

    /// Every recorded case that is a plain Pass chain (42 at the time of writing: 22 in
    /// io_paths, 19 in pass_result_parameters, 1 in jsonata) gives AWS's output, or AWS's
    /// `States.Runtime` cause.
    #[test]
    fn corpus_pass_chains_match_aws() {
        let root =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/aws-recorded");
        let mut files: Vec<_> = std::fs::read_dir(&root)
            .unwrap_or_else(|error| panic!("{} is missing: {error}", root.display()))
            .filter_map(Result::ok)
            .filter(|entry| entry.path().is_dir())
            .flat_map(|category| std::fs::read_dir(category.path()).into_iter().flatten())
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        files.sort();
        let mut checked = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let case: Value = serde_json::from_str(&text).unwrap_or_default();
            let expected = &case["expected"];
            let runtime_failure =
                expected["status"] == "FAILED" && expected["error"] == "States.Runtime";
            if !(expected["status"] == "SUCCEEDED" || runtime_failure)
                || !is_plain_pass_chain(&case["definition"])
            {
                continue;
            }
            let outcome = run_pass_chain(&case["definition"], &case["input"]);
            let shown = file.display();
            if runtime_failure {
                let cause = expected["cause"].as_str().unwrap_or_default();
                let cause = cause.replace("<json-input:1>", &compact_json(&case["input"]));
                assert_eq!(outcome, Err(cause), "{shown}");
            } else {
                let output = outcome.unwrap_or_else(|cause| panic!("{shown}: {cause}"));
                assert!(
                    json_equal(&output, &expected["output"]),
                    "{shown}: {output}"
                );
            }
            checked.push(file);
        }
        let in_io_paths = checked
            .iter()
            .filter(|file| file.to_string_lossy().contains("/io_paths/"))
            .count();
        assert!(
            checked.len() >= 42 && in_io_paths >= 22,
            "only {} cases",
            checked.len()
        );
    }

    #[test]
    fn deep_values_do_not_exhaust_the_stack() {
        let depth = 100_000;
        let mut deep = json!({"leaf": 1});
        for _ in 0..depth {
            deep = Value::Array(vec![deep]);
        }
        // Built by hand: `json!` would copy `deep` through serde's recursive serializer.
        let mut members = serde_json::Map::new();
        members.insert("deep".to_owned(), deep);
        members.insert("copy".to_owned(), json!(0));
        let wrapped = Value::Array(vec![Value::Object(members)]);
        assert_eq!(get("$..leaf", &wrapped), json!([1]));
        assert_eq!(get("$..[?(@.leaf == 1)]", &wrapped), json!([{"leaf": 1}]));
        assert_eq!(get("$[0].deep[0][0][-1][0]..leaf", &wrapped), json!([1]));
        assert_eq!(get("$[?(@.deep == @.deep)].copy", &wrapped), json!([0]));
        assert_eq!(get("$[?(@.deep != @.copy)].copy", &wrapped), json!([0]));
        let written = ReferencePath::parse("$.x").map(|r| r.set(wrapped, json!(1)));
        let Ok(Err(failure)) = written else {
            panic!("an array input cannot take `$.x`");
        };
        assert!(failure.cause().len() > 2 * depth);
        assert!(failure.cause().contains(r#"[[{"leaf":1}]]"#));
        assert!(failure.cause().ends_with(r#"]]],"copy":0}]"#));
        dismantle(failure.into_target());
    }

    #[test]
    fn no_input_panics() {
        // The one path here that fails on purpose: a name union before another step.
        const REFUSED: &str = "$['a','b'][0]";
        let paths = [
            "$",
            "$$",
            "$.a",
            "$..a",
            "$..*",
            "$[*]",
            "$.*.*",
            "$[-1]",
            "$[0]",
            "$[-9223372036854775808]",
            "$[9223372036854775807]",
            "$[::-1]",
            "$[1:-1:3]",
            "$[0,-1,5]",
            "$['a','b']",
            "$..['a','b']",
            "$['a','b'][0]",
            "$..[0].a",
            "$..[?(@.a)]",
            "$[?(@ == @)]",
            "$[?(@.a == $.a)]",
            "$[?(@.a[?(@.b[*] == $..c)] != @..d)]",
            "$x",
            "$x..y",
            "$[?($x.y > 1 || !(@.z <= 'q') && @['a','b'] == @.c)]",
            "$.a[1:2].b['c','d']",
        ];
        let values = [
            json!(null),
            json!(0),
            json!(-1.5),
            json!("s"),
            json!([]),
            json!({}),
            json!({"a": [1, {"a": 2, "b": [3, {"c": null, "d": "x"}]}], "b": {"a": {"b": {}}}}),
            json!([[[[]]], {"a": {"a": {"a": [0.5, true]}}}, [-1, 18_446_744_073_709_551_615_u64]]),
        ];
        let variables = json!({"x": {"y": [1, 2]}});
        let lookup = |name: &str| variables.get(name);
        for text in paths {
            let parsed = path(text);
            for value in &values {
                let roots = Roots {
                    input: value,
                    context: value,
                    variable: &lookup,
                };
                let outcome = parsed.evaluate(&roots);
                if !parsed.is_definite() && text != REFUSED {
                    assert!(
                        matches!(outcome, Ok(Value::Array(_))),
                        "{text} on {value}: {outcome:?}"
                    );
                }
                if let Ok(reference) = ReferencePath::parse(text) {
                    let written = reference.set(value.clone(), json!(1));
                    assert!(written.is_ok() || text != "$", "{text} on {value}");
                }
            }
        }
    }
}
