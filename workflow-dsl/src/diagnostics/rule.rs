//! The rule catalogue: one [`Rule`] per numbered validation rule, with its default severity,
//! the profiles it belongs to and AWS's diagnostic code.
//!
//! The table below is the only place rule metadata lives; the checks that raise each rule are in
//! `asl/load/` (shape and syntax, while reading JSON) and `validate/rules/` (everything else).

use std::fmt;

use super::{Profile, Severity};

/// Which profiles ([`Profile`]) a rule belongs to, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Profiles(u8);

const S: u8 = 1;
const A: u8 = 2;
const X: u8 = 4;
/// Every profile: the ASL specification requires it and AWS enforces it.
const SPEC: Profiles = Profiles(S | A | X);
/// `A X`: AWS-only checks.
const AWS: Profiles = Profiles(A | X);
/// `X`: EXPRESS state machines only.
const EXPRESS: Profiles = Profiles(X);
/// `S only`: the spec forbids it, AWS accepts it.
const SPEC_ONLY: Profiles = Profiles(S);

impl Profiles {
    fn contains(self, profile: Profile) -> bool {
        let bit = match profile {
            Profile::Spec => S,
            Profile::Aws => A,
            Profile::AwsExpress => X,
        };
        self.0 & bit != 0
    }
}

macro_rules! rules {
    ($($id:ident => ($severity:ident, $profiles:ident, $aws:expr, $summary:literal),)*) => {
        /// A numbered validation rule. The id (`V301`) is stable and never reused.
        ///
        /// Each variant's documentation is its entry in the rule reference: what it checks, why,
        /// an example that triggers it and the fix. [`Rule::explain`] gives the same text, and
        /// `workflow explain V301` prints it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = $summary]
                #[doc = ""]
                #[doc = include_str!(concat!("explain/", stringify!($id), ".md"))]
                $id,
            )*
        }

        impl Rule {
            /// Every rule, in id order.
            pub const ALL: &'static [Rule] = &[$(Rule::$id),*];

            /// The stable id, e.g. `"V301"`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$id => stringify!($id),)* }
            }

            /// What the rule checks, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$id => $summary,)* }
            }

            /// The rule reference's entry (Markdown): what the rule checks, why, an example
            /// definition that triggers it, and the fix. [`Rule::explain`] adds the title.
            pub fn details(self) -> &'static str {
                match self { $(Rule::$id => include_str!(concat!("explain/", stringify!($id), ".md")),)* }
            }

            /// The severity the rule has unless a check says otherwise (V108 and V609 are
            /// errors for some values and warnings for others).
            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$id => Severity::$severity,)* }
            }

            /// AWS's `ValidateStateMachineDefinition` code for this rule, where AWS has one.
            pub fn aws_code(self) -> Option<&'static str> {
                match self { $(Rule::$id => $aws,)* }
            }

            /// Whether the rule is checked under `profile`.
            pub fn applies_to(self, profile: Profile) -> bool {
                let profiles = match self { $(Rule::$id => $profiles,)* };
                profiles.contains(profile)
            }
        }
    };
}

