//! What the server knows: state machines by ARN and executions by ARN, in creation order.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use workflow_dsl::engine::{Engine, Event, Status};

use super::mock_config::MockConfig;

/// Where the server says it runs: ARNs are `arn:aws:states:<region>:<account>:…`.
#[derive(Clone, Debug)]
pub struct Config {
    /// The region in ARNs.
    pub region: String,
    /// The account in ARNs.
    pub account: String,
    /// Step Functions Local test cases, selected with `stateMachineArn#CaseName`.
    pub mock_config: Option<MockConfig>,
    /// A Lambda-compatible endpoint (`http://host:port`) for Lambda Tasks.
    pub lambda_endpoint: Option<String>,
    /// Where state machines, executions and histories are kept (`None`: in memory only).
    pub data_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            mock_config: None,
            lambda_endpoint: None,
            data_dir: None,
        }
    }
}

/// STANDARD or EXPRESS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MachineType {
    Standard,
    Express,
}

impl MachineType {
    pub fn as_str(self) -> &'static str {
        match self {
            MachineType::Standard => "STANDARD",
            MachineType::Express => "EXPRESS",
        }
    }
}

/// A created state machine.
pub struct Machine {
    pub name: String,
    pub arn: String,
    pub definition: String,
    pub role_arn: String,
    pub kind: MachineType,
    pub created: f64,
    pub engine: Engine,
}

/// An execution and how far it got.
pub struct Execution {
    pub arn: String,
    pub machine_arn: String,
    pub name: String,
    pub input: String,
    /// The definition it started with (an update does not change a running execution).
    pub definition: String,
    /// The mock-config test case it runs, if any.
    pub case: Option<String>,
    pub started: f64,
    pub express: bool,
    pub run: Mutex<Run>,
    /// Ends the running execution (StopExecution).
    pub stop: Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
}

/// The changing part of an execution.
#[derive(Default)]
pub struct Run {
    /// `None` while running.
    pub status: Option<Status>,
    pub stopped: Option<f64>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub history: Vec<Event>,
}

impl Run {
    pub fn status_name(&self) -> &'static str {
        self.status.map_or("RUNNING", Status::as_str)
    }
}

pub struct Registry {
    pub config: Config,
    pub machines: Mutex<BTreeMap<String, Arc<Machine>>>,
    /// Executions by ARN, with their order of creation (for listing).
    pub executions: Mutex<Executions>,
    /// Tasks waiting for SendTaskSuccess / SendTaskFailure, by task token.
    pub callbacks: Arc<super::callbacks::Waiting>,
    /// Activities and their queued tasks.
    pub activities: Arc<super::activities::Activities>,
    /// The durable store, with `--data-dir`.
    pub store: Option<Arc<super::store::Store>>,
    /// Where executions run.
    pub executors: super::executors::Executors,
}

#[derive(Default)]
pub struct Executions {
    pub by_arn: BTreeMap<String, Arc<Execution>>,
    pub order: Vec<String>,
}

impl Registry {
    pub fn new(config: Config, executors: super::executors::Executors) -> Registry {
        Registry {
            executors,
            store: None,
            config,
            machines: Mutex::new(BTreeMap::new()),
            executions: Mutex::new(Executions::default()),
            callbacks: Arc::default(),
            activities: Arc::default(),
        }
    }

    /// The machines, even if a thread panicked while holding the lock: the data stays usable.
    pub fn machines(&self) -> MutexGuard<'_, BTreeMap<String, Arc<Machine>>> {
        self.machines
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn executions(&self) -> MutexGuard<'_, Executions> {
        self.executions
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn machine_arn(&self, name: &str) -> String {
        format!(
            "arn:aws:states:{}:{}:stateMachine:{name}",
            self.config.region, self.config.account
        )
    }
}

impl Execution {
    pub fn run(&self) -> MutexGuard<'_, Run> {
        self.run.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn stop(&self) -> MutexGuard<'_, Option<tokio::sync::oneshot::Sender<()>>> {
        self.stop
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// Seconds since the epoch, as the JSON protocol writes timestamps.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_millis() as f64 / 1000.0)
}

/// An event as GetExecutionHistory returns it: the console's shape with an epoch timestamp.
pub fn event_json(event: &Event, include_data: bool) -> Value {
    let mut value = event.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "timestamp".to_owned(),
            Value::from(event.timestamp as f64 / 1000.0),
        );
        if !include_data {
            for details in object.values_mut().filter_map(Value::as_object_mut) {
                for key in ["input", "output", "inputDetails", "outputDetails"] {
                    details.remove(key);
                }
            }
        }
    }
    value
}
