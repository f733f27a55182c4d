//! Reading a definition, as every command that takes one does: the file, its format (JSON or
//! YAML), and its `${NAME}` substitutions (`--sub`, `--substitutions`).

use std::path::Path;

use workflow::Format;
use workflow::substitutions::{Substituted, Substitutions};

use crate::cli::SubstitutionArgs;
use crate::output::read;

/// The values of `--substitutions FILE` and then of each `--sub NAME=VALUE`.
pub fn substitutions(args: &SubstitutionArgs) -> Result<Substitutions, String> {
    let mut substitutions = Substitutions::new();
    if let Some(path) = &args.file {
        let text = read(path)?;
        substitutions
            .insert_text(&text, Format::of_file(path, &text))
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    for assignment in &args.assignments {
        substitutions
            .insert_assignment(assignment)
            .map_err(|error| format!("--sub {error}"))?;
    }
    Ok(substitutions)
}

/// The definition in `path`, in the format its name or text says, substituted.
pub fn read_definition(path: &Path, substitutions: &Substitutions) -> Result<Substituted, String> {
    let text = read(path)?;
    Ok(substitutions.apply(&text, Format::of_file(path, &text)))
}

/// Refuses a definition to run when a placeholder has no value, unless it appears only in
/// `Comment` fields: the interpreter would run the placeholder's text (or a stand-in) as if it
/// were the value.
pub fn ready_to_run(definition: &Substituted, file: &Path) -> Result<(), String> {
    let fields = definition.placeholder_fields();
    let needed: Vec<String> = definition
        .unresolved
        .iter()
        .filter(|name| {
            let mut places = fields
                .iter()
                .filter(|(_, names)| names.contains(name))
                .peekable();
            // Not in any string: it stands for a number or boolean.
            places.peek().is_none() || places.any(|(pointer, _)| !pointer.ends_with("/Comment"))
        })
        .map(|name| {
            let at: Vec<&str> = fields
                .iter()
                .filter(|(_, names)| names.contains(name))
                .map(|(pointer, _)| pointer.as_str())
                .collect();
            match at.is_empty() {
                true => format!("${{{name}}}"),
                false => format!("${{{name}}} (at {})", at.join(", ")),
            }
        })
        .collect();
    if needed.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}: cannot run with placeholders that have no value: {}; give each with --sub NAME=VALUE or --substitutions FILE",
        file.display(),
        needed.join(", ")
    ))
}
