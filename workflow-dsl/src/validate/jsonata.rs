//! Definition-time static checks of one JSONata expression (rules V902–V907;
//! <https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
//!
//! AWS refuses some JSONata strings when a state machine is created, before anything runs. This
//! module finds the same problems in the text between `{%` and `%}`, using the parser of
//! `jsonata-core` and a walk over its AST:
//!
//! | rule | problem |
//! | --- | --- |
//! | V902 | the expression does not parse |
//! | V903 | it reads the implicit input: `$` or a bare field name at the top level, `$$` anywhere |
//! | V904 | `$states.result` outside the top-level `Output`/`Assign` of Task, Map, Parallel |
//! | V905 | `$states.errorOutput` outside a catcher's `Output`/`Assign` |
//! | V906 | `$states.<m>` with `m` not one of `input`, `result`, `errorOutput`, `context` (warning) |
//! | V907 | a call of `$eval` (Step Functions offers `$parse` instead) |
//!
//! # What "top level" means (V903)
//!
//! Step Functions evaluates an expression with no context item: the input is `$states.input`,
//! variables are `$name`. Whatever JSONata would evaluate against the context item therefore
//! reads nothing, and AWS refuses it (`UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at
//! the top level is not supported.`). The walk follows JSONata's own scoping of the context item:
//! operands, function arguments, array items, object keys and values, blocks, conditionals and
//! the first step of a path all run against the top-level context; later path steps, predicates,
//! sort terms, the pattern of `expr{…}`, `|…|…|` transforms and lambda bodies do not.
//!
//! The checker errs towards silence, because refusing a definition AWS accepts is worse than
//! missing one AWS refuses. In particular lambda bodies are treated as nested, although one
//! emulator (floci, `JsonataTopLevelReferencesTest`) reports that AWS refuses
//! `$map($states.input.a, function($y){ phone })`.
//!
//! `jsonata-core` targets JSONata 2.2 while AWS runs 2.0.6, so an expression using a newer
//! operator (`??`, `?:`) parses here and may still be refused by AWS.

use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};

/// Where in a state the expression sits; decides which `$states` members it may read (rules
/// V904, V905).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The top-level `Output` or an `Assign` value of a state (not of a catcher or Choice rule).
    StateOutputOrAssign {
        /// True for Task, Map and Parallel, whose result `$states.result` holds.
        has_result: bool,
    },
    /// The `Output` or an `Assign` value of one element of a state's `Catch`.
    CatcherOutputOrAssign,
    /// Any other JSONata field: `Arguments`, `Items`, `Condition`, `TimeoutSeconds`, ….
    Other,
}

/// One problem found in an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule: `"V902"` to `"V907"`.
    pub rule: &'static str,
    /// What is wrong, for a human; for V903 it starts with AWS's own sentence.
    pub message: String,
}

impl Problem {
    /// Whether AWS refuses the definition for this problem. Only V906 is a warning: AWS accepts
    /// an unknown `$states` member and the expression merely yields nothing at run time.
    pub fn is_error(&self) -> bool {
        self.rule != "V906"
    }
}

/// The members `$states` has
/// (<https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html>).
const STATES_MEMBERS: [&str; 4] = ["input", "result", "errorOutput", "context"];

/// Check the text between `{%` and `%}`.
///
/// Returns every problem found, each (rule, message) once, in roughly the order the
/// expression is written. An expression that does not parse yields only its V902. Never
/// panics.
#[cfg(test)]
fn check(expression: &str, place: Place) -> Analysis {
    let parsed = jsonata_core::parser::parse(expression).map_err(|error| error.to_string());
    check_parsed(parsed.as_ref().map_err(String::as_str), place)
}

