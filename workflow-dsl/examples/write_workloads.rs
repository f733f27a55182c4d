//! Writes the benchmark workloads as files, for interpreters that read them from disk
//! (`scripts/bench_peers.py`): `NAME.asl.json`, `NAME.input.json`, `NAME.mocks.json` where
//! Tasks are mocked, and `manifest.json` with each one's transitions and output digest.
//!
//! `cargo run -p workflow-dsl --example write_workloads -- DIR`

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value, json};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write_workloads DIR");
        return ExitCode::from(2);
    };
    match write_all(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("write_workloads: {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut manifest = Map::new();
    for workload in workloads::all() {
        let name = workload.name;
        write(&dir.join(format!("{name}.asl.json")), &workload.definition)?;
        write(&dir.join(format!("{name}.input.json")), &workload.input)?;
        let mut entry = json!({
            "expected_transitions": workload.transitions,
            "expected_output_sha256": workload.output_sha256,
            "express": workload.express,
        });
        if let Some(mocks) = &workload.mocks {
            let file = format!("{name}.mocks.json");
            write(&dir.join(&file), mocks)?;
            entry["mocks"] = Value::from(file);
        }
        manifest.insert(name.to_owned(), entry);
    }
    write(&dir.join("manifest.json"), &Value::Object(manifest))
}

fn write(path: &Path, value: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}
