//! Tests of `parse.rs`.

use super::*;
use crate::intrinsics::Function;

fn ok(text: &str) -> Call {
    match Call::parse(text) {
        Ok(call) => call,
        Err(err) => panic!("{text:?} should parse: {err} [{}]", err.rule()),
    }
}

fn err(text: &str, rule: &str) -> IntrinsicError {
    match Call::parse(text) {
        Ok(call) => panic!("{text:?} should fail with {rule}, got {call:?}"),
        Err(err) => {
            assert_eq!(err.rule(), rule, "{text:?}: {err}");
            assert!(text.is_char_boundary(err.offset()), "{text:?}: {err}");
            assert!(!err.message().ends_with('.'), "{err}");
            err
        }
    }
}

fn path(text: &str) -> Arg {
    Arg::Path(Path::parse(text).unwrap())
}

fn num(text: &str) -> Arg {
    Arg::Number(text.parse().unwrap())
}

/// Shortest and longest valid calls for every function.
const VALID: [(Function, &str); 24] = [
    (Function::Format, "States.Format('x')"),
    (
        Function::Format,
        "States.Format('{} {} {}', 1, $.a, States.UUID())",
    ),
    (Function::StringToJson, "States.StringToJson('{\"a\": 1}')"),
    (Function::JsonToString, "States.JsonToString($.a)"),
    (Function::Array, "States.Array()"),
    (
        Function::Array,
        "States.Array(1, 'a', true, false, null, $.a)",
    ),
    (Function::ArrayPartition, "States.ArrayPartition($.a, 2)"),
    (Function::ArrayContains, "States.ArrayContains($.a, 'x')"),
    (Function::ArrayRange, "States.ArrayRange(1, 9, 2)"),
    (Function::ArrayGetItem, "States.ArrayGetItem($.a, 0)"),
    (Function::ArrayLength, "States.ArrayLength(States.Array(1))"),
    (Function::ArrayUnique, "States.ArrayUnique($.a)"),
    (Function::Base64Encode, "States.Base64Encode('abc')"),
    (Function::Base64Decode, "States.Base64Decode('YWJj')"),
    (Function::Hash, "States.Hash('input data', 'SHA-1')"),
    (Function::Hash, "States.Hash(42, 'MD5')"),
    (Function::JsonMerge, "States.JsonMerge($.a, $.b, false)"),
    (Function::JsonMerge, "States.JsonMerge($.a, $.b, $.deep)"),
    (Function::MathRandom, "States.MathRandom(1, 10)"),
    (Function::MathRandom, "States.MathRandom(1, 10, 7)"),
    (Function::MathAdd, "States.MathAdd(1.5, -2)"),
    (Function::StringSplit, "States.StringSplit('a,b', ',')"),
    (Function::Uuid, "States.UUID()"),
    (Function::Hash, "States.Hash($.a, $.algorithm)"),
];

#[test]
fn every_function_parses_with_valid_arity() {
    for (function, text) in VALID {
        let call = ok(text);
        assert_eq!(call.function, function, "{text}");
        assert_eq!(call.source(), text);
    }
    for function in Function::ALL {
        assert!(VALID.iter().any(|&(f, _)| f == function), "{function:?}");
    }
}

#[test]
fn wrong_arity_is_v808() {
    for function in Function::ALL {
        let args = |n: usize| vec!["$.a"; n].join(", ");
        if function.min_args() > 0 {
            let text = format!("{}({})", function.name(), args(function.min_args() - 1));
            let e = err(&text, "V808");
            assert_eq!(e.offset(), 0);
            assert!(e.message().contains(function.usage()), "{e}");
        }
        if let Some(max) = function.max_args() {
            err(&format!("{}({})", function.name(), args(max + 1)), "V808");
        }
    }
    let e = err("States.Hash($.a)", "V808");
    assert_eq!(
        e.message(),
        "`States.Hash` takes 2 arguments but was given 1; call it as `States.Hash(data, 'SHA-256')`"
    );
    let e = err("States.UUID(1)", "V808");
    assert!(
        e.message().starts_with("`States.UUID` takes no arguments"),
        "{e}"
    );
    let e = err("States.MathRandom(1)", "V808");
    assert!(e.message().contains("takes 2 or 3 arguments"), "{e}");
    let e = err("States.Format()", "V808");
    assert!(e.message().contains("takes at least 1 argument but"), "{e}");
}

#[test]
fn unknown_names_suggest_the_closest() {
    let e = err("States.format('x')", "V808");
    assert_eq!(
        e.message(),
        "unknown intrinsic function `States.format`; did you mean `States.Format`?"
    );
    let e = err("Format('x')", "V808");
    assert!(
        e.message().ends_with("did you mean `States.Format`?"),
        "{e}"
    );
    let e = err("States.Array(States.Uuid())", "V808");
    assert_eq!(e.offset(), 13);
    assert!(e.message().ends_with("did you mean `States.UUID`?"), "{e}");
    let e = err("States.Subtract(1, 2)", "V808");
    assert!(e.message().contains("use one of States.Format, "), "{e}");
}