/// [`check`] for an expression already parsed (the model's [`crate::asl::Jsonata::ast`], which
/// the engine then reuses), or the parser's message.
pub fn check_parsed(parsed: Result<&AstNode, &str>, place: Place) -> Analysis {
    let ast = match parsed {
        Ok(ast) => ast,
        Err(error) => {
            // jsonata-core's errors carry the JSONata code (`S0202: …`) but no position.
            return Analysis {
                problems: vec![Problem {
                    rule: "V902",
                    message: format!("Invalid JSONata expression: {error}"),
                }],
                variables: Vec::new(),
            };
        }
    };
    let mut problems = Problems::default();
    walk(ast, place, &mut problems);
    let Problems(problems, read, bound) = problems;
    let mut variables: Vec<String> = Vec::new();
    for name in read {
        if name != "states" && !bound.contains(&name) && !variables.contains(&name) {
            variables.push(name);
        }
    }
    Analysis {
        problems,
        variables,
    }
}

/// What [`check`] found in one expression.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The problems, each once, in writing order.
    pub problems: Vec<Problem>,
    /// The workflow variables the expression reads (`$name`), without `$states` and without
    /// names the expression binds itself (`$x := …`, lambda parameters).
    pub variables: Vec<String>,
}

/// The problems found so far, each distinct one once (`phone + phone` is one problem), and the
/// variables read and bound.
#[derive(Default)]
struct Problems(Vec<Problem>, Vec<String>, Vec<String>);

impl Problems {
    fn push(&mut self, rule: &'static str, message: String) {
        let problem = Problem { rule, message };
        if !self.0.contains(&problem) {
            self.0.push(problem);
        }
    }

    fn top_level_reference(&mut self, name: &str) {
        self.push(
            "V903",
            format!(
                "Reference to '{name}' at the top level is not supported \
                 (read the state input as $states.input)"
            ),
        );
    }
}

/// Visit every node once. The explicit stack, rather than recursion, keeps the native stack flat:
/// the parser accepts trees about 1000 levels deep, and a debug-build recursive walk over one
/// could overflow a 2 MiB thread stack. Each entry says whether the node is evaluated against the
/// top-level context (the implicit input).
fn walk(root: &AstNode, place: Place, problems: &mut Problems) {
    let mut stack: Vec<(&AstNode, bool)> = vec![(root, true)];
    // Children of the current node in writing order; pushed reversed so that they pop in order.
    let mut children: Vec<(&AstNode, bool)> = Vec::new();
    while let Some((node, top)) = stack.pop() {
        children.clear();
        visit(node, top, place, problems, &mut children);
        stack.extend(children.drain(..).rev());
    }
}

