#!/usr/bin/env bash
# Build the local container image localhost/milvus:<version> without any container registry:
# a minimal Debian rootfs (debootstrap, mirror read from this machine's apt sources) plus the Milvus
# standalone binary and libraries from the PyPI wheel `milvus`, laid out as the upstream image does
# (/milvus/bin, /milvus/lib, /milvus/configs/milvus.yaml, workdir /milvus, writable /var/lib/milvus),
# then `podman import`. Skips the build when the image already exists (--force rebuilds).
#
#   scripts/build-milvus-image.sh [--version 2.3.5] [--force]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/options.sh"
version="${MILVUS_VERSION:-2.3.5}"; force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --version) need_value build-milvus-image "$@"; version="$2"; shift 2;;
    --force) force=1; shift;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
    *) echo "build-milvus-image: unknown option $1" >&2; exit 2;;
  esac
done
image="localhost/milvus:$version"
if [ "$force" = 0 ] && podman image exists "$image"; then
  echo "build-milvus-image: $image exists, skipping (use --force to rebuild)" >&2
  echo "$image"; exit 0
fi
started=$(date +%s)

# The Debian mirror this machine already uses (deb822 .sources files or the classic sources.list).
mirror="$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 | awk '{print $1}')"
[ -n "$mirror" ] || mirror="$(grep -hE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | head -n1 | awk '{print $2}')"
[ -n "$mirror" ] || { echo "build-milvus-image: no Debian mirror found in /etc/apt sources" >&2; exit 2; }
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"

if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
home="$(python3 "$here/milvus_dist.py" prepare --version "$version")"

work="$(mktemp -d /var/tmp/milvus-image.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/milvus-bench/rootfs-$suite.tar"
if [ -f "$cache" ]; then
  mkdir -p "$rootfs" && tar -C "$rootfs" -xf "$cache"
else
  echo "build-milvus-image: debootstrap $suite (minbase) ..." >&2
  debootstrap --variant=minbase --include=ca-certificates,curl "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 5 "$work/debootstrap.log" >&2; echo "build-milvus-image: debootstrap failed" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$(dirname "$cache")" && tar -C "$rootfs" -cf "$cache.partial" . && mv "$cache.partial" "$cache"
fi

mkdir -p "$rootfs/milvus/bin" "$rootfs/milvus/lib" "$rootfs/milvus/configs" "$rootfs/var/lib/milvus"
cp "$home/bin/milvus" "$rootfs/milvus/bin/"
cp "$home/lib/"* "$rootfs/milvus/lib/"
python3 "$here/milvus_dist.py" render --home "$home" --out "$rootfs/milvus/configs/milvus.yaml" \
  --root /var/lib/milvus --port 19530 --fixed-ports
# The image's embedded etcd listens on all interfaces of the container, as upstream's embedEtcd.yaml does.
sed -i '/^listen-/s/127\.0\.0\.1/0.0.0.0/' "$rootfs/milvus/configs/embedEtcd.yaml"
chmod 0777 "$rootfs/var/lib/milvus"

echo "build-milvus-image: importing $image ..." >&2
tar -C "$rootfs" -c . | podman import \
  --change 'WORKDIR /milvus' \
  --change 'ENV PATH=/milvus/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LD_LIBRARY_PATH=/milvus/lib' \
  --change 'ENV MILVUSCONF=/milvus/configs/' \
  --change 'EXPOSE 19530' --change 'EXPOSE 9091' \
  --change 'CMD ["milvus", "run", "standalone"]' \
  - "$image" >/dev/null
echo "build-milvus-image: built $image in $(( $(date +%s) - started ))s" >&2
echo "$image"
