//! Durability: state machines, STANDARD executions and every history event in SQLite under
//! `--data-dir`, written as they happen, so a restarted server knows everything and resumes
//! what was running (EXPRESS executions stay in memory, as on AWS).

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, mpsc};

use rusqlite::{Connection, params};
use serde_json::Value;
use workflow_dsl::engine::{Event, Status};

use super::registry::{Execution, Machine, MachineType, Run};

/// The database of one data directory. A failed write does not stop the execution that made
/// it; the first such error is kept for [`Store::error`].
///
/// Events and execution ends go through one writer thread that commits them in batches (group
/// commit): thousands of executions write without waiting for each other. What a crash loses
/// from the last batch, resuming regenerates (the replay is deterministic); a Task answered in
/// that window runs again.
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    error: Arc<Mutex<Option<String>>>,
    writes: mpsc::Sender<Write>,
}

/// A write for the writer thread.
enum Write {
    Event {
        execution_arn: String,
        id: u64,
        previous_id: u64,
        timestamp: i64,
        kind: &'static str,
        details: Option<String>,
    },
    Finish {
        arn: String,
        status: Option<&'static str>,
        stopped: Option<f64>,
        output: Option<String>,
        error: Option<String>,
        cause: Option<String>,
    },
}

/// The most writes committed together.
const BATCH: usize = 4096;

fn writer(
    connection: Arc<Mutex<Connection>>,
    error: Arc<Mutex<Option<String>>>,
    writes: mpsc::Receiver<Write>,
) {
    while let Ok(first) = writes.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match writes.try_recv() {
                Ok(write) => batch.push(write),
                Err(_) => break,
            }
        }
        let mut connection = connection
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let result = commit(&mut connection, &batch);
        if let Err(failure) = result {
            error
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .get_or_insert(failure.to_string());
        }
    }
}

fn commit(connection: &mut Connection, batch: &[Write]) -> rusqlite::Result<()> {
    let transaction = connection.transaction()?;
    {
        let mut event = transaction
            .prepare_cached("INSERT OR IGNORE INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        let mut finish = transaction.prepare_cached(
            "UPDATE executions SET status = ?2, stopped = ?3, output = ?4, error = ?5, cause = ?6 WHERE arn = ?1",
        )?;
        for write in batch {
            match write {
                Write::Event {
                    execution_arn,
                    id,
                    previous_id,
                    timestamp,
                    kind,
                    details,
                } => {
                    event.execute(params![
                        execution_arn,
                        id,
                        previous_id,
                        timestamp,
                        kind,
                        details
                    ])?;
                }
                Write::Finish {
                    arn,
                    status,
                    stopped,
                    output,
                    error,
                    cause,
                } => {
                    finish.execute(params![arn, status, stopped, output, error, cause])?;
                }
            }
        }
    }
    transaction.commit()
}

/// A state machine as stored.
pub struct MachineRow {
    pub arn: String,
    pub name: String,
    pub definition: String,
    pub role_arn: String,
    pub express: bool,
    pub created: f64,
}

/// An execution as stored, with its history.
pub struct ExecutionRow {
    pub arn: String,
    pub machine_arn: String,
    pub name: String,
    pub input: String,
    pub started: f64,
    /// The definition it started with.
    pub definition: String,
    pub case: Option<String>,
    pub status: Option<String>,
    pub stopped: Option<f64>,
    pub output: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
    pub events: Vec<Event>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS machines (
    arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL, role_arn TEXT NOT NULL,
    express INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
    arn TEXT PRIMARY KEY, machine_arn TEXT NOT NULL, name TEXT NOT NULL, input TEXT NOT NULL,
    started REAL NOT NULL, definition TEXT NOT NULL, test_case TEXT, status TEXT, stopped REAL,
    output TEXT, error TEXT, cause TEXT, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    execution_arn TEXT NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL,
    timestamp INTEGER NOT NULL, kind TEXT NOT NULL, details TEXT,
    PRIMARY KEY (execution_arn, id));
";

fn text(error: rusqlite::Error) -> String {
    error.to_string()
}

impl Store {
    /// Opens (or creates) `dir/workflow.sqlite3`.
    pub fn open(dir: &Path) -> Result<Store, String> {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        let path = dir.join("workflow.sqlite3");
        let connection = Connection::open(&path)
            .map_err(|error| format!("cannot open {}: {error}", path.display()))?;
        // WAL with NORMAL sync: a crash of the process loses nothing committed; only a power
        // loss may drop the last moments.
        connection
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            .map_err(text)?;
        connection.execute_batch(SCHEMA).map_err(text)?;
        let connection = Arc::new(Mutex::new(connection));
        let error = Arc::new(Mutex::new(None));
        let (writes, receiver) = mpsc::channel();
        let (shared, failures) = (connection.clone(), error.clone());
        std::thread::spawn(move || writer(shared, failures, receiver));
        Ok(Store {
            connection,
            error,
            writes,
        })
    }

