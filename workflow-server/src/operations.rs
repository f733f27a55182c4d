//! One function per API operation, with AWS's member names, errors and limits.

use std::sync::{Arc, Mutex};

use serde_json::{Map, Value, json};
use workflow_dsl::engine::{
    Details, Engine, Event, ExecutionIdentity, Handlers, MAX_PAYLOAD_BYTES, WallClock,
    task_attempts,
};
use workflow_dsl::{Profile, StateMachine, check};

use super::executors::Job;
use super::protocol::{ApiError, ApiResult, Request};
use super::registry::{Execution, Machine, MachineType, Registry, Run, event_json, now};
use super::{activities, callbacks, tasks, test_state};

/// AWS's limit on a definition.
const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

pub async fn dispatch(registry: &Arc<Registry>, request: Request) -> ApiResult {
    // A store that failed to write would lose what comes next: say so instead of accepting it.
    if let Some(error) = registry.store.as_ref().and_then(|store| store.error()) {
        return Err(ApiError::new(
            "ServiceUnavailable",
            format!(
                "the data directory cannot be written ({error}); fix it and restart the server"
            ),
        ));
    }
    match request.operation.as_str() {
        "CreateStateMachine" => create_state_machine(registry, &request),
        "DescribeStateMachine" => describe_state_machine(registry, &request),
        "UpdateStateMachine" => update_state_machine(registry, &request),
        "DeleteStateMachine" => delete_state_machine(registry, &request),
        "ListStateMachines" => list_state_machines(registry, &request),
        "ValidateStateMachineDefinition" => validate_definition(&request),
        "StartExecution" => start_execution(registry, &request),
        "StartSyncExecution" => start_sync_execution(registry, &request).await,
        "DescribeExecution" => describe_execution(registry, &request),
        "DescribeStateMachineForExecution" => describe_machine_for_execution(registry, &request),
        "ListExecutions" => list_executions(registry, &request),
        "GetExecutionHistory" => get_execution_history(registry, &request),
        "StopExecution" => stop_execution(registry, &request),
        "TestState" => test_state::test_state(&request).await,
        "SendTaskSuccess" => callbacks::send_success(registry, &request),
        "SendTaskFailure" => callbacks::send_failure(registry, &request),
        "SendTaskHeartbeat" => callbacks::send_heartbeat(registry, &request),
        "CreateActivity" => activities::create(registry, &request),
        "DeleteActivity" => activities::delete(registry, &request),
        "DescribeActivity" => activities::describe(registry, &request),
        "ListActivities" => activities::list(registry, &request),
        "GetActivityTask" => activities::get_task(registry, &request).await,
        other => Err(ApiError::new(
            "UnknownOperationException",
            format!("the operation {other:?} is not supported by this server"),
        )),
    }
}

/// A state machine or execution name as AWS accepts it: 1–80 characters, none of whitespace,
/// `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /` or control characters.
pub fn check_name(name: &str) -> Result<(), ApiError> {
    let bad =
        |c: char| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c);
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(bad) {
        return Err(ApiError::new(
            "InvalidName",
            format!("Invalid Name: '{name}'"),
        ));
    }
    Ok(())
}

fn machine_type(request: &Request) -> Result<MachineType, ApiError> {
    match request.optional_string("type")? {
        None | Some("STANDARD") => Ok(MachineType::Standard),
        Some("EXPRESS") => Ok(MachineType::Express),
        Some(other) => Err(ApiError::validation(format!(
            "1 validation error detected: Value '{other}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
        ))),
    }
}

/// The definition, checked as CreateStateMachine checks it, compiled for the engine.
fn load_definition(text: &str, kind: MachineType) -> Result<(StateMachine, Engine), ApiError> {
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to {MAX_DEFINITION_BYTES}"
        )));
    }
    let profile = match kind {
        MachineType::Standard => Profile::Aws,
        MachineType::Express => Profile::AwsExpress,
    };
    let report = check(text, profile);
    if report.has_errors() {
        let message = report
            .aws_create_error()
            .unwrap_or_else(|| report.to_string());
        return Err(ApiError::new("InvalidDefinition", message));
    }
    let machine = StateMachine::from_json(text)
        .map_err(|report| ApiError::new("InvalidDefinition", report.to_string()))?;
    let engine = Engine::new(&machine)
        .map_err(|error| ApiError::new("InvalidDefinition", error.to_string()))?
        .clock(Arc::new(WallClock));
    Ok((machine, engine))
}

