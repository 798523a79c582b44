#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Man pages: each renders with `MANWIDTH=80 man --warnings -l` with no
warning, and the options of dbs-restored(8) are exactly those of --help.

usage: check_man.py DAEMON DBS-RESTORED.8.SCD PAGE...
"""
import os
import re
import subprocess
import sys

daemon, scd, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
failed = False

env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
for page in pages:
    r = subprocess.run(["man", "--warnings", "-l", page], env=env,
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0 or r.stderr.strip() or not r.stdout.strip():
        print(f"FAIL: {os.path.basename(page)}: exit {r.returncode}\n{r.stderr}")
        failed = True
    else:
        print(f"ok: {os.path.basename(page)} renders without warnings")

OPT = re.compile(r"--?[a-z][a-z-]*")


def help_options():
    out = subprocess.run([daemon, "--help"], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    opts = set()
    for line in out.splitlines():
        if line.startswith("  ") and line.strip().startswith("-"):
            # "  -c, --config FILE    text": the options before the text.
            head = re.split(r"\s{2,}", line.strip())[0]
            opts |= {t for t in OPT.findall(head)}
    return opts


def man_options():
    text = open(scd, encoding="utf-8").read()
    section = text.split("# OPTIONS", 1)[1].split("\n# ", 1)[0]
    opts = set()
    for line in section.splitlines():
        if line.startswith("*-"):
            opts |= set(OPT.findall(" ".join(re.findall(r"\*([^*]+)\*", line))))
    return opts


h, m = help_options(), man_options()
if not h:
    print("FAIL: no options found in --help")
    failed = True
elif h != m:
    print(f"FAIL: options differ: only in --help {sorted(h - m)}, only in the man page {sorted(m - h)}")
    failed = True
else:
    print(f"ok: dbs-restored(8) and --help list the same options: {' '.join(sorted(h))}")
sys.exit(1 if failed else 0)