#[test]
fn json_to_string_needs_a_path() {
    ok("States.JsonToString($$.Execution.Input)");
    ok("States.JsonToString($var.a)");
    let e = err("States.JsonToString('x')", "V808");
    assert_eq!(e.offset(), 20);
    assert!(e.message().contains("not `'x'`"), "{e}");
    err("States.JsonToString(States.StringToJson('1'))", "V808");
}

#[test]
fn literal_types_that_never_work_are_v808() {
    for (text, offset) in [
        ("States.Hash($.a, 'SHA256')", 17),
        ("States.Hash($.a, 'sha-256')", 17),
        ("States.Hash($.a, 256)", 17),
        ("States.JsonMerge($.a, $.b, true)", 27),
        ("States.JsonMerge($.a, $.b, 'false')", 27),
        ("States.JsonMerge('{}', $.b, false)", 17),
        ("States.ArrayLength(3)", 19),
        ("States.ArrayUnique(null)", 19),
        ("States.ArrayGetItem($.a, '0')", 25),
        ("States.MathAdd('a', 1)", 15),
        ("States.MathAdd(1, true)", 18),
        ("States.ArrayRange(1, '9', 1)", 21),
        ("States.Format(1, 2)", 14),
        ("States.StringSplit($.a, 1)", 24),
        ("States.Base64Encode(false)", 20),
        ("States.StringToJson(1)", 20),
    ] {
        assert_eq!(err(text, "V808").offset(), offset, "{text}");
    }
    let e = err("States.MathAdd('a', 1)", "V808");
    assert_eq!(
        e.message(),
        "argument 1 of `States.MathAdd` must be a number, but `'a'` is a string literal; \
         write a number without quotes or pass a path"
    );
    let e = err("States.Hash($.a, 'SHA256')", "V808");
    assert!(e.message().contains("'SHA-256'"), "{e}");
    // Paths and calls are unknown until run time.
    ok("States.ArrayLength(States.StringSplit('a b', ' '))");
    ok("States.MathAdd(States.ArrayLength($.a), $.b)");
    ok("States.Format($.template, 1)");
}

#[test]
fn syntax_errors_are_v807() {
    for (text, offset) in [
        ("", 0),
        (" States.UUID()", 0),
        ("States.UUID() ", 13),
        ("States.UUID", 0),
        ("Hello world", 0),
        ("$.a", 0),
        ("'x'", 0),
        ("States.UUID (", 11),
        ("States.Array(1", 12),
        ("States.Array(", 12),
        ("States.Array(1))", 15),
        ("States.Array(1)x", 15),
        ("States.Array(1,,2)", 15),
        ("States.Array(,1)", 13),
        ("States.Array(1, )", 16),
        ("States.Array(1 2)", 15),
        ("States.Array(1a)", 14),
        ("States.Array(-)", 13),
        ("States.Array(1.)", 13),
        ("States.Array(1e+)", 13),
        ("States.Array(.5)", 13),
        ("States.Array(+1)", 13),
        ("States.Array(True)", 13),
        ("States.Array(NULL)", 13),
        ("States.Array(1e999)", 13),
        ("States.Array(\"a\")", 13),
        ("States.Array(States.UUID)", 13),
        ("States.Format('abc)", 14),
        ("States.Format('abc\\", 14),
        ("States.Format('a\\\"b')", 16),
        ("States.Format('a\\nb')", 16),
        ("States.Array($.a[0)", 13),
        ("States.Array($.a['x)", 13),
        ("States.Array(1\r)", 14),
        ("States.Format('a', ('b'))", 19),
    ] {
        assert_eq!(err(text, "V807").offset(), offset, "{text}");
    }
    let e = err("States.Array(1,,2)", "V807");
    assert_eq!(
        e.message(),
        "empty argument in `States.Array`; remove the extra `,` or put a value there"
    );
    let e = err("States.Array(True)", "V807");
    assert!(e.message().ends_with("write `true` in lower case"), "{e}");
    // Syntax wins over semantics anywhere in the text.
    err("States.Nope(1,,2)", "V807");
    err("States.Hash($.a, 'MD4') x", "V807");
}

#[test]
fn illegal_escapes_from_the_corpus_are_v807() {
    // AWS refused both at create: tests/data/aws-recorded/definition_validation/
    // base_scenarios__test_illegal_escapes_ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION.json
    // and its `_2` twin.
    for text in [
        "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')",
        "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')",
    ] {
        let e = err(text, "V807");
        assert_eq!(text.get(e.offset()..e.offset() + 2), Some("\\\""), "{e}");
        assert!(e.message().starts_with("illegal escape `\\\"`"), "{e}");
    }
}

#[test]
fn escapes_unescape() {
    // JSON source `"States.Format('It\\'s {}', $.n)"`.
    let call = ok("States.Format('It\\'s {}', $.n)");
    assert_eq!(call.args[0], Arg::String("It's {}".into()));
    assert_eq!(call.arg_source(0), Some("'It\\'s {}'"));
    let call = ok("States.Format('\\{\\} \\\\ \\'', 'a\nb')");
    assert_eq!(call.args[0], Arg::String(r"{} \ '".into()));
    assert_eq!(call.args[1], Arg::String("a\nb".into()));
    let call = ok("States.StringSplit('Hello\nWorld', '\n')");
    assert_eq!(call.args[1], Arg::String("\n".into()));
    ok("States.Format('', '日本語 🆗')");
}

