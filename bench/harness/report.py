# SPDX-License-Identifier: Apache-2.0
"""Markdown table of one harness invocation's results."""
from .workspace import batching_bound


def _f(v, fmt="{:.1f}"):
    return "–" if v is None else fmt.format(v)


def _s(ms):
    return _f(None if ms is None else ms / 1000.0, "{:.2f}")


def daemon_rows(r):
    n = r["n"]
    active = r.get("concurrent", r["max_running_jobs"])
    calls, ids = r["emulator_drtl"]["calls"], r["emulator_drtl"]["ids_sum"]
    rounds = r.get("drtl_per_round", [])
    # The first round is each job's poll right after its StartRestoreTask
    # answer; it follows the spread of the start calls.
    steady = max(rounds[1:]) if len(rounds) > 1 else None
    lat = r["daemon_latency_ms"]
    return [
        ("poll interval s / emulator time scale / restore length in intervals",
         f"{r['poll_interval_s']} / {r['time_scale']:g} / "
         f"{3 * 3600 / r['time_scale'] / r['poll_interval_s']:.0f}"),
        ("jobs running at once (max_running_jobs)", f"{active} ({r['max_running_jobs']})"),
        ("daemon StartRestoreTask calls", f"{r['emulator_actions'].get('StartRestoreTask', 0)}"),
        ("daemon DescribeRestoreTaskList calls, total", f"{calls}"),
        ("daemon ids per DescribeRestoreTaskList call, mean / max",
         f"{_f(ids / calls if calls else None)} / {r['emulator_drtl']['ids_max']}"),
        ("daemon DescribeRestoreTaskList calls per round, max after the first (bound)",
         f"{steady} (≤ {batching_bound(active)})"),
        ("daemon DescribeRestoreTaskList calls in each round", " ".join(map(str, rounds))),
        ("daemon peak RSS (VmHWM), MB", _f(r["daemon_vmhwm_kb"] / 1024.0)),
        ("daemon RSS per job, kB", _f(r["daemon_vmhwm_kb"] / n)),
        ("daemon CPU s, spawn to all terminal", _f(r["daemon_run_cpu_s"], "{:.2f}")),
        ("daemon CPU % of one core, whole run", _f(r["daemon_cpu_pct"], "{:.2f}")),
        ("daemon CPU % of one core, steady polling", _f(r.get("daemon_steady_cpu_pct"), "{:.2f}")),
        ("daemon CPU s per simulated job-hour",
         _f(r["daemon_run_cpu_s"] / r["sim_job_hours"], "{:.5f}")),
        ("daemon CPU s per wall job-hour",
         _f(r["daemon_run_cpu_s"] / (active * r["daemon_wall_s"] / 3600.0), "{:.4f}")),
        ("detection latency p50 / p95 / max, s",
         f"{_s(lat.get('p50'))} / {_s(lat.get('p95'))} / {_s(lat.get('max'))}"),
        ("cold start to READY=1, ms (CPU s)",
         f"{_f(r['cold_start_ms'], '{:.0f}')} ({_f(r['cold_start_cpu_s'], '{:.2f}')})"),
        ("warm start (existing state) to READY=1, ms (CPU s)",
         f"{_f(r.get('warm_start_ms'), '{:.0f}')} ({_f(r.get('warm_start_cpu_s'), '{:.2f}')})"),
        ("start resuming N running jobs to READY=1, ms (CPU s)",
         f"{_f(r.get('resume_start_ms'), '{:.0f}')} ({_f(r.get('resume_start_cpu_s'), '{:.2f}')})"),
        ("reload of one changed file, ms", _f(r["reload"].get("ms"), "{:.0f}")),
        ("emulator CPU s serving the daemon", _f(r["emulator_cpu_s"], "{:.2f}")),
    ]


def peer_rows(r):
    if "peer" not in r:
        return []
    p = r["peer"]
    pl = p["latency_ms"]
    pc = p["emulator_drtl_calls"]
    calls = r["emulator_drtl"]["calls"]
    return [
        ("peer StartRestoreTask calls", f"{p['emulator_actions'].get('StartRestoreTask', 0)}"),
        ("peer DescribeRestoreTaskList calls, total", f"{pc}"),
        ("peer peak RSS (VmHWM), MB", _f(p["vmhwm_kb"] / 1024.0)),
        ("peer CPU s", _f(p["cpu_s"], "{:.2f}")),
        ("peer CPU % of one core, whole run", _f(100.0 * p["cpu_s"] / p["wall_s"], "{:.2f}")),
        ("peer detection latency p50 / p95 / max, s",
         f"{_s(pl.get('p50'))} / {_s(pl.get('p95'))} / {_s(pl.get('max'))}"),
        ("emulator CPU s serving the peer", _f(p["emulator_cpu_s"], "{:.2f}")),
        ("ratio daemon/peer: DescribeRestoreTaskList calls", _f(calls / pc if pc else None, "{:.4f}")),
        ("ratio daemon/peer: CPU s",
         _f(r["daemon_run_cpu_s"] / p["cpu_s"] if p["cpu_s"] else None, "{:.3f}")),
        ("ratio daemon/peer: peak RSS", _f(r["daemon_vmhwm_kb"] / p["vmhwm_kb"], "{:.3f}")),
    ]


def markdown(results, opts):
    head = "| measure | " + " | ".join(f"N={r['n']}" for r in results) + " |"
    sep = "| --- |" + " ---: |" * len(results)
    tables = [daemon_rows(r) + peer_rows(r) for r in results]
    longest = max(tables, key=len)
    lines = [head, sep]
    for i, (name, _) in enumerate(longest):
        lines.append(f"| {name} | " + " | ".join(t[i][1] if i < len(t) else "" for t in tables) + " |")
    lines.append("")
    lines.append(f"daemon rate limit {results[0]['rate_limit']:g} requests/s")
    return "\n".join(lines)
