//! Unit tests for the field-level rules V601–V953 (see `docs/rules.md`): for every rule, a
//! minimal definition that breaks exactly that rule and near-misses that must not raise it.

mod support;

use support::{findings, fires, fires_in, silent, silent_in};
use workflow_dsl::{Profile, Rule, Severity, check};

/// A one-state machine whose only state `S` is `state` (a JSON object text).
fn one(state: &str) -> String {
    format!(r#"{{"StartAt":"S","States":{{"S":{state}}}}}"#)
}

/// A one-state JSONata machine whose only state `S` is `state`.
fn one_jsonata(state: &str) -> String {
    format!(r#"{{"QueryLanguage":"JSONata","StartAt":"S","States":{{"S":{state}}}}}"#)
}

use Severity::{Error as E, Warning as W};

/// Asserts that `rule` fires with `severity` somewhere under `profile` (for findings whose
/// pointer the rule does not fix).
#[track_caller]
fn fires_any_in(json: &str, profile: Profile, rule: Rule, severity: Severity) {
    let all = findings(json, profile);
    assert!(
        all.iter().any(|(r, s, _)| *r == rule && *s == severity),
        "expected {rule:?} {severity:?} under {profile:?}, got {all:#?}\nfor {json}"
    );
}

/// A one-state machine whose only state `S` is a Map with `fields` (members followed by a
/// comma, or nothing) and a one-Pass processor; `config` is the processor's `ProcessorConfig`
/// members (empty for none).
fn map_with(fields: &str, config: &str) -> String {
    let config = if config.is_empty() {
        String::new()
    } else {
        format!(r#""ProcessorConfig":{{{config}}},"#)
    };
    one(&format!(
        r#"{{"Type":"Map",{fields}"ItemProcessor":{{{config}"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
    ))
}

/// An inline Map (no `ProcessorConfig`) with `fields`.
fn inline_map(fields: &str) -> String {
    map_with(fields, "")
}

/// A DISTRIBUTED Map (STANDARD children) with `fields`.
fn distributed_map(fields: &str) -> String {
    map_with(fields, r#""Mode":"DISTRIBUTED","ExecutionType":"STANDARD""#)
}

mod map_parallel {
    use super::*;

    #[test]
    fn v601_empty_branches() {
        let json = one(r#"{"Type":"Parallel","Branches":[],"End":true}"#);
        fires(&json, Rule::V601, E, "/States/S/Branches");
    }

    #[test]
    fn v601_one_branch_is_fine() {
        let json = one(
            r#"{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}"#,
        );
        silent(&json, Rule::V601);
        assert!(findings(&json, Profile::Aws).is_empty());
    }

    const PROC: &str =
        r#""ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;
    const ITER: &str = r#""Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;

    #[test]
    fn v601_branches_missing_or_not_array() {
        fires_any_in(
            &one(r#"{"Type":"Parallel","End":true}"#),
            Profile::Aws,
            Rule::V601,
            E,
        );
        fires(
            &one(r#"{"Type":"Parallel","Branches":{},"End":true}"#),
            Rule::V601,
            E,
            "/States/S/Branches",
        );
        fires_in(
            &one(r#"{"Type":"Parallel","Branches":[],"End":true}"#),
            Profile::Spec,
            Rule::V601,
            E,
            "/States/S/Branches",
        );
    }

    #[test]
    fn v603_both_or_neither_processor() {
        let both = one(&format!(r#"{{"Type":"Map",{PROC},{ITER},"End":true}}"#));
        fires(&both, Rule::V603, E, "/States/S");
        let neither = one(r#"{"Type":"Map","End":true}"#);
        fires(&neither, Rule::V603, E, "/States/S");
    }

    #[test]
    fn v603_one_of_them_is_fine() {
        silent(
            &one(&format!(r#"{{"Type":"Map",{PROC},"End":true}}"#)),
            Rule::V603,
        );
        silent(
            &one(&format!(r#"{{"Type":"Map",{ITER},"End":true}}"#)),
            Rule::V603,
        );
    }

    #[test]
    fn v604_bad_mode_and_execution_type() {
        fires(
            &map_with("", r#""Mode":"PARALLEL""#),
            Rule::V604,
            E,
            "/States/S/ItemProcessor/ProcessorConfig/Mode",
        );
        fires(
            &map_with("", r#""Mode":"DISTRIBUTED","ExecutionType":"FAST""#),
            Rule::V604,
            E,
            "/States/S/ItemProcessor/ProcessorConfig/ExecutionType",
        );
        fires_any_in(
            &map_with("", r#""Mode":"INLINE","Extra":1"#),
            Profile::Aws,
            Rule::V604,
            E,
        );
    }

    #[test]
    fn v604_valid_configs_and_spec_profile() {
        silent(&map_with("", r#""Mode":"INLINE""#), Rule::V604);
        silent(
            &map_with("", r#""Mode":"DISTRIBUTED","ExecutionType":"EXPRESS""#),
            Rule::V604,
        );
        silent(&distributed_map(""), Rule::V604);
        // V604 is an `aws` rule only.
        silent_in(
            &map_with("", r#""Mode":"PARALLEL""#),
            Profile::Spec,
            Rule::V604,
        );
    }

    #[test]
    fn v605_distributed_without_execution_type() {
        fires(
            &map_with("", r#""Mode":"DISTRIBUTED""#),
            Rule::V605,
            E,
            "/States/S/ItemProcessor/ProcessorConfig",
        );
    }

    #[test]
    fn v605_inline_needs_no_execution_type() {
        silent(&map_with("", r#""Mode":"INLINE""#), Rule::V605);
        silent(&distributed_map(""), Rule::V605);
    }

    #[test]
    fn v607_distributed_only_fields_on_inline_map_warn() {
        let reader = r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"}},"#;
        fires(&inline_map(reader), Rule::V607, W, "/States/S/ItemReader");
        fires(
            &inline_map(r#""Label":"L","#),
            Rule::V607,
            W,
            "/States/S/Label",
        );
        fires(
            &inline_map(r#""ToleratedFailureCount":1,"#),
            Rule::V607,
            W,
            "/States/S/ToleratedFailureCount",
        );
        fires(
            &inline_map(r#""ToleratedFailurePercentage":5,"#),
            Rule::V607,
            W,
            "/States/S/ToleratedFailurePercentage",
        );
        fires(
            &inline_map(r#""ItemBatcher":{"MaxItemsPerBatch":2},"#),
            Rule::V607,
            W,
            "/States/S/ItemBatcher",
        );
        fires(
            &inline_map(
                r#""ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"COMPACT"}},"#,
            ),
            Rule::V607,
            W,
            "/States/S/ResultWriter",
        );
        // An explicit INLINE mode is the same.
        fires(
            &map_with(r#""Label":"L","#, r#""Mode":"INLINE""#),
            Rule::V607,
            W,
            "/States/S/Label",
        );
    }

    #[test]
    fn v607_silent_on_distributed_map() {
        let fields = r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"}},"Label":"L","ToleratedFailureCount":1,"ToleratedFailurePercentage":5,"ItemBatcher":{"MaxItemsPerBatch":2},"ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"COMPACT"}},"#;
        let json = distributed_map(fields);
        silent(&json, Rule::V607);
        assert_eq!(findings(&json, Profile::Aws), vec![]);
        // A warning of the `aws` profile only.
        silent_in(&inline_map(r#""Label":"L","#), Profile::Spec, Rule::V607);
    }

    #[test]
    fn v608_bad_item_reader() {
        fires(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Key":"k"}},"#,
            ),
            Rule::V608,
            E,
            "/States/S/ItemReader/Resource",
        );
        fires_any_in(
            &distributed_map(r#""ItemReader":{"Parameters":{"Bucket":"b","Key":"k"}},"#),
            Profile::Aws,
            Rule::V608,
            E,
        );
        fires(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":{"InputType":"XML"}},"#,
            ),
            Rule::V608,
            E,
            "/States/S/ItemReader/ReaderConfig/InputType",
        );
    }

    #[test]
    fn v608_valid_readers() {
        silent(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","CSVDelimiter":"PIPE"}},"#,
            ),
            Rule::V608,
        );
        silent(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b","Prefix":"p"}},"#,
            ),
            Rule::V608,
        );
    }

    fn reader(config: &str) -> String {
        distributed_map(&format!(
            r#""ItemReader":{{"Resource":"arn:aws:states:::s3:getObject","Parameters":{{"Bucket":"b","Key":"k"}},"ReaderConfig":{{"InputType":"JSON",{config}}}}},"#
        ))
    }

    const MAX_ITEMS: &str = "/States/S/ItemReader/ReaderConfig/MaxItems";

    #[test]
    fn v609_max_items_zero_is_a_warning() {
        fires(&reader(r#""MaxItems":0"#), Rule::V609, W, MAX_ITEMS);
        let all = findings(&reader(r#""MaxItems":0"#), Profile::Aws);
        assert!(all.iter().all(|(_, s, _)| *s == W), "{all:?}");
    }

    #[test]
    fn v609_max_items_out_of_range_is_an_error() {
        fires(&reader(r#""MaxItems":100000001"#), Rule::V609, E, MAX_ITEMS);
        fires(&reader(r#""MaxItems":-1"#), Rule::V609, E, MAX_ITEMS);
        fires(&reader(r#""MaxItems":2.5"#), Rule::V609, E, MAX_ITEMS);
        fires_any_in(
            &reader(r#""MaxItems":5,"MaxItemsPath":"$.n""#),
            Profile::Aws,
            Rule::V609,
            E,
        );
    }

    #[test]
    fn v609_max_items_in_range() {
        silent(&reader(r#""MaxItems":1"#), Rule::V609);
        silent(&reader(r#""MaxItems":100000000"#), Rule::V609);
        silent(&reader(r#""MaxItemsPath":"$.n""#), Rule::V609);
    }

    #[test]
    fn v610_bad_item_batcher() {
        fires(
            &distributed_map(r#""ItemBatcher":{},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher",
        );
        fires(
            &distributed_map(r#""ItemBatcher":{"BatchInput":{"a":1}},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher",
        );
        fires(
            &distributed_map(r#""ItemBatcher":{"MaxInputBytesPerBatch":262145},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher/MaxInputBytesPerBatch",
        );
        fires(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":0},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher/MaxItemsPerBatch",
        );
        fires_any_in(
            &distributed_map(
                r#""ItemBatcher":{"MaxItemsPerBatch":2,"MaxItemsPerBatchPath":"$.n"},"#,
            ),
            Profile::Aws,
            Rule::V610,
            E,
        );
        fires_any_in(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":2,"Size":3},"#),
            Profile::Aws,
            Rule::V610,
            E,
        );
    }

    #[test]
    fn v610_valid_batchers() {
        silent(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":10},"#),
            Rule::V610,
        );
        silent(
            &distributed_map(
                r#""ItemBatcher":{"MaxInputBytesPerBatch":262144,"BatchInput":{"k.$":"$.k"}},"#,
            ),
            Rule::V610,
        );
        silent(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatchPath":"$.n"},"#),
            Rule::V610,
        );
    }

    #[test]
    fn v611_bad_result_writer() {
        fires(
            &distributed_map(r#""ResultWriter":{},"#),
            Rule::V611,
            E,
            "/States/S/ResultWriter",
        );
        fires(
            &distributed_map(
                r#""ResultWriter":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Prefix":"p"}},"#,
            ),
            Rule::V611,
            E,
            "/States/S/ResultWriter/Resource",
        );
        fires(
            &distributed_map(
                r#""ResultWriter":{"WriterConfig":{"OutputType":"CSV","Transformation":"NONE"}},"#,
            ),
            Rule::V611,
            E,
            "/States/S/ResultWriter/WriterConfig/OutputType",
        );
        fires(
            &distributed_map(
                r#""ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"SQUASH"}},"#,
            ),
            Rule::V611,
            E,
            "/States/S/ResultWriter/WriterConfig/Transformation",
        );
        fires_any_in(
            &distributed_map(r#""ResultWriter":{"Parameters":{"Bucket":"b","Prefix":"p"}},"#),
            Profile::Aws,
            Rule::V611,
            E,
        );
    }

    #[test]
    fn v611_valid_writers() {
        silent(
            &distributed_map(
                r#""ResultWriter":{"WriterConfig":{"OutputType":"JSONL","Transformation":"FLATTEN"}},"#,
            ),
            Rule::V611,
        );
        silent(
            &distributed_map(
                r#""ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Prefix":"p"}},"#,
            ),
            Rule::V611,
        );
    }

    #[test]
    fn v612_tolerated_failures_out_of_range() {
        fires(
            &distributed_map(r#""ToleratedFailurePercentage":101,"#),
            Rule::V612,
            E,
            "/States/S/ToleratedFailurePercentage",
        );
        fires(
            &distributed_map(r#""ToleratedFailurePercentage":-0.5,"#),
            Rule::V612,
            E,
            "/States/S/ToleratedFailurePercentage",
        );
        fires(
            &distributed_map(r#""ToleratedFailureCount":-1,"#),
            Rule::V612,
            E,
            "/States/S/ToleratedFailureCount",
        );
        fires(
            &distributed_map(r#""ToleratedFailureCount":1.5,"#),
            Rule::V612,
            E,
            "/States/S/ToleratedFailureCount",
        );
        fires_any_in(
            &distributed_map(r#""ToleratedFailureCount":1,"ToleratedFailureCountPath":"$.n","#),
            Profile::Aws,
            Rule::V612,
            E,
        );
        fires_in(
            &distributed_map(r#""ToleratedFailurePercentage":101,"#),
            Profile::Spec,
            Rule::V612,
            E,
            "/States/S/ToleratedFailurePercentage",
        );
    }

    #[test]
    fn v612_fractions_and_bounds_accepted() {
        silent(
            &distributed_map(r#""ToleratedFailurePercentage":12.5,"#),
            Rule::V612,
        );
        silent(
            &distributed_map(r#""ToleratedFailurePercentage":100,"ToleratedFailureCount":0,"#),
            Rule::V612,
        );
        silent(
            &distributed_map(
                r#""ToleratedFailurePercentagePath":"$.p","ToleratedFailureCountPath":"$.c","#,
            ),
            Rule::V612,
        );
        let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Map","ToleratedFailurePercentage":"{% $states.input.p %}","ToleratedFailureCount":"{% 3 %}","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#;
        silent(jsonata, Rule::V612);
    }

    #[test]
    fn v613_bad_max_concurrency() {
        fires(
            &inline_map(r#""MaxConcurrency":-1,"#),
            Rule::V613,
            E,
            "/States/S/MaxConcurrency",
        );
        fires(
            &inline_map(r#""MaxConcurrency":2.5,"#),
            Rule::V613,
            E,
            "/States/S/MaxConcurrency",
        );
        // Like V711/V713, a literal-and-path conflict points at the object holding both.
        fires(
            &inline_map(r#""MaxConcurrency":2,"MaxConcurrencyPath":"$.n","#),
            Rule::V613,
            E,
            "/States/S",
        );
    }

    #[test]
    fn v613_valid_max_concurrency() {
        silent(&inline_map(r#""MaxConcurrency":0,"#), Rule::V613);
        silent(&inline_map(r#""MaxConcurrency":40,"#), Rule::V613);
        silent(&inline_map(r#""MaxConcurrencyPath":"$.n","#), Rule::V613);
        let jsonata = one_jsonata(
            r#"{"Type":"Map","MaxConcurrency":"{% $states.input.n %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
        );
        silent(&jsonata, Rule::V613);
    }

    #[test]
    fn v614_bad_labels() {
        for label in [
            "has space",
            "a?b",
            "a*b",
            "a{b",
            "a[b",
            "a<b",
            "a:b",
            "a;b",
            "a,b",
            "a|b",
            "a^b",
            "a~b",
            "a$b",
            "a#b",
            "a%b",
            "a&b",
            "a`b",
            r"a\\b",
            r#"a\"b"#,
            r"a\tb",
            r"a\u0007b",
            "",
            "abcdefghijabcdefghijabcdefghijabcdefghijX",
        ] {
            fires(
                &distributed_map(&format!(r#""Label":"{label}","#)),
                Rule::V614,
                E,
                "/States/S/Label",
            );
        }
    }

    #[test]
    fn v614_good_labels() {
        for label in [
            "L",
            "my-label_1.v2",
            "abcdefghijabcdefghijabcdefghijabcdefghij",
            "étiquette",
        ] {
            silent(
                &distributed_map(&format!(r#""Label":"{label}","#)),
                Rule::V614,
            );
        }
    }

    fn two_maps(first: &str, second: &str) -> String {
        let map = |label: &str, next: &str| {
            format!(
                r#"{{"Type":"Map","Label":"{label}","ItemProcessor":{{"ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},{next}}}"#
            )
        };
        format!(
            r#"{{"StartAt":"A","States":{{"A":{},"B":{}}}}}"#,
            map(first, r#""Next":"B""#),
            map(second, r#""End":true"#)
        )
    }

    #[test]
    fn v615_duplicate_labels() {
        fires(&two_maps("L", "L"), Rule::V615, E, "/States/B/Label");
    }

    #[test]
    fn v615_distinct_labels() {
        silent(&two_maps("L1", "L2"), Rule::V615);
    }

    #[test]
    fn v616_parameters_and_item_selector() {
        fires(
            &inline_map(r#""Parameters":{"a.$":"$.a"},"ItemSelector":{"b.$":"$.b"},"#),
            Rule::V616,
            E,
            "/States/S",
        );
    }

    #[test]
    fn v616_one_of_them_is_fine() {
        silent(&inline_map(r#""Parameters":{"a.$":"$.a"},"#), Rule::V616);
        silent(&inline_map(r#""ItemSelector":{"b.$":"$.b"},"#), Rule::V616);
    }

    fn jsonata_map(items: &str) -> String {
        one_jsonata(&format!(
            r#"{{"Type":"Map","Items":{items},"ItemProcessor":{{"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    }

    #[test]
    fn v617_items_not_array_or_jsonata() {
        fires(&jsonata_map(r#"{"a":1}"#), Rule::V617, E, "/States/S/Items");
        fires(&jsonata_map("3"), Rule::V617, E, "/States/S/Items");
        fires(&jsonata_map(r#""plain""#), Rule::V617, E, "/States/S/Items");
    }

    #[test]
    fn v617_array_or_jsonata_items() {
        silent(&jsonata_map("[1,2,3]"), Rule::V617);
        silent(&jsonata_map(r#""{% $states.input.items %}""#), Rule::V617);
        silent(&jsonata_map(r#"["{% 1 %}",{"a":2}]"#), Rule::V617);
    }
}

mod wait_task_pass_fail {
    use super::*;

    fn wait(fields: &str) -> String {
        one(&format!(r#"{{"Type":"Wait",{fields}"End":true}}"#))
    }

    fn wait_jsonata(fields: &str) -> String {
        one_jsonata(&format!(r#"{{"Type":"Wait",{fields}"End":true}}"#))
    }

    fn task(fields: &str) -> String {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{fields}"End":true}}"#
        ))
    }

    fn task_jsonata(fields: &str) -> String {
        one_jsonata(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{fields}"End":true}}"#
        ))
    }

    fn resource(arn: &str) -> String {
        one(&format!(
            r#"{{"Type":"Task","Resource":"{arn}","End":true}}"#
        ))
    }

    fn fail(fields: &str) -> String {
        one(&format!(r#"{{"Type":"Fail"{fields}}}"#))
    }

    #[test]
    fn v701_no_or_two_duration_fields() {
        fires(&wait(""), Rule::V701, E, "/States/S");
        fires(
            &wait(r#""Seconds":5,"Timestamp":"2024-01-01T00:00:00Z","#),
            Rule::V701,
            E,
            "/States/S",
        );
        fires(
            &wait(r#""Seconds":5,"SecondsPath":"$.s","#),
            Rule::V701,
            E,
            "/States/S",
        );
        fires(
            &wait(r#""TimestampPath":"$.t","SecondsPath":"$.s","#),
            Rule::V701,
            E,
            "/States/S",
        );
        fires(&wait_jsonata(""), Rule::V701, E, "/States/S");
        fires_in(&wait(""), Profile::Spec, Rule::V701, E, "/States/S");
    }

    #[test]
    fn v701_exactly_one_is_fine() {
        for fields in [
            r#""Seconds":5,"#,
            r#""Timestamp":"2024-01-01T00:00:00Z","#,
            r#""SecondsPath":"$.s","#,
            r#""TimestampPath":"$.t","#,
        ] {
            silent(&wait(fields), Rule::V701);
        }
        silent(&wait_jsonata(r#""Seconds":"{% 3 %}","#), Rule::V701);
    }

    #[test]
    fn v702_bad_seconds() {
        for value in ["-1", "1.5", "100000000", r#""10""#] {
            fires(
                &wait(&format!(r#""Seconds":{value},"#)),
                Rule::V702,
                E,
                "/States/S/Seconds",
            );
        }
    }

    #[test]
    fn v702_good_seconds() {
        silent(&wait(r#""Seconds":0,"#), Rule::V702);
        silent(&wait(r#""Seconds":99999999,"#), Rule::V702);
        silent(
            &wait_jsonata(r#""Seconds":"{% $states.input.s %}","#),
            Rule::V702,
        );
    }

    #[test]
    fn v703_bad_timestamps() {
        for value in [
            "2024-01-01",
            "2024-01-01T00:00:00",
            "2024-02-30T00:00:00Z",
            "2024-01-01T25:00:00Z",
            "2024-13-01T00:00:00Z",
            "yesterday",
        ] {
            fires(
                &wait(&format!(r#""Timestamp":"{value}","#)),
                Rule::V703,
                E,
                "/States/S/Timestamp",
            );
        }
    }

    #[test]
    fn v703_jsonata_text_in_jsonpath_state_is_a_literal() {
        fires(
            &wait(r#""Timestamp":"{% $now() %}","#),
            Rule::V703,
            E,
            "/States/S/Timestamp",
        );
        // The same text in a JSONata state is an expression.
        silent(&wait_jsonata(r#""Timestamp":"{% $now() %}","#), Rule::V703);
    }

    #[test]
    fn v703_good_timestamps() {
        for value in [
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.123+02:00",
            "2024-02-29T23:59:59-05:30",
        ] {
            silent(&wait(&format!(r#""Timestamp":"{value}","#)), Rule::V703);
        }
        silent(
            &wait_jsonata(r#""Timestamp":"2024-01-01T00:00:00Z","#),
            Rule::V703,
        );
    }

    #[test]
    fn v704_task_without_string_resource() {
        fires(
            &one(r#"{"Type":"Task","End":true}"#),
            Rule::V704,
            E,
            "/States/S",
        );
        fires(
            &one(r#"{"Type":"Task","Resource":5,"End":true}"#),
            Rule::V704,
            E,
            "/States/S/Resource",
        );
    }

    #[test]
    fn v704_resource_present() {
        silent(&resource("arn:aws:states:::lambda:invoke"), Rule::V704);
    }

    #[test]
    fn v705_not_an_arn_under_aws() {
        fires(&resource("not a uri"), Rule::V705, E, "/States/S/Resource");
        fires(
            &resource("urn:example:worker"),
            Rule::V705,
            E,
            "/States/S/Resource",
        );
        fires(
            &resource("https://example.com/worker"),
            Rule::V705,
            E,
            "/States/S/Resource",
        );
        fires_in(
            &resource("not a uri"),
            Profile::Spec,
            Rule::V705,
            E,
            "/States/S/Resource",
        );
    }

    #[test]
    fn v705_spec_accepts_any_uri() {
        silent_in(&resource("urn:example:worker"), Profile::Spec, Rule::V705);
        silent_in(
            &resource("https://example.com/worker"),
            Profile::Spec,
            Rule::V705,
        );
    }

    #[test]
    fn v705_recognised_arns() {
        for arn in [
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "arn:aws:lambda:us-east-1:123456789012:function:f:prod",
            "arn:aws:states:us-east-1:123456789012:activity:a",
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::aws-sdk:s3:listBuckets",
            "arn:aws:states:::http:invoke",
            "arn:aws-us-gov:states:::lambda:invoke",
        ] {
            let json = resource(arn);
            silent(&json, Rule::V705);
            // A callback Task without `Parameters` cannot pass its token (V722).
            let expected = match arn.ends_with(".waitForTaskToken") {
                true => vec![(Rule::V722, W, "/States/S/Resource".to_owned())],
                false => vec![],
            };
            assert_eq!(findings(&json, Profile::Aws), expected, "{arn}");
        }
    }

    #[test]
    fn v722_a_callback_task_passes_its_token() {
        let callback = |task: &str| {
            format!(
                r#"{{"StartAt": "S", "States": {{"S": {{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", {task}, "End": true}}}}}}"#
            )
        };
        let without =
            callback(r#""Parameters": {"QueueUrl": "q", "MessageBody": {"id.$": "$.id"}}"#);
        fires(&without, Rule::V722, W, "/States/S/Parameters");
        // A token written without `.$` is text, not the token (that is V720's warning).
        let literal = callback(
            r#""Parameters": {"QueueUrl": "q", "MessageBody": {"token": "$$.Task.Token"}}"#,
        );
        fires(&literal, Rule::V722, W, "/States/S/Parameters");
        for passes in [
            r#""Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}"#,
            r#""Parameters": {"QueueUrl": "q", "MessageBody.$": "States.JsonToString($$.Task.Token)"}"#,
        ] {
            silent(&callback(passes), Rule::V722);
        }
        let jsonata = r#"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess.waitForTaskToken", "Arguments": {"Output": "{}", "TaskToken": "{% $states.context.Task.Token %}"}, "End": true}}}"#;
        silent(jsonata, Rule::V722);
        let jsonata_without = jsonata.replace("{% $states.context.Task.Token %}", "t");
        fires(&jsonata_without, Rule::V722, W, "/States/S/Arguments");
        // Only callbacks: a request-response Task needs no token.
        silent(&resource("arn:aws:states:::sqs:sendMessage"), Rule::V722);
    }

    #[test]
    fn v706_elided_arn_is_a_warning() {
        let json = resource("arn:aws:lambda:...:function:X");
        fires(&json, Rule::V706, W, "/States/S/Resource");
        fires_in(&json, Profile::Spec, Rule::V706, W, "/States/S/Resource");
        silent(&json, Rule::V705);
        let all = findings(&json, Profile::Aws);
        assert!(all.iter().all(|(_, s, _)| *s == W), "{all:?}");
    }

    #[test]
    fn v706_complete_arn_is_silent() {
        silent(
            &resource("arn:aws:lambda:us-east-1:123456789012:function:X"),
            Rule::V706,
        );
    }

    #[test]
    fn v707_unknown_optimized_integration() {
        let json = resource("arn:aws:states:::dynamodb:query");
        fires(&json, Rule::V707, E, "/States/S/Resource");
        let report = check(&json, Profile::Aws);
        let finding = report
            .diagnostics()
            .iter()
            .find(|d| d.rule == Rule::V707)
            .unwrap();
        let aws = finding.aws_message.as_deref().unwrap_or_default();
        assert!(
            aws.contains("The resource provided arn:aws:states:::dynamodb:query is not recognized"),
            "{aws:?}"
        );
        assert_eq!(finding.state.as_deref(), Some("S"));
        silent_in(&json, Profile::Spec, Rule::V707);
    }

    #[test]
    fn v707_known_integrations() {
        for arn in [
            "arn:aws:states:::dynamodb:getItem",
            "arn:aws:states:::dynamodb:putItem",
            "arn:aws:states:::aws-sdk:dynamodb:query",
            "arn:aws:states:::sns:publish",
            "arn:aws:states:::states:startExecution.sync:2",
        ] {
            silent(&resource(arn), Rule::V707);
        }
    }

    #[test]
    fn v708_bad_suffix() {
        for arn in [
            "arn:aws:states:::lambda:invoke.async",
            "arn:aws:states:::states:startExecution.sync:3",
            "arn:aws:states:::sqs:sendMessage.waitForToken",
        ] {
            fires(&resource(arn), Rule::V708, E, "/States/S/Resource");
        }
    }

    #[test]
    fn v708_valid_suffixes() {
        for arn in [
            "arn:aws:states:::states:startExecution.sync",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::batch:submitJob.sync",
        ] {
            silent(&resource(arn), Rule::V708);
        }
    }

    #[test]
    fn v710_timeout_out_of_range() {
        for value in ["0", "100000000", "1.5", "-5"] {
            fires(
                &task(&format!(r#""TimeoutSeconds":{value},"#)),
                Rule::V710,
                E,
                "/States/S/TimeoutSeconds",
            );
        }
    }

    #[test]
    fn v710_timeout_in_range() {
        silent(&task(r#""TimeoutSeconds":1,"#), Rule::V710);
        silent(&task(r#""TimeoutSeconds":99999999,"#), Rule::V710);
        silent(
            &task_jsonata(r#""TimeoutSeconds":"{% $states.input.t %}","#),
            Rule::V710,
        );
    }

    #[test]
    fn v711_timeout_and_path() {
        fires(
            &task(r#""TimeoutSeconds":10,"TimeoutSecondsPath":"$.t","#),
            Rule::V711,
            E,
            "/States/S",
        );
        silent(&task(r#""TimeoutSecondsPath":"$.t","#), Rule::V711);
        silent(&task(r#""TimeoutSeconds":10,"#), Rule::V711);
    }

    #[test]
    fn v712_heartbeat_out_of_range() {
        for value in ["0", "100000000", "2.5"] {
            fires(
                &task(&format!(r#""HeartbeatSeconds":{value},"#)),
                Rule::V712,
                E,
                "/States/S/HeartbeatSeconds",
            );
        }
    }

    #[test]
    fn v712_heartbeat_in_range() {
        silent(&task(r#""HeartbeatSeconds":1,"#), Rule::V712);
        silent(&task(r#""HeartbeatSeconds":99999998,"#), Rule::V712);
        silent(
            &task_jsonata(r#""HeartbeatSeconds":"{% 5 %}","#),
            Rule::V712,
        );
    }

    #[test]
    fn v713_heartbeat_and_path() {
        fires(
            &task(r#""HeartbeatSeconds":10,"HeartbeatSecondsPath":"$.h","#),
            Rule::V713,
            E,
            "/States/S",
        );
        silent(&task(r#""HeartbeatSecondsPath":"$.h","#), Rule::V713);
    }

    #[test]
    fn v714_heartbeat_not_below_timeout() {
        fires(
            &task(r#""TimeoutSeconds":10,"HeartbeatSeconds":10,"#),
            Rule::V714,
            E,
            "/States/S/HeartbeatSeconds",
        );
        fires(
            &task(r#""TimeoutSeconds":10,"HeartbeatSeconds":20,"#),
            Rule::V714,
            E,
            "/States/S/HeartbeatSeconds",
        );
    }

    #[test]
    fn v714_only_with_both_literals() {
        silent(
            &task(r#""TimeoutSeconds":10,"HeartbeatSeconds":9,"#),
            Rule::V714,
        );
        silent(
            &task(r#""TimeoutSecondsPath":"$.t","HeartbeatSeconds":20,"#),
            Rule::V714,
        );
        silent(
            &task(r#""TimeoutSeconds":10,"HeartbeatSecondsPath":"$.h","#),
            Rule::V714,
        );
        silent(
            &task_jsonata(r#""TimeoutSeconds":"{% 10 %}","HeartbeatSeconds":20,"#),
            Rule::V714,
        );
    }

    #[test]
    fn v715_credentials_without_role_arn() {
        fires(
            &task(r#""Credentials":{},"#),
            Rule::V715,
            E,
            "/States/S/Credentials",
        );
        fires(
            &task(r#""Credentials":{"Role":"arn:aws:iam::123456789012:role/r"},"#),
            Rule::V715,
            E,
            "/States/S/Credentials",
        );
        silent_in(&task(r#""Credentials":{},"#), Profile::Spec, Rule::V715);
    }

    #[test]
    fn v715_credentials_with_role_arn() {
        silent(
            &task(r#""Credentials":{"RoleArn":"arn:aws:iam::123456789012:role/r"},"#),
            Rule::V715,
        );
        silent(
            &task(r#""Credentials":{"RoleArn.$":"$.role"},"#),
            Rule::V715,
        );
        silent(
            &task_jsonata(r#""Credentials":{"RoleArn":"{% $states.input.role %}"},"#),
            Rule::V715,
        );
    }

    #[test]
    fn v716_error_or_cause_twice() {
        fires(
            &fail(r#","Error":"E","ErrorPath":"$.e""#),
            Rule::V716,
            E,
            "/States/S",
        );
        fires(
            &fail(r#","Cause":"C","CausePath":"$.c""#),
            Rule::V716,
            E,
            "/States/S",
        );
    }

    #[test]
    fn v716_one_of_each_is_fine() {
        silent(&fail(r#","Error":"E","CausePath":"$.c""#), Rule::V716);
        silent(&fail(r#","ErrorPath":"$.e","Cause":"C""#), Rule::V716);
        silent(&fail(""), Rule::V716);
    }

    #[test]
    fn v717_bad_error_and_cause_paths() {
        fires(
            &fail(r#","ErrorPath":"$.errors[*]""#),
            Rule::V717,
            E,
            "/States/S/ErrorPath",
        );
        fires(
            &fail(r#","CausePath":"States.ArrayLength($.a)""#),
            Rule::V717,
            E,
            "/States/S/CausePath",
        );
        fires(
            &fail(r#","CausePath":"cause""#),
            Rule::V717,
            E,
            "/States/S/CausePath",
        );
        silent_in(
            &fail(r#","CausePath":"States.ArrayLength($.a)""#),
            Profile::Spec,
            Rule::V717,
        );
    }

    #[test]
    fn v717_good_error_and_cause_paths() {
        for value in [
            "$.error",
            "$$.Execution.Id",
            "States.Format('failed: {}', $.reason)",
            "States.JsonToString($.detail)",
            "States.ArrayGetItem($.errors, 0)",
            "States.UUID()",
        ] {
            silent(
                &fail(&format!(r#","ErrorPath":"{value}","CausePath":"{value}""#)),
                Rule::V717,
            );
        }
    }

    #[test]
    fn v718_error_and_cause_not_strings() {
        fires(&fail(r#","Error":5"#), Rule::V718, E, "/States/S/Error");
        fires(
            &fail(r#","Cause":{"a":1}"#),
            Rule::V718,
            E,
            "/States/S/Cause",
        );
        fires(
            &one_jsonata(r#"{"Type":"Fail","Error":true}"#),
            Rule::V718,
            E,
            "/States/S/Error",
        );
    }

    #[test]
    fn v718_strings_are_fine() {
        silent(&fail(r#","Error":"E","Cause":"C""#), Rule::V718);
        silent(
            &one_jsonata(r#"{"Type":"Fail","Error":"{% 'E' %}","Cause":"{% $states.input.c %}"}"#),
            Rule::V718,
        );
    }

    fn pass(fields: &str) -> String {
        one(&format!(r#"{{"Type":"Pass",{fields}"End":true}}"#))
    }

    #[test]
    fn v719_pass_result_is_static() {
        fires(
            &pass(r#""Result":{"a.$":"$.x"},"#),
            Rule::V719,
            W,
            "/States/S/Result",
        );
        fires(
            &pass(r#""Result":{"a":{"id.$":"States.UUID()"}},"#),
            Rule::V719,
            W,
            "/States/S/Result",
        );
        silent_in(
            &pass(r#""Result":{"a.$":"$.x"},"#),
            Profile::Spec,
            Rule::V719,
        );
    }

    #[test]
    fn v719_non_path_dollar_key_or_template_is_silent() {
        silent(&pass(r#""Result":{"a.$":"hello"},"#), Rule::V719);
        silent(&pass(r#""Result":{"a":"b"},"#), Rule::V719);
        silent(&pass(r#""Parameters":{"a.$":"$.x"},"#), Rule::V719);
    }

    #[test]
    fn v720_no_dollar_in_parameters() {
        fires(
            &pass(r#""Parameters":{"a":"$.x"},"#),
            Rule::V720,
            W,
            "/States/S/Parameters/a",
        );
        fires(
            &pass(r#""Parameters":{"o":{"a":"$[0]"}},"#),
            Rule::V720,
            W,
            "/States/S/Parameters/o/a",
        );
        fires(
            &pass(r#""Parameters":{"a":"$"},"#),
            Rule::V720,
            W,
            "/States/S/Parameters/a",
        );
        fires(
            &pass(r#""Parameters":{"id":"States.UUID()"},"#),
            Rule::V720,
            W,
            "/States/S/Parameters/id",
        );
        fires(
            &task(r#""ResultSelector":{"a":"$.x"},"#),
            Rule::V720,
            W,
            "/States/S/ResultSelector/a",
        );
        silent_in(
            &pass(r#""Parameters":{"a":"$.x"},"#),
            Profile::Spec,
            Rule::V720,
        );
    }

    #[test]
    fn v720_dollar_key_or_plain_text_is_silent() {
        silent(&pass(r#""Parameters":{"a.$":"$.x"},"#), Rule::V720);
        silent(&pass(r#""Parameters":{"a":"costs 5$"},"#), Rule::V720);
        silent(&pass(r#""Assign":{"v.$":"$.x","w":"hello"},"#), Rule::V720);
        // `Result` is not a template (that is V719's business).
        silent(&pass(r#""Result":{"a":"$.x"},"#), Rule::V720);
    }

    #[test]
    fn v721_fail_error_looks_like_a_path() {
        fires(
            &fail(r#","Error":"$.error""#),
            Rule::V721,
            W,
            "/States/S/Error",
        );
        fires(
            &fail(r#","Cause":"$.cause""#),
            Rule::V721,
            W,
            "/States/S/Cause",
        );
        silent_in(&fail(r#","Error":"$.error""#), Profile::Spec, Rule::V721);
    }

    #[test]
    fn v721_plain_error_or_jsonata_state_is_silent() {
        silent(
            &fail(r#","Error":"MyError","Cause":"it broke""#),
            Rule::V721,
        );
        silent(
            &one_jsonata(r#"{"Type":"Fail","Error":"$.error"}"#),
            Rule::V721,
        );
    }

    #[test]
    fn v707_aws_sdk_without_action() {
        let json =
            one(r#"{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb","End":true}"#);
        fires(&json, Rule::V707, E, "/States/S/Resource");
    }

    #[test]
    fn v720_string_member_of_assign() {
        let json = one(r#"{"Type":"Pass","Assign":{"v":"$.x"},"End":true}"#);
        fires(&json, Rule::V720, W, "/States/S/Assign/v");
    }

    #[test]
    fn v720_literal_beside_dynamic_member() {
        let json = one(r#"{"Type":"Pass","Parameters":{"a":"$.x","b.$":"$.y"},"End":true}"#);
        fires(&json, Rule::V720, W, "/States/S/Parameters/a");
        let nested =
            one(r#"{"Type":"Pass","Parameters":{"o":{"a":"$.x","c.$":"$.c"}},"End":true}"#);
        fires(&nested, Rule::V720, W, "/States/S/Parameters/o/a");
    }

    #[test]
    fn v720_in_batch_input_and_reader_writer_parameters() {
        fires(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k":"$.k"}},"#),
            Rule::V720,
            W,
            "/States/S/ItemBatcher/BatchInput/k",
        );
        fires(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"$.b","Key":"k"}},"#,
            ),
            Rule::V720,
            W,
            "/States/S/ItemReader/Parameters/Bucket",
        );
        fires(
            &distributed_map(
                r#""ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"$.b","Prefix":"p"}},"#,
            ),
            Rule::V720,
            W,
            "/States/S/ResultWriter/Parameters/Bucket",
        );
    }
}

mod paths_templates_intrinsics {
    use super::*;

    fn pass(fields: &str) -> String {
        one(&format!(r#"{{"Type":"Pass",{fields}"End":true}}"#))
    }

    /// A Pass state whose `Parameters` is `{"x.$": <value>}` (`value` is JSON text).
    fn param(value: &str) -> String {
        pass(&format!(r#""Parameters":{{"x.$":{value}}},"#))
    }

    const X: &str = "/States/S/Parameters/x.$";

    #[test]
    fn v801_bad_input_and_output_paths() {
        fires(
            &pass(r#""InputPath":"$.a[","#),
            Rule::V801,
            E,
            "/States/S/InputPath",
        );
        fires(
            &pass(r#""OutputPath":"a.b","#),
            Rule::V801,
            E,
            "/States/S/OutputPath",
        );
        fires(
            &pass(r#""InputPath":"$.a..","#),
            Rule::V801,
            E,
            "/States/S/InputPath",
        );
        fires_in(
            &pass(r#""InputPath":"$.a[","#),
            Profile::Spec,
            Rule::V801,
            E,
            "/States/S/InputPath",
        );
    }

    #[test]
    fn v801_bad_dollar_member_path() {
        fires(&param(r#""$.a[""#), Rule::V801, E, X);
        fires(&param(r#""$.a['b]""#), Rule::V801, E, X);
        fires(&param(r#""hello""#), Rule::V801, E, X);
    }

    #[test]
    fn v801_good_paths() {
        for fields in [
            r#""InputPath":null,"OutputPath":null,"#,
            r#""InputPath":"$","OutputPath":"$.a['b c'][0]","#,
            r#""InputPath":"$$.Execution.Input","OutputPath":"$.items[*].id","#,
            r#""InputPath":"$.items[?(@.price > 10)]","#,
            r#""Parameters":{"a.$":"$.a","b.$":"$$.State.Name","c.$":"$.list[-1]","d.$":"States.UUID()"},"#,
        ] {
            silent(&pass(fields), Rule::V801);
        }
    }

    #[test]
    fn v802_result_path_context_or_variable() {
        fires(
            &pass(r#""ResultPath":"$$.x","#),
            Rule::V802,
            E,
            "/States/S/ResultPath",
        );
        fires(
            &pass(r#""ResultPath":"$var","#),
            Rule::V802,
            E,
            "/States/S/ResultPath",
        );
        let catcher = one(
            r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$$.err","Next":"H"}],"End":true}"#,
        )
        .replace(
            r#"}}}"#,
            r#"},"H":{"Type":"Pass","End":true}}}"#,
        );
        fires(&catcher, Rule::V802, E, "/States/S/Catch/0/ResultPath");
    }

    #[test]
    fn v802_ordinary_result_paths() {
        for value in [r#""$.r""#, r#""$""#, "null", r#""$.a.b[0]""#] {
            silent(&pass(&format!(r#""ResultPath":{value},"#)), Rule::V802);
        }
    }

    fn map(fields: &str) -> String {
        inline_map(fields)
    }

    #[test]
    fn v803_not_reference_paths() {
        fires(
            &map(r#""ItemsPath":"$.items[*]","#),
            Rule::V803,
            E,
            "/States/S/ItemsPath",
        );
        fires(
            &pass(r#""ResultPath":"$.a[?(@.b)]","#),
            Rule::V803,
            E,
            "/States/S/ResultPath",
        );
        fires(
            &one(r#"{"Type":"Wait","SecondsPath":"$..s","End":true}"#),
            Rule::V803,
            E,
            "/States/S/SecondsPath",
        );
        fires(
            &map(r#""ItemsPath":null,"#),
            Rule::V803,
            E,
            "/States/S/ItemsPath",
        );
        fires(
            &map(r#""ItemsPath":"$.a[0:2]","#),
            Rule::V803,
            E,
            "/States/S/ItemsPath",
        );
    }

    #[test]
    fn v803_reference_paths() {
        silent(&map(r#""ItemsPath":"$.items","#), Rule::V803);
        silent(
            &map(r#""ItemsPath":"$$.Execution.Input.items","#),
            Rule::V803,
        );
        silent(&map(r#""ItemsPath":"$.a['b c'][2]","#), Rule::V803);
        silent(&pass(r#""ResultPath":"$.a.b","#), Rule::V803);
        silent(
            &one(r#"{"Type":"Wait","SecondsPath":"$.s","End":true}"#),
            Rule::V803,
        );
    }

    #[test]
    fn v804_path_functions() {
        fires(
            &pass(r#""InputPath":"$.a.length()","#),
            Rule::V804,
            E,
            "/States/S/InputPath",
        );
        fires(&param(r#""$.a.min()""#), Rule::V804, E, X);
        fires(
            &pass(r#""OutputPath":"$.a[(@.length-1)]","#),
            Rule::V804,
            E,
            "/States/S/OutputPath",
        );
        silent_in(
            &pass(r#""InputPath":"$.a.length()","#),
            Profile::Spec,
            Rule::V804,
        );
    }

    #[test]
    fn v804_field_named_like_a_function() {
        silent(&pass(r#""InputPath":"$.a.length","#), Rule::V804);
        silent(&param(r#""$.min""#), Rule::V804);
    }

    #[test]
    fn v805_dollar_value_not_a_string() {
        fires(&param("5"), Rule::V805, E, X);
        fires(&param(r#"{"a":"$.a"}"#), Rule::V805, E, X);
        fires(&param("null"), Rule::V805, E, X);
    }

    #[test]
    fn v805_string_value_is_fine() {
        silent(&param(r#""$.a""#), Rule::V805);
        silent(&pass(r#""Parameters":{"x":5},"#), Rule::V805);
    }

    #[test]
    fn v806_same_key_after_strip() {
        fires(
            &pass(r#""Parameters":{"a":1,"a.$":"$.a"},"#),
            Rule::V806,
            E,
            "/States/S/Parameters",
        );
        fires(
            &pass(r#""Parameters":{"o":{"a.$":"$.a","a":1}},"#),
            Rule::V806,
            E,
            "/States/S/Parameters/o",
        );
    }

    #[test]
    fn v806_distinct_keys() {
        silent(&pass(r#""Parameters":{"a":1,"b.$":"$.a"},"#), Rule::V806);
        silent(
            &pass(r#""Parameters":{"a.$":"$.a","o":{"a":1}},"#),
            Rule::V806,
        );
    }

    #[test]
    fn v807_illegal_escape_and_unbalanced_parens() {
        fires(
            &param(r#""States.Format('a\\\"b {}', $.a)""#),
            Rule::V807,
            E,
            X,
        );
        fires(
            &param(r#""States.Format('a\\nb {}', $.a)""#),
            Rule::V807,
            E,
            X,
        );
        fires(&param(r#""States.Format('{}', $.a""#), Rule::V807, E, X);
        fires(&param(r#""States.Format('{}', $.a))""#), Rule::V807, E, X);
        fires(&param(r#""States.Format('{}, $.a)""#), Rule::V807, E, X);
    }

    #[test]
    fn v807_valid_syntax() {
        for call in [
            r#""States.Format('It\\'s {}', $.a)""#,
            r#""States.Format('\\{\\} and \\\\ {}', $.a)""#,
            r#""States.Array( 1 , 'two', true, null, $.a, $$.State.Name )""#,
            r#""States.MathAdd(-1.5e2, 3)""#,
        ] {
            silent(&param(call), Rule::V807);
        }
    }

    #[test]
    fn v808_intrinsic_semantics() {
        for call in [
            r#""States.Foo($.a)""#,
            r#""states.format('x')""#,
            r#""States.ArrayGetItem($.a)""#,
            r#""States.UUID(1)""#,
            r#""States.MathRandom(1)""#,
            r#""States.Format()""#,
            r#""States.JsonToString('x')""#,
            r#""States.Hash($.a, 'SHA-2')""#,
            r#""States.JsonMerge($.a, $.b, true)""#,
        ] {
            fires(&param(call), Rule::V808, E, X);
        }
    }

    #[test]
    fn v808_valid_calls() {
        for call in [
            r#""States.Array()""#,
            r#""States.MathRandom(1, 10)""#,
            r#""States.MathRandom(1, 10, 7)""#,
            r#""States.JsonToString($.a)""#,
            r#""States.Hash($.a, 'SHA-256')""#,
            r#""States.JsonMerge($.a, $.b, false)""#,
            r#""States.Format('x')""#,
            r#""States.ArrayGetItem($.a, 0)""#,
        ] {
            silent(&param(call), Rule::V808);
        }
    }

    fn nested_arrays(levels: usize) -> String {
        let mut call = "$.a".to_owned();
        for _ in 0..levels {
            call = format!("States.Array({call})");
        }
        format!(r#""{call}""#)
    }

    #[test]
    fn v809_eleven_nested_calls() {
        fires(&param(&nested_arrays(11)), Rule::V809, E, X);
        silent_in(&param(&nested_arrays(11)), Profile::Spec, Rule::V809);
    }

    #[test]
    fn v809_ten_nested_calls() {
        silent(&param(&nested_arrays(10)), Rule::V809);
        assert_eq!(findings(&param(&nested_arrays(10)), Profile::Aws), vec![]);
    }

    #[test]
    fn v810_format_placeholder_mismatch() {
        fires(
            &param(r#""States.Format('{} and {}', $.a)""#),
            Rule::V810,
            W,
            X,
        );
        fires(&param(r#""States.Format('none', $.a)""#), Rule::V810, W, X);
        fires_in(
            &param(r#""States.Format('{} and {}', $.a)""#),
            Profile::Spec,
            Rule::V810,
            W,
            X,
        );
    }

    #[test]
    fn v810_matching_or_dynamic_template() {
        silent(
            &param(r#""States.Format('{} and {}', $.a, $.b)""#),
            Rule::V810,
        );
        silent(&param(r#""States.Format($.template, $.a)""#), Rule::V810);
        silent(&param(r#""States.Format('\\{\\} {}', $.a)""#), Rule::V810);
    }

    #[test]
    fn v812_non_object_templates_under_spec() {
        fires_in(
            &pass(r#""Parameters":[1,2],"#),
            Profile::Spec,
            Rule::V812,
            E,
            "/States/S/Parameters",
        );
        fires_in(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":"x","End":true}"#,
            ),
            Profile::Spec,
            Rule::V812,
            E,
            "/States/S/ResultSelector",
        );
        fires_in(
            &map(r#""ItemSelector":5,"#),
            Profile::Spec,
            Rule::V812,
            E,
            "/States/S/ItemSelector",
        );
    }

    #[test]
    fn v812_silent_under_aws_and_for_objects() {
        silent(&pass(r#""Parameters":[1,2],"#), Rule::V812);
        silent_in(
            &pass(r#""Parameters":[1,2],"#),
            Profile::AwsExpress,
            Rule::V812,
        );
        assert_eq!(
            findings(&pass(r#""Parameters":[1,2],"#), Profile::Aws),
            vec![]
        );
        silent_in(&pass(r#""Parameters":{"a":1},"#), Profile::Spec, Rule::V812);
    }
}

mod jsonata_variables_express {
    use super::*;

    /// A JSONata Pass state with `Output` set to `output` (JSON text).
    fn output(output: &str) -> String {
        one_jsonata(&format!(
            r#"{{"Type":"Pass","Output":{output},"End":true}}"#
        ))
    }

    /// A JSONata Task state with `fields`.
    fn task(fields: &str) -> String {
        one_jsonata(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{fields}"End":true}}"#
        ))
    }

    const OUT: &str = "/States/S/Output";

    #[test]
    fn v901_unclosed_or_unopened_jsonata() {
        fires(&output(r#""{% $states.input""#), Rule::V901, E, OUT);
        fires(&output(r#""$states.input %}""#), Rule::V901, E, OUT);
        fires(
            &task(r#""Arguments":{"a":["{% 1 + 1"]},"#),
            Rule::V901,
            E,
            "/States/S/Arguments/a/0",
        );
        fires_in(
            &output(r#""{% $states.input""#),
            Profile::Spec,
            Rule::V901,
            E,
            OUT,
        );
        // A JSONata state set on the state itself, in a JSONPath machine.
        fires(
            &one(r#"{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1","End":true}"#),
            Rule::V901,
            E,
            OUT,
        );
    }

    #[test]
    fn v901_closed_jsonata_or_jsonpath_state() {
        silent(&output(r#""{% $states.input %}""#), Rule::V901);
        silent(&output(r#""100%""#), Rule::V901);
        silent(
            &one(r#"{"Type":"Pass","Parameters":{"a":"{% 1 + 1"},"End":true}"#),
            Rule::V901,
        );
    }

    #[test]
    fn v902_unparsable_jsonata() {
        fires(&output(r#""{% 1 + %}""#), Rule::V902, E, OUT);
        fires(&output(r#""{% ($states.input %}""#), Rule::V902, E, OUT);
        silent_in(&output(r#""{% 1 + %}""#), Profile::Spec, Rule::V902);
    }

    #[test]
    fn v902_parsable_jsonata_or_jsonpath_state() {
        silent(&output(r#""{% 1 + 2 %}""#), Rule::V902);
        silent(
            &output(r#""{% $states.input.items[price > 10].name %}""#),
            Rule::V902,
        );
        silent(
            &one(r#"{"Type":"Pass","Parameters":{"a":"{% 1 + %}"},"End":true}"#),
            Rule::V902,
        );
    }

    #[test]
    fn v903_top_level_implicit_input() {
        fires(&output(r#""{% phone %}""#), Rule::V903, E, OUT);
        fires(&output(r#""{% $ %}""#), Rule::V903, E, OUT);
        fires(&output(r#""{% $$.a %}""#), Rule::V903, E, OUT);
        fires(&output(r#""{% order.total + 1 %}""#), Rule::V903, E, OUT);
    }

    #[test]
    fn v903_qualified_references() {
        silent(&output(r#""{% $states.input.phone %}""#), Rule::V903);
        silent(
            &output(r#""{% $states.input.items[price > 10] %}""#),
            Rule::V903,
        );
        silent(&output(r#""{% ($x := 1; $x + 1) %}""#), Rule::V903);
        silent(
            &one(r#"{"Type":"Pass","Parameters":{"a":"{% phone %}"},"End":true}"#),
            Rule::V903,
        );
    }

    #[test]
    fn v904_states_result_outside_output_and_assign() {
        fires(
            &task(r#""Arguments":{"p":"{% $states.result %}"},"#),
            Rule::V904,
            E,
            "/States/S/Arguments/p",
        );
        // A Pass state has no result.
        fires(&output(r#""{% $states.result %}""#), Rule::V904, E, OUT);
    }

    #[test]
    fn v904_states_result_in_task_output_and_assign() {
        silent(
            &task(
                r#""Output":"{% $states.result.Payload %}","Assign":{"r":"{% $states.result %}"},"#,
            ),
            Rule::V904,
        );
    }

    #[test]
    fn v905_error_output_outside_catcher() {
        fires(
            &task(r#""Output":"{% $states.errorOutput %}","#),
            Rule::V905,
            E,
            OUT,
        );
        fires(
            &task(r#""Arguments":"{% $states.errorOutput.Cause %}","#),
            Rule::V905,
            E,
            "/States/S/Arguments",
        );
    }

    #[test]
    fn v905_error_output_in_catcher() {
        let json = r#"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% $states.errorOutput %}","Assign":{"cause":"{% $states.errorOutput.Cause %}"},"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}"#;
        silent(json, Rule::V905);
        assert_eq!(findings(json, Profile::Aws), vec![]);
    }

    #[test]
    fn v906_unknown_states_member() {
        fires(&output(r#""{% $states.inputs %}""#), Rule::V906, W, OUT);
        silent_in(
            &output(r#""{% $states.inputs %}""#),
            Profile::Spec,
            Rule::V906,
        );
    }

    #[test]
    fn v906_known_states_members() {
        silent(
            &output(r#"{"i":"{% $states.input %}","c":"{% $states.context.Execution.Id %}"}"#),
            Rule::V906,
        );
    }

    #[test]
    fn v907_eval() {
        fires(&output(r#""{% $eval('1 + 1') %}""#), Rule::V907, E, OUT);
        silent_in(
            &output(r#""{% $eval('1 + 1') %}""#),
            Profile::Spec,
            Rule::V907,
        );
    }

    #[test]
    fn v907_parse_or_jsonpath_state() {
        silent(&output(r#""{% $parse('[1]') %}""#), Rule::V907);
        silent(
            &one(r#"{"Type":"Pass","Parameters":{"a":"{% $eval('1') %}"},"End":true}"#),
            Rule::V907,
        );
    }

    fn assign(members: &str) -> String {
        one(&format!(
            r#"{{"Type":"Pass","Assign":{{{members}}},"End":true}}"#
        ))
    }

    #[test]
    fn v910_bad_variable_names() {
        fires(
            &assign(r#""order.id":1"#),
            Rule::V910,
            E,
            "/States/S/Assign/order.id",
        );
        fires(
            &assign(r#""a[0]":1"#),
            Rule::V910,
            E,
            "/States/S/Assign/a[0]",
        );
        fires(
            &assign(r#""1abc":1"#),
            Rule::V910,
            E,
            "/States/S/Assign/1abc",
        );
        fires(
            &assign(r#""my-var":1"#),
            Rule::V910,
            E,
            "/States/S/Assign/my-var",
        );
        fires(
            &assign(r#""order.id.$":"$.id""#),
            Rule::V910,
            E,
            "/States/S/Assign/order.id.$",
        );
        let long = "v".repeat(81);
        fires(
            &assign(&format!(r#""{long}":1"#)),
            Rule::V910,
            E,
            &format!("/States/S/Assign/{long}"),
        );
        fires(
            &one_jsonata(r#"{"Type":"Pass","Assign":{"order.id":"{% 1 %}"},"End":true}"#),
            Rule::V910,
            E,
            "/States/S/Assign/order.id",
        );
    }

    #[test]
    fn v910_good_variable_names() {
        let long = "v".repeat(80);
        for members in [
            r#""orderId":1"#.to_owned(),
            r#""x_1":1,"x2":2"#.to_owned(),
            r#""café":1"#.to_owned(),
            r#""total.$":"$.total""#.to_owned(),
            format!(r#""{long}":1"#),
        ] {
            silent(&assign(&members), Rule::V910);
        }
    }

    /// Outer `A` assigns `outer_name`, then a Map whose processor state `I` assigns `inner_name`.
    fn scoped_map(outer_name: &str, inner_name: &str, config: &str) -> String {
        format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Assign":{{"{outer_name}":0}},"Next":"M"}},"M":{{"Type":"Map","ItemProcessor":{{{config}"StartAt":"I","States":{{"I":{{"Type":"Pass","Assign":{{"{inner_name}":1}},"End":true}}}}}},"End":true}}}}}}"#
        )
    }

    #[test]
    fn v911_inner_scope_reassigns_outer_variable() {
        fires(
            &scoped_map("total", "total", ""),
            Rule::V911,
            E,
            "/States/M/ItemProcessor/States/I/Assign/total",
        );
        let parallel = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Assign":{"x":0},"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"x":1},"End":true}}}],"End":true}}}"#;
        fires(
            parallel,
            Rule::V911,
            E,
            "/States/P/Branches/0/States/B/Assign/x",
        );
    }

    #[test]
    fn v911_distinct_names_and_sibling_scopes() {
        silent(&scoped_map("total", "count", ""), Rule::V911);
        let siblings = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"x":1},"End":true}}},{"StartAt":"C","States":{"C":{"Type":"Pass","Assign":{"x":2},"End":true}}}],"End":true}}}"#;
        silent(siblings, Rule::V911);
    }

    #[test]
    fn v911_catcher_assign_on_map_is_outer_scope() {
        let json = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"outer":0},"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Assign":{"inner":1},"End":true}}},"Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"outer.$":"$.Error"},"Next":"H"}],"Assign":{"outer":2},"Next":"H"},"H":{"Type":"Pass","End":true}}}"#;
        silent(json, Rule::V911);
        assert_eq!(findings(json, Profile::Aws), vec![]);
    }

    #[test]
    fn v912_reserved_states_variable() {
        fires(
            &assign(r#""states":1"#),
            Rule::V912,
            E,
            "/States/S/Assign/states",
        );
        fires(
            &assign(r#""states.$":"$.x""#),
            Rule::V912,
            E,
            "/States/S/Assign/states.$",
        );
    }

    #[test]
    fn v912_similar_names() {
        silent(&assign(r#""state":1,"States":2,"statesX":3"#), Rule::V912);
    }

    #[test]
    fn v914_assign_over_256_kib() {
        let big = "x".repeat(262_145);
        fires(
            &assign(&format!(r#""big":"{big}""#)),
            Rule::V914,
            W,
            "/States/S/Assign",
        );
        let half = "x".repeat(140_000);
        fires(
            &assign(&format!(r#""a":"{half}","b":"{half}""#)),
            Rule::V914,
            W,
            "/States/S/Assign",
        );
        silent_in(
            &assign(&format!(r#""big":"{big}""#)),
            Profile::Spec,
            Rule::V914,
        );
    }

    #[test]
    fn v914_assign_under_256_kib() {
        let fits = "x".repeat(200_000);
        silent(&assign(&format!(r#""a":"{fits}""#)), Rule::V914);
    }

    #[test]
    fn v915_reads_unassigned_variable() {
        let json = one(r#"{"Type":"Pass","Parameters":{"v.$":"$missing"},"End":true}"#);
        fires(&json, Rule::V915, W, "/States/S/Parameters/v.$");
        let call = one(
            r#"{"Type":"Pass","Parameters":{"v.$":"States.Format('{}', $missing.name)"},"End":true}"#,
        );
        fires(&call, Rule::V915, W, "/States/S/Parameters/v.$");
        silent_in(&json, Profile::Spec, Rule::V915);
    }

    #[test]
    fn v915_reads_assigned_variable() {
        let json = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"known":1},"Next":"B"},"B":{"Type":"Pass","Parameters":{"v.$":"$known","w.$":"States.Format('{}', $known)"},"End":true}}}"#;
        silent(json, Rule::V915);
        assert_eq!(findings(json, Profile::Aws), vec![]);
    }

    #[test]
    fn v916_assign_not_an_object() {
        fires(
            &one(r#"{"Type":"Pass","Assign":[1],"End":true}"#),
            Rule::V916,
            E,
            "/States/S/Assign",
        );
        fires(
            &one(r#"{"Type":"Pass","Assign":"x","End":true}"#),
            Rule::V916,
            E,
            "/States/S/Assign",
        );
        let catcher = r#"{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Assign":5,"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}"#;
        fires(catcher, Rule::V916, E, "/States/S/Catch/0/Assign");
        let rule = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Assign":true,"Next":"H"}],"Default":"H"},"H":{"Type":"Pass","End":true}}}"#;
        fires(rule, Rule::V916, E, "/States/C/Choices/0/Assign");
    }

    #[test]
    fn v916_assign_objects() {
        silent(
            &one(r#"{"Type":"Pass","Assign":{},"End":true}"#),
            Rule::V916,
        );
        silent(&assign(r#""a":[1,2]"#), Rule::V916);
    }

    /// Outer `A` assigns `limit`; the Map's processor state `I` reads `$name`.
    fn reader_map(name: &str, config: &str, inner_assign: &str) -> String {
        format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Assign":{{"limit":5}},"Next":"M"}},"M":{{"Type":"Map","ItemProcessor":{{{config}"StartAt":"J","States":{{"J":{{"Type":"Pass","Assign":{{{inner_assign}}},"Next":"I"}},"I":{{"Type":"Pass","Parameters":{{"x.$":"${name}"}},"End":true}}}}}},"End":true}}}}}}"#
        )
    }

    const DISTRIBUTED: &str =
        r#""ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"#;

    #[test]
    fn v917_distributed_map_reads_outer_variable() {
        fires(
            &reader_map("limit", DISTRIBUTED, ""),
            Rule::V917,
            W,
            "/States/M/ItemProcessor/States/I/Parameters/x.$",
        );
        silent_in(
            &reader_map("limit", DISTRIBUTED, ""),
            Profile::Spec,
            Rule::V917,
        );
    }

    #[test]
    fn v917_inline_map_or_inner_variable() {
        silent(&reader_map("limit", "", ""), Rule::V917);
        silent(
            &reader_map("local", DISTRIBUTED, r#""local":1"#),
            Rule::V917,
        );
    }

    fn resource(arn: &str) -> String {
        one(&format!(
            r#"{{"Type":"Task","Resource":"{arn}","End":true}}"#
        ))
    }

    const RES: &str = "/States/S/Resource";

    #[test]
    fn v951_activity_in_express() {
        let json = resource("arn:aws:states:us-east-1:123456789012:activity:work");
        fires_in(&json, Profile::AwsExpress, Rule::V951, E, RES);
        silent(&json, Rule::V951);
        silent_in(&json, Profile::Spec, Rule::V951);
    }

    #[test]
    fn v952_sync_in_express() {
        for arn in [
            "arn:aws:states:::states:startExecution.sync",
            "arn:aws:states:::states:startExecution.sync:2",
        ] {
            fires_in(&resource(arn), Profile::AwsExpress, Rule::V952, E, RES);
            silent(&resource(arn), Rule::V952);
        }
    }

    #[test]
    fn v953_wait_for_task_token_in_express() {
        let json = resource("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
        fires_in(&json, Profile::AwsExpress, Rule::V953, E, RES);
        silent(&json, Rule::V953);
    }

    #[test]
    fn v95x_plain_integrations_in_express() {
        for arn in [
            "arn:aws:states:::lambda:invoke",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "arn:aws:states:::states:startExecution",
        ] {
            let json = resource(arn);
            for rule in [Rule::V951, Rule::V952, Rule::V953] {
                silent_in(&json, Profile::AwsExpress, rule);
            }
        }
    }
}

mod edge_cases {
    use super::*;

    const DISTRIBUTED: &str =
        r#""ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"#;

    #[test]
    fn jsonata_strings_are_literals_in_jsonpath_numeric_fields() {
        fires(
            &one(r#"{"Type":"Wait","Seconds":"{% 5 %}","End":true}"#),
            Rule::V702,
            E,
            "/States/S/Seconds",
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"{% 5 %}","End":true}"#,
            ),
            Rule::V710,
            E,
            "/States/S/TimeoutSeconds",
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","HeartbeatSeconds":"{% 5 %}","End":true}"#,
            ),
            Rule::V712,
            E,
            "/States/S/HeartbeatSeconds",
        );
        fires(
            &inline_map(r#""MaxConcurrency":"{% 5 %}","#),
            Rule::V613,
            E,
            "/States/S/MaxConcurrency",
        );
        fires(
            &distributed_map(r#""ToleratedFailurePercentage":"{% 5 %}","#),
            Rule::V612,
            E,
            "/States/S/ToleratedFailurePercentage",
        );
        fires(
            &distributed_map(
                r#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":{"InputType":"JSON","MaxItems":"{% 5 %}"}},"#,
            ),
            Rule::V609,
            E,
            "/States/S/ItemReader/ReaderConfig/MaxItems",
        );
    }

    #[test]
    fn jsonata_max_items_is_accepted() {
        let json = one_jsonata(&format!(
            r#"{{"Type":"Map","ItemReader":{{"Resource":"arn:aws:states:::s3:getObject","Arguments":{{"Bucket":"b","Key":"k"}},"ReaderConfig":{{"InputType":"JSON","MaxItems":"{{% $states.input.n %}}"}}}},"ItemProcessor":{{{DISTRIBUTED}"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ));
        silent(&json, Rule::V609);
        silent(&json, Rule::V608);
    }

    #[test]
    fn v615_duplicate_label_in_nested_map() {
        let inner = format!(
            r#"{{"Type":"Map","Label":"L","ItemProcessor":{{{DISTRIBUTED}"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        );
        let json = one(&format!(
            r#"{{"Type":"Map","Label":"L","ItemProcessor":{{{DISTRIBUTED}"StartAt":"N","States":{{"N":{inner}}}}},"End":true}}"#
        ));
        fires(
            &json,
            Rule::V615,
            E,
            "/States/S/ItemProcessor/States/N/Label",
        );
    }

    #[test]
    fn v714_heartbeat_without_timeout() {
        silent(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","HeartbeatSeconds":3600,"End":true}"#,
            ),
            Rule::V714,
        );
    }

    #[test]
    fn v715_credentials_not_an_object() {
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":"role","End":true}"#,
            ),
            Rule::V715,
            E,
            "/States/S/Credentials",
        );
    }

    #[test]
    fn v719_dollar_key_nested_in_array() {
        fires(
            &one(r#"{"Type":"Pass","Result":[{"a.$":"$.x"}],"End":true}"#),
            Rule::V719,
            W,
            "/States/S/Result",
        );
    }

    #[test]
    fn v720_in_other_templates() {
        fires(
            &inline_map(r#""ItemSelector":{"v":"$$.Map.Item.Value"},"#),
            Rule::V720,
            W,
            "/States/S/ItemSelector/v",
        );
    }

    #[test]
    fn v720_not_in_jsonata_states() {
        silent(
            &one_jsonata(r#"{"Type":"Pass","Output":{"a":"$.x"},"Assign":{"v":"$.y"},"End":true}"#),
            Rule::V720,
        );
    }

    #[test]
    fn v801_in_assign_and_item_selector() {
        fires(
            &one(r#"{"Type":"Pass","Assign":{"v.$":"$.a["},"End":true}"#),
            Rule::V801,
            E,
            "/States/S/Assign/v.$",
        );
        fires(
            &inline_map(r#""ItemSelector":{"v.$":"$.a["},"#),
            Rule::V801,
            E,
            "/States/S/ItemSelector/v.$",
        );
    }

    #[test]
    fn v803_other_reference_path_fields() {
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.t[*]","End":true}"#,
            ),
            Rule::V803,
            E,
            "/States/S/TimeoutSecondsPath",
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":null,"End":true}"#,
            ),
            Rule::V803,
            E,
            "/States/S/TimeoutSecondsPath",
        );
        fires(
            &inline_map(r#""MaxConcurrencyPath":"$..n","#),
            Rule::V803,
            E,
            "/States/S/MaxConcurrencyPath",
        );
        fires(
            &distributed_map(r#""ToleratedFailureCountPath":"$.a[0,1]","#),
            Rule::V803,
            E,
            "/States/S/ToleratedFailureCountPath",
        );
    }

    #[test]
    fn v805_v806_in_assign() {
        fires(
            &one(r#"{"Type":"Pass","Assign":{"x.$":5},"End":true}"#),
            Rule::V805,
            E,
            "/States/S/Assign/x.$",
        );
        fires(
            &one(r#"{"Type":"Pass","Assign":{"a":1,"a.$":"$.a"},"End":true}"#),
            Rule::V806,
            E,
            "/States/S/Assign",
        );
        fires(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":{"a":1,"a.$":"$.a"},"End":true}"#,
            ),
            Rule::V806,
            E,
            "/States/S/ResultSelector",
        );
    }

    #[test]
    fn v808_v810_nested_calls() {
        fires(
            &one(
                r#"{"Type":"Pass","Parameters":{"x.$":"States.Array(States.Foo($.a))"},"End":true}"#,
            ),
            Rule::V808,
            E,
            "/States/S/Parameters/x.$",
        );
        fires(
            &one(
                r#"{"Type":"Pass","Parameters":{"x.$":"States.Array(States.Format('{} {}', $.a))"},"End":true}"#,
            ),
            Rule::V810,
            W,
            "/States/S/Parameters/x.$",
        );
        fires(
            &one(r#"{"Type":"Pass","Assign":{"x.$":"States.ArrayLength($.a, $.b)"},"End":true}"#),
            Rule::V808,
            E,
            "/States/S/Assign/x.$",
        );
    }

    #[test]
    fn v901_in_assign_and_condition() {
        fires(
            &one_jsonata(r#"{"Type":"Pass","Assign":{"v":{"w":"{% 1"}},"End":true}"#),
            Rule::V901,
            E,
            "/States/S/Assign/v/w",
        );
        let choice = r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% true","Next":"H"}],"Default":"H"},"H":{"Type":"Pass","End":true}}}"#;
        fires(choice, Rule::V901, E, "/States/C/Choices/0/Condition");
    }

    #[test]
    fn v901_keys_are_not_evaluated() {
        silent(
            &one_jsonata(r#"{"Type":"Pass","Output":{"{% k":"v"},"End":true}"#),
            Rule::V901,
        );
    }

    #[test]
    fn v903_in_nested_arguments() {
        fires(
            &one_jsonata(
                r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"Payload":{"p":"{% phone %}"}},"End":true}"#,
            ),
            Rule::V903,
            E,
            "/States/S/Arguments/Payload/p",
        );
    }

    #[test]
    fn v904_states_result_elsewhere() {
        fires(
            &one_jsonata(r#"{"Type":"Pass","Assign":{"r":"{% $states.result %}"},"End":true}"#),
            Rule::V904,
            E,
            "/States/S/Assign/r",
        );
        let catcher = r#"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% $states.result %}","Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}"#;
        fires(catcher, Rule::V904, E, "/States/S/Catch/0/Output");
        let map = one_jsonata(
            r#"{"Type":"Map","ItemSelector":{"r":"{% $states.result %}"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
        );
        fires(&map, Rule::V904, E, "/States/S/ItemSelector/r");
        let parallel = one_jsonata(
            r#"{"Type":"Parallel","Output":"{% $states.result[0] %}","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}"#,
        );
        silent(&parallel, Rule::V904);
    }

    #[test]
    fn v905_error_output_in_choice() {
        let choice = r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.errorOutput = null %}","Next":"H"}],"Default":"H"},"H":{"Type":"Pass","End":true}}}"#;
        fires(choice, Rule::V905, E, "/States/C/Choices/0/Condition");
    }

    #[test]
    fn v907_nested_eval() {
        fires(
            &one_jsonata(
                r#"{"Type":"Pass","Output":{"a":["{% $string($eval('1')) %}"]},"End":true}"#,
            ),
            Rule::V907,
            E,
            "/States/S/Output/a/0",
        );
    }

    #[test]
    fn v910_v912_in_catcher_and_jsonata() {
        let catcher = r#"{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"a.b":1},"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}"#;
        fires(catcher, Rule::V910, E, "/States/S/Catch/0/Assign/a.b");
        fires(
            &one_jsonata(r#"{"Type":"Pass","Assign":{"states":"{% 1 %}"},"End":true}"#),
            Rule::V912,
            E,
            "/States/S/Assign/states",
        );
        let rule = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Assign":{"states":1},"Next":"H"}],"Default":"H"},"H":{"Type":"Pass","End":true}}}"#;
        fires(rule, Rule::V912, E, "/States/C/Choices/0/Assign/states");
    }

    #[test]
    fn v911_dollar_suffix_and_deeper_nesting() {
        // `total.$` assigns `total` too.
        let json = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":0},"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Assign":{"total.$":"$.n"},"End":true}}},"End":true}}}"#;
        fires(
            json,
            Rule::V911,
            E,
            "/States/M/ItemProcessor/States/I/Assign/total.$",
        );
        // Two levels down: a Map inside a Parallel branch.
        let deep = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Assign":{"x":0},"Branches":[{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Assign":{"x":1},"End":true}}},"End":true}}}],"End":true}}}"#;
        fires(
            deep,
            Rule::V911,
            E,
            "/States/P/Branches/0/States/M/ItemProcessor/States/I/Assign/x",
        );
        // A catcher of a state inside a branch assigns in the branch's scope.
        let inner_catcher = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Assign":{"x":0},"Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"x":1},"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}],"End":true}}}"#;
        fires(
            inner_catcher,
            Rule::V911,
            E,
            "/States/P/Branches/0/States/T/Catch/0/Assign/x",
        );
    }

    #[test]
    fn v911_jsonata_machine() {
        let json = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":0},"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Assign":{"total":"{% 1 %}"},"End":true}}},"End":true}}}"#;
        fires(
            json,
            Rule::V911,
            E,
            "/States/M/ItemProcessor/States/I/Assign/total",
        );
    }

    #[test]
    fn v915_variable_assigned_by_jsonata_state() {
        let json = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"known":"{% 1 %}"},"Next":"B"},"B":{"Type":"Pass","Parameters":{"v.$":"$known.x"},"End":true}}}"#;
        silent(json, Rule::V915);
    }

    #[test]
    fn v918_read_before_any_path_assigns() {
        // JSONata read of a variable assigned only after the reading state.
        let later = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $later %}","Next":"B"},"B":{"Type":"Pass","Assign":{"later":1},"End":true}}}"#;
        fires(later, Rule::V918, W, "/States/A/Output");
        // A JSONata read of a name nothing assigns is V918 (V915 is JSONPath's).
        let nowhere = one_jsonata(r#"{"Type":"Pass","Output":"{% $nothing %}","End":true}"#);
        fires(&nowhere, Rule::V918, W, "/States/S/Output");
        silent(&nowhere, Rule::V915);
        // A JSONPath read of a name assigned somewhere, but later: V918, not V915.
        let path = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"v.$":"$later"},"Next":"B"},"B":{"Type":"Pass","Assign":{"later":1},"End":true}}}"#;
        fires(path, Rule::V918, W, "/States/A/Parameters/v.$");
        silent(path, Rule::V915);
        // Only the chosen rule's Assign runs: the Default path reaches C with `x` unset.
        let choice = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Assign":{"x":1},"Next":"B"}],"Default":"D"},"B":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true},"D":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}}"#;
        fires(choice, Rule::V918, W, "/States/D/Parameters/v.$");
        assert_eq!(
            findings(choice, Profile::Aws)
                .iter()
                .filter(|(rule, ..)| *rule == Rule::V918)
                .count(),
            1
        );
        // A catcher's Assign replaces the state's, so the handler cannot read the state's.
        let catcher = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},"QueryLanguage":"JSONata","Assign":{"ok":1},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $ok %}","End":true}}}"#;
        fires(catcher, Rule::V918, W, "/States/H/Output");
    }

    #[test]
    fn v918_silent_when_some_path_assigns_first() {
        // A loop: the second visit reads what the first assigned.
        let looped = r#"{"StartAt":"A","QueryLanguage":"JSONata","States":{"A":{"Type":"Pass","Assign":{"n":"{% $exists($n) ? $n + 1 : 0 %}"},"Next":"C"},"C":{"Type":"Choice","Choices":[{"Condition":"{% $n < 3 %}","Next":"A"}],"Default":"E"},"E":{"Type":"Succeed"}}}"#;
        silent(looped, Rule::V918);
        // A branch starts with what its Parallel state was entered with.
        let branch = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}}],"End":true}}}"#;
        silent(branch, Rule::V918);
        // A catcher's own Assign reaches its handler.
        let catcher = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{},"Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"failed":true},"Next":"H"}],"End":true},"H":{"Type":"Pass","Parameters":{"v.$":"$failed"},"End":true}}}"#;
        silent(catcher, Rule::V918);
        assert_eq!(findings(catcher, Profile::Aws), vec![]);
    }

    #[test]
    fn v915_context_and_input_paths_are_not_variables() {
        silent(
            &one(
                r#"{"Type":"Pass","Parameters":{"a.$":"$.x","b.$":"$$.Execution.Id","c.$":"$"},"End":true}"#,
            ),
            Rule::V915,
        );
    }

    #[test]
    fn v916_jsonata_assign_not_object() {
        fires(
            &one_jsonata(r#"{"Type":"Pass","Assign":"{% {} %}","End":true}"#),
            Rule::V916,
            E,
            "/States/S/Assign",
        );
    }

    #[test]
    fn v917_map_assign_and_nested_inline_map() {
        // The Map state's own `Assign` is in the outer scope.
        let own = format!(
            r#"{{"StartAt":"M","States":{{"M":{{"Type":"Map","Assign":{{"limit":5}},"ItemProcessor":{{{DISTRIBUTED}"StartAt":"I","States":{{"I":{{"Type":"Pass","Parameters":{{"x.$":"$limit"}},"End":true}}}}}},"End":true}}}}}}"#
        );
        fires(
            &own,
            Rule::V917,
            W,
            "/States/M/ItemProcessor/States/I/Parameters/x.$",
        );
        // An inline Map inside the distributed one is still inside the child execution.
        let nested = format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Assign":{{"limit":5}},"Next":"M"}},"M":{{"Type":"Map","ItemProcessor":{{{DISTRIBUTED}"StartAt":"N","States":{{"N":{{"Type":"Map","ItemProcessor":{{"StartAt":"I","States":{{"I":{{"Type":"Pass","Parameters":{{"x.$":"States.Format('{{}}', $limit)"}},"End":true}}}}}},"End":true}}}}}},"End":true}}}}}}"#
        );
        fires(
            &nested,
            Rule::V917,
            W,
            "/States/M/ItemProcessor/States/N/ItemProcessor/States/I/Parameters/x.$",
        );
    }

    #[test]
    fn v95x_in_nested_states_and_sdk() {
        let json = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","End":true}}}],"End":true}}}"#;
        fires_in(
            json,
            Profile::AwsExpress,
            Rule::V951,
            E,
            "/States/P/Branches/0/States/T/Resource",
        );
        fires_in(
            &one(
                r#"{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken","End":true}"#,
            ),
            Profile::AwsExpress,
            Rule::V953,
            E,
            "/States/S/Resource",
        );
    }
}

mod boundaries {
    use super::*;

    fn assign(members: &str) -> String {
        one(&format!(
            r#"{{"Type":"Pass","Assign":{{{members}}},"End":true}}"#
        ))
    }

    #[test]
    fn v914_counts_json_bytes() {
        let over = "x".repeat(262_143);
        fires(
            &assign(&format!(r#""a":"{over}""#)),
            Rule::V914,
            W,
            "/States/S/Assign",
        );
        // 131,072 two-byte characters: 262,146 bytes of JSON text.
        let wide = "é".repeat(131_072);
        fires(
            &assign(&format!(r#""a":"{wide}""#)),
            Rule::V914,
            W,
            "/States/S/Assign",
        );
    }

    #[test]
    fn v614_more_bad_labels() {
        for label in [
            r"a\u007fb",
            r"a\u00a0b",
            r"a\nb",
            "a}b",
            "a]b",
            "a>b",
            &"é".repeat(41),
        ] {
            fires(
                &distributed_map(&format!(r#""Label":"{label}","#)),
                Rule::V614,
                E,
                "/States/S/Label",
            );
        }
        fires(
            &distributed_map(r#""Label":5,"#),
            Rule::V614,
            E,
            "/States/S/Label",
        );
    }

    #[test]
    fn v614_forty_wide_characters() {
        silent(
            &distributed_map(&format!(r#""Label":"{}","#, "é".repeat(40))),
            Rule::V614,
        );
    }

    #[test]
    fn v703_more_timestamps() {
        for value in [
            "2016-12-05 21:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05t21:29:29z",
            "2016-12-05T21:29:29+0100",
            "2016-12-05T21:29:60Z",
            "2023-02-29T00:00:00Z",
        ] {
            fires(
                &one(&format!(
                    r#"{{"Type":"Wait","Timestamp":"{value}","End":true}}"#
                )),
                Rule::V703,
                E,
                "/States/S/Timestamp",
            );
        }
        for value in ["2016-03-14T01:59:00.123456Z", "2012-10-09T19:00:55+01:00"] {
            silent(
                &one(&format!(
                    r#"{{"Type":"Wait","Timestamp":"{value}","End":true}}"#
                )),
                Rule::V703,
            );
        }
    }

    #[test]
    fn v608_reader_config_values() {
        for config in [
            r#""InputType":"CSV","CSVDelimiter":"DASH""#,
            r#""InputType":"CSV","CSVHeaderLocation":"LAST_ROW""#,
            r#""ManifestType":"S3_LIST""#,
            r#""InputType":"JSON","Transformation":"FLATTEN""#,
            r#""InputType":"JSON","Depth":2"#,
        ] {
            fires_any_in(
                &distributed_map(&format!(
                    r#""ItemReader":{{"Resource":"arn:aws:states:::s3:getObject","Parameters":{{"Bucket":"b","Key":"k"}},"ReaderConfig":{{{config}}}}},"#
                )),
                Profile::Aws,
                Rule::V608,
                E,
            );
        }
        fires(
            &distributed_map(r#""ItemReader":"s3://b/k","#),
            Rule::V608,
            E,
            "/States/S/ItemReader",
        );
    }

    #[test]
    fn v610_more_batchers() {
        fires(
            &distributed_map(r#""ItemBatcher":{"MaxItemsPerBatch":1.5},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher/MaxItemsPerBatch",
        );
        fires(
            &distributed_map(r#""ItemBatcher":{"MaxInputBytesPerBatch":0},"#),
            Rule::V610,
            E,
            "/States/S/ItemBatcher/MaxInputBytesPerBatch",
        );
    }

    #[test]
    fn v705_more_unrecognised_arns() {
        for arn in [
            "arn:aws:lambda:us-east-1:123456789012:function:f:prod:extra",
            "arn:aws:states:us-east-1:123456789012:stateMachine:x",
            "arn:aws:sqs:us-east-1:123456789012:queue",
        ] {
            fires(
                &one(&format!(
                    r#"{{"Type":"Task","Resource":"{arn}","End":true}}"#
                )),
                Rule::V705,
                E,
                "/States/S/Resource",
            );
        }
    }
}

/// Validator bugs these tests found, fixed since; each says what used to happen.
mod regressions {
    use super::*;

    /// V914 measures "the JSON text of one `Assign` value": a value of exactly 262,144 bytes is
    /// within the limit. It used to give: a warning (the whole object text, keys and braces included, is
    /// measured).
    #[test]
    fn v914_value_at_the_limit() {
        let at_limit = "x".repeat(262_142);
        let json = one(&format!(
            r#"{{"Type":"Pass","Assign":{{"a":"{at_limit}"}},"End":true}}"#
        ));
        silent(&json, Rule::V914);
    }

    /// V917 is about any read of an outer variable inside a DISTRIBUTED processor. Today:
    /// nothing for a JSONata read.
    #[test]
    fn v917_jsonata_read_in_distributed_map() {
        let json = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"limit":5},"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","Output":"{% $limit %}","End":true}}},"End":true}}}"#;
        fires(
            json,
            Rule::V917,
            W,
            "/States/M/ItemProcessor/States/I/Output",
        );
    }

    /// V715: `Credentials` has `RoleArn.$`; its bad path is V801's business. It used to give: V801 and a
    /// spurious V715 "`Credentials` has no `RoleArn`".
    #[test]
    fn v715_not_raised_for_an_invalid_role_arn_path() {
        let json = one(
            r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{"RoleArn.$":"$.a["},"End":true}"#,
        );
        fires(&json, Rule::V801, E, "/States/S/Credentials/RoleArn.$");
        silent(&json, Rule::V715);
    }

    /// V910: `v.$` names the variable `v`. It used to give: when the value is not a valid path or call
    /// (V801/V805/V808/V809), V910 is also raised ("`v.$` is a path, not a variable name").
    #[test]
    fn v910_not_raised_when_the_dollar_value_is_invalid() {
        for value in [r#""$.a[""#, "5", r#""States.Foo()""#] {
            let json = one(&format!(
                r#"{{"Type":"Pass","Assign":{{"v.$":{value}}},"End":true}}"#
            ));
            silent(&json, Rule::V910);
        }
    }

    /// V912 and V911 look at the name after stripping `.$`, whatever the value. It used to give: an
    /// invalid value hides both (V910 is raised instead).
    #[test]
    fn v911_v912_raised_when_the_dollar_value_is_invalid() {
        let reserved = one(r#"{"Type":"Pass","Assign":{"states.$":"$.a["},"End":true}"#);
        fires(&reserved, Rule::V912, E, "/States/S/Assign/states.$");
        let inner = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":0},"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Assign":{"total.$":"$.a["},"End":true}}},"End":true}}}"#;
        fires(
            inner,
            Rule::V911,
            E,
            "/States/M/ItemProcessor/States/I/Assign/total.$",
        );
    }

    /// V806 is reported independently of V801 (no rule suppresses either). It used to give: an
    /// invalid `a.$` path hides the `a`/`a.$` collision.
    #[test]
    fn v806_raised_when_the_dollar_value_is_invalid() {
        let json = one(r#"{"Type":"Pass","Parameters":{"a.$":"$.a[","a":1},"End":true}"#);
        fires(&json, Rule::V806, E, "/States/S/Parameters");
    }

    /// V810 and V915 apply to intrinsic calls wherever they appear; `ErrorPath`/`CausePath` may
    /// hold one (<https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html>). It used
    /// to give: nothing in a Fail state's `ErrorPath`/`CausePath`.
    #[test]
    fn v810_v915_in_fail_error_and_cause_paths() {
        let json = one(
            r#"{"Type":"Fail","ErrorPath":"States.Format('{} {}', $.a)","CausePath":"States.Format('{}', $missing)"}"#,
        );
        fires(&json, Rule::V810, W, "/States/S/ErrorPath");
        fires(&json, Rule::V915, W, "/States/S/CausePath");
    }

    /// V608 checks `ReaderConfig` as AWS documents it
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>), which
    /// adds three dependencies: `GIVEN` needs `CSVHeaders`, `LOAD_AND_FLATTEN` needs `InputType`,
    /// `S3_INVENTORY` forbids `InputType`. It used to give: none is reported (arguable: V608 may
    /// mean member names and enum values only).
    #[test]
    fn v608_reader_config_dependencies() {
        for (resource, config) in [
            (
                "getObject",
                r#""InputType":"CSV","CSVHeaderLocation":"GIVEN""#,
            ),
            (
                "getObject",
                r#""InputType":"JSON","ManifestType":"S3_INVENTORY""#,
            ),
            ("listObjectsV2", r#""Transformation":"LOAD_AND_FLATTEN""#),
        ] {
            let json = distributed_map(&format!(
                r#""ItemReader":{{"Resource":"arn:aws:states:::s3:{resource}","Parameters":{{"Bucket":"b","Key":"k"}},"ReaderConfig":{{{config}}}}},"#
            ));
            fires_any_in(&json, Profile::Aws, Rule::V608, E);
        }
    }
}
