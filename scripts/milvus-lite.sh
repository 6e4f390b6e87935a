#!/usr/bin/env bash
# Prepare, start, stop or query Milvus Lite (the server of the PyPI wheel `milvus-lite`) as a plain
# local process serving gRPC on a loopback TCP port.
#
#   scripts/milvus-lite.sh prepare [--version 2.5.1]
#   scripts/milvus-lite.sh start   --data DIR [--port 19530] [--version 2.5.1] [--timeout 60]
#   scripts/milvus-lite.sh stop    --data DIR
#   scripts/milvus-lite.sh status  --data DIR
#
# `prepare` downloads the wheel once (pip, through the machine's own index configuration) and unpacks
# its server and libraries into ~/.cache/milvus-bench/milvus-lite-VERSION/lib; it prints that folder.
# `start` runs `lib/milvus DIR/lite.db 127.0.0.1:PORT ERROR` (LD_LIBRARY_PATH at lib), returns once
# the port accepts connections, and prints "pid=<pid> port=<port> ready-after-ms=<ms>".
# Milvus Lite has no metrics port and no HTTP endpoint at all.
# Exit codes: 0 ok, 1 server failed to start (last log lines shown), 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
cmd="${1:-}"; shift || true
data=""; port=19530; version="${MILVUS_LITE_VERSION:-2.5.1}"; timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --data) need_value milvus-lite "$@"; data="$2"; shift 2;;
    --port) need_value milvus-lite "$@"; port="$2"; shift 2;;
    --version) need_value milvus-lite "$@"; version="$2"; shift 2;;
    --timeout) need_value milvus-lite "$@"; timeout="$2"; shift 2;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "milvus-lite: unknown option $1" >&2; exit 2;;
  esac
done
case "$cmd" in prepare|start|stop|status) ;; *) echo "milvus-lite: command must be prepare, start, stop or status" >&2; exit 2;; esac
for p in "$port" "$timeout"; do
  [[ "$p" =~ ^[0-9]+$ ]] || { echo "milvus-lite: not a number: $p" >&2; exit 2; }
done
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "milvus-lite: bad version: $version" >&2; exit 2; }

cache="${XDG_CACHE_HOME:-$HOME/.cache}/milvus-bench"
home="$cache/milvus-lite-$version"

# Idempotent: a complete unpacked copy (marker file) is reused; a half-done one is replaced.
prepare() {
  [ -f "$home/.complete" ] && return 0
  local wheels="$cache/wheels" wheel tmp
  mkdir -p "$wheels"
  wheel="$(ls "$wheels"/milvus_lite-"$version"-*.whl 2>/dev/null | head -n 1 || true)"
  if [ -z "$wheel" ]; then
    echo "milvus-lite: downloading wheel milvus-lite==$version ..." >&2
    if ! out="$(python3 -m pip download --no-deps --only-binary=:all: -d "$wheels" "milvus-lite==$version" 2>&1)"; then
      echo "milvus-lite: cannot download wheel milvus-lite==$version: $(printf '%s\n' "$out" | tail -n 1)" >&2; exit 2
    fi
    wheel="$(ls "$wheels"/milvus_lite-"$version"-*.whl 2>/dev/null | head -n 1 || true)"
    [ -n "$wheel" ] || { echo "milvus-lite: pip reported success but no milvus_lite-$version wheel is in $wheels" >&2; exit 2; }
  fi
  tmp="$(mktemp -d "$cache/.partial-lite-XXXXXX")"
  if ! unzip -q -o "$wheel" 'milvus_lite/lib/*' -d "$tmp" || [ ! -f "$tmp/milvus_lite/lib/milvus" ]; then
    rm -rf "$tmp"; echo "milvus-lite: wheel holds no milvus_lite/lib/milvus: $wheel" >&2; exit 2
  fi
  chmod 755 "$tmp/milvus_lite/lib/milvus"    # zip tools may drop the exec bit
  mkdir -p "$tmp/home"
  mv "$tmp/milvus_lite/lib" "$tmp/home/lib"
  echo "$version" > "$tmp/home/VERSION"
  sha256sum "$wheel" | cut -d' ' -f1 > "$tmp/home/.complete"
  rm -rf "$home"
  mv "$tmp/home" "$home"
  rm -rf "$tmp"
}

if [ "$cmd" = prepare ]; then prepare; echo "$home"; exit 0; fi

[ -n "$data" ] || { echo "milvus-lite: --data DIR is required" >&2; exit 2; }
mkdir -p "$data"
data="$(cd "$data" && pwd)"
pidfile="$data/milvus-lite.pid"

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && grep -q milvus "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
  status)
    if pid="$(running_pid)"; then echo "running pid=$pid"; else echo "stopped"; exit 1; fi;;
  stop)
    if pid="$(running_pid)"; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
      echo "stopped pid=$pid"
    fi
    rm -f "$pidfile";;
  start)
    if pid="$(running_pid)"; then echo "milvus-lite: already running in $data (pid=$pid)" >&2; exit 2; fi
    if listening "$port"; then echo "milvus-lite: port $port is already in use" >&2; exit 2; fi
    prepare
    started=$(date +%s%N)
    (
      cd "$data"
      export LD_LIBRARY_PATH="$home/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      exec setsid "$home/lib/milvus" "$data/lite.db" "127.0.0.1:$port" ERROR >>"$data/milvus-lite.log" 2>&1 </dev/null
    ) &
    pid=$!
    echo "$pid" > "$pidfile"
    deadline=$(( $(date +%s) + timeout ))
    until listening "$port"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "milvus-lite: server exited during start-up; last log lines:" >&2; tail -n 15 "$data/milvus-lite.log" >&2; rm -f "$pidfile"; exit 1
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "milvus-lite: port $port not open after ${timeout}s; last log lines:" >&2; tail -n 15 "$data/milvus-lite.log" >&2; exit 1
      fi
      sleep 0.1
    done
    ms=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "pid=$pid port=$port ready-after-ms=$ms";;
esac
