#!/usr/bin/env bash
# Interop test: official Alibaba Cloud Node.js clients against dbs-emulator.
# Usage: run-interop.sh EMULATOR_BINARY FIXTURE CACHE_DIR
# Exit 77 (meson: skipped) when node/npm or the npm registry is unavailable.
set -uo pipefail
emulator=$1 fixture=$2 cache=$3
here=$(cd "$(dirname "$0")" && pwd)

command -v node >/dev/null || { echo "SKIP: node is not installed"; exit 77; }
command -v npm >/dev/null || { echo "SKIP: npm is not installed"; exit 77; }

# Cached inside the build tree: install only when a package is missing.
mkdir -p "$cache"
if [[ ! -f $cache/node_modules/@alicloud/pop-core/package.json ||
      ! -f $cache/node_modules/@alicloud/openapi-client/package.json ||
      ! -f $cache/node_modules/@alicloud/tea-util/package.json ]]; then
	[[ -f $cache/package.json ]] || echo '{"name":"dbs-emulator-interop","private":true}' > "$cache/package.json"
	if ! (cd "$cache" && timeout 300 npm install --no-audit --no-fund --loglevel=error \
		@alicloud/pop-core @alicloud/openapi-client @alicloud/tea-util); then
		echo "SKIP: npm install of @alicloud/pop-core and @alicloud/openapi-client failed (registry unreachable?)"
		exit 77
	fi
fi

fifo=$(mktemp -u)
mkfifo "$fifo"
"$emulator" --listen 127.0.0.1:0 --fixture "$fixture" > "$fifo" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$fifo"' EXIT
exec 3<"$fifo"
if ! read -r -t 20 -u 3 line; then
	echo "FAIL: dbs-emulator printed no listening line"
	exit 1
fi
echo "$line"
port=${line##*:}

NODE_PATH=$cache/node_modules timeout 120 node "$here/interop.js" "$port"
