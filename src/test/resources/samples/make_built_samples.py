#!/usr/bin/env python3
"""Writes the built (not captured) samples of Milvus 2.4, 2.5 and 2.6: /metrics text and
GetMetrics(system_info) JSON in each version's label and role shapes (see README.md here).
The values are chosen so that every figure the tests expect can be worked out by hand."""
import json

BUCKETS = [2 ** i for i in range(18)]  # prometheus.ExponentialBuckets(1, 2, 18), Milvus' "buckets"

DOCS, IMAGES, SHOP_DOCS = "451000000000000001", "451000000000000002", "451000000000000003"


def labels(d):
    return "{" + ",".join(f'{k}="{v}"' for k, v in sorted(d.items())) + "}"


def hist(name, lab, cumulative, total_sum):
    """cumulative: {le: count} for le in 1,2,4,8,16 (later buckets equal the last one)."""
    out = []
    last = 0
    for b in BUCKETS:
        last = cumulative.get(b, last)
        out.append(f"{name}_bucket{labels({**lab, 'le': str(b)})} {last}")
    out.append(f"{name}_bucket{labels({**lab, 'le': '+Inf'})} {last}")
    out.append(f"{name}_sum{labels(lab)} {total_sum}")
    out.append(f"{name}_count{labels(lab)} {last}")
    return out


def family(name, kind, help_text, lines):
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"] + lines


def metrics(version):
    v24, v25, v26 = version == "2.4", version == "2.5", version == "2.6"
    node = "10" if v26 else "1"
    out = []
    # proxy request counts: {node_id, function_name, status, db_name, collection_name} from 2.4 on
    req = []
    for db, coll, fn, total, fail in [("default", "docs", "Search", 40, 2), ("default", "images", "Search", 10, 0),
                                      ("shop", "docs", "Search", 5, 0), ("default", "docs", "Insert", 4, 0),
                                      ("", "", "ListCollections", 3, 0)]:
        base = {"node_id": node, "function_name": fn, "db_name": db, "collection_name": coll}
        req.append(f"milvus_proxy_req_count{labels({**base, 'status': 'total'})} {total}")
        req.append(f"milvus_proxy_req_count{labels({**base, 'status': 'success'})} {total - fail}")
        if fail:
            req.append(f"milvus_proxy_req_count{labels({**base, 'status': 'fail'})} {fail}")
    out += family("milvus_proxy_req_count", "counter", "count of operation executed", sorted(req))
    out += family("milvus_proxy_req_latency", "histogram", "latency of each request",
                  hist("milvus_proxy_req_latency", {"node_id": node, "function_name": "Search"}, {1: 0, 2: 5, 4: 20, 8: 50, 16: 55}, 330))
    sq = []
    per_coll = [("default", "docs", {1: 0, 2: 0, 4: 10, 8: 30, 16: 38}, 250),
                ("default", "images", {1: 0, 2: 0, 4: 0, 8: 5, 16: 10}, 90),
                ("shop", "docs", {1: 0, 2: 0, 4: 0, 8: 0, 16: 5}, 60)]
    for db, coll, cum, s in per_coll:
        sq += hist("milvus_proxy_sq_latency", {"node_id": node, "query_type": "search", "db_name": db, "collection_name": coll}, cum, s)
    out += family("milvus_proxy_sq_latency", "histogram", "latency of search or query successfully", sq)
    if not v26:
        # 2.4 and 2.5: the per-collection histogram without db_name; 2.6.6 adds db_name but, deprecated, observes nothing
        cs = []
        merged = {}
        for db, coll, cum, s in per_coll:
            acc = merged.setdefault(coll, [{}, 0])
            for le, c in cum.items():
                acc[0][le] = acc[0].get(le, 0) + c
            acc[1] += s
        for coll, (cum, s) in sorted(merged.items()):
            cs += hist("milvus_proxy_collection_sq_latency", {"node_id": node, "query_type": "search", "collection_name": coll}, cum, s)
        out += family("milvus_proxy_collection_sq_latency", "histogram", "latency of search or query successfully, per collection", cs)
    # query node segments and rows
    seg = []
    ent = []
    rows = [(DOCS, "default", "docs", "Sealed", "L1", 3, 30000), (DOCS, "default", "docs", "Sealed", "L0", 1, 0),
            (DOCS, "default", "docs", "Growing", "L1", 1, 1200), (IMAGES, "default", "images", "Sealed", "L1", 2, 8000),
            (SHOP_DOCS, "shop", "docs", "Growing", "L1", 1, 500)]
    for cid, db, coll, state, level, n, r in rows:
        if v24:
            part = str(int(cid) + 1)
            seg.append(f"milvus_querynode_segment_num{labels({'node_id': node, 'collection_id': cid, 'partition_id': part, 'segment_state': state, 'indexed_field_count': '1' if state == 'Sealed' else '0', 'segment_level': level})} {n}")
        else:
            seg.append(f"milvus_querynode_segment_num{labels({'node_id': node, 'collection_id': cid, 'segment_state': state, 'segment_level': level})} {n}")
    ent_rows = {}
    for cid, db, coll, state, level, n, r in rows:
        ent_rows[(cid, db, coll, state)] = ent_rows.get((cid, db, coll, state), 0) + r
    for (cid, db, coll, state), r in ent_rows.items():
        if v24:
            part = str(int(cid) + 1)
            ent.append(f"milvus_querynode_entity_num{labels({'db_name': db, 'node_id': node, 'collection_id': cid, 'partition_id': part, 'segment_state': state, 'indexed_field_count': '1' if state == 'Sealed' else '0'})} {r}")
        else:
            ent.append(f"milvus_querynode_entity_num{labels({'db_name': db, 'collection_name': coll, 'node_id': node, 'collection_id': cid, 'segment_state': state})} {r}")
    out += family("milvus_querynode_segment_num", "gauge", "number of segments loaded, clustered by its collection, partition, state and # of indexed fields", sorted(seg))
    out += family("milvus_querynode_entity_num", "gauge", "number of entities which can be searched/queried, clustered by collection, partition and state", sorted(ent))
    out += family("milvus_querynode_entity_size", "gauge", "entities' memory size, clustered by collection and state", sorted([
        f"milvus_querynode_entity_size{labels({'node_id': node, 'collection_id': DOCS, 'segment_state': 'Sealed'})} 61440000",
        f"milvus_querynode_entity_size{labels({'node_id': node, 'collection_id': DOCS, 'segment_state': 'Growing'})} 2457600"]))
    # data coordinator and index builds
    stored = [f"milvus_datacoord_stored_rows_num{labels({'db_name': 'default', 'collection_id': DOCS, 'collection_name': 'docs', 'segment_state': 'Flushed'})} 30000",
              f"milvus_datacoord_stored_rows_num{labels({'db_name': 'default', 'collection_id': IMAGES, 'collection_name': 'images', 'segment_state': 'Flushed'})} 8000"]
    out += family("milvus_datacoord_stored_rows_num", "gauge", "number of stored rows of healthy segment", sorted(stored))
    out += family("milvus_indexnode_index_task_count", "counter", "number of tasks that index node received",
                  sorted([f"milvus_indexnode_index_task_count{labels({'node_id': node, 'status': 'success'})} 4",
                          f"milvus_indexnode_index_task_count{labels({'node_id': node, 'status': 'fail'})} 1"]))
    out += family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", ["process_cpu_seconds_total 123.45"])
    out += family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", ["process_resident_memory_bytes 1.234567168e+09"])
    return out


