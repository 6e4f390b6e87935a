#!/usr/bin/env python3
"""Prepare the Milvus standalone server that the PyPI wheel `milvus` carries.

  milvus_dist.py prepare [--version V] [--home DIR]
      Download the wheel (pip, through the machine's own index configuration), unpack its
      xz-packed executable and libraries into DIR/bin and DIR/lib, keep the config template.
      Idempotent: an existing, complete DIR is reused. Prints DIR.
  milvus_dist.py render --home DIR --out FILE --root DATA [--port N] [--fixed-ports] [--auth]
      Write milvus.yaml (mode 600) from the template: data, etcd and message-queue folders under
      DATA, proxy on --port; every internal port free on 127.0.0.1 unless --fixed-ports; --auth
      turns on authentication (Milvus' default user root, password Milvus, until changed). The
      etcd root path is $MILVUS_ETCD_ROOT_PATH when set (it is also the key of the metrics port's
      /expr endpoint, so a secret one keeps that endpoint shut), else by-dev.

Errors print one line and exit 2.
"""
import argparse
import hashlib
import lzma
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_VERSION = "2.3.5"
MARKER = ".complete"



class OneLineParser(argparse.ArgumentParser):
    """argparse, but bad usage is one line on stderr (PROG: what is wrong) and exit 2, as every command here."""

    def error(self, message):
        self.exit(2, "%s: %s\n" % (self.prog, message))


def fail(msg):
    print(f"milvus_dist: {msg}", file=sys.stderr)
    sys.exit(2)


def default_home(version):
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "milvus-bench", f"milvus-{version}")


def prepare(version, home):
    if os.path.exists(os.path.join(home, MARKER)):
        return home
    wheels = os.path.join(os.path.dirname(home), "wheels")
    os.makedirs(wheels, exist_ok=True)
    wheel = next((os.path.join(wheels, f) for f in os.listdir(wheels)
                  if f.startswith(f"milvus-{version}-") and f.endswith(".whl")), None)
    if wheel is None:
        print(f"milvus_dist: downloading wheel milvus=={version} ...", file=sys.stderr)
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                               "-d", wheels, f"milvus=={version}"], capture_output=True, text=True)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
            fail(f"cannot download wheel milvus=={version}: {last}")
        wheel = next((os.path.join(wheels, f) for f in os.listdir(wheels)
                      if f.startswith(f"milvus-{version}-") and f.endswith(".whl")), None)
        if wheel is None:
            fail(f"pip reported success but no milvus-{version} wheel is in {wheels}")
    tmp = tempfile.mkdtemp(prefix=".partial-", dir=os.path.dirname(home))
    try:
        try:
            zf = zipfile.ZipFile(wheel)
        except zipfile.BadZipFile:
            fail(f"wheel is not a zip archive: {wheel}")
        os.makedirs(os.path.join(tmp, "bin"))
        os.makedirs(os.path.join(tmp, "lib"))
        os.makedirs(os.path.join(tmp, "configs"))
        names = zf.namelist()
        packed = [n for n in names if n.startswith("milvus/data/bin/") and n.endswith(".lzma")]
        if not any(n.endswith("/milvus.lzma") for n in packed):
            fail(f"wheel holds no milvus executable (milvus/data/bin/milvus.lzma): {wheel}")
        for name in packed:
            base = os.path.basename(name)[:-len(".lzma")]
            dest = os.path.join(tmp, "bin" if base == "milvus" else "lib", base)
            with zf.open(name) as src, lzma.open(src) as unpacked, open(dest, "wb") as out:
                shutil.copyfileobj(unpacked, out, 1 << 20)
            os.chmod(dest, 0o755)
        for name, dest in (("milvus/data/config.yaml.template", "milvus.yaml.template"),
                           ("milvus/data/glog.conf", "glog.conf")):
            with zf.open(name) as src, open(os.path.join(tmp, "configs", dest), "wb") as out:
                shutil.copyfileobj(src, out)
        with open(os.path.join(tmp, "VERSION"), "w") as out:
            out.write(version + "\n")
        with open(os.path.join(tmp, MARKER), "w") as out:
            out.write(hashlib.sha256(open(wheel, "rb").read()).hexdigest() + "\n")
        if os.path.exists(home):
            shutil.rmtree(home)
        os.rename(tmp, home)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp)
    return home


