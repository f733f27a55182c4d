//! The builder's run-time checks (what types cannot express) and its output.

use serde_json::json;
use workflow_dsl::Rule;
use workflow_dsl::builder::{
    Built, Catch, Condition, Errors, Retry, ValidationErrors, Workflow, aws,
};
use workflow_dsl::engine::{Engine, Handlers, Status};

fn wiring(result: Result<Built, ValidationErrors>) -> Vec<String> {
    match result {
        Err(ValidationErrors::Wiring(problems)) => problems,
        other => panic!("expected wiring problems, got {other:?}"),
    }
}

#[test]
fn a_loop_is_a_back_reference_and_runs() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let (count, exit) = wf
        .pass("Count")
        .parameters(json!({"n.$": "States.MathAdd($.n, 1)"}))
        .open();
    let check = wf
        .choice("Check")
        .when(Condition::numeric_less_than("$.n", 3), count)
        .otherwise(done);
    exit.next(check);
    let machine = wf.build(count).unwrap_or_else(|error| panic!("{error}"));
    let names: Vec<&str> = machine.states.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Count", "Check", "Done"],
        "states in the order a reader follows"
    );
    let outcome = Engine::new(&machine).unwrap().run_blocking(json!({"n": 0}));
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(outcome.output, Some(json!({"n": 3})));
}

#[test]
fn a_workflow_written_top_down_equals_the_one_written_bottom_up() {
    let bottom_up = {
        let wf = Workflow::new();
        let done = wf.succeed("Done").add();
        let (count, exit) = wf
            .pass("Count")
            .parameters(json!({"n.$": "States.MathAdd($.n, 1)"}))
            .open();
        let check = wf
            .choice("Check")
            .when(Condition::numeric_less_than("$.n", 3), count)
            .otherwise(done);
        exit.next(check);
        let notify = wf
            .parallel("Notify")
            .branch(|b| {
                let sent = b.succeed("Sent").add();
                b.pass("Email").next(sent)
            })
            .result_path("$.notified")
            .next(count);
        let start = wf.pass("Start").next(notify);
        wf.build(start).unwrap_or_else(|error| panic!("{error}"))
    };
    let top_down = {
        let wf = Workflow::new();
        let check = wf.declare("Check");
        let start = wf
            .pass("Start")
            .then(
                wf.parallel("Notify")
                    .branch(|b| b.pass("Email").then(b.succeed("Sent")))
                    .result_path("$.notified"),
            )
            .then(
                wf.pass("Count")
                    .parameters(json!({"n.$": "States.MathAdd($.n, 1)"})),
            )
            .next(check);
        let count = wf.declare("Count");
        check.is(wf
            .choice("Check")
            .when(Condition::numeric_less_than("$.n", 3), count)
            .otherwise(wf.succeed("Done").add()));
        wf.build(start).unwrap_or_else(|error| panic!("{error}"))
    };
    assert_eq!(top_down.to_json_pretty(), bottom_up.to_json_pretty());
    let outcome = Engine::new(&top_down)
        .unwrap()
        .run_blocking(json!({"n": 0}));
    assert_eq!(outcome.status, Status::Succeeded);
    assert_eq!(
        outcome.path(),
        [
            "Start", "Notify", "Email", "Sent", "Count", "Check", "Count", "Check", "Count",
            "Check", "Done"
        ]
    );
}

#[test]
fn handles_key_handlers_and_the_test_kit() {
    let wf = Workflow::new();
    let charge = wf.declare("Charge");
    let start = wf.pass("Start").next(charge);
    let charged = wf
        .task(
            "Charge",
            "arn:aws:lambda:us-east-1:123456789012:function:Charge",
        )
        .retry(Retry::on(["Busy"]).interval_seconds(1).max_attempts(2))
        .end();
    charge.is(charged);
    let built = wf.build(start).unwrap_or_else(|error| panic!("{error}"));
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let handlers = Handlers::new().state(built.name_of(charged), move |request| {
        let call = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        async move {
            match call {
                0 => Err(workflow_dsl::engine::Failure::new("Busy", "try again")),
                _ => Ok(json!({"paid": request.input["amount"]})),
            }
        }
    });
    let engine = Engine::new(&built).unwrap().handlers(handlers).unwrap();
    let outcome = engine.run_blocking(json!({"amount": 5}));
    let record = outcome.state(built.name_of(charged));
    assert_eq!(record.count(), 1);
    let entry = record.first().unwrap();
    assert_eq!((entry.attempts, entry.failures.len()), (2, 1));
    assert_eq!(entry.output, Some(json!({"paid": 5})));
    assert_eq!(built.name_of(start), "Start");
}

