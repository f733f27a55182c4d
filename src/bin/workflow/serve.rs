//! `workflow serve`: the Step Functions API on a local port, until interrupted.

use workflow::server::{Config, serve as run_server};

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
    let config = Config {
        region: args.region.clone(),
        account: args.account.clone(),
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
