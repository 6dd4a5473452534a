#!/usr/bin/env bash
# The ingest and detection issues' throughput targets, measured on whole
# commands: `kizuki parse` to /dev/null, `kizuki import` into SQLite and
# `kizuki detect` (parse + every rule) over one million generated FortiGate
# lines (about 90% allowed traffic), with hyperfine (median of runs) and
# /usr/bin/time -v (peak RSS); `kizuki detect` side by side with
# fail2ban-regex running an equivalent filter (failed SSL-VPN logins by
# address) on the same file, interleaved; and kizuki detect's peak RSS over
# one million distinct source addresses.
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

echo "== kizuki detect vs fail2ban-regex (same file, interleaved, $((${RUNS:-3})) runs each)"
f2b_filter=$(cd "$(dirname "$0")" && pwd)/bench/fail2ban-fortigate-sslvpn.conf
: >"$work/detect.times"
: >"$work/f2b.times"
for _ in $(seq "${RUNS:-3}"); do
	/usr/bin/time -f '%e %U %S' -a -o "$work/detect.times" "$bin" detect "$work/fgt.log" >/dev/null
	/usr/bin/time -f '%e %U %S' -a -o "$work/f2b.times" fail2ban-regex "$work/fgt.log" "$f2b_filter" >"$work/f2b.out"
done
grep -E '^(Lines|Failregex)' "$work/f2b.out" || true
/usr/bin/time -v "$bin" detect "$work/fgt.log" 2>"$work/detect.time" >/dev/null

echo "== kizuki detect over $lines distinct source addresses"
awk -v n="$lines" 'BEGIN {
	for (i = 0; i < n; i++) {
		t = 1794754800 + int(i / 20)
		printf "date=%s time=%s devname=\"FGT60F\" devid=\"FGT60FTK22511588\" eventtime=%d000000000 tz=\"+0900\" logid=\"0001000014\" type=\"traffic\" subtype=\"local\" level=\"notice\" vd=\"root\" srcip=%d.%d.%d.%d srcport=44226 srcintf=\"wan1\" srcintfrole=\"wan\" dstip=198.51.100.40 dstport=%d dstintf=\"root\" dstintfrole=\"undefined\" sessionid=%d proto=6 action=\"deny\" policyid=0 policytype=\"local-in-policy\" service=\"tcp/%d\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0\n", strftime("%Y-%m-%d", t, 1), strftime("%H:%M:%S", t, 1), t, 11 + int(i / 16777216), int(i / 65536) % 256, int(i / 256) % 256, i % 256, 1 + i % 1024, i, 1 + i % 1024
	}
}' >"$work/distinct.log"
/usr/bin/time -v "$bin" detect "$work/distinct.log" 2>"$work/distinct.time" >/dev/null

median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
rss() { awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$1"; }
pm=$(median "$work/parse.json"); im=$(median "$work/import.json")
echo
printf 'lines                 %d\n' "$n"
printf 'parse   median %6.2f s  %8.0f lines/s  peak RSS %6d KiB\n' "$pm" "$(python3 -c "print($n/$pm)")" "$(rss "$work/parse.time")"
printf 'import  median %6.2f s  %8.0f lines/s  peak RSS %6d KiB\n' "$im" "$(python3 -c "print($n/$im)")" "$(rss "$work/import.time")"
# Medians of the wall times and of the CPU times (user + sys), which a
# shared machine's load disturbs less.
med() { awk '{print $1}' "$1" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
cpu() { awk '{print $2 + $3}' "$1" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
dm=$(med "$work/detect.times"); fm=$(med "$work/f2b.times")
dc=$(cpu "$work/detect.times"); fc=$(cpu "$work/f2b.times")
printf 'detect  median %6.2f s  %8.0f lines/s  CPU %6.2f s  peak RSS %6d KiB\n' "$dm" "$(python3 -c "print($n/$dm)")" "$dc" "$(rss "$work/detect.time")"
printf 'fail2ban-regex median %6.2f s  %8.0f lines/s  CPU %6.2f s  (kizuki detect %.1fx faster, %.1fx less CPU)\n' \
	"$fm" "$(python3 -c "print($n/$fm)")" "$fc" "$(python3 -c "print($fm/$dm)")" "$(python3 -c "print($fc/$dc)")"
printf 'detect, %d distinct sources: peak RSS %6d KiB\n' "$(wc -l <"$work/distinct.log")" "$(rss "$work/distinct.time")"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
