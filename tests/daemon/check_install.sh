#!/bin/sh
# `meson install` puts the daemon, its unit and its configuration in place.
# Installs the already built tree into a scratch DESTDIR and checks the files.
set -eu
build=$1
prefix=$2
sysconfdir=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
fail=0
check() {
	if [ -e "$dest$1" ]; then echo "ok: $1"; else echo "MISSING: $1"; fail=1; fi
}
case $sysconfdir in /*) etc=$sysconfdir ;; *) etc=$prefix/$sysconfdir ;; esac
check "$prefix/bin/dbs-restored"
check "$etc/dbs-restored/dbs-restored.yaml"
check "$etc/dbs-restored/dbs-restored.yaml.example"
check "$etc/dbs-restored/jobs.d"
check "$prefix/share/bash-completion/completions/dbs-restored"
template=$(find "$dest" -name 'dbs-restored@.service' | head -n 1)
if [ -n "$template" ]; then echo "ok: template unit at ${template#$dest}"; else echo "MISSING: dbs-restored@.service"; fail=1; fi
unit=$(find "$dest" -name dbs-restored.service | head -n 1)
if [ -n "$unit" ]; then echo "ok: unit at ${unit#$dest}"; else echo "MISSING: dbs-restored.service"; fail=1; fi
if [ -n "$unit" ] && ! grep -q "^ExecStart=$prefix/bin/dbs-restored" "$unit"; then
	echo "unit ExecStart does not point at $prefix/bin/dbs-restored"; fail=1
fi
exit $fail