#[test]
fn an_express_workflow_is_built_with_the_rules_of_express_machines() {
    let build = |express: bool| {
        let wf = Workflow::new();
        if express {
            wf.express();
        }
        let start = wf
            .call(
                "Review",
                aws::sqs::send_message(
                    "https://sqs.us-east-1.amazonaws.com/123456789012/reviews",
                    json!({"order.$": "$"}),
                )
                .wait_for_task_token(),
            )
            .end();
        wf.build(start)
    };
    assert!(build(false).is_ok());
    match build(true) {
        Err(ValidationErrors::Invalid(report)) => {
            let rules: Vec<&str> = report.errors().map(|d| d.rule.id()).collect();
            assert_eq!(rules, ["V953"], "{report}");
        }
        other => panic!("expected EXPRESS's refusal, got {other:?}"),
    }
}

#[test]
fn a_declared_state_must_be_added_and_confirmed_under_its_name() {
    let wf = Workflow::new();
    let missing = wf.declare("Missing");
    let other = wf.declare("Other");
    let start = wf.pass("Start").then(wf.pass("Middle")).next(missing);
    other.is(wf.pass("Elsewhere").next(other));
    let problems = wiring(wf.build(start));
    assert_eq!(
        problems,
        [
            "state `Other` was declared, but `.is(..)` was given `Elsewhere`: add the declared state under the name given to `declare`",
            "state `Missing` was declared but never added: add a state named `Missing` and pass its handle to `.is(..)` of the declaration",
            "state `Other` was declared but never added: add a state named `Other` and pass its handle to `.is(..)` of the declaration",
        ]
    );
}

#[test]
fn an_exit_never_set_is_reported_with_its_state() {
    let wf = Workflow::new();
    let (start, _forgotten) = wf.pass("Start").open();
    let problems = wiring(wf.build(start));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("state `Start`: its exit was never set"),
        "{problems:?}"
    );
}

#[test]
fn duplicate_names_and_bad_paths_are_reported_by_build() {
    let wf = Workflow::new();
    let end = wf.pass("Same").end();
    let start = wf.pass("Same").input_path("$.[").next(end);
    let problems = wiring(wf.build(start));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("two states are named `Same`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("state `Same`: `InputPath` \"$.[\" is not a path")),
        "{problems:?}"
    );
}

#[test]
fn graph_rules_come_from_the_validator() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let _orphan = wf.pass("Orphan").next(done);
    let start = wf.pass("Start").next(done);
    match wf.build(start) {
        Err(ValidationErrors::Invalid(report)) => {
            let rules: Vec<Rule> = report.diagnostics().iter().map(|d| d.rule).collect();
            assert!(rules.contains(&Rule::V306), "{report}");
        }
        other => panic!("expected the validator's report, got {other:?}"),
    }
}

#[test]
fn build_refuses_certain_run_time_failures_as_the_macro_does() {
    // A loop with no way out: AWS accepts it (V308 is a warning in `workflow validate`), but
    // the execution can never finish, so code that builds it is refused, like `workflow!`.
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let (poll, exit) = wf.wait_seconds("Poll", 5).open();
    let check = wf.pass("Check").next(poll);
    exit.next(check);
    let route = wf
        .choice("Route")
        .when(Condition::boolean_equals("$.retry", true), poll)
        .otherwise(done);
    match wf.build(route) {
        Err(ValidationErrors::Invalid(report)) => {
            assert!(report.contains(Rule::V308), "{report}");
            assert!(
                !report.has_errors(),
                "a warning that blocks the build: {report}"
            );
        }
        other => panic!("expected V308, got {other:?}"),
    }
}

