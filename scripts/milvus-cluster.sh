#!/usr/bin/env bash
# A Milvus cluster on one machine: etcd, a Kafka broker (KRaft) and every Milvus role as its own
# loopback process, each with its own metrics port and log; storage is one folder all of them share.
#
#   scripts/milvus-cluster.sh start  --dir DIR [--port P --port-base B --metrics-base M] [--query-nodes 2] [--set KEY=VALUE ...] [--timeout 180]
#   scripts/milvus-cluster.sh status --dir DIR [--json]
#   scripts/milvus-cluster.sh stop   --dir DIR [--kill]
#   scripts/milvus-cluster.sh stop-node  --dir DIR NAME [--kill]      # e.g. querynode2; --kill = SIGKILL
#   scripts/milvus-cluster.sh start-node --dir DIR NAME
#   scripts/milvus-cluster.sh prepare                                # resolve the Kafka classpath, unpack Milvus (setup.sh runs it)
#
# Ports (all on 127.0.0.1): the proxy's gRPC port P; internal ports B..B+15 (etcd B, etcd peer B+1,
# Kafka B+2, Kafka controller B+3, rootcoord B+4, datacoord B+5, querycoord B+6, indexcoord B+7,
# datanode B+8, indexnode B+9, proxy internal B+10, querynode i B+10+i); metrics ports M..M+15 (etcd M,
# proxy M+1, rootcoord M+2, datacoord M+3, querycoord M+4, datanode M+5, indexnode M+6, querynode i
# M+6+i). The first start needs --port, --port-base and --metrics-base; they are kept in DIR/cluster.env
# and later commands reuse them (so do --set overrides of every Milvus process's milvus.yaml, e.g.
# --set dataCoord.enableCompaction=false). Everything lives in DIR: conf/NAME/milvus.yaml, logs/NAME.log,
# pids/NAME.pid, etcd/, kafka/, storage/.
# etcd and Kafka listen on 127.0.0.1 only; Milvus 2.3 binds its gRPC and metrics ports on every
# interface whatever the config says, so authentication is on (user root, password Milvus until
# changed: milvus-bench changes it at once to one made for the run) and the etcd root path, which is
# also the key of every metrics port's /expr endpoint, is made at random for a new DIR and kept in
# DIR/etcd-root-path (mode 600).
# start is idempotent: it starts only what is not running, and returns once every process is healthy
# (etcd /health, Kafka's port, each Milvus /healthz), printing `status`. stop: SIGTERM in the order
# proxy -> workers -> coordinators -> Kafka -> etcd (Milvus' graceful stop is 10 s), SIGKILL after 30 s.
# Needs etcd (Debian etcd-server), Java 17 and the Milvus binary (scripts/setup.sh --cluster).
# Exit codes: 0 ok, 1 a process failed to become healthy (its last log lines shown), 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
cmd="${1:-}"; shift || true
dir=""; port=""; base=""; mbase=""; qn=""; timeout=180; kill_mode=0; json=0; node=""; sets=()
version="${MILVUS_VERSION:-2.3.5}"
kafka_version=3.9.1
die() { echo "milvus-cluster: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) need_value milvus-cluster "$@"; dir="$2"; shift 2;;
    --port) need_value milvus-cluster "$@"; port="$2"; shift 2;;
    --port-base) need_value milvus-cluster "$@"; base="$2"; shift 2;;
    --metrics-base) need_value milvus-cluster "$@"; mbase="$2"; shift 2;;
    --query-nodes) need_value milvus-cluster "$@"; qn="$2"; shift 2;;
    --set) need_value milvus-cluster "$@"; [[ "$2" =~ ^[A-Za-z][A-Za-z0-9_.]*=[A-Za-z0-9_./:-]*$ ]] || die "--set needs section.key=value, got $2"; sets+=("$2"); shift 2;;
    --timeout) need_value milvus-cluster "$@"; timeout="$2"; shift 2;;
    --version) need_value milvus-cluster "$@"; version="$2"; shift 2;;
    --kill) kill_mode=1; shift;;
    --json) json=1; shift;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    -*) die "unknown option $1";;
    *) [ -z "$node" ] || die "one node name only (got $node and $1)"; node="$1"; shift;;
  esac