fn check_role(role_arn: &str) -> Result<(), ApiError> {
    if !role_arn.starts_with("arn:") {
        return Err(ApiError::new(
            "InvalidArn",
            format!("Invalid Arn: '{role_arn}'"),
        ));
    }
    Ok(())
}

fn create_state_machine(registry: &Registry, request: &Request) -> ApiResult {
    let name = request.string("name")?;
    check_name(name)?;
    let definition = request.string("definition")?;
    let role_arn = request.string("roleArn")?;
    check_role(role_arn)?;
    let kind = machine_type(request)?;
    let (_, engine) = load_definition(definition, kind)?;
    let arn = registry.machine_arn(name);
    let mut machines = registry.machines();
    if let Some(existing) = machines.get(&arn) {
        // Creating the same machine again is idempotent; anything else is a conflict.
        if existing.definition == definition
            && existing.role_arn == role_arn
            && existing.kind == kind
        {
            return Ok(json!({"stateMachineArn": arn, "creationDate": existing.created}));
        }
        return Err(ApiError::new(
            "StateMachineAlreadyExists",
            format!("State Machine Already Exists: '{arn}'"),
        ));
    }
    let created = now();
    let machine = Arc::new(Machine {
        name: name.to_owned(),
        arn: arn.clone(),
        definition: definition.to_owned(),
        role_arn: role_arn.to_owned(),
        kind,
        created,
        engine,
    });
    if let Some(store) = &registry.store {
        store.save_machine(&machine);
    }
    machines.insert(arn.clone(), machine);
    Ok(json!({"stateMachineArn": arn, "creationDate": created}))
}

/// The machine an ARN names, with AWS's errors for a malformed or unknown one.
fn machine(registry: &Registry, arn: &str) -> Result<Arc<Machine>, ApiError> {
    if !arn.starts_with("arn:aws:states:") || !arn.contains(":stateMachine:") {
        return Err(ApiError::new("InvalidArn", format!("Invalid Arn: '{arn}'")));
    }
    registry.machines().get(arn).cloned().ok_or_else(|| {
        ApiError::new(
            "StateMachineDoesNotExist",
            format!("State Machine Does Not Exist: '{arn}'"),
        )
    })
}

fn describe(machine: &Machine) -> Value {
    json!({
        "stateMachineArn": machine.arn,
        "name": machine.name,
        "status": "ACTIVE",
        "definition": machine.definition,
        "roleArn": machine.role_arn,
        "type": machine.kind.as_str(),
        "creationDate": machine.created,
        "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
        "tracingConfiguration": {"enabled": false},
    })
}

fn describe_state_machine(registry: &Registry, request: &Request) -> ApiResult {
    let machine = machine(registry, request.string("stateMachineArn")?)?;
    Ok(describe(&machine))
}

fn update_state_machine(registry: &Registry, request: &Request) -> ApiResult {
    let current = machine(registry, request.string("stateMachineArn")?)?;
    let definition = request
        .optional_string("definition")?
        .unwrap_or(&current.definition);
    let role_arn = request
        .optional_string("roleArn")?
        .unwrap_or(&current.role_arn);
    check_role(role_arn)?;
    let (_, engine) = load_definition(definition, current.kind)?;
    let updated = now();
    // Running executions keep the definition they started with (their own engine).
    let machine = Arc::new(Machine {
        name: current.name.clone(),
        arn: current.arn.clone(),
        definition: definition.to_owned(),
        role_arn: role_arn.to_owned(),
        kind: current.kind,
        created: current.created,
        engine,
    });
    if let Some(store) = &registry.store {
        store.save_machine(&machine);
    }
    registry.machines().insert(current.arn.clone(), machine);
    Ok(json!({"updateDate": updated}))
}

