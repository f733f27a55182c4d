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
mod tests;