#[test]
fn build_returns_the_warnings_with_the_machine() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let route = wf
        .choice("Route")
        .when(Condition::boolean_equals("$.vip", true), done)
        .without_default();
    let built = wf.build(route).unwrap_or_else(|error| panic!("{error}"));
    let rules: Vec<Rule> = built
        .warnings
        .diagnostics()
        .iter()
        .map(|d| d.rule)
        .collect();
    assert_eq!(rules, [Rule::V413], "{}", built.warnings);
    // The machine is there as it deploys, directly or through `Deref`.
    assert_eq!(built.start_at, "Route");
    assert!(built.machine.states.contains_key("Done"));
}

#[test]
fn numeric_conditions_take_any_rust_number() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let route = wf
        .choice("Route")
        .when(Condition::numeric_greater_than("$.total", 1000.5), done)
        .when(Condition::numeric_equals("$.count", 1000u64), done)
        .when(Condition::numeric_less_than("$.ratio", 0.1f32), done)
        .when(Condition::numeric_less_than_equals("$.delta", -3i8), done)
        .otherwise(done);
    let built = wf.build(route).unwrap_or_else(|error| panic!("{error}"));
    let rules = &built.to_value()["States"]["Route"]["Choices"];
    assert_eq!(rules[0]["NumericGreaterThan"], json!(1000.5));
    assert_eq!(rules[1]["NumericEquals"], json!(1000));
    assert_eq!(rules[2]["NumericLessThan"], json!(0.1));
    assert_eq!(rules[3]["NumericLessThanEquals"], json!(-3));

    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let route = wf
        .choice("Route")
        .when(Condition::numeric_equals("$.total", f64::NAN), done)
        .otherwise(done);
    let problems = wiring(wf.build(route));
    assert!(
        problems.iter().any(|p| p.contains("needs a finite number")),
        "{problems:?}"
    );
}

#[test]
fn service_calls_give_the_resource_and_request_aws_documents() {
    let wf = Workflow::new();
    let done = wf.succeed("Done").add();
    let child = wf
        .call(
            "RunChild",
            aws::stepfunctions::start_execution(
                "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
            )
            .sync2(),
        )
        .next(done);
    let container = wf
        .call(
            "Pack",
            aws::ecs::run_task("orders", "pack:3")
                .container("packer")
                .wait_for_task_token(),
        )
        .next(child);
    let put = wf
        .call(
            "Save",
            aws::dynamodb::put_item("Orders", json!({"id": {"S.$": "$.id"}})),
        )
        .result_path("$.saved")
        .next(container);
    let invoke = wf
        .call("Charge", aws::lambda::invoke("charge:live"))
        .next(put);
    let built = wf.build(invoke).unwrap_or_else(|error| panic!("{error}"));
    assert!(built.warnings.is_empty(), "{}", built.warnings);
    let states = &built.to_value()["States"];
    assert_eq!(
        states["Charge"]["Resource"],
        "arn:aws:states:::lambda:invoke"
    );
    assert_eq!(
        states["Charge"]["Parameters"],
        json!({"FunctionName": "charge:live", "Payload.$": "$"})
    );
    assert_eq!(
        states["Save"]["Parameters"],
        json!({"TableName": "Orders", "Item": {"id": {"S.$": "$.id"}}})
    );
    assert_eq!(
        states["Pack"]["Resource"],
        "arn:aws:states:::ecs:runTask.waitForTaskToken"
    );
    assert_eq!(
        states["Pack"]["Parameters"]["Overrides"]["ContainerOverrides"][0]["Environment"],
        json!([{"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"}])
    );
    assert_eq!(
        states["RunChild"]["Resource"],
        "arn:aws:states:::states:startExecution.sync:2"
    );
    assert_eq!(states["RunChild"]["Parameters"]["Input.$"], "$");
}

