//! Tests of `filter.rs`.

use crate::path::{
    CompareOp, FilterExpr, FilterPath, Operand, Origin, Path, PathError, PathErrorKind, Root,
    Segment,
};
use serde_json::{Value, json};

fn filter(text: &str) -> FilterExpr {
    let parsed = Path::parse(&format!("$[?({text})]"));
    match parsed.as_ref().map(Path::segments) {
        Ok([Segment::Filter(expr)]) => (**expr).clone(),
        other => panic!("{text:?} parsed as {other:?}"),
    }
}

fn at(names: &[&str]) -> FilterPath {
    FilterPath {
        origin: Origin::Current,
        segments: names.iter().map(|n| Segment::Child((*n).into())).collect(),
    }
}

fn current(names: &[&str]) -> Operand {
    Operand::Path(at(names))
}

fn literal(value: Value) -> Operand {
    Operand::Literal(value)
}

fn compare(left: Operand, op: CompareOp, right: Operand) -> FilterExpr {
    FilterExpr::Compare { left, op, right }
}

#[test]
fn comparisons_with_every_operator() {
    let cases = [
        ("==", CompareOp::Eq),
        ("!=", CompareOp::Ne),
        ("<", CompareOp::Lt),
        ("<=", CompareOp::Le),
        (">", CompareOp::Gt),
        (">=", CompareOp::Ge),
    ];
    for (text, op) in cases {
        let expected = compare(current(&["a"]), op, literal(json!(1)));
        assert_eq!(filter(&format!("@.a {text} 1")), expected);
        assert_eq!(filter(&format!("@.a{text}1")), expected);
    }
}

/// What AWS accepts though Jayway's grammar documents no such thing: an unquoted word
/// (kept, reported by V813, matching nothing) and a number without a digit before its point.
#[test]
fn unquoted_words_and_bare_fractions() {
    let path = Path::parse("$.items[?(@.code == es || @.score > .85)]").unwrap();
    assert_eq!(path.unquoted_words(), ["es"]);
    assert_eq!(
        filter("@.score > .85 && @.n < -.5"),
        FilterExpr::And(
            Box::new(compare(
                current(&["score"]),
                CompareOp::Gt,
                literal(json!(0.85))
            )),
            Box::new(compare(
                current(&["n"]),
                CompareOp::Lt,
                literal(json!(-0.5))
            )),
        )
    );
    let items = json!({"items": [{"code": "es", "score": 0.9}, {"code": "en", "score": 0.5}]});
    let select = |text: &str| {
        let roots = crate::path::Roots {
            input: &items,
            context: &Value::Null,
            variable: &|_| None,
        };
        Path::parse(text).unwrap().evaluate(&roots).ok()
    };
    assert_eq!(select("$.items[?(@.code == es)]"), Some(json!([])));
    assert_eq!(
        select("$.items[?(@.code == 'es' || @.score > .85)]"),
        Some(json!([items["items"][0]]))
    );
    assert!(
        Path::parse("$[?(es)]").is_err(),
        "a word alone is no condition"
    );
}

#[test]
fn literals() {
    let right = |text: &str| match filter(&format!("@.a == {text}")) {
        FilterExpr::Compare { right, .. } => right,
        other => panic!("{other:?}"),
    };
    assert_eq!(right("0"), literal(json!(0)));
    assert_eq!(right("-12"), literal(json!(-12)));
    assert_eq!(right("1.5"), literal(json!(1.5)));
    assert_eq!(right("-2.5e3"), literal(json!(-2500.0)));
    assert_eq!(right("1E-2"), literal(json!(0.01)));
    assert_eq!(right("18446744073709551615"), literal(json!(u64::MAX)));
    assert_eq!(right("'x y'"), literal(json!("x y")));
    assert_eq!(right("\"x\""), literal(json!("x")));
    assert_eq!(right(r"'it\'s'"), literal(json!("it's")));
    assert_eq!(right("true"), literal(json!(true)));
    assert_eq!(right("false"), literal(json!(false)));
    assert_eq!(right("null"), literal(Value::Null));
}

