//! Run-time evaluation of intrinsic calls and their failure texts
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>).
//!
//! [`evaluate`] walks a parsed [`Call`]: arguments left to right (literals as written, paths
//! through the engine's resolver, nested calls recursively), then the function itself. Every
//! failure is an [`IntrinsicFailure`], which the engine reports as `States.Runtime` with the
//! state's prefix in front of [`IntrinsicFailure::cause_detail`].
//!
//! # Why the output looks like Java
//!
//! AWS runs a Java interpreter, and the recordings show it: `States.Format` prints objects as
//! `{k1=v1, k2=v2}`, which is `java.util.Map.toString`. So numbers are printed the way
//! `Double.toString` prints them (`1.0E21`, not `1e21`), and `States.JsonToString` escapes
//! control characters as Jackson does (`\u001F`, upper-case hex). Both only differ from
//! serde_json for values no AWS recording (`tests/data/aws-recorded/`) holds; they are inferred, not recorded.
//!
//! # Failure texts
//!
//! No intrinsic failure is recorded. The one public report has the shape
//! `The function '<call>' had the following error: <reason>`, so every failure uses it, with
//! the innermost failing call as `<call>` and short, stable reasons. Only the
//! reason for a missing path argument comes from that report; the others are ours.
//!
//! # Robustness
//!
//! Nothing here panics: lengths and counts are checked before allocating, integer arithmetic
//! stays in `i64` on values already limited to the 32-bit range, and the walks over JSON
//! values (printing, equality) use an explicit stack instead of recursion, so a deeply nested
//! value cannot overflow the thread's stack. Recursion over nested *calls* is bounded by the
//! parser's [`MAX_NESTING`](super::MAX_NESTING).

use super::{Arg, Call, Function, format_placeholders};
use crate::path::Path;
use base64::Engine as _;
use serde_json::{Map, Number, Value};
use std::collections::HashSet;
use std::fmt;

/// Longest string, in UTF-16 code units (Java's `String.length`), that `States.Base64Encode`,
/// `States.Base64Decode` and `States.Hash` accept (AWS's documented limit).
pub const MAX_STRING_LENGTH: usize = 10_000;

/// Most elements `States.ArrayRange` may produce (AWS's documented limit).
pub const MAX_RANGE_ITEMS: i64 = 1_000;

/// Hash algorithms of `States.Hash`, as AWS spells them.
const HASH_ALGORITHMS: &str = "MD5, SHA-1, SHA-256, SHA-384, SHA-512";

/// An intrinsic function that failed at run time.
///
/// The engine reports it as [`IntrinsicFailure::ERROR`] (never caught or retried) with the cause
/// `An error occurred while executing the state '<state>' (entered at the event id #<n>). `
/// followed by [`cause_detail`](IntrinsicFailure::cause_detail); [`cause`](IntrinsicFailure::cause)
/// builds that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntrinsicFailure {
    detail: String,
    /// Made by [`IntrinsicFailure::path_not_found`]: the text still lacks the
    /// `The function '…' had the following error: ` head, which only [`evaluate`] knows.
    needs_call: bool,
}

impl IntrinsicFailure {
    /// The error name AWS reports for every intrinsic failure.
    pub const ERROR: &'static str = "States.Runtime";

    /// A failure whose detail is `detail`, used verbatim. For a resolver that words its own
    /// failure (for instance a path into an unassigned variable).
    pub fn new(detail: impl Into<String>) -> IntrinsicFailure {
        IntrinsicFailure {
            detail: detail.into(),
            needs_call: false,
        }
    }

    /// What a resolver returns when the path argument `path` selects nothing in `input`.
    ///
    /// [`evaluate`] completes it with the call that owns the argument, giving the shape of the
    /// one public AWS report: `The function '<call>' had the following error: The
    /// JsonPath argument for the field '<path>' could not be found in the input '<json>'`,
    /// where `<json>` is `input` as compact JSON.
    pub fn path_not_found(path: &Path, input: &Value) -> IntrinsicFailure {
        IntrinsicFailure {
            detail: format!(
                "The JsonPath argument for the field '{}' could not be found in the input '{}'",
                path.as_str(),
                json_text(input)
            ),
            needs_call: true,
        }
    }

    /// The cause after AWS's state prefix, e.g. `The function 'States.ArrayGetItem($.a, 5)'
    /// had the following error: The index 5 is out of bounds for an array of length 3`.
    pub fn cause_detail(&self) -> &str {
        &self.detail
    }

    /// The whole cause as AWS prints it: the state prefix, one space, the detail.
    pub fn cause(&self, state: &str, entered_event_id: u64) -> String {
        format!(
            "An error occurred while executing the state '{state}' (entered at the event id \
             #{entered_event_id}). {}",
            self.detail
        )
    }

    /// A failure of `call` itself.
    fn of_call(call: &Call, reason: impl fmt::Display) -> IntrinsicFailure {
        IntrinsicFailure::new(format!(
            "The function '{}' had the following error: {reason}",
            call.source()
        ))
    }

    /// Adds the call head to a [`path_not_found`](IntrinsicFailure::path_not_found) failure.
    fn within(self, call: &Call) -> IntrinsicFailure {
        if self.needs_call {
            IntrinsicFailure::of_call(call, self.detail)
        } else {
            self
        }
    }
}

impl fmt::Display for IntrinsicFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for IntrinsicFailure {}

/// Evaluates a parsed call.
///
/// `resolve` evaluates a path argument: the engine passes its path evaluator. A path that
/// selects nothing is the engine's to report, so `resolve` returns the final error, usually
/// [`IntrinsicFailure::path_not_found`]. `random` supplies the randomness of `States.UUID` and
/// of `States.MathRandom` without a seed; a seeded `States.MathRandom` does not call it.
///
/// # Errors
///
/// Any run-time violation of a function's rules (wrong argument type, index out of bounds, …) and any error
/// of `resolve`.
pub fn evaluate(
    call: &Call,
    resolve: &mut dyn FnMut(&Path) -> Result<Value, IntrinsicFailure>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, IntrinsicFailure> {
    let mut values = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        values.push(match arg {
            Arg::String(text) => Value::String(text.clone()),
            Arg::Number(number) => Value::Number(number.clone()),
            Arg::Bool(flag) => Value::Bool(*flag),
            Arg::Null => Value::Null,
            Arg::Path(path) => resolve(path).map_err(|failure| failure.within(call))?,
            Arg::Call(inner) => evaluate(inner, resolve, random)?,
        });
    }
    let mut args = Args { call, values };
    match call.function {
        Function::Format => format(&mut args),
        Function::StringToJson => string_to_json(&mut args),
        Function::JsonToString => Ok(Value::String(json_text(&args.take(0)))),
        Function::Array => Ok(Value::Array(args.values)),
        Function::ArrayPartition => array_partition(&mut args),
        Function::ArrayContains => array_contains(&mut args),
        Function::ArrayRange => array_range(&mut args),
        Function::ArrayGetItem => array_get_item(&mut args),
        Function::ArrayLength => Ok(Value::from(args.array(0)?.len())),
        Function::ArrayUnique => array_unique(&mut args),
        Function::Base64Encode => base64_encode(&mut args),
        Function::Base64Decode => base64_decode(&mut args),
        Function::Hash => hash(&mut args),
        Function::JsonMerge => json_merge(&mut args),
        Function::MathRandom => math_random(&mut args, random),
        Function::MathAdd => math_add(&mut args),
        Function::StringSplit => string_split(&mut args),
        Function::Uuid => Ok(Value::String(uuid(random))),
    }
}

/// The evaluated arguments of one call, taken out one at a time (each is used once, so
/// nothing is cloned).
struct Args<'a> {
    call: &'a Call,
    values: Vec<Value>,
}