#[test]
fn a_callback_call_carries_its_token_in_both_query_languages() {
    let wf = Workflow::jsonata();
    let notify = wf
        .call(
            "Notify",
            aws::eventbridge::put_event(
                "orders",
                "OrderPlaced",
                json!({"id": "{% $states.input.id %}"}),
            )
            .wait_for_task_token(),
        )
        .end();
    let invoke = wf
        .call(
            "Ask",
            aws::lambda::invoke("ask")
                .parameter("Payload", json!({"order": "{% $states.input %}"}))
                .wait_for_task_token(),
        )
        .next(notify);
    let built = wf.build(invoke).unwrap_or_else(|error| panic!("{error}"));
    // No V722: the token is in each request.
    assert!(built.warnings.is_empty(), "{}", built.warnings);
    let states = &built.to_value()["States"];
    assert_eq!(
        states["Ask"]["Arguments"]["Payload"]["TaskToken"],
        "{% $states.context.Task.Token %}"
    );
    assert_eq!(
        states["Notify"]["Arguments"]["Entries"][0]["Detail"]["TaskToken"],
        "{% $states.context.Task.Token %}"
    );

    // A token needs somewhere to go: Lambda's default payload is the whole input, and an ECS
    // callback needs a container.
    let wf = Workflow::new();
    let ecs = wf
        .call("Pack", aws::ecs::run_task("c", "t").wait_for_task_token())
        .end();
    let ask = wf
        .call("Ask", aws::lambda::invoke("ask").wait_for_task_token())
        .next(ecs);
    let problems = wiring(wf.build(ask));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("state `Ask`") && p.contains("`Payload` must be a JSON object")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("state `Pack`") && p.contains("`.container(name)`")),
        "{problems:?}"
    );
}

#[test]
fn a_jsonata_workflow_builds_and_runs() {
    let wf = Workflow::jsonata();
    let big = wf
        .succeed("Big")
        .output(json!("{% 'big ' & $states.input.n %}"))
        .add();
    let small = wf
        .fail("Small")
        .error("TooSmall")
        .cause("{% 'only ' & $string($states.input.n) %}")
        .add();
    let route = wf
        .choice("Route")
        .when("{% $states.input.n > 10 %}", big)
        .otherwise(small);
    let double = wf
        .map("Double")
        .items(json!("{% $states.input.values %}"))
        .processor(|p| {
            p.pass("Twice")
                .output(json!("{% $states.input * 2 %}"))
                .end()
        })
        .output(json!({"n": "{% $sum($states.result) %}"}))
        .next(route);
    let machine = wf.build(double).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(machine.to_value()["QueryLanguage"], "JSONata");
    let engine = Engine::new(&machine).unwrap();
    let outcome = engine.run_blocking(json!({"values": [2, 4]}));
    assert_eq!(outcome.output, Some(json!("big 12")));
    let outcome = engine.run_blocking(json!({"values": [1]}));
    assert_eq!(outcome.error.as_deref(), Some("TooSmall"));
    assert_eq!(outcome.cause.as_deref(), Some("only 2"));
}

#[test]
fn retries_and_catchers_keep_their_order_and_targets() {
    let wf = Workflow::new();
    let handled = wf.pass("Handled").end();
    let all = wf.fail("All").add();
    let task = wf
        .task("Call", "arn:aws:states:::lambda:invoke")
        .retry(
            Retry::on(["A"])
                .max_attempts(1)
                .or(Retry::all().interval_seconds(3).full_jitter()),
        )
        .catch(Catch::on(["B"], handled).or(Catch::all(all)))
        .end();
    let machine = wf.build(task).unwrap_or_else(|error| panic!("{error}"));
    let call = &machine.to_value()["States"]["Call"];
    assert_eq!(
        call["Retry"],
        json!([{"ErrorEquals": ["A"], "MaxAttempts": 1},
               {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "JitterStrategy": "FULL"}])
    );
    assert_eq!(
        call["Catch"],
        json!([{"ErrorEquals": ["B"], "Next": "Handled"}, {"ErrorEquals": ["States.ALL"], "Next": "All"}])
    );
    let handlers = Handlers::new().state("Call", |_| async {
        Err(workflow_dsl::engine::Failure::new("B", "b"))
    });
    let outcome = Engine::new(&machine)
        .unwrap()
        .handlers(handlers)
        .unwrap()
        .run_blocking(json!({}));
    assert_eq!(outcome.status, Status::Succeeded);
}