fn delete_state_machine(registry: &Registry, request: &Request) -> ApiResult {
    let arn = request.string("stateMachineArn")?;
    machine(registry, arn)?;
    registry.machines().remove(arn);
    if let Some(store) = &registry.store {
        store.delete_machine(arn);
    }
    Ok(json!({}))
}

/// `maxResults` (default 100, at most 1000) and `nextToken` (where the previous page ended).
pub fn page(request: &Request) -> Result<(usize, usize), ApiError> {
    let max = request.optional_u64("maxResults")?.unwrap_or(100);
    if max > 1000 {
        return Err(ApiError::validation(
            "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
        ));
    }
    let max = if max == 0 { 100 } else { max as usize };
    let start = match request.optional_string("nextToken")? {
        None => 0,
        Some(token) => token
            .parse()
            .map_err(|_| ApiError::new("InvalidToken", format!("Invalid Token: '{token}'")))?,
    };
    Ok((start, max))
}

/// One page of `items` as `{member: [...], "nextToken"?}`.
pub fn paged(items: Vec<Value>, member: &str, start: usize, max: usize) -> Value {
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let mut body = Map::new();
    body.insert(member.to_owned(), Value::Array(page));
    if start + max < total {
        body.insert(
            "nextToken".to_owned(),
            Value::from((start + max).to_string()),
        );
    }
    Value::Object(body)
}

fn list_state_machines(registry: &Registry, request: &Request) -> ApiResult {
    let (start, max) = page(request)?;
    let mut machines: Vec<Arc<Machine>> = registry.machines().values().cloned().collect();
    machines.sort_by(|a, b| a.created.total_cmp(&b.created).then(a.name.cmp(&b.name)));
    let items = machines
        .iter()
        .map(|m| json!({"stateMachineArn": m.arn, "name": m.name, "type": m.kind.as_str(), "creationDate": m.created}))
        .collect();
    Ok(paged(items, "stateMachines", start, max))
}

fn validate_definition(request: &Request) -> ApiResult {
    let definition = request.string("definition")?;
    let profile = match machine_type(request)? {
        MachineType::Standard => Profile::Aws,
        MachineType::Express => Profile::AwsExpress,
    };
    Ok(check(definition, profile).to_aws_validation())
}

/// The execution input as given (default `{}`), checked as StartExecution checks it.
fn execution_input(request: &Request) -> Result<(String, Value), ApiError> {
    let text = request.optional_string("input")?.unwrap_or("{}");
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(ApiError::new(
            "InvalidExecutionInput",
            format!(
                "the input is {} bytes; the limit is {MAX_PAYLOAD_BYTES}",
                text.len()
            ),
        ));
    }
    let value = serde_json::from_str(text).map_err(|error| {
        ApiError::new(
            "InvalidExecutionInput",
            format!("Invalid State Machine Execution Input: '{error}'"),
        )
    })?;
    Ok((text.to_owned(), value))
}

/// Who an execution is: its names and ARNs in `$$`, history and answers.
fn identity(
    registry: &Registry,
    machine: &Machine,
    name: &str,
    express: bool,
) -> ExecutionIdentity {
    ExecutionIdentity {
        state_machine_name: machine.name.clone(),
        execution_name: name.to_owned(),
        region: registry.config.region.clone(),
        account: registry.config.account.clone(),
        role_arn: machine.role_arn.clone(),
        express,
    }
}

