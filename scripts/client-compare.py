#!/usr/bin/env python3
"""Four load generators against one server, interleaved, at the same concurrency levels: milvus-bench's
sdk, grpc and async clients (closed loop) and vectordb-bench's own concurrent search runner
(scripts/vectordb-bench-compare.py), on the same collection and the same query vectors. Prints one
Markdown table per round: QPS, p99, the client's CPU per request (milvus-bench: the whole JVM, with the
JIT's part; vectordb-bench: its search loops) and the server's CPU per request (its own
process_cpu_seconds_total), so "who drives more QPS" can be read beside "who leaves the server more CPU".

  scripts/client-compare.py --jar target/milvus-bench.jar --python /tmp/vdbb/bin/python \\
      --uri 127.0.0.1:19530 --metrics-uri http://127.0.0.1:9091 --concurrency 1,4,8 --duration 15 --rounds 2

The first client run prepares (or reuses) the suite's collection (--rows, --dim, --index, --knob as
in `milvus-bench load`) and exports its queries; everything else only searches. Loopback only.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, "%s: %s\n" % (self.prog, message))


def loopback(host_port):
    host = host_port.split("://")[-1].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "[::1]")


def java_run(a, client, out_dir, export=None):
    results = os.path.join(out_dir, "milvus-bench-" + client)
    cmd = ["java", "-jar", a.jar, "load", "--target", "uri", "--uri", a.uri, "--metrics-uri", a.metrics_uri,
           "--rows", str(a.rows), "--dim", str(a.dim), "--index", a.index, "--knob", str(a.knob), "--top-k", str(a.top_k),
           "--mode", "closed", "--client", client, "--concurrency", a.concurrency,
           "--duration", str(a.duration + a.warmup), "--warmup", str(a.warmup), "--results", results]
    if export:
        cmd += ["--export-queries", export]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit("client-compare: milvus-bench --client %s failed (exit %d): %s"
                 % (client, run.returncode, (run.stderr.strip().splitlines() or ["?"])[-1]))
    folder = sorted(glob.glob(os.path.join(results, "*-load")))[-1]
    collection = json.load(open(os.path.join(folder, "run.json")))["parameters"]["collection"]
    levels = {}
    for line in open(os.path.join(folder, "metrics.jsonl")):
        m = json.loads(line)
        if not m["series"].startswith("closedloop["):
            continue
        conc = int(m["series"].split("concurrency=")[1].split(";")[0].rstrip("]"))
        levels.setdefault(conc, {})[m["statistic"]] = m["value"]
    return collection, {c: {"qps": v.get("qps"), "p99_ms": v.get("p99"), "client_cpu_us_per_request": v.get("client_cpu_per_request"),
                            "client_jit_us_per_request": v.get("client_jit_cpu_per_request"),
                            "server_cpu_us_per_request": v.get("server_cpu_per_request")} for c, v in levels.items()}


def vdbb_run(a, collection, queries):
    cmd = [a.python, os.path.join(HERE, "vectordb-bench-compare.py"), "--uri", "http://" + a.uri.split("://")[-1],
           "--metrics-uri", a.metrics_uri, "--collection", collection, "--queries", queries, "--index", a.index,
           "--knob", str(a.knob), "--top-k", str(a.top_k), "--concurrency", a.concurrency, "--duration", str(a.duration)]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit("client-compare: vectordb-bench failed (exit %d): %s" % (run.returncode, (run.stderr.strip().splitlines() or ["?"])[-1]))
    doc = json.loads(run.stdout.strip().splitlines()[-1])
    return {r["concurrency"]: r for r in doc["levels"]}


def cell(r):
    if r is None:
        return "—"
    jit = r.get("client_jit_us_per_request")
    cpu = "%.0f µs" % r["client_cpu_us_per_request"] + (" (JIT %.0f)" % jit if jit is not None else "")
    server = r.get("server_cpu_us_per_request")
    return "%.0f · p99 %.1f ms · %s · server %s" % (r["qps"], r["p99_ms"], cpu, "%.0f µs" % server if server is not None else "?")


def main():
    p = OneLineParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default=os.path.join(HERE, "..", "target", "milvus-bench.jar"))
    p.add_argument("--python", required=True, help="a Python with vectordb-bench installed (e.g. a venv's bin/python)")
    p.add_argument("--uri", required=True, help="Milvus host:port (loopback)")
    p.add_argument("--metrics-uri", required=True, help="its metrics endpoint, http://127.0.0.1:9091 (loopback)")
    p.add_argument("--rows", type=int, default=20000)
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--index", default="HNSW", choices=["HNSW", "IVF_FLAT", "FLAT"])
    p.add_argument("--knob", type=int, default=64)
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument("--concurrency", default="1,4,8")
    p.add_argument("--duration", type=int, default=15, help="measured seconds per level")
    p.add_argument("--warmup", type=int, default=3, help="milvus-bench's unmeasured seconds before each level")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--clients", default="sdk,grpc,async,vectordb-bench")
    p.add_argument("--out", default=None, help="folder for the run folders (default: a new temporary folder)")
    a = p.parse_args()
    if not loopback(a.uri) or not loopback(a.metrics_uri):
        p.error("loopback addresses only")
    if not os.path.isfile(a.jar):
        p.error("no such jar: %s (build it: ./mvnw -B -q package -DskipTests)" % a.jar)
    if a.rounds < 1 or a.duration < 1 or a.warmup < 0:
        p.error("--rounds and --duration must be at least 1, --warmup at least 0")
    clients = a.clients.split(",")
    for c in clients:
        if c not in ("sdk", "grpc", "async", "vectordb-bench"):
            p.error("unknown client %s (sdk, grpc, async, vectordb-bench)" % c)
    out = a.out or tempfile.mkdtemp(prefix="client-compare-")
    os.makedirs(out, exist_ok=True)
    queries = os.path.join(out, "queries.fvecs")
    levels = [int(c) for c in a.concurrency.split(",")]
    for rnd in range(1, a.rounds + 1):
        table = {}
        collection = None
        for c in clients:
            print("client-compare: round %d, %s ..." % (rnd, c), file=sys.stderr)
            if c == "vectordb-bench":
                if collection is None:
                    collection, _ = java_run(a, "async", os.path.join(out, "prepare-%d" % rnd), export=queries)
                table[c] = vdbb_run(a, collection, queries)
            else:
                collection, table[c] = java_run(a, c, os.path.join(out, "round-%d" % rnd), export=queries)
        print("\nround %d (%s, %d s per level; QPS · p99 · client CPU per request · server CPU per request)\n" % (rnd, collection, a.duration))
        print("| concurrency | " + " | ".join(clients) + " |")
        print("|---:|" + "---|" * len(clients))
        for level in levels:
            print("| %d | " % level + " | ".join(cell(table[c].get(level)) for c in clients) + " |")
    print("\nrun folders: %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