#[test]
fn branches_get_their_own_scope_and_names_stay_unique_across_them() {
    let wf = Workflow::new();
    let fan = wf
        .parallel("Fan")
        .branch(|b| b.pass("Same").end())
        .branch(|b| b.pass("Same").end())
        .end();
    match wf.build(fan) {
        Err(ValidationErrors::Invalid(report)) => assert!(
            report
                .diagnostics()
                .iter()
                .any(|d| d.message.contains("Same")),
            "{report}"
        ),
        other => panic!("duplicate names across branches must be refused, got {other:?}"),
    }
}

/// Reserves stock for one item; on AWS, the Lambda function `reserve`.
struct Reserve;

#[derive(serde::Deserialize)]
struct Item {
    sku: String,
    quantity: u32,
}

/// `OutOfStock`, when more is asked than there is.
struct OutOfStock(u32);

impl workflow_dsl::builder::TaskError for OutOfStock {
    fn error(&self) -> String {
        "OutOfStock".into()
    }
    fn cause(&self) -> String {
        format!("only {} left", self.0)
    }
}

impl workflow_dsl::builder::TaskFn for Reserve {
    type Input = Item;
    type Output = serde_json::Value;
    type Error = OutOfStock;
    fn resource(&self) -> String {
        "arn:aws:lambda:us-east-1:123456789012:function:reserve".into()
    }
    async fn call(&self, item: Item) -> Result<serde_json::Value, OutOfStock> {
        match item.quantity {
            0..=5 => Ok(json!({"sku": item.sku, "reserved": item.quantity})),
            _ => Err(OutOfStock(5)),
        }
    }
}

#[test]
fn a_task_fn_runs_where_it_was_placed_with_its_types_and_errors() {
    let wf = Workflow::new();
    let short = wf.fail("Short").error("OrderFailed").add();
    let reserve_all = wf
        .map("ReserveAll")
        .items_path("$.items")
        .processor(|p| p.task("Reserve", Reserve).end())
        .catch(Catch::on(["OutOfStock"], short))
        .end();
    let built = wf
        .build(reserve_all)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        built.to_value()["States"]["ReserveAll"]["ItemProcessor"]["States"]["Reserve"]["Resource"],
        "arn:aws:lambda:us-east-1:123456789012:function:reserve"
    );
    let engine = Engine::new(&built)
        .and_then(|engine| engine.handlers(built.handlers()))
        .unwrap_or_else(|error| panic!("{error}"));
    let outcome = engine.run_blocking(json!({"items": [{"sku": "a", "quantity": 2}]}));
    assert_eq!(outcome.output, Some(json!([{"sku": "a", "reserved": 2}])));
    // The task's own error, caught by name around the Map.
    let outcome = engine.run_blocking(json!({"items": [{"sku": "a", "quantity": 9}]}));
    assert_eq!(outcome.path(), ["ReserveAll", "Reserve", "Short"]);
    // An input that does not fit the task's type fails it with `States.TaskFailed`, which the
    // catcher for `OutOfStock` does not catch.
    let outcome = engine.run_blocking(json!({"items": [{"sku": "a"}]}));
    assert_eq!(outcome.error.as_deref(), Some("States.TaskFailed"));
    let cause = outcome.cause.unwrap_or_default();
    assert!(cause.contains("missing field `quantity`"), "{cause}");
}

#[test]
fn a_distributed_map_reads_and_writes_the_local_s3() {
    use workflow_dsl::asl::{ExecutionType, InputType, OutputType, ReaderConfig, WriterConfig};
    use workflow_dsl::engine::S3Objects;
    let wf = Workflow::new();
    let each = wf
        .map("Each")
        .distributed(ExecutionType::Standard)
        .item_reader(
            "arn:aws:states:::s3:getObject",
            json!({"Bucket": "in", "Key": "items.json"}),
            ReaderConfig {
                input_type: Some(InputType::Json),
                ..ReaderConfig::default()
            },
        )
        .max_items_per_batch(2)
        .tolerated_failure_percentage(10.0)
        .label("Each")
        .processor(|p| {
            p.pass("Count")
                .parameters(json!({"n.$": "States.ArrayLength($.Items)"}))
                .end()
        })
        .result_writer(
            "arn:aws:states:::s3:putObject",
            json!({"Bucket": "out", "Prefix": "runs"}),
            WriterConfig {
                output_type: Some(OutputType::Json),
                ..WriterConfig::default()
            },
        )
        .end();
    let machine = wf.build(each).unwrap_or_else(|error| panic!("{error}"));
    let map = &machine.to_value()["States"]["Each"];
    assert_eq!(
        map["ItemProcessor"]["ProcessorConfig"],
        json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"})
    );
    assert_eq!(map["ItemBatcher"], json!({"MaxItemsPerBatch": 2}));
    let objects = S3Objects::from_value(&json!({"in/items.json": "[1, 2, 3]"})).unwrap();
    let outcome = Engine::new(&machine)
        .unwrap()
        .s3_objects(objects)
        .run_blocking(json!({}));
    assert_eq!(outcome.status, Status::Succeeded, "{:?}", outcome.cause);
}

