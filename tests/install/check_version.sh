#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One version: meson.build's project(version) is the source; debian/changelog
# (a native package: no Debian revision) and `dbs-restored --version` must
# say the same. debian/rules refuses to build when the changelog differs.
#
# usage: check_version.sh VERSION DAEMON CHANGELOG
set -eu
version=$1
daemon=$2
changelog=$3
fail=0
deb=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$changelog")
if [ "$deb" = "$version" ]; then echo "ok: debian/changelog $deb"; else
	echo "FAIL: debian/changelog says '$deb', meson.build says '$version'"; fail=1; fi
out=$("$daemon" --version)
if [ "$out" = "dbs-restored $version" ]; then echo "ok: --version: $out"; else
	echo "FAIL: --version says '$out', meson.build says '$version'"; fail=1; fi
exit $fail
