#!/usr/bin/env bash
# Start, stop or query a Milvus standalone server running as a plain local process (no container).
#
#   scripts/milvus-local.sh start  --data DIR [--port 19530] [--metrics-port 9091] [--version 2.3.5] [--timeout 180] [--no-auth]
#   scripts/milvus-local.sh stop   --data DIR
#   scripts/milvus-local.sh status --data DIR
#
# The server binary comes from the PyPI wheel `milvus` (scripts/milvus_dist.py prepare). Everything the
# server writes (config, etcd, data, message queue, log, pid file) lives in DIR. `start` returns once
# http://127.0.0.1:<metrics-port>/healthz answers OK, and prints "pid=<pid> port=<port> metrics-port=<port>".
# Milvus 2.3 listens on every interface (proxy, metrics and its internal ports): authentication is on
# (user root, password Milvus until changed: milvus-bench changes it at once to one made for the run);
# --no-auth turns it off. The etcd root path, which is also the key of the metrics port's /expr
# endpoint, is made at random for a new DIR and kept in DIR/etcd-root-path (mode 600).
# Exit codes: 0 ok, 1 server failed to become healthy (last log lines shown), 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
cmd="${1:-}"; shift || true
data=""; port=19530; metrics=9091; version="${MILVUS_VERSION:-2.3.5}"; timeout=180; auth=(--auth)
while [ $# -gt 0 ]; do
  case "$1" in
    --data) need_value milvus-local "$@"; data="$2"; shift 2;;
    --port) need_value milvus-local "$@"; port="$2"; shift 2;;
    --metrics-port) need_value milvus-local "$@"; metrics="$2"; shift 2;;
    --version) need_value milvus-local "$@"; version="$2"; shift 2;;
    --timeout) need_value milvus-local "$@"; timeout="$2"; shift 2;;
    --auth) auth=(--auth); shift;;
    --no-auth) auth=(); shift;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "milvus-local: unknown option $1" >&2; exit 2;;
  esac
done
[ -n "$data" ] || { echo "milvus-local: --data DIR is required" >&2; exit 2; }
case "$cmd" in start|stop|status) ;; *) echo "milvus-local: command must be start, stop or status" >&2; exit 2;; esac
for p in "$port" "$metrics" "$timeout"; do
  [[ "$p" =~ ^[0-9]+$ ]] || { echo "milvus-local: not a number: $p" >&2; exit 2; }
done
mkdir -p "$data"
data="$(cd "$data" && pwd)"
pidfile="$data/milvus.pid"

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && grep -q milvus "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# The etcd root path of DIR: kept from an earlier start; by-dev for a folder an older version filled
# (its metadata lives there); else made at random now.
etcd_root_path() {
  local f="$data/etcd-root-path"
  if [ ! -s "$f" ]; then
    if [ -d "$data/etcd" ]; then echo by-dev; return; fi
    (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '_-' > "$f")
  fi
  cat "$f"
}

healthy() { curl -sf --max-time 2 "http://127.0.0.1:$1/healthz" 2>/dev/null | grep -q OK; }

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
    if pid="$(running_pid)"; then echo "milvus-local: already running in $data (pid=$pid)" >&2; exit 2; fi
    if healthy "$metrics"; then echo "milvus-local: metrics port $metrics is already served by another Milvus" >&2; exit 2; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "milvus-local: port $port is already in use" >&2; exit 2; fi
    home="$(python3 "$here/milvus_dist.py" prepare --version "$version")"
    MILVUS_ETCD_ROOT_PATH="$(etcd_root_path)" \
      python3 "$here/milvus_dist.py" render --home "$home" --out "$data/configs/milvus.yaml" --root "$data" --port "$port" "${auth[@]}"
    started=$(date +%s%N)
    (
      cd "$data"
      export MILVUSCONF="$data/configs/" ETCD_CONFIG_PATH="$data/configs/embedEtcd.yaml" DEPLOY_MODE=STANDALONE METRICS_PORT="$metrics" \
             LD_LIBRARY_PATH="$home/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      umask 077
      exec setsid "$home/bin/milvus" run standalone >>"$data/milvus.log" 2>&1 </dev/null
    ) &
    echo $! > "$pidfile"
    pid=$!
    deadline=$(( $(date +%s) + timeout ))
    until healthy "$metrics"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "milvus-local: server exited during start-up; last log lines:" >&2; tail -n 15 "$data/milvus.log" >&2; rm -f "$pidfile"; exit 1
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "milvus-local: not healthy after ${timeout}s; last log lines:" >&2; tail -n 15 "$data/milvus.log" >&2; exit 1
      fi
      sleep 0.2
    done
    ms=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "pid=$pid port=$port metrics-port=$metrics healthy-after-ms=$ms";;
esac