#[test]
fn rule_and_catcher_assign_and_output() {
    let wf = Workflow::jsonata();
    let done = wf.succeed("Done").output(json!("{% $picked %}")).add();
    let route = wf
        .choice("Route")
        .when("{% $states.input.a = 1 %}", done)
        .rule_assign(json!({"picked": "one"}))
        .rule_output(json!({"from": "rule"}))
        .otherwise(done);
    let call = wf
        .task("Call", "arn:aws:states:::lambda:invoke")
        .catch(
            Catch::all(route)
                .assign(json!({"failed": "{% $states.errorOutput.Error %}"}))
                .output(json!({"a": 1})),
        )
        .next(route);
    let machine = wf.build(call).unwrap_or_else(|error| panic!("{error}"));
    let handlers = Handlers::new().state("Call", |_| async {
        Err(workflow_dsl::engine::Failure::new("Boom", "no"))
    });
    let outcome = Engine::new(&machine)
        .unwrap()
        .handlers(handlers)
        .unwrap()
        .run_blocking(json!({}));
    assert_eq!(outcome.output, Some(json!("one")));
    let call = &machine.to_value()["States"]["Call"]["Catch"][0];
    assert_eq!(
        call["Assign"],
        json!({"failed": "{% $states.errorOutput.Error %}"})
    );
}

#[derive(schemars::JsonSchema)]
#[allow(dead_code)] // only its shape matters: the schema and the typed paths read it
struct Order {
    total: f64,
    priority: String,
    customer: Customer,
    gift: Option<bool>,
}

#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct Customer {
    name: String,
}

#[test]
fn typed_input_gives_checked_paths_and_a_schema() {
    use workflow_dsl::path;
    let wf = Workflow::new().with_input::<Order>();
    let high = wf.succeed("High").add();
    let gift = wf.succeed("Gift").add();
    let other = wf.succeed("Other").add();
    let route = wf
        .choice("Route")
        .when(
            Condition::numeric_greater_than(path!(Order.total), 1000),
            high,
        )
        .when(
            Condition::and([
                Condition::boolean_equals(path!(Order.gift), true),
                Condition::string_equals(path!(Order.customer.name), "Ada"),
            ]),
            gift,
        )
        .when(Condition::is_present(path!(Order.priority), true), other)
        .otherwise(other);
    assert_eq!(path!(Order.customer.name).as_str(), "$.customer.name");
    let (machine, schema) = wf
        .build_with_schema(route)
        .unwrap_or_else(|error| panic!("{error}"));
    let rules = &machine.to_value()["States"]["Route"]["Choices"];
    assert_eq!(
        rules[0],
        json!({"Variable": "$.total", "NumericGreaterThan": 1000, "Next": "High"})
    );
    let schema = schema.unwrap_or_default();
    assert_eq!(schema["title"], "Order");
    assert_eq!(schema["properties"]["total"]["type"], "number");
    assert_eq!(schema["required"], json!(["total", "priority", "customer"]));
    let outcome = Engine::new(&machine).unwrap().run_blocking(
        json!({"total": 5, "priority": "x", "customer": {"name": "Ada"}, "gift": true}),
    );
    assert_eq!(
        outcome
            .history
            .iter()
            .filter(|e| e.kind == "SucceedStateEntered")
            .count(),
        1
    );
    let last_state = outcome
        .history
        .iter()
        .rev()
        .find(|e| e.kind == "SucceedStateEntered");
    assert_eq!(
        last_state.map(|e| e.to_value()["stateEnteredEventDetails"]["name"].clone()),
        Some(json!("Gift"))
    );
}

