//! Tests of `eval.rs`.

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
