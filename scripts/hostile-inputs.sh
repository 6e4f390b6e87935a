#!/usr/bin/env bash
# Runs every hostile or careless command line of scripts/hostile-inputs.txt against the CLI and
# counts how many were refused cleanly: exit code 2, exactly one line on stderr, no SDK log line
# on stdout, no run folder (complete or *.partial) left behind, within the time limit.
#
#   scripts/hostile-inputs.sh --uri HOST:PORT --metrics-uri http://HOST:PORT [--jar JAR] [--cases FILE]
#                             [--dead-port P] [--jobs N] [--timeout S] [--out DIR]
#
# --uri names a running Milvus on loopback (the suite's server-side checks need one); --dead-port
# a closed loopback port. Prints one line per case that was not refused cleanly, then the count.
# Exit codes: 0 every case refused cleanly, 1 some were not, 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/milvus-bench.jar"; cases="$here/hostile-inputs.txt"; uri=""; metrics=""; dead=19799
jobs=2; limit=45; out=""
need() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "hostile-inputs: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) need "$@"; jar="$2"; shift 2;;
    --cases) need "$@"; cases="$2"; shift 2;;
    --uri) need "$@"; uri="$2"; shift 2;;
    --metrics-uri) need "$@"; metrics="$2"; shift 2;;
    --dead-port) need "$@"; dead="$2"; shift 2;;
    --jobs) need "$@"; jobs="$2"; shift 2;;
    --timeout) need "$@"; limit="$2"; shift 2;;
    --out) need "$@"; out="$2"; shift 2;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "hostile-inputs: unknown option $1" >&2; exit 2;;
  esac
done
[ -n "$uri" ] && [ -n "$metrics" ] || { echo "hostile-inputs: --uri and --metrics-uri are required" >&2; exit 2; }
[ -f "$jar" ] || { echo "hostile-inputs: jar $jar does not exist (build with ./mvnw -B -q package -DskipTests)" >&2; exit 2; }
[ -f "$cases" ] || { echo "hostile-inputs: case file $cases does not exist" >&2; exit 2; }
out="${out:-$(mktemp -d)}"; mkdir -p "$out/res"
T="$out/files"; mkdir -p "$T/emptydir"

# Prepared inputs: broken data files, sweep files and rules files, one mistake each.
python3 - "$T" <<'PY'
import struct, sys, os
t = sys.argv[1]
def vecs(name, rows, dim, value=lambda i, j: float(i + j)):
    with open(os.path.join(t, name), "wb") as f:
        for i in range(rows):
            f.write(struct.pack("<i", dim) + struct.pack("<%df" % dim, *[value(i, j) for j in range(dim)]))
vecs("base.fvecs", 200, 8)
vecs("nan.fvecs", 200, 8, lambda i, j: float("nan") if i == 3 else float(i * j))
with open(os.path.join(t, "base.fvecs"), "rb") as f:
    data = f.read()
open(os.path.join(t, "truncated.fvecs"), "wb").write(data[:len(data) - 7])
open(os.path.join(t, "empty.fvecs"), "wb").close()
open(os.path.join(t, "empty.hdf5"), "wb").close()
open(os.path.join(t, "garbage.hdf5"), "wb").write(b"\x89HDF\r\n\x1a\n" + os.urandom(512))
open(os.path.join(t, "empty.yaml"), "w").close()
open(os.path.join(t, "empty.hlog"), "w").close()
open(os.path.join(t, "notes.txt"), "w").write("just some notes\n: not yaml: [\n")
open(os.path.join(t, "file.txt"), "w").write("a file, not a folder\n")
base = ("top_k: 10\nclosed_loop: {concurrency: 1, warmup_seconds: 0, duration_seconds: %s}\n"
        "dataset: {rows: %s, dim: %s, seed: 1, metric: %s, queries: 5}\nindexes: %s\n")
def sweep(name, duration="1", rows="500", dim="16", metric="L2", indexes="[{kind: FLAT}]", extra=""):
    open(os.path.join(t, name), "w").write(base % (duration, rows, dim, metric, indexes) + extra)
