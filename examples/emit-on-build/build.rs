//! Writes `workflow.json` and the input's `workflow.schema.json` next to this crate's
//! `Cargo.toml` from the builder code in `src/definition.rs`. Files are rewritten only when their
//! content changes; an invalid workflow fails the build with the validator's findings, and its
//! warnings are shown as cargo warnings.

#[path = "src/definition.rs"]
mod definition;

fn main() {
    println!("cargo::rerun-if-changed=src/definition.rs");
    let (machine, schema) = match definition::approval() {
        Ok(built) => built,
        Err(error) => {
            for line in error.to_string().lines() {
                println!("cargo::error={line}");
            }
            return;
        }
    };
    // Warnings do not stop the build, but cargo shows them.
    for warning in machine.warnings.diagnostics() {
        println!("cargo::warning={warning}");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = dir.join("workflow.json");
    if let Err(error) = workflow_dsl::emit(&machine, &path) {
        println!("cargo::error=cannot write {}: {error}", path.display());
    }
    if let Some(schema) = schema {
        let path = dir.join("workflow.schema.json");
        if let Err(error) = workflow_dsl::emit_schema(&schema, &path) {
            println!("cargo::error=cannot write {}: {error}", path.display());
        }
    }
}
