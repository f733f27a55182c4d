//! Canonical text for the AST: bracket notation for every step (`$['a'][0]`), the form
//! Jayway prints in `Missing property in path $['a']` diagnostics. The output always
//! re-parses to the same root and steps.

use super::Root;
use super::ast::{CompareOp, FilterExpr, FilterPath, Operand, Origin, Segment, UnionKeys};
use serde_json::Value;
use std::fmt::{self, Display, Formatter, Write};

impl Display for Root {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Root::Input => f.write_str("$"),
            Root::Context => f.write_str("$$"),
            Root::Variable(name) => write!(f, "${name}"),
        }
    }
}

impl Display for Segment {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Child(name) => write!(f, "[{}]", Quoted(name)),
            Segment::Index(index) => write!(f, "[{index}]"),
            Segment::Wildcard => f.write_str("[*]"),
            Segment::Slice { start, end, step } => {
                f.write_char('[')?;
                write_bound(f, *start)?;
                f.write_char(':')?;
                write_bound(f, *end)?;
                if let Some(step) = step {
                    write!(f, ":{step}")?;
                }
                f.write_char(']')
            }
            Segment::Union(UnionKeys::Names(names)) => {
                let quoted: Vec<String> = names.iter().map(|n| Quoted(n).to_string()).collect();
                write!(f, "[{}]", quoted.join(","))
            }
            Segment::Union(UnionKeys::Indexes(indexes)) => {
                let shown: Vec<String> = indexes.iter().map(i64::to_string).collect();
                write!(f, "[{}]", shown.join(","))
            }
            Segment::Filter(expr) => write!(f, "[?({expr})]"),
            Segment::Descendant(inner) => write!(f, "..{inner}"),
        }
    }
}

fn write_bound(f: &mut Formatter<'_>, bound: Option<i64>) -> fmt::Result {
    match bound {
        Some(bound) => write!(f, "{bound}"),
        None => Ok(()),
    }
}

impl Display for FilterExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FilterExpr::Or(left, right) => write!(f, "{} || {}", Grouped(left), Grouped(right)),
            FilterExpr::And(left, right) => write!(f, "{} && {}", Grouped(left), Grouped(right)),
            FilterExpr::Not(inner) => write!(f, "!{}", Grouped(inner)),
            FilterExpr::Exists(path) => write!(f, "{path}"),
            FilterExpr::Compare { left, op, right } => write!(f, "{left} {op} {right}"),
        }
    }
}

/// Parenthesises `&&`/`||` operands so the printed text keeps the tree's grouping.
struct Grouped<'a>(&'a FilterExpr);

impl Display for Grouped<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            FilterExpr::Or(..) | FilterExpr::And(..) => write!(f, "({})", self.0),
            other => write!(f, "{other}"),
        }
    }
}

impl Display for CompareOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        })
    }
}

impl Display for Operand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Path(path) => write!(f, "{path}"),
            Operand::Literal(Value::String(text)) => write!(f, "{}", Quoted(text)),
            Operand::Literal(other) => write!(f, "{other}"),
            Operand::Word(word) => f.write_str(word),
        }
    }
}

impl Display for FilterPath {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::Current => f.write_char('@')?,
            Origin::Root(root) => write!(f, "{root}")?,
        }
        self.segments
            .iter()
            .try_for_each(|segment| write!(f, "{segment}"))
    }
}

/// A single-quoted string with `\` and `'` escaped, the inverse of the parser's decoding.
struct Quoted<'a>(&'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('\'')?;
        for c in self.0.chars() {
            if c == '\\' || c == '\'' {
                f.write_char('\\')?;
            }
            f.write_char(c)?;
        }
        f.write_char('\'')
    }
}

#[cfg(test)]
mod tests {
    use crate::path::Path;

    fn canonical(text: &str) -> String {
        Path::parse(text).map(|p| p.canonical()).unwrap_or_default()
    }

    #[test]
    fn renders_every_step_in_bracket_notation() {
        assert_eq!(canonical("$.a.b[0]"), "$['a']['b'][0]");
        assert_eq!(canonical("$$.Execution.Id"), "$$['Execution']['Id']");
        assert_eq!(canonical("$order.items[-1]"), "$order['items'][-1]");
        assert_eq!(canonical("$.a.*[*]"), "$['a'][*][*]");
        assert_eq!(canonical("$..name"), "$..['name']");
        assert_eq!(canonical("$[1:5][:2][::3][1:]"), "$[1:5][:2][::3][1:]");
        assert_eq!(canonical("$['a', \"b\"][0, 1]"), "$['a','b'][0,1]");
        assert_eq!(canonical(r"$.it's\.x"), r"$['it\'s.x']");
        assert_eq!(canonical(r"$['back\\slash']"), r"$['back\\slash']");
    }

    #[test]
    fn renders_filters_with_explicit_grouping() {
        assert_eq!(
            canonical("$[?(@.a == 'x' && (@.b > -1.5 || !@.c))]"),
            "$[?(@['a'] == 'x' && (@['b'] > -1.5 || !@['c']))]"
        );
        assert_eq!(
            canonical("$[?(@.a || @.b && $.c != null)]"),
            "$[?(@['a'] || (@['b'] && $['c'] != null))]"
        );
        assert_eq!(
            canonical("$[?(!(@.a && @.b))]"),
            "$[?(!(@['a'] && @['b']))]"
        );
    }
}