def node(ident, name, typ, version, mem_used, deploy):
    return {"identifier": ident, "connected": None, "infos": {
        "has_error": False, "error_reason": "", "name": name,
        "hardware_infos": {"ip": "127.0.0.1:0", "cpu_core_count": 8, "cpu_core_usage": 12.5, "memory": 17179869184,
                           "memory_usage": mem_used, "disk": 104857600, "disk_usage": 2097152},
        "system_info": {"system_version": "", "deploy_mode": deploy, "build_version": version, "build_time": "",
                        "used_go_version": ""},
        "created_time": "", "updated_time": "", "type": typ, "id": ident}}


def system_info(version):
    if version == "2.6":
        # a cluster: one MixCoord (GetMetrics lists its rootcoord, querycoord and datacoord), two query nodes,
        # one streaming node (typed streamingnode as the 2.6 branch labels it since April 2026), one data node
        # (it builds the indexes: no IndexNode), one proxy
        nodes = [node(5, "querynode5", "querynode", "v2.6.6", 2147483648, "CLUSTER"),
                 node(6, "querynode6", "querynode", "v2.6.6", 1073741824, "CLUSTER"),
                 node(7, "streamingnode7", "streamingnode", "v2.6.6", 536870912, "CLUSTER"),
                 node(1, "querycoord1", "querycoord", "v2.6.6", 268435456, "CLUSTER"),
                 node(8, "datanode8", "datanode", "v2.6.6", 805306368, "CLUSTER"),
                 node(1, "datacoord1", "datacoord", "v2.6.6", 268435456, "CLUSTER"),
                 node(1, "rootcoord1", "rootcoord", "v2.6.6", 268435456, "CLUSTER"),
                 node(10, "proxy10", "proxy", "v2.6.6", 402653184, "CLUSTER")]
        provenance = ("built from pkg/util/metricsinfo and pkg/util/typeutil of milvus-io/milvus at pkg/v2.6.6 and the 2.6 "
                      "topology described in milvus-io/milvus#48618 and #48663, not captured from a server")
    else:
        tag = "v2.4.x" if version == "2.4" else "v2.5.x"
        nodes = [node(1, t + "1", t, tag, 805306368, "STANDALONE")
                 for t in ["querynode", "querycoord", "datanode", "indexnode", "datacoord", "rootcoord", "proxy"]]
        provenance = ("built in the 2.3.5 shape of system_info (the roles and fields of " + tag + " are those of 2.3), "
                      "not captured from a server")
    return {"_provenance": provenance, "nodes_info": nodes}


HEADERS = {
    "2.4": "# built from the Milvus 2.4 label shapes (db_name and collection_name on proxy series; partition_id, indexed_field_count and segment_level on query node series), not captured from a server",
    "2.5": "# built from the Milvus 2.5 label shapes (collection_name and db_name on entity_num, no partition_id), not captured from a server",
    "2.6": "# built from pkg/metrics of milvus-io/milvus at pkg/v2.6.6 (Go module github.com/milvus-io/milvus/pkg/v2@v2.6.6), not captured from a server",
}

if __name__ == "__main__":
    for v in ["2.4", "2.5", "2.6"]:
        with open(f"metrics-v{v}-built.txt", "w") as f:
            f.write(HEADERS[v] + "\n" + "\n".join(metrics(v)) + "\n")
        with open(f"getmetrics-system-info-v{v}-built.json", "w") as f:
            json.dump(system_info(v), f, indent=1)
            f.write("\n")