#[test]
fn operand_paths() {
    let expr = filter("@['x'] == @[0]");
    let index = Operand::Path(FilterPath {
        origin: Origin::Current,
        segments: vec![Segment::Index(0)],
    });
    assert_eq!(expr, compare(current(&["x"]), CompareOp::Eq, index));
    let absolute = Operand::Path(FilterPath {
        origin: Origin::Root(Root::Input),
        segments: vec![Segment::Child("limit".into())],
    });
    assert_eq!(
        filter("@.price <= $.limit"),
        compare(current(&["price"]), CompareOp::Le, absolute)
    );
    let variable = Operand::Path(FilterPath {
        origin: Origin::Root(Root::Variable("max".into())),
        segments: vec![],
    });
    assert_eq!(
        filter("10 < $max"),
        compare(literal(json!(10)), CompareOp::Lt, variable)
    );
    assert_eq!(filter("@.a.b"), FilterExpr::Exists(at(&["a", "b"])));
    assert_eq!(filter("@"), FilterExpr::Exists(at(&[])));
}

#[test]
fn logic_and_precedence() {
    let a = || FilterExpr::Exists(at(&["a"]));
    let b = || FilterExpr::Exists(at(&["b"]));
    let c = || FilterExpr::Exists(at(&["c"]));
    let or = |l, r| FilterExpr::Or(Box::new(l), Box::new(r));
    let and = |l, r| FilterExpr::And(Box::new(l), Box::new(r));
    let not = |e| FilterExpr::Not(Box::new(e));
    assert_eq!(filter("@.a || @.b && @.c"), or(a(), and(b(), c())));
    assert_eq!(filter("(@.a || @.b) && @.c"), and(or(a(), b()), c()));
    assert_eq!(filter("@.a && @.b && @.c"), and(and(a(), b()), c()));
    assert_eq!(filter("!@.a"), not(a()));
    assert_eq!(filter("! (@.a || @.b)"), not(or(a(), b())));
    assert_eq!(filter(" ( @.a ) "), a());
    assert_eq!(
        filter("@.price > 10 && @.qty"),
        and(
            compare(current(&["price"]), CompareOp::Gt, literal(json!(10))),
            FilterExpr::Exists(at(&["qty"]))
        )
    );
}

#[test]
fn blanks_around_the_filter() {
    let parsed = Path::parse("$.a[ ?( @.b ) ]").map(|p| p.segments().len());
    assert_eq!(parsed, Ok(2));
}

#[test]
fn malformed_filters() {
    let cases = [
        ("$[?(@.a)", "unclosed bracket '[?(@.a)' at offset 1"),
        ("$[?(@.a]", "expected ')' but found ']' at offset 7"),
        (
            "$[?@.a]",
            "expected '(' after '?' but found '@' at offset 3",
        ),
        ("$[?()]", "expected a value but found ')' at offset 4"),
        (
            "$[?(@.a ==)]",
            "expected a value but found ')' at offset 10",
        ),
        (
            "$[?(@.a = 1)]",
            "'=' is not an operator; use '==' at offset 8",
        ),
        (
            "$[?(@.a =~ /x/)]",
            "regular expression match '=~' is not supported at offset 8",
        ),
        (
            "$[?(@.a in [1])]",
            "filter operator 'in' is not supported at offset 8",
        ),
        (
            "$[?(1)]",
            "a literal alone is not a condition: '1)]' at offset 4",
        ),
        (
            "$[?(@.a == 'x)]",
            "unterminated string \"'x)]\" at offset 11",
        ),
        (
            "$[?(@.a == -)]",
            "expected digits but found ')' at offset 12",
        ),
        (
            "$[?(@.a == 1e)]",
            "expected exponent digits but found ')' at offset 13",
        ),
        (
            "$[?(@.a == 1e999)]",
            "number '1e999' is out of range at offset 11",
        ),
        (
            "$[?(@.a && )]",
            "expected a value but found ')' at offset 11",
        ),
        ("$[?(@.a foo)]", "expected ')' but found 'f' at offset 8"),
        ("$[?(@x)]", "expected ')' but found 'x' at offset 5"),
    ];
    for (text, message) in cases {
        let error = Path::parse(text).err();
        assert_eq!(
            error.as_ref().map(PathError::kind),
            Some(PathErrorKind::Syntax),
            "{text}"
        );
        assert_eq!(
            error.as_ref().map(PathError::message),
            Some(message),
            "{text}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("$[?({}@.a{})]", "(".repeat(5000), ")".repeat(5000));
    let error = Path::parse(&deep).err().map(|e| e.kind());
    assert_eq!(error, Some(PathErrorKind::Syntax));
    let negations = format!("$[?({}@.a)]", "!".repeat(5000));
    assert!(Path::parse(&negations).is_err());
    assert!(Path::parse("$[?(@.a[?(@.b[?(@.c)])])]").is_ok());
}