done
case "$cmd" in start|stop|status|stop-node|start-node|prepare) ;; *) die "command must be start, stop, status, stop-node, start-node or prepare";; esac
if [ "$cmd" = prepare ]; then
  python3 "$here/milvus_dist.py" prepare --version "$version" >/dev/null
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/milvus-bench/kafka-$kafka_version.classpath"
  if [ ! -s "$cache" ] || ! test -f "$(cut -d: -f1 < "$cache")"; then
    mkdir -p "$(dirname "$cache")"
    "$here/../mvnw" -B -q -f "$here/cluster/kafka-pom.xml" dependency:build-classpath -Dmdep.outputFile="$cache.tmp" >&2 \
        || { echo "milvus-cluster: cannot resolve the Kafka classpath" >&2; exit 1; }
    mv "$cache.tmp" "$cache"
  fi
  echo "$cache"; exit 0
fi
[ -n "$dir" ] || die "--dir DIR is required"
for v in "$port" "$base" "$mbase" "$qn" "$timeout"; do
  [ -z "$v" ] || [[ "$v" =~ ^[0-9]+$ ]] || die "not a number: $v"
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
envfile="$dir/cluster.env"
if [ -f "$envfile" ]; then
  # shellcheck disable=SC1090
  . "$envfile"
  [ -z "$port" ] || [ "$port" = "$PROXY_PORT" ] || die "$dir was started with --port $PROXY_PORT (not $port)"
  [ -z "$base" ] || [ "$base" = "$PORT_BASE" ] || die "$dir was started with --port-base $PORT_BASE"
  [ -z "$mbase" ] || [ "$mbase" = "$METRICS_BASE" ] || die "$dir was started with --metrics-base $METRICS_BASE"
  [ -z "$qn" ] || [ "$qn" = "$QUERY_NODES" ] || die "$dir was started with --query-nodes $QUERY_NODES"
  [ ${#sets[@]} -eq 0 ] || [ "${sets[*]}" = "${MILVUS_SET:-}" ] || die "$dir was started with --set ${MILVUS_SET:-(none)}"
  read -r -a sets <<< "${MILVUS_SET:-}"
  port="$PROXY_PORT"; base="$PORT_BASE"; mbase="$METRICS_BASE"; qn="$QUERY_NODES"
elif [ "$cmd" = start ]; then
  [ -n "$port" ] && [ -n "$base" ] && [ -n "$mbase" ] || die "first start of $dir needs --port, --port-base and --metrics-base"
  qn="${qn:-2}"
  [ "$qn" -ge 1 ] && [ "$qn" -le 5 ] || die "--query-nodes must be 1 to 5"
  for p in "$port" "$base" "$mbase"; do [ "$p" -ge 1024 ] && [ "$p" -le 65500 ] || die "port out of range: $p"; done
  printf 'PROXY_PORT=%s\nPORT_BASE=%s\nMETRICS_BASE=%s\nQUERY_NODES=%s\nMILVUS_SET="%s"\n' "$port" "$base" "$mbase" "$qn" "${sets[*]:-}" > "$envfile"
else
  [ "$cmd" = stop ] || [ "$cmd" = status ] || die "$dir holds no cluster (no cluster.env)"
  [ "$cmd" = status ] && { echo "stopped (no cluster in $dir)"; exit 1; }
  exit 0
fi
mkdir -p "$dir/logs" "$dir/pids" "$dir/conf" "$dir/storage"

querynodes=(); for i in $(seq 1 "$qn"); do querynodes+=("querynode$i"); done
coordinators=(rootcoord datacoord querycoord)
workers=(datanode indexnode "${querynodes[@]}")
all=(etcd kafka "${coordinators[@]}" "${workers[@]}" proxy)

# role, gRPC port, metrics port of each process
role() { case "$1" in querynode*) echo querynode;; *) echo "$1";; esac; }
grpc_port() {
  case "$1" in
    etcd) echo "$base";; kafka) echo $((base + 2));; rootcoord) echo $((base + 4));; datacoord) echo $((base + 5));;
    querycoord) echo $((base + 6));; datanode) echo $((base + 8));; indexnode) echo $((base + 9));;
    proxy) echo "$port";; querynode*) echo $((base + 10 + ${1#querynode}));;
  esac
}
metrics_port() {
  case "$1" in
    etcd) echo "$mbase";; kafka) echo "";; proxy) echo $((mbase + 1));; rootcoord) echo $((mbase + 2));;
    datacoord) echo $((mbase + 3));; querycoord) echo $((mbase + 4));; datanode) echo $((mbase + 5));;
    indexnode) echo $((mbase + 6));; querynode*) echo $((mbase + 6 + ${1#querynode}));;
  esac
}
known() { local n; for n in "${all[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1; }

# The pid of NAME when it runs and is ours: its command line or environment names this folder.
running_pid() {
  local f="$dir/pids/$1.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline environ
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  environ="$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null || true)"
  case "$cmdline" in *"$dir/"*|*"=$dir "*) echo "$pid"; return 0;; esac
  case "$environ" in *"MILVUSCONF=$dir/conf/$1/"*) echo "$pid"; return 0;; esac
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() {
  case "$1" in
    etcd) curl -sf --max-time 2 "http://127.0.0.1:$mbase/health" 2>/dev/null | grep '"health":"true"' >/dev/null;;
    kafka) port_open $((base + 2));;
    *) curl -sf --max-time 2 "http://127.0.0.1:$(metrics_port "$1")/healthz" 2>/dev/null | grep OK >/dev/null;;
  esac
}