    /// The first write that failed, if any.
    pub fn error(&self) -> Option<String> {
        self.error
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
    }

    fn record(&self, result: rusqlite::Result<usize>) {
        if let Err(error) = result {
            self.error
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .get_or_insert(error.to_string());
        }
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn save_machine(&self, machine: &Machine) {
        let result = self.lock().execute(
            "INSERT OR REPLACE INTO machines VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                machine.arn,
                machine.name,
                machine.definition,
                machine.role_arn,
                machine.kind == MachineType::Express,
                machine.created
            ],
        );
        self.record(result);
    }

    pub fn delete_machine(&self, arn: &str) {
        let result = self
            .lock()
            .execute("DELETE FROM machines WHERE arn = ?1", params![arn]);
        self.record(result);
    }

    pub fn save_execution(&self, execution: &Execution) {
        let result = self.lock().execute(
            "INSERT INTO executions (arn, machine_arn, name, input, started, definition, test_case, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT COUNT(*) FROM executions))",
            params![
                execution.arn,
                execution.machine_arn,
                execution.name,
                execution.input,
                execution.started,
                execution.definition,
                execution.case
            ],
        );
        self.record(result);
    }

    pub fn finish_execution(&self, arn: &str, run: &Run) {
        self.send(Write::Finish {
            arn: arn.to_owned(),
            status: run.status.map(Status::as_str),
            stopped: run.stopped,
            output: run.output.clone(),
            error: run.error.clone(),
            cause: run.cause.clone(),
        });
    }

    pub fn append_event(&self, execution_arn: &str, event: &Event) {
        self.send(Write::Event {
            execution_arn: execution_arn.to_owned(),
            id: event.id,
            previous_id: event.previous_event_id,
            timestamp: event.timestamp,
            kind: event.kind,
            details: event.details.to_value().map(|value| value.to_string()),
        });
    }

    fn send(&self, write: Write) {
        if self.writes.send(write).is_err() {
            self.error
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .get_or_insert_with(|| "the store's writer stopped".to_owned());
        }
    }

    pub fn machines(&self) -> Result<Vec<MachineRow>, String> {
        let connection = self.lock();
        let mut statement = connection
            .prepare("SELECT arn, name, definition, role_arn, express, created FROM machines ORDER BY created")
            .map_err(text)?;
        let rows = statement
            .query_map([], |r| {
                Ok(MachineRow {
                    arn: r.get(0)?,
                    name: r.get(1)?,
                    definition: r.get(2)?,
                    role_arn: r.get(3)?,
                    express: r.get(4)?,
                    created: r.get(5)?,
                })
            })
            .map_err(text)?;
        rows.collect::<Result<_, _>>().map_err(text)
    }

    pub fn executions(&self) -> Result<Vec<ExecutionRow>, String> {
        let connection = self.lock();
        let mut statement = connection
            .prepare(
                "SELECT arn, machine_arn, name, input, started, definition, test_case, status, stopped, output, error, cause
                 FROM executions ORDER BY position",
            )
            .map_err(text)?;
        let mut executions: Vec<ExecutionRow> = statement
            .query_map([], |r| {
                Ok(ExecutionRow {
                    arn: r.get(0)?,
                    machine_arn: r.get(1)?,
                    name: r.get(2)?,
                    input: r.get(3)?,
                    started: r.get(4)?,
                    definition: r.get(5)?,
                    case: r.get(6)?,
                    status: r.get(7)?,
                    stopped: r.get(8)?,
                    output: r.get(9)?,
                    error: r.get(10)?,
                    cause: r.get(11)?,
                    events: Vec::new(),
                })
            })
            .map_err(text)?
            .collect::<Result<_, _>>()
            .map_err(text)?;
        let mut events = connection
            .prepare("SELECT id, previous_id, timestamp, kind, details FROM events WHERE execution_arn = ?1 ORDER BY id")
            .map_err(text)?;
        for execution in &mut executions {
            execution.events = events
                .query_map(params![execution.arn], |r| {
                    let kind: String = r.get(3)?;
                    let details: Option<String> = r.get(4)?;
                    Ok(Event::new(
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        &kind,
                        details.and_then(|text| serde_json::from_str::<Value>(&text).ok()),
                    ))
                })
                .map_err(text)?
                .collect::<Result<_, _>>()
                .map_err(text)?;
        }
        Ok(executions)
    }
}