impl Args<'_> {
    /// Argument `index`; `null` past the end, which the parser's arity check rules out.
    fn take(&mut self, index: usize) -> Value {
        self.values
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The argument as written, for messages.
    fn text(&self, index: usize) -> &str {
        self.call.arg_source(index).unwrap_or_default()
    }

    fn fail(&self, reason: impl fmt::Display) -> IntrinsicFailure {
        IntrinsicFailure::of_call(self.call, reason)
    }

    fn wrong_type(&self, index: usize, expected: &str, actual: &Value) -> IntrinsicFailure {
        self.fail(format_args!(
            "The argument '{}' must be of type {expected}, but was of type {}",
            self.text(index),
            type_name(actual)
        ))
    }

    fn string(&mut self, index: usize) -> Result<String, IntrinsicFailure> {
        match self.take(index) {
            Value::String(text) => Ok(text),
            other => Err(self.wrong_type(index, "string", &other)),
        }
    }

    fn array(&mut self, index: usize) -> Result<Vec<Value>, IntrinsicFailure> {
        match self.take(index) {
            Value::Array(items) => Ok(items),
            other => Err(self.wrong_type(index, "array", &other)),
        }
    }

    fn object(&mut self, index: usize) -> Result<Map<String, Value>, IntrinsicFailure> {
        match self.take(index) {
            Value::Object(members) => Ok(members),
            other => Err(self.wrong_type(index, "object", &other)),
        }
    }

    fn number(&mut self, index: usize) -> Result<Number, IntrinsicFailure> {
        match self.take(index) {
            Value::Number(number) => Ok(number),
            other => Err(self.wrong_type(index, "number", &other)),
        }
    }

    /// An integer argument that must be written as one (`ArrayRange`, `ArrayPartition`: "You
    /// must specify integer values", <https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>):
    /// a fraction fails the state instead of being rounded.
    fn whole_integer(&mut self, index: usize) -> Result<i64, IntrinsicFailure> {
        if let Some(Value::Number(number)) = self.values.get(index)
            && number.as_f64().is_some_and(|value| value.fract() != 0.0)
        {
            return Err(self.fail(format_args!(
                "The argument '{}' must be an integer, but was {}",
                self.text(index),
                number_text(number)
            )));
        }
        self.integer(index)
    }

    /// A number rounded half up (Java `Math.round`, as AWS does) into the 32-bit range AWS's `int`
    /// parameters have.
    fn integer(&mut self, index: usize) -> Result<i64, IntrinsicFailure> {
        let number = self.number(index)?;
        let rounded = match (number.as_i64(), number.as_f64()) {
            (Some(integer), _) => Some(integer),
            (None, Some(float)) if number.is_f64() => f64_to_i64(round_half_up(float)),
            // A `u64` above `i64::MAX` is out of range anyway.
            _ => None,
        };
        match rounded {
            Some(value) if (i64::from(i32::MIN)..=i64::from(i32::MAX)).contains(&value) => {
                Ok(value)
            }
            _ => Err(self.fail(format_args!(
                "The argument '{}' must be an integer between {} and {}, but was {}",
                self.text(index),
                i32::MIN,
                i32::MAX,
                number_text(&number)
            ))),
        }
    }
}

/// `Math.round` since Java 7: the nearest integer, halves toward positive infinity
/// (`-2.5` → `-2`). Written as a floor plus a comparison, not `floor(x + 0.5)`, because the
/// addition rounds `0.49999999999999994` up to `1`.
fn round_half_up(value: f64) -> f64 {
    let floor = value.floor();
    if value - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// `value` as an `i64` when it is integral and in range.
fn f64_to_i64(value: f64) -> Option<i64> {
    // 2^63 is exact in f64; every integral f64 strictly between ±2^63 converts exactly.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (value.fract() == 0.0 && value > -LIMIT && value < LIMIT).then_some(value as i64)
}

fn format(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    // A literal template keeps its escapes (`\{}` is not a placeholder), which the unescaped
    // `Arg::String` has lost. A template from a path or a call goes through the same escape
    // rules: AWS resolves such templates (recorded in variables_assign) and there is no sign
    // that it treats them differently.
    let template = match args.call.format_template() {
        Some(raw) => raw.to_owned(),
        None => args.string(0)?,
    };
    let count = args.values.len().saturating_sub(1);
    let placeholders = format_placeholders(&template);
    if placeholders != count {
        return Err(args.fail(format_args!(
            "The number of arguments ({count}) does not match the number of placeholders \
             ({placeholders}) in the template"
        )));
    }
    let mut values = args.values.iter().skip(1);
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped @ ('\'' | '{' | '}' | '\\')) => out.push(escaped),
                // Only reachable from a path template: keep what is not an escape.
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                if let Some(value) = values.next() {
                    write_value(value, Style::Java, &mut out);
                }
            }
            other => out.push(other),
        }
    }
    Ok(Value::String(out))
}

fn string_to_json(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let text = args.string(0)?;
    // Recorded: "" and " " give null, as Jackson's reader does for input that is all JSON
    // whitespace.
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Ok(Value::Null);
    }
    // serde_json's default depth limit (128) turns hostile nesting into an error, not a stack
    // overflow.
    serde_json::from_str(&integer_minus_zero_as_zero(&text)).map_err(|_| {
        args.fail(format_args!(
            "The argument '{}' is not valid JSON text",
            args.text(0)
        ))
    })
}

/// `text` with every JSON number token `-0` (an integer) turned into ` 0`.
///
/// AWS reads `"-0"` as the integer `0` (recorded), as Jackson does; serde_json reads it as the
/// float `-0.0`, which would print as `-0.0`. `-0.0` and `-0e1` stay floats, as in Jackson.
/// The replacement keeps every byte offset.
fn integer_minus_zero_as_zero(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("-0") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut in_string = false;
    let mut position = 0;
    while let Some(&byte) = bytes.get(position) {
        match byte {
            b'\\' if in_string => position += 1,
            b'"' => in_string = !in_string,
            b'-' if !in_string
                && bytes.get(position + 1) == Some(&b'0')
                && !matches!(
                    bytes.get(position + 2),
                    Some(b'0'..=b'9' | b'.' | b'e' | b'E')
                ) =>
            {
                if let Some(sign) = bytes.get_mut(position) {
                    *sign = b' ';
                }
            }
            _ => {}
        }
        position += 1;
    }
    // Only an ASCII '-' outside strings became an ASCII ' ', so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

fn array_partition(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let items = args.array(0)?;
    let size = args.whole_integer(1)?;
    let size = match usize::try_from(size) {
        Ok(size) if size > 0 => size,
        _ => {
            return Err(args.fail(format_args!(
                "The chunk size '{}' must be a positive integer, but was {size}",
                args.text(1)
            )));
        }
    };
    let mut chunks = Vec::with_capacity(items.len().div_ceil(size));
    let mut chunk = Vec::new();
    for item in items {
        chunk.push(item);
        if chunk.len() == size {
            chunks.push(Value::Array(std::mem::take(&mut chunk)));
        }
    }
    if !chunk.is_empty() {
        chunks.push(Value::Array(chunk));
    }
    Ok(Value::Array(chunks))
}

fn array_contains(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let items = args.array(0)?;
    let wanted = equality_key(&args.take(1));
    Ok(Value::Bool(
        items.iter().any(|item| equality_key(item) == wanted),
    ))
}

fn array_range(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let first = args.whole_integer(0)?;
    let last = args.whole_integer(1)?;
    let step = args.whole_integer(2)?;
    // All three are within 32 bits, so nothing below can overflow an i64.
    let count = match step {
        0 => {
            return Err(args.fail(format_args!("The step '{}' must not be 0", args.text(2))));
        }
        _ if step > 0 && first <= last => (last - first) / step + 1,
        _ if step < 0 && first >= last => (first - last) / -step + 1,
        _ => 0,
    };
    if count > MAX_RANGE_ITEMS {
        return Err(args.fail(format_args!(
            "The range has {count} items, more than the limit of {MAX_RANGE_ITEMS}"
        )));
    }
    Ok(Value::Array(
        (0..count).map(|i| Value::from(first + i * step)).collect(),
    ))
}

fn array_get_item(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let items = args.array(0)?;
    let number = args.number(1)?;
    // A fractional index fails instead of being rounded, as AWS documents.
    let index = match (number.as_i64(), number.as_f64()) {
        (Some(index), _) => Some(index),
        (None, Some(float)) if number.is_f64() => {
            if float.fract() != 0.0 {
                return Err(args.fail(format_args!(
                    "The index '{}' must be an integer, but was {}",
                    args.text(1),
                    number_text(&number)
                )));
            }
            f64_to_i64(float)
        }
        _ => None,
    };
    let length = items.len();
    match index.and_then(|index| usize::try_from(index).ok()) {
        Some(position) if position < length => {
            Ok(items.into_iter().nth(position).unwrap_or_default())
        }
        _ => Err(args.fail(format_args!(
            "The index {} is out of bounds for an array of length {length}",
            number_text(&number)
        ))),
    }
}

fn array_unique(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let items = args.array(0)?;
    // One canonical key per element makes this linear instead of quadratic in deep
    // comparisons, and gives exactly the equality of `States.ArrayContains`.
    let mut seen = HashSet::with_capacity(items.len());
    Ok(Value::Array(
        items
            .into_iter()
            .filter(|item| seen.insert(equality_key(item)))
            .collect(),
    ))
}

/// Checks a string argument against [`MAX_STRING_LENGTH`].
fn check_length(args: &Args<'_>, index: usize, text: &str) -> Result<(), IntrinsicFailure> {
    // Counting stops at the limit, so a huge string costs no more than a short one.
    if text.encode_utf16().nth(MAX_STRING_LENGTH).is_some() {
        return Err(args.fail(format_args!(
            "The argument '{}' is longer than {MAX_STRING_LENGTH} characters",
            args.text(index)
        )));
    }
    Ok(())
}

fn base64_encode(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let text = args.string(0)?;
    check_length(args, 0, &text)?;
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
    ))
}

