#!/usr/bin/env bash
# The ingest issue's throughput targets, measured on whole commands:
# `kizuki parse` to /dev/null and `kizuki import` into SQLite over one
# million generated FortiGate lines (about 90% allowed traffic), with
# hyperfine (median of runs) and /usr/bin/time -v (peak RSS).
set -euo pipefail
GO=${GO:-go}
bin=${KIZUKI_BIN:-bin/kizuki-nogui}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lines=${LINES:-1000000}

echo "== generating $lines FortiGate lines (seed 1)"
$GO run ./monitor/loggen/cmd/loggen -vendor fortigate -days 7 -lines "$lines" -seed 1 \
	-out "$work/fgt.log" -truth "$work/truth.json"
n=$(wc -l < "$work/fgt.log")

echo "== kizuki parse → /dev/null"
hyperfine --warmup 1 --runs 5 --export-json "$work/parse.json" "$bin parse $work/fgt.log > /dev/null 2>&1"
/usr/bin/time -v "$bin" parse "$work/fgt.log" 2>"$work/parse.time" >/dev/null || true

echo "== kizuki import → SQLite (fresh database each run)"
hyperfine --runs 3 --prepare "rm -f $work/k.db $work/k.db-wal $work/k.db-shm" --export-json "$work/import.json" \
	"$bin import --db $work/k.db $work/fgt.log > /dev/null"
rm -f "$work"/k.db*
/usr/bin/time -v "$bin" import --db "$work/k.db" "$work/fgt.log" 2>"$work/import.time" >/dev/null

median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
rss() { awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$1"; }
pm=$(median "$work/parse.json"); im=$(median "$work/import.json")
echo
printf 'lines                 %d\n' "$n"
printf 'parse   median %6.2f s  %8.0f lines/s  peak RSS %6d KiB\n' "$pm" "$(python3 -c "print($n/$pm)")" "$(rss "$work/parse.time")"
printf 'import  median %6.2f s  %8.0f lines/s  peak RSS %6d KiB\n' "$im" "$(python3 -c "print($n/$im)")" "$(rss "$work/import.time")"
