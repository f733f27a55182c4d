#!/usr/bin/env python3
"""StartSyncExecution throughput of `workflow serve` and of moto_server, in one run, and the
durable transitions/s of STANDARD executions (100 Pass states each) stored in SQLite.

    cargo build --release && python3 scripts/bench_server.py [--clients 32] [--seconds 5]

Each server gets an EXPRESS state machine of 10 Pass states; `--clients` processes each keep one
HTTP/1.1 connection and call StartSyncExecution (AWS JSON 1.0, no SDK overhead) for `--seconds`.
Prints requests/s and transitions/s per server and the ratio. moto comes from
`pip install 'moto[server,stepfunctions]'`.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLE = "arn:aws:iam::123456789012:role/StepFunctions"
def chain(length):
    return json.dumps({"StartAt": "P0", "States": {
        f"P{i}": ({"Type": "Pass", "Next": f"P{i + 1}"} if i < length - 1 else {"Type": "Pass", "End": True})
        for i in range(length)}})


DEFINITION = chain(10)
# Durable executions are longer, so that the figure is about running and storing them rather
# than about how fast HTTP clients can start them.
DURABLE_STATES = 100


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(conn, operation, body):
    conn.request("POST", "/", json.dumps(body), {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": f"AWSStepFunctions.{operation}",
        "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0",
    })
    response = conn.getresponse()
    raw = response.read()
    try:
        return response.status, json.loads(raw or b"{}")
    except ValueError:
        return response.status, {"unparsed": raw[:200].decode(errors="replace")}


def wait_ready(port):
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def client(port, arn, operation, seconds, results):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    done, failed = 0, 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, body = call(conn, operation, {"stateMachineArn": arn, "input": "{}"})
        if status == 200 and (operation == "StartExecution" or body.get("status") == "SUCCEEDED"):
            done += 1
        else:
            failed += 1
    results.put((done, failed))


def measure(name, port, clients, seconds, operation):
    """requests/s of `operation` (StartSyncExecution on an EXPRESS machine, or StartExecution on
    a STANDARD one), or None when the server does not support it."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    kind = "EXPRESS" if operation == "StartSyncExecution" else "STANDARD"
    status, created = call(conn, "CreateStateMachine", {
        "name": f"Bench{kind}", "definition": DEFINITION, "roleArn": ROLE, "type": kind})
    if status != 200:
        raise RuntimeError(f"{name}: CreateStateMachine: {created}")
    arn = created["stateMachineArn"]
    status, probe = call(conn, operation, {"stateMachineArn": arn, "input": "{}"})
    if status != 200:
        print(f"  ({name} answers {operation} with HTTP {status}: {str(probe)[:120]})")
        return None
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=client, args=(port, arn, operation, seconds, results)) for _ in range(clients)]
    started = time.time()
    for w in workers:
        w.start()
    totals = [results.get() for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.time() - started
    done = sum(t[0] for t in totals)
    failed = sum(t[1] for t in totals)
    return done / elapsed, failed


def durable(executions, clients):
    """STANDARD executions of the 10-Pass machine with a data directory: every event written to
    SQLite as it happens. Returns transitions/s from the first start to the last finish."""
    import tempfile
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        server = subprocess.Popen([os.path.join(ROOT, "target", "release", "workflow"), "serve",
                                   "--bind", f"127.0.0.1:{port}", "--data-dir", data_dir],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_ready(port)
            conn = http.client.HTTPConnection("127.0.0.1", port)
            status, created = call(conn, "CreateStateMachine", {"name": "Durable", "definition": chain(DURABLE_STATES), "roleArn": ROLE})
            arn = created["stateMachineArn"]
            started = time.time()
            results = multiprocessing.Queue()
            per_client = executions // clients
            workers = [multiprocessing.Process(target=starter, args=(port, arn, per_client, results)) for _ in range(clients)]
            for w in workers:
                w.start()
            for _ in workers:
                results.get()
            for w in workers:
                w.join()
            while True:
                status, running = call(conn, "ListExecutions", {"stateMachineArn": arn, "statusFilter": "RUNNING", "maxResults": 1000})
                if not running.get("executions"):
                    break
                time.sleep(0.01)
            elapsed = time.time() - started
            return per_client * clients * DURABLE_STATES / elapsed
        finally:
            server.kill()


def starter(port, arn, count, results):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for _ in range(count):
        call(conn, "StartExecution", {"stateMachineArn": arn, "input": "{}"})
    results.put(count)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    servers = [
        ("workflow serve", lambda port: [os.path.join(ROOT, "target", "release", "workflow"), "serve", "--bind", f"127.0.0.1:{port}", "--in-memory"]),
        ("moto_server", lambda port: ["moto_server", "-p", str(port)]),
    ]
    table = {}
    for name, command in servers:
        port = free_port()
        process = subprocess.Popen(command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_ready(port)
            for operation in ("StartSyncExecution", "StartExecution"):
                table[(name, operation)] = measure(name, port, args.clients, args.seconds, operation)
        finally:
            process.kill()
    print(f"10 Pass states, {args.clients} clients on one keep-alive connection each, {args.seconds:g} s per run:")
    for operation in ("StartSyncExecution", "StartExecution"):
        for name, _ in servers:
            result = table.get((name, operation))
            if result is None:
                print(f"  {operation:18} {name:15}   not supported")
            else:
                rate, failed = result
                print(f"  {operation:18} {name:15} {rate:9.0f} requests/s  {rate * 10:10.0f} transitions/s  ({failed} failed)")
        ours, theirs = table.get(("workflow serve", operation)), table.get(("moto_server", operation))
        if ours and theirs and theirs[0] > 0:
            print(f"  {operation:18} ratio: {ours[0] / theirs[0]:.1f}x")
    rate = durable(640, args.clients)
    print(f"  durable STANDARD executions (640 x {DURABLE_STATES} Pass states, every event in SQLite): {rate:.0f} transitions/s")


if __name__ == "__main__":
    sys.exit(main())
