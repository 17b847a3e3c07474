#!/usr/bin/env bash
# make fuzz [FUZZTIME=10m]: runs every fuzz target of core/ in turn (one
# worker each, so the machine stays usable). Not part of make test; the
# committed seed corpora (testdata/fuzz/) run in every go test.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${1:-${FUZZTIME:-10m}}
[ -n "$FUZZTIME" ] || FUZZTIME=10m
grep -rl --include='*_test.go' '^func Fuzz' core | sort | while read -r f; do
	pkg=./$(dirname "$f")
	for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
		echo "== $pkg $target ($FUZZTIME)"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -parallel 1 "$pkg" 2>&1 | tail -3
	done
done