# The etcd root path of DIR: kept from an earlier start; by-dev for a folder an older version filled
# (its metadata lives there); else made at random now.
etcd_root_path() {
  local f="$dir/etcd-root-path"
  if [ ! -s "$f" ]; then
    if [ -d "$dir/etcd/member" ]; then echo by-dev; return; fi
    (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '_-' > "$f")
  fi
  cat "$f"
}

milvus_home() { python3 "$here/milvus_dist.py" prepare --version "$version"; }

kafka_classpath() { cat "$("$here/milvus-cluster.sh" prepare --version "$version")"; }

launch() {  # NAME
  local name="$1" log="$dir/logs/$1.log" pid
  if pid="$(running_pid "$name")"; then return 0; fi
  if port_open "$(grpc_port "$name")"; then die "port $(grpc_port "$name") of $name is already in use"; fi
  echo "=== start $(date -u +%FT%TZ)" >> "$log"
  case "$name" in
    etcd)
      ( exec setsid etcd --name mbench --data-dir "$dir/etcd" \
          --listen-client-urls "http://127.0.0.1:$base" --advertise-client-urls "http://127.0.0.1:$base" \
          --listen-peer-urls "http://127.0.0.1:$((base + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((base + 1))" \
          --initial-cluster "mbench=http://127.0.0.1:$((base + 1))" --listen-metrics-urls "http://127.0.0.1:$mbase" \
          --quota-backend-bytes 4294967296 >>"$log" 2>&1 </dev/null ) &
      pid=$!;;
    kafka)
      local cp conf="$dir/conf/kafka"
      cp="$(kafka_classpath)"
      mkdir -p "$conf"
      cat > "$conf/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((base + 3))
listeners=PLAINTEXT://127.0.0.1:$((base + 2)),CONTROLLER://127.0.0.1:$((base + 3))
advertised.listeners=PLAINTEXT://127.0.0.1:$((base + 2))
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/kafka
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=true
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
log.retention.hours=24
group.initial.rebalance.delay.ms=0
EOF
      printf 'log4j.rootLogger=INFO, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\nlog4j.appender.stdout.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stdout.layout.ConversionPattern=[%%d] %%p %%m (%%c)%%n\nlog4j.logger.kafka=INFO\nlog4j.logger.org.apache.kafka=WARN\n' > "$conf/log4j.properties"
      if [ ! -f "$dir/kafka/meta.properties" ]; then
        local id
        id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$log" | tail -1)"
        java -cp "$cp" -Dlog4j.configuration="file:$conf/log4j.properties" kafka.tools.StorageTool format \
            -t "$id" -c "$conf/server.properties" >>"$log" 2>&1 || { echo "milvus-cluster: Kafka storage format failed; see $log" >&2; exit 1; }
      fi
      ( exec setsid java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$conf/log4j.properties" \
          -Dmbench.cluster="$dir" -cp "$cp" kafka.Kafka "$conf/server.properties" >>"$log" 2>&1 </dev/null ) &
      pid=$!;;
    *)
      local home conf="$dir/conf/$name/" r
      home="$(milvus_home)"; r="$(role "$name")"
      local extra=() kv
      for kv in "${sets[@]}"; do if [ -n "$kv" ]; then extra+=(--set "$kv"); fi; done
      MILVUS_ETCD_ROOT_PATH="$(etcd_root_path)" python3 "$here/cluster/render_config.py" --auth "${extra[@]}" --template "$home/configs/milvus.yaml.template" --out "$conf/milvus.yaml" \
          --storage "$dir/storage" --etcd "127.0.0.1:$base" --kafka "127.0.0.1:$((base + 2))" \
          --ports "rootcoord=$((base + 4)),datacoord=$((base + 5)),querycoord=$((base + 6)),indexcoord=$((base + 7)),datanode=$((base + 8)),indexnode=$((base + 9)),proxy=$port,proxy_internal=$((base + 10)),querynode=$(grpc_port "$name")"
      cp "$home/configs/glog.conf" "$conf/glog.conf"
      ( cd "$dir"
        unset DEPLOY_MODE
        export MILVUSCONF="$conf" METRICS_PORT="$(metrics_port "$name")" LD_LIBRARY_PATH="$home/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        umask 077
        exec setsid "$home/bin/milvus" run "$r" >>"$log" 2>&1 </dev/null ) &
      pid=$!;;
  esac
  echo "$pid" > "$dir/pids/$name.pid"
}