#[test]
fn emit_schema_writes_only_when_changed() {
    let dir = std::env::temp_dir().join(format!("workflow-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("order.schema.json");
    let schema = json!({"title": "Order", "type": "object"});
    assert!(workflow_dsl::emit_schema(&schema, &path).unwrap());
    assert!(!workflow_dsl::emit_schema(&schema, &path).unwrap());
    assert!(workflow_dsl::emit_schema(&json!({"title": "Other"}), &path).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn predefined_error_names_are_constants() {
    let wf = Workflow::new();
    let failed = wf.fail("Failed").add();
    let call = wf
        .task("Call", "arn:aws:lambda:us-east-1:123456789012:function:f")
        .retry(Retry::on([Errors::TIMEOUT, Errors::TASK_FAILED]).max_attempts(2))
        .catch(Catch::on([Errors::HEARTBEAT_TIMEOUT], failed))
        .end();
    let built = wf.build(call).unwrap_or_else(|error| panic!("{error}"));
    let call = &built.to_value()["States"]["Call"];
    assert_eq!(
        call["Retry"][0]["ErrorEquals"],
        json!(["States.Timeout", "States.TaskFailed"])
    );
    assert_eq!(
        call["Catch"][0]["ErrorEquals"],
        json!(["States.HeartbeatTimeout"])
    );
    // The validator's list of predefined names is this one (rule V505 warns about others).
    assert!(
        Errors::NAMES.contains(&"States.ALL") && Errors::NAMES.contains(&Errors::BRANCH_FAILED)
    );
}

#[test]
fn a_wait_gets_its_one_duration_from_its_constructor() {
    let wf = Workflow::new();
    let until = wf.wait_until_path("Until", "$.at").end();
    let delay = wf.wait_seconds_path("Delay", "$.delay").next(until);
    let built = wf.build(delay).unwrap_or_else(|error| panic!("{error}"));
    let states = &built.to_value()["States"];
    assert_eq!(
        states["Delay"],
        json!({"Type": "Wait", "SecondsPath": "$.delay", "Next": "Until"})
    );
    assert_eq!(
        states["Until"],
        json!({"Type": "Wait", "TimestampPath": "$.at", "End": true})
    );
    let wf = Workflow::new();
    let bad = wf.wait_seconds_path("Delay", "$.items[*]").end();
    let problems = wiring(wf.build(bad));
    assert!(
        problems.iter().any(|p| p.contains("SecondsPath")),
        "{problems:?}"
    );
}

#[test]
fn jsonata_scalar_fields_take_expressions() {
    let wf = Workflow::jsonata();
    let each = wf
        .map("Each")
        .items(json!([1, 2, 3]))
        .max_concurrency_expression("{% $states.input.limit %}")
        .processor(|p| {
            p.wait_seconds_expression("Pause", "{% $states.input %}")
                .end()
        })
        .end();
    let machine = wf.build(each).unwrap_or_else(|error| panic!("{error}"));
    let map = &machine.to_value()["States"]["Each"];
    assert_eq!(map["MaxConcurrency"], "{% $states.input.limit %}");
    assert_eq!(
        map["ItemProcessor"]["States"]["Pause"]["Seconds"],
        "{% $states.input %}"
    );
    let outcome = Engine::new(&machine)
        .unwrap()
        .run_blocking(json!({"limit": 2}));
    assert_eq!(outcome.output, Some(json!([1, 2, 3])));
    // Not an expression: reported by build(), naming the state and field.
    let wf = Workflow::jsonata();
    let task = wf
        .task("Call", "arn:aws:states:::lambda:invoke")
        .timeout_seconds_expression("$states.input.t")
        .end();
    let problems = wiring(wf.build(task));
    assert!(
        problems[0].starts_with(
            "state `Call`: `TimeoutSeconds` \"$states.input.t\" is not a JSONata expression"
        ),
        "{problems:?}"
    );
}