fn base64_decode(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let text = args.string(0)?;
    check_length(args, 0, &text)?;
    // STANDARD requires the `=` padding and canonical trailing bits: when unsure, refuse what
    // AWS might refuse, so that nothing passes locally and then fails on AWS.
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|_| {
            args.fail(format_args!(
                "The argument '{}' is not valid Base64",
                args.text(0)
            ))
        })?;
    String::from_utf8(bytes).map(Value::String).map_err(|_| {
        args.fail(format_args!(
            "The argument '{}' does not decode to UTF-8 text",
            args.text(0)
        ))
    })
}

fn hash(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    // The spec hashes "the stringified version" of a non-string value: its compact JSON.
    let data = match args.take(0) {
        Value::String(text) => text,
        other => json_text(&other),
    };
    check_length(args, 0, &data)?;
    let algorithm = args.string(1)?;
    match digest_hex(&data, &algorithm) {
        Some(hex) => Ok(Value::String(hex)),
        None => Err(args.fail(format_args!(
            "The hash algorithm '{algorithm}' is not supported; use one of {HASH_ALGORITHMS}"
        ))),
    }
}

/// The lower-case hex digest of `data` with one of AWS's algorithm names (`MD5`, `SHA-1`,
/// `SHA-256`, `SHA-384`, `SHA-512`); `None` for any other name.
pub(crate) fn digest_hex(data: &str, algorithm: &str) -> Option<String> {
    use sha2::Digest as _;
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(bytes).to_vec(),
        "SHA-1" => sha1::Sha1::digest(bytes).to_vec(),
        "SHA-256" => sha2::Sha256::digest(bytes).to_vec(),
        "SHA-384" => sha2::Sha384::digest(bytes).to_vec(),
        "SHA-512" => sha2::Sha512::digest(bytes).to_vec(),
        _ => return None,
    };
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        hex.push(hex_digit(byte >> 4, false));
        hex.push(hex_digit(byte & 0xF, false));
    }
    Some(hex)
}

fn json_merge(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let mut merged = args.object(0)?;
    let second = args.object(1)?;
    match args.take(2) {
        Value::Bool(false) => {}
        Value::Bool(true) => {
            return Err(args.fail(format_args!(
                "The argument '{}' must be false, because only shallow merging is supported",
                args.text(2)
            )));
        }
        other => return Err(args.wrong_type(2, "boolean", &other)),
    }
    // With `preserve_order`, inserting an existing key keeps its place: o1's keys in order,
    // then the keys only o2 has. (One 2024 recording,
    // `tests/data/aws-recorded/intrinsic_functions/json_manipulation__test_json_merge_escaped_argument.json`,
    // lists o2's key first; the recorded outputs are compared without member order.)
    for (key, value) in second {
        merged.insert(key, value);
    }
    Ok(Value::Object(merged))
}

fn math_random(
    args: &mut Args<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, IntrinsicFailure> {
    let start = args.integer(0)?;
    let end = args.integer(1)?;
    let seed = match args.values.len() {
        3 => Some(args.integer(2)?),
        _ => None,
    };
    if start >= end {
        return Err(args.fail(format_args!(
            "The start {start} must be less than the end {end}"
        )));
    }
    // A seed gives the same number every time (AWS documents it); AWS's own sequence cannot be matched.
    // The sign-extending cast keeps distinct seeds distinct.
    let seed = match seed {
        Some(seed) => seed as u64,
        None => random(),
    };
    let mut rng = fastrand::Rng::with_seed(seed);
    Ok(Value::from(rng.i64(start..end)))
}

fn math_add(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let sum = args.integer(0)? + args.integer(1)?;
    // AWS documents 32-bit values; a sum outside them fails here rather than succeed locally
    // and then fail (or wrap) on AWS.
    if i32::try_from(sum).is_err() {
        return Err(args.fail(format_args!(
            "The sum {sum} is outside the range {} to {}",
            i32::MIN,
            i32::MAX
        )));
    }
    Ok(Value::from(sum))
}

fn string_split(args: &mut Args<'_>) -> Result<Value, IntrinsicFailure> {
    let text = args.string(0)?;
    let delimiters = args.string(1)?;
    Ok(Value::Array(
        text.split(|c| delimiters.contains(c))
            .filter(|piece| !piece.is_empty())
            .map(|piece| Value::String(piece.to_owned()))
            .collect(),
    ))
}

/// A random version-4 UUID, lower case and hyphenated.
pub(crate) fn uuid(random: &mut dyn FnMut() -> u64) -> String {
    let mut bytes = [0u8; 16];
    let (high, low) = bytes.split_at_mut(8);
    high.copy_from_slice(&random().to_le_bytes());
    low.copy_from_slice(&random().to_le_bytes());
    // Sets the version (4) and variant bits; hyphenated display is lower case.
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The JSON type word used in messages (`string`, `number`, `object`…).
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Compact JSON text, as `States.JsonToString` produces it.
fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, Style::Json, &mut out);
    out
}

/// The key under which two values are equal exactly when `States.ArrayContains` and
/// `States.ArrayUnique` consider them equal: deep equality, member order ignored, numbers by
/// mathematical value (`1` equals `1.0`).
fn equality_key(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, Style::Canonical, &mut out);
    out
}

fn number_text(number: &Number) -> String {
    let mut out = String::new();
    write_number(number, Style::Json, &mut out);
    out
}

/// How [`write_value`] prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Compact JSON, Jackson's escapes, Java's double format.
    Json,
    /// Java's `toString` of the value as maps and lists: strings raw, `{k=v, k=v}`, `[a, b]`.
    Java,
    /// JSON with sorted members and exact-valued numbers; see [`equality_key`].
    Canonical,
}

