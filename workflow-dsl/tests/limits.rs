//! Deeply nested definitions get V113 and never overflow the stack, even on a 2 MiB thread in a
//! debug build (the size of a test or tokio worker thread).

mod support;

use support::nested_parallels;
use workflow_dsl::{Profile, Rule, check};

fn check_on_small_stack(text: String) -> Vec<Rule> {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            check(&text, Profile::Aws)
                .diagnostics()
                .iter()
                .map(|d| d.rule)
                .collect()
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn forty_levels_of_branches_are_accepted() {
    assert_eq!(
        check_on_small_stack(nested_parallels(workflow_dsl::asl::MAX_NESTING)),
        vec![]
    );
}

#[test]
fn deeper_nesting_is_v113() {
    assert_eq!(
        check_on_small_stack(nested_parallels(workflow_dsl::asl::MAX_NESTING + 1)),
        vec![Rule::V113]
    );
    assert_eq!(
        check_on_small_stack(nested_parallels(101)),
        vec![Rule::V113]
    );
}

#[test]
fn deep_json_payloads_stop_at_the_json_depth_limit() {
    let deep = |n: usize| {
        format!(
            r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":{}1{},"End":true}}}}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    assert_eq!(check_on_small_stack(deep(200)), vec![]);
    assert_eq!(check_on_small_stack(deep(100_000)), vec![Rule::V113]);
}
