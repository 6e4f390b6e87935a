#!/usr/bin/env bash
# One generator process at RATE against two shard processes at RATE/2 each (same server, same
# schedule), interleaved ROUNDS times; then the gate's verdict on the single run and on the two
# shards merged (`check SHARD1 --merge SHARD2`). Prints requests, QPS, latency percentiles and
# client CPU per request of each, from the runs' own metrics and the merged verdict.
#
#   scripts/shard-compare.sh --jar target/milvus-bench.jar --uri 127.0.0.1:19530 --metrics-uri http://127.0.0.1:9091 \
#       [--rate 400] [--duration 30] [--warmup 5] [--rounds 2] [--client async] [--client-warmup 10] [--out DIR]
#
# The collection is prepared (or reused) by a short closed-loop run first, so the shards only search.
# Loopback only. Exit codes: 0 done (whatever the verdicts), 1 a run failed to start, 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
jar="$here/../target/milvus-bench.jar"; uri=""; metrics=""; rate=400; duration=30; warmup=5; rounds=2; client=async; cwarm=10; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) need_value shard-compare "$@"; jar="$2"; shift 2;;
    --uri) need_value shard-compare "$@"; uri="$2"; shift 2;;
    --metrics-uri) need_value shard-compare "$@"; metrics="$2"; shift 2;;
    --rate) need_value shard-compare "$@"; rate="$2"; shift 2;;
    --duration) need_value shard-compare "$@"; duration="$2"; shift 2;;
    --warmup) need_value shard-compare "$@"; warmup="$2"; shift 2;;
    --rounds) need_value shard-compare "$@"; rounds="$2"; shift 2;;
    --client) need_value shard-compare "$@"; client="$2"; shift 2;;
    --client-warmup) need_value shard-compare "$@"; cwarm="$2"; shift 2;;
    --out) need_value shard-compare "$@"; out="$2"; shift 2;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "shard-compare: unknown option $1" >&2; exit 2;;
  esac
done
[ -n "$uri" ] && [ -n "$metrics" ] || { echo "shard-compare: --uri and --metrics-uri are required" >&2; exit 2; }
case "${uri%:*}" in 127.0.0.1|localhost|\[::1\]) ;; *) echo "shard-compare: loopback addresses only" >&2; exit 2;; esac
[ -f "$jar" ] || { echo "shard-compare: no such jar: $jar" >&2; exit 2; }
for n in "$rate" "$duration" "$warmup" "$rounds" "$cwarm"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "shard-compare: not a whole number: $n" >&2; exit 2; }
done
out="${out:-$(mktemp -d /tmp/shard-compare-XXXXXX)}"; mkdir -p "$out"
total=$((duration + warmup))
common=(--target uri --uri "$uri" --metrics-uri "$metrics" --client "$client" --client-warmup "$cwarm")

java -jar "$jar" load --target uri --uri "$uri" --metrics-uri "$metrics" --mode closed --concurrency 1 --duration 3 --warmup 1 --client-warmup 0 \
    --results "$out/prepare" >/dev/null 2>"$out/prepare.err" || { echo "shard-compare: preparing failed: $(tail -1 "$out/prepare.err")" >&2; exit 1; }

row() {  # label report-dir run-folder... : percentiles from the gate's report (merged histograms), counts from metrics.jsonl
  python3 - "$@" <<'P'
import json, sys
label, report, folders = sys.argv[1], sys.argv[2], sys.argv[3:]
lat = [l for l in json.load(open(report + "/verdict.json"))["latency"]
       if l["series"].startswith("openloop[") and "correction=corrected" in l["series"]][0]
requests = qps = cpu_s = 0.0
for f in folders:
    m = {}
    for line in open(f + "/metrics.jsonl"):
        d = json.loads(line)
        if d["series"].startswith("openloop[") and "correction=corrected" in d["series"]:
            m[d["statistic"]] = d["value"]
    requests += m.get("requests", 0); qps += m.get("qps", 0)
    cpu_s += m.get("client_cpu_per_request", float("nan")) * m.get("requests", 0) / 1e6
print("| %s | %d | %.1f | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f µs |" % (label, requests, qps, lat["p50"], lat["p95"],
      lat["p99"], lat["max"], 1e6 * cpu_s / requests if requests else float("nan")))
P
}

echo "| run | requests | QPS | p50 | p95 | p99 | max | client CPU/req |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for r in $(seq 1 "$rounds"); do
  java -jar "$jar" load "${common[@]}" --mode open --rate "$rate" --duration "$total" --warmup "$warmup" \
      --results "$out/single-$r" >/dev/null 2>"$out/single-$r.err" || true
  single=$(ls -d "$out/single-$r"/*-load | tail -1)
  java -jar "$jar" report "$single" --report-dir "$out/report-single-$r" >/dev/null 2>&1 || true
  row "one process at $rate/s, round $r" "$out/report-single-$r" "$single"
  start=$(date -u -d "+$((cwarm + 30)) seconds" +%Y-%m-%dT%H:%M:%SZ)
  for s in 1 2; do
    java -jar "$jar" load "${common[@]}" --mode open --rate "$rate" --duration "$total" --warmup "$warmup" \
        --shard "$s/2" --start-at "$start" --results "$out/shard-$r-$s" >/dev/null 2>"$out/shard-$r-$s.err" &
  done
  wait || true
  s1=$(ls -d "$out/shard-$r-1"/*-load | tail -1); s2=$(ls -d "$out/shard-$r-2"/*-load | tail -1)
  java -jar "$jar" report "$s1" --merge "$s2" --report-dir "$out/report-merged-$r" >/dev/null 2>&1 || true
  row "two shards at $((rate / 2))/s each, merged, round $r" "$out/report-merged-$r" "$s1" "$s2"
  java -jar "$jar" check "$single" >"$out/check-single-$r.txt" 2>&1 && echo "check single round $r: exit 0" || echo "check single round $r: exit $?"
  java -jar "$jar" check "$s1" --merge "$s2" >"$out/check-merged-$r.txt" 2>&1 && echo "check merged round $r: exit 0" || echo "check merged round $r: exit $?"
done
echo "folders: $out"
