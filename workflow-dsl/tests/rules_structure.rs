//! Unit tests for the structural validation rules V101–V516 (see `docs/rules.md`): for each
//! rule, minimal definitions that break it (rule, severity and pointer asserted) and near misses
//! that must not trigger it. Tests that expose a validator bug live in `known_bugs` at the end.

mod support;

use support::{findings, fires, fires_in, nested_parallels, silent, silent_in};
use workflow_dsl::{Profile, Rule, Severity, check};

/// Asserts that the findings under `Profile::Aws` are exactly `expected` (in any order).
#[track_caller]
fn exactly(json: &str, expected: &[(Rule, Severity, &str)]) {
    let mut all = findings(json, Profile::Aws);
    let mut want: Vec<(Rule, Severity, String)> = expected
        .iter()
        .map(|(r, s, p)| (*r, *s, (*p).to_owned()))
        .collect();
    all.sort_by(|a, b| (a.0.id(), &a.2).cmp(&(b.0.id(), &b.2)));
    want.sort_by(|a, b| (a.0.id(), &a.2).cmp(&(b.0.id(), &b.2)));
    assert_eq!(all, want, "for {json}");
}

/// Asserts that nothing at all is reported under `Profile::Aws`.
#[track_caller]
fn clean(json: &str) {
    exactly(json, &[]);
}

/// How many times `rule` is reported under `Profile::Aws`.
fn count(json: &str, rule: Rule) -> usize {
    findings(json, Profile::Aws)
        .iter()
        .filter(|(r, _, _)| *r == rule)
        .count()
}

use Severity::{Error as E, Warning as W};

/// A valid two-state machine used as a baseline.
const OK: &str =
    r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}"#;

/// A machine whose only state is `state` (named `A`), e.g. `{"Type":"Pass","End":true}`.
fn one(state: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{state}}}}}"#)
}

/// A Task `T` with `Retry` = `retry` (a JSON array text), ending the machine.
fn task_retry(retry: &str) -> String {
    one(&format!(
        r#"{{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Retry":{retry},"End":true}}"#
    ))
    .replace("\"A\"", "\"T\"")
}

/// A Task `T` with `Catch` = `catch` (a JSON array text) next to a `Done` Succeed state.
fn task_catch(catch: &str) -> String {
    format!(
        r#"{{"StartAt":"T","States":{{"T":{{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Catch":{catch},"End":true}},"Done":{{"Type":"Succeed"}}}}}}"#
    )
}

/// A Choice `C` with `Choices` = `choices`, a `Default` of `D`, and states `X` and `D`.
fn choice(choices: &str) -> String {
    format!(
        r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":{choices},"Default":"D"}},"X":{{"Type":"Succeed"}},"D":{{"Type":"Succeed"}}}}}}"#
    )
}