rules! {
    V101 => (Error, SPEC, Some("INVALID_JSON_DESCRIPTION"), r#"The definition is JSON text"#),
    V102 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"The JSON value is an object"#),
    V103 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`StartAt` and `States` are present"#),
    V104 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"No top-level field other than `StartAt`, `States`, `Comment`, `Version`, `TimeoutSeconds`, `QueryLanguage`"#),
    V105 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"Top-level `StartAt` is a string naming a member of the top-level `States`"#),
    V106 => (Error, SPEC, None, r#"`States` is an object with at least one member (suppresses V105/V307)"#),
    V107 => (Error, AWS, None, r#"`Version`, when present, is the string `"1.0"`"#),
    V108 => (Error, SPEC, None, r#"Top-level `TimeoutSeconds` is an integer 0..99,999,999; `0` is a WARNING (spec and statelint want a positive value)"#),
    V109 => (Error, SPEC, None, r#"Top-level `Comment` is a string"#),
    V110 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`QueryLanguage` (top level or state) is exactly `"JSONPath"` or `"JSONata"` (case-sensitive)"#),
    V111 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A nested container (Parallel `Branches[i]`, Map `ItemProcessor`, `Iterator`) is an object with `StartAt` and `States`"#),
    V112 => (Error, AWS, Some("SCHEMA_VALIDATION_FAILED"), r#"A nested container has no field other than `StartAt`, `States`, `Comment`, and `ProcessorConfig` (ItemProcessor **and** legacy `Iterator`: AWS accepts `ProcessorConfig` in both (recorded)); `QueryLanguage`, `Version`, `TimeoutSeconds` are refused there"#),
    V113 => (Error, AWS, Some("TOO_DEEPLY_NESTED"), r#"Container nesting depth ≤ 40 (our limit, `asl::MAX_NESTING`; AWS has a code for it but documents no number)"#),
    V114 => (Error, AWS, None, r#"The definition text is ≤ 1,048,576 characters"#),
    V201 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"Every member of a `States` object is an object with a `Type`"#),
    V202 => (Error, SPEC, None, r#"`Type` is one of `Pass`, `Task`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel`, `Map`"#),
    V203 => (Error, SPEC, Some("INVALID_STATE_NAME"), r#"A state name is 1..80 characters (Unicode scalar values); any characters allowed"#),
    V204 => (Error, SPEC, Some("DUPLICATE_STATE_NAME"), r#"State names are unique in the whole definition, across every nested container"#),
    V205 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A state carries only the fields of its type ; `Next`/`End` on Succeed/Fail/Choice are V303 instead"#),
    V206 => (Error, SPEC, None, r#"`Comment` (state, retrier, catcher, Choice rule) is a string"#),
    V207 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A state does not declare `"QueryLanguage": "JSONPath"` when the machine's top-level `QueryLanguage` is `JSONata` (a JSONata state inside a JSONPath machine, and JSONPath states nested in such a state, are fine (recorded))"#),
    V208 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A JSONata-only field (`Output`, `Arguments`, `Items`, Choice-rule `Condition` and rule-level `Output`, catcher `Output`) appears in a state whose effective language (its own `QueryLanguage`, else its enclosing state's, else the machine's) is JSONPath"#),
    V209 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A JSONPath-only field (`InputPath`, `OutputPath`, `Parameters`, `ResultSelector`, `ResultPath`, `Result`, `ItemsPath`, every `…Path` field, Choice `Variable`/operators/`And`/`Or`/`Not`, catcher `ResultPath`) appears in a JSONata state"#),
    V210 => (Error, SPEC, None, r#"`End` is a JSON boolean"#),
    V301 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"Every target is a string naming a state that exists in the definition (if it exists only in another container, V304/V305 apply instead)"#),
    V302 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"Pass, Task, Wait, Parallel and Map have exactly one of `Next` and `"End": true`"#),
    V303 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"Succeed, Fail and Choice have neither `Next` nor `End` (Choice transitions only through rules and `Default`)"#),
    V304 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"No transition crosses a **Parallel branch** boundary: the target exists, but not in the source's container, and the innermost container involved is a branch"#),
    V305 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"The same for a **Map processor** (`ItemProcessor`/`Iterator`) boundary"#),
    V306 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"Every state is reachable from its container's `StartAt` through targets (not reported for a container that has V307)"#),
    V307 => (Error, SPEC, Some("MISSING_END_STATE"), r#"Each container (top level, every branch, every processor) has at least one terminal state (`"End": true`, Succeed, Fail)"#),
    V308 => (Warning, AWS, None, r#"Every reachable state can reach a terminal state (no closed loop without an exit)"#),
    V309 => (Error, SPEC, Some("MISSING_TRANSITION_TARGET"), r#"A nested container's `StartAt` names a state of that same container"#),
    V401 => (Error, SPEC, None, r#"`Choices` is present and is a non-empty array"#),
    V402 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"Every top-level rule has `Next`"#),
    V403 => (Error, SPEC, None, r#"Nested rules (inside `And`/`Or`/`Not`) carry no `Next` and no `Assign`"#),
    V404 => (Error, SPEC, None, r#"A JSONPath rule is either a boolean expression (exactly one of `And`, `Or`, `Not`, nothing else but `Next`/`Assign`/`Comment`) or a data test (`Variable` plus exactly one comparison operator)"#),
    V405 => (Error, SPEC, None, r#"`And`/`Or` hold a non-empty array of rule objects; `Not` holds one rule object"#),
    V406 => (Error, SPEC, None, r#"No unknown member in a rule (misspelt operators such as `StringEqual`)"#),
    V407 => (Error, SPEC, None, r#"Operand types: `String*`/`StringMatches` string; `Numeric*` number; `BooleanEquals` boolean; `Timestamp*` string; `Is*` boolean; every `…Path` operator a string"#),
    V408 => (Error, SPEC, None, r#"A literal `Timestamp*` operand is an RFC 3339 timestamp"#),
    V409 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`Variable` and every `…Path` operand is a reference path (`$$` and `$var` allowed)"#),
    V410 => (Warning, SPEC, None, r#"In `StringMatches`, a backslash is followed only by `*` or `\`"#),
    V412 => (Error, SPEC, None, r#"A JSONata rule has `Condition`, a boolean literal or a JSONata string, and no member other than `Condition`, `Next`, `Assign`, `Output`, `Comment` (JSONPath members there are V209)"#),
    V413 => (Warning, AWS, None, r#"A Choice state without `Default`"#),
    V501 => (Error, SPEC, None, r#"`Retry` and `Catch` are arrays of objects (empty arrays are valid (recorded))"#),
    V502 => (Error, SPEC, None, r#"`ErrorEquals` is present and is a non-empty array of strings"#),
    V503 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`States.ALL` appears alone in its `ErrorEquals`"#),
    V504 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A retrier or catcher naming `States.ALL` is the last of its array"#),
    V505 => (Warning, SPEC, None, r#"An `ErrorEquals` entry starting with `States.` is one of the predefined error names"#),
    V506 => (Error, SPEC, None, r#"`IntervalSeconds` is an integer 1..99,999,999"#),
    V507 => (Error, SPEC, None, r#"`MaxAttempts` is an integer 0..99,999,999"#),
    V508 => (Error, SPEC, None, r#"`BackoffRate` is a number ≥ 1.0"#),
    V509 => (Error, AWS, None, r#"`MaxDelaySeconds` is an integer 1..31,622,400"#),
    V510 => (Error, AWS, None, r#"`JitterStrategy` is `FULL` or `NONE`"#),
    V511 => (Error, SPEC, None, r#"A retrier has no member other than `ErrorEquals`, `IntervalSeconds`, `MaxAttempts`, `BackoffRate`, `MaxDelaySeconds`, `JitterStrategy` and `Comment`"#),
    V512 => (Error, SPEC, None, r#"A catcher has `Next`"#),
    V513 => (Error, SPEC, None, r#"A catcher has no member other than `ErrorEquals`, `Next`, `Comment`, `Assign`, and `ResultPath` (JSONPath) or `Output` (JSONata); the wrong-language ones are V208/V209"#),
    V515 => (Warning, AWS, None, r#"An error name already listed by an earlier retrier (or catcher) of the same array: the later entry can never match it"#),
    V516 => (Warning, AWS, None, r#"`States.Runtime` in `ErrorEquals`: it is never caught or retried, even when named"#),
    V601 => (Error, SPEC, None, r#"Parallel `Branches` is present and is a non-empty array (each branch: V111/V112)"#),
    V603 => (Error, SPEC, None, r#"A Map has exactly one of `ItemProcessor` and `Iterator`"#),
    V604 => (Error, AWS, None, r#"`ProcessorConfig` is an object with only `Mode` (`INLINE`/`DISTRIBUTED`) and `ExecutionType` (`STANDARD`/`EXPRESS`)"#),
    V605 => (Error, AWS, None, r#"`Mode: DISTRIBUTED` requires `ExecutionType`"#),
    V607 => (Warning, AWS, None, r#"`ItemReader`, `ItemBatcher`, `ResultWriter`, `Label`, `ToleratedFailure*` on a Map that is not DISTRIBUTED"#),
    V608 => (Error, AWS, None, r#"`ItemReader`: object with `Resource` (`arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`), `Parameters` (JSONPath) / `Arguments` (JSONata), `ReaderConfig`; `ReaderConfig` members and enum values as AWS documents them"#),
    V609 => (Error, AWS, None, r#"`ReaderConfig.MaxItems` xor `MaxItemsPath`; `MaxItems` an integer 0..100,000,000 (or a JSONata string); `0` is a WARNING: AWS accepts it and reads every item, as if no limit were set (recorded)"#),
    V610 => (Error, AWS, None, r#"`ItemBatcher`: at least one of `MaxItemsPerBatch(Path)`, `MaxInputBytesPerBatch(Path)`; literal xor path for each; positive integers; `MaxInputBytesPerBatch` ≤ 262,144; only those and `BatchInput`"#),
    V611 => (Error, AWS, None, r#"`ResultWriter`: non-empty object of `Resource` (`arn:aws:states:::s3:putObject`), `Parameters`/`Arguments` (only with `Resource`), `WriterConfig` (`OutputType` `JSON`/`JSONL`, `Transformation` `NONE`/`COMPACT`/`FLATTEN`)"#),
    V612 => (Error, SPEC, None, r#"`ToleratedFailurePercentage` a number 0..100 (fractions allowed (recorded)); `ToleratedFailureCount` an integer ≥ 0; each literal xor its `…Path`; JSONata: literal or JSONata string"#),
    V613 => (Error, SPEC, None, r#"`MaxConcurrency` an integer ≥ 0 (JSONata: or a JSONata string); not together with `MaxConcurrencyPath`"#),
    V614 => (Error, AWS, Some("INVALID_LABEL_NAME"), r#"`Label`: 1..40 characters, none of whitespace, `? *`, `< > { } [ ]`, `: ; , \ | ^ ~ $ # % & \` "`, control characters"#),
    V615 => (Error, AWS, Some("DUPLICATE_LABEL_NAME"), r#"`Label` values are unique in the definition"#),
    V616 => (Error, SPEC, None, r#"A Map has not both `Parameters` (legacy) and `ItemSelector`"#),
    V617 => (Error, SPEC, None, r#"JSONata `Items` is an array literal or a JSONata string"#),
    V701 => (Error, SPEC, None, r#"Wait has exactly one of `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath` (JSONata: of `Seconds`, `Timestamp`)"#),
    V702 => (Error, SPEC, None, r#"`Seconds` is an integer 0..99,999,999 (JSONata: or a JSONata string)"#),
    V703 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"A literal `Timestamp` is RFC 3339 (`T`, zone `Z` or `±hh:mm`, valid month/day/hour…); in a JSONPath state a `{% %}` string is a literal and fails this check"#),
    V704 => (Error, SPEC, None, r#"Task has `Resource`, a string"#),
    V705 => (Error, SPEC, Some("INVALID_RESOURCE"), r#"`spec`: `Resource` is a URI. `aws`: it is a recognised ARN (Lambda function ARN with optional qualifier, activity ARN, `arn:<p>:states:::<service>:<action>[suffix]`, `…:aws-sdk:<service>:<action>`, `…:http:invoke`), elided ARNs excepted (V706)"#),
    V706 => (Warning, SPEC, None, r#"An elided documentation ARN such as `arn:aws:lambda:...:function:X` (a `...` segment)"#),
    V707 => (Error, AWS, Some("SCHEMA_VALIDATION_FAILED"), r#"An optimized integration `arn:<p>:states:::<service>:<action>` names a pair Step Functions offers (table kept as data in the validator); `aws-sdk:` needs `<service>:<apiAction>`"#),
    V708 => (Error, AWS, None, r#"An integration suffix is one of `.sync`, `.sync:2`, `.waitForTaskToken`"#),
    V710 => (Error, SPEC, None, r#"`TimeoutSeconds` is an integer 1..99,999,999 (JSONata: or a JSONata string)"#),
    V711 => (Error, SPEC, None, r#"Not both `TimeoutSeconds` and `TimeoutSecondsPath`"#),
    V712 => (Error, SPEC, None, r#"`HeartbeatSeconds` is an integer 1..99,999,999 (JSONata: or a JSONata string)"#),
    V713 => (Error, SPEC, None, r#"Not both `HeartbeatSeconds` and `HeartbeatSecondsPath`"#),
    V714 => (Error, SPEC, None, r#"With both literals, `HeartbeatSeconds` < `TimeoutSeconds`"#),
    V715 => (Error, AWS, Some("SCHEMA_VALIDATION_FAILED"), r#"`Credentials` is an object with `RoleArn` (literal, `RoleArn.$`, or a JSONata string)"#),
    V716 => (Error, SPEC, None, r#"Fail: not both `Error` and `ErrorPath`; not both `Cause` and `CausePath`"#),
    V717 => (Error, AWS, None, r#"`ErrorPath`/`CausePath`: a reference path (`$$` allowed) or a call of `States.Format`, `JsonToString`, `ArrayGetItem`, `Base64Encode`, `Base64Decode`, `Hash`, `UUID`"#),
    V718 => (Error, SPEC, None, r#"Fail `Error`/`Cause` are strings (JSONata: possibly JSONata strings)"#),
    V719 => (Warning, AWS, Some("PASS_RESULT_IS_STATIC"), r#"Pass `Result` holds a `.$` key whose value looks like a path or intrinsic: it will **not** be evaluated"#),
    V720 => (Warning, AWS, Some("NO_DOLLAR"), r#"A payload-template member whose key lacks `.$` but whose string value looks like a path (`$.…`, `$[…`, `$`) or an intrinsic call: it is passed literally"#),
    V721 => (Warning, AWS, Some("NO_PATH"), r#"A JSONPath Fail `Error`/`Cause` that looks like a path (`ErrorPath`/`CausePath` was probably meant)"#),
    V722 => (Warning, AWS, None, r#"A `.waitForTaskToken` Task passes its task token (`$$.Task.Token`, JSONata `$states.context.Task.Token`) in its request"#),
    V801 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`InputPath`/`OutputPath` (`null` allowed) and every path-valued `.$` member parse as paths: start with `$`, balanced brackets and quotes, no empty segment"#),
    V802 => (Error, SPEC, None, r#"`ResultPath` (state or catcher) does not start with `$$` and is not a variable path (`$name…`)"#),
    V803 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"Reference-path fields are reference paths: no `*`, `..`, `?()`, `@`, slices, unions, functions; `ItemsPath` and `…Path` fields are never `null`"#),
    V804 => (Error, AWS, None, r#"No Jayway path functions (`.length()`, `.min()`…) or script expressions (`[(@.length-1)]`) in any path"#),
    V805 => (Error, SPEC, None, r#"The value of a `.$` member is a string"#),
    V806 => (Error, SPEC, None, r#"After removing `.$`, no object of a template has two equal keys (`a` and `a.$`)"#),
    V807 => (Error, SPEC, None, r#"Intrinsic syntax: `States.Name(args)` covering the whole string, quoted strings closed, escapes only `\'`, `\{`, `\}`, `\\`, balanced parentheses, valid path arguments"#),
    V808 => (Error, SPEC, None, r#"Intrinsic semantics: known name (case-sensitive); arity (`Format` ≥ 1, `Array` ≥ 0, `MathRandom` 2–3, `UUID` 0, the others fixed); `JsonToString` argument a path; literal argument types (e.g. `Hash` algorithm one of five, `JsonMerge` third argument `false`)"#),
    V809 => (Error, AWS, None, r#"At most 10 levels of nested intrinsic calls in one field"#),
    V810 => (Warning, SPEC, None, r#"`States.Format` with a literal template: number of `{}` equals the number of further arguments"#),
    V812 => (Error, SPEC_ONLY, None, r#"`Parameters`, `ResultSelector`, `ItemSelector` are JSON objects"#),
    V813 => (Warning, AWS, None, r#"A path filter compares with an unquoted word (`[?(@.code == es)]`): AWS accepts it, but the word is no value; quote it (`'es'`)"#),
    V901 => (Error, SPEC, None, r#"In a JSONata-evaluated field, a string that starts with `{%` also ends with `%}` and vice versa"#),
    V902 => (Error, AWS, Some("INVALID_JSONATA_EXPRESSION"), r#"The text between `{%` and `%}` parses as a JSONata expression"#),
    V903 => (Error, AWS, Some("UNSUPPORTED_JSONATA_EXPRESSION"), r#"No top-level reference to an implicit input (`$`, `$$`, bare field names)"#),
    V904 => (Error, SPEC, Some("SCHEMA_VALIDATION_FAILED"), r#"`$states.result` only in the top-level `Output` and `Assign` of Task, Map, Parallel"#),
    V905 => (Error, SPEC, None, r#"`$states.errorOutput` only in a catcher's `Output` and `Assign`"#),
    V906 => (Warning, AWS, None, r#"`$states.<m>` with `m` other than `input`, `result`, `errorOutput`, `context`"#),
    V907 => (Error, AWS, None, r#"No `$eval` call (use `$parse`)"#),
    V910 => (Error, SPEC, None, r#"An `Assign` key (after stripping `.$` in JSONPath) is an identifier (first `ID_Start`, then `ID_Continue`), ≤ 80 characters; no `.` or `[`"#),
    V911 => (Error, SPEC, None, r#"A state inside a branch or processor does not assign a variable that a state of an enclosing scope assigns (a catcher's `Assign` belongs to the scope of its state)"#),
    V912 => (Error, SPEC, None, r#"No variable named `states`"#),
    V914 => (Warning, AWS, None, r#"The JSON text of one `Assign` value, or of all literal values of one `Assign`, exceeds 262,144 bytes"#),
    V915 => (Warning, AWS, None, r#"A JSONPath `.$` value or intrinsic argument reads `$name…` but no state of the definition assigns `name`"#),
    V916 => (Error, SPEC, None, r#"`Assign` (state, Choice rule, catcher) is a JSON object"#),
    V917 => (Warning, AWS, None, r#"A state inside a DISTRIBUTED Map processor reads a variable assigned outside that processor"#),
    V918 => (Warning, AWS, None, r#"A state reads a variable (JSONPath or JSONata) that no path from `StartAt` assigns before it"#),
    V951 => (Error, EXPRESS, Some("SCHEMA_VALIDATION_FAILED"), r#"EXPRESS: no activity `Resource`"#),
    V952 => (Error, EXPRESS, Some("SCHEMA_VALIDATION_FAILED"), r#"EXPRESS: no `.sync` or `.sync:2` integration"#),
    V953 => (Error, EXPRESS, Some("SCHEMA_VALIDATION_FAILED"), r#"EXPRESS: no `.waitForTaskToken` integration"#),
}

impl Rule {
    /// The warnings that are certain failures when the workflow runs: a loop with no way out
    /// (V308), a `States.Format` whose placeholders and values differ in number (V810), a
    /// variable nothing assigns (V915) or that no path assigns before it is read (V918). AWS
    /// accepts such definitions, so `workflow validate` warns; a definition written in Rust is
    /// refused for them, as for errors ([`Diagnostic::blocks_build`](super::Diagnostic::blocks_build)).
    pub const SURE_FAILURES: &'static [Rule] = &[Rule::V308, Rule::V810, Rule::V915, Rule::V918];

    /// Looks a rule up by its id (`"V301"`; `"v301"` too).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|rule| rule.id().eq_ignore_ascii_case(id))
    }

    /// The profiles the rule is checked under, e.g. `["aws", "aws-express", "spec"]`.
    pub fn profiles(self) -> Vec<Profile> {
        [Profile::Aws, Profile::AwsExpress, Profile::Spec]
            .into_iter()
            .filter(|profile| self.applies_to(*profile))
            .collect()
    }

    /// One line of facts: severity, profiles and AWS's code, e.g. "error · profiles aws,
    /// aws-express, spec · AWS code `MISSING_TRANSITION_TARGET`".
    pub fn facts(self) -> String {
        let severity = self.default_severity().as_str().to_ascii_lowercase();
        let profiles: Vec<String> = self.profiles().iter().map(ToString::to_string).collect();
        let mut facts = format!("{severity} · profiles {}", profiles.join(", "));
        if let Some(code) = self.aws_code() {
            facts.push_str(&format!(" · AWS code `{code}`"));
        }
        facts
    }

    /// The whole entry as `workflow explain` prints it: `V301: <summary>`, the [facts], and
    /// the [details].
    ///
    /// [facts]: Rule::facts
    /// [details]: Rule::details
    pub fn explain(self) -> String {
        format!(
            "{}: {}\n\n{}\n\n{}",
            self.id(),
            self.summary(),
            self.facts(),
            self.details()
        )
    }

    /// Where the entry is on the web: its section of `docs/rules.md` in the repository.
    pub fn help_url(self) -> String {
        format!(
            "{}/blob/main/docs/rules.md#{}",
            env!("CARGO_PKG_REPOSITORY"),
            self.id().to_ascii_lowercase()
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_126_rules() {
        assert_eq!(Rule::ALL.len(), 126);
        assert_eq!(Rule::from_id("V301"), Some(Rule::V301));
        assert_eq!(Rule::V301.aws_code(), Some("MISSING_TRANSITION_TARGET"));
    }

    #[test]
    fn profiles_are_as_documented() {
        assert!(Rule::V812.applies_to(Profile::Spec));
        assert!(!Rule::V812.applies_to(Profile::Aws));
        assert!(Rule::V951.applies_to(Profile::AwsExpress));
        assert!(!Rule::V951.applies_to(Profile::Aws));
        assert!(Rule::V705.applies_to(Profile::AwsExpress));
        assert!(!Rule::V707.applies_to(Profile::Spec));
    }
}
