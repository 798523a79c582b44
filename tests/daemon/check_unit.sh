#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Checks the generated systemd unit: `systemd-analyze verify` must be clean,
# `systemd-analyze security --offline=yes` must score <= 2.0, and its
# SystemCallFilter= must allow what the hook runner calls (hooks).
#
# usage: check_unit.sh verify|security|hooks <unit file>
# (a template unit NAME@.service is checked as NAME@check.service)
#
# verify resolves ExecStart= on this machine, and a build machine has no
# installed dbs-restored, so it checks a copy whose ExecStart binary is
# /bin/true (arguments kept); every other line is the unit as installed.
# Exit 77 (meson's "skipped") only when systemd-analyze is missing.
set -eu

mode=$1
unit=$2
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "SKIP: systemd-analyze not installed"
	exit 77
fi
[ -f "$unit" ] || { echo "FAIL: no unit file at $unit"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(basename "$unit")
# A template (dbs-restored@.service) is checked as one of its instances.
case $name in *@.service) name=${name%@.service}@check.service ;; esac

case $mode in
verify)
	grep -q '^ExecStart=/' "$unit" || { echo "FAIL: ExecStart= is not an absolute path"; exit 1; }
	sed 's|^ExecStart=[^ ]*|ExecStart=/bin/true|' "$unit" > "$tmp/$name"
	out=$(systemd-analyze verify --man=no "$tmp/$name" 2>&1) && rc=0 || rc=$?
	printf '%s\n' "$out"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: systemd-analyze verify exited $rc"
		exit 1
	fi
	# Unit-file problems are reported as "<file>:<line>: ..." even when the
	# exit code is 0 (unknown keys, bad values); accept none.
	if printf '%s\n' "$out" | grep -q "$name"; then
		echo "FAIL: systemd-analyze verify reported problems in $name"
		exit 1
	fi
	echo "PASS: systemd-analyze verify is clean"
	;;
security)
	cp "$unit" "$tmp/$name"
	out=$(systemd-analyze security --no-pager --offline=yes --threshold=20 "$tmp/$name" 2>&1) && rc=0 || rc=$?
	line=$(printf '%s\n' "$out" | grep 'Overall exposure level' || true)
	echo "$line"
	score=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9][0-9]*\.[0-9]\).*/\1/p')
	if [ -z "$score" ]; then
		printf '%s\n' "$out"
		echo "FAIL: no exposure score in the output"
		exit 1
	fi
	if [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out"
		echo "FAIL: systemd-analyze security exited $rc (threshold 2.0)"
		exit 1
	fi
	if ! awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then
		echo "FAIL: exposure $score is above 2.0"
		exit 1
	fi
	echo "PASS: exposure $score <= 2.0"
	;;
hooks)
	# Every name a filter group stands for, groups inside it included.
	expand() {
		case $1 in
		@*) systemd-analyze syscall-filter --no-pager "$1" |
			sed -n 's/^ \{1,\}\([@a-z0-9_]\{1,\}\)$/\1/p' |
			while read -r name; do expand "$name"; done ;;
		*) echo "$1" ;;
		esac
	}
	: > "$tmp/allowed"
	: > "$tmp/denied"
	for words in $(sed -n 's/^SystemCallFilter=//p' "$unit" | tr ' ' '\n'); do
		case $words in
		~*) expand "${words#\~}" >> "$tmp/denied" ;;
		*) expand "$words" >> "$tmp/allowed" ;;
		esac
	done
	# posix_spawn (clone3, execve), the hook's own process group (setpgid),
	# its pipes, its pidfd and the kills of its group on timeout.
	missing=
	for call in clone3 execve setpgid pipe2 pidfd_open pidfd_send_signal waitid kill; do
		if ! grep -qx "$call" "$tmp/allowed" || grep -qx "$call" "$tmp/denied"; then
			missing="$missing $call"
		fi
	done
	if [ -n "$missing" ]; then
		echo "FAIL: SystemCallFilter= denies what hooks need:$missing"
		exit 1
	fi
	echo "PASS: SystemCallFilter= allows what hooks need"
	;;
*)
	echo "usage: $0 verify|security|hooks <unit>"
	exit 2
	;;
esac
