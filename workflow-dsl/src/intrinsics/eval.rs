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
mod tests;
