#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bash completion: `dbs-restored --c<TAB>` offers the options of --help that
# start so, and `dbs-restored --config <TAB>` offers .yaml files.
# Exit 77 (skipped) when bash-completion is not installed.
#
# usage: check_completion.sh COMPLETION-FILE DAEMON
set -euo pipefail
completion=$(realpath "$1") daemon=$2
main=/usr/share/bash-completion/bash_completion
[[ -r $main ]] || { echo "SKIP: bash-completion not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/conf"
ln -s "$(realpath "$daemon")" "$work/bin/dbs-restored"
touch "$work/conf/a.yaml" "$work/conf/b.txt"

complete_words() {
	# In a clean shell: load bash-completion and ours, complete "$@".
	PATH=$work/bin:$PATH bash --norc --noprofile -c '
		. "$1"; . "$2"; shift 2
		COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_dbs_restored dbs-restored "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$main" "$completion" "$@"
}

fail=0
got=$(complete_words dbs-restored --c | tr '\n' ' ')
if [[ $got == "--cancel --check-config --config " ]]; then echo "ok: --c -> $got"; else
	echo "FAIL: --c completed to '$got'"; fail=1; fi
got=$(cd "$work/conf" && complete_words dbs-restored --config "" | tr '\n' ' ')
if [[ $got == "a.yaml " ]]; then echo "ok: --config -> $got"; else
	echo "FAIL: --config completed to '$got'"; fail=1; fi
got=$(complete_words dbs-restored --report --format "" | tr '\n' ' ')
if [[ $got == "csv html json " ]]; then echo "ok: --report --format -> $got"; else
	echo "FAIL: --report --format completed to '$got'"; fail=1; fi
got=$(complete_words dbs-restored --format "" | tr '\n' ' ')
if [[ $got == "json text " ]]; then echo "ok: --format -> $got"; else
	echo "FAIL: --format completed to '$got'"; fail=1; fi
exit $fail
