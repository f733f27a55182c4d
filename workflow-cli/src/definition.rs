//! Reading a definition, as every command that takes one does: the file, its format (JSON or
//! YAML), its `${NAME}` substitutions (`--sub`, `--substitutions`), and, when the file is a
//! CloudFormation, SAM or CDK template, the state machines in it.

use std::path::{Path, PathBuf};

use workflow::Format;
use workflow::substitutions::{Substituted, Substitutions};
use workflow::template::{self, TemplateMachine};

use crate::cli::SourceArgs;
use crate::output::read;

/// What a file given to a command holds, and its text as written (where findings are shown).
pub enum Source {
    /// A definition.
    Definition(Substituted, String),
    /// The state machines of a template.
    Template(Vec<TemplateMachine>, String, Format),
}

/// The values of `--substitutions FILE` and then of each `--sub NAME=VALUE`.
pub fn substitutions(args: &SourceArgs) -> Result<Substitutions, String> {
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

/// The files `path` stands for: itself, or for a folder (a `cdk.out` cloud assembly) its
/// `*.template.json` files and those of the assemblies nested one level down, sorted.
pub fn files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let templates = |folder: &Path| -> Result<Vec<PathBuf>, String> {
        let entries = std::fs::read_dir(folder)
            .map_err(|error| format!("{}: cannot read the folder: {error}", folder.display()))?;
        Ok(entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect())
    };
    let mut found = Vec::new();
    for entry in templates(path)? {
        if entry.is_dir() {
            found.extend(
                templates(&entry)?
                    .into_iter()
                    .filter(|file| is_cdk_template(file)),
            );
        } else if is_cdk_template(&entry) {
            found.push(entry);
        }
    }
    if found.is_empty() {
        return Err(format!(
            "{}: a folder holds no *.template.json (is it a cdk.out folder? run `cdk synth` first)",
            path.display()
        ));
    }
    found.sort();
    Ok(found)
}

fn is_cdk_template(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".template.json"))
}

/// What `path` holds, substituted.
pub fn read_source(path: &Path, substitutions: &Substitutions) -> Result<Source, String> {
    let text = read(path)?;
    let format = Format::of_file(path, &text);
    // Only a text that names `Resources` can be a template; parse it as one only then.
    if text.contains("Resources") {
        let parsed = template::parse(&text, format);
        if let Ok(value) = parsed
            && template::is_template(&value)
        {
            let machines = template::machines(&value, path, substitutions)
                .map_err(|error| format!("{}: {error}", path.display()))?;
            if machines.is_empty() {
                return Err(format!(
                    "{}: the template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine",
                    path.display()
                ));
            }
            return Ok(Source::Template(machines, text, format));
        }
    }
    Ok(Source::Definition(substitutions.apply(&text, format), text))
}

/// The one definition in `path`: the file itself, or the template's state machine named by
/// `machine` (which may be left out when the template has only one). Also whether the
/// template says it is EXPRESS.
pub fn read_definition(
    path: &Path,
    substitutions: &Substitutions,
    machine: Option<&str>,
) -> Result<(Substituted, bool), String> {
    let machines = match read_source(path, substitutions)? {
        Source::Definition(definition, _) => return Ok((definition, false)),
        Source::Template(machines, ..) => machines,
    };
    let ids = || {
        machines
            .iter()
            .map(|m| m.logical_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match machine {
        Some(id) => machines
            .iter()
            .find(|m| m.logical_id == id)
            .ok_or_else(|| {
                format!(
                    "{}: the template has no state machine `{id}`; it has: {}",
                    path.display(),
                    ids()
                )
            })?,
        None if machines.len() == 1 => &machines[0],
        None => {
            return Err(format!(
                "{}: the template has {} state machines; choose one with --machine ({})",
                path.display(),
                machines.len(),
                ids()
            ));
        }
    };
    match &chosen.definition {
        Some(definition) => Ok((definition.clone(), chosen.express)),
        None => Err(format!(
            "{}: {}: {}",
            path.display(),
            chosen.logical_id,
            chosen.note.as_deref().unwrap_or("no definition")
        )),
    }
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