await() {  # NAME... : wait until all are healthy
  local deadline=$(( $(date +%s) + timeout )) n pid pending
  while :; do
    pending=()
    for n in "$@"; do
      healthy "$n" && continue
      if ! pid="$(running_pid "$n")"; then
        echo "milvus-cluster: $n exited during start-up; last log lines:" >&2; tail -n 15 "$dir/logs/$n.log" >&2; exit 1
      fi
      pending+=("$n")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "milvus-cluster: not healthy after ${timeout}s: ${pending[*]}; last log lines of ${pending[0]}:" >&2
      tail -n 15 "$dir/logs/${pending[0]}.log" >&2; exit 1
    fi
    sleep 0.2
  done
}

terminate() {  # signal, NAME... : signal every running one, wait up to 30 s, then SIGKILL
  local sig="$1" n pid pids=(); shift
  for n in "$@"; do
    if pid="$(running_pid "$n")"; then kill "-$sig" "$pid" 2>/dev/null || true; pids+=("$pid"); fi
  done
  for _ in $(seq 1 300); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true; done
  for n in "$@"; do rm -f "$dir/pids/$n.pid"; done
}

status() {
  local n pid state first=1
  [ "$json" = 1 ] && printf '['
  for n in "${all[@]}"; do
    if pid="$(running_pid "$n")"; then
      if healthy "$n"; then state=healthy; else state=unhealthy; fi
    else pid=""; state=stopped; fi
    if [ "$json" = 1 ]; then
      [ "$first" = 1 ] || printf ','
      printf '{"name":"%s","role":"%s","pid":%s,"state":"%s","port":%s,"metricsPort":%s,"log":"%s"}' \
          "$n" "$(role "$n")" "${pid:-null}" "$state" "$(grpc_port "$n")" "$(metrics_port "$n" | grep . || echo null)" "$dir/logs/$n.log"
      first=0
    else
      printf '%-11s %-9s pid=%-7s port=%-5s metrics-port=%-5s log=%s\n' "$n" "$state" "${pid:--}" "$(grpc_port "$n")" \
          "$(metrics_port "$n" | grep . || echo -)" "$dir/logs/$n.log"
    fi
  done
  [ "$json" = 1 ] && printf ']\n'
  return 0
}

case "$cmd" in
  status)
    status
    for n in "${all[@]}"; do running_pid "$n" >/dev/null || exit 1; done;;
  start)
    command -v etcd >/dev/null || { echo "milvus-cluster: etcd not found (apt-get install etcd-server, or scripts/setup.sh --cluster)" >&2; exit 2; }
    command -v java >/dev/null || { echo "milvus-cluster: java not found" >&2; exit 2; }
    started=$(date +%s%N)
    etcd_root_path >/dev/null   # decided before etcd first writes its folder
    launch etcd; launch kafka
    await etcd kafka
    for n in "${coordinators[@]}" "${workers[@]}" proxy; do launch "$n"; done
    await "${coordinators[@]}" "${workers[@]}" proxy
    echo "cluster healthy-after-ms=$(( ($(date +%s%N) - started) / 1000000 )) proxy=127.0.0.1:$port proxy-metrics=127.0.0.1:$(metrics_port proxy)"
    status;;
  stop)
    sig=TERM; [ "$kill_mode" = 1 ] && sig=KILL
    terminate "$sig" proxy
    terminate "$sig" "${workers[@]}"
    terminate "$sig" "${coordinators[@]}"
    terminate "$sig" kafka
    terminate "$sig" etcd
    echo "stopped";;
  stop-node)
    [ -n "$node" ] && known "$node" || die "stop-node needs a node name (one of: ${all[*]})"
    sig=TERM; [ "$kill_mode" = 1 ] && sig=KILL
    pid="$(running_pid "$node" || true)"
    at="$(date -u +%FT%T.%3NZ)"
    terminate "$sig" "$node"
    echo "stopped $node pid=${pid:--} signal=$sig signalled-at=$at gone-at=$(date -u +%FT%T.%3NZ)";;
  start-node)
    [ -n "$node" ] && known "$node" || die "start-node needs a node name (one of: ${all[*]})"
    launch "$node"; await "$node"
    echo "started $node pid=$(running_pid "$node") healthy-at=$(date -u +%FT%T.%3NZ)";;
esac
