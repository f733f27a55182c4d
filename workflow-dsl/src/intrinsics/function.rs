//! The 18 intrinsic functions
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>): names,
//! arities and the literal argument checks of rule V808.

use super::{Arg, IntrinsicError, snippet};

/// One of the 18 intrinsic functions AWS offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    /// `States.Format(template, value…)`: fills each `{}` with the next value.
    Format,
    /// `States.StringToJson(string)`: parses JSON text.
    StringToJson,
    /// `States.JsonToString($.path)`: serialises the value at a path.
    JsonToString,
    /// `States.Array(value…)`: builds an array.
    Array,
    /// `States.ArrayPartition(array, size)`: splits an array into chunks.
    ArrayPartition,
    /// `States.ArrayContains(array, value)`: deep membership test.
    ArrayContains,
    /// `States.ArrayRange(first, last, step)`: an arithmetic sequence.
    ArrayRange,
    /// `States.ArrayGetItem(array, index)`: one element.
    ArrayGetItem,
    /// `States.ArrayLength(array)`: the number of elements.
    ArrayLength,
    /// `States.ArrayUnique(array)`: drops duplicates.
    ArrayUnique,
    /// `States.Base64Encode(string)`.
    Base64Encode,
    /// `States.Base64Decode(base64)`.
    Base64Decode,
    /// `States.Hash(data, algorithm)`: hex digest.
    Hash,
    /// `States.JsonMerge(object1, object2, false)`: shallow merge.
    JsonMerge,
    /// `States.MathRandom(start, end[, seed])`.
    MathRandom,
    /// `States.MathAdd(a, b)`.
    MathAdd,
    /// `States.StringSplit(string, delimiters)`.
    StringSplit,
    /// `States.UUID()`: a random v4 UUID.
    Uuid,
}

/// What a parameter accepts, as far as a literal can show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Param {
    /// Any value.
    Any,
    /// A string.
    String,
    /// A number.
    Number,
    /// An array: no literal is one.
    Array,
    /// A JSON object: no literal is one.
    Object,
    /// Only a path (`States.JsonToString`); a nested call is refused too.
    Path,
    /// One of [`ALGORITHMS`].
    Algorithm,
    /// The `deep` flag of `States.JsonMerge`: AWS merges shallowly only, so only `false` works.
    ShallowFlag,
}

/// Signature of one function.
struct Spec {
    name: &'static str,
    /// How to call it, quoted in arity messages.
    usage: &'static str,
    /// Positional parameters; with `min < params.len()` the tail is optional.
    params: &'static [Param],
    min: usize,
    /// Type of every argument past `params`; `None` caps the arity at `params.len()`.
    rest: Option<Param>,
}

/// Hash algorithms `States.Hash` accepts (case-sensitive, as AWS documents them).
const ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// Largest edit distance at which an unknown name still gets a "did you mean".
const SUGGESTION_DISTANCE: usize = 3;

/// Names longer than this get no suggestion, which bounds the edit-distance work.
const SUGGESTION_MAX_CHARS: usize = 64;

impl Function {
    /// Every function, in declaration order.
    pub const ALL: [Function; 18] = [
        Function::Format,
        Function::StringToJson,
        Function::JsonToString,
        Function::Array,
        Function::ArrayPartition,
        Function::ArrayContains,
        Function::ArrayRange,
        Function::ArrayGetItem,
        Function::ArrayLength,
        Function::ArrayUnique,
        Function::Base64Encode,
        Function::Base64Decode,
        Function::Hash,
        Function::JsonMerge,
        Function::MathRandom,
        Function::MathAdd,
        Function::StringSplit,
        Function::Uuid,
    ];

    /// The full name as written in a definition, e.g. `"States.Format"`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The function with exactly this name (case-sensitive, `States.` prefix included).
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Fewest arguments accepted.
    pub fn min_args(self) -> usize {
        self.spec().min
    }

    /// Most arguments accepted; `None` for `States.Format` and `States.Array`.
    pub fn max_args(self) -> Option<usize> {
        let spec = self.spec();
        match spec.rest {
            Some(_) => None,
            None => Some(spec.params.len()),
        }
    }

