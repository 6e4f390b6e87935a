#!/usr/bin/env bash
# One-shot, idempotent machine set-up for milvus-bench on a machine without Docker:
#   1. build prerequisites (JDK 17, Maven, python3, curl, unzip, xz) when missing (Debian/Ubuntu, root);
#   2. podman serving a Docker-compatible API (scripts/setup-podman.sh), and
#      ~/.testcontainers.properties pointing Testcontainers at it;
#   3. the Milvus standalone binary from the PyPI wheel (scripts/milvus_dist.py prepare);
#   4. the local image localhost/milvus:<version> (scripts/build-milvus-image.sh);
#   5. what the local cluster (scripts/milvus-cluster.sh) needs besides the binary: etcd (Debian
#      etcd-server) and the Kafka broker's classpath from Maven Central (--no-cluster skips it);
#   6. Milvus Lite from the PyPI wheel milvus-lite, for --target lite (scripts/milvus-lite.sh prepare;
#      --no-lite skips it).
# Where a Docker engine already answers, steps 2 and 4 are skipped unless --podman is given.
#
#   scripts/setup.sh [--version 2.3.5] [--podman] [--no-image] [--no-cluster] [--no-lite]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
version="${MILVUS_VERSION:-2.3.5}"; force_podman=0; image=1; cluster=1; lite=1
while [ $# -gt 0 ]; do
  case "$1" in
    --version) need_value setup "$@"; version="$2"; shift 2;;
    --podman) force_podman=1; shift;;
    --no-image) image=0; shift;;
    --no-cluster) cluster=0; shift;;
    --no-lite) lite=0; shift;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "setup: unknown option $1" >&2; exit 2;;
  esac
done
step() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

missing=()
command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])' || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v python3 >/dev/null || missing+=(python3 python3-pip)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
command -v curl >/dev/null || missing+=(curl)
command -v unzip >/dev/null || missing+=(unzip)
command -v xz >/dev/null || missing+=(xz-utils)
if [ "$cluster" = 1 ]; then command -v etcd >/dev/null || missing+=(etcd-server); fi
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "Milvus $version binary from the PyPI wheel"
python3 "$here/milvus_dist.py" prepare --version "$version" >/dev/null

docker_ok() { command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; }
if [ "$force_podman" = 1 ] || ! docker_ok; then
  step "podman Docker-API service"
  sock="$("$here/setup-podman.sh")"
  # Testcontainers reads these when DOCKER_HOST & co. are not set in the environment.
  props="$HOME/.testcontainers.properties"
  touch "$props"
  for kv in "docker.host=$sock" "ryuk.disabled=true" "host.override=localhost"; do
    key="${kv%%=*}"
    grep -v "^${key//./\\.}=" "$props" > "$props.tmp" || true
    echo "$kv" >> "$props.tmp"
    mv "$props.tmp" "$props"
  done
  if [ "$image" = 1 ]; then
    step "local image localhost/milvus:$version"
    "$here/build-milvus-image.sh" --version "$version" >/dev/null
  fi
fi
if [ "$cluster" = 1 ]; then
  step "local cluster: the Kafka broker's classpath"
  "$here/milvus-cluster.sh" prepare >/dev/null
fi
if [ "$lite" = 1 ]; then
  step "Milvus Lite ${MILVUS_LITE_VERSION:-2.5.1} from the PyPI wheel milvus-lite"
  "$here/milvus-lite.sh" prepare >/dev/null
fi
step "done"
