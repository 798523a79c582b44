# SPDX-License-Identifier: Apache-2.0
"""One benchmark run with N jobs against one emulator: the daemon's cold
start, its run to the end of every job, a one-file reload, a warm start; then
the peer on its own N tasks. One after the other, so that the emulator's call
log and counts, and the two CPUs of the machine, belong to one client at a
time. Returns a dict of figures."""
import datetime
import json
import os
import re
import subprocess
import threading
import time

from . import procs, stats, waves
from .workspace import SPARE_TASK, Workspace, job_id, job_yaml, time_scale

LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z ")


def _log_time_ms(line):
    m = LOG_TIME.match(line)
    if not m:
        return None
    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f")
    return t.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000.0


def _wait_for_log(path, offset, needle, timeout_s):
    """First line at or after `offset` that contains needle (bounded)."""
    deadline = time.monotonic() + timeout_s
    buf = ""
    with open(path, errors="replace") as f:
        f.seek(offset)
        while time.monotonic() < deadline:
            chunk = f.read()
            if not chunk:
                time.sleep(0.002)
                continue
            buf += chunk
            *lines, buf = buf.split("\n")
            for line in lines:
                if needle in line:
                    return line
    return None


class Peer:
    """The node per-task poller (bench/peer/poll-each-task.js)."""

    def __init__(self, ws, port, node_modules, script, result_file):
        cfg = os.path.join(ws.root, "peer.json")
        with open(cfg, "w") as f:
            json.dump({"endpoint": f"http://127.0.0.1:{port}",
                       "accessKeyId": "LTAI5tDemoAccessKey01", "secretFile": ws.peer_secret,
                       "taskIds": [t for t, _ in ws.peer_tasks],
                       "pollIntervalMs": ws.poll_interval_s * 1000,
                       "resultFile": result_file}, f)
        env = dict(os.environ, NODE_PATH=node_modules)
        self.result_file = result_file
        self.child = procs.Child(["node", script, cfg], env=env, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.done_ms = None
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        for line in self.child.proc.stdout:
            if line.strip() == b"done":
                self.done_ms = procs.now_ms()

    def finish(self):
        """Figures while still alive, then lets it exit."""
        cpu, mem = self.child.cpu(), self.child.memory()
        with open(self.result_file) as f:
            result = json.load(f)
        self.child.proc.stdin.close()
        self.child.reap(30)
        return cpu, mem, result


def run(n, opts, root, log):
    ws = Workspace(root, n, opts.peer, opts.poll_interval, opts.rounds, opts.rate,
                   min(n, opts.max_running))
    ws.write()
    scale = time_scale(opts.poll_interval, opts.rounds)
    emu, port = procs.start_emulator(opts.emulator, ws.fixture, scale)
    ws.write_config(port)
    notify = procs.NotifySocket(os.path.join(root, "notify.sock"))
    daemon_log = os.path.join(root, "daemon.log")
    out = {"n": n, "poll_interval_s": opts.poll_interval, "time_scale": scale,
           "max_running_jobs": ws.max_running, "rate_limit": opts.rate}
    children = [emu]
    try:
        # 1. The daemon alone, so that the emulator's call log is its own.
        log(f"N={n}: daemon cold start")
        cold_config, cold_state = ws.config, ws.state_dir
        if n > ws.max_running:
            cold_config = os.path.join(root, "cold.yaml")
            cold_state = os.path.join(root, "cold-state")
            os.makedirs(cold_state)
            ws.write_config(port, path=cold_config, state_dir=cold_state)
        d, ready = _start_daemon(opts, cold_config, notify, daemon_log, children,
                                 () if n > ws.max_running else opts.wrap)
        out["cold_start_ms"] = ready - d.started_ms
        out["cold_start_cpu_s"] = d.cpu()
        out["concurrent"] = ws.max_running
        if n > ws.max_running:
            d.terminate()
            waves.start_in_waves(ws, port, notify, opts, log, cold_state)
            log(f"N={n}: daemon resumes {n} running jobs")
            d, ready = _start_daemon(opts, ws.config, notify, daemon_log, children, opts.wrap)
            out["resume_start_ms"] = ready - d.started_ms
            out["resume_start_cpu_s"] = d.cpu()
            out["concurrent"] = n
        out["main_started_ms"] = d.started_ms
        _run_until_done(ws, d, ready, opts, out, log)
        out["emulator_cpu_s"] = emu.cpu()
        state = stats.fetch_state(port)
        _save(root, "emulator-state-daemon.json", state)
        _api_figures(state, out, opts)
        _latency(ws, state, out)
        out["reload"] = _reload(ws, daemon_log)
        d.terminate()
        out["daemon_rusage"] = d.rusage
        log(f"N={n}: daemon warm start")
        w, ready = _start_daemon(opts, ws.config, notify, daemon_log, children, required=False)
        out["warm_start_ms"] = None if ready is None else ready - w.started_ms
        out["warm_start_cpu_s"] = w.cpu()
        out["warm_start_rss_kb"] = w.memory()["VmHWM"]
        w.terminate()
        # 2. The peer, against the same emulator; its calls are the difference.
        if opts.peer:
            log(f"N={n}: peer")
            emu_cpu = emu.cpu()
            state = stats.fetch_state(port)  # the daemon's reload and restart called too
            peer = Peer(ws, port, opts.node_modules, opts.peer_script,
                        os.path.join(root, "peer-result.json"))
            children.append(peer.child)
            _wait_peer(ws, peer, opts)
            pcpu, pmem, presult = peer.finish()
            after = stats.fetch_state(port)
            _save(root, "emulator-state-peer.json", after)
            _peer_figures(state, after, out, pcpu, pmem, presult, emu.cpu() - emu_cpu,
                          peer.done_ms - peer.child.started_ms)
    finally:
        for c in children:
            if c.rusage is None:
                c.terminate()
        notify.close()
    return out


def _save(root, name, state):
    with open(os.path.join(root, name), "w") as f:
        json.dump(state, f)


def _wait_peer(ws, peer, opts):
    budget_s = (opts.rounds + 4) * opts.poll_interval + opts.poll_interval + 60
    deadline = time.monotonic() + budget_s
    while peer.done_ms is None and time.monotonic() < deadline:
        time.sleep(0.5)
    if peer.done_ms is None:
        raise RuntimeError(f"peer not done within {budget_s:.0f}s")


def _run_until_done(ws, d, ready, opts, out, log):
    p = opts.poll_interval
    budget_s = opts.start_timeout + (opts.rounds + 4) * p + ws.n / opts.rate
    deadline = time.monotonic() + budget_s
    samples = []  # (wall ms, daemon cpu s, daemon rss kB)
    done_ms = None
    status = os.path.join(ws.state_dir, "status.json")
    while time.monotonic() < deadline:
        t = procs.now_ms()
        mem = d.memory()
        samples.append((t, d.cpu(), mem["VmRSS"]))
        if done_ms is None:
            c = stats.read_counts(status)
            # With N above max_running_jobs the rest wait in the queue: the
            # measured run is the first wave (the jobs that ran at once).
            ended = c and c["succeeded"] + c["failed"] + c["cancelled"]
            if c and ended >= out["concurrent"] and (ws.n > out["concurrent"] or c["running"] == 0):
                done_ms = t
                out["daemon_counts"] = c
                out["daemon_run_cpu_s"] = samples[-1][1]
                out["daemon_vmhwm_kb"] = mem["VmHWM"]
                log(f"N={ws.n}: daemon done after {(t - d.started_ms) / 1000:.1f}s")
        if done_ms is not None:
            break
        time.sleep(1.0)
    if done_ms is None:
        raise RuntimeError(f"daemon jobs not all terminal within {budget_s:.0f}s")
    wall_s = (done_ms - d.started_ms) / 1000.0
    out["daemon_wall_s"] = wall_s
    out["daemon_cpu_pct"] = 100.0 * out["daemon_run_cpu_s"] / wall_s
    out["daemon_peak_rss_sampled_kb"] = max(s[2] for s in samples)
    out["samples"] = [[round(t), round(c, 3), r] for t, c, r in samples]
    out["ready_ms"] = ready
    out["done_ms"] = done_ms


def _steady_cpu(out, first_end_ms, p):
    """Daemon CPU % between 1.5 intervals after READY and the first task end:
    every job is polling, nobody is starting or finishing."""
    lo = out["ready_ms"] + 1.5 * p * 1000
    window = [s for s in out["samples"] if lo <= s[0] <= first_end_ms]
    if len(window) < 2 or window[-1][0] - window[0][0] < p * 1000:
        return None
    return 100.0 * (window[-1][1] - window[0][1]) / ((window[-1][0] - window[0][0]) / 1000.0)


def _api_figures(state, out, opts):
    out["emulator_actions"] = stats.action_counts(state)
    drtl = state["stats"]["describe_restore_task_list"]
    out["emulator_drtl"] = {k: drtl[k] for k in ("calls", "ids_sum", "ids_max")}
    out["call_log_dropped"] = state["stats"].get("call_log_dropped", 0)
    gap = opts.poll_interval * 1000 / 2
    times = [t for t in stats.call_times(state, "DescribeRestoreTaskList")
             if t >= out["main_started_ms"]]
    out["drtl_per_round"] = stats.rounds(times, gap)


def _start_daemon(opts, config, notify, log_path, children, wrapper=(), required=True):
    """Starts a daemon and waits for its READY=1: (child, wall ms of READY, or None
    when it never came and `required` is false)."""
    d = procs.start_daemon(opts.daemon, config, notify, log_path, wrapper)
    children.append(d)
    ready = notify.ready_ms(d.started_ms, opts.start_timeout)
    if ready is None and required:
        raise RuntimeError(f"daemon sent no READY=1 within {opts.start_timeout}s; see {log_path}")
    return d, ready


def _latency(ws, state, out):
    ends = stats.task_end_wall_ms(state)
    runs = stats.daemon_runs(ws.state_dir)
    lat, outcomes = [], {}
    for i, (task, _) in enumerate(ws.daemon_tasks, start=1):
        run = runs.get(job_id(i))
        if not run or not run.get("finishedAtMs") or run["finishedAtMs"] > out["done_ms"]:
            continue
        outcomes[run.get("outcome")] = outcomes.get(run.get("outcome"), 0) + 1
        if run.get("finishedAtMs") and task in ends:
            lat.append(run["finishedAtMs"] - ends[task])
    out["daemon_outcomes"] = outcomes
    out["daemon_latency_ms"] = stats.summary(lat)
    first_end = min((ends[t] for t, _ in ws.daemon_tasks if t in ends), default=None)
    out["daemon_steady_cpu_pct"] = (_steady_cpu(out, first_end, ws.poll_interval_s)
                                    if first_end else None)
    out["sim_job_hours"] = sum(sec for _, sec in ws.daemon_tasks[:out["concurrent"]]) / 3600.0


def _peer_figures(before, after, out, cpu, mem, result, emu_cpu, wall_ms):
    ends = stats.task_end_wall_ms(after)
    lat = [t - ends[k] for k, t in result["detectedWallMs"].items() if k in ends]
    a0, a1 = stats.action_counts(before), stats.action_counts(after)
    d0 = before["stats"]["describe_restore_task_list"]
    d1 = after["stats"]["describe_restore_task_list"]
    out["peer"] = {"cpu_s": cpu, "vmhwm_kb": mem["VmHWM"], "wall_s": wall_ms / 1000.0,
                   "self_counted_calls": result["calls"], "errors": result["errors"],
                   "emulator_actions": {k: a1[k] - a0.get(k, 0) for k in a1},
                   "emulator_drtl_calls": d1["calls"] - d0["calls"],
                   "emulator_cpu_s": emu_cpu,
                   "latency_ms": stats.summary(lat),
                   "tasks_detected": len(result["detectedWallMs"])}


def _reload(ws, daemon_log):
    """Points job 1 at another task; time until the daemon logs that job."""
    offset = os.path.getsize(daemon_log)
    path = ws.job_path(1)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(job_yaml(SPARE_TASK, ws.poll_interval_s))
    t_write = procs.now_ms()
    os.rename(tmp, path)
    line = _wait_for_log(daemon_log, offset, f" job={job_id(1)}", 30)
    if line is None:
        return {"ms": None}
    logged = _log_time_ms(line)
    event = re.search(r"event=(\S+)", line)
    return {"ms": None if logged is None else logged - t_write,
            "event": event.group(1) if event else None}
