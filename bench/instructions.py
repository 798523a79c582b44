#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Instruction counts per operation for the micro-benchmarks, with callgrind.

    bench/instructions.py [--build build-bench]

Runs each micro-benchmark once under `valgrind --tool=callgrind` and reads,
from callgrind's call records, the inclusive instruction count (Ir) of every
call to the operation under test, divided by the number of calls (hundreds
to thousands, so one-time set-up such as OpenSSL's first use is amortised).
Counts do not depend on the machine's load, unlike the wall times.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# (executable, benchmark filter, regex of the function under test)
OPERATIONS = [
    ("bench-signature", "signV1", r"^dbs::rpc::sign(\[abi:cxx11\])?\(", "sign v1 (RPC HMAC-SHA1), 100 ids"),
    ("bench-signature", "signV3", r"^dbs::acs3::authorization(\[abi:cxx11\])?\(", "sign v3 (ACS3-HMAC-SHA256), 100 ids"),
    ("bench-response-parser", "parseRestoreTaskPage",
     r"^dbs::ResponseParser::describeRestoreTaskList\(", "parse a 100-item DescribeRestoreTaskList page"),
    ("bench-job-machine", "pollStep",
     r"^statemachine::JobMachine::handle\(statemachine::RestorePolled const&\)",
     "one state-machine step (poll answer with new progress)"),
    ("bench-job-file-parser", "parse/restoreExisting", r"^config::parseJobText\(",
     "parse one job file (restore_task_id)"),
    ("bench-job-file-parser", "parse/nightlyDrill", r"^config::parseJobText\(",
     "parse one job file (backup + create, cron)"),
]


def per_call(out_file, pattern):
    """(calls, inclusive Ir) summed over every call record to a matching fn."""
    names = {}
    rx = re.compile(pattern)
    calls = cost = 0
    pending = None  # call count of a matching calls= line; its cost follows
    target = False
    with open(out_file) as f:
        for line in f:
            if line.startswith("cfn="):
                m = re.match(r"cfn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
                if m:
                    if m.group(2) is not None:
                        names[m.group(1)] = m.group(2)
                    target = bool(rx.search(names.get(m.group(1), "")))
                continue
            if line.startswith("calls="):
                pending = int(line.split("=", 1)[1].split()[0]) if target else None
                continue
            if pending is not None:
                parts = line.split()
                calls += pending
                cost += int(parts[1]) if len(parts) > 1 else 0
                pending = None
                target = False
            elif line.startswith("fn="):
                m = re.match(r"fn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
                if m and m.group(2) is not None:
                    names[m.group(1)] = m.group(2)
    return calls, cost


def main(argv):
    a = argparse.ArgumentParser(description=__doc__)
    a.add_argument("--build", default=os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "build-bench"))
    o = a.parse_args(argv)
    print("| operation | Ir per call | calls measured |")
    print("| --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for exe, flt, pattern, label in OPERATIONS:
            out = os.path.join(tmp, "cg.out")
            subprocess.run(["valgrind", "--tool=callgrind", "--compress-strings=yes",
                            f"--callgrind-out-file={out}",
                            os.path.join(o.build, "bench", exe),
                            f"--benchmark_filter=^{flt}$", "--benchmark_min_time=0.5"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            calls, cost = per_call(out, pattern)
            ir = f"{cost / calls:,.0f}" if calls else "–"
            print(f"| {label} | {ir} | {calls} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