fn new_execution(
    registry: &Registry,
    machine: &Machine,
    request: &Request,
    express: bool,
    case: Option<&str>,
) -> Result<(Arc<Execution>, Value, bool), ApiError> {
    let name = match request.optional_string("name")? {
        Some(name) => {
            check_name(name)?;
            name.to_owned()
        }
        None => uuid_name(),
    };
    let (input_text, input) = execution_input(request)?;
    let arn = identity(registry, machine, &name, express).execution_arn();
    let mut executions = registry.executions();
    if let Some(existing) = executions.by_arn.get(&arn) {
        // The same name and input is the same request again (idempotent).
        if existing.input == input_text && existing.run().status.is_none() {
            return Ok((existing.clone(), input, false));
        }
        return Err(ApiError::new(
            "ExecutionAlreadyExists",
            format!("Execution Already Exists: '{arn}'"),
        ));
    }
    let execution = Arc::new(Execution {
        arn: arn.clone(),
        machine_arn: machine.arn.clone(),
        name,
        input: input_text,
        definition: machine.definition.clone(),
        case: case.map(str::to_owned),
        started: now(),
        express,
        run: Mutex::new(Run::default()),
        stop: Mutex::new(None),
    });
    executions.by_arn.insert(arn.clone(), execution.clone());
    executions.order.push(arn);
    if let (Some(store), false) = (&registry.store, express) {
        store.save_execution(&execution);
    }
    Ok((execution, input, true))
}

/// AWS names unnamed executions with a random UUID.
fn uuid_name() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Runs `execution` on an executor (resuming it from `record` when given), storing its events
/// as they happen and its end; the receiver hears when it is over.
pub fn launch(
    registry: &Registry,
    execution: Arc<Execution>,
    engine: &Engine,
    identity: ExecutionIdentity,
    input: Value,
    handlers: Option<Handlers>,
    record: Option<Vec<Event>>,
) -> std::sync::mpsc::Receiver<()> {
    let resources = Arc::new(tasks::Resources {
        waiting: registry.callbacks.clone(),
        activities: registry.activities.clone(),
        lambda_endpoint: registry.config.lambda_endpoint.clone(),
    });
    let engine = engine.clone().identity(identity);
    let with_fallback = |handlers: Handlers| {
        engine
            .clone()
            .handlers(handlers.fallback(tasks::handler(resources.clone())))
    };
    // StartExecution checked the test case's states against the machine, so the first
    // refuses nothing; were it to, the Tasks would get the server's own answers.
    let engine = handlers
        .and_then(|handlers| with_fallback(handlers).ok())
        .or_else(|| with_fallback(Handlers::new()).ok())
        .unwrap_or(engine.clone());
    // History is recorded as it happens (and stored, for STANDARD executions), so
    // GetExecutionHistory shows a running execution and a restart finds every event. A resumed
    // execution retraces its record first: those events are already there.
    let live = execution.clone();
    let store = registry.store.clone().filter(|_| !execution.express);
    let recorded = record.as_ref().map_or(0, Vec::len) as u64;
    let mut engine = engine.observe(Arc::new(move |event| {
        let mut run = live.run();
        // Retraced events are stored already; a stopped execution's history ends with
        // ExecutionAborted, whatever its run still emits before it is dropped.
        if event.id <= recorded || run.status.is_some() {
            return;
        }
        if let Some(store) = &store {
            store.append_event(&live.arn, event);
        }
        run.history.push(event.clone());
    }));
    if let Some(record) = &record {
        engine = engine.resume(record);
    }
    let store = registry.store.clone().filter(|_| !execution.express);
    let (done, finished) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    *execution.stop() = Some(stop);
    let job: Job = Box::new(move || {
        Box::pin(async move {
            // StopExecution drops the run: its waits, tasks and callbacks end with it. A panic
            // (a bug) must not leave the execution RUNNING forever, so it becomes a failure.
            let run = tokio::task::spawn_local(async move {
                tokio::select! {
                    outcome = engine.run(input) => Some(outcome),
                    _ = stopped => None,
                }
            });
            let ran = run.await;
            let mut run = execution.run();
            if run.status.is_none() {
                match ran {
                    Ok(Some(outcome)) => {
                        run.status = Some(outcome.status);
                        run.output = outcome.output.as_ref().map(Value::to_string);
                        run.error = outcome.error;
                        run.cause = outcome.cause;
                    }
                    Ok(None) => {}
                    Err(_) => fail(
                        &mut run,
                        "the interpreter stopped unexpectedly (a bug: please report it)".to_owned(),
                    ),
                }
                run.stopped = Some(now());
            }
            if let Some(store) = &store {
                store.finish_execution(&execution.arn, &run);
            }
            drop(run);
            let _ = done.send(());
        })
    });
    registry.executors.run(job);
    finished
}

