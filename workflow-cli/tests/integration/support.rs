//! Running the `workflow` binary.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `workflow` binary the tests were built with.
pub fn workflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workflow"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Writes `text` to a file named `name` in the tests' scratch folder; returns its path.
pub fn write(name: &str, text: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A command's standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
