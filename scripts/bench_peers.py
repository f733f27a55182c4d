#!/usr/bin/env python3
"""Runs the shared benchmark workloads on our interpreter and on the peers in one run, and prints
transitions/s per workload with the ratios (ours / peer).

    python3 scripts/bench_peers.py                      # all six workloads; peers: node, moto-memo
    python3 scripts/bench_peers.py map-10k --peers node

Ours: the release `workflow run --stats` (execution only, not parsing), median of --repeats runs.
Peers: ../shared/bench/peers (aws-local-stepfunctions via node, moto via python3; installed into a
temporary copy, because ../shared is read-only), each timing its own execution the same way.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("WORKFLOW_SHARED", os.path.join(ROOT, "..", "shared"))
WORKLOADS = os.path.join(SHARED, "bench", "workloads")
ALL = ["pass-chain-1000", "map-10k", "parallel-100", "intrinsics", "choice-loop", "retry-catch"]


def ours(workload, repeats):
    binary = os.path.join(ROOT, "target", "release", "workflow")
    args = [binary, "run", os.path.join(WORKLOADS, workload + ".asl.json"),
            "--input", "@" + os.path.join(WORKLOADS, workload + ".input.json"), "--json", "--stats"]
    mocks = os.path.join(WORKLOADS, workload + ".mocks.json")
    if os.path.exists(mocks):
        args += ["--mocks", mocks]
    if workload in ("choice-loop", "map-10k"):
        args.append("--express")  # 40,000 / 90,000 events: past the STANDARD history quota
    times, transitions = [], None
    for _ in range(repeats):
        run = subprocess.run(args, capture_output=True, text=True, check=True)
        stats = dict(part.split("=") for part in run.stderr.split())
        times.append(int(stats["elapsed_us"]) / 1e6)
        transitions = int(stats["transitions"])
    return statistics.median(times), transitions


def peer(command, cwd):
    run = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=600)
    if run.returncode != 0:
        return None
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return result.get("eval_median_s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workloads", nargs="*", default=ALL)
    parser.add_argument("--peers", default="node,moto-memo")
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    peers = [p for p in args.peers.split(",") if p]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="workflow-peers-")
    shutil.copytree(os.path.join(SHARED, "bench", "peers"), os.path.join(work, "peers"))
    if "node" in peers:
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=os.path.join(work, "peers", "node"), check=True)
    rows = []
    for workload in args.workloads:
        seconds, transitions = ours(workload, args.repeats)
        row = {"workload": workload, "transitions": transitions, "ours": seconds}
        for name in peers:
            command = {
                "node": ["node", "peers/run_node.mjs", workload, "--workloads", WORKLOADS],
                "moto-memo": [sys.executable, "peers/run_moto.py", workload, "--memo-jsonpath", "--workloads", WORKLOADS],
                "moto": [sys.executable, "peers/run_moto.py", workload, "--workloads", WORKLOADS],
            }[name]
            row[name] = peer(command, work)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    header = "| workload | transitions | ours | ours t/s |" + "".join(f" {p} | ours vs {p} |" for p in peers)
    print(header)
    print("|" + "---|" * (4 + 2 * len(peers)))
    for row in rows:
        line = f"| {row['workload']} | {row['transitions']:,} | {row['ours'] * 1000:.2f} ms | {row['transitions'] / row['ours']:,.0f} |"
        for name in peers:
            theirs = row.get(name)
            line += " n/a | n/a |" if theirs is None else f" {theirs * 1000:.1f} ms | {theirs / row['ours']:.0f}x |"
        print(line)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
