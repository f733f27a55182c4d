//! `workflow serve`: the AWS Step Functions API (JSON 1.0 protocol) on localhost, so boto3, the
//! aws CLI and SDKs work unchanged against the bundled interpreter.
//!
//! `protocol.rs` reads requests and writes AWS-shaped answers and errors; `registry.rs` holds the
//! state machines and executions; `operations.rs` is one function per API operation;
//! `mock_config.rs`, `callbacks.rs`, `activities.rs`, `lambda.rs` and `tasks.rs` answer Tasks;
//! `test_state.rs` is TestState. Executions run on the wall clock, as tasks on one single-threaded executor per core
//! (`executors.rs`); with a data directory everything is stored (`store.rs`) and a restart
//! resumes what was running.

mod activities;
mod callbacks;
mod executors;
mod lambda;
mod mock_config;
mod operations;
mod protocol;
mod registry;
mod store;
mod tasks;
mod test_state;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;

pub use mock_config::MockConfig;
pub use registry::Config;
use registry::Registry;

/// The largest request body read: a 1 MiB definition plus JSON escaping and the other members.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The API as an axum router. With `config.data_dir`, opens the store, loads what it holds and
/// resumes the executions that were running.
pub fn router(config: Config) -> Result<Router, String> {
    let executors = executors::Executors::start()
        .map_err(|error| format!("cannot start the executors: {error}"))?;
    let mut registry = Registry::new(config, executors);
    if let Some(dir) = &registry.config.data_dir {
        registry.store = Some(Arc::new(store::Store::open(dir)?));
    }
    operations::restore(&registry)?;
    Ok(Router::new()
        .route("/", post(handle))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(Arc::new(registry)))
}

/// Serves the API on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let router = router(config).map_err(std::io::Error::other)?;
    axum::serve(listener, router).await
}

async fn handle(
    State(registry): State<Arc<Registry>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = match protocol::Request::read(&headers, &body) {
        Ok(request) => operations::dispatch(&registry, request).await,
        Err(error) => Err(error),
    };
    protocol::respond(result)
}
