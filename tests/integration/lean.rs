//! A library user depends on `workflow` and gets the model, builder, validator, interpreter and
//! schemas: none of the command line's or the server's dependencies.

#[test]
fn the_library_has_no_cli_or_server_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args([
            "tree",
            "-p",
            "workflow",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
            "--locked",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        tree.contains("workflow-dsl") && tree.contains("tokio"),
        "{tree}"
    );
    for crate_name in ["axum", "rusqlite", "clap", "hyper"] {
        assert!(
            !tree
                .lines()
                .any(|line| line.starts_with(&format!("{crate_name} "))),
            "`{crate_name}` is a dependency of the library:\n{tree}"
        );
    }
}
