//! The canonical Amazon States Language model, its lossless JSON form, and the one validator.
//!
//! ```text
//! JSON text ──load──▶ StateMachine ──validate──▶ Report
//!                         ▲     │
//!           builder, macro┘     └──emit──▶ JSON text (canonical, lossless)
//! ```
//!
//! Read a definition, check it, and write it back:
//!
//! ```
//! use workflow_dsl::{Profile, StateMachine, check};
//!
//! let text = r#"{
//!   "StartAt": "Greet",
//!   "States": {
//!     "Greet": {"Type": "Pass", "Result": {"hello": "world"}, "Next": "Done"},
//!     "Done": {"Type": "Succeed"}
//!   }
//! }"#;
//! let report = check(text, Profile::Aws);
//! assert!(!report.has_errors(), "{report}");
//!
//! let machine = StateMachine::from_json(text)?;
//! assert_eq!(machine.states.len(), 2);
//! let again = StateMachine::from_json(&machine.to_json_pretty())?;
//! assert_eq!(again, machine);
//! # Ok::<(), workflow_dsl::Report>(())
//! ```
//!
//! Or write it in Rust with the [`builder`]: transitions take the handles states return, and
//! `build()` runs the same validator. From `build.rs`, [`emit`] writes the JSON only when it
//! changed:
//!
//! ```
//! use serde_json::json;
//! use workflow_dsl::builder::Workflow;
//!
//! let wf = Workflow::new();
//! let greet = wf
//!     .pass("Greet")
//!     .result(json!({"hello": "world"}))
//!     .then(wf.succeed("Done"));
//! let machine = wf.build(greet)?;
//!
//! let path = std::env::temp_dir().join(format!("greet-{}.asl.json", std::process::id()));
//! assert!(workflow_dsl::emit(&machine, &path)?, "first write");
//! assert!(!workflow_dsl::emit(&machine, &path)?, "unchanged: not written again");
//! # std::fs::remove_file(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A broken definition gets every finding at once, each with its rule id (`V301`, …), a JSON
//! pointer and the state it is in:
//!
//! ```
//! use workflow_dsl::{Profile, Rule, check};
//!
//! let report = check(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#, Profile::Aws);
//! let finding = &report.diagnostics()[0];
//! assert_eq!(finding.rule, Rule::V301);
//! assert_eq!(finding.pointer, "/States/A/Next");
//! assert_eq!(finding.to_string(), r#"error[V301] /States/A/Next (A): "B" is not a state"#);
//! ```

pub mod asl;
pub mod builder;
pub mod codegen;
pub mod diagnostics;
mod emit;
#[cfg(feature = "engine")]
pub mod engine;
pub mod graph;
pub mod intrinsics;
pub(crate) mod names;
pub mod path;
pub(crate) mod resource;
pub mod string_matches;
pub mod substitutions;
pub mod template;
pub mod timestamp;
pub mod validate;

pub use asl::{State, StateKind, StateMachine};
pub use emit::{emit, emit_schema};

/// What `workflow!` expansions call. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    use crate::builder::FieldOf;

    /// Compiles only when `T` has the field and its type suits a `K` comparison.
    pub fn field_of<K, T, F: FieldOf<K>>(_field: fn(&T) -> &F) {}

    /// Compiles only when `T` has the field.
    pub fn field<T, F>(_field: fn(&T) -> &F) {}
}
pub use asl::Format;
pub use validate::{
    Diagnostic, Profile, Report, Rule, Severity, check, check_and_load, check_and_load_as,
    check_as, validate,
};

use serde::de::{Deserialize, Deserializer, Error as _};

impl StateMachine {
    /// Reads a definition from JSON text. Fails with every shape and syntax problem found;
    /// run [`validate()`](crate::validate()) (or use [`check`]) for the graph and value rules.
    pub fn from_json(text: &str) -> Result<StateMachine, Report> {
        StateMachine::from_text(text, Format::Json)
    }

    /// Reads a definition from YAML text (as `*.asl.yaml` files hold it): the same model and
    /// findings as [`StateMachine::from_json`] (feature `yaml`).
    pub fn from_yaml(text: &str) -> Result<StateMachine, Report> {
        StateMachine::from_text(text, Format::Yaml)
    }

    /// Reads a definition written in `format` (see [`Format::of_file`] to pick it from a path).
    pub fn from_text(text: &str, format: Format) -> Result<StateMachine, Report> {
        let (machine, diagnostics, _) = validate::read_text(text, format);
        let report = Report::new(diagnostics);
        match machine {
            Some(machine) if !report.has_errors() => Ok(machine),
            _ => Err(report),
        }
    }

    /// The canonical YAML of the machine: the members of [`StateMachine::to_json_pretty`] in
    /// the same order, strings quoted where YAML would read them as another type (feature
    /// `yaml`). Reading it back gives an equal machine.
    #[cfg(feature = "yaml")]
    pub fn to_yaml(&self) -> String {
        asl::yaml::to_text(&self.to_value())
    }

    /// The canonical text in `format`: [`StateMachine::to_json_pretty`] or
    /// [`StateMachine::to_yaml`].
    #[cfg(feature = "yaml")]
    pub fn to_text(&self, format: Format) -> String {
        match format {
            Format::Json => self.to_json_pretty(),
            Format::Yaml => self.to_yaml(),
        }
    }

    /// Reads a definition from a JSON value (see [`StateMachine::from_json`]).
    pub fn from_value(value: &serde_json::Value) -> Result<StateMachine, Report> {
        let Some(json) = asl::json::Json::from_value(value) else {
            return Err(Report::new(vec![Diagnostic::new(
                Rule::V113,
                "",
                format!(
                    "the value nests arrays and objects more than {} levels deep",
                    asl::json::MAX_DEPTH
                ),
            )]));
        };
        let (machine, diagnostics) = asl::load::load(&json);
        let report = Report::new(diagnostics);
        match machine {
            Some(machine) if !report.has_errors() => Ok(machine),
            _ => Err(report),
        }
    }
}

impl<'de> Deserialize<'de> for StateMachine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StateMachine, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        StateMachine::from_value(&value).map_err(|report| {
            let first = report
                .errors()
                .next()
                .map(ToString::to_string)
                .unwrap_or_default();
            D::Error::custom(format!("invalid state machine: {first}"))
        })
    }
}