def free_port(taken):
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in taken:
            taken.add(port)
            return port


def with_etcd_root_path(text, root_path):
    """The config with etcd.rootPath set to root_path (unchanged when empty)."""
    if not root_path:
        return text
    if not re.fullmatch(r"[A-Za-z0-9_-]+", root_path):
        fail("MILVUS_ETCD_ROOT_PATH may hold letters, digits, '_' and '-' only")
    new, count = re.subn(r"(?m)^(etcd:\n(?:(?:\s.*)?\n)*?\s+rootPath:)\s*by-dev\b", lambda m: m.group(1) + " " + root_path, text, count=1)
    if count != 1:
        fail("the config template has no etcd.rootPath: by-dev line")
    return new


def render(home, out, root, port, fixed_ports, auth=False):
    template_file = os.path.join(home, "configs", "milvus.yaml.template")
    if not os.path.isfile(template_file):
        fail(f"no config template at {template_file} (run: milvus_dist.py prepare)")
    text = open(template_file, encoding="utf-8").read()
    values = {
        "etcd_data_dir": os.path.join(root, "etcd"),
        "local_storage_dir": os.path.join(root, "data"),
        "rocksmq_data_dir": os.path.join(root, "rdb_data"),
        "system_log_path": "",
        "etcd_log_path": "stdout",
        "authorization_enabled": "true" if auth else "false",
    }
    taken = {port}
    for key in re.findall(r"\{\{\s*([a-z_]+_port)\b", text):
        if key == "proxy_port":
            values[key] = port
        elif not fixed_ports:
            values[key] = free_port(taken)

    def substitute(match):
        key, _, default = match.group(1).partition(":")
        key = key.split("(")[0].strip()
        if key not in values and not default.strip():
            fail(f"template value {key} has no default and was not given")
        return str(values.get(key, default.strip()))

    rendered = re.sub(r"\{\{(.*?)\}\}", substitute, text)
    rendered = with_etcd_root_path(rendered, os.environ.get("MILVUS_ETCD_ROOT_PATH", ""))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".tmp"
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
        f.write(rendered)
    os.replace(tmp, out)
    config_dir = os.path.dirname(os.path.abspath(out))
    shutil.copy(os.path.join(home, "configs", "glog.conf"), os.path.join(config_dir, "glog.conf"))
    # The embedded etcd's own listeners (client and peer) must not collide with another local server.
    etcd_port = values.get("etcd_port", 2379)
    peer_port = 2380 if fixed_ports else free_port(taken)
    with open(os.path.join(config_dir, "embedEtcd.yaml"), "w", encoding="utf-8") as f:
        f.write(f"listen-client-urls: http://127.0.0.1:{etcd_port}\n"
                f"advertise-client-urls: http://127.0.0.1:{etcd_port}\n"
                f"listen-peer-urls: http://127.0.0.1:{peer_port}\n"
                f"initial-advertise-peer-urls: http://127.0.0.1:{peer_port}\n"
                f"initial-cluster: default=http://127.0.0.1:{peer_port}\n")


def main():
    parser = OneLineParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--version", default=os.environ.get("MILVUS_VERSION", DEFAULT_VERSION))
    p.add_argument("--home")
    r = sub.add_parser("render")
    r.add_argument("--home", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--root", required=True)
    r.add_argument("--port", type=int, default=19530)
    r.add_argument("--fixed-ports", action="store_true")
    r.add_argument("--auth", action="store_true", help="require user/password (default user root, password Milvus)")
    args = parser.parse_args()
    if args.cmd == "prepare":
        print(prepare(args.version, os.path.abspath(args.home or default_home(args.version))))
    else:
        render(os.path.abspath(args.home), args.out, args.root, args.port, args.fixed_ports, args.auth)


if __name__ == "__main__":
    main()
