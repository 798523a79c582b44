#!/usr/bin/env python3
"""Prints "N passed, N failed, N skipped" for a meson test run, per test case.

gtest binaries contribute one <testcase> per TEST(); other tests count once.
A binary that crashed before writing its XML still counts as a failure, as
testlog.json records the FAIL even when the junit file has no case for it.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

logdir = sys.argv[1]
passed = failed = skipped = 0
junit = os.path.join(logdir, "testlog.junit.xml")
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
jlog = os.path.join(logdir, "testlog.json")
if os.path.exists(jlog):
    with open(jlog) as f:
        for line in f:
            if line.strip() and json.loads(line)["result"] in (
                    "FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS", "INTERRUPT"):
                bad_runs += 1

failed = max(failed, bad_runs)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
