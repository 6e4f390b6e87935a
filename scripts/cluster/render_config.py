#!/usr/bin/env python3
"""Write the milvus.yaml of one process of a local Milvus cluster (scripts/milvus-cluster.sh).

  render_config.py --template FILE --out FILE --storage DIR --etcd HOST:PORT --kafka HOST:PORT \
                   --ports rootcoord=P,datacoord=P,querycoord=P,querynode=P,datanode=P,indexnode=P,proxy=P,proxy_internal=P
                   [--auth] [--set section.key=value ...]

From the wheel's template: external etcd and Kafka instead of the embedded etcd and rocksmq,
`common.storageType: local` on ONE folder every process shares (query nodes read what data and
index nodes wrote), every role on 127.0.0.1 with its own port, a 10 s graceful stop (the default
1800 s makes a stop hang) and the upstream default `queryCoord.autoBalance: true` (the wheel's
standalone template turns it off). --auth turns authentication on (user root, password Milvus
until changed); the etcd root path is $MILVUS_ETCD_ROOT_PATH when set (also the key of the metrics
port's /expr endpoint), else by-dev. The file is written with mode 600.
Only the standard library: the template's comments are kept.
Errors print one line and exit 2.
"""
import argparse
import os
import re
import sys

ROLE_SECTIONS = ("rootCoord", "proxy", "queryCoord", "queryNode", "indexNode", "dataCoord", "dataNode")
PORT_KEYS = {
    "root_coord_port": "rootcoord", "proxy_port": "proxy", "proxy_internal_port": "proxy_internal",
    "query_coord_port": "querycoord", "query_node_port": "querynode", "index_node_port": "indexnode",
    "data_coord_port": "datacoord", "data_node_port": "datanode", "index_coord_port": "indexcoord",
    "etcd_port": "etcd",
}


def fail(msg):
    print(f"render_config: {msg}", file=sys.stderr)
    sys.exit(2)


def set_key(lines, dotted, value):
    """Replaces the value of `a.b.c` in place (indentation-based walk); fails when absent."""
    parts = dotted.split(".")
    start, end, indent = 0, len(lines), -1
    for depth, part in enumerate(parts):
        pattern = re.compile(r"^(\s*)" + re.escape(part) + r":(\s*)(.*)$")
        found = None
        for i in range(start, end):
            m = pattern.match(lines[i])
            if m and len(m.group(1)) > indent and (depth == 0 and m.group(1) == "" or depth > 0):
                found = (i, m)
                break
        if found is None:
            fail(f"key {dotted} not in template")
        i, m = found
        indent = len(m.group(1))
        if depth == len(parts) - 1:
            lines[i] = f"{m.group(1)}{part}: {value}"
            return
        start = i + 1
        end = start
        while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                     or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--template", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--storage", required=True)
    ap.add_argument("--etcd", required=True)
    ap.add_argument("--kafka", required=True)
    ap.add_argument("--ports", required=True)
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--auth", action="store_true")
    a = ap.parse_args()
    if not os.path.isfile(a.template):
        fail(f"no config template at {a.template}")
    ports = {}
    for item in a.ports.split(","):
        name, _, value = item.partition("=")
        if not value.isdigit():
            fail(f"port {name} is not a number: {value}")
        ports[name.strip()] = value
    text = open(a.template, encoding="utf-8").read()
    values = {
        "etcd_data_dir": "", "local_storage_dir": a.storage, "rocksmq_data_dir": "",
        "system_log_path": "", "etcd_log_path": "stdout", "authorization_enabled": "true" if a.auth else "false",
    }
    for key, name in PORT_KEYS.items():
        if name in ports:
            values[key] = ports[name]

    def substitute(match):
        key, _, default = match.group(1).partition(":")
        key = key.split("(")[0].strip()
        if key not in values and not default.strip():
            fail(f"template value {key} has no default and was not given")
        return str(values.get(key, default.strip()))

    lines = re.sub(r"\{\{(.*?)\}\}", substitute, text).split("\n")
    settings = [
        ("etcd.endpoints", a.etcd), ("etcd.use.embed", "false"), ("mq.type", "kafka"),
        ("common.storageType", "local"), ("localStorage.path", a.storage),
        ("common.gracefulStopTimeout", "10"), ("queryCoord.autoBalance", "true"),
    ] + [(f"{section}.ip", "127.0.0.1") for section in ROLE_SECTIONS]
    root_path = os.environ.get("MILVUS_ETCD_ROOT_PATH", "")
    if root_path:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", root_path):
            fail("MILVUS_ETCD_ROOT_PATH may hold letters, digits, '_' and '-' only")
        settings.append(("etcd.rootPath", root_path))
    for item in a.set:
        key, _, value = item.partition("=")
        settings.append((key.strip(), value.strip()))
    for key, value in settings:
        set_key(lines, key, value)
    lines += ["", "kafka:", f"  brokerList: {a.kafka}", "  readTimeout: 10", ""]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
