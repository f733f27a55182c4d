//! Tasks as Rust types: [`TaskFn`] says what a Task runs as on AWS (its `Resource`) and how it
//! runs locally, with typed input, output and error. `wf.task("Charge", Charge)` puts it into a
//! workflow; the built machine's [`Built::handlers`](super::Built::handlers) run it on the
//! interpreter, keyed by the state it was given to, so tests need no string keys.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use serde_json::json;
//! use workflow_dsl::builder::{TaskError, TaskFn, Workflow};
//! use workflow_dsl::engine::{Engine, Status};
//!
//! #[derive(Deserialize)]
//! struct Order { total: f64 }
//! #[derive(Serialize)]
//! struct Receipt { charged: f64 }
//!
//! /// Charges the card; on AWS, the Lambda function `charge`.
//! struct Charge;
//!
//! impl TaskFn for Charge {
//!     type Input = Order;
//!     type Output = Receipt;
//!     type Error = Declined;
//!     fn resource(&self) -> String {
//!         "arn:aws:lambda:us-east-1:123456789012:function:charge".into()
//!     }
//!     async fn call(&self, order: Order) -> Result<Receipt, Declined> {
//!         if order.total > 1000.0 { Err(Declined) } else { Ok(Receipt { charged: order.total }) }
//!     }
//! }
//!
//! struct Declined;
//! impl TaskError for Declined {
//!     fn error(&self) -> String { "Declined".into() }
//!     fn cause(&self) -> String { "the card was declined".into() }
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let wf = Workflow::new();
//! let charge = wf.task("Charge", Charge).end();
//! let built = wf.build(charge)?;
//! let engine = Engine::new(&built)?.handlers(built.handlers())?;
//! let outcome = engine.run_blocking(json!({"total": 42.0}));
//! assert_eq!(outcome.output, Some(json!({"charged": 42.0})));
//! let declined = engine.run_blocking(json!({"total": 5000.0}));
//! assert_eq!((declined.status, declined.error.as_deref()), (Status::Failed, Some("Declined")));
//! # Ok(())
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A Task implemented in Rust: the resource it runs as on AWS, and the function that answers
/// it on the local interpreter.
pub trait TaskFn: Send + Sync + 'static {
    /// The Task's effective input (after `InputPath` and `Parameters`), deserialised.
    type Input: DeserializeOwned + Send + 'static;
    /// The task result (before `ResultSelector`, `ResultPath` and `OutputPath`).
    type Output: Serialize + 'static;
    /// How the task fails: an error name that `Retry` and `Catch` match, and a cause.
    type Error: TaskError + 'static;

    /// The `Resource` of the Task state on AWS, e.g. a Lambda function ARN.
    fn resource(&self) -> String;

    /// Runs the task locally.
    fn call(
        &self,
        input: Self::Input,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send;
}

/// A task's failure as Step Functions sees it: the error name (`Retry`/`Catch` match it) and
/// the cause.
pub trait TaskError {
    /// The error name, e.g. `"OutOfStock"`.
    fn error(&self) -> String;
    /// The cause, a human-readable text.
    fn cause(&self) -> String;
}

/// A task that cannot fail.
impl TaskError for std::convert::Infallible {
    fn error(&self) -> String {
        match *self {}
    }

    fn cause(&self) -> String {
        match *self {}
    }
}

/// What a [`Workflow::task`](super::Workflow::task) runs: a resource ARN (`&str`, `String`), or
/// a [`TaskFn`] that also runs locally.
pub trait TaskResource {
    /// The `Resource` ARN.
    fn resource(&self) -> String;
    /// The local implementation, when there is one.
    #[doc(hidden)]
    fn implementation(self) -> Option<LocalTask>;
}

impl TaskResource for &str {
    fn resource(&self) -> String {
        (*self).to_owned()
    }

    fn implementation(self) -> Option<LocalTask> {
        None
    }
}

impl TaskResource for String {
    fn resource(&self) -> String {
        self.clone()
    }

    fn implementation(self) -> Option<LocalTask> {
        None
    }
}

impl TaskResource for &String {
    fn resource(&self) -> String {
        (*self).clone()
    }

    fn implementation(self) -> Option<LocalTask> {
        None
    }
}

impl<T: TaskFn> TaskResource for T {
    fn resource(&self) -> String {
        TaskFn::resource(self)
    }

    fn implementation(self) -> Option<LocalTask> {
        let task = Arc::new(self);
        Some(LocalTask(Arc::new(move |input: Value| {
            let task = Arc::clone(&task);
            Box::pin(async move {
                let input: T::Input = serde_json::from_value(input).map_err(|error| {
                    LocalFailure::TaskFailed(format!(
                        "the input does not fit the task's input type: {error}"
                    ))
                })?;
                let output = task
                    .call(input)
                    .await
                    .map_err(|error| LocalFailure::Raised {
                        error: error.error(),
                        cause: error.cause(),
                    })?;
                serde_json::to_value(output).map_err(|error| {
                    LocalFailure::TaskFailed(format!("the task's output is not JSON: {error}"))
                })
            })
        })))
    }
}

/// A [`TaskFn`] with its types erased, as the builder keeps it until the engine runs it
/// (feature `engine`).
#[doc(hidden)]
#[derive(Clone)]
#[cfg_attr(not(feature = "engine"), allow(dead_code))]
pub struct LocalTask(pub(crate) Arc<LocalFn>);

type LocalFn = dyn Fn(Value) -> Pin<Box<dyn Future<Output = Result<Value, LocalFailure>> + Send>>
    + Send
    + Sync;

/// How a local task failed.
#[doc(hidden)]
#[derive(Debug)]
#[cfg_attr(not(feature = "engine"), allow(dead_code))]
pub enum LocalFailure {
    /// The task returned its error.
    Raised {
        /// The error name.
        error: String,
        /// The cause.
        cause: String,
    },
    /// Its input or output did not fit its types (`States.TaskFailed`).
    TaskFailed(String),
}

impl std::fmt::Debug for LocalTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalTask")
    }
}
