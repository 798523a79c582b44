#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Memory over many reconnects: bench-reconnect sends N signed calls to a
dbs-emulator that loses or resets every connection (faults below), so each
call opens and loses one connection. Prints the client's resident set size
after a warm-up and at the end.

    bench/reconnect.py [--build build] [--requests 10000]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import procs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FAULTS = """faults:
  - action: DescribeRestoreTaskList
    probability: 1.0
    kinds: [lost, reset]
"""


def main(argv):
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    a.add_argument("--build", default=os.path.join(ROOT, "build"))
    a.add_argument("--requests", type=int, default=10000)
    a.add_argument("--warmup", type=int, default=1000)
    o = a.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        faults = os.path.join(tmp, "faults.yaml")
        with open(faults, "w") as f:
            f.write(FAULTS)
        emulator, port = procs.start_emulator(
            os.path.join(o.build, "emulator", "dbs-emulator"),
            os.path.join(ROOT, "examples", "emulator", "fixture.yaml"), 1, faults)
        try:
            out = subprocess.run(
                [os.path.join(o.build, "bench", "bench-reconnect"),
                 "--endpoint", f"http://127.0.0.1:{port}",
                 "--credentials", os.path.join(ROOT, "examples", "credentials", "dbs-access-key"),
                 "--requests", str(o.requests), "--warmup", str(o.warmup)],
                check=True, capture_output=True, text=True, timeout=600).stdout
        finally:
            emulator.terminate()
    result = json.loads(out)
    result["rss_growth_kb"] = result["rss_kb_at_end"] - result["rss_kb_after_warmup"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