fn fail(run: &mut Run, cause: String) {
    run.status = Some(workflow_dsl::engine::Status::Failed);
    run.error = Some("States.Runtime".to_owned());
    run.cause = Some(cause);
}

fn start_execution(registry: &Registry, request: &Request) -> ApiResult {
    // `arn#Case` runs the machine with the Tasks of a mock-config test case.
    let (arn, case) = match request.string("stateMachineArn")?.split_once('#') {
        Some((arn, case)) => (arn, Some(case)),
        None => (request.string("stateMachineArn")?, None),
    };
    let machine = machine(registry, arn)?;
    let handlers = match case {
        Some(case) => {
            let config = registry.config.mock_config.as_ref().ok_or_else(|| {
                ApiError::validation(format!(
                    "test case {case:?} asked for, but the server has no mock configuration: start it with --mock-config FILE"
                ))
            })?;
            let handlers = config
                .handlers(&machine.name, case, &Default::default())
                .map_err(ApiError::validation)?;
            // A test case that mocks a state the machine has no Task for is refused here,
            // where the caller hears why (a misspelt state name), not when the Task runs.
            machine
                .engine
                .clone()
                .handlers(handlers.clone())
                .map_err(|error| ApiError::validation(format!("test case {case:?}: {error}")))?;
            Some(handlers)
        }
        None => None,
    };
    let express = machine.kind == MachineType::Express;
    let (execution, input, fresh) = new_execution(registry, &machine, request, express, case)?;
    if fresh {
        let identity = identity(registry, &machine, &execution.name, express);
        drop(launch(
            registry,
            execution.clone(),
            &machine.engine,
            identity,
            input,
            handlers,
            None,
        ));
    }
    Ok(json!({"executionArn": execution.arn, "startDate": execution.started}))
}

async fn start_sync_execution(registry: &Registry, request: &Request) -> ApiResult {
    let machine = machine(registry, request.string("stateMachineArn")?)?;
    if machine.kind != MachineType::Express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ));
    }
    let (execution, input, _) = new_execution(registry, &machine, request, true, None)?;
    let identity = identity(registry, &machine, &execution.name, true);
    let finished = launch(
        registry,
        execution.clone(),
        &machine.engine,
        identity,
        input,
        None,
        None,
    );
    // Waiting blocks only a thread of tokio's blocking pool, not the server.
    let _ = tokio::task::spawn_blocking(move || finished.recv()).await;
    let mut body = describe_run(&execution);
    if let Some(object) = body.as_object_mut() {
        object.insert(
            "billingDetails".to_owned(),
            json!({"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100}),
        );
    }
    Ok(body)
}

fn execution(registry: &Registry, arn: &str) -> Result<Arc<Execution>, ApiError> {
    if !arn.starts_with("arn:aws:states:")
        || !(arn.contains(":execution:") || arn.contains(":express:"))
    {
        return Err(ApiError::new("InvalidArn", format!("Invalid Arn: '{arn}'")));
    }
    registry
        .executions()
        .by_arn
        .get(arn)
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                "ExecutionDoesNotExist",
                format!("Execution Does Not Exist: '{arn}'"),
            )
        })
}

