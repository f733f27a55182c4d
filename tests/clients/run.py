#!/usr/bin/env python3
"""The seed's operations through real clients: boto3 and the aws CLI against `workflow serve`.

    python3 tests/clients/run.py [path/to/workflow]     # default: target/debug/workflow

Starts the server on an ephemeral loopback port, runs every check, stops the server, and exits
non-zero on the first failed assertion. `.ci/run` installs boto3 and awscli and runs it after
`cargo test`.
"""
import json
import os
import subprocess
import sys
import time

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = "arn:aws:iam::123456789012:role/StepFunctions"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="local", AWS_SECRET_ACCESS_KEY="local",
           AWS_DEFAULT_REGION="us-east-1")


def start_server(binary):
    mock_config = os.path.join(ROOT, "examples", "order-mock-config.json")
    server = subprocess.Popen([binary, "serve", "--bind", "127.0.0.1:0", "--in-memory", "--mock-config", mock_config],
                              stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    return server, line.strip().rsplit(" ", 1)[-1]


def example(name):
    with open(os.path.join(ROOT, "examples", name)) as f:
        return f.read()


def wait(sfn, arn):
    for _ in range(500):
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.02)
    raise AssertionError(f"{arn} still running")


def check_boto3(endpoint):
    # StartSyncExecution's endpoint has a `sync-` host prefix, which a local endpoint lacks.
    sfn = boto3.client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="local", aws_secret_access_key="local",
                       config=Config(inject_host_prefix=False))
    # Validate, create, describe, list, update.
    verdict = sfn.validate_state_machine_definition(definition=example("order-workflow.asl.json"))
    assert verdict["result"] == "OK", verdict
    created = sfn.create_state_machine(name="OrderWorkflow", definition=example("order-workflow.asl.json"),
                                       roleArn=ROLE)
    arn = created["stateMachineArn"]
    assert arn == "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow", arn
    assert sfn.describe_state_machine(stateMachineArn=arn)["name"] == "OrderWorkflow"
    names = [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    assert "OrderWorkflow" in names, names
    sfn.update_state_machine(stateMachineArn=arn, definition=example("order-workflow.asl.json"))
    # Start: the Lambda tasks have no handler in the server, so the execution fails at the first.
    started = sfn.start_execution(stateMachineArn=arn, name="order-1", input=example("order-input.json"))
    done = wait(sfn, started["executionArn"])
    assert done["status"] == "FAILED" and done["error"] == "States.TaskFailed", done
    # History filtered to failures, as the seed README does.
    events = sfn.get_execution_history(executionArn=started["executionArn"])["events"]
    failures = [e["type"] for e in events if e["type"] in ("TaskFailed", "ExecutionFailed", "LambdaFunctionFailed")]
    assert failures and failures[-1] == "ExecutionFailed", failures
    listed = sfn.list_executions(stateMachineArn=arn, statusFilter="FAILED")["executions"]
    assert [e["name"] for e in listed] == ["order-1"], listed
    # A Step Functions Local test case answers the Lambda tasks.
    happy = sfn.start_execution(stateMachineArn=arn + "#HappyPath", name="order-2",
                                input=example("order-input.json"))
    done = wait(sfn, happy["executionArn"])
    assert done["status"] == "SUCCEEDED" and json.loads(done["output"])["status"] == "SHIPPED", done
    # The boto3 seed machine, a Pass machine as EXPRESS run synchronously, and a stopped wait.
    boto3_arn = sfn.create_state_machine(name="BotoOrder", definition=example("boto3-order.asl.json"),
                                         roleArn=ROLE)["stateMachineArn"]
    assert sfn.describe_state_machine(stateMachineArn=boto3_arn)["type"] == "STANDARD"
    express = sfn.create_state_machine(
        name="Express", type="EXPRESS", roleArn=ROLE,
        definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": True}, "End": True}}}))
    result = sfn.start_sync_execution(stateMachineArn=express["stateMachineArn"], input="{}")
    assert result["status"] == "SUCCEEDED" and json.loads(result["output"]) == {"ok": True}, result
    waiting = sfn.create_state_machine(
        name="Waiting", roleArn=ROLE,
        definition=json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}))
    held = sfn.start_execution(stateMachineArn=waiting["stateMachineArn"], name="held")
    sfn.stop_execution(executionArn=held["executionArn"], error="Operator", cause="stopped by the test")
    assert sfn.describe_execution(executionArn=held["executionArn"])["status"] == "ABORTED"
    # The callback pattern: the token from the TaskScheduled event, answered with SendTaskSuccess.
    approval = sfn.create_state_machine(name="Approval", roleArn=ROLE, definition=json.dumps(
        {"StartAt": "Approve", "States": {"Approve": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": True}}}))
    waiting_arn = sfn.start_execution(stateMachineArn=approval["stateMachineArn"], name="approve-1")["executionArn"]
    token = None
    for _ in range(500):
        for event in sfn.get_execution_history(executionArn=waiting_arn)["events"]:
            if event["type"] == "TaskScheduled":
                token = json.loads(event["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
        if token:
            break
        time.sleep(0.02)
    assert token, "no TaskScheduled event"
    sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
    done = wait(sfn, waiting_arn)
    assert done["status"] == "SUCCEEDED" and json.loads(done["output"]) == {"approved": True}, done
    # An activity worker: poll, then answer.
    activity_arn = sfn.create_activity(name="Review")["activityArn"]
    reviewed = sfn.create_state_machine(name="Reviewed", roleArn=ROLE, definition=json.dumps(
        {"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": activity_arn, "End": True}}}))
    review_arn = sfn.start_execution(stateMachineArn=reviewed["stateMachineArn"], input='{"doc": 1}')["executionArn"]
    task = sfn.get_activity_task(activityArn=activity_arn, workerName="worker-1")
    assert json.loads(task["input"]) == {"doc": 1}, task
    sfn.send_task_success(taskToken=task["taskToken"], output='{"reviewed": true}')
    assert wait(sfn, review_arn)["status"] == "SUCCEEDED"
    sfn.delete_activity(activityArn=activity_arn)
    # Errors arrive as boto3's modelled exceptions.
    try:
        sfn.describe_state_machine(stateMachineArn=arn + "-missing")
        raise AssertionError("expected StateMachineDoesNotExist")
    except sfn.exceptions.StateMachineDoesNotExist:
        pass
    try:
        sfn.create_state_machine(name="Broken", roleArn=ROLE,
                                 definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}))
        raise AssertionError("expected InvalidDefinition")
    except sfn.exceptions.InvalidDefinition as error:
        assert "MISSING_TRANSITION_TARGET" in str(error), error
    sfn.delete_state_machine(stateMachineArn=boto3_arn)
    names = [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    assert "BotoOrder" not in names, names
    print("boto3: ok")


def aws(endpoint, *args):
    completed = subprocess.run(["aws", "stepfunctions", *args, "--endpoint-url", endpoint, "--output", "json"],
                               capture_output=True, text=True, env=ENV)
    if completed.returncode != 0:
        raise AssertionError(f"aws {' '.join(args)}: {completed.stderr}")
    return json.loads(completed.stdout) if completed.stdout.strip() else {}


def check_cli(endpoint):
    definition = "file://" + os.path.join(ROOT, "examples", "choice.asl.json")
    created = aws(endpoint, "create-state-machine", "--name", "ChoiceWorkflow", "--definition", definition,
                  "--role-arn", ROLE)
    arn = created["stateMachineArn"]
    described = aws(endpoint, "describe-state-machine", "--state-machine-arn", arn)
    assert described["name"] == "ChoiceWorkflow", described
    listed = aws(endpoint, "list-state-machines")
    assert any(m["name"] == "ChoiceWorkflow" for m in listed["stateMachines"]), listed
    started = aws(endpoint, "start-execution", "--state-machine-arn", arn, "--name", "rush-1",
                  "--input", json.dumps({"total": 10, "priority": "rush"}))
    for _ in range(500):
        execution = aws(endpoint, "describe-execution", "--execution-arn", started["executionArn"])
        if execution["status"] != "RUNNING":
            break
        time.sleep(0.02)
    assert execution["status"] == "FAILED", execution
    history = aws(endpoint, "get-execution-history", "--execution-arn", started["executionArn"])
    entered = [e["stateEnteredEventDetails"]["name"] for e in history["events"] if "stateEnteredEventDetails" in e]
    assert entered == ["CheckOrderValue", "RushOrder"], entered
    # History filtered to failures with the CLI's own --query, as the seed README does.
    failures = aws(endpoint, "get-execution-history", "--execution-arn", started["executionArn"],
                   "--query", "events[?ends_with(type, 'Failed')].type")
    assert failures[-1] == "ExecutionFailed" and len(failures) >= 2, failures
    validated = aws(endpoint, "validate-state-machine-definition", "--definition", definition)
    assert validated["result"] == "OK", validated
    listed = aws(endpoint, "list-executions", "--state-machine-arn", arn, "--status-filter", "FAILED")
    assert [e["name"] for e in listed["executions"]] == ["rush-1"], listed
    # Update to a long Wait, start, stop.
    waiting = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}})
    aws(endpoint, "update-state-machine", "--state-machine-arn", arn, "--definition", waiting)
    held = aws(endpoint, "start-execution", "--state-machine-arn", arn, "--name", "held")
    aws(endpoint, "stop-execution", "--execution-arn", held["executionArn"], "--cause", "stopped from the CLI")
    stopped = aws(endpoint, "describe-execution", "--execution-arn", held["executionArn"])
    assert stopped["status"] == "ABORTED", stopped
    # A mock-config test case, an activity and a callback, from the command line.
    order = aws(endpoint, "create-state-machine", "--name", "OrderWorkflow",
                "--definition", "file://" + os.path.join(ROOT, "examples", "order-workflow.asl.json"), "--role-arn", ROLE)
    happy = aws(endpoint, "start-execution", "--state-machine-arn", order["stateMachineArn"] + "#HappyPath")
    for _ in range(500):
        execution = aws(endpoint, "describe-execution", "--execution-arn", happy["executionArn"])
        if execution["status"] != "RUNNING":
            break
        time.sleep(0.02)
    assert execution["status"] == "SUCCEEDED", execution
    activity = aws(endpoint, "create-activity", "--name", "CliReview")
    reviewed = aws(endpoint, "create-state-machine", "--name", "CliReviewed", "--role-arn", ROLE, "--definition",
                   json.dumps({"StartAt": "R", "States": {"R": {"Type": "Task", "Resource": activity["activityArn"], "End": True}}}))
    review = aws(endpoint, "start-execution", "--state-machine-arn", reviewed["stateMachineArn"])
    task = aws(endpoint, "get-activity-task", "--activity-arn", activity["activityArn"], "--worker-name", "cli")
    aws(endpoint, "send-task-success", "--task-token", task["taskToken"], "--task-output", '{"ok": true}')
    for _ in range(500):
        execution = aws(endpoint, "describe-execution", "--execution-arn", review["executionArn"])
        if execution["status"] != "RUNNING":
            break
        time.sleep(0.02)
    assert execution["status"] == "SUCCEEDED" and json.loads(execution["output"]) == {"ok": True}, execution
    aws(endpoint, "delete-activity", "--activity-arn", activity["activityArn"])
    aws(endpoint, "delete-state-machine", "--state-machine-arn", arn)
    print("aws CLI: ok")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "workflow")
    server, endpoint = start_server(binary)
    try:
        check_boto3(endpoint)
        check_cli(endpoint)
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
