#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Scale benchmark: dbs-restored with N jobs against dbs-emulator, beside the
per-task polling users script today (bench/peer, @alicloud/pop-core).

    bench/run.py [--jobs 100,1000,10000] [--build build-bench] [--no-peer]

See bench/README.md for what is measured and how; --smoke is the test-suite
mode (N=100, 1 s poll interval, no peer, asserts correctness only).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import report, scenario  # noqa: E402
from harness.workspace import batching_bound  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args(argv):
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    a.add_argument("--jobs", default="100,1000,10000", help="comma-separated N (default %(default)s)")
    a.add_argument("--build", default=os.path.join(ROOT, "build-bench"),
                   help="meson build dir with dbs-restored and dbs-emulator (default build-bench)")
    a.add_argument("--daemon", help="dbs-restored binary (default BUILD/daemon/dbs-restored)")
    a.add_argument("--emulator", help="dbs-emulator binary (default BUILD/emulator/dbs-emulator)")
    a.add_argument("--poll-interval", type=int, default=30, help="seconds (default %(default)s)")
    a.add_argument("--rounds", type=int, default=6,
                   help="the longest restore (3h simulated) lasts this many poll intervals;"
                        " sets --time-scale (default %(default)s)")
    a.add_argument("--rate", type=float, default=1000, help="daemon API rate limit, requests/s")
    a.add_argument("--max-running", type=int, default=100000,
                   help="max_running_jobs = min(N, this); above it runs start in waves (the config accepts up to 100000)")
    a.add_argument("--no-peer", dest="peer", action="store_false", help="skip the node peer")
    a.add_argument("--node-modules", help="where @alicloud/pop-core is installed"
                   " (default BUILD/bench/npm/node_modules; installed there when missing)")
    a.add_argument("--start-timeout", type=float, default=60, help="seconds to wait for READY=1")
    a.add_argument("--wrap", default="", help="command prefix for the measured daemon, e.g."
                   " 'valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%%p'")
    a.add_argument("--out", help="JSON results file (default BUILD/bench/results-<time>.json)")
    a.add_argument("--workdir", default=None, help="parent of the temporary workspaces")
    a.add_argument("--keep", action="store_true", help="keep the workspaces")
    a.add_argument("--render", metavar="JSON[,JSON...]",
                   help="print the table of saved results files (no run)")
    a.add_argument("--smoke", action="store_true",
                   help="test mode: N=100, 1 s interval, 3 rounds, no peer; exit 1 unless every"
                        " job succeeded and DescribeRestoreTaskList calls per round <= ceil(N/100)")
    o = a.parse_args(argv)
    if o.smoke:
        o.jobs, o.poll_interval, o.rounds, o.peer = "100", 1, 3, False
    o.jobs = [int(x) for x in o.jobs.split(",") if x]
    o.wrap = o.wrap.split()
    o.daemon = o.daemon or os.path.join(o.build, "daemon", "dbs-restored")
    o.emulator = o.emulator or os.path.join(o.build, "emulator", "dbs-emulator")
    o.node_modules = o.node_modules or os.path.join(o.build, "bench", "npm", "node_modules")
    o.peer_script = os.path.join(HERE, "peer", "poll-each-task.js")
    return o


def ensure_pop_core(node_modules):
    """npm install @alicloud/pop-core into node_modules' parent, once."""
    if os.path.isfile(os.path.join(node_modules, "@alicloud", "pop-core", "package.json")):
        return
    cache = os.path.dirname(node_modules)
    os.makedirs(cache, exist_ok=True)
    shutil.copy(os.path.join(HERE, "peer", "package.json"), os.path.join(cache, "package.json"))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=cache, check=True, timeout=300)


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def smoke_verdict(r):
    """Correctness only: every job succeeded, calls per round within the bound."""
    problems = []
    if r["daemon_outcomes"] != {"succeeded": r["n"]}:
        problems.append(f"outcomes {r['daemon_outcomes']}, expected {r['n']} succeeded")
    # The first round is each job's poll right after its StartRestoreTask
    # answer, so it follows the spread of the start calls; from the second
    # round on, every job polls in the daemon's shared rounds.
    bound = batching_bound(r["n"])
    rounds = r.get("drtl_per_round", [])
    if len(rounds) < 2 or max(rounds[1:]) > bound:
        problems.append(f"DescribeRestoreTaskList calls per round {rounds}, bound {bound}"
                        " from the second round on")
    if r["emulator_actions"].get("StartRestoreTask", 0) != r["n"]:
        problems.append(f"StartRestoreTask calls {r['emulator_actions'].get('StartRestoreTask')},"
                        f" expected {r['n']}")
    return problems


def main(argv):
    o = parse_args(argv)
    if o.render:
        results = []
        for path in o.render.split(","):
            with open(path) as f:
                results += json.load(f)["results"]
        print(report.markdown(sorted(results, key=lambda r: r["n"]), o))
        return 0
    for exe in (o.daemon, o.emulator):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench: {exe} is missing; build it first (see bench/README.md)")
    if o.peer:
        ensure_pop_core(o.node_modules)
    results = []
    for n in o.jobs:
        root = tempfile.mkdtemp(prefix=f"dbs-bench-{n}-", dir=o.workdir)
        ok = False
        try:
            results.append(scenario.run(n, o, root, log))
            ok = True
        finally:
            if ok and not o.keep:
                shutil.rmtree(root, ignore_errors=True)
            else:
                log(f"workspace kept: {root}")
    if o.smoke:
        problems = smoke_verdict(results[0])
        for p in problems:
            print("FAIL:", p)
        print("bench smoke:", "FAIL" if problems else "OK",
              json.dumps({k: results[0].get(k) for k in ("daemon_outcomes", "drtl_per_round")}))
        return 1 if problems else 0
    out = o.out or os.path.join(o.build, "bench", time.strftime("results-%Y%m%dT%H%M%SZ.json",
                                                                time.gmtime()))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"command": " ".join(["bench/run.py"] + argv), "results": results}, f, indent=1)
    print(report.markdown(results, o))
    log(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