fn describe_run(execution: &Execution) -> Value {
    let run = execution.run();
    let mut body = Map::new();
    body.insert(
        "executionArn".to_owned(),
        Value::from(execution.arn.as_str()),
    );
    body.insert(
        "stateMachineArn".to_owned(),
        Value::from(execution.machine_arn.as_str()),
    );
    body.insert("name".to_owned(), Value::from(execution.name.as_str()));
    body.insert("status".to_owned(), Value::from(run.status_name()));
    body.insert("startDate".to_owned(), Value::from(execution.started));
    if let Some(stopped) = run.stopped {
        body.insert("stopDate".to_owned(), Value::from(stopped));
    }
    body.insert("input".to_owned(), Value::from(execution.input.as_str()));
    body.insert("inputDetails".to_owned(), json!({"included": true}));
    if let Some(output) = &run.output {
        body.insert("output".to_owned(), Value::from(output.as_str()));
        body.insert("outputDetails".to_owned(), json!({"included": true}));
    }
    if let Some(error) = &run.error {
        body.insert("error".to_owned(), Value::from(error.as_str()));
    }
    if let Some(cause) = &run.cause {
        body.insert("cause".to_owned(), Value::from(cause.as_str()));
    }
    Value::Object(body)
}

fn describe_execution(registry: &Registry, request: &Request) -> ApiResult {
    let execution = execution(registry, request.string("executionArn")?)?;
    Ok(describe_run(&execution))
}

fn describe_machine_for_execution(registry: &Registry, request: &Request) -> ApiResult {
    let execution = execution(registry, request.string("executionArn")?)?;
    let machine = machine(registry, &execution.machine_arn)?;
    let mut body = describe(&machine);
    if let Some(object) = body.as_object_mut() {
        object.remove("status");
        object.remove("type");
        object.insert("updateDate".to_owned(), Value::from(machine.created));
    }
    Ok(body)
}

fn list_executions(registry: &Registry, request: &Request) -> ApiResult {
    let machine_arn = request.string("stateMachineArn")?;
    machine(registry, machine_arn)?;
    let filter = request.optional_string("statusFilter")?;
    const STATUSES: [&str; 6] = [
        "RUNNING",
        "SUCCEEDED",
        "FAILED",
        "TIMED_OUT",
        "ABORTED",
        "PENDING_REDRIVE",
    ];
    if let Some(filter) = filter
        && !STATUSES.contains(&filter)
    {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            STATUSES.join(", ")
        )));
    }
    let (start, max) = page(request)?;
    let executions = registry.executions();
    // Newest first, as AWS lists them.
    let items: Vec<Value> = executions
        .order
        .iter()
        .rev()
        .filter_map(|arn| executions.by_arn.get(arn))
        .filter(|e| e.machine_arn == machine_arn)
        .filter_map(|e| {
            let run = e.run();
            let status = run.status_name();
            if filter.is_some_and(|f| f != status) {
                return None;
            }
            let mut item = json!({"executionArn": e.arn, "stateMachineArn": e.machine_arn, "name": e.name, "status": status, "startDate": e.started});
            if let (Some(stopped), Some(object)) = (run.stopped, item.as_object_mut()) {
                object.insert("stopDate".to_owned(), Value::from(stopped));
            }
            Some(item)
        })
        .collect();
    Ok(paged(items, "executions", start, max))
}

fn get_execution_history(registry: &Registry, request: &Request) -> ApiResult {
    let execution = execution(registry, request.string("executionArn")?)?;
    if execution.express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ));
    }
    let (start, max) = page(request)?;
    let reverse = request.optional_bool("reverseOrder")?.unwrap_or(false);
    let include = request
        .optional_bool("includeExecutionData")?
        .unwrap_or(true);
    let run = execution.run();
    let mut events: Vec<Value> = run.history.iter().map(|e| event_json(e, include)).collect();
    if reverse {
        events.reverse();
    }
    Ok(paged(events, "events", start, max))
}

