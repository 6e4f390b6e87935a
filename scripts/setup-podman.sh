#!/usr/bin/env bash
# Make podman serve a Docker-compatible API on this machine (for Testcontainers and the docker CLI).
# Idempotent: installs podman + runc only when missing, writes containers.conf only when it differs,
# starts the API service only when the socket does not answer. Needs root.
#
#   scripts/setup-podman.sh            # then: export DOCKER_HOST=unix:///run/podman/podman.sock
set -euo pipefail
sock_path="${PODMAN_SOCKET:-/run/podman/podman.sock}"

if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  echo "setup-podman: installing podman and runc ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc >/dev/null
fi

# crun fails on these machines (setrlimit, hybrid cgroups); runc with the cgroupfs manager works.
conf=/etc/containers/containers.conf
want='[containers]
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"'
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then
  mkdir -p /etc/containers
  [ -f "$conf" ] && cp "$conf" "$conf.bak.$(date +%s)"
  printf '%s\n' "$want" > "$conf"
  echo "setup-podman: wrote $conf" >&2
fi

api_ok() { curl -sf --max-time 3 --unix-socket "$sock_path" http://d/_ping 2>/dev/null | grep -q OK; }
if ! api_ok; then
  mkdir -p "$(dirname "$sock_path")"
  rm -f "$sock_path"
  nohup setsid podman system service --time=0 "unix://$sock_path" >/var/log/podman-service.log 2>&1 </dev/null &
  for _ in $(seq 1 50); do api_ok && break; sleep 0.2; done
  api_ok || { echo "setup-podman: podman API did not come up on $sock_path (see /var/log/podman-service.log)" >&2; exit 1; }
  echo "setup-podman: podman API serving on unix://$sock_path" >&2
fi
echo "unix://$sock_path"
