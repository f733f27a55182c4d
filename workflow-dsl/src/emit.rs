//! [`emit`]: a definition written to a file for deployment, from `build.rs` or a tool.

use std::path::Path;

use crate::StateMachine;

/// Writes `machine` as canonical ASL JSON to `path`, unless the file already holds exactly that
/// text: an unchanged file keeps its modification time, so a `build.rs` that emits on every run
/// never makes Cargo rebuild what depends on it. Returns whether the file was written.
pub fn emit(machine: &StateMachine, path: impl AsRef<Path>) -> std::io::Result<bool> {
    let path = path.as_ref();
    let text = machine.to_json_pretty();
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == text) {
        return Ok(false);
    }
    std::fs::write(path, text)?;
    Ok(true)
}