fn stop_execution(registry: &Registry, request: &Request) -> ApiResult {
    let execution = execution(registry, request.string("executionArn")?)?;
    let error = request.optional_string("error")?.map(str::to_owned);
    let cause = request.optional_string("cause")?.map(str::to_owned);
    let mut run = execution.run();
    if run.status.is_none() {
        let stopped = now();
        run.status = Some(workflow_dsl::engine::Status::Aborted);
        run.stopped = Some(stopped);
        let mut details = Map::new();
        if let Some(error) = &error {
            details.insert("error".to_owned(), Value::from(error.as_str()));
        }
        if let Some(cause) = &cause {
            details.insert("cause".to_owned(), Value::from(cause.as_str()));
        }
        let last = run.history.last().map_or(0, |event| event.id);
        run.history.push(Event {
            id: last + 1,
            previous_event_id: last,
            timestamp: (stopped * 1000.0) as i64,
            kind: "ExecutionAborted",
            details: Details::object(Value::Object(details)),
        });
        run.error = error;
        run.cause = cause;
        if let (Some(store), false) = (&registry.store, execution.express) {
            if let Some(event) = run.history.last() {
                store.append_event(&execution.arn, event);
            }
            store.finish_execution(&execution.arn, &run);
        }
    }
    let stop_date = run.stopped.unwrap_or_else(now);
    drop(run);
    if let Some(stop) = execution.stop().take() {
        let _ = stop.send(());
    }
    Ok(json!({"stopDate": stop_date}))
}

/// The status named as AWS names it.
fn status_named(name: &str) -> Option<workflow_dsl::engine::Status> {
    use workflow_dsl::engine::Status;
    [
        Status::Succeeded,
        Status::Failed,
        Status::TimedOut,
        Status::Aborted,
    ]
    .into_iter()
    .find(|status| status.as_str() == name)
}

/// Loads what the store holds and resumes every execution that was running when the server
/// stopped: each retraces its stored history, then goes on (waits end at their recorded times,
/// callbacks wait again for the same token).
pub fn restore(registry: &Registry) -> Result<(), String> {
    let Some(store) = registry.store.clone() else {
        return Ok(());
    };
    for row in store.machines()? {
        let kind = if row.express {
            MachineType::Express
        } else {
            MachineType::Standard
        };
        let (_, engine) = load_definition(&row.definition, kind)
            .map_err(|error| format!("{}: {}", row.arn, error.message))?;
        registry.machines().insert(
            row.arn.clone(),
            Arc::new(Machine {
                name: row.name,
                arn: row.arn,
                definition: row.definition,
                role_arn: row.role_arn,
                kind,
                created: row.created,
                engine,
            }),
        );
    }
    for row in store.executions()? {
        let status = row.status.as_deref().and_then(status_named);
        let execution = Arc::new(Execution {
            arn: row.arn.clone(),
            machine_arn: row.machine_arn.clone(),
            name: row.name.clone(),
            input: row.input.clone(),
            definition: row.definition.clone(),
            case: row.case.clone(),
            started: row.started,
            express: false,
            run: Mutex::new(Run {
                status,
                stopped: row.stopped,
                output: row.output.clone(),
                error: row.error.clone(),
                cause: row.cause.clone(),
                history: row.events.clone(),
            }),
            stop: Mutex::new(None),
        });
        {
            let mut executions = registry.executions();
            executions.by_arn.insert(row.arn.clone(), execution.clone());
            executions.order.push(row.arn.clone());
        }
        if status.is_some() {
            continue;
        }
        let (_, engine) = load_definition(&row.definition, MachineType::Standard)
            .map_err(|error| format!("{}: {}", row.arn, error.message))?;
        let machine_name = row
            .machine_arn
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .to_owned();
        let role_arn = registry
            .machines()
            .get(&row.machine_arn)
            .map(|machine| machine.role_arn.clone())
            .unwrap_or_default();
        let identity = ExecutionIdentity {
            state_machine_name: machine_name.clone(),
            execution_name: row.name.clone(),
            region: registry.config.region.clone(),
            account: registry.config.account.clone(),
            role_arn,
            express: false,
        };
        let handlers = match (&row.case, &registry.config.mock_config) {
            (Some(case), Some(config)) => config
                .handlers(&machine_name, case, &task_attempts(&row.events))
                .ok(),
            _ => None,
        };
        let input = serde_json::from_str(&row.input).unwrap_or(Value::Null);
        drop(launch(
            registry,
            execution,
            &engine,
            identity,
            input,
            handlers,
            Some(row.events),
        ));
    }
    Ok(())
}