/// Check one node and list its children with their context. `top` is true when `node` is
/// evaluated against the top-level context; a child is top-level only if its parent is and the
/// construct keeps the parent's context for it.
fn visit<'a>(
    node: &'a AstNode,
    top: bool,
    place: Place,
    problems: &mut Problems,
    children: &mut Vec<(&'a AstNode, bool)>,
) {
    match node {
        AstNode::String(_)
        | AstNode::Number(_)
        | AstNode::Boolean(_)
        | AstNode::Null
        | AstNode::Undefined
        | AstNode::Placeholder
        | AstNode::Regex { .. } => {}
        // `*` and `**` read the context item too, but AWS is not known to refuse them at the
        // top level (floci records `**.phone` as accepted), so they are left alone. `%` only
        // parses inside a path step, where the context is never the top level.
        AstNode::Wildcard | AstNode::Descendant | AstNode::Parent(_) => {}
        AstNode::Name(name) => {
            if top {
                problems.top_level_reference(name);
            }
        }
        AstNode::Variable(name) => {
            // `$` is the context item. jsonata-core spells `$$` as `ParentVariable`, but the
            // variable named `$` is the same thing in jsonata-js, so it is caught here too.
            if name.is_empty() && top {
                problems.top_level_reference("$");
            } else if name == "$" {
                root_reference(problems);
            } else if !name.is_empty() {
                problems.1.push(name.clone());
            }
        }
        // `$$` always means the root input, which does not exist in Step Functions, so it is
        // refused wherever it appears (rule V903).
        AstNode::ParentVariable(_) => root_reference(problems),
        AstNode::Path { steps } => {
            states_member(steps, place, problems);
            if let Some((first, rest)) = steps.split_first() {
                // Only the first step reads the context the path starts in; each later step
                // and every predicate runs against what the step before produced.
                children.push((&first.node, top));
                push_stages(first, children);
                for step in rest {
                    children.push((&step.node, false));
                    push_stages(step, children);
                }
            }
        }
        AstNode::Binary { op, lhs, rhs } => {
            match op {
                // `$x := e`: the left side names a variable and reads nothing.
                BinaryOp::ColonEqual => {
                    if let AstNode::Variable(bound) = lhs.as_ref() {
                        problems.2.push(bound.clone());
                    }
                    children.push((rhs, top))
                }
                // Raw `@$v` / `#$v` markers are folded into path steps by the parser's own
                // post-pass; should one survive, its right side is only a variable name.
                BinaryOp::FocusBind | BinaryOp::IndexBind => children.push((lhs, top)),
                _ => {
                    // `e ~> $eval` calls `$eval` with `e`.
                    if *op == BinaryOp::ChainPipe
                        && matches!(rhs.as_ref(), AstNode::Variable(n) if n == "eval")
                    {
                        eval_call(problems);
                    }
                    children.push((lhs, top));
                    children.push((rhs, top));
                }
            }
        }
        AstNode::Unary { operand, .. } => children.push((operand, top)),
        AstNode::Function {
            name,
            args,
            is_builtin,
        } => {
            if *is_builtin {
                if name == "eval" {
                    eval_call(problems);
                }
            } else if top {
                // `phone(1)` calls the field `phone` of the context item.
                problems.top_level_reference(name);
            }
            children.extend(args.iter().map(|a| (a, top)));
        }
        AstNode::Call { procedure, args } => {
            children.push((procedure, top));
            children.extend(args.iter().map(|a| (a, top)));
        }
        // JSONata runs a lambda body against the context the lambda was defined in, so a bare
        // name there may read the implicit input too; but rule V903 counts function bodies as
        // nested constructs and AWS's behaviour is not recorded here, so the safe choice
        // (report less) is taken.
        AstNode::Lambda { body, params, .. } => {
            problems.2.extend(params.iter().cloned());
            children.push((body, false))
        }
        AstNode::Array(items) | AstNode::Block(items) => {
            children.extend(items.iter().map(|i| (i, top)));
        }
        // `{phone: 1}` evaluates the key `phone` against the context (floci records AWS
        // refusing it), so keys count as well as values.
        AstNode::Object(pairs) => {
            for (key, value) in pairs {
                children.push((key, top));
                children.push((value, top));
            }
        }
        // `e{k: v}` evaluates the pattern against the groups of `e`, not against the context.
        AstNode::ObjectTransform { input, pattern } => {
            children.push((input, top));
            for (key, value) in pattern {
                children.push((key, false));
                children.push((value, false));
            }
        }
        AstNode::Conditional {
            condition,
            then_branch,
            else_branch,
        } => {
            children.push((condition, top));
            children.push((then_branch, top));
            if let Some(e) = else_branch {
                children.push((e, top));
            }
        }
        // `.(e)` and `.[e]` only occur as later path steps, evaluated per item.
        AstNode::FunctionApplication(inner) => children.push((inner, false)),
        AstNode::ArrayGroup(items) => children.extend(items.iter().map(|i| (i, false))),
        // Sort terms run against each item of the sorted sequence.
        AstNode::Sort { input, terms } => {
            children.push((input, top));
            children.extend(terms.iter().map(|(t, _)| (t, false)));
        }
        // `|loc|upd|del|` is a function of the value it is applied to.
        AstNode::Transform {
            location,
            update,
            delete,
        } => {
            children.push((location, false));
            children.push((update, false));
            if let Some(d) = delete {
                children.push((d, false));
            }
        }
    }
}

/// Predicates of a step run once per item, so they are never top-level.
fn push_stages<'a>(step: &'a PathStep, children: &mut Vec<(&'a AstNode, bool)>) {
    for stage in &step.stages {
        if let Stage::Filter(predicate) = stage {
            children.push((predicate, false));
        }
    }
}

fn root_reference(problems: &mut Problems) {
    problems.push(
        "V903",
        "Reference to '$$' is not supported (read the state input as $states.input \
         and the context object as $states.context)"
            .to_string(),
    );
}