#[test]
fn baselines_are_clean() {
    clean(OK);
    clean(&one(r#"{"Type":"Pass","End":true}"#));
    clean(&task_retry(r#"[{"ErrorEquals":["States.ALL"]}]"#));
    clean(&task_catch(
        r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#,
    ));
    clean(&choice(
        r#"[{"Variable":"$.x","StringEquals":"a","Next":"X"}]"#,
    ));
    clean(&nested_parallels(3));
}

mod v1xx {
    use super::*;

    #[test]
    fn v101_text_that_is_not_json() {
        exactly("not a definition", &[(Rule::V101, E, "")]);
        fires(r#"{"StartAt":"A","#, Rule::V101, E, "");
        fires(&format!("{OK} trailing"), Rule::V101, E, "");
        fires(r#"{'StartAt':'A'}"#, Rule::V101, E, "");
    }

    #[test]
    fn v101_near_miss_valid_json_with_whitespace() {
        silent(&format!("\n  {OK}\n\t"), Rule::V101);
        // Valid JSON that is not a definition is another rule's business.
        silent("[1, 2]", Rule::V101);
        silent("{}", Rule::V101);
    }

    #[test]
    fn v101_duplicate_key_outside_states_is_a_warning() {
        // ARCHITECTURE.md: duplicate keys outside a `States` object are a V101 warning.
        fires(
            r#"{"StartAt":"A","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V101,
            W,
            "/StartAt",
        );
    }

    #[test]
    fn v102_json_that_is_not_an_object() {
        exactly("[]", &[(Rule::V102, E, "")]);
        exactly(r#"[{"StartAt":"A"}]"#, &[(Rule::V102, E, "")]);
        fires(r#""StartAt""#, Rule::V102, E, "");
        fires("42", Rule::V102, E, "");
        fires("null", Rule::V102, E, "");
        // AWS answers a blank definition as "not an object"
        // (tests/data/aws-recorded/definition_validation/
        // sfn_api_validation__test_validate_state_machine_definition_not_a_definition_EMPTY_STRING.json).
        fires("", Rule::V102, E, "");
        fires("   \n", Rule::V102, E, "");
    }

    #[test]
    fn v102_near_miss() {
        silent(OK, Rule::V102);
        silent("{}", Rule::V102);
        silent("not json", Rule::V102);
    }

    #[test]
    fn v103_missing_start_at_or_states() {
        fires(
            r#"{"States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V103,
            E,
            "/",
        );
        fires(r#"{"StartAt":"A"}"#, Rule::V103, E, "/");
        fires("{}", Rule::V103, E, "/");
        fires(r#"{"Comment":"x"}"#, Rule::V103, E, "/");
    }

    #[test]
    fn v103_near_miss() {
        silent(OK, Rule::V103);
        // Present but wrong: other rules.
        silent(r#"{"StartAt":"A","States":{}}"#, Rule::V103);
    }

    #[test]
    fn v104_unknown_top_level_field() {
        let text = r#"{"StartAt":"A","Timeout":5,"States":{"A":{"Type":"Pass","End":true}}}"#;
        exactly(text, &[(Rule::V104, E, "/Timeout")]);
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}},"startAt":"A"}"#,
            Rule::V104,
            E,
            "/startAt",
        );
        // Fields that belong to a state are not top-level fields.
        fires(
            r#"{"StartAt":"A","Type":"Pass","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V104,
            E,
            "/Type",
        );
    }

    #[test]
    fn v104_near_miss_every_allowed_field() {
        clean(
            r#"{"Comment":"c","Version":"1.0","TimeoutSeconds":60,"QueryLanguage":"JSONPath","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
        );
    }

    #[test]
    fn v105_start_at_names_no_state() {
        // Whether A is then also reported unreachable (V306) is not asserted here.
        fires(
            r#"{"StartAt":"B","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V105,
            E,
            "/StartAt",
        );
        fires(
            r#"{"StartAt":"a","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V105,
            E,
            "/StartAt",
        );
        fires(
            r#"{"StartAt":5,"States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V105,
            E,
            "/StartAt",
        );
    }

    #[test]
    fn v105_start_at_names_a_nested_state() {
        // A member of the top-level `States` is required; a branch state does not count.
        fires(
            r#"{"StartAt":"B","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V105,
            E,
            "/StartAt",
        );
    }

    #[test]
    fn v105_near_miss() {
        silent(OK, Rule::V105);
        silent(
            r#"{"StartAt":"B","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Pass","Next":"A"}}}"#,
            Rule::V105,
        );
    }

    #[test]
    fn v106_empty_states_suppresses_v105_and_v307() {
        exactly(
            r#"{"StartAt":"A","States":{}}"#,
            &[(Rule::V106, E, "/States")],
        );
    }

    #[test]
    fn v106_states_not_an_object() {
        for states in ["[]", r#"[{"Type":"Pass"}]"#, r#""A""#, "null", "1"] {
            let text = format!(r#"{{"StartAt":"A","States":{states}}}"#);
            fires(&text, Rule::V106, E, "/States");
            silent(&text, Rule::V105);
            silent(&text, Rule::V307);
        }
    }

    #[test]
    fn v106_near_miss() {
        silent(&one(r#"{"Type":"Pass","End":true}"#), Rule::V106);
        // An empty nested `States` is not V106 (it is the top-level rule).
        silent(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{}}],"End":true}}}"#,
            Rule::V106,
        );
    }

    #[test]
    fn v107_version_not_1_0() {
        let bad = |v: &str| {
            format!(
                r#"{{"Version":{v},"StartAt":"A","States":{{"A":{{"Type":"Pass","End":true}}}}}}"#
            )
        };
        exactly(&bad(r#""2.0""#), &[(Rule::V107, E, "/Version")]);
        fires(&bad("1.0"), Rule::V107, E, "/Version");
        fires(&bad(r#""1""#), Rule::V107, E, "/Version");
        fires(&bad(r#""1.0 ""#), Rule::V107, E, "/Version");
        // V107 is an A/X rule.
        fires_in(
            &bad(r#""2.0""#),
            Profile::AwsExpress,
            Rule::V107,
            E,
            "/Version",
        );
        silent_in(&bad(r#""2.0""#), Profile::Spec, Rule::V107);
    }

    #[test]
    fn v107_near_miss() {
        clean(r#"{"Version":"1.0","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#);
    }

    fn timeout(t: &str) -> String {
        format!(
            r#"{{"TimeoutSeconds":{t},"StartAt":"A","States":{{"A":{{"Type":"Pass","End":true}}}}}}"#
        )
    }

    #[test]
    fn v108_zero_is_a_warning() {
        exactly(&timeout("0"), &[(Rule::V108, W, "/TimeoutSeconds")]);
        fires_in(
            &timeout("0"),
            Profile::Spec,
            Rule::V108,
            W,
            "/TimeoutSeconds",
        );
    }

    #[test]
    fn v108_out_of_range_or_not_an_integer_is_an_error() {
        exactly(&timeout("-1"), &[(Rule::V108, E, "/TimeoutSeconds")]);
        exactly(&timeout("100000000"), &[(Rule::V108, E, "/TimeoutSeconds")]);
        fires(&timeout("1.5"), Rule::V108, E, "/TimeoutSeconds");
        fires(&timeout(r#""60""#), Rule::V108, E, "/TimeoutSeconds");
        fires(&timeout("null"), Rule::V108, E, "/TimeoutSeconds");
        fires(&timeout("1e20"), Rule::V108, E, "/TimeoutSeconds");
        fires_in(
            &timeout("-1"),
            Profile::Spec,
            Rule::V108,
            E,
            "/TimeoutSeconds",
        );
    }

    #[test]
    fn v108_near_miss_bounds() {
        clean(&timeout("1"));
        clean(&timeout("99999999"));
    }

    #[test]
    fn v109_comment_not_a_string() {
        let text = r#"{"Comment":5,"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
        exactly(text, &[(Rule::V109, E, "/Comment")]);
        fires(
            r#"{"Comment":["a"],"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V109,
            E,
            "/Comment",
        );
        fires_in(text, Profile::Spec, Rule::V109, E, "/Comment");
    }

    #[test]
    fn v109_near_miss() {
        clean(r#"{"Comment":"hello","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#);
        // A state's Comment is V206, not V109.
        silent(
            &one(r#"{"Type":"Pass","Comment":5,"End":true}"#),
            Rule::V109,
        );
    }

    #[test]
    fn v110_query_language_is_case_sensitive() {
        let top = |q: &str| {
            format!(
                r#"{{"QueryLanguage":"{q}","StartAt":"A","States":{{"A":{{"Type":"Pass","End":true}}}}}}"#
            )
        };
        exactly(&top("jsonpath"), &[(Rule::V110, E, "/QueryLanguage")]);
        fires(&top("JSONATA"), Rule::V110, E, "/QueryLanguage");
        fires(&top("JsonPath"), Rule::V110, E, "/QueryLanguage");
        fires(&top("XPath"), Rule::V110, E, "/QueryLanguage");
        fires(&top(""), Rule::V110, E, "/QueryLanguage");
        fires(
            &one(r#"{"Type":"Pass","QueryLanguage":"jsonata","End":true}"#),
            Rule::V110,
            E,
            "/States/A/QueryLanguage",
        );
        fires(
            &one(r#"{"Type":"Pass","QueryLanguage":1,"End":true}"#),
            Rule::V110,
            E,
            "/States/A/QueryLanguage",
        );
    }

    #[test]
    fn v110_near_miss_exact_spellings() {
        clean(
            r#"{"QueryLanguage":"JSONPath","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
        );
        clean(
            r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
        );
        clean(&one(
            r#"{"Type":"Pass","QueryLanguage":"JSONata","End":true}"#,
        ));
    }

    #[test]
    fn v111_branch_or_processor_without_start_at_or_states() {
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V111,
            E,
            "/States/P/Branches/0",
        );
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"C"}],"End":true}}}"#,
            Rule::V111,
            E,
            "/States/P/Branches/1",
        );
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":["B"],"End":true}}}"#,
            Rule::V111,
            E,
            "/States/P/Branches/0",
        );
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I"},"End":true}}}"#,
            Rule::V111,
            E,
            "/States/M/ItemProcessor",
        );
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V111,
            E,
            "/States/M/Iterator",
        );
    }

    #[test]
    fn v111_near_miss() {
        clean(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"Comment":"c","StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
        );
        clean(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
        );
    }

    #[test]
    fn v112_unknown_field_in_a_nested_container() {
        let map = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"QueryLanguage":"JSONPath","StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#;
        exactly(map, &[(Rule::V112, E, "/States/M/ItemProcessor")]);
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"QueryLanguage":"JSONPath","StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V112,
            E,
            "/States/M/Iterator",
        );
        for field in [r#""Version":"1.0""#, r#""TimeoutSeconds":5"#, r#""Foo":1"#] {
            fires(
                &format!(
                    r#"{{"StartAt":"P","States":{{"P":{{"Type":"Parallel","Branches":[{{{field},"StartAt":"B","States":{{"B":{{"Type":"Pass","End":true}}}}}}],"End":true}}}}}}"#
                ),
                Rule::V112,
                E,
                "/States/P/Branches/0",
            );
        }
        // V112 is an A/X rule.
        silent_in(map, Profile::Spec, Rule::V112);
    }

    #[test]
    fn v112_near_miss_processor_config_in_item_processor_and_iterator() {
        clean(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"Comment":"c","StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
        );
        // AWS accepts ProcessorConfig in the legacy Iterator
        // (tests/data/aws-recorded/map/base_scenarios__test_map_state_legacy_config_inline.json).
        silent(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V112,
        );
    }

    /// The pointer of the `depth`-th branch container of [`nested_parallels`] (1-based).
    fn branch_pointer(depth: usize) -> String {
        let mut pointer = String::from("/States/L0/Branches/0");
        for level in 1..depth {
            pointer.push_str(&format!("/States/L{level}/Branches/0"));
        }
        pointer
    }

    #[test]
    fn v113_one_container_too_many() {
        let max = workflow_dsl::asl::MAX_NESTING;
        let text = nested_parallels(max + 1);
        let all = findings(&text, Profile::Aws);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].0, all[0].1), (Rule::V113, E));
        // The pointer is the too-deep container.
        assert_eq!(all[0].2, branch_pointer(max + 1));
        // Deeper still: still one V113.
        assert_eq!(count(&nested_parallels(max + 10), Rule::V113), 1);
    }

    #[test]
    fn v113_map_processors_count_too() {
        let max = workflow_dsl::asl::MAX_NESTING;
        let nested_maps = |levels: usize| {
            let mut inner = r#"{"Type":"Pass","End":true}"#.to_owned();
            for level in (0..levels).rev() {
                let name = format!("L{}", level + 1);
                inner = format!(
                    r#"{{"Type":"Map","ItemProcessor":{{"StartAt":"{name}","States":{{"{name}":{inner}}}}},"End":true}}"#
                );
            }
            format!(r#"{{"StartAt":"L0","States":{{"L0":{inner}}}}}"#)
        };
        assert_eq!(count(&nested_maps(max + 1), Rule::V113), 1);
        clean(&nested_maps(max));
    }

    #[test]
    fn v113_near_miss_at_the_limit() {
        clean(&nested_parallels(workflow_dsl::asl::MAX_NESTING));
    }

    #[test]
    fn v114_definition_too_long() {
        let max = workflow_dsl::validate::MAX_DEFINITION_CHARS;
        let frame = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"","End":true}}}"#;
        let sized = |chars: usize, c: char| {
            let filler: String = std::iter::repeat_n(c, chars - frame.chars().count()).collect();
            frame.replace(r#""Result":"""#, &format!(r#""Result":"{filler}""#))
        };
        let long = sized(max + 1, 'x');
        assert_eq!(long.chars().count(), max + 1);
        exactly(&long, &[(Rule::V114, E, "")]);
        fires_in(&long, Profile::AwsExpress, Rule::V114, E, "");
        // V114 is an A/X rule.
        silent_in(&long, Profile::Spec, Rule::V114);

        // Near misses: exactly at the limit, and a limit counted in characters, not bytes.
        clean(&sized(max, 'x'));
        let wide = sized(max, 'é');
        assert!(wide.len() > max);
        clean(&wide);
    }
}

mod v2xx {
    use super::*;

    /// A Parallel `P` (with `extra` members) whose one branch holds the states `branch`
    /// (starting at `B`), in a machine whose top-level members start with `top`.
    fn parallel(top: &str, extra: &str, branch: &str) -> String {
        format!(
            r#"{{{top}"StartAt":"P","States":{{"P":{{"Type":"Parallel",{extra}"Branches":[{{"StartAt":"B","States":{branch}}}],"End":true}}}}}}"#
        )
    }

    #[test]
    fn v201_state_without_type_or_not_an_object() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"End":true}}}"#,
            &[(Rule::V201, E, "/States/A")],
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":5}}"#,
            Rule::V201,
            E,
            "/States/B",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":["Pass"]}}"#,
            Rule::V201,
            E,
            "/States/A",
        );
        fires(
            &parallel("", "", r#"{"B":{"Next":"C"},"C":{"Type":"Succeed"}}"#),
            Rule::V201,
            E,
            "/States/P/Branches/0/States/B",
        );
    }

    #[test]
    fn v201_near_miss() {
        silent(OK, Rule::V201);
        // A Type that is not one of the eight is V202, not V201.
        silent(&one(r#"{"Type":"Pas","End":true}"#), Rule::V201);
    }

    #[test]
    fn v202_unknown_type() {
        exactly(
            &one(r#"{"Type":"Pas","End":true}"#),
            &[(Rule::V202, E, "/States/A/Type")],
        );
        // Case-sensitive.
        fires(
            &one(r#"{"Type":"pass","End":true}"#),
            Rule::V202,
            E,
            "/States/A/Type",
        );
        fires(
            &one(r#"{"Type":"Activity","End":true}"#),
            Rule::V202,
            E,
            "/States/A/Type",
        );
        fires(
            &one(r#"{"Type":"","End":true}"#),
            Rule::V202,
            E,
            "/States/A/Type",
        );
    }

    #[test]
    fn v202_near_miss_all_eight_types() {
        clean(
            r#"{"StartAt":"Pass","States":{
              "Pass":{"Type":"Pass","Next":"Task"},
              "Task":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Next":"Wait"},
              "Wait":{"Type":"Wait","Seconds":1,"Next":"Parallel"},
              "Parallel":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Next":"Map"},
              "Map":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"Choice"},
              "Choice":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Succeed"}],"Default":"Fail"},
              "Succeed":{"Type":"Succeed"},
              "Fail":{"Type":"Fail"}}}"#,
        );
    }

    #[test]
    fn v203_name_too_long_or_empty() {
        let long = "N".repeat(81);
        exactly(
            &format!(
                r#"{{"StartAt":"{long}","States":{{"{long}":{{"Type":"Pass","End":true}}}}}}"#
            ),
            &[(Rule::V203, E, &format!("/States/{long}"))],
        );
        // Counted in Unicode scalar values.
        let wide = "é".repeat(81);
        fires(
            &format!(
                r#"{{"StartAt":"{wide}","States":{{"{wide}":{{"Type":"Pass","End":true}}}}}}"#
            ),
            Rule::V203,
            E,
            &format!("/States/{wide}"),
        );
        // The empty name: the pointer ends with an empty reference token.
        fires(
            r#"{"StartAt":"","States":{"":{"Type":"Pass","End":true}}}"#,
            Rule::V203,
            E,
            "/States/",
        );
        // Inside a branch too.
        let long_b = "B".repeat(81);
        fires(
            &format!(
                r#"{{"StartAt":"P","States":{{"P":{{"Type":"Parallel","Branches":[{{"StartAt":"{long_b}","States":{{"{long_b}":{{"Type":"Pass","End":true}}}}}}],"End":true}}}}}}"#
            ),
            Rule::V203,
            E,
            &format!("/States/P/Branches/0/States/{long_b}"),
        );
    }

    #[test]
    fn v203_near_miss_80_characters_and_punctuation() {
        let name = "N".repeat(80);
        clean(&format!(
            r#"{{"StartAt":"{name}","States":{{"{name}":{{"Type":"Pass","End":true}}}}}}"#
        ));
        // 80 characters that take 160 bytes.
        let wide = "é".repeat(80);
        clean(&format!(
            r#"{{"StartAt":"{wide}","States":{{"{wide}":{{"Type":"Pass","End":true}}}}}}"#
        ));
        clean(
            r#"{"StartAt":"Hello World!","States":{"Hello World!":{"Type":"Pass","Next":"a/b~c"},"a/b~c":{"Type":"Succeed"}}}"#,
        );
        clean(r#"{"StartAt":"x","States":{"x":{"Type":"Pass","End":true}}}"#);
    }

    #[test]
    fn v204_duplicate_across_nested_containers() {
        // Top level and a branch: the second occurrence is the branch's.
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            &[(Rule::V204, E, "/States/P/Branches/0/States/A")],
        );
        // Two branches of one Parallel.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V204,
            E,
            "/States/P/Branches/1/States/B",
        );
        // A Map processor and a top-level state.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"I"},"I":{"Type":"Succeed"}}}"#,
            Rule::V204,
            E,
            "/States/I",
        );
        // Two processors nested at different depths.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"N","States":{"N":{"Type":"Map","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},"Next":"X2"},"X2":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}],"End":true}}},"End":true}}}"#,
            Rule::V204,
            E,
            "/States/M/ItemProcessor/States/X2/Branches/0/States/X",
        );
        // The name of the Parallel state itself reused inside its branch.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V204,
            E,
            "/States/P/Branches/0/States/P",
        );
    }

    #[test]
    fn v204_duplicate_keys_in_one_states_object() {
        let text =
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}}"#;
        fires(text, Rule::V204, E, "/States/A");
        assert_eq!(count(text, Rule::V204), 1);
        // Not the V101 warning used for duplicate keys elsewhere.
        silent(text, Rule::V101);
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true},"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V204,
            E,
            "/States/P/Branches/0/States/B",
        );
    }

    #[test]
    fn v204_near_miss() {
        silent(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"a","States":{"a":{"Type":"Pass","End":true}}},{"StartAt":"A ","States":{"A ":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V204,
        );
        // A duplicate key that is not a state name is not V204.
        silent(
            &one(r#"{"Type":"Pass","Result":{"k":1,"k":2},"End":true}"#),
            Rule::V204,
        );
    }

    #[test]
    fn v205_field_not_allowed_for_the_type() {
        exactly(
            &one(r#"{"Type":"Pass","Retry":[],"End":true}"#),
            &[(Rule::V205, E, "/States/A")],
        );
        fires(
            &one(
                r#"{"Type":"Parallel","TimeoutSeconds":5,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}"#,
            ),
            Rule::V205,
            E,
            "/States/A",
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Result":1,"End":true}"#,
            ),
            Rule::V205,
            E,
            "/States/A",
        );
        fires(
            &one(r#"{"Type":"Succeed","Catch":[]}"#),
            Rule::V205,
            E,
            "/States/A",
        );
        fires(
            &one(r#"{"Type":"Fail","InputPath":"$"}"#),
            Rule::V205,
            E,
            "/States/A",
        );
        fires(
            &one(r#"{"Type":"Wait","Seconds":1,"Foo":1,"End":true}"#),
            Rule::V205,
            E,
            "/States/A",
        );
    }

    #[test]
    fn v205_near_miss() {
        clean(&one(
            r#"{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","TimeoutSeconds":5,"Retry":[],"Catch":[],"End":true}"#,
        ));
        // Next/End on Succeed is V303, not V205.
        silent(&one(r#"{"Type":"Succeed","End":true}"#), Rule::V205);
        silent(
            r#"{"StartAt":"A","States":{"A":{"Type":"Fail","Next":"B"},"B":{"Type":"Succeed"}}}"#,
            Rule::V205,
        );
    }

    #[test]
    fn v206_comment_not_a_string() {
        exactly(
            &one(r#"{"Type":"Pass","Comment":5,"End":true}"#),
            &[(Rule::V206, E, "/States/A/Comment")],
        );
        fires(
            &task_retry(r#"[{"ErrorEquals":["States.ALL"],"Comment":true}]"#),
            Rule::V206,
            E,
            "/States/T/Retry/0/Comment",
        );
        fires(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done","Comment":{}}]"#),
            Rule::V206,
            E,
            "/States/T/Catch/0/Comment",
        );
        fires(
            &choice(r#"[{"Variable":"$.x","StringEquals":"a","Next":"X","Comment":null}]"#),
            Rule::V206,
            E,
            "/States/C/Choices/0/Comment",
        );
    }

    #[test]
    fn v206_near_miss() {
        clean(&one(r#"{"Type":"Pass","Comment":"","End":true}"#));
        clean(&task_retry(
            r#"[{"ErrorEquals":["States.ALL"],"Comment":"c"}]"#,
        ));
        clean(&choice(
            r#"[{"Variable":"$.x","StringEquals":"a","Next":"X","Comment":"c"}]"#,
        ));
    }

    const JSONATA: &str = r#""QueryLanguage":"JSONata","#;

    #[test]
    fn v207_explicit_jsonpath_state_in_a_jsonata_machine() {
        exactly(
            r#"{"QueryLanguage":"JSONata","StartAt":"Pass","States":{"Pass":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}"#,
            &[(Rule::V207, E, "/States/Pass")],
        );
        // In a branch of a JSONata machine.
        fires(
            &parallel(
                JSONATA,
                "",
                r#"{"B":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}"#,
            ),
            Rule::V207,
            E,
            "/States/P/Branches/0/States/B",
        );
    }

    #[test]
    fn v207_near_miss() {
        // Implicit JSONPath machine, explicit JSONPath state.
        clean(&one(
            r#"{"Type":"Pass","QueryLanguage":"JSONPath","End":true}"#,
        ));
        // JSONata state in a JSONPath machine.
        clean(&one(
            r#"{"Type":"Pass","QueryLanguage":"JSONata","Output":1,"End":true}"#,
        ));
        // JSONata machine, explicit JSONata state.
        clean(
            r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}}"#,
        );
        // A JSONPath state nested in a JSONata Map of a JSONPath machine, accepted by AWS in
        // tests/data/aws-recorded/definition_validation/
        // sfn_api_validation__test_validate_state_machine_definition_type_standard_VALID_QUERY_LANGUAGE_PASS.json.
        clean(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}},"End":true}}}"#,
        );
    }

    #[test]
    fn v208_jsonata_field_in_a_jsonpath_state() {
        exactly(
            &one(r#"{"Type":"Pass","Output":{"a":1},"End":true}"#),
            &[(Rule::V208, E, "/States/A")],
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f"},"End":true}"#,
            ),
            Rule::V208,
            E,
            "/States/A",
        );
        // A Choice rule's `Condition`: see `known_bugs`.
        fires(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Output":1,"Next":"Done"}]"#),
            Rule::V208,
            E,
            "/States/T",
        );
        // Explicitly JSONPath state in a JSONPath machine.
        fires(
            &one(r#"{"Type":"Pass","QueryLanguage":"JSONPath","Output":1,"End":true}"#),
            Rule::V208,
            E,
            "/States/A",
        );
    }

    #[test]
    fn v208_branch_state_inherits_the_machine_language_not_the_parallels() {
        // The Parallel is JSONata, the machine JSONPath: B is JSONPath.
        let text = parallel(
            "",
            r#""QueryLanguage":"JSONata","#,
            r#"{"B":{"Type":"Pass","Output":1,"End":true}}"#,
        );
        exactly(&text, &[(Rule::V208, E, "/States/P/Branches/0/States/B")]);
        // The same through a Map processor.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Output":1,"End":true}}},"End":true}}}"#,
            Rule::V208,
            E,
            "/States/M/ItemProcessor/States/I",
        );
    }

    #[test]
    fn v208_near_miss() {
        clean(&one(
            r#"{"Type":"Pass","QueryLanguage":"JSONata","Output":{"a":1},"End":true}"#,
        ));
        // A branch state of a JSONata machine is JSONata.
        clean(&parallel(
            JSONATA,
            "",
            r#"{"B":{"Type":"Pass","Output":1,"End":true}}"#,
        ));
        // JSONata Parallel in a JSONPath machine, B declares JSONata itself.
        clean(&parallel(
            "",
            r#""QueryLanguage":"JSONata","#,
            r#"{"B":{"Type":"Pass","QueryLanguage":"JSONata","Output":1,"End":true}}"#,
        ));
    }

    #[test]
    fn v209_jsonpath_field_in_a_jsonata_state() {
        exactly(
            &one(r#"{"Type":"Pass","QueryLanguage":"JSONata","InputPath":"$.a","End":true}"#),
            &[(Rule::V209, E, "/States/A")],
        );
        fires(
            &one(r#"{"Type":"Pass","QueryLanguage":"JSONata","Result":{"a":1},"End":true}"#),
            Rule::V209,
            E,
            "/States/A",
        );
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}"#,
            Rule::V209,
            E,
            "/States/A",
        );
        // A Choice rule's `Variable`: see `known_bugs`.
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}}}"#,
            Rule::V209,
            E,
            "/States/T",
        );
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}"#,
            Rule::V209,
            E,
            "/States/W",
        );
    }

    #[test]
    fn v209_branch_state_inherits_the_machine_language() {
        // JSONata machine: B in the branch is JSONata even though nothing on P says so.
        fires(
            &parallel(
                JSONATA,
                "",
                r#"{"B":{"Type":"Pass","ResultPath":"$.r","End":true}}"#,
            ),
            Rule::V209,
            E,
            "/States/P/Branches/0/States/B",
        );
        // JSONPath machine, JSONata Parallel: B is JSONPath, so InputPath is fine.
        let text = parallel(
            "",
            r#""QueryLanguage":"JSONata","#,
            r#"{"B":{"Type":"Pass","InputPath":"$.a","End":true}}"#,
        );
        silent(&text, Rule::V209);
        clean(&text);
    }

    #[test]
    fn v209_near_miss() {
        clean(&one(
            r#"{"Type":"Pass","InputPath":"$.a","Result":1,"ResultPath":"$.r","End":true}"#,
        ));
        silent(
            &one(
                r#"{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input %}","End":true}"#,
            ),
            Rule::V209,
        );
    }

    #[test]
    fn v210_end_not_a_boolean() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":0},"B":{"Type":"Succeed"}}}"#,
            &[(Rule::V210, E, "/States/A/End")],
        );
        fires(
            &one(r#"{"Type":"Pass","End":"true"}"#),
            Rule::V210,
            E,
            "/States/A/End",
        );
        fires(
            &one(r#"{"Type":"Pass","End":1}"#),
            Rule::V210,
            E,
            "/States/A/End",
        );
        fires(
            &one(r#"{"Type":"Pass","End":null}"#),
            Rule::V210,
            E,
            "/States/A/End",
        );
    }

    #[test]
    fn v210_near_miss() {
        clean(&one(r#"{"Type":"Pass","End":true}"#));
        // `"End": false` is a boolean; with a Next the state has exactly one transition.
        silent(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":false},"B":{"Type":"Succeed"}}}"#,
            Rule::V210,
        );
    }
}

mod v3xx {
    use super::*;

    const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:f";

    #[test]
    fn v301_next_names_no_state() {
        let text = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nope"},"B":{"Type":"Succeed"}}}"#;
        fires(text, Rule::V301, E, "/States/A/Next");
        fires(text, Rule::V306, E, "/States/B");
        assert_eq!(count(text, Rule::V301), 1);
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"b"},"b ":{"Type":"Succeed"}}}"#,
            Rule::V301,
            E,
            "/States/A/Next",
        );
    }

    #[test]
    fn v301_choice_default_and_catch_targets() {
        fires(
            &choice(r#"[{"Variable":"$.x","StringEquals":"a","Next":"Y"}]"#),
            Rule::V301,
            E,
            "/States/C/Choices/0/Next",
        );
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEquals":"a","Next":"X"}],"Default":"Missing"},"X":{"Type":"Succeed"}}}"#,
            Rule::V301,
            E,
            "/States/C/Default",
        );
        fires(
            &task_catch(
                r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"},{"ErrorEquals":["X"],"Next":"Gone"}]"#,
            ),
            Rule::V301,
            E,
            "/States/T/Catch/1/Next",
        );
    }

    #[test]
    fn v301_inside_a_branch() {
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Nope"},"C":{"Type":"Succeed"}}}],"End":true}}}"#,
            Rule::V301,
            E,
            "/States/P/Branches/0/States/B/Next",
        );
    }

    #[test]
    fn v301_pointer_escapes_state_names() {
        fires(
            r#"{"StartAt":"a/b~c","States":{"a/b~c":{"Type":"Pass","Next":"Nope"},"B":{"Type":"Succeed"}}}"#,
            Rule::V301,
            E,
            "/States/a~1b~0c/Next",
        );
    }

    #[test]
    fn v301_near_miss() {
        clean(OK);
        clean(&task_catch(
            r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#,
        ));
        // A target in another container is V304/V305, not V301.
        silent(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Z"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}}"#,
            Rule::V301,
        );
    }

    #[test]
    fn v304_out_of_a_parallel_branch() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Z"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}}"#;
        fires(text, Rule::V304, E, "/States/P/Branches/0/States/B/Next");
        silent(text, Rule::V301);
        silent(text, Rule::V305);
        // A Choice rule in a branch targeting a top-level state.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Z"}],"Default":"E"},"E":{"Type":"Succeed"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}}"#,
            Rule::V304,
            E,
            "/States/P/Branches/0/States/B/Choices/0/Next",
        );
    }

    #[test]
    fn v304_into_a_branch_and_between_branches() {
        // From the top level into a branch.
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V304,
            E,
            "/States/A/Next",
        );
        // From one branch into its sibling.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"C"}}},{"StartAt":"C","States":{"C":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V304,
            E,
            "/States/P/Branches/0/States/B/Next",
        );
        // A catcher out of a branch.
        fires(
            &format!(
                r#"{{"StartAt":"P","States":{{"P":{{"Type":"Parallel","Branches":[{{"StartAt":"B","States":{{"B":{{"Type":"Task","Resource":"{ARN}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"Z"}}],"End":true}}}}}}],"Next":"Z"}},"Z":{{"Type":"Succeed"}}}}}}"#
            ),
            Rule::V304,
            E,
            "/States/P/Branches/0/States/B/Catch/0/Next",
        );
    }

    #[test]
    fn v305_out_of_a_map_processor() {
        let text = format!(
            r#"{{"StartAt":"M","States":{{"M":{{"Type":"Map","ItemProcessor":{{"StartAt":"I","States":{{"I":{{"Type":"Task","Resource":"{ARN}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"Recover"}}],"End":true}}}}}},"Catch":[{{"ErrorEquals":["States.ALL"],"Next":"Recover"}}],"End":true}},"Recover":{{"Type":"Succeed"}}}}}}"#
        );
        exactly(
            &text,
            &[(
                Rule::V305,
                E,
                "/States/M/ItemProcessor/States/I/Catch/0/Next",
            )],
        );
        // Legacy Iterator, plain Next.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"Z"},"J":{"Type":"Succeed"}}},"Next":"Z"},"Z":{"Type":"Succeed"}}}"#,
            Rule::V305,
            E,
            "/States/M/Iterator/States/I/Next",
        );
        // From the top level into a processor.
        let into = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"I"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#;
        fires(into, Rule::V305, E, "/States/A/Next");
        silent(into, Rule::V304);
        silent(into, Rule::V301);
    }

    #[test]
    fn v304_v305_innermost_container_decides() {
        // A branch of a Parallel inside a Map processor, targeting the processor: the innermost
        // container involved is the branch.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Q"}}}],"Next":"Q"},"Q":{"Type":"Succeed"}}},"End":true}}}"#,
            Rule::V304,
            E,
            "/States/M/ItemProcessor/States/P/Branches/0/States/B/Next",
        );
        // A Map processor inside a branch, targeting the branch: the processor.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"Q"}}},"Next":"Q"},"Q":{"Type":"Succeed"}}}],"End":true}}}"#,
            Rule::V305,
            E,
            "/States/P/Branches/0/States/M/ItemProcessor/States/I/Next",
        );
    }

    #[test]
    fn v304_v305_near_miss() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Succeed"}}}],"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"J"},"J":{"Type":"Pass","End":true}}},"End":true}}}"#;
        clean(text);
    }

    #[test]
    fn v302_both_next_and_end() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Succeed"}}}"#,
            &[(Rule::V302, E, "/States/A")],
        );
        fires(
            &format!(
                r#"{{"StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{ARN}","Next":"B","End":true}},"B":{{"Type":"Succeed"}}}}}}"#
            ),
            Rule::V302,
            E,
            "/States/A",
        );
    }

    #[test]
    fn v302_neither_next_nor_end() {
        // C is unreachable too: see `known_bugs` for its V306.
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass"},"C":{"Type":"Succeed"}}}"#,
            Rule::V302,
            E,
            "/States/B",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1},"B":{"Type":"Succeed"}}}"#,
            Rule::V302,
            E,
            "/States/A",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]},"C":{"Type":"Succeed"}}}"#,
            Rule::V302,
            E,
            "/States/A",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}},"C":{"Type":"Succeed"}}}"#,
            Rule::V302,
            E,
            "/States/A",
        );
        // `"End": false` is not an end.
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":false},"C":{"Type":"Succeed"}}}"#,
            Rule::V302,
            E,
            "/States/A",
        );
        // Inside a branch.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass"},"C":{"Type":"Succeed"}}}],"End":true}}}"#,
            Rule::V302,
            E,
            "/States/P/Branches/0/States/B",
        );
    }

    #[test]
    fn v302_near_miss() {
        clean(OK);
        clean(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":false},"B":{"Type":"Succeed"}}}"#,
        );
        silent(&one(r#"{"Type":"Succeed"}"#), Rule::V302);
    }

    #[test]
    fn v303_next_or_end_on_succeed_fail_choice() {
        exactly(
            &one(r#"{"Type":"Succeed","End":true}"#),
            &[(Rule::V303, E, "/States/A")],
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Succeed","Next":"B"},"B":{"Type":"Succeed"}}}"#,
            Rule::V303,
            E,
            "/States/A",
        );
        fires(
            &one(r#"{"Type":"Fail","End":true}"#),
            Rule::V303,
            E,
            "/States/A",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Fail","Next":"B"},"B":{"Type":"Succeed"}}}"#,
            Rule::V303,
            E,
            "/States/A",
        );
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"X"}],"Default":"X","Next":"X"},"X":{"Type":"Succeed"}}}"#,
            Rule::V303,
            E,
            "/States/C",
        );
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"X"}],"Default":"X","End":true},"X":{"Type":"Succeed"}}}"#,
            Rule::V303,
            E,
            "/States/C",
        );
        // Neither means neither: `"End": false` too.
        fires(
            &one(r#"{"Type":"Succeed","End":false}"#),
            Rule::V303,
            E,
            "/States/A",
        );
    }

    #[test]
    fn v303_near_miss() {
        clean(&one(r#"{"Type":"Succeed"}"#));
        clean(&one(r#"{"Type":"Fail","Error":"E","Cause":"c"}"#));
        silent(OK, Rule::V303);
    }

    #[test]
    fn v306_unreachable_state() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"},"Orphan":{"Type":"Pass","Next":"A"}}}"#,
            &[(Rule::V306, E, "/States/Orphan")],
        );
        // Each unreachable state, even when one leads to the other.
        let text = r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"},"O1":{"Type":"Pass","Next":"O2"},"O2":{"Type":"Pass","Next":"A"}}}"#;
        fires(text, Rule::V306, E, "/States/O1");
        fires(text, Rule::V306, E, "/States/O2");
        // Inside a branch.
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true},"O":{"Type":"Succeed"}}}],"End":true}}}"#,
            Rule::V306,
            E,
            "/States/P/Branches/0/States/O",
        );
    }

    #[test]
    fn v306_near_miss_reachable_through_catch_and_default() {
        clean(&task_catch(
            r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#,
        ));
        clean(&choice(
            r#"[{"Variable":"$.x","IsPresent":true,"Next":"X"}]"#,
        ));
    }

    #[test]
    fn v306_not_reported_for_a_container_with_v307() {
        // Top level: no terminal state, B unreachable.
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"},"B":{"Type":"Pass","Next":"A"}}}"#,
            &[(Rule::V307, E, "/")],
        );
        // A branch without terminal: V307 for the branch, no V306 there; the top level's own
        // orphan is still V306.
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"B"},"O":{"Type":"Pass","Next":"B"}}}],"End":true},"Orphan":{"Type":"Succeed"}}}"#;
        exactly(
            text,
            &[
                (Rule::V307, E, "/States/P/Branches/0"),
                (Rule::V306, E, "/States/Orphan"),
            ],
        );
    }

    #[test]
    fn v307_no_terminal_state() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#,
            &[(Rule::V307, E, "/")],
        );
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Wait","Seconds":1,"Next":"I"}}},"End":true}}}"#,
            Rule::V307,
            E,
            "/States/M/ItemProcessor",
        );
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"C","States":{"C":{"Type":"Pass","Next":"C"}}}],"End":true}}}"#,
            Rule::V307,
            E,
            "/States/P/Branches/1",
        );
    }

    #[test]
    fn v307_near_miss_terminals() {
        clean(&one(r#"{"Type":"Fail"}"#));
        clean(&one(r#"{"Type":"Succeed"}"#));
        clean(&one(r#"{"Type":"Pass","End":true}"#));
        // A terminal that is unreachable still counts as a terminal (that is V306).
        silent(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"},"Z":{"Type":"Succeed"}}}"#,
            Rule::V307,
        );
    }

    /// C chooses between X (Succeed) and a loop L1 ↔ L2 with no way out.
    const TRAP: &str = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X"}],"Default":"L1"},"X":{"Type":"Succeed"},"L1":{"Type":"Pass","Next":"L2"},"L2":{"Type":"Pass","Next":"L1"}}}"#;

    #[test]
    fn v308_reachable_loop_without_exit_is_a_warning() {
        exactly(
            TRAP,
            &[(Rule::V308, W, "/States/L1"), (Rule::V308, W, "/States/L2")],
        );
        fires_in(TRAP, Profile::AwsExpress, Rule::V308, W, "/States/L1");
        // An A/X rule.
        silent_in(TRAP, Profile::Spec, Rule::V308);
        // A self-loop.
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X"}],"Default":"W"},"X":{"Type":"Succeed"},"W":{"Type":"Wait","Seconds":5,"Next":"W"}}}"#,
            Rule::V308,
            W,
            "/States/W",
        );
        // A state that only leads into the trap is trapped too.
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X"}],"Default":"In"},"X":{"Type":"Succeed"},"In":{"Type":"Pass","Next":"L"},"L":{"Type":"Pass","Next":"L"}}}"#,
            Rule::V308,
            W,
            "/States/In",
        );
    }

    #[test]
    fn v308_near_miss_loops_with_an_exit() {
        // A loop whose Choice can leave it.
        clean(
            r#"{"StartAt":"L1","States":{"L1":{"Type":"Pass","Next":"L2"},"L2":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"X"}],"Default":"L1"},"X":{"Type":"Succeed"}}}"#,
        );
        // A loop left through a catcher.
        clean(
            r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Catch":[{"ErrorEquals":["States.ALL"],"Next":"X"}],"Next":"T"},"X":{"Type":"Succeed"}}}"#,
        );
        // An unreachable loop is V306, not V308.
        let text = r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"},"L1":{"Type":"Pass","Next":"L2"},"L2":{"Type":"Pass","Next":"L1"}}}"#;
        silent(text, Rule::V308);
        fires(text, Rule::V306, E, "/States/L1");
    }

    #[test]
    fn v309_branch_start_at_names_no_state_of_the_branch() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"Nope","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#;
        fires(text, Rule::V309, E, "/States/P/Branches/0/StartAt");
        silent(text, Rule::V105);
        // A state of another container does not count, and it is V309, not V304.
        let outside = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"P","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#;
        fires(outside, Rule::V309, E, "/States/P/Branches/0/StartAt");
        silent(outside, Rule::V304);
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"i","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V309,
            E,
            "/States/M/ItemProcessor/StartAt",
        );
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"J","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V309,
            E,
            "/States/M/Iterator/StartAt",
        );
    }

    #[test]
    fn v309_near_miss() {
        clean(&nested_parallels(2));
        // The top-level StartAt is V105, not V309.
        silent(
            r#"{"StartAt":"Z","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V309,
        );
    }
}

