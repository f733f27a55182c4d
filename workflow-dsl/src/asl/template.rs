//! Payload templates (JSONPath `.$` keys), JSONata templates (`{% %}` strings) and `Assign`
//! blocks, parsed once into [`Template`] trees. See
//! <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html>,
//! <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html> and
//! <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::intrinsics::Call;
use crate::path::Path;

/// A value whose parts are evaluated at run time.
///
/// A JSONPath payload template holds [`Template::Path`] and [`Template::Call`] nodes as the
/// values of `.$` members; a JSONata template holds [`Template::Jsonata`] nodes wherever a
/// `{% %}` string was. Subtrees with nothing to evaluate are kept as one [`Template::Value`], so
/// evaluating them is a clone.
#[derive(Clone, Debug, PartialEq)]
pub enum Template {
    /// JSON copied verbatim.
    Value(Value),
    /// An object with at least one evaluated member somewhere below it.
    Object(Members),
    /// An array with at least one evaluated element somewhere below it.
    Array(Vec<Template>),
    /// A path (the value of a `key.$` member).
    Path(Path),
    /// An intrinsic function call (the value of a `key.$` member).
    Call(Call),
    /// A JSONata expression (a `{% %}` string).
    Jsonata(Jsonata),
}

/// One member of a template object. Its JSON key carries the `.$` suffix exactly when the value
/// is a [`Template::Path`] or [`Template::Call`].
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key without the `.$` suffix: the key of the evaluated output.
    pub key: String,
    /// The value.
    pub value: Template,
}

impl Member {
    /// Whether the JSON key ends with `.$` (the value is a path or an intrinsic call).
    pub fn is_dynamic(&self) -> bool {
        matches!(self.value, Template::Path(_) | Template::Call(_))
    }

    /// The output key (the variable name, in `Assign`): the key without its `.$` suffix, also for
    /// a `.$` member whose value did not load and is kept as written.
    pub fn name(&self) -> &str {
        self.key.strip_suffix(".$").unwrap_or(&self.key)
    }

    /// The key as written in JSON (`name.$` for a dynamic member).
    pub fn json_key(&self) -> String {
        if self.is_dynamic() {
            format!("{}.$", self.key)
        } else {
            self.key.clone()
        }
    }
}

/// The members of a [`Template::Object`], in order; it derefs to the slice of them.
#[derive(Clone, Debug, Default)]
pub struct Members {
    members: Vec<Member>,
    /// The output object with every key and `null` values, built on first use. Cloning it copies
    /// the hash table rather than hashing every key again: a tenth of a Pass transition.
    skeleton: OnceLock<Option<Map<String, Value>>>,
}

impl Members {
    /// The output object with its keys in member order and `null` values, ready to be filled
    /// through `values_mut`; `None` when two members share an output key.
    pub fn skeleton(&self) -> Option<&Map<String, Value>> {
        self.skeleton
            .get_or_init(|| {
                let skeleton: Map<String, Value> = self
                    .members
                    .iter()
                    .map(|member| (member.key.clone(), Value::Null))
                    .collect();
                (skeleton.len() == self.members.len()).then_some(skeleton)
            })
            .as_ref()
    }
}

impl From<Vec<Member>> for Members {
    fn from(members: Vec<Member>) -> Members {
        Members {
            members,
            skeleton: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for Members {
    type Target = [Member];

    fn deref(&self) -> &[Member] {
        &self.members
    }
}

impl<'m> IntoIterator for &'m Members {
    type Item = &'m Member;
    type IntoIter = std::slice::Iter<'m, Member>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

/// Equal when the members are: the skeleton is a cache.
impl PartialEq for Members {
    fn eq(&self, other: &Members) -> bool {
        self.members == other.members
    }
}

impl Template {
    /// Whether evaluation would just copy the value.
    pub fn is_static(&self) -> bool {
        matches!(self, Template::Value(_))
    }

    /// Calls `visit` on every node of the tree, parents before children.
    pub fn walk<'t>(&'t self, visit: &mut dyn FnMut(&'t Template)) {
        visit(self);
        match self {
            Template::Object(members) => {
                for member in members {
                    member.value.walk(visit);
                }
            }
            Template::Array(items) => {
                for item in items {
                    item.walk(visit);
                }
            }
            Template::Value(_) | Template::Path(_) | Template::Call(_) | Template::Jsonata(_) => {}
        }
    }
}

/// A JSONata expression as written: a string that starts with `{%` and ends with `%}`.
#[derive(Clone, Debug)]
pub struct Jsonata {
    source: String,
    /// The parsed expression, made on first use and shared by clones (a compiled plan holds a
    /// clone of the model), so an expression is parsed once however often it runs.
    #[cfg(feature = "jsonata")]
    parsed: std::sync::Arc<OnceLock<Result<jsonata_core::ast::AstNode, String>>>,
}

impl PartialEq for Jsonata {
    fn eq(&self, other: &Jsonata) -> bool {
        self.source == other.source
    }
}

impl Eq for Jsonata {}

impl Jsonata {
    /// Wraps `source` when it is a JSONata string (starts with `{%`, ends with `%}`).
    pub fn parse(source: &str) -> Option<Jsonata> {
        is_jsonata(source).then(|| Jsonata {
            source: source.to_owned(),
            #[cfg(feature = "jsonata")]
            parsed: Default::default(),
        })
    }

    /// The parsed expression, or the parser's message when it does not parse.
    #[cfg(feature = "jsonata")]
    pub fn ast(&self) -> Result<&jsonata_core::ast::AstNode, &str> {
        self.parsed
            .get_or_init(|| {
                jsonata_core::parser::parse(self.expression()).map_err(|error| error.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The whole string, delimiters included.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The expression between the delimiters.
    pub fn expression(&self) -> &str {
        self.source
            .strip_prefix("{%")
            .and_then(|rest| rest.strip_suffix("%}"))
            .unwrap_or_default()
    }
}

/// Whether `text` is a JSONata string
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
/// `{%}` is too short to be one.
pub fn is_jsonata(text: &str) -> bool {
    text.len() >= 4 && text.starts_with("{%") && text.ends_with("%}")
}

/// An `Assign` block: variable name → value template
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>).
#[derive(Clone, Debug, PartialEq)]
pub struct Assign {
    /// The assignments in declaration order. In JSONPath, `name.$` members are paths or calls.
    pub members: Vec<Member>,
}
