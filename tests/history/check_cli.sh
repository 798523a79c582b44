#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The real binary's --history and --report read the fixture's history
# through --config's state_dir, with no daemon running.
#
# usage: check_cli.sh DAEMON FIXTURE-STATE-DIR
set -euo pipefail
daemon=$1 state=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'state_dir: %s\ncredentials: {file: %s/no-key}\n' "$state" "$work" > "$work/cfg.yaml"

fail=0
expect() { # NAME WANT GOT
	if [[ $3 == *"$2"* ]]; then echo "ok: $1"; else echo "FAIL: $1: wanted '$2' in:"; echo "$3"; fail=1; fi
}

out=$("$daemon" --config "$work/cfg.yaml" --history 2>"$work/err")
expect "--history lists nightly-drill" "nightly-drill  3     2026-11-22T03:00:00Z  failed" "$out"
expect "--history warns about the torn line" "weekly-pitr.jsonl:2: the last line" "$(cat "$work/err")"
out=$("$daemon" --config "$work/cfg.yaml" --history nightly-drill 2>/dev/null)
expect "--history JOB lists its runs" "2026-11-21T03:00:00Z  succeeded/verification_failed  1h30m" "$out"
rc=0; "$daemon" --config "$work/cfg.yaml" --history no-such-job >/dev/null 2>&1 || rc=$?
expect "--history of an unknown job exits 1" "1" "$rc"
# The fixture's runs are in 2026-11; the longest period reaches them until 2036.
out=$("$daemon" --config "$work/cfg.yaml" --report --since 3650d 2>/dev/null)
expect "--report is CSV by default" "job_id,run_id,started_at,finished_at,outcome," "$out"
expect "--report has the run" "nightly-drill,r-nightly-2,2026-11-21T03:00:00Z" "$out"
out=$("$daemon" --config "$work/cfg.yaml" --report --since 3650d --format json 2>/dev/null)
expect "--report --format json" '"schema":"dbs-restored-report/1"' "$out"
out=$("$daemon" --config "$work/cfg.yaml" --report --since 3650d --format html 2>/dev/null)
expect "--report --format html" '<section class="job" id="job-nightly-drill"' "$out"
rc=0; "$daemon" --config "$work/cfg.yaml" --report --format text >/dev/null 2>&1 || rc=$?
expect "--report --format text is a usage error" "2" "$rc"
exit $fail
