#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two dbs-restored@ instances share nothing: two accounts' configurations,
# laid out as the template unit reads them (/etc/dbs-restored/%i.yaml with
# its own jobs_dir and state_dir, the key as credential dbs-access-key from
# credentials/%i), run side by side in --once mode against two emulators
# that each accept only their own account's key. Each run must succeed, and
# each emulator must have seen only its own instance's restore. Loopback
# only; every wait is bounded.
#
# usage: two_instances.sh DAEMON EMULATOR FIXTURE JOB.yaml
set -euo pipefail
daemon=$1 emulator=$2 fixture=$3 job=$4

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

etc=$work/etc/dbs-restored
mkdir -p "$etc/credentials"
for account in alpha beta; do
	id="LTAI5tTest${account^}Key01"
	secret="test-secret-$account-$RANDOM$RANDOM"
	# The fixture's account with this instance's key (and no other).
	sed -e "s/^\(  - id: \)LTAI5tDemoAccessKey01$/\1$id/" \
	    -e "s/^\(    secret: \)demo-secret-not-for-production$/\1$secret/" \
	    "$fixture" >"$work/fixture-$account.yaml"
	grep -q "$id" "$work/fixture-$account.yaml" || fail "cannot set the key in $fixture"
	printf 'access_key_id = %s\naccess_key_secret = %s\n' "$id" "$secret" >"$etc/credentials/$account"
	chmod 600 "$etc/credentials/$account"

	mkfifo "$work/emulator-$account.out"
	"$emulator" --listen 127.0.0.1:0 --time-scale 3600 --fixture "$work/fixture-$account.yaml" \
		>"$work/emulator-$account.out" 2>"$work/emulator-$account.log" &
	pids+=($!)
	exec {fd}<"$work/emulator-$account.out"
	read -r -t 30 first <&"$fd" || { cat "$work/emulator-$account.log"; fail "emulator $account did not start"; }
	endpoint=${first#listening on }
	echo "emulator $account: $endpoint"

	mkdir -p "$etc/$account/jobs.d" "$work/var/lib/dbs-restored/$account"
	cp "$job" "$etc/$account/jobs.d/"
	cat >"$etc/$account.yaml" <<CONF
jobs_dir: $etc/$account/jobs.d
state_dir: $work/var/lib/dbs-restored/$account
api:
  endpoint: $endpoint
credentials:
  credential: dbs-access-key
defaults:
  poll_interval: 500ms
  stall_timeout: 1h
log:
  target: stderr
CONF
	eval "endpoint_$account=\$endpoint"
done

# LoadCredential=dbs-access-key:/etc/dbs-restored/credentials/%i, by hand.
run() {
	local account=$1 creds=$work/run/$1/credentials
	mkdir -p "$creds"
	cp "$etc/credentials/$account" "$creds/dbs-access-key"
	CREDENTIALS_DIRECTORY=$creds timeout 120 "$daemon" --config "$etc/$account.yaml" --once \
		>"$work/$account.out" 2>"$work/$account.log"
}
run alpha & a=$!
run beta & b=$!
rc_a=0 rc_b=0
wait "$a" || rc_a=$?
wait "$b" || rc_b=$?
for account in alpha beta; do
	echo "--- $account"
	cat "$work/$account.out"
done
[[ $rc_a -eq 0 ]] || { tail -20 "$work/alpha.log"; fail "instance alpha exited $rc_a"; }
[[ $rc_b -eq 0 ]] || { tail -20 "$work/beta.log"; fail "instance beta exited $rc_b"; }

for account in alpha beta; do
	[[ -n $(ls -A "$work/var/lib/dbs-restored/$account") ]] || fail "no state for $account"
	ep_var=endpoint_$account
	started=$(python3 - "${!ep_var}" <<'PY'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/_emulator/state", timeout=10))
tasks = state.get("restore_tasks", state.get("model", {}).get("restore_tasks", []))
print(sum(t.get("start_count", 0) for t in tasks))
PY
)
	# One restore started per emulator: its own instance's, not the other's.
	[[ $started == 1 ]] || fail "emulator $account started $started restores, expected 1"
	echo "ok: $account: exit 0, own state directory, 1 restore on its own emulator"
done
echo "PASS: two instances side by side"