    /// How to call the function, e.g. `States.Hash(data, algorithm)`.
    pub fn usage(self) -> &'static str {
        self.spec().usage
    }

    /// Whether the function may be the whole value of a Fail state's `ErrorPath` or `CausePath`
    /// (rule V717): the ones that can produce a string.
    pub fn allowed_in_fail_state(self) -> bool {
        matches!(
            self,
            Function::Format
                | Function::JsonToString
                | Function::ArrayGetItem
                | Function::Base64Encode
                | Function::Base64Decode
                | Function::Hash
                | Function::Uuid
        )
    }

    fn spec(self) -> &'static Spec {
        use Param::{Algorithm, Any, Array, Number, Object, Path, ShallowFlag, String};
        macro_rules! spec {
            ($name:literal, $usage:literal, [$($param:expr),*], $min:expr, $rest:expr) => {
                &Spec { name: $name, usage: $usage, params: &[$($param),*], min: $min, rest: $rest }
            };
        }
        match self {
            Function::Format => spec!(
                "States.Format",
                "States.Format('template {}', value, ...)",
                [String],
                1,
                Some(Any)
            ),
            Function::StringToJson => spec!(
                "States.StringToJson",
                "States.StringToJson(string)",
                [String],
                1,
                None
            ),
            Function::JsonToString => spec!(
                "States.JsonToString",
                "States.JsonToString($.path)",
                [Path],
                1,
                None
            ),
            Function::Array => spec!("States.Array", "States.Array(value, ...)", [], 0, Some(Any)),
            Function::ArrayPartition => spec!(
                "States.ArrayPartition",
                "States.ArrayPartition(array, chunkSize)",
                [Array, Number],
                2,
                None
            ),
            Function::ArrayContains => spec!(
                "States.ArrayContains",
                "States.ArrayContains(array, value)",
                [Array, Any],
                2,
                None
            ),
            Function::ArrayRange => spec!(
                "States.ArrayRange",
                "States.ArrayRange(first, last, step)",
                [Number, Number, Number],
                3,
                None
            ),
            Function::ArrayGetItem => spec!(
                "States.ArrayGetItem",
                "States.ArrayGetItem(array, index)",
                [Array, Number],
                2,
                None
            ),
            Function::ArrayLength => spec!(
                "States.ArrayLength",
                "States.ArrayLength(array)",
                [Array],
                1,
                None
            ),
            Function::ArrayUnique => spec!(
                "States.ArrayUnique",
                "States.ArrayUnique(array)",
                [Array],
                1,
                None
            ),
            Function::Base64Encode => spec!(
                "States.Base64Encode",
                "States.Base64Encode(string)",
                [String],
                1,
                None
            ),
            Function::Base64Decode => spec!(
                "States.Base64Decode",
                "States.Base64Decode(base64)",
                [String],
                1,
                None
            ),
            // The data may be any value: the spec hashes a non-string as its JSON text.
            Function::Hash => spec!(
                "States.Hash",
                "States.Hash(data, 'SHA-256')",
                [Any, Algorithm],
                2,
                None
            ),
            Function::JsonMerge => spec!(
                "States.JsonMerge",
                "States.JsonMerge(object1, object2, false)",
                [Object, Object, ShallowFlag],
                3,
                None
            ),
            Function::MathRandom => spec!(
                "States.MathRandom",
                "States.MathRandom(start, end[, seed])",
                [Number, Number, Number],
                2,
                None
            ),
            Function::MathAdd => spec!(
                "States.MathAdd",
                "States.MathAdd(a, b)",
                [Number, Number],
                2,
                None
            ),
            Function::StringSplit => spec!(
                "States.StringSplit",
                "States.StringSplit(string, delimiters)",
                [String, String],
                2,
                None
            ),
            Function::Uuid => spec!("States.UUID", "States.UUID()", [], 0, None),
        }
    }
}

/// The function called `name`, or a V808 error at `offset` suggesting the closest name.
pub(super) fn resolve_name(name: &str, offset: usize) -> Result<Function, IntrinsicError> {
    Function::from_name(name).ok_or_else(|| {
        let message = match closest(name) {
            Some(function) => format!(
                "unknown intrinsic function `{}`; did you mean `{}`?",
                snippet(name),
                function.name()
            ),
            None => format!(
                "unknown intrinsic function `{}`; use one of {}",
                snippet(name),
                Function::ALL.map(Function::name).join(", ")
            ),
        };
        IntrinsicError::semantics(offset, message)
    })
}

/// Checks the argument count; `offset` is where the function name starts.
pub(super) fn check_arity(
    function: Function,
    count: usize,
    offset: usize,
) -> Result<(), IntrinsicError> {
    let min = function.min_args();
    let max = function.max_args();
    if count >= min && max.is_none_or(|max| count <= max) {
        return Ok(());
    }
    let expected = match (min, max) {
        (0, Some(0)) => "no arguments".to_owned(),
        (min, None) => format!("at least {}", plural(min)),
        (min, Some(max)) if min == max => plural(min),
        (min, Some(max)) => format!("{min} or {}", plural(max)),
    };
    Err(IntrinsicError::semantics(
        offset,
        format!(
            "`{}` takes {expected} but was given {count}; call it as `{}`",
            function.name(),
            function.usage()
        ),
    ))
}

