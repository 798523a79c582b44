#!/usr/bin/env python3
"""Prints "N passed, N failed, N skipped" for meson test runs, per test case.

Usage: test_summary.py LOGDIR [LABEL=LOGDIR ...]. With several runs (the
main build and the sanitizer build) each gets its own line, then the last
line adds them up.

gtest binaries contribute one <testcase> per TEST(); other tests count once.
A binary that crashed before writing its XML still counts as a failure, as
testlog.json records the FAIL even when the junit file has no case for it.
A run whose log is missing (it never started) counts as one failure.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET


def count(logdir):
    passed = failed = skipped = 0
    junit = os.path.join(logdir, "testlog.junit.xml")
    jlog = os.path.join(logdir, "testlog.json")
    if not os.path.exists(junit) and not os.path.exists(jlog):
        return 0, 1, 0
    if os.path.exists(junit):
        for tc in ET.parse(junit).getroot().iter("testcase"):
            tags = {child.tag for child in tc}
            if tags & {"failure", "error"}:
                failed += 1
            elif "skipped" in tags:
                skipped += 1
            else:
                passed += 1
    bad_runs = 0
    if os.path.exists(jlog):
        with open(jlog) as f:
            for line in f:
                if line.strip() and json.loads(line)["result"] in (
                        "FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS", "INTERRUPT"):
                    bad_runs += 1
    return passed, max(failed, bad_runs), skipped


def line(p, f, s):
    return f"{p} passed, {f} failed, {s} skipped"


runs = []
for arg in sys.argv[1:]:
    label, _, logdir = arg.rpartition("=")
    runs.append((label or "main", logdir))
total = [0, 0, 0]
for label, logdir in runs:
    p, f, s = count(logdir)
    total = [total[0] + p, total[1] + f, total[2] + s]
    if len(runs) > 1:
        print(f"{label}: {line(p, f, s)}")
print(line(*total))
sys.exit(1 if total[1] else 0)