#[test]
fn literals_and_blanks() {
    let call = ok(
        "States.Array( 1 ,\t-2.5,\n1e3 , 0.25E-2, 18446744073709551615, true, false, null, 'x' )",
    );
    assert_eq!(
        call.args,
        vec![
            num("1"),
            num("-2.5"),
            num("1e3"),
            num("0.25E-2"),
            num("18446744073709551615"),
            Arg::Bool(true),
            Arg::Bool(false),
            Arg::Null,
            Arg::String("x".into()),
        ]
    );
    assert_eq!(call.arg_source(0), Some("1"));
    assert_eq!(call.arg_source(8), Some("'x'"));
    assert_eq!(call.arg_source(9), None);
    assert_eq!(ok("States.Array(-0)").args, vec![num("0")]);
    assert_eq!(ok("States.Array(\n)").args, vec![]);
}

#[test]
fn path_arguments_end_at_the_right_comma() {
    let call = ok("States.Array($.a[?(@.b == 'x,y')], $['c)d'] , $$.Map.Item.Value,$v.x[0],$)");
    assert_eq!(
        call.args,
        vec![
            path("$.a[?(@.b == 'x,y')]"),
            path("$['c)d']"),
            path("$$.Map.Item.Value"),
            path("$v.x[0]"),
            path("$"),
        ]
    );
    assert_eq!(call.arg_source(1), Some("$['c)d']"));
    let call = ok("States.Array($.a\\,b, $[\"q\\\"]\"])");
    assert_eq!(call.args, vec![path("$.a\\,b"), path("$[\"q\\\"]\"]")]);
}

#[test]
fn nested_calls_keep_their_source() {
    let text = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)";
    let call = ok(text);
    let Arg::Call(inner) = &call.args[0] else {
        panic!("{call:?}")
    };
    assert_eq!(inner.function, Function::StringSplit);
    assert_eq!(
        inner.source(),
        "States.StringSplit($$.StateMachine.Name, '-')"
    );
    assert_eq!(inner.arg_source(1), Some("'-'"));
    assert_eq!(call.arg_source(0), Some(inner.source()));
}

fn nested(levels: usize) -> String {
    format!("{}1{}", "States.Array(".repeat(levels), ")".repeat(levels))
}

#[test]
fn nesting_limit_is_v809() {
    ok(&nested(MAX_NESTING));
    let e = err(&nested(MAX_NESTING + 1), "V809");
    assert_eq!(e.offset(), "States.Array(".len() * MAX_NESTING);
    // Deep input stops at the limit instead of overflowing the stack.
    err(&nested(200_000), "V809");
}

#[test]
fn random_input_never_panics() {
    // Pieces of the intrinsic alphabet, weighted towards the structural ones.
    const TOKENS: [&str; 40] = [
        "States.",
        "Format",
        "Array",
        "UUID",
        "Hash",
        "JsonMerge",
        "(",
        ")",
        "(",
        ")",
        ",",
        ",",
        "'",
        "'",
        "\\",
        "{",
        "}",
        "$",
        "$$",
        ".",
        "[",
        "]",
        "?",
        "@",
        "==",
        "\"",
        "-",
        "0",
        "1",
        "e",
        ".5",
        " ",
        "\t",
        "\n",
        "true",
        "null",
        "é",
        "🆗",
        "\r",
        "a",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut pick = |n: usize| (next() % n.max(1) as u64) as usize;
    // Valid calls to mutate, so that errors deep inside a call are reached too.
    let bases: Vec<String> = VALID.iter().map(|&(_, text)| text.to_owned()).collect();
    let mut parsed = 0;
    for round in 0..6000 {
        let mut text = String::new();
        if round % 2 == 0 {
            for _ in 0..pick(24) {
                text.push_str(TOKENS.get(pick(TOKENS.len())).copied().unwrap_or_default());
            }
        } else {
            text = bases.get(pick(bases.len())).cloned().unwrap_or_default();
            for _ in 0..=pick(3) {
                let bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
                let at = bounds
                    .get(pick(bounds.len() + 1))
                    .copied()
                    .unwrap_or(text.len());
                if pick(2) == 0 {
                    text.insert_str(
                        at,
                        TOKENS.get(pick(TOKENS.len())).copied().unwrap_or_default(),
                    );
                } else if at < text.len() {
                    text.remove(at);
                }
            }
        }
        match Call::parse(&text) {
            Ok(call) => {
                parsed += 1;
                assert_eq!(call.source(), text);
                for index in 0..call.args.len() {
                    assert!(call.arg_source(index).is_some(), "{text:?}");
                }
            }
            Err(e) => {
                assert!(text.is_char_boundary(e.offset()), "{text:?}: {e}");
                assert!(e.offset() <= text.len(), "{text:?}: {e}");
                assert!(!e.message().is_empty());
            }
        }
    }
    assert!(parsed > 100, "only {parsed} random inputs were valid calls");
}
