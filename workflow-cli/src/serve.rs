//! `workflow serve`: the Step Functions API on a local port, until interrupted.

use workflow::server::{Config, MockConfig, serve as run_server};

use crate::Status;
use crate::cli::ServeArgs;

pub fn serve(args: &ServeArgs) -> Status {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("workflow: cannot start the async runtime: {error}");
            return Status::BadInput;
        }
    };
    let mock_config = match &args.mock_config {
        None => None,
        Some(path) => match read_mock_config(path) {
            Ok(config) => Some(config),
            Err(message) => {
                eprintln!("workflow: {}: {message}", path.display());
                return Status::BadInput;
            }
        },
    };
    let config = Config {
        region: args.region.clone(),
        account: args.account.clone(),
        mock_config,
        lambda_endpoint: args.lambda_endpoint.clone(),
        data_dir: if args.in_memory {
            None
        } else {
            args.data_dir.clone().or_else(default_data_dir)
        },
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.bind).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!("workflow: cannot listen on {}: {error}", args.bind);
                return Status::BadInput;
            }
        };
        let address = listener.local_addr().map_or(args.bind, |a| a);
        eprintln!("workflow: serving the Step Functions API on http://{address}");
        match run_server(listener, config).await {
            Ok(()) => Status::Ok,
            Err(error) => {
                eprintln!("workflow: the server stopped: {error}");
                Status::Failed
            }
        }
    })
}

fn read_mock_config(path: &std::path::Path) -> Result<MockConfig, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read it: {error}"))?;
    let value = serde_json::from_str(&text).map_err(|error| format!("not JSON: {error}"))?;
    MockConfig::from_value(&value)
}

/// `$XDG_DATA_HOME/workflow`, else `~/.local/share/workflow`.
fn default_data_dir() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".local/share"))
        })?;
    Some(base.join("workflow"))
}