fn eval_call(problems: &mut Problems) {
    problems.push(
        "V907",
        "$eval is not available in Step Functions; use $parse".to_string(),
    );
}

/// V904–V906 for a path that starts `$states.<member>`. Checked wherever the path sits (also in
/// predicates and lambdas): `$states` is the same variable everywhere in the expression.
fn states_member(steps: &[PathStep], place: Place, problems: &mut Problems) {
    let [first, second, ..] = steps else {
        return;
    };
    let (AstNode::Variable(var), AstNode::Name(member)) = (&first.node, &second.node) else {
        return;
    };
    if var != "states" {
        return;
    }
    match member.as_str() {
        "result" if place != (Place::StateOutputOrAssign { has_result: true }) => problems.push(
            "V904",
            "$states.result is only available in the top-level Output and Assign \
             of a Task, Map or Parallel state"
                .to_string(),
        ),
        "errorOutput" if place != Place::CatcherOutputOrAssign => problems.push(
            "V905",
            "$states.errorOutput is only available in the Output and Assign of a Catch element"
                .to_string(),
        ),
        m if !STATES_MEMBERS.contains(&m) => problems.push(
            "V906",
            format!(
                "$states has no member '{m}' (it has input, result, errorOutput and context); \
                 $states.{m} is always undefined"
            ),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(expression: &str, place: Place) -> Vec<Problem> {
        check(expression, place).problems
    }

    #[test]
    fn reports_the_variables_read_but_not_those_bound_inside() {
        let analysis = check(
            "$limit + $x.a + ($y := 2; $y) + $map($l, function($v) { $v })",
            Place::Other,
        );
        assert_eq!(analysis.variables, vec!["limit", "x", "l"]);
        assert_eq!(
            check("$states.input.a", Place::Other).variables,
            Vec::<String>::new()
        );
    }

    const OUTPUT: Place = Place::StateOutputOrAssign { has_result: false };
    const RESULT: Place = Place::StateOutputOrAssign { has_result: true };

    fn rules(expression: &str, place: Place) -> Vec<&'static str> {
        problems_of(expression, place)
            .iter()
            .map(|p| p.rule)
            .collect()
    }

    /// Names V903 reports for `expression`, in order.
    fn top_level(expression: &str) -> Vec<String> {
        problems_of(expression, OUTPUT)
            .into_iter()
            .filter(|p| p.rule == "V903")
            .map(|p| {
                let start = p.message.find('\'').unwrap() + 1;
                let end = start + p.message[start..].find('\'').unwrap();
                p.message[start..end].to_string()
            })
            .collect()
    }

    #[test]
    fn parse_error_is_v902_with_code() {
        let problems = problems_of(" $states.input.( ", OUTPUT);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "V902");
        assert!(
            problems[0].message.contains("S0"),
            "{}",
            problems[0].message
        );
        assert_eq!(rules("", OUTPUT), ["V902"]);
        assert_eq!(rules("   ", OUTPUT), ["V902"]);
    }

    /// Expressions that floci (an AWS emulator) records as refused by AWS's
    /// validate-state-machine-definition with `Reference to 'phone' at the top level`.
    #[test]
    fn aws_refused_top_level_names() {
        for e in [
            "phone",
            "phone[0].number",
            "phone.number.street",
            "-phone",
            "phone ? 1 : 2",
            "$states.input.a ? phone : 2",
            "phone & 'x'",
            "phone in $states.input.b",
            "$sum(phone)",
            "phone(1)",
            "phone ~> $string()",
            "[1..phone]",
            "(phone)",
            "(phone).other",
            "[phone].other",
            "[phone, 1]",
            "{phone: 1}",
            "($x := phone; $x)",
            "$count(phone[inner])",
            "phone.**.deeper",
        ] {
            assert_eq!(top_level(e), ["phone"], "{e}");
        }
        for e in ["$", "$.phone", "$[0]", "$string($)"] {
            assert_eq!(top_level(e), ["$"], "{e}");
        }
        assert_eq!(top_level("aaa + bbb + aaa"), ["aaa", "bbb"]);
        assert_eq!(top_level("[bbb, aaa]"), ["bbb", "aaa"]);
    }

    /// floci records AWS refusing these too, but a lambda body is treated as nested here on
    /// purpose (see the module doc): this test pins that choice.
    #[test]
    fn lambda_bodies_are_not_reported() {
        assert!(top_level("$map($states.input.a, function($y){ phone })").is_empty());
        assert!(top_level("$map($states.input.a, function($x){ $ })").is_empty());
        assert!(top_level("$map($arr, function($v){ $v.name })").is_empty());
    }

    /// Expressions that floci records as accepted by AWS.
    #[test]
    fn aws_accepted_anchored_names() {
        for e in [
            "$states.input.phone",
            "$states.input.a.phone",
            "$states.input.a[0].phone",
            "$states.input.a.phone[0]",
            "$states.input.items[phone > 3]",
            "$states.input.a^(phone)",
            "$states.input.a{'k': phone}",
            "$states.input.a.(phone)",
            "$states.input.a.$phone",
            "$phone",
            "$states.input.a ~> $string()",
            "$states.input ~> |phone|{'b': 1}|",
            "**.phone",
            "{'k': 1}.phone",
            "$states.input.a[0][phone]",
            "$states.input.a[$ > 1]",
            "function($x){ $x.phone }",
            "$map($states.input.a, function($x){ $x.phone })",
            "'phone'",
            "1 + 1",
            "$now()",
            "$x[$.a = 1]",
            "$states.input.items[price > 10]",
            "$states.input.a.$",
            "$states.input.a#$i[$i > 0].b",
            "$states.input.a@$o.b",
        ] {
            assert!(
                problems_of(e, OUTPUT).is_empty(),
                "{e}: {:?}",
                problems_of(e, OUTPUT)
            );
        }
    }

    #[test]
    fn root_reference_anywhere() {
        for e in [
            "$$",
            "$$.phone",
            "$states.input.a[$$.b]",
            "function($x){ $$ }",
        ] {
            assert_eq!(rules(e, OUTPUT), ["V903"], "{e}");
        }
    }

    #[test]
    fn states_members_by_place() {
        let catcher = Place::CatcherOutputOrAssign;
        assert!(rules("$states.result.Payload", RESULT).is_empty());
        for place in [OUTPUT, catcher, Place::Other] {
            assert_eq!(rules("$states.result", place), ["V904"]);
        }
        assert!(rules("$states.errorOutput.Cause", catcher).is_empty());
        for place in [OUTPUT, RESULT, Place::Other] {
            assert_eq!(rules("$states.errorOutput", place), ["V905"]);
        }
        // Nested uses count: `$states` is the same variable everywhere.
        assert_eq!(
            rules("$states.input.a[$ = $states.result]", Place::Other),
            ["V904"]
        );
        let problems = problems_of("$states.inputs", OUTPUT);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "V906");
        assert!(!problems[0].is_error());
        for e in [
            "$states.input",
            "$states.context.Execution.Id",
            "$states",
            "$keys($states)",
            "$states.input.result",
            "$state.result",
        ] {
            assert!(problems_of(e, Place::Other).is_empty(), "{e}");
        }
    }

    #[test]
    fn eval_calls() {
        for e in [
            "$eval('1+1')",
            "'1+1' ~> $eval",
            "'1' ~> $eval()",
            "$eval(?)",
            "$states.input.$eval(x)",
        ] {
            assert_eq!(rules(e, OUTPUT), ["V907"], "{e}");
        }
        assert!(rules("$parse('1')", OUTPUT).is_empty());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Near the parser's depth ceiling (1000) and beyond it: either a tree or a V902.
        for depth in [200, 900, 2000] {
            let e = format!("{}phone{}", "(".repeat(depth), ")".repeat(depth));
            let problems = problems_of(&e, OUTPUT);
            assert_eq!(problems.len(), 1, "{depth}");
            let e = format!("{}1", "1+".repeat(depth * 5));
            assert!(problems_of(&e, OUTPUT).iter().all(|p| p.rule == "V902"));
        }
    }
}
