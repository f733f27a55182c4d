//! JSONata evaluation
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>): `{% %}`
//! expressions in templates and scalar fields, with `$states` and the workflow variables bound, the
//! functions Step Functions adds, and AWS's `States.QueryEvaluationError` texts (recorded in
//! `tests/data/aws-recorded/jsonata/`, `map/` and `variables_assign/`). Failures come back as the
//! detail of the cause; the caller adds the state prefix.

use std::cell::Cell;
use std::rc::Rc;

use indexmap::IndexMap;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
use jsonata_core::value::{JArray, JValue};
use serde_json::{Map, Value};

use crate::asl::{Jsonata, Template};
use crate::intrinsics::{digest_hex, type_name, uuid};

use super::io::Variables;

/// What `$states` and `$name` read in one evaluation
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
pub(crate) struct Scope<'a> {
    /// `$states.input`: the state's raw input.
    pub input: &'a Value,
    /// `$states.context` (`Value::Null` for states that never read it).
    pub context: &'a Value,
    /// `$states.result`: a Task, Map or Parallel result, in `Output` and `Assign`.
    pub result: Option<&'a Value>,
    /// `$states.errorOutput`: in a catcher's `Output` and `Assign`.
    pub error_output: Option<&'a Value>,
    /// The variables as they were when the state was entered.
    pub variables: Option<&'a Variables>,
}

/// Evaluates a JSONata template (`Output`, `Arguments`, an `Assign` value, `ItemSelector`…):
/// every `{% %}` string at any depth is replaced by its value. `field` names the template in
/// AWS's texts (`Output`, `Assign/x`); members add `/key`, elements `[i]`.
pub(crate) fn template(
    template: &Template,
    field: &str,
    scope: &Scope<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    match template {
        Template::Value(value) => Ok(value.clone()),
        Template::Jsonata(expression) => evaluate(expression, field, scope, random),
        Template::Object(members) => {
            let mut object = Map::with_capacity(members.len());
            for member in members.iter() {
                let location = format!("{field}/{}", member.key);
                let value = self::template(&member.value, &location, scope, random)?;
                object.insert(member.key.clone(), value);
            }
            Ok(Value::Object(object))
        }
        Template::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| self::template(item, &format!("{field}[{index}]"), scope, random))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        // The loader never puts paths or calls in a JSONata template; kept literally if it did.
        Template::Path(path) => Ok(Value::from(path.as_str())),
        Template::Call(call) => Ok(Value::from(call.source())),
    }
}

/// Evaluates one expression; it must give a JSON value.
pub(crate) fn evaluate(
    expression: &Jsonata,
    field: &str,
    scope: &Scope<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, String> {
    let text = expression.expression().trim();
    let failed = |what: &str| {
        format!("The JSONata expression '{text}' specified for the field '{field}' {what}")
    };
    // The validator refuses expressions that do not parse, so this is only reached by a
    // definition that skipped it.
    let ast = expression
        .ast()
        .map_err(|message| failed(&format!("threw an error during evaluation. {message}")))?;
    let mut evaluator = evaluator(scope, random);
    let value = evaluator
        .evaluate(ast, &JValue::Undefined)
        .map_err(|error| {
            failed(&format!(
                "threw an error during evaluation. {}",
                message(&error)
            ))
        })?;
    match from_jvalue(&value) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(failed("returned nothing (undefined).")),
        Err(Unsupported) => Err(failed("returned an unsupported result type.")),
    }
}

/// The text for a value of the wrong JSON type, as recorded in
/// `tests/data/aws-recorded/map/`
/// `base_scenarios__test_map_state_items_eval_jsonata_fail_object.json`.
pub(crate) fn unexpected_type(
    expression: &Jsonata,
    field: &str,
    expected: &str,
    value: &Value,
) -> String {
    format!(
        "The JSONata expression '{}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{}' for value: {value}",
        expression.expression().trim(),
        type_name(value),
    )
}

/// An error's text as jsonata-js (and so AWS) prints it: jsonata-core adds the function's name
/// to T1006, which AWS's recorded text does not have.
fn message(error: &EvaluatorError) -> String {
    let message = error.message();
    match error.code() {
        Some("T1006") => "T1006: Attempted to invoke a non-function".to_owned(),
        _ => message.to_owned(),
    }
}

/// An evaluator with `$states`, the variables and AWS's functions bound.
fn evaluator(scope: &Scope<'_>, random: &mut dyn FnMut() -> u64) -> Evaluator {
    let mut context = Context::new();
    let mut states = IndexMap::with_capacity(4);
    states.insert("input".to_owned(), to_jvalue(scope.input));
    states.insert("context".to_owned(), to_jvalue(scope.context));
    if let Some(result) = scope.result {
        states.insert("result".to_owned(), to_jvalue(result));
    }
    if let Some(error_output) = scope.error_output {
        states.insert("errorOutput".to_owned(), to_jvalue(error_output));
    }
    context.bind("states".to_owned(), JValue::object(states));
    for (name, value) in scope
        .variables
        .iter()
        .flat_map(|variables| variables.iter())
    {
        context.bind(name.clone(), to_jvalue(value));
    }
    let mut evaluator = Evaluator::with_context(context);
    let seed = Rc::new(Cell::new(random() | 1));
    register(&mut evaluator, seed);
    evaluator
}