mod v4xx {
    use super::*;

    /// The rule text `rule` as the only rule of `choice`.
    fn rule(rule: &str) -> String {
        choice(&format!("[{rule}]"))
    }

    /// A JSONata machine whose Choice `C` has `Choices` = `choices` and `Default` `D`.
    fn jsonata_choice(choices: &str) -> String {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":{choices},"Default":"D"}},"X":{{"Type":"Succeed"}},"D":{{"Type":"Succeed"}}}}}}"#
        )
    }

    #[test]
    fn v401_choices_missing_empty_or_not_an_array() {
        fires(&choice("[]"), Rule::V401, E, "/States/C/Choices");
        fires(&choice("{}"), Rule::V401, E, "/States/C/Choices");
        fires(
            &choice(r#"{"Variable":"$.x","IsNull":true,"Next":"X"}"#),
            Rule::V401,
            E,
            "/States/C/Choices",
        );
        let missing = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Default":"D"},"D":{"Type":"Succeed"}}}"#;
        assert_eq!(
            count(missing, Rule::V401),
            1,
            "{:?}",
            findings(missing, Profile::Aws)
        );
        fires(&jsonata_choice("[]"), Rule::V401, E, "/States/C/Choices");
    }

    #[test]
    fn v401_near_miss() {
        silent(
            &rule(r#"{"Variable":"$.x","IsNull":true,"Next":"X"}"#),
            Rule::V401,
        );
    }

    #[test]
    fn v402_top_level_rule_without_next() {
        exactly(
            &choice(
                r#"[{"Variable":"$.x","IsNull":true,"Next":"X"},{"Variable":"$.x","IsNull":false}]"#,
            ),
            &[(Rule::V402, E, "/States/C/Choices/1")],
        );
        fires(
            &jsonata_choice(r#"[{"Condition":true}]"#),
            Rule::V402,
            E,
            "/States/C/Choices/0",
        );
    }

    #[test]
    fn v402_near_miss_nested_rules_have_no_next() {
        clean(&rule(
            r#"{"And":[{"Variable":"$.a","IsPresent":true},{"Not":{"Variable":"$.b","IsNull":true}}],"Next":"X"}"#,
        ));
    }

    #[test]
    fn v403_next_or_assign_in_a_nested_rule() {
        exactly(
            &rule(r#"{"Not":{"Variable":"$.a","IsNull":true,"Next":"X"},"Next":"X"}"#),
            &[(Rule::V403, E, "/States/C/Choices/0/Not")],
        );
        fires(
            &rule(
                r#"{"And":[{"Variable":"$.a","IsNull":true},{"Variable":"$.b","IsNull":true,"Next":"X"}],"Next":"X"}"#,
            ),
            Rule::V403,
            E,
            "/States/C/Choices/0/And/1",
        );
        fires(
            &rule(r#"{"Or":[{"Variable":"$.a","IsNull":true,"Assign":{"v":1}}],"Next":"X"}"#),
            Rule::V403,
            E,
            "/States/C/Choices/0/Or/0",
        );
        // Deeper down.
        fires(
            &rule(r#"{"Not":{"And":[{"Variable":"$.a","IsNull":true,"Next":"X"}]},"Next":"X"}"#),
            Rule::V403,
            E,
            "/States/C/Choices/0/Not/And/0",
        );
    }

    #[test]
    fn v403_near_miss_next_and_assign_on_the_top_level_rule() {
        clean(&rule(
            r#"{"Not":{"Variable":"$.a","IsNull":true},"Next":"X","Assign":{"v":1}}"#,
        ));
    }

    #[test]
    fn v404_two_operators() {
        exactly(
            &rule(r#"{"Variable":"$.x","StringEquals":"a","StringGreaterThan":"b","Next":"X"}"#),
            &[(Rule::V404, E, "/States/C/Choices/0")],
        );
        fires(
            &rule(r#"{"Variable":"$.x","NumericEquals":1,"NumericEqualsPath":"$.y","Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
        // Nested.
        fires(
            &rule(r#"{"And":[{"Variable":"$.x","IsNull":true,"IsPresent":true}],"Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0/And/0",
        );
    }

    #[test]
    fn v404_neither_or_both_kinds() {
        // A Variable with no operator.
        fires(
            &rule(r#"{"Variable":"$.x","Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
        // An operator with no Variable.
        fires(
            &rule(r#"{"StringEquals":"a","Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
        // Nothing but Next.
        fires(
            &rule(r#"{"Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
        // Two boolean operators.
        fires(
            &rule(
                r#"{"And":[{"Variable":"$.x","IsNull":true}],"Or":[{"Variable":"$.x","IsNull":true}],"Next":"X"}"#,
            ),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
        // A boolean expression with a data test beside it.
        fires(
            &rule(r#"{"Not":{"Variable":"$.x","IsNull":true},"Variable":"$.y","Next":"X"}"#),
            Rule::V404,
            E,
            "/States/C/Choices/0",
        );
    }

    #[test]
    fn v404_near_miss() {
        clean(&rule(
            r#"{"Variable":"$.x","StringEquals":"a","Next":"X","Comment":"c"}"#,
        ));
        clean(&rule(
            r#"{"Or":[{"Variable":"$.x","IsNull":true},{"Variable":"$.y","NumericLessThanEquals":3}],"Next":"X","Comment":"c","Assign":{"v":1}}"#,
        ));
    }

    #[test]
    fn v405_bad_and_or_not_operands() {
        exactly(
            &rule(r#"{"And":[],"Next":"X"}"#),
            &[(Rule::V405, E, "/States/C/Choices/0/And")],
        );
        fires(
            &rule(r#"{"Or":{"Variable":"$.x","IsNull":true},"Next":"X"}"#),
            Rule::V405,
            E,
            "/States/C/Choices/0/Or",
        );
        fires(
            &rule(r#"{"Not":[{"Variable":"$.x","IsNull":true}],"Next":"X"}"#),
            Rule::V405,
            E,
            "/States/C/Choices/0/Not",
        );
        fires(
            &rule(r#"{"And":["x"],"Next":"X"}"#),
            Rule::V405,
            E,
            "/States/C/Choices/0/And",
        );
        fires(
            &rule(r#"{"Not":null,"Next":"X"}"#),
            Rule::V405,
            E,
            "/States/C/Choices/0/Not",
        );
    }

    #[test]
    fn v405_near_miss() {
        clean(&rule(
            r#"{"And":[{"Variable":"$.x","IsNull":true}],"Next":"X"}"#,
        ));
        clean(&rule(
            r#"{"Not":{"Variable":"$.x","IsNull":true},"Next":"X"}"#,
        ));
    }

    #[test]
    fn v406_misspelt_operator_with_did_you_mean() {
        let text = rule(r#"{"Variable":"$.x","StringEqual":"a","Next":"X"}"#);
        fires(&text, Rule::V406, E, "/States/C/Choices/0");
        let report = check(&text, Profile::Aws);
        let finding = report
            .diagnostics()
            .iter()
            .find(|d| d.rule == Rule::V406)
            .unwrap();
        let help = finding.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("did you mean") && help.contains("StringEquals"),
            "help: {help:?}"
        );
        assert_eq!(finding.state.as_deref(), Some("C"));
        // An unknown member in a nested rule.
        fires(
            &rule(r#"{"Not":{"Variable":"$.x","IsNull":true,"Foo":1},"Next":"X"}"#),
            Rule::V406,
            E,
            "/States/C/Choices/0/Not",
        );
        fires(
            &rule(r#"{"Variable":"$.x","numericEquals":1,"Next":"X"}"#),
            Rule::V406,
            E,
            "/States/C/Choices/0",
        );
    }

    #[test]
    fn v406_near_miss() {
        silent(
            &rule(r#"{"Variable":"$.x","StringEquals":"a","Next":"X"}"#),
            Rule::V406,
        );
        silent(
            &rule(r#"{"Variable":"$.x","StringEqualsPath":"$.y","Next":"X"}"#),
            Rule::V406,
        );
    }

    #[test]
    fn v407_operand_of_the_wrong_type() {
        let cases = [
            ("NumericEquals", r#""1""#),
            ("NumericLessThan", "true"),
            ("StringEquals", "5"),
            ("StringMatches", "null"),
            ("BooleanEquals", r#""true""#),
            ("TimestampEquals", "5"),
            ("IsNull", r#""true""#),
            ("IsPresent", "1"),
            ("StringEqualsPath", "5"),
            ("NumericGreaterThanPath", "1"),
        ];
        for (op, operand) in cases {
            let text = rule(&format!(
                r#"{{"Variable":"$.x","{op}":{operand},"Next":"X"}}"#
            ));
            fires(&text, Rule::V407, E, &format!("/States/C/Choices/0/{op}"));
        }
        exactly(
            &rule(r#"{"Variable":"$.x","NumericEquals":"1","Next":"X"}"#),
            &[(Rule::V407, E, "/States/C/Choices/0/NumericEquals")],
        );
    }

    #[test]
    fn v407_near_miss() {
        for (op, operand) in [
            ("NumericEquals", "1.5"),
            ("NumericGreaterThanEquals", "-3"),
            ("StringLessThan", r#""""#),
            ("BooleanEquals", "false"),
            ("IsNumeric", "false"),
            ("IsTimestamp", "true"),
            ("TimestampGreaterThan", r#""2024-01-01T00:00:00Z""#),
            ("BooleanEqualsPath", r#""$.b""#),
        ] {
            clean(&rule(&format!(
                r#"{{"Variable":"$.x","{op}":{operand},"Next":"X"}}"#
            )));
        }
    }

    #[test]
    fn v408_bad_timestamp_literal() {
        for literal in [
            "2024-01-01",
            "not a date",
            "2024-13-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01 00:00:00Z",
        ] {
            let text = rule(&format!(
                r#"{{"Variable":"$.t","TimestampEquals":"{literal}","Next":"X"}}"#
            ));
            fires(&text, Rule::V408, E, "/States/C/Choices/0/TimestampEquals");
            silent(&text, Rule::V407);
        }
        fires(
            &rule(r#"{"Variable":"$.t","TimestampLessThanEquals":"yesterday","Next":"X"}"#),
            Rule::V408,
            E,
            "/States/C/Choices/0/TimestampLessThanEquals",
        );
    }

    #[test]
    fn v408_near_miss() {
        clean(&rule(
            r#"{"Variable":"$.t","TimestampEquals":"2024-01-01T00:00:00Z","Next":"X"}"#,
        ));
        clean(&rule(
            r#"{"Variable":"$.t","TimestampGreaterThan":"2024-01-01T00:00:00.123+02:00","Next":"X"}"#,
        ));
        // A …Path operand is a path, not a timestamp literal.
        silent(
            &rule(r#"{"Variable":"$.t","TimestampEqualsPath":"$.u","Next":"X"}"#),
            Rule::V408,
        );
    }

    #[test]
    fn v409_variable_or_path_operand_not_a_reference_path() {
        exactly(
            &rule(r#"{"Variable":"x","IsNull":true,"Next":"X"}"#),
            &[(Rule::V409, E, "/States/C/Choices/0/Variable")],
        );
        // Wildcards and filters are paths but not reference paths.
        fires(
            &rule(r#"{"Variable":"$.a[*]","IsNull":true,"Next":"X"}"#),
            Rule::V409,
            E,
            "/States/C/Choices/0/Variable",
        );
        fires(
            &rule(r#"{"Variable":"$..a","IsNull":true,"Next":"X"}"#),
            Rule::V409,
            E,
            "/States/C/Choices/0/Variable",
        );
        fires(
            &rule(r#"{"Variable":"$.x","StringEqualsPath":"y","Next":"X"}"#),
            Rule::V409,
            E,
            "/States/C/Choices/0/StringEqualsPath",
        );
        fires(
            &rule(r#"{"Not":{"Variable":"$.a[?(@.b)]","IsNull":true},"Next":"X"}"#),
            Rule::V409,
            E,
            "/States/C/Choices/0/Not/Variable",
        );
    }

    #[test]
    fn v409_near_miss() {
        clean(&rule(r#"{"Variable":"$.a.b[0]","IsNull":true,"Next":"X"}"#));
        clean(&rule(r#"{"Variable":"$","IsPresent":true,"Next":"X"}"#));
        clean(&rule(
            r#"{"Variable":"$$.Execution.Name","StringEquals":"n","Next":"X"}"#,
        ));
        clean(&rule(
            r#"{"Variable":"$.x","NumericEqualsPath":"$$.Map.Item.Index","Next":"X"}"#,
        ));
        // A variable reference.
        silent(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"v":1},"Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$v","NumericEquals":1,"Next":"X"}],"Default":"X"},"X":{"Type":"Succeed"}}}"#,
            Rule::V409,
        );
    }

    #[test]
    fn v410_bad_string_matches_escape_is_a_warning() {
        exactly(
            &rule(r#"{"Variable":"$.x","StringMatches":"a\\d","Next":"X"}"#),
            &[(Rule::V410, W, "/States/C/Choices/0/StringMatches")],
        );
        fires(
            &rule(r#"{"Variable":"$.x","StringMatches":"trailing\\","Next":"X"}"#),
            Rule::V410,
            W,
            "/States/C/Choices/0/StringMatches",
        );
        fires_in(
            &rule(r#"{"Variable":"$.x","StringMatches":"\\n","Next":"X"}"#),
            Profile::Spec,
            Rule::V410,
            W,
            "/States/C/Choices/0/StringMatches",
        );
    }

    #[test]
    fn v410_near_miss() {
        clean(&rule(
            r#"{"Variable":"$.x","StringMatches":"log-*.txt","Next":"X"}"#,
        ));
        clean(&rule(
            r#"{"Variable":"$.x","StringMatches":"a\\*b\\\\c","Next":"X"}"#,
        ));
        // A JSON escape (`\n` is a newline character) is not a pattern backslash.
        clean(&rule(
            r#"{"Variable":"$.x","StringMatches":"a\nb","Next":"X"}"#,
        ));
    }

    #[test]
    fn v412_jsonata_rule_without_or_with_a_bad_condition() {
        exactly(
            &jsonata_choice(r#"[{"Next":"X"}]"#),
            &[(Rule::V412, E, "/States/C/Choices/0/Condition")],
        );
        fires(
            &jsonata_choice(r#"[{"Condition":"$states.input.x","Next":"X"}]"#),
            Rule::V412,
            E,
            "/States/C/Choices/0/Condition",
        );
        fires(
            &jsonata_choice(r#"[{"Condition":1,"Next":"X"}]"#),
            Rule::V412,
            E,
            "/States/C/Choices/0/Condition",
        );
        let extra = jsonata_choice(r#"[{"Condition":true,"Foo":1,"Next":"X"}]"#);
        assert_eq!(
            count(&extra, Rule::V412),
            1,
            "{:?}",
            findings(&extra, Profile::Aws)
        );
        // A JSONata state in a JSONPath machine.
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Next":"X"}],"Default":"X"},"X":{"Type":"Succeed"}}}"#,
            Rule::V412,
            E,
            "/States/C/Choices/0/Condition",
        );
    }

    #[test]
    fn v412_near_miss() {
        clean(&jsonata_choice(r#"[{"Condition":true,"Next":"X"}]"#));
        clean(&jsonata_choice(
            r#"[{"Condition":"{% $states.input.x > 1 %}","Next":"X","Output":{"a":1},"Assign":{"v":1},"Comment":"c"}]"#,
        ));
    }

    #[test]
    fn v413_choice_without_default_is_a_warning() {
        let text = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X"}]},"X":{"Type":"Succeed"}}}"#;
        exactly(text, &[(Rule::V413, W, "/States/C")]);
        fires_in(text, Profile::AwsExpress, Rule::V413, W, "/States/C");
        // An A/X rule.
        silent_in(text, Profile::Spec, Rule::V413);
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":true,"Next":"X"}]},"X":{"Type":"Succeed"}}}"#,
            Rule::V413,
            W,
            "/States/C",
        );
    }

    #[test]
    fn v413_near_miss() {
        clean(&rule(r#"{"Variable":"$.x","IsPresent":true,"Next":"X"}"#));
    }
}

mod v5xx {
    use super::*;

    /// A retrier on `T` with `ErrorEquals: ["E"]` plus `fields` (e.g. `"MaxAttempts":2`).
    fn retrier(fields: &str) -> String {
        task_retry(&format!(r#"[{{"ErrorEquals":["E"],{fields}}}]"#))
    }

    #[test]
    fn v501_retry_or_catch_not_an_array_of_objects() {
        exactly(
            &task_retry(r#"{"ErrorEquals":["E"]}"#),
            &[(Rule::V501, E, "/States/T/Retry")],
        );
        fires(&task_retry("null"), Rule::V501, E, "/States/T/Retry");
        fires(&task_catch(r#""Done""#), Rule::V501, E, "/States/T/Catch");
        fires(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"},5]"#),
            Rule::V501,
            E,
            "/States/T/Catch/1",
        );
        fires(&task_retry(r#"["E"]"#), Rule::V501, E, "/States/T/Retry/0");
    }

    #[test]
    fn v501_near_miss_empty_arrays() {
        clean(&task_retry("[]"));
        let text = task_catch("[]");
        // Done is unreachable without a catcher, but the empty array is fine.
        silent(&text, Rule::V501);
    }

    #[test]
    fn v502_error_equals_missing_empty_or_not_strings() {
        exactly(
            &task_retry(r#"[{"ErrorEquals":[]}]"#),
            &[(Rule::V502, E, "/States/T/Retry/0/ErrorEquals")],
        );
        // A non-string entry: see `known_bugs`.
        fires(
            &task_retry(r#"[{"ErrorEquals":"States.ALL"}]"#),
            Rule::V502,
            E,
            "/States/T/Retry/0/ErrorEquals",
        );
        fires(
            &task_catch(r#"[{"ErrorEquals":[],"Next":"Done"}]"#),
            Rule::V502,
            E,
            "/States/T/Catch/0/ErrorEquals",
        );
        let missing = task_retry(r#"[{"MaxAttempts":1}]"#);
        assert_eq!(
            count(&missing, Rule::V502),
            1,
            "{:?}",
            findings(&missing, Profile::Aws)
        );
        let missing = task_catch(r#"[{"Next":"Done"}]"#);
        assert_eq!(
            count(&missing, Rule::V502),
            1,
            "{:?}",
            findings(&missing, Profile::Aws)
        );
    }

    #[test]
    fn v502_near_miss() {
        clean(&task_retry(r#"[{"ErrorEquals":["A","B"]}]"#));
    }

    #[test]
    fn v503_states_all_not_alone() {
        exactly(
            &task_catch(r#"[{"ErrorEquals":["States.ALL","E"],"Next":"Done"}]"#),
            &[(Rule::V503, E, "/States/T/Catch/0/ErrorEquals")],
        );
        fires(
            &task_retry(r#"[{"ErrorEquals":["E","States.ALL"]}]"#),
            Rule::V503,
            E,
            "/States/T/Retry/0/ErrorEquals",
        );
        fires(
            &task_retry(r#"[{"ErrorEquals":["States.ALL","States.ALL"]}]"#),
            Rule::V503,
            E,
            "/States/T/Retry/0/ErrorEquals",
        );
    }

    #[test]
    fn v503_near_miss() {
        silent(
            &task_retry(r#"[{"ErrorEquals":["States.ALL"]}]"#),
            Rule::V503,
        );
        // Case matters: this is not States.ALL (V505 instead).
        silent(
            &task_retry(r#"[{"ErrorEquals":["States.all","E"]}]"#),
            Rule::V503,
        );
    }

    #[test]
    fn v504_states_all_not_in_the_last_retrier_or_catcher() {
        exactly(
            &task_retry(r#"[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["E"]}]"#),
            &[(Rule::V504, E, "/States/T/Retry/0/ErrorEquals")],
        );
        fires(
            &task_catch(
                r#"[{"ErrorEquals":["E"],"Next":"Done"},{"ErrorEquals":["States.ALL"],"Next":"Done"},{"ErrorEquals":["F"],"Next":"Done"}]"#,
            ),
            Rule::V504,
            E,
            "/States/T/Catch/1/ErrorEquals",
        );
    }

    #[test]
    fn v504_near_miss() {
        clean(&task_retry(
            r#"[{"ErrorEquals":["E"]},{"ErrorEquals":["States.Timeout"]},{"ErrorEquals":["States.ALL"]}]"#,
        ));
        clean(&task_catch(
            r#"[{"ErrorEquals":["E"],"Next":"Done"},{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#,
        ));
    }

    #[test]
    fn v505_unknown_states_error_name_is_a_warning() {
        exactly(
            &task_retry(r#"[{"ErrorEquals":["States.Timout"]}]"#),
            &[(Rule::V505, W, "/States/T/Retry/0/ErrorEquals")],
        );
        fires(
            &task_catch(r#"[{"ErrorEquals":["E","States.all"],"Next":"Done"}]"#),
            Rule::V505,
            W,
            "/States/T/Catch/0/ErrorEquals",
        );
        fires_in(
            &task_retry(r#"[{"ErrorEquals":["States.Foo"]}]"#),
            Profile::Spec,
            Rule::V505,
            W,
            "/States/T/Retry/0/ErrorEquals",
        );
    }

    #[test]
    fn v505_near_miss_every_predefined_name() {
        for name in [
            "States.DataLimitExceeded",
            "States.Timeout",
            "States.HeartbeatTimeout",
            "States.TaskFailed",
            "States.Permissions",
            "States.QueryEvaluationError",
            "States.ExceedToleratedFailureThreshold",
            "States.ItemReaderFailed",
            "States.ResultWriterFailed",
            "States.Http.Socket",
            "States.ReferencePathConflict",
            "States.ResultPathMatchFailure",
            "States.ParameterPathFailure",
            "States.IntrinsicFailure",
            "States.NoChoiceMatched",
            "States.BranchFailed",
            "States.ALL",
            "States.Runtime",
            "Lambda.ServiceException",
            "MyStates.Foo",
        ] {
            silent(
                &task_retry(&format!(r#"[{{"ErrorEquals":["{name}"]}}]"#)),
                Rule::V505,
            );
        }
    }

    #[test]
    fn v506_interval_seconds_range() {
        exactly(
            &retrier(r#""IntervalSeconds":0"#),
            &[(Rule::V506, E, "/States/T/Retry/0/IntervalSeconds")],
        );
        for bad in ["-1", "100000000", "1.5", r#""1""#, "null"] {
            fires(
                &retrier(&format!(r#""IntervalSeconds":{bad}"#)),
                Rule::V506,
                E,
                "/States/T/Retry/0/IntervalSeconds",
            );
        }
        fires_in(
            &retrier(r#""IntervalSeconds":0"#),
            Profile::Spec,
            Rule::V506,
            E,
            "/States/T/Retry/0/IntervalSeconds",
        );
    }

    #[test]
    fn v506_near_miss() {
        clean(&retrier(r#""IntervalSeconds":1"#));
        clean(&retrier(r#""IntervalSeconds":99999999"#));
    }

    #[test]
    fn v507_max_attempts_range() {
        exactly(
            &retrier(r#""MaxAttempts":-1"#),
            &[(Rule::V507, E, "/States/T/Retry/0/MaxAttempts")],
        );
        for bad in ["100000000", "2.5", r#""3""#] {
            fires(
                &retrier(&format!(r#""MaxAttempts":{bad}"#)),
                Rule::V507,
                E,
                "/States/T/Retry/0/MaxAttempts",
            );
        }
    }

    #[test]
    fn v507_near_miss() {
        clean(&retrier(r#""MaxAttempts":0"#));
        clean(&retrier(r#""MaxAttempts":99999999"#));
    }

    #[test]
    fn v508_backoff_rate_below_one() {
        exactly(
            &retrier(r#""BackoffRate":0.5"#),
            &[(Rule::V508, E, "/States/T/Retry/0/BackoffRate")],
        );
        for bad in ["0", "-2", "0.999", r#""2""#] {
            fires(
                &retrier(&format!(r#""BackoffRate":{bad}"#)),
                Rule::V508,
                E,
                "/States/T/Retry/0/BackoffRate",
            );
        }
    }

    #[test]
    fn v508_near_miss() {
        clean(&retrier(r#""BackoffRate":1"#));
        clean(&retrier(r#""BackoffRate":1.0"#));
        clean(&retrier(r#""BackoffRate":2.5"#));
    }

    #[test]
    fn v509_max_delay_seconds_range() {
        exactly(
            &retrier(r#""MaxDelaySeconds":31622401"#),
            &[(Rule::V509, E, "/States/T/Retry/0/MaxDelaySeconds")],
        );
        for bad in ["0", "-5", "1.5", r#""10""#] {
            fires(
                &retrier(&format!(r#""MaxDelaySeconds":{bad}"#)),
                Rule::V509,
                E,
                "/States/T/Retry/0/MaxDelaySeconds",
            );
        }
        // An A/X rule.
        silent_in(
            &retrier(r#""MaxDelaySeconds":31622401"#),
            Profile::Spec,
            Rule::V509,
        );
    }

    #[test]
    fn v509_near_miss() {
        clean(&retrier(r#""MaxDelaySeconds":1"#));
        clean(&retrier(r#""MaxDelaySeconds":31622400"#));
    }

    #[test]
    fn v510_jitter_strategy_enum() {
        exactly(
            &retrier(r#""JitterStrategy":"full""#),
            &[(Rule::V510, E, "/States/T/Retry/0/JitterStrategy")],
        );
        for bad in [r#""RANDOM""#, r#""""#, "1", "true"] {
            fires(
                &retrier(&format!(r#""JitterStrategy":{bad}"#)),
                Rule::V510,
                E,
                "/States/T/Retry/0/JitterStrategy",
            );
        }
        silent_in(
            &retrier(r#""JitterStrategy":"full""#),
            Profile::Spec,
            Rule::V510,
        );
    }

    #[test]
    fn v510_near_miss() {
        clean(&retrier(r#""JitterStrategy":"FULL""#));
        clean(&retrier(r#""JitterStrategy":"NONE""#));
    }

    #[test]
    fn v511_unknown_retrier_field() {
        exactly(
            &retrier(r#""MaxAttempt":2"#),
            &[(Rule::V511, E, "/States/T/Retry/0")],
        );
        // A catcher's field on a retrier.
        fires(
            &retrier(r#""Next":"T""#),
            Rule::V511,
            E,
            "/States/T/Retry/0",
        );
        fires(
            &retrier(r#""ResultPath":"$.e""#),
            Rule::V511,
            E,
            "/States/T/Retry/0",
        );
    }

    #[test]
    fn v511_near_miss_every_retrier_field() {
        clean(&retrier(
            r#""IntervalSeconds":2,"MaxAttempts":5,"BackoffRate":1.5,"MaxDelaySeconds":30,"JitterStrategy":"FULL","Comment":"c""#,
        ));
    }

    #[test]
    fn v512_catcher_without_next() {
        let text = task_catch(r#"[{"ErrorEquals":["States.ALL"]}]"#);
        fires(&text, Rule::V512, E, "/States/T/Catch/0");
        assert_eq!(count(&text, Rule::V512), 1);
    }

    #[test]
    fn v512_near_miss() {
        silent(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#),
            Rule::V512,
        );
    }

    #[test]
    fn v513_unknown_catcher_field() {
        exactly(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done","MaxAttempts":1}]"#),
            &[(Rule::V513, E, "/States/T/Catch/0")],
        );
        fires(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done","Foo":1}]"#),
            Rule::V513,
            E,
            "/States/T/Catch/0",
        );
    }

    #[test]
    fn v513_near_miss_every_catcher_field() {
        clean(&task_catch(
            r#"[{"ErrorEquals":["States.ALL"],"Next":"Done","Comment":"c","ResultPath":"$.error","Assign":{"failed":true}}]"#,
        ));
        clean(
            r#"{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done","Comment":"c","Output":"{% $states.errorOutput %}","Assign":{"failed":true}}],"End":true},"Done":{"Type":"Succeed"}}}"#,
        );
        // A wrong-language member is V208/V209, not V513.
        silent(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done","Output":1}]"#),
            Rule::V513,
        );
    }

    #[test]
    fn v515_shadowed_error_is_a_warning() {
        exactly(
            &task_retry(r#"[{"ErrorEquals":["Custom"]},{"ErrorEquals":["Other","Custom"]}]"#),
            &[(Rule::V515, W, "/States/T/Retry/1/ErrorEquals")],
        );
        fires(
            &task_catch(
                r#"[{"ErrorEquals":["A","B"],"Next":"Done"},{"ErrorEquals":["C"],"Next":"Done"},{"ErrorEquals":["B"],"Next":"Done"}]"#,
            ),
            Rule::V515,
            W,
            "/States/T/Catch/2/ErrorEquals",
        );
        fires_in(
            &task_retry(r#"[{"ErrorEquals":["Custom"]},{"ErrorEquals":["Custom"]}]"#),
            Profile::AwsExpress,
            Rule::V515,
            W,
            "/States/T/Retry/1/ErrorEquals",
        );
        silent_in(
            &task_retry(r#"[{"ErrorEquals":["Custom"]},{"ErrorEquals":["Custom"]}]"#),
            Profile::Spec,
            Rule::V515,
        );
    }

    #[test]
    fn v515_near_miss() {
        clean(&task_retry(
            r#"[{"ErrorEquals":["A"]},{"ErrorEquals":["B"]}]"#,
        ));
        // The same name in Retry and Catch is the normal pattern.
        clean(
            r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Retry":[{"ErrorEquals":["E"]}],"Catch":[{"ErrorEquals":["E"],"Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}}}"#,
        );
        // Names are case-sensitive.
        clean(&task_retry(
            r#"[{"ErrorEquals":["custom"]},{"ErrorEquals":["Custom"]}]"#,
        ));
    }

    #[test]
    fn v516_states_runtime_is_a_warning() {
        exactly(
            &task_catch(r#"[{"ErrorEquals":["States.Runtime"],"Next":"Done"}]"#),
            &[(Rule::V516, W, "/States/T/Catch/0/ErrorEquals")],
        );
        fires(
            &task_retry(r#"[{"ErrorEquals":["E","States.Runtime"]}]"#),
            Rule::V516,
            W,
            "/States/T/Retry/0/ErrorEquals",
        );
        silent_in(
            &task_catch(r#"[{"ErrorEquals":["States.Runtime"],"Next":"Done"}]"#),
            Profile::Spec,
            Rule::V516,
        );
    }

    #[test]
    fn v516_near_miss() {
        silent(
            &task_catch(r#"[{"ErrorEquals":["States.ALL"],"Next":"Done"}]"#),
            Rule::V516,
        );
        silent(
            &task_retry(r#"[{"ErrorEquals":["States.RuntimeError"]}]"#),
            Rule::V516,
        );
    }
}

/// Harder cases across the families: nesting, document order, counting, interactions.
mod edges {
    use super::*;

    #[test]
    fn v105_v301_v309_targets_that_are_not_strings() {
        fires(
            r#"{"StartAt":null,"States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V105,
            E,
            "/StartAt",
        );
        fires(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":5},"B":{"Type":"Succeed"}}}"#,
            Rule::V301,
            E,
            "/States/A/Next",
        );
        fires(
            r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"X"}],"Default":["X"]},"X":{"Type":"Succeed"}}}"#,
            Rule::V301,
            E,
            "/States/C/Default",
        );
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":1,"States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#,
            Rule::V309,
            E,
            "/States/P/Branches/0/StartAt",
        );
    }

    #[test]
    fn v110_in_a_nested_state() {
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","QueryLanguage":"JSONATA","End":true}}}],"End":true}}}"#,
            Rule::V110,
            E,
            "/States/P/Branches/0/States/B/QueryLanguage",
        );
    }

    #[test]
    fn v203_counts_scalar_values_not_utf16_units() {
        // 80 astral characters are 160 UTF-16 code units and 320 bytes.
        let name = "😀".repeat(80);
        clean(&format!(
            r#"{{"StartAt":"{name}","States":{{"{name}":{{"Type":"Pass","End":true}}}}}}"#
        ));
        let name = "😀".repeat(81);
        fires(
            &format!(
                r#"{{"StartAt":"{name}","States":{{"{name}":{{"Type":"Pass","End":true}}}}}}"#
            ),
            Rule::V203,
            E,
            &format!("/States/{name}"),
        );
    }

    #[test]
    fn v204_second_occurrence_in_document_order() {
        // The branch's A comes first in the text; the top-level A is the second occurrence.
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"Next":"A"},"A":{"Type":"Succeed"}}}"#;
        fires(text, Rule::V204, E, "/States/A");
        assert_eq!(count(text, Rule::V204), 1);
    }

    #[test]
    fn v204_three_occurrences_give_two_findings() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}"#;
        fires(text, Rule::V204, E, "/States/P/Branches/1/States/B");
        fires(text, Rule::V204, E, "/States/P/Branches/2/States/B");
        assert_eq!(count(text, Rule::V204), 2);
    }

    #[test]
    fn v207_anywhere_in_a_jsonata_machine() {
        // Even inside a state that itself declares JSONata.
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}},"End":true}}}"#,
            Rule::V207,
            E,
            "/States/M/ItemProcessor/States/I",
        );
    }

    #[test]
    fn v208_v209_more_fields() {
        // Items (JSONata) on a JSONPath Map.
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","Items":[1,2],"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V208,
            E,
            "/States/M",
        );
        // ItemsPath (JSONPath) on a JSONata Map.
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V209,
            E,
            "/States/M",
        );
        // A rule-level Output in a JSONPath Choice.
        fires(
            &choice(r#"[{"Variable":"$.x","IsNull":true,"Output":1,"Next":"X"}]"#),
            Rule::V208,
            E,
            "/States/C",
        );
        // OutputPath on a JSONata Succeed.
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed","OutputPath":"$.a"}}}"#,
            Rule::V209,
            E,
            "/States/A",
        );
    }

    #[test]
    fn v305_between_two_map_processors() {
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"J"}}},"Next":"N"},"N":{"Type":"Map","ItemProcessor":{"StartAt":"J","States":{"J":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V305,
            E,
            "/States/M/ItemProcessor/States/I/Next",
        );
    }

    #[test]
    fn v306_v308_inside_a_map_processor() {
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true},"O":{"Type":"Pass","End":true}}},"End":true}}}"#,
            Rule::V306,
            E,
            "/States/M/ItemProcessor/States/O",
        );
        let trap = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"X"}],"Default":"L"},"X":{"Type":"Succeed"},"L":{"Type":"Pass","Next":"L"}}},"End":true}}}"#;
        exactly(trap, &[(Rule::V308, W, "/States/M/ItemProcessor/States/L")]);
    }

    #[test]
    fn v308_not_reported_together_with_v307() {
        // With no terminal at all the container is V307; every state "cannot reach a terminal"
        // but that is the same finding.
        let text = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#;
        silent(text, Rule::V308);
    }

    #[test]
    fn v404_v406_v409_v410_in_nested_rules() {
        fires(
            &choice(
                r#"[{"Or":[{"Variable":"$.x","IsNull":true},{"Variable":"$.y","StringMatches":"a\\b"}],"Next":"X"}]"#,
            ),
            Rule::V410,
            W,
            "/States/C/Choices/0/Or/1/StringMatches",
        );
        let text = choice(r#"[{"Not":{"Variable":"$.x","StringEqual":"a"},"Next":"X"}]"#);
        fires(&text, Rule::V406, E, "/States/C/Choices/0/Not");
        fires(
            &choice(
                r#"[{"And":[{"Variable":"$.x","IsNull":true}],"Next":"X"},{"Variable":"$.y","BooleanEqualsPath":"nope","Next":"X"}]"#,
            ),
            Rule::V409,
            E,
            "/States/C/Choices/1/BooleanEqualsPath",
        );
    }

    #[test]
    fn v408_impossible_dates_and_lowercase() {
        for literal in [
            "2024-02-30T00:00:00Z",
            "2024-01-01T25:00:00Z",
            "2024-01-01t00:00:00Z",
            "2024-01-01T00:00:00z",
            "05-12-2016T21:29:29Z",
        ] {
            fires(
                &choice(&format!(
                    r#"[{{"Variable":"$.t","TimestampLessThan":"{literal}","Next":"X"}}]"#
                )),
                Rule::V408,
                E,
                "/States/C/Choices/0/TimestampLessThan",
            );
        }
        silent(
            &choice(
                r#"[{"Variable":"$.t","TimestampLessThan":"2024-02-29T23:59:60Z","Next":"X"}]"#,
            ),
            Rule::V407,
        );
    }

    #[test]
    fn v412_jsonpath_members_in_a_jsonata_rule_are_v209() {
        let text = r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":true,"Variable":"$.x","Next":"X"}],"Default":"X"},"X":{"Type":"Succeed"}}}"#;
        fires(text, Rule::V209, E, "/States/C");
        silent(text, Rule::V412);
    }

    #[test]
    fn v5xx_in_a_branch_state() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["States.Runtime"],"MaxAttempts":-1}],"End":true}}}],"End":true}}}"#;
        fires(
            text,
            Rule::V504,
            E,
            "/States/P/Branches/0/States/T/Retry/0/ErrorEquals",
        );
        fires(
            text,
            Rule::V516,
            W,
            "/States/P/Branches/0/States/T/Retry/1/ErrorEquals",
        );
        fires(
            text,
            Rule::V507,
            E,
            "/States/P/Branches/0/States/T/Retry/1/MaxAttempts",
        );
        let report = check(text, Profile::Aws);
        let v507 = report
            .diagnostics()
            .iter()
            .find(|d| d.rule == Rule::V507)
            .unwrap();
        assert_eq!(v507.state.as_deref(), Some("T"));
    }

    #[test]
    fn v503_v504_on_parallel_and_map_catchers() {
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Catch":[{"ErrorEquals":["States.ALL","E"],"Next":"Z"}],"End":true},"Z":{"Type":"Succeed"}}}"#,
            Rule::V503,
            E,
            "/States/P/Catch/0/ErrorEquals",
        );
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["E"]}],"End":true}}}"#,
            Rule::V504,
            E,
            "/States/M/Retry/0/ErrorEquals",
        );
    }

    #[test]
    fn findings_name_their_state() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Z"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}}"#;
        let report = check(text, Profile::Aws);
        let v304 = report
            .diagnostics()
            .iter()
            .find(|d| d.rule == Rule::V304)
            .unwrap();
        assert_eq!(v304.state.as_deref(), Some("B"));
        let report = check(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#,
            Profile::Aws,
        );
        assert_eq!(report.diagnostics()[0].state, None);
    }
}

/// Duplicate JSON keys: V204 in a `States` object, a V101 warning anywhere else.
mod duplicate_keys {
    use super::*;

    #[test]
    fn duplicate_field_in_a_state_is_a_v101_warning() {
        let text = one(r#"{"Type":"Pass","End":true,"End":true}"#);
        exactly(&text, &[(Rule::V101, W, "/States/A/End")]);
    }

    #[test]
    fn duplicate_top_level_states_key_is_a_v101_warning() {
        let text = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}},"States":{"A":{"Type":"Pass","End":true}}}"#;
        fires(text, Rule::V101, W, "/States");
        silent(text, Rule::V204);
    }

    #[test]
    fn a_payload_member_named_states_is_not_a_states_object() {
        let text = one(r#"{"Type":"Pass","Result":{"States":{"k":1,"k":2}},"End":true}"#);
        exactly(&text, &[(Rule::V101, W, "/States/A/Result/States/k")]);
    }

    #[test]
    fn a_state_named_states_is_not_a_states_object() {
        let text =
            r#"{"StartAt":"States","States":{"States":{"Type":"Pass","End":true,"End":true}}}"#;
        exactly(text, &[(Rule::V101, W, "/States/States/End")]);
    }

    #[test]
    fn duplicate_state_name_pointer_is_escaped() {
        let text = r#"{"StartAt":"a/b","States":{"a/b":{"Type":"Pass","End":true},"a/b":{"Type":"Pass","End":true}}}"#;
        fires(text, Rule::V204, E, "/States/a~1b");
    }
}

/// Validator bugs this suite found, fixed since (kept as regressions).
mod fixed_regressions {
    use super::*;

    /// Rule V208 is reported at `…/States/<s>`, for a Choice rule's `Condition` too.
    #[test]
    fn v208_choice_rule_condition_is_reported_at_the_state() {
        fires(
            &choice(r#"[{"Condition":true,"Next":"X"}]"#),
            Rule::V208,
            E,
            "/States/C",
        );
    }

    /// Rule V209 is reported at `…/States/<s>`, for a Choice rule's `Variable` too.
    #[test]
    fn v209_choice_rule_variable_is_reported_at_the_state() {
        fires(
            r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEquals":"a","Next":"X"}],"Default":"X"},"X":{"Type":"Succeed"}}}"#,
            Rule::V209,
            E,
            "/States/C",
        );
    }

    /// Apart from the suppressions of V106 and V307, every rule is reported independently: a
    /// V302 state must not hide the graph findings of the rest of the definition.
    #[test]
    fn v302_does_not_hide_v306_elsewhere() {
        exactly(
            r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass"},"C":{"Type":"Succeed"}}}"#,
            &[(Rule::V302, E, "/States/B"), (Rule::V306, E, "/States/C")],
        );
    }
}

/// More validator bugs this suite found, fixed since: empty nested containers, V307 hiding
/// V309, V304/V305 by the innermost container, V502's location, `-0`.
mod fixed_regressions_2 {
    use super::*;

    /// Rule V502 is reported at `…/<Retry|Catch>/<i>/ErrorEquals`; the validator points at
    /// the offending entry (`…/ErrorEquals/1`) instead.
    #[test]
    fn v502_non_string_entry_is_reported_at_error_equals() {
        fires(
            &task_retry(r#"[{"ErrorEquals":["E",1]}]"#),
            Rule::V502,
            E,
            "/States/T/Retry/0/ErrorEquals",
        );
    }

    /// Rule V304 applies when the innermost container involved is a branch.
    /// A transition from a Map processor into a branch nested inside it involves the branch as
    /// the innermost container; the validator says V305 (it looks only at the source side).
    #[test]
    fn v304_from_a_processor_into_a_nested_branch() {
        fires(
            r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Next":"B"},"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}},"End":true}}}"#,
            Rule::V304,
            E,
            "/States/M/ItemProcessor/States/I/Next",
        );
    }

    /// The mirror case of V305: from a branch into a Map processor nested inside it.
    #[test]
    fn v305_from_a_branch_into_a_nested_processor() {
        fires(
            r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"I"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}],"End":true}}}"#,
            Rule::V305,
            E,
            "/States/P/Branches/0/States/B/Next",
        );
    }

    /// A branch with an empty `States` object gets no finding at all. Rule V309: its
    /// `StartAt` names no state of the container; V307: the container has no terminal state.
    #[test]
    fn empty_branch_states_is_v309_and_v307() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{}}],"End":true}}}"#;
        fires(text, Rule::V309, E, "/States/P/Branches/0/StartAt");
        fires(text, Rule::V307, E, "/States/P/Branches/0");
    }

    /// The same for a Map `ItemProcessor`.
    #[test]
    fn empty_item_processor_states_is_v309_and_v307() {
        let text = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{}},"End":true}}}"#;
        fires(text, Rule::V309, E, "/States/M/ItemProcessor/StartAt");
        fires(text, Rule::V307, E, "/States/M/ItemProcessor");
    }

    /// V307 suppresses only V306; everything else is reported independently. A branch with no
    /// terminal state and a bad `StartAt` gets V307 only.
    #[test]
    fn v307_does_not_hide_v309() {
        let text = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"Nope","States":{"B":{"Type":"Pass","Next":"B"}}}],"End":true}}}"#;
        fires(text, Rule::V307, E, "/States/P/Branches/0");
        fires(text, Rule::V309, E, "/States/P/Branches/0/StartAt");
    }

    /// Rule V108: `0` is a WARNING; JSON `-0` is the number 0, but it is reported as a
    /// negative value (ERROR). Minor.
    #[test]
    fn v108_minus_zero_is_zero() {
        fires(
            r#"{"TimeoutSeconds":-0,"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
            Rule::V108,
            W,
            "/TimeoutSeconds",
        );
    }
}
