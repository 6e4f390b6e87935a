#!/usr/bin/env python3
"""Side-by-side baseline: run the `vectordb-bench` package's own concurrent search runner
(MultiProcessingSearchRunner, one spawned process per concurrent client) against a collection
milvus-bench already built and loaded, with the very queries milvus-bench sent
(`milvus-bench load ... --export-queries q.fvecs`). Prints QPS and p99 per concurrency level.

Nothing is created or dropped: the collection must be one of the suite's (mbench_*), and
vectordb-bench's Milvus client finds it existing and only searches it.

  python3 -m venv /tmp/vdbb && /tmp/vdbb/bin/pip install vectordb-bench
  /tmp/vdbb/bin/python scripts/vectordb-bench-compare.py --uri http://127.0.0.1:19530 \
      --collection mbench_load_20000x128_l2_hnsw_s... --queries /tmp/q.fvecs \
      --index HNSW --knob 64 --top-k 10 --concurrency 1,4,8 --duration 10
"""
import argparse
import json
import os
import struct
import sys



class OneLineParser(argparse.ArgumentParser):
    """argparse, but bad usage is one line on stderr (PROG: what is wrong) and exit 2, as every command here."""

    def error(self, message):
        self.exit(2, "%s: %s\n" % (self.prog, message))


def _search_with_consistency():
    """Makes every pymilvus MilvusClient.search carry the consistency level milvus-bench used
    (env MBENCH_CONSISTENCY, default Bounded). vectordb-bench leaves it to the collection's default,
    and the suite's collections are created Strong, which makes each search wait for the next time
    tick (~200 ms on Milvus 2.3): that would compare consistency waits, not load generators.
    Done at import time so the runner's spawned worker processes (which re-import this file) get it."""
    try:
        from pymilvus import MilvusClient
    except ImportError:
        return
    level = os.environ.get("MBENCH_CONSISTENCY", "Bounded")
    original = MilvusClient.search
    if getattr(original, "_mbench", False):
        return

    def search(self, *args, **kwargs):
        kwargs.setdefault("consistency_level", level)
        return original(self, *args, **kwargs)

    search._mbench = True
    MilvusClient.search = search


_search_with_consistency()


def _record_worker_cpu():
    """Wraps the runner's per-process search loop so each worker appends its own CPU time and
    request count to the file named by MBENCH_CPU_FILE: client CPU per request, comparable with
    milvus-bench's client_cpu_per_request. Import-time, like the patch above, to reach the workers."""
    path = os.environ.get("MBENCH_CPU_FILE")
    if not path:
        return
    try:
        from vectordb_bench.backend.runner.mp_runner import MultiProcessingSearchRunner
    except ImportError:
        return
    original = MultiProcessingSearchRunner.search
    if getattr(original, "_mbench", False):
        return

    def search(self, *args, **kwargs):
        import time
        cpu = time.process_time()
        result = original(self, *args, **kwargs)
        with open(path, "a") as f:
            f.write(json.dumps({"pid": os.getpid(), "cpu_s": time.process_time() - cpu, "count": result[0]}) + "\n")
        return result

    search._mbench = True
    MultiProcessingSearchRunner.search = search


_record_worker_cpu()


