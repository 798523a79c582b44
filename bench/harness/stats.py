# SPDX-License-Identifier: Apache-2.0
"""Pure helpers: emulator state, rounds of calls, latencies, percentiles."""
import json
import math
import os
import urllib.request


def fetch_state(port, timeout_s=60):
    url = f"http://127.0.0.1:{port}/_emulator/state"
    with urllib.request.urlopen(url, timeout=timeout_s) as r:
        return json.load(r)


def action_counts(state):
    """{action: received}"""
    return {a: v.get("received", 0) for a, v in state["stats"]["actions"].items()}


def rounds(times_ms, gap_ms):
    """Splits sorted call times into rounds: a gap longer than gap_ms starts a
    new round. Returns the number of calls in each round."""
    out = []
    last = None
    for t in sorted(times_ms):
        if last is None or t - last > gap_ms:
            out.append(0)
        out[-1] += 1
        last = t
    return out


def call_times(state, action):
    return [t for t, a in state["stats"]["call_log"] if a == action]


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def summary(values):
    if not values:
        return {"n": 0}
    return {"n": len(values), "min": min(values), "p50": percentile(values, 50),
            "p95": percentile(values, 95), "max": max(values),
            "mean": sum(values) / len(values)}


def task_end_wall_ms(state):
    """{task id: wall ms of its end} for tasks that ended."""
    return {t["id"]: t["end_wall_ms"] for t in state["restore_tasks"]
            if t.get("end_wall_ms")}


def task_status(state):
    return {t["id"]: t["status"] for t in state["restore_tasks"]}


def daemon_runs(state_dir):
    """{job id: run record} from the daemon's state files (StateStore)."""
    out = {}
    for name in os.listdir(state_dir):
        if not name.endswith(".json") or name == "status.json" or name.startswith("."):
            continue
        try:
            with open(os.path.join(state_dir, name)) as f:
                rec = json.load(f)
            out[rec["jobId"]] = rec["payload"]["run"]
        except (OSError, ValueError, KeyError):
            continue
    return out


def read_counts(status_path):
    """The counts object near the head of status.json (written before the
    job list), or None; reading only the head keeps the harness cheap."""
    try:
        with open(status_path) as f:
            head = f.read(4096)
    except OSError:
        return None
    start = head.find('"counts":')
    end = head.find("}", start)
    if start < 0 or end < 0:
        return None
    try:
        return json.loads(head[start + len('"counts":'):end + 1])
    except ValueError:
        return None