sweep("sweep-dup.yaml", extra="top_k: 20\n")
sweep("sweep-dim0.yaml", dim="0")
sweep("sweep-rows0.yaml", rows="0")
sweep("sweep-nan.yaml", duration=".nan")
sweep("sweep-inf-duration.yaml", duration=".inf")
sweep("sweep-big-duration.yaml", duration="1e999")
sweep("sweep-huge-rows.yaml", rows="100000000000")
sweep("sweep-pq.yaml", dim="30", indexes="[{kind: IVF_PQ, build: {nlist: 16, m: 7}, knob: [8]}]")
sweep("sweep-nlist.yaml", indexes="[{kind: IVF_FLAT, build: {nlist: 0}, knob: [8]}]")
sweep("sweep-hnsw-m.yaml", indexes="[{kind: HNSW, build: {M: 100000}, knob: [16]}]")
sweep("sweep-build-key.yaml", indexes="[{kind: HNSW, build: {colour: red}, knob: [16]}]")
sweep("sweep-metric.yaml", metric="HAMMING")
sweep("sweep-list.yaml", indexes="[{kind: HNSW, knob: []}]")
rule = "rules:\n  - name: r\n    series: '*'\n    statistic: p99\n    %s\n"
open(os.path.join(t, "rules-inf.yaml"), "w").write(rule % "max: 1e999")
open(os.path.join(t, "rules-nan.yaml"), "w").write(rule % "max: .nan")
open(os.path.join(t, "rules-neg-inf.yaml"), "w").write(rule % "min: -.inf")
open(os.path.join(t, "rules-text-bound.yaml"), "w").write(rule % "max: fast")
open(os.path.join(t, "rules-dup.yaml"), "w").write(rule % "max: 5\n    max: 6")
PY

# A completed run folder and a real latency recording to point check/report/gate-eval at.
RUN="$out/run"; HLOG="$here/../src/test/resources/gate-eval/closedloop-c1.hlog"
if [ ! -d "$RUN" ]; then
  java -jar "$jar" load --target uri --uri "$uri" --metrics-uri "$metrics" --duration 2 --warmup 0 --rows 500 --dim 8 \
      --rate 20 --results "$out/fixture" >/dev/null 2>&1 || true
  found="$(ls -d "$out"/fixture/*-load 2>/dev/null | head -1)"
  [ -n "$found" ] || { echo "hostile-inputs: could not make a run folder against $uri" >&2; exit 2; }
  mv "$found" "$RUN"
fi
HLOG="$(cd "$(dirname "$HLOG")" && pwd)/$(basename "$HLOG")"
U="--target uri --uri $uri --metrics-uri $metrics"
DEAD="--target uri --uri 127.0.0.1:$dead --metrics-uri http://127.0.0.1:$dead --connect-timeout-ms 2000"

run_case() {
  local i="$1" line="$2" dir="$out/res/$1"
  mkdir -p "$dir/results"
  local R="--results $dir/results" args=()
  eval "args=($line)"
  local code=0
  (cd "$dir" && timeout "$limit" java -jar "$jar" "${args[@]}" </dev/null >"$dir/out" 2>"$dir/err") || code=$?
  local lines; lines="$(grep -c . "$dir/err" || true)"
  local left; left="$(find "$dir/results" "$dir" -maxdepth 1 -mindepth 1 \( -name '*-*' -o -name '*.partial' \) -newer "$dir/results" 2>/dev/null | grep -v '/out$\|/err$' | head -1 || true)"
  [ -z "$left" ] && left="$(ls -A "$dir/results")"
  local why=""
  [ "$code" = 124 ] && why="timed out after ${limit}s"
  [ -z "$why" ] && [ "$code" != 2 ] && why="exit $code"
  [ -z "$why" ] && [ "$lines" != 1 ] && why="$lines stderr lines"
  [ -z "$why" ] && grep -q ' ERROR \|Exception' "$dir/out" && why="SDK log or exception on stdout"
  [ -z "$why" ] && [ -n "$left" ] && why="left $left"
  if [ -z "$why" ]; then echo "clean" >"$dir/verdict"; else echo "$why" >"$dir/verdict"; fi
  printf '%s\n' "$line" >"$dir/case"
}

i=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue;; esac
  i=$((i + 1))
  run_case "$i" "$line" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
done <"$cases"
wait || true

clean=0; total=0
for d in "$out"/res/*/; do
  total=$((total + 1)); v="$(cat "$d/verdict" 2>/dev/null || echo 'no verdict')"
  if [ "$v" = clean ]; then clean=$((clean + 1)); else
    printf 'NOT CLEAN (%s): %s\n    %s\n' "$v" "$(cat "$d/case")" "$(head -c 300 "$d/err" | tr '\n' ' ')"
  fi
done
echo "refused cleanly: $clean of $total (details in $out/res)"
[ "$clean" = "$total" ]
