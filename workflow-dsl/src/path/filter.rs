//! Filter expressions `[?(<expr>)]`: Jayway's grammar, limited to what ASL documents.
//!
//! Precedence, loosest first: `||`, `&&`, `!`, then a comparison or an existence test.
//! Jayway's other operators (`=~`, `in`, `size`, …) are refused so that nothing is accepted
//! here that the interpreter could not evaluate.

use super::ast::{CompareOp, FilterExpr, Operand};
use super::error::{PathError, quote};
use super::parse::{Parser, quote_char};
use serde_json::{Number, Value};

/// Comparison operators, two-character ones first so `<=` is not read as `<`.
const OPERATORS: [(&str, CompareOp); 6] = [
    ("==", CompareOp::Eq),
    ("!=", CompareOp::Ne),
    ("<=", CompareOp::Le),
    (">=", CompareOp::Ge),
    ("<", CompareOp::Lt),
    (">", CompareOp::Gt),
];

/// Jayway's word operators; named in the error so users see why they fail.
const UNSUPPORTED_WORD_OPERATORS: [&str; 8] = [
    "in", "nin", "subsetof", "anyof", "noneof", "size", "empty", "contains",
];

impl Parser<'_> {
    /// `( expr )` after the `?` of a filter step.
    pub(super) fn filter_body(&mut self) -> Result<FilterExpr, PathError> {
        self.skip_blanks();
        if !self.eat('(') {
            return Err(self.expected("'(' after '?'"));
        }
        self.group()
    }

    /// The inside of a parenthesised group and its `)`; the `(` is already consumed.
    fn group(&mut self) -> Result<FilterExpr, PathError> {
        self.enter()?;
        let expr = self.or_expr()?;
        self.skip_blanks();
        if !self.eat(')') {
            return Err(self.expected("')'"));
        }
        self.leave();
        Ok(expr)
    }

    fn or_expr(&mut self) -> Result<FilterExpr, PathError> {
        let mut left = self.and_expr()?;
        loop {
            self.skip_blanks();
            if !self.eat_str("||") {
                return Ok(left);
            }
            let right = self.and_expr()?;
            left = FilterExpr::Or(Box::new(left), Box::new(right));
        }
    }

    fn and_expr(&mut self) -> Result<FilterExpr, PathError> {
        let mut left = self.unary()?;
        loop {
            self.skip_blanks();
            if !self.eat_str("&&") {
                return Ok(left);
            }
            let right = self.unary()?;
            left = FilterExpr::And(Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<FilterExpr, PathError> {
        self.skip_blanks();
        if self.peek() == Some('!') && self.peek_second() != Some('=') {
            self.bump();
            self.enter()?;
            let inner = self.unary()?;
            self.leave();
            return Ok(FilterExpr::Not(Box::new(inner)));
        }
        if self.eat('(') {
            return self.group();
        }
        self.condition()
    }

    /// `operand op operand`, or a lone path meaning "exists".
    fn condition(&mut self) -> Result<FilterExpr, PathError> {
        let start = self.pos();
        let left = self.operand()?;
        self.skip_blanks();
        if let Some(op) = self.operator()? {
            self.skip_blanks();
            let right = self.operand()?;
            return Ok(FilterExpr::Compare { left, op, right });
        }
        match left {
            Operand::Path(path) => Ok(FilterExpr::Exists(path)),
            Operand::Literal(_) | Operand::Word(_) => {
                let shown = self.text_from(start).trim_end();
                Err(PathError::syntax(
                    start,
                    format!("a literal alone is not a condition: {}", quote(shown)),
                ))
            }
        }
    }

    fn operator(&mut self) -> Result<Option<CompareOp>, PathError> {
        let at = self.pos();
        let rest = self.rest();
        if rest.starts_with("=~") {
            return Err(PathError::syntax(
                at,
                "regular expression match '=~' is not supported",
            ));
        }
        for (text, op) in OPERATORS {
            if self.eat_str(text) {
                return Ok(Some(op));
            }
        }
        if rest.starts_with('=') {
            return Err(PathError::syntax(at, "'=' is not an operator; use '=='"));
        }
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        if UNSUPPORTED_WORD_OPERATORS.contains(&word.as_str()) {
            return Err(PathError::syntax(
                at,
                format!("filter operator {} is not supported", quote(&word)),
            ));
        }
        Ok(None)
    }

    fn operand(&mut self) -> Result<Operand, PathError> {
        match self.peek() {
            Some('@' | '$') => Ok(Operand::Path(self.filter_path()?)),
            Some('\'' | '"') => Ok(Operand::Literal(Value::String(self.quoted()?))),
            Some(c) if c == '-' || c == '.' || c.is_ascii_digit() => {
                self.number().map(Operand::Literal)
            }
            Some(c) if c.is_alphabetic() => Ok(self.keyword()),
            _ => Err(self.expected("a value")),
        }
    }

    /// A JSON-style number: `-?digits(.digits)?([eE][+-]?digits)?`, and as Jayway also
    /// `.85` (no digit before the point). Integers stay integers so `@.n == 1` compares like
    /// JSON `1`, not `1.0`.
    fn number(&mut self) -> Result<Value, PathError> {
        let start = self.pos();
        self.eat('-');
        let point_first =
            self.peek() == Some('.') && self.peek_second().is_some_and(|c| c.is_ascii_digit());
        if !point_first && self.digits() == 0 {
            return Err(self.expected("digits"));
        }
        let mut integer = true;
        if self.peek() == Some('.') && self.peek_second().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            self.digits();
            integer = false;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if !self.eat('+') {
                self.eat('-');
            }
            if self.digits() == 0 {
                return Err(self.expected("exponent digits"));
            }
            integer = false;
        }
        let text = self.text_between(start, self.pos());
        let parsed = if integer {
            text.parse::<i64>()
                .map(Number::from)
                .or_else(|_| text.parse::<u64>().map(Number::from))
                .ok()
        } else {
            None
        };
        parsed
            .or_else(|| text.parse::<f64>().ok().and_then(Number::from_f64))
            .map(Value::Number)
            .ok_or_else(|| {
                PathError::syntax(start, format!("number {} is out of range", quote(text)))
            })
    }

    fn digits(&mut self) -> usize {
        let mut count = 0;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            count += 1;
        }
        count
    }

    /// `true`, `false`, `null`, or an unquoted word, which AWS accepts (rule V813 warns).
    fn keyword(&mut self) -> Operand {
        let start = self.pos();
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        match self.text_between(start, self.pos()) {
            "true" => Operand::Literal(Value::Bool(true)),
            "false" => Operand::Literal(Value::Bool(false)),
            "null" => Operand::Literal(Value::Null),
            word => Operand::Word(word.to_owned()),
        }
    }

    /// "expected X but found Y" at the cursor.
    fn expected(&self, what: &str) -> PathError {
        let found = match self.peek() {
            Some(c) => quote_char(c),
            None => "the end of the path".to_owned(),
        };
        PathError::syntax(self.pos(), format!("expected {what} but found {found}"))
    }
}

#[cfg(test)]
mod tests {
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
}