/// The functions Step Functions adds to JSONata
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
fn register(evaluator: &mut Evaluator, seed: Rc<Cell<u64>>) {
    let next = move || {
        // xorshift, as the engine's own randomness: quality does not matter here.
        let mut x = seed.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        seed.set(x);
        x
    };
    let next = Rc::new(next);
    // Registration fails only for a name that shadows a built-in, and these names do not.
    let _ = evaluator.register_fn("partition", partition);
    let _ = evaluator.register_fn("range", range);
    let _ = evaluator.register_fn("hash", hash);
    let _ = evaluator.register_fn("parse", parse);
    let uuid_random = Rc::clone(&next);
    let _ = evaluator.register_fn("uuid", move |_: &[JValue]| {
        Ok(JValue::from(uuid(&mut || uuid_random())))
    });
    let _ = evaluator.register_fn_override("random", move |args: &[JValue]| {
        let bits = match args.first() {
            // The same seed gives the same number
            // (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
            Some(seed) if !seed.is_undefined() => {
                mix(seed.to_json_string().unwrap_or_default().bytes())
            }
            _ => next(),
        };
        Ok(JValue::from((bits >> 11) as f64 / (1u64 << 53) as f64))
    });
}

/// A 64-bit mix of bytes (FNV-1a, then a finaliser), for `$random(seed)`.
fn mix(bytes: impl Iterator<Item = u8>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

fn argument_error(function: &str, detail: &str) -> EvaluatorError {
    EvaluatorError::TypeError(format!("T0410: Argument of function ${function} {detail}"))
}

/// An integer parameter: AWS rounds a fraction down
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
fn integer(args: &[JValue], index: usize, function: &str) -> Result<i64, EvaluatorError> {
    match args.get(index).and_then(JValue::as_f64) {
        Some(number) if number.is_finite() => Ok(number.floor() as i64),
        _ => Err(argument_error(
            function,
            &format!("{} must be a number", index + 1),
        )),
    }
}

/// `$partition(array, size)`: chunks of `size`, the last one possibly shorter.
fn partition(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let items: Vec<JValue> = match args.first() {
        Some(JValue::Array(items)) => items.iter().cloned().collect(),
        Some(JValue::Undefined) | None => return Ok(JValue::Undefined),
        Some(single) => vec![single.clone()],
    };
    let size = integer(args, 1, "partition")?;
    let size = usize::try_from(size)
        .ok()
        .filter(|size| *size > 0)
        .ok_or_else(|| argument_error("partition", "2 must be a positive number"))?;
    Ok(JValue::array(
        items
            .chunks(size)
            .map(|chunk| JValue::array(chunk.to_vec()))
            .collect(),
    ))
}

/// At most this many numbers from `$range`, as `States.ArrayRange` allows.
const MAX_RANGE: i64 = 1000;

/// `$range(start, end, step)`: from `start` to `end` inclusive.
fn range(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let start = integer(args, 0, "range")?;
    let end = integer(args, 1, "range")?;
    let step = integer(args, 2, "range")?;
    if step == 0 {
        return Err(argument_error("range", "3 must not be zero"));
    }
    let count = if (end - start).signum() * step.signum() < 0 {
        0
    } else {
        (end - start) / step + 1
    };
    if count > MAX_RANGE {
        return Err(EvaluatorError::EvaluationError(format!(
            "D3137: $range would produce {count} numbers; at most {MAX_RANGE} are allowed"
        )));
    }
    // A sequence, like jsonata-js's own `[a..b]`: a single number comes out unwrapped.
    Ok(JValue::sequence(
        (0..count).map(|i| JValue::from(start + i * step)).collect(),
    ))
}

/// `$hash(value, algorithm)`: the hex digest.
fn hash(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    let data = match args.first() {
        Some(JValue::String(text)) => text.to_string(),
        Some(other) => other.to_json_string().unwrap_or_default(),
        None => return Ok(JValue::Undefined),
    };
    let algorithm = args.get(1).and_then(JValue::as_str).unwrap_or_default();
    digest_hex(&data, algorithm)
        .map(JValue::from)
        .ok_or_else(|| {
            argument_error(
                "hash",
                "2 must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
            )
        })
}

/// `$parse(text)`: JSON text to a value.
fn parse(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    match args.first() {
        Some(JValue::String(text)) => serde_json::from_str::<Value>(text)
            .map(|value| to_jvalue(&value))
            .map_err(|error| {
                EvaluatorError::EvaluationError(format!(
                    "D3140: $parse: the argument is not JSON: {error}"
                ))
            }),
        Some(JValue::Undefined) | None => Ok(JValue::Undefined),
        Some(_) => Err(argument_error("parse", "1 must be a string")),
    }
}

/// serde_json → JSONata value. Arrays are marked flat when they hold no array, as
/// jsonata-core's own JSON reader does.
pub(crate) fn to_jvalue(value: &Value) -> JValue {
    match value {
        Value::Null => JValue::Null,
        Value::Bool(flag) => JValue::Bool(*flag),
        Value::Number(number) => JValue::Number(number.as_f64().unwrap_or(f64::NAN)),
        Value::String(text) => JValue::string(text.as_str()),
        Value::Array(items) => {
            let flat = !items.iter().any(Value::is_array);
            JValue::Array(JArray::new_flat(
                items.iter().map(to_jvalue).collect(),
                flat,
            ))
        }
        Value::Object(object) => JValue::object(
            object
                .iter()
                .map(|(key, value)| (key.clone(), to_jvalue(value)))
                .collect(),
        ),
    }
}

/// A function, regex or non-finite number: not JSON.
#[derive(Debug)]
struct Unsupported;

/// JSONata value → serde_json; `None` for undefined. Undefined members and elements are
/// dropped, as JSON.stringify does.
fn from_jvalue(value: &JValue) -> Result<Option<Value>, Unsupported> {
    Ok(Some(match value {
        JValue::Undefined => return Ok(None),
        JValue::Null => Value::Null,
        JValue::Bool(flag) => Value::Bool(*flag),
        JValue::Number(number) => number_value(*number)?,
        JValue::String(text) => Value::from(text.as_ref()),
        JValue::Array(items) => {
            let mut array = Vec::with_capacity(items.len());
            for item in items.iter() {
                if let Some(item) = from_jvalue(item)? {
                    array.push(item);
                }
            }
            Value::Array(array)
        }
        JValue::Object(object) => {
            let mut map = Map::with_capacity(object.len());
            for (key, value) in object.iter() {
                if let Some(value) = from_jvalue(value)? {
                    map.insert(key.clone(), value);
                }
            }
            Value::Object(map)
        }
        _ => return Err(Unsupported),
    }))
}

/// Integral numbers print without a fraction, as in JavaScript (`2`, not `2.0`).
fn number_value(number: f64) -> Result<Value, Unsupported> {
    if !number.is_finite() {
        return Err(Unsupported);
    }
    // Below 2^53 every integer is exact; larger ones keep their float form.
    if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 {
        return Ok(Value::from(number as i64));
    }
    serde_json::Number::from_f64(number)
        .map(Value::Number)
        .ok_or(Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(source: &str, input: Value) -> Result<Value, String> {
        let expression = Jsonata::parse(source).ok_or("not a JSONata string")?;
        let context = json!({"Execution": {"Name": "e"}});
        let scope = Scope {
            input: &input,
            context: &context,
            result: None,
            error_output: None,
            variables: None,
        };
        let mut seed = 7;
        evaluate(&expression, "Output", &scope, &mut || {
            seed += 1;
            seed
        })
    }

    #[test]
    fn states_members_and_integral_numbers() {
        assert_eq!(
            run("{% $states.input.a * 2 %}", json!({"a": 3})),
            Ok(json!(6))
        );
        assert_eq!(
            run("{% $states.context.Execution.Name %}", json!({})),
            Ok(json!("e"))
        );
        assert_eq!(run("{% 1.5 %}", json!({})), Ok(json!(1.5)));
    }

    #[test]
    fn aws_functions() {
        assert_eq!(
            run("{% $partition([1,2,3], 2) %}", json!({})),
            Ok(json!([[1, 2], [3]]))
        );
        assert_eq!(
            run("{% $range(0, 9, 3) %}", json!({})),
            Ok(json!([0, 3, 6, 9]))
        );
        assert_eq!(run("{% $range(1, 9, 9) %}", json!({})), Ok(json!(1)));
        assert_eq!(
            run("{% $hash('input data', 'SHA-1') %}", json!({})),
            Ok(json!("aaff4a450a104cd177d28d18d74485e8cae074b7"))
        );
        assert_eq!(
            run("{% $parse('{\"a\":[1]}') %}", json!({})),
            Ok(json!({"a": [1]}))
        );
        assert_eq!(
            run("{% $random(4) = $random(4) %}", json!({})),
            Ok(json!(true))
        );
        let uuid = run("{% $uuid() %}", json!({})).unwrap_or_default();
        assert_eq!(uuid.as_str().map(str::len), Some(36));
    }

    #[test]
    fn failures_have_aws_texts() {
        assert_eq!(
            run("{% $states.input.missing %}", json!({})),
            Err("The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).".to_owned())
        );
        assert_eq!(
            run("{% $fn := function($x){$x} %}", json!({})),
            Err("The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' returned an unsupported result type.".to_owned())
        );
        assert_eq!(
            run("{% $randomSeeded(1) %}", json!({})),
            Err("The JSONata expression '$randomSeeded(1)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function".to_owned())
        );
    }
}
