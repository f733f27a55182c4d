//! Writes `workflow.json` next to this crate's `Cargo.toml` from the builder code in
//! `src/definition.rs`. The file is rewritten only when its content changes, and an invalid
//! workflow fails the build with the validator's findings.

#[path = "src/definition.rs"]
mod definition;

fn main() {
    println!("cargo::rerun-if-changed=src/definition.rs");
    let machine = match definition::approval() {
        Ok(machine) => machine,
        Err(error) => {
            for line in error.to_string().lines() {
                println!("cargo::error={line}");
            }
            return;
        }
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workflow.json");
    if let Err(error) = workflow_dsl::emit(&machine, &path) {
        println!("cargo::error=cannot write {}: {error}", path.display());
    }
}
