//! Runs the order-approval workflow that `build.rs` emitted to `workflow.json`, with a Rust
//! closure as the reviewer.

mod definition;

use serde_json::json;
use workflow_dsl::engine::{Engine, Handlers};

fn main() -> std::process::ExitCode {
    let machine = match definition::approval() {
        Ok((machine, _schema)) => machine,
        Err(error) => {
            eprintln!("{error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let handlers = Handlers::new().state("ManualReview", |_| async {
        Ok(json!({"approved": false, "by": "reviewer"}))
    });
    let engine = match Engine::new(&machine).and_then(|engine| engine.handlers(handlers)) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("{error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let outcome = engine.run_blocking(json!({"order_id": "o-1", "amount": 250}));
    println!("{}", outcome.to_json());
    std::process::ExitCode::SUCCESS
}