/// Rejects a literal argument that can never work at position `index`; `written` is the
/// argument as written, `offset` where it starts.
pub(super) fn check_arg(
    function: Function,
    index: usize,
    arg: &Arg,
    written: &str,
    offset: usize,
) -> Result<(), IntrinsicError> {
    let spec = function.spec();
    let Some(param) = spec.params.get(index).copied().or(spec.rest) else {
        // Past the last parameter: the arity check has already refused the call.
        return Ok(());
    };
    let name = function.name();
    let written = snippet(written);
    let message = match (param, arg) {
        (Param::Path, Arg::Path(_)) => return Ok(()),
        (Param::Path, _) => format!(
            "`{name}` takes a path such as `$.value`, not `{written}`; \
             store the value in the state input or a variable and pass its path"
        ),
        // A path or a nested call is only known at run time.
        (_, Arg::Path(_) | Arg::Call(_)) | (Param::Any, _) => return Ok(()),
        (Param::String, Arg::String(_)) | (Param::Number, Arg::Number(_)) => return Ok(()),
        (Param::Algorithm, Arg::String(algorithm)) if ALGORITHMS.contains(&algorithm.as_str()) => {
            return Ok(());
        }
        (Param::Algorithm, _) => format!(
            "`{name}` does not support the algorithm `{written}`; use one of {}",
            ALGORITHMS.map(|a| format!("'{a}'")).join(", ")
        ),
        (Param::ShallowFlag, Arg::Bool(false)) => return Ok(()),
        (Param::ShallowFlag, _) => format!(
            "`{name}` only merges shallowly, so its third argument must be `false`, not `{written}`"
        ),
        (expected, _) => {
            let (wanted, advice) = match expected {
                Param::String => ("a string", "quote it, as in `'text'`, or pass a path"),
                Param::Number => ("a number", "write a number without quotes or pass a path"),
                Param::Array => (
                    "an array",
                    "pass a path to an array or a call such as `States.Array(...)`",
                ),
                _ => (
                    "a JSON object",
                    "pass a path to an object or a call such as `States.StringToJson(...)`",
                ),
            };
            format!(
                "argument {} of `{name}` must be {wanted}, but `{written}` is {}; {advice}",
                index + 1,
                literal_kind(arg)
            )
        }
    };
    Err(IntrinsicError::semantics(offset, message))
}

fn literal_kind(arg: &Arg) -> &'static str {
    match arg {
        Arg::String(_) => "a string literal",
        Arg::Number(_) => "a number literal",
        Arg::Bool(_) => "a boolean literal",
        _ => "null",
    }
}

fn plural(count: usize) -> String {
    if count == 1 {
        "1 argument".to_owned()
    } else {
        format!("{count} arguments")
    }
}

/// The known function nearest to `name`, ignoring case and a missing `States.` prefix.
fn closest(name: &str) -> Option<Function> {
    if name.chars().count() > SUGGESTION_MAX_CHARS {
        return None;
    }
    let lower = name.to_lowercase();
    let prefixed = format!("states.{lower}");
    Function::ALL
        .into_iter()
        .map(|f| {
            let known = f.name().to_lowercase();
            (distance(&lower, &known).min(distance(&prefixed, &known)), f)
        })
        .filter(|&(d, _)| d <= SUGGESTION_DISTANCE)
        .min_by_key(|&(d, _)| d)
        .map(|(_, f)| f)
}

/// Levenshtein distance over chars, two rows of the usual table; every index stays within the
/// rows built here.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for function in Function::ALL {
            assert_eq!(Function::from_name(function.name()), Some(function));
            assert!(function.name().starts_with("States."));
            assert!(function.usage().starts_with(function.name()));
            assert_eq!(
                Function::from_name(&function.name().to_lowercase()),
                None,
                "{function:?}"
            );
        }
        assert_eq!(Function::from_name("States.UUID"), Some(Function::Uuid));
        assert_eq!(Function::from_name("States.Uuid"), None);
        assert_eq!(Function::from_name("Format"), None);
    }

    #[test]
    fn arities_follow_the_digest() {
        let table = [
            (Function::Format, 1, None),
            (Function::StringToJson, 1, Some(1)),
            (Function::JsonToString, 1, Some(1)),
            (Function::Array, 0, None),
            (Function::ArrayPartition, 2, Some(2)),
            (Function::ArrayContains, 2, Some(2)),
            (Function::ArrayRange, 3, Some(3)),
            (Function::ArrayGetItem, 2, Some(2)),
            (Function::ArrayLength, 1, Some(1)),
            (Function::ArrayUnique, 1, Some(1)),
            (Function::Base64Encode, 1, Some(1)),
            (Function::Base64Decode, 1, Some(1)),
            (Function::Hash, 2, Some(2)),
            (Function::JsonMerge, 3, Some(3)),
            (Function::MathRandom, 2, Some(3)),
            (Function::MathAdd, 2, Some(2)),
            (Function::StringSplit, 2, Some(2)),
            (Function::Uuid, 0, Some(0)),
        ];
        assert_eq!(table.len(), Function::ALL.len());
        for (function, min, max) in table {
            assert_eq!(function.min_args(), min, "{function:?}");
            assert_eq!(function.max_args(), max, "{function:?}");
        }
    }

    #[test]
    fn fail_state_subset() {
        let allowed: Vec<_> = Function::ALL
            .into_iter()
            .filter(|f| f.allowed_in_fail_state())
            .collect();
        assert_eq!(allowed.len(), 7);
        assert!(!Function::MathAdd.allowed_in_fail_state());
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("States.format"), Some(Function::Format));
        assert_eq!(closest("States.Uuid"), Some(Function::Uuid));
        assert_eq!(closest("Format"), Some(Function::Format));
        assert_eq!(closest("States.ArrayLenght"), Some(Function::ArrayLength));
        assert_eq!(closest("States.MathSubtract"), None);
        assert_eq!(closest(&"x".repeat(100)), None);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
