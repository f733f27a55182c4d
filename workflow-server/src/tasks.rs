//! How the server answers Task states nothing else answers (mock-config cases come first):
//! callbacks and activities wait for their token, Lambda functions go to `--lambda-endpoint`,
//! and anything else fails with `States.TaskFailed` naming the state and resource.

use std::pin::Pin;
use std::sync::Arc;

use workflow_dsl::engine::{TaskRequest, TaskResult, no_handler};

use super::activities::Activities;
use super::callbacks::{self, Waiting};
use super::lambda;

/// What the fallback handler needs.
pub struct Resources {
    pub waiting: Arc<Waiting>,
    pub activities: Arc<Activities>,
    pub lambda_endpoint: Option<String>,
}

impl Resources {
    async fn answer(&self, request: TaskRequest) -> TaskResult {
        let resource = request.resource.as_str();
        if resource.contains(":activity:") || resource.ends_with(".waitForTaskToken") {
            return callbacks::wait(&self.waiting, &self.activities, request).await;
        }
        match &self.lambda_endpoint {
            Some(endpoint) if lambda::is_lambda(resource) => {
                lambda::invoke(endpoint, &request).await
            }
            _ => Err(no_handler(&request)),
        }
    }
}

/// The engine's `Handlers::fallback` for a server execution.
pub fn handler(
    resources: Arc<Resources>,
) -> impl Fn(TaskRequest) -> Pin<Box<dyn Future<Output = TaskResult> + Send>> + Send + Sync + 'static
{
    move |request| {
        let resources = resources.clone();
        Box::pin(async move { resources.answer(request).await })
    }
}
