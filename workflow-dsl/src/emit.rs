//! [`emit`] and [`emit_schema`]: a definition (and its input's JSON Schema) written to files for
//! deployment, from `build.rs` or a tool.

use std::path::Path;

use crate::StateMachine;

/// Writes `machine` as canonical ASL JSON to `path`, unless the file already holds exactly that
/// text: an unchanged file keeps its modification time, so a `build.rs` that emits on every run
/// never makes Cargo rebuild what depends on it. Returns whether the file was written.
pub fn emit(machine: &StateMachine, path: impl AsRef<Path>) -> std::io::Result<bool> {
    write_if_changed(path.as_ref(), &machine.to_json_pretty())
}

/// Writes an input JSON Schema (from `Workflow::build_with_schema`) to `path`, by convention
/// `<name>.schema.json` beside `<name>.json`; like [`emit`], only when it changed.
pub fn emit_schema(schema: &serde_json::Value, path: impl AsRef<Path>) -> std::io::Result<bool> {
    let mut text = serde_json::to_string_pretty(schema).map_err(std::io::Error::other)?;
    text.push('\n');
    write_if_changed(path.as_ref(), &text)
}

fn write_if_changed(path: &Path, text: &str) -> std::io::Result<bool> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == text) {
        return Ok(false);
    }
    std::fs::write(path, text)?;
    Ok(true)
}