/// Prints `value` in `style`, with an explicit stack so that nesting depth costs heap, not
/// call stack.
fn write_value(value: &Value, style: Style, out: &mut String) {
    enum Step<'a> {
        Value(&'a Value),
        Key(&'a str),
        Text(&'static str),
    }
    let separator = if style == Style::Java { ", " } else { "," };
    let mut stack = vec![Step::Value(value)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(text) => out.push_str(text),
            Step::Key(key) if style == Style::Java => {
                out.push_str(key);
                out.push('=');
            }
            Step::Key(key) => {
                write_json_string(key, out);
                out.push(':');
            }
            Step::Value(Value::Null) => out.push_str("null"),
            Step::Value(Value::Bool(flag)) => out.push_str(if *flag { "true" } else { "false" }),
            Step::Value(Value::Number(number)) => write_number(number, style, out),
            Step::Value(Value::String(text)) if style == Style::Java => out.push_str(text),
            Step::Value(Value::String(text)) => write_json_string(text, out),
            Step::Value(Value::Array(items)) => {
                out.push('[');
                stack.push(Step::Text("]"));
                for (position, item) in items.iter().enumerate().rev() {
                    stack.push(Step::Value(item));
                    if position > 0 {
                        stack.push(Step::Text(separator));
                    }
                }
            }
            Step::Value(Value::Object(members)) => {
                out.push('{');
                stack.push(Step::Text("}"));
                let mut entries: Vec<(&String, &Value)> = members.iter().collect();
                if style == Style::Canonical {
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                }
                for (position, (key, member)) in entries.into_iter().enumerate().rev() {
                    stack.push(Step::Value(member));
                    stack.push(Step::Key(key));
                    if position > 0 {
                        stack.push(Step::Text(separator));
                    }
                }
            }
        }
    }
}

/// A JSON string literal with Jackson's escapes: `\"`, `\\`, the five short control escapes,
/// and `\u00XX` with upper-case hex for the other control characters. Nothing else is escaped.
fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 => {
                let code = u32::from(c) as u8;
                out.push_str("\\u00");
                out.push(hex_digit(code >> 4, true));
                out.push(hex_digit(code & 0xF, true));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn hex_digit(nibble: u8, upper: bool) -> char {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    char::from(digits[usize::from(nibble & 0xF)])
}

fn write_number(number: &Number, style: Style, out: &mut String) {
    if let Some(integer) = number.as_i64() {
        out.push_str(&integer.to_string());
    } else if let Some(integer) = number.as_u64() {
        out.push_str(&integer.to_string());
    } else if let Some(float) = number.as_f64() {
        if style == Style::Canonical {
            write_canonical_float(float, out);
        } else {
            write_java_double(float, out);
        }
    }
}

/// An f64 spelled so that equal mathematical values give equal text across integer and float
/// representations: integral values as plain digits (like `i64`/`u64` numbers), others in
/// Rust's shortest round-trip form, which is unique per value.
fn write_canonical_float(float: f64, out: &mut String) {
    // 2^64 and 2^63 are exact in f64.
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if float.fract() == 0.0 && (-TWO_63..TWO_64).contains(&float) {
        if float < 0.0 {
            out.push_str(&(float as i64).to_string());
        } else {
            // Also maps -0.0 to "0".
            out.push_str(&(float as u64).to_string());
        }
    } else {
        out.push_str(&format!("{float:e}"));
    }
}

/// Java's `Double.toString`: plain notation with at least one fraction digit for
/// 10^-3 ≤ |x| < 10^7 (`1.1`, `100.0`, `0.001`), otherwise `d.dddE±n` (`1.0E7`, `1.0E-4`),
/// using the shortest digits that read back as the same double.
fn write_java_double(float: f64, out: &mut String) {
    if !float.is_finite() {
        // serde_json numbers are always finite; spelled as Java would, just in case.
        out.push_str(if float.is_nan() {
            "NaN"
        } else if float > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        return;
    }
    if float == 0.0 {
        out.push_str(if float.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        });
        return;
    }
    // `{:e}` gives the shortest round-trip digits: "1.1e0", "1e21", "1.2345e-5".
    let scientific = format!("{:e}", float.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if float < 0.0 {
        out.push('-');
    }
    if (-3..7).contains(&exponent) {
        if exponent >= 0 {
            // At most 7 integer digits here, so the casts and padding are small.
            let integer_len = exponent as usize + 1;
            if digits.len() <= integer_len {
                out.push_str(&digits);
                out.push_str(&"0".repeat(integer_len - digits.len()));
                out.push_str(".0");
            } else {
                let (integer, fraction) = digits.split_at(integer_len);
                out.push_str(integer);
                out.push('.');
                out.push_str(fraction);
            }
        } else {
            out.push_str("0.");
            out.push_str(&"0".repeat((-exponent - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        out.push('E');
        out.push_str(&exponent.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::{Root, Segment};
    use serde_json::json;

    /// The value at a `$`-rooted path made of names and indexes, enough for these tests.
    fn lookup(input: &Value, path: &Path) -> Option<Value> {
        if *path.root() != Root::Input {
            return None;
        }
        let mut node = input;
        for segment in path.segments() {
            node = match segment {
                Segment::Child(name) => node.get(name.as_str())?,
                Segment::Index(index) => node.get(usize::try_from(*index).ok()?)?,
                _ => return None,
            };
        }
        Some(node.clone())
    }

    fn run(text: &str, input: &Value) -> Result<Value, IntrinsicFailure> {
        let call = Call::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        evaluate(
            &call,
            &mut |path| {
                lookup(input, path).ok_or_else(|| IntrinsicFailure::path_not_found(path, input))
            },
            &mut || {
                // xorshift64: deterministic, and different on every call.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            },
        )
    }

    #[track_caller]
    fn ok(text: &str, input: Value) -> Value {
        run(text, &input).unwrap_or_else(|failure| panic!("{text}: {failure}"))
    }

    #[track_caller]
    fn fails(text: &str, input: Value) -> String {
        match run(text, &input) {
            Ok(value) => panic!("{text} should fail, gave {value}"),
            Err(failure) => failure.cause_detail().to_owned(),
        }
    }

    /// `fails` with the `The function '<text>' had the following error: ` head checked and cut.
    #[track_caller]
    fn reason(text: &str, input: Value) -> String {
        let detail = fails(text, input);
        let head = format!("The function '{text}' had the following error: ");
        match detail.strip_prefix(&head) {
            Some(reason) => reason.to_owned(),
            None => panic!("{detail:?} should start with {head:?}"),
        }
    }

    #[test]
    fn format_recorded() {
        let cases = [
            (json!(""), "Formatting argument ."),
            (json!(" "), "Formatting argument  ."),
            (json!("HelloWorld"), "Formatting argument HelloWorld."),
            (json!(null), "Formatting argument null."),
            (json!(1), "Formatting argument 1."),
            (json!(1.1), "Formatting argument 1.1."),
            (
                json!("{\"Arg1\": 1, \"Arg2\": []}"),
                "Formatting argument {\"Arg1\": 1, \"Arg2\": []}.",
            ),
            (
                json!({"Arg1": 1, "Arg2": []}),
                "Formatting argument {Arg1=1, Arg2=[]}.",
            ),
        ];
        for (value, expected) in cases {
            let input = json!({"v": value});
            assert_eq!(
                ok("States.Format('Formatting argument {}.', $.v)", input),
                json!(expected)
            );
        }
        assert_eq!(
            ok(
                "States.Format('fst={} and snd={}.', $.a, $.b)",
                json!({"a": true, "b": false})
            ),
            json!("fst=true and snd=false.")
        );
        // fail_succeed/base__test_state_fail_intrinsic and the Map template from a path.
        assert_eq!(
            ok(
                "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
                json!({"Error": "error string", "Cause": "cause string"})
            ),
            json!("This is a custom error message for error string, caused by cause string.")
        );
        assert_eq!(
            ok(
                "States.Format($.t, $.v)",
                json!({"t": "It's {}!", "v": "Pikachu"})
            ),
            json!("It's Pikachu!")
        );
        assert_eq!(
            ok("States.Format('Format:{}', 101)", json!({})),
            json!("Format:101")
        );
    }

    #[test]
    fn format_escapes_nesting_and_numbers() {
        assert_eq!(
            ok(r"States.Format('It\'s {} \{\} \\ {}', 1, 'x')", json!({})),
            json!(r"It's 1 {} \ x")
        );
        assert_eq!(ok(r"States.Format('\{}{}', 'a')", json!({})), json!("{}a"));
        assert_eq!(ok("States.Format('{ }')", json!({})), json!("{ }"));
        assert_eq!(
            ok(
                "States.Format('{}', $.v)",
                json!({"v": {"a": [1, {"b": null}, []], "c": {}, "d": "x y"}})
            ),
            json!("{a=[1, {b=null}, []], c={}, d=x y}")
        );
        let numbers = [
            (json!(100.0), "100.0"),
            (json!(1e21), "1.0E21"),
            (json!(1e7), "1.0E7"),
            (json!(9_999_999.0), "9999999.0"),
            (json!(12_345_678.9), "1.23456789E7"),
            (json!(0.001), "0.001"),
            (json!(0.0001), "1.0E-4"),
            (json!(-0.0), "-0.0"),
            (json!(-2.5), "-2.5"),
            (json!(1.5e-10), "1.5E-10"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(-7), "-7"),
        ];
        for (value, expected) in numbers {
            let input = json!({ "v": value });
            assert_eq!(ok("States.Format('{}', $.v)", input), json!(expected));
        }
    }

    #[test]
    fn format_failures() {
        assert_eq!(
            reason("States.Format('{} {}', 1)", json!({})),
            "The number of arguments (1) does not match the number of placeholders (2) in the template"
        );
        assert_eq!(
            reason("States.Format('x', 1)", json!({})),
            "The number of arguments (1) does not match the number of placeholders (0) in the template"
        );
        assert_eq!(
            reason("States.Format($.t)", json!({"t": 5})),
            "The argument '$.t' must be of type string, but was of type number"
        );
    }

    #[test]
    fn string_to_json_recorded() {
        let cases = [
            ("", json!(null)),
            (" ", json!(null)),
            ("null", json!(null)),
            ("-0", json!(0)),
            ("1", json!(1)),
            ("1.1", json!(1.1)),
            ("true", json!(true)),
            ("\"HelloWorld\"", json!("HelloWorld")),
            ("[1, 2, \"HelloWorld\"]", json!([1, 2, "HelloWorld"])),
            (
                "{\"Arg1\": 1, \"Arg2\": []}",
                json!({"Arg1": 1, "Arg2": []}),
            ),
            (" \n\t{\"key\":\"value\"}\r\n", json!({"key": "value"})),
        ];
        for (text, expected) in cases {
            let result = ok("States.StringToJson($.s)", json!({ "s": text }));
            assert_eq!(result, expected, "{text:?}");
        }
        assert_eq!(
            ok(
                "States.StringToJson($.s)",
                json!({"s": "[-0, -0.0, \"-0\", {\"-0\": -0}]"})
            ),
            json!([0, -0.0, "-0", {"-0": 0}])
        );
        let mixed = ok(
            "States.StringToJson($.s)",
            json!({"s": "[-0,-0.0,-0e1, -0 ]"}),
        );
        assert_eq!(json_text(&mixed), "[0,-0.0,-0.0,0]");
        // "-0" is the integer 0, not the float -0.0.
        let zero = ok("States.StringToJson('-0')", json!({}));
        assert_eq!(zero.as_i64(), Some(0));
        assert_eq!(json_text(&zero), "0");
    }

    #[test]
    fn string_to_json_failures() {
        assert_eq!(
            reason("States.StringToJson($.s)", json!({"s": "{"})),
            "The argument '$.s' is not valid JSON text"
        );
        assert_eq!(
            reason("States.StringToJson($.s)", json!({"s": "1 2"})),
            "The argument '$.s' is not valid JSON text"
        );
        assert_eq!(
            reason("States.StringToJson($.s)", json!({"s": {"a": 1}})),
            "The argument '$.s' must be of type string, but was of type object"
        );
        // Hostile nesting is refused by the parser's depth limit, not a stack overflow.
        let deep = "[".repeat(200_000);
        reason("States.StringToJson($.s)", json!({ "s": deep }));
    }

    #[test]
    fn json_to_string_recorded() {
        let cases = [
            (json!(null), "null"),
            (json!(0), "0"),
            (json!(1), "1"),
            (json!(1.1), "1.1"),
            (json!(true), "true"),
            (json!("HelloWorld"), "\"HelloWorld\""),
            (json!([1, 2, "HelloWorld"]), "[1,2,\"HelloWorld\"]"),
            (json!({"Arg1": 1, "Arg2": []}), "{\"Arg1\":1,\"Arg2\":[]}"),
            (json!({"test": "object"}), "{\"test\":\"object\"}"),
        ];
        for (value, expected) in cases {
            let input = json!({ "v": value });
            assert_eq!(ok("States.JsonToString($.v)", input), json!(expected));
        }
    }

    #[test]
    fn json_to_string_keeps_order_and_escapes_like_jackson() {
        let input: Value = serde_json::from_str(
            r#"{"v": {"z": 1, "a": [2.0, 1e21], "m": "q\"\\\n\t\u0001\u001f/é"}}"#,
        )
        .unwrap_or_default();
        assert_eq!(
            ok("States.JsonToString($.v)", input),
            json!(r#"{"z":1,"a":[2.0,1.0E21],"m":"q\"\\\n\t\u0001\u001F/é"}"#)
        );
    }

    #[test]
    fn array() {
        assert_eq!(ok("States.Array()", json!({})), json!([]));
        assert_eq!(
            ok(
                "States.Array($.a, $.b, 'c', 1, 1.5, true, null, States.Array())",
                json!({"a": {"Arg1": 1, "Arg2": []}, "b": null})
            ),
            json!([{"Arg1": 1, "Arg2": []}, null, "c", 1, 1.5, true, null, []])
        );
    }

    #[test]
    fn array_partition_recorded() {
        for length in 0..=4_i64 {
            for size in 1..=5_i64 {
                let items: Vec<i64> = (0..length).collect();
                let expected: Vec<Vec<i64>> = items
                    .chunks(usize::try_from(size).unwrap_or(1))
                    .map(<[i64]>::to_vec)
                    .collect();
                assert_eq!(
                    ok(
                        "States.ArrayPartition($.a, $.n)",
                        json!({"a": items, "n": size})
                    ),
                    json!(expected),
                    "{length} by {size}"
                );
            }
        }
        assert_eq!(
            ok(
                "States.ArrayPartition($.a, 2)",
                json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
            ),
            json!([[1, 2], [3, 4], [5, 6], [7, 8], [9]])
        );
    }

    #[test]
    fn array_partition_rounds_and_fails() {
        assert_eq!(
            reason("States.ArrayPartition($.a, 1.5)", json!({"a": [1, 2, 3]})),
            "The argument '1.5' must be an integer, but was 1.5"
        );
        assert_eq!(
            ok("States.ArrayPartition($.a, 2.0)", json!({"a": [1, 2, 3]})),
            json!([[1, 2], [3]])
        );
        assert_eq!(
            ok(
                "States.ArrayPartition($.a, 2147483647)",
                json!({"a": [1, 2, 3]})
            ),
            json!([[1, 2, 3]])
        );
        assert_eq!(
            reason("States.ArrayPartition($.a, 0)", json!({"a": [1]})),
            "The chunk size '0' must be a positive integer, but was 0"
        );
        assert_eq!(
            reason("States.ArrayPartition($.a, -1)", json!({"a": [1]})),
            "The chunk size '-1' must be a positive integer, but was -1"
        );
        assert_eq!(
            reason("States.ArrayPartition($.a, 1)", json!({"a": "x"})),
            "The argument '$.a' must be of type array, but was of type string"
        );
        assert_eq!(
            reason(
                "States.ArrayPartition($.a, $.n)",
                json!({"a": [], "n": 3e9})
            ),
            "The argument '$.n' must be an integer between -2147483648 and 2147483647, but was 3.0E9"
        );
    }

    #[test]
    fn array_contains_recorded() {
        let cases = [
            (json!([]), json!(null), false),
            (json!([]), json!([]), false),
            (json!([]), json!(1), false),
            (json!([[1, 2, 3], 2]), json!(null), false),
            (json!([[1, 2, 3], 2]), json!([1, 2, 3]), true),
            (json!([{"1": 2, "2": []}]), json!([]), false),
            (json!([{"1": 2, "2": []}]), json!({"1": 2, "2": []}), true),
            (json!([true, false]), json!(true), true),
            (json!([true, false]), json!(false), true),
            // Deep equality ignores member order and number representation.
            (
                json!([{"a": [1.0], "b": 2}]),
                json!({"b": 2.0, "a": [1]}),
                true,
            ),
            (json!([1, "1"]), json!(1.0), true),
            (json!(["1"]), json!(1), false),
            (json!([1.5]), json!(1), false),
        ];
        for (items, wanted, expected) in cases {
            let input = json!({"a": items, "v": wanted});
            assert_eq!(
                ok("States.ArrayContains($.a, $.v)", input.clone()),
                json!(expected),
                "{input}"
            );
        }
        assert_eq!(
            ok(
                "States.ArrayContains($.a, 5)",
                json!({"a": [1, 2, 3, 4, 5, 6]})
            ),
            json!(true)
        );
        assert_eq!(
            reason("States.ArrayContains($.a, 1)", json!({"a": {"x": 1}})),
            "The argument '$.a' must be of type array, but was of type object"
        );
    }

    #[test]
    fn array_range_recorded_and_more() {
        let cases = [
            ((0, 9, 3), json!([0, 3, 6, 9])),
            ((0, 10, 3), json!([0, 3, 6, 9])),
            ((1, 9, 9), json!([1])),
            ((1, 9, 2), json!([1, 3, 5, 7, 9])),
            ((1, 10, 2), json!([1, 3, 5, 7, 9])),
            ((0, 3, 1), json!([0, 1, 2, 3])),
            ((10, 0, -5), json!([10, 5, 0])),
            ((0, 10, -1), json!([])),
            ((10, 0, 1), json!([])),
            ((5, 5, 7), json!([5])),
        ];
        for ((first, last, step), expected) in cases {
            let text = format!("States.ArrayRange({first}, {last}, {step})");
            assert_eq!(ok(&text, json!({})), expected, "{text}");
        }
        // Every argument must be an integer; AWS does not round (the issue's case: a = 1.5).
        assert_eq!(
            reason("States.ArrayRange($.a, 9, 2)", json!({"a": 1.5})),
            "The argument '$.a' must be an integer, but was 1.5"
        );
        assert_eq!(
            reason("States.ArrayRange(0, 2.4, 1)", json!({})),
            "The argument '2.4' must be an integer, but was 2.4"
        );
        assert_eq!(
            ok("States.ArrayRange(1.0, 3, 1)", json!({})),
            json!([1, 2, 3])
        );
        let thousand = ok("States.ArrayRange(1, 1000, 1)", json!({}));
        assert_eq!(thousand.as_array().map(Vec::len), Some(1000));
        assert_eq!(
            reason("States.ArrayRange(0, 1000, 1)", json!({})),
            "The range has 1001 items, more than the limit of 1000"
        );
        assert_eq!(
            reason("States.ArrayRange(-2147483648, 2147483647, 1)", json!({})),
            "The range has 4294967296 items, more than the limit of 1000"
        );
        assert_eq!(
            reason("States.ArrayRange(2147483647, -2147483648, -1)", json!({})),
            "The range has 4294967296 items, more than the limit of 1000"
        );
        assert_eq!(
            reason("States.ArrayRange(0, 10, 0)", json!({})),
            "The step '0' must not be 0"
        );
        assert_eq!(
            reason("States.ArrayRange($.a, 10, 1)", json!({"a": "0"})),
            "The argument '$.a' must be of type number, but was of type string"
        );
    }

    #[test]
    fn array_get_item() {
        let input = json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9], "i": 5});
        assert_eq!(ok("States.ArrayGetItem($.a, $.i)", input.clone()), json!(6));
        assert_eq!(ok("States.ArrayGetItem($.a, 2.0)", input.clone()), json!(3));
        assert_eq!(
            ok("States.ArrayGetItem($.a, 0)", json!({"a": [{"x": [1]}]})),
            json!({"x": [1]})
        );
        assert_eq!(
            reason("States.ArrayGetItem($.a, 9)", input.clone()),
            "The index 9 is out of bounds for an array of length 9"
        );
        assert_eq!(
            reason("States.ArrayGetItem($.a, -1)", input.clone()),
            "The index -1 is out of bounds for an array of length 9"
        );
        assert_eq!(
            reason("States.ArrayGetItem($.a, 1e300)", input.clone()),
            "The index 1.0E300 is out of bounds for an array of length 9"
        );
        assert_eq!(
            reason(
                "States.ArrayGetItem($.a, 18446744073709551615)",
                input.clone()
            ),
            "The index 18446744073709551615 is out of bounds for an array of length 9"
        );
        assert_eq!(
            reason("States.ArrayGetItem($.a, 1.5)", input.clone()),
            "The index '1.5' must be an integer, but was 1.5"
        );
        assert_eq!(
            reason("States.ArrayGetItem($.a, $.s)", json!({"a": [], "s": "0"})),
            "The argument '$.s' must be of type number, but was of type string"
        );
    }

    #[test]
    fn array_length() {
        assert_eq!(
            ok(
                "States.ArrayLength($.a)",
                json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
            ),
            json!(9)
        );
        // LocalStack's "array_unique" case really calls ArrayLength on 20 items.
        let twenty = json!([null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "HelloWorld",
            "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]);
        assert_eq!(
            ok("States.ArrayLength($.a)", json!({ "a": twenty })),
            json!(20)
        );
        assert_eq!(ok("States.ArrayLength($.a)", json!({"a": []})), json!(0));
        assert_eq!(
            reason("States.ArrayLength($.a)", json!({"a": null})),
            "The argument '$.a' must be of type array, but was of type null"
        );
    }

    #[test]
    fn array_unique() {
        assert_eq!(
            ok("States.ArrayUnique($.a)", json!({"a": [1, 2, 2, 3, 3, 4]})),
            json!([1, 2, 3, 4])
        );
        let input = json!({"a": [null, null, true, true, false, false, 1, 1, 1.1, 0, 0,
            "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2},
            {"b": 2, "a": 1}, {"a": 1, "b": 1}, 1.0, "1", -0.0, [1.0], [1]]});
        assert_eq!(
            ok("States.ArrayUnique($.a)", input),
            json!([null, true, false, 1, 1.1, 0, "HelloWorld", [], [null], {"a": 1, "b": 2},
                {"a": 1, "b": 1}, "1", [1.0]])
        );
        assert_eq!(
            reason("States.ArrayUnique($.a)", json!({"a": "abc"})),
            "The argument '$.a' must be of type array, but was of type string"
        );
    }

    #[test]
    fn base64_recorded_and_limits() {
        assert_eq!(ok("States.Base64Encode('')", json!({})), json!(""));
        assert_eq!(
            ok("States.Base64Encode('Data to encode')", json!({})),
            json!("RGF0YSB0byBlbmNvZGU=")
        );
        assert_eq!(ok("States.Base64Decode('')", json!({})), json!(""));
        assert_eq!(
            ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", json!({})),
            json!("Data to encode")
        );
        assert_eq!(
            ok("States.Base64Decode('SGVsbG8gV29ybGQ=')", json!({})),
            json!("Hello World")
        );
        assert_eq!(
            ok("States.Base64Encode('é€😀')", json!({})),
            json!("w6nigqzwn5iA")
        );
        assert_eq!(
            ok("States.Base64Decode('w6nigqzwn5iA')", json!({})),
            json!("é€😀")
        );

        let limit = "a".repeat(MAX_STRING_LENGTH);
        let encoded = ok("States.Base64Encode($.s)", json!({ "s": limit }));
        assert_eq!(encoded.as_str().map(str::len), Some(13_336));
        assert_eq!(
            reason(
                "States.Base64Encode($.s)",
                json!({ "s": format!("{limit}a") })
            ),
            "The argument '$.s' is longer than 10000 characters"
        );
        // Java counts UTF-16 code units: 5,000 emoji are 10,000 of them.
        ok(
            "States.Base64Encode($.s)",
            json!({ "s": "😀".repeat(5_000) }),
        );
        reason(
            "States.Base64Encode($.s)",
            json!({ "s": "😀".repeat(5_001) }),
        );
        reason(
            "States.Base64Encode($.s)",
            json!({ "s": "x".repeat(5_000_000) }),
        );
        reason(
            "States.Base64Decode($.s)",
            json!({ "s": "QUFB".repeat(2_501) }),
        );
    }

    #[test]
    fn base64_decode_failures() {
        assert_eq!(
            reason("States.Base64Decode('SGVsbG8gV29ybGQ')", json!({})),
            "The argument ''SGVsbG8gV29ybGQ'' is not valid Base64"
        );
        reason("States.Base64Decode('!!!!')", json!({}));
        reason("States.Base64Decode('SGVs bG8=')", json!({}));
        assert_eq!(
            reason("States.Base64Decode($.s)", json!({"s": "/w=="})),
            "The argument '$.s' does not decode to UTF-8 text"
        );
        assert_eq!(
            reason("States.Base64Encode($.s)", json!({"s": 1})),
            "The argument '$.s' must be of type string, but was of type number"
        );
    }

    #[test]
    fn hash_recorded() {
        let cases = [
            ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
            ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
            (
                "SHA-256",
                "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
            ),
            (
                "SHA-384",
                "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
            ),
            (
                "SHA-512",
                "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
            ),
        ];
        for (algorithm, expected) in cases {
            let input = json!({"d": "input data", "a": algorithm});
            assert_eq!(ok("States.Hash($.d, $.a)", input), json!(expected));
        }
        assert_eq!(
            ok("States.Hash('Hash this string', 'SHA-256')", json!({})),
            json!("1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e")
        );
    }

    #[test]
    fn hash_non_strings_and_failures() {
        // A non-string is hashed as its compact JSON text.
        let md5_of = |text: &str| ok("States.Hash($.d, 'MD5')", json!({ "d": text }));
        assert_eq!(ok("States.Hash($.d, 'MD5')", json!({"d": 1})), md5_of("1"));
        assert_eq!(
            ok("States.Hash($.d, 'MD5')", json!({"d": {"a": [1, "x"]}})),
            md5_of(r#"{"a":[1,"x"]}"#)
        );
        assert_eq!(ok("States.Hash(null, 'MD5')", json!({})), md5_of("null"));
        assert_eq!(
            reason("States.Hash('x', $.a)", json!({"a": "sha-256"})),
            "The hash algorithm 'sha-256' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
        );
        assert_eq!(
            reason("States.Hash('x', $.a)", json!({"a": 256})),
            "The argument '$.a' must be of type string, but was of type number"
        );
        assert_eq!(
            reason(
                "States.Hash($.d, 'MD5')",
                json!({ "d": "x".repeat(10_001) })
            ),
            "The argument '$.d' is longer than 10000 characters"
        );
    }

    #[test]
    fn json_merge_recorded() {
        let input = json!({
            "fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
            "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}
        });
        let merged = ok("States.JsonMerge($.fst, $.snd, false)", input);
        assert_eq!(
            merged,
            json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4})
        );
        // Key order: the first object's keys, then the keys only the second has.
        assert_eq!(
            json_text(&merged),
            r#"{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}"#
        );
        assert_eq!(
            ok(
                r#"States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $.f, false)"#,
                json!({"f": {"constant_input_field": "constant_value"}})
            ),
            json!({"constant_input_field": "constant_value", "constant_in_literal": "false"})
        );
    }

    #[test]
    fn json_merge_failures() {
        let input = json!({"o": {"a": 1}, "t": true, "s": "false", "n": [1]});
        assert_eq!(
            reason("States.JsonMerge($.o, $.o, $.t)", input.clone()),
            "The argument '$.t' must be false, because only shallow merging is supported"
        );
        assert_eq!(
            reason("States.JsonMerge($.o, $.o, $.s)", input.clone()),
            "The argument '$.s' must be of type boolean, but was of type string"
        );
        assert_eq!(
            reason("States.JsonMerge($.o, $.n, false)", input),
            "The argument '$.n' must be of type object, but was of type array"
        );
    }

    #[test]
    fn math_random_ranges_and_seeds() {
        let cases = [
            (json!(12.5), json!(44.51), 13, 45),
            (json!(9999), json!(99999), 9999, 99999),
            (json!(-99999), json!(-9999), -99999, -9999),
            (json!(0), json!(1), 0, 1),
            (
                json!(-2147483648),
                json!(2147483647),
                -2_147_483_648,
                2_147_483_647,
            ),
        ];
        for (start, end, low, high) in cases {
            let input = json!({"s": start, "e": end});
            for _ in 0..50 {
                let value = ok("States.MathRandom($.s, $.e)", input.clone());
                let n = value.as_i64().unwrap_or(i64::MIN);
                assert!((low..high).contains(&n), "{n} not in {low}..{high}");
            }
        }
        let seeded = |seed: i64| {
            let input = json!({"s": 0, "e": 999, "seed": seed});
            ok("States.MathRandom($.s, $.e, $.seed)", input)
        };
        assert_eq!(seeded(3), seeded(3));
        assert_eq!(seeded(-3), seeded(-3));
        let spread: HashSet<String> = (0..20).map(|seed| seeded(seed).to_string()).collect();
        assert!(spread.len() > 10, "seeds should give different numbers");
        assert_eq!(
            reason("States.MathRandom(5, 5)", json!({})),
            "The start 5 must be less than the end 5"
        );
        reason("States.MathRandom(5.4, 4.6)", json!({}));
    }

    #[test]
    fn math_add_recorded() {
        let cases = [
            (json!(-9), json!(3), -6),
            (json!(1.49), json!(1.5), 3),
            (json!(-1.5), json!(0), -1),
            (json!(-1.51), json!(0), -2),
            (json!(0.5), json!(0), 1),
            (json!(1.5), json!(0), 2),
            (json!(2.5), json!(0), 3),
            (json!(3.5), json!(0), 4),
            (json!(-0.5), json!(0.5), 1),
            (json!(-0.5), json!(0), 0),
            (json!(-2.5), json!(0), -2),
            (json!(1.5), json!(1.51), 4),
            (json!(-3.5), json!(0), -3),
            (json!(-1.49), json!(-1.5), -2),
            (json!(-1.5), json!(-1.51), -3),
            (json!(1.49), json!(0), 1),
            (json!(1.49), json!(-1.49), 0),
            (json!(1.51), json!(0), 2),
            (json!(-1.49), json!(0), -1),
            (json!(5), json!(3), 8),
            (json!(0.49999999999999994), json!(0), 0),
        ];
        for (a, b, expected) in cases {
            let input = json!({"a": a, "b": b});
            let sum = ok("States.MathAdd($.a, $.b)", input.clone());
            assert_eq!(sum.as_i64(), Some(expected), "{input}");
            assert!(sum.is_i64(), "an integer, not {sum}");
        }
        assert_eq!(ok("States.MathAdd(3, -1)", json!({})), json!(2));
    }

    #[test]
    fn math_add_failures() {
        assert_eq!(
            reason("States.MathAdd(2147483647, 1)", json!({})),
            "The sum 2147483648 is outside the range -2147483648 to 2147483647"
        );
        assert_eq!(
            ok("States.MathAdd(-2147483648, 2147483647)", json!({})),
            json!(-1)
        );
        assert_eq!(
            reason("States.MathAdd($.a, 1)", json!({"a": 2_147_483_647.5})),
            "The argument '$.a' must be an integer between -2147483648 and 2147483647, but was 2.1474836475E9"
        );
        reason("States.MathAdd($.a, 1)", json!({"a": 1e300}));
        reason("States.MathAdd($.a, 1)", json!({"a": u64::MAX}));
        reason("States.MathAdd($.a, 1)", json!({"a": i64::MIN}));
        assert_eq!(
            reason("States.MathAdd($.a, 1)", json!({"a": "1"})),
            "The argument '$.a' must be of type number, but was of type string"
        );
    }

    #[test]
    fn string_split_recorded() {
        let cases = [
            (" ", ",", json!([" "])),
            (" , ", ",", json!([" ", " "])),
            (", , ,", ",", json!([" ", " "])),
            (",,,,", ",", json!([])),
            ("1,2,3,4,5", ",", json!(["1", "2", "3", "4", "5"])),
            (
                "This.is+a,test=string",
                ".+,=",
                json!(["This", "is", "a", "test", "string"]),
            ),
            (
                "split on T and \nnew line",
                "T\n",
                json!(["split on ", " and ", "new line"]),
            ),
            ("a\nb", "\n", json!(["a", "b"])),
            ("", ",", json!([])),
            ("abc", "", json!(["abc"])),
            ("añb€c", "ñ€", json!(["a", "b", "c"])),
        ];
        for (text, delimiters, expected) in cases {
            let input = json!({"s": text, "d": delimiters});
            assert_eq!(
                ok("States.StringSplit($.s, $.d)", input),
                expected,
                "{text:?}"
            );
        }
        // generic__test_escape_sequence: a raw newline inside the literals.
        assert_eq!(
            ok("States.StringSplit('Hello\nWorld', '\n')", json!({})),
            json!(["Hello", "World"])
        );
        assert_eq!(
            reason("States.StringSplit($.s, ',')", json!({"s": ["a"]})),
            "The argument '$.s' must be of type string, but was of type array"
        );
    }

    #[test]
    fn uuid_is_random_v4_lower_case() {
        let is_v4 = |value: &Value| {
            let text = value.as_str().unwrap_or_default();
            let groups: Vec<usize> = text.split('-').map(str::len).collect();
            groups == [8, 4, 4, 4, 12]
                && text
                    .chars()
                    .all(|c| c == '-' || matches!(c, '0'..='9' | 'a'..='f'))
                && text.as_bytes().get(14) == Some(&b'4')
                && matches!(text.as_bytes().get(19), Some(b'8' | b'9' | b'a' | b'b'))
        };
        let call = Call::parse("States.Array(States.UUID(), States.UUID())")
            .unwrap_or_else(|error| panic!("{error}"));
        let mut counter = 0_u64;
        let pair = evaluate(
            &call,
            &mut |path| Err(IntrinsicFailure::path_not_found(path, &Value::Null)),
            &mut || {
                counter += 1;
                counter.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            },
        )
        .unwrap_or_default();
        let uuids = pair.as_array().cloned().unwrap_or_default();
        assert_eq!(uuids.len(), 2);
        assert!(uuids.iter().all(is_v4), "{pair}");
        assert_ne!(uuids.first(), uuids.get(1));
    }

    #[test]
    fn missing_path_names_the_call_that_owns_it() {
        let input = json!({"a": {"b": 1}});
        assert_eq!(
            fails(
                "States.ArrayGetItem(States.StringSplit($.missing, ','), 0)",
                input.clone()
            ),
            "The function 'States.StringSplit($.missing, ',')' had the following error: The JsonPath \
             argument for the field '$.missing' could not be found in the input '{\"a\":{\"b\":1}}'"
        );
        let failure = run("States.Format('{}', $.a.c)", &input)
            .err()
            .unwrap_or_else(|| IntrinsicFailure::new(""));
        assert_eq!(
            failure.cause("Pass", 2),
            "An error occurred while executing the state 'Pass' (entered at the event id #2). \
             The function 'States.Format('{}', $.a.c)' had the following error: The JsonPath \
             argument for the field '$.a.c' could not be found in the input '{\"a\":{\"b\":1}}'"
        );
        assert_eq!(IntrinsicFailure::ERROR, "States.Runtime");
        // A resolver's own failure passes through untouched.
        let call = Call::parse("States.ArrayLength($x)").unwrap_or_else(|error| panic!("{error}"));
        let own = evaluate(
            &call,
            &mut |_| Err(IntrinsicFailure::new("custom")),
            &mut || 0,
        );
        assert_eq!(own, Err(IntrinsicFailure::new("custom")));
    }

    #[test]
    fn nested_calls_fail_at_the_innermost_call() {
        assert_eq!(
            fails("States.Array(1, States.MathAdd($.a, 1))", json!({"a": "1"})),
            "The function 'States.MathAdd($.a, 1)' had the following error: The argument '$.a' \
             must be of type number, but was of type string"
        );
        assert_eq!(
            ok(
                "States.ArrayGetItem(States.StringSplit($.n, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($.n, '-')), -1))",
                json!({"n": "a-b-c"})
            ),
            json!("c")
        );
    }

    #[test]
    fn walks_over_deep_values_do_not_recurse() {
        // The big stack is only for building and dropping the value (serde_json's own
        // recursion); the walks run on a 64 KiB stack.
        let outer = std::thread::Builder::new().stack_size(512 << 20).spawn(|| {
            let mut deep = json!({"k": 1.5});
            for _ in 0..100_000 {
                deep = Value::Array(vec![deep]);
            }
            std::thread::scope(|scope| {
                let inner = std::thread::Builder::new()
                    .stack_size(64 << 10)
                    .spawn_scoped(scope, || {
                        let text = json_text(&deep);
                        let mut java = String::new();
                        write_value(&deep, Style::Java, &mut java);
                        let key = equality_key(&deep);
                        (text.len(), java.len(), key.len())
                    });
                let sizes = inner.map(|handle| handle.join().ok()).ok().flatten();
                assert_eq!(sizes, Some((200_009, 200_007, 200_011)));
            });
        });
        assert!(outer.map(|handle| handle.join().is_ok()).unwrap_or(false));
    }

    #[test]
    fn huge_inputs_stay_cheap() {
        let big = "a,".repeat(2_000_000);
        let pieces = ok("States.StringSplit($.s, ',')", json!({ "s": big }));
        assert_eq!(pieces.as_array().map(Vec::len), Some(2_000_000));
        let many: Vec<i64> = (0..200_000).collect();
        let unique = ok("States.ArrayUnique($.a)", json!({ "a": many }));
        assert_eq!(unique.as_array().map(Vec::len), Some(200_000));
        // Deeper than serde_json's parse limit (128) and the loader's (256): the deepest a
        // value can be when it reaches an intrinsic. serde_json's own clone and drop recurse.
        let deep_ok = {
            let mut value = json!(1);
            for _ in 0..300 {
                value = json!([value]);
            }
            value
        };
        let input = json!({ "d": deep_ok });
        ok("States.JsonToString($.d)", input.clone());
        ok("States.Format('{}', $.d)", input.clone());
        ok("States.ArrayContains($.d, $.d)", input.clone());
        ok("States.ArrayUnique($.d)", input);
    }

    #[test]
    fn java_double_format() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (1e-3, "0.001"),
            (0.00123, "0.00123"),
            (9.99e-4, "9.99E-4"),
            (1e6, "1000000.0"),
            (1.2345e7, "1.2345E7"),
            (-1e100, "-1.0E100"),
            (f64::MAX, "1.7976931348623157E308"),
            (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
        ];
        for (value, expected) in cases {
            let mut out = String::new();
            write_java_double(value, &mut out);
            assert_eq!(out, expected, "{value:e}");
        }
    }
}
