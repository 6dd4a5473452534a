#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (default 10m, as
# the reliability issue asks; FUZZTIME=30s for a quick pass). New crashers
# land in the package's testdata/fuzz/<Target>/ and become seed corpus
# entries that `make test` replays. Usage: FUZZTIME=2m scripts/fuzz.sh [PKG…]
#
# A target fails when it writes a crasher. Go 1.26's fuzzing coordinator can
# also end a run with a bare "context deadline exceeded" at the -fuzztime
# boundary, having found nothing (golang/go#75804, fixed in Go 1.27): such a
# run is reported as a flake, and its seed corpus is replayed to be sure.
set -euo pipefail
GO=${GO:-go}
fuzztime=${FUZZTIME:-10m}
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || mapfile -t pkgs < <($GO list ./...)
failed=0 flaked=0 passed=0
# files counts the files in directory $1 (0 when it does not exist).
files() { if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in "${pkgs[@]}"; do
	dir=$($GO list -f '{{.Dir}}' "$pkg")
	targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
	for target in $targets; do
		echo "== $pkg $target ($fuzztime)"
		corpus="$dir/testdata/fuzz/$target"
		before=$(files "$corpus")
		if $GO test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" 2>&1 | tee "$log"; then
			passed=$((passed + 1))
			continue
		fi
		after=$(files "$corpus")
		if [ "$after" -eq "$before" ] && grep -q 'context deadline exceeded' "$log" &&
			$GO test "$pkg" -run "^${target}\$" -count=1 >/dev/null; then
			echo "fuzz: $target: no crasher written and the seed corpus passes: Go's fuzzing deadline race (golang/go#75804), not a finding"
			flaked=$((flaked + 1))
			continue
		fi
		echo "fuzz: $target FAILED: see above; a crasher is in $corpus"
		failed=1
	done
done
echo "fuzz: $passed passed, $flaked ended by Go's deadline race with nothing found, failures: $failed"
exit $failed