def server_cpu_seconds(metrics_uri):
    """process_cpu_seconds_total of the server's metrics endpoint, None without one or on failure
    (milvus-bench reads the same counter for its server_cpu_per_request)."""
    if not metrics_uri:
        return None
    import urllib.request
    try:
        with urllib.request.urlopen(metrics_uri.rstrip("/") + "/metrics", timeout=5) as r:
            for line in r.read().decode("utf-8", "replace").splitlines():
                if line.startswith("process_cpu_seconds_total "):
                    return float(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def read_fvecs(path):
    out = []
    with open(path, "rb") as f:
        while True:
            head = f.read(4)
            if not head:
                return out
            (dim,) = struct.unpack("<i", head)
            out.append(list(struct.unpack("<%df" % dim, f.read(4 * dim))))


def main():
    p = OneLineParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--uri", required=True, help="Milvus address, e.g. http://127.0.0.1:19530 (loopback only)")
    p.add_argument("--collection", required=True, help="an existing, loaded mbench_* collection")
    p.add_argument("--queries", required=True, help=".fvecs file written by milvus-bench --export-queries")
    p.add_argument("--index", default="HNSW", choices=["HNSW", "IVF_FLAT", "FLAT"])
    p.add_argument("--knob", type=int, default=64, help="ef (HNSW) or nprobe (IVF_FLAT)")
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument("--concurrency", default="1,4,8")
    p.add_argument("--duration", type=int, default=10, help="seconds per level")
    p.add_argument("--metrics-uri", default=None,
                   help="the server's metrics endpoint (http://127.0.0.1:9091): its process_cpu_seconds_total before and after each "
                        "level gives the server's CPU per request, as milvus-bench's server_cpu_per_request")
    p.add_argument("--consistency", default="Bounded", help="search consistency level, as milvus-bench's --consistency")
    p.add_argument("--work-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "vectordb-bench"),
                   help="working folder of the run: vectordb-bench writes its log to logs/ under it (default: target/vectordb-bench)")
    a = p.parse_args()
    a.queries = os.path.abspath(a.queries)
    os.environ["MBENCH_CONSISTENCY"] = a.consistency
    if not a.collection.startswith("mbench_"):
        print("vectordb-bench-compare: only the suite's mbench_* collections may be used", file=sys.stderr)
        return 2
    host = a.uri.split("://")[-1].split(":")[0]
    if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
        print("vectordb-bench-compare: loopback addresses only", file=sys.stderr)
        return 2

    if a.metrics_uri and a.metrics_uri.split("://")[-1].split(":")[0] not in ("127.0.0.1", "localhost", "[::1]"):
        print("vectordb-bench-compare: --metrics-uri: loopback addresses only", file=sys.stderr)
        return 2

    # vectordb-bench writes logs/vectordb_bench.log under the working folder, on import: keep it out of the project
    work = os.path.abspath(a.work_dir)
    os.makedirs(work, exist_ok=True)
    os.chdir(work)
    cpu_file = os.path.join(work, "worker-cpu-%d.jsonl" % os.getpid())
    os.environ["MBENCH_CPU_FILE"] = cpu_file

    from vectordb_bench.backend.clients.api import MetricType
    from vectordb_bench.backend.clients.milvus import config as mc
    from vectordb_bench.backend.clients.milvus.milvus import Milvus
    from vectordb_bench.backend.runner.mp_runner import MultiProcessingSearchRunner

    if a.index == "HNSW":
        case = mc.HNSWConfig(M=16, efConstruction=200, ef=a.knob, metric_type=MetricType.L2)
    elif a.index == "IVF_FLAT":
        case = mc.IVFFlatConfig(nlist=128, nprobe=a.knob, metric_type=MetricType.L2)
    else:
        case = mc.FLATConfig(metric_type=MetricType.L2)
    queries = read_fvecs(a.queries)
    db = Milvus(dim=len(queries[0]), db_config={"uri": a.uri}, db_case_config=case,
                collection_name=a.collection, drop_old=False)
    db._primary_field = "id"  # the suite's schema names its primary key "id" (vectordb-bench's own uses "pk")
    rows = []
    for level in [int(c) for c in a.concurrency.split(",")]:
        open(cpu_file, "w").close()
        runner = MultiProcessingSearchRunner(db=db, test_data=queries, k=a.top_k, concurrencies=[level],
                                             duration=a.duration)
        server_before = server_cpu_seconds(a.metrics_uri)
        _, conc, qps, p99, p95, avg, p50 = runner.run()
        server_after = server_cpu_seconds(a.metrics_uri)
        with open(cpu_file) as f:
            workers = [json.loads(line) for line in f if line.strip()]
        cpu_us = 1e6 * sum(w["cpu_s"] for w in workers) / max(1, sum(w["count"] for w in workers))
        count = sum(w["count"] for w in workers)
        server_us = (1e6 * (server_after - server_before) / count
                     if server_before is not None and server_after is not None and count else None)
        rows.append({"concurrency": level, "qps": qps[0], "p50_ms": 1000 * p50[0], "p95_ms": 1000 * p95[0],
                     "p99_ms": 1000 * p99[0], "client_cpu_us_per_request": cpu_us, "server_cpu_us_per_request": server_us})
    os.remove(cpu_file)
    for r in rows:
        server = "" if r["server_cpu_us_per_request"] is None else "  server cpu %.0f us/req" % r["server_cpu_us_per_request"]
        print("vectordb-bench conc %4d  qps %8.1f  p50 %8.3f  p95 %8.3f  p99 %8.3f ms  cpu %.0f us/req (search loop only)%s"
              % (r["concurrency"], r["qps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["client_cpu_us_per_request"], server))
    print(json.dumps({"tool": "vectordb-bench", "levels": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
