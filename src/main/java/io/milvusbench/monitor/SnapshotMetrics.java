package io.milvusbench.monitor;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a snapshot into {@code metrics.jsonl} lines the gate can judge (see docs/monitor.md for the
 * series names): memory and CPU per node, probe latencies and errors, write-probe rates, segment
 * and index figures, host figures, outages. Only figures that were measured become lines.
 */
public final class SnapshotMetrics {
    private static final Map<String, String> COMPONENT_OF_TYPE = Map.of(
            "proxy", "Proxy", "querynode", "QueryNode", "datanode", "DataNode", "indexnode", "IndexNode", "streamingnode", "StreamingNode");

    private final List<ScalarMetric> out = new ArrayList<>();

    private SnapshotMetrics() {
    }

    public static List<ScalarMetric> of(Snapshot s) {
        SnapshotMetrics m = new SnapshotMetrics();
        m.collect(s);
        return List.copyOf(m.out);
    }

    /** Component name the gate uses for a GetMetrics node type, or null for coordinators. */
    public static String componentOf(String nodeType) {
        return COMPONENT_OF_TYPE.get(nodeType);
    }

    private void collect(Snapshot s) {
        add(SeriesId.of("monitor_up"), "Proxy", "up", s.up() ? 1 : 0, "bool");
        add(SeriesId.of("monitor_up"), "Proxy", "degraded", s.degraded() ? 1 : 0, "bool");
        if (s.liveness() != null && s.up()) {
            add(SeriesId.of("monitor_liveness"), "Proxy", "liveness_ms", s.liveness().totalMs(), "ms");
        }
        standalone = s.process() != null && s.process().standalone() && s.process().memoryPercent() != null;
        if (s.process() != null) {
            process(s.process());
        }
        if (s.cluster() != null) {
            cluster(s.cluster());
        }
        if (s.outage() != null) {
            add(SeriesId.of("monitor_outage"), "Proxy", "outage_seconds", s.outage().seconds(), "s");
        }
        if (s.errors() != null) {
            add(SeriesId.of("monitor_probe"), "Client", "errors", s.errors().size(), "count");
        }
        if (s.proxy() != null) {
            latency(SeriesId.of("monitor_connect"), s.proxy().connect());
            String c = s.proxy().probedCollection();
            if (c != null) {
                latency(SeriesId.of("monitor_search", "collection", safe(c)), s.proxy().search());
                latency(SeriesId.of("monitor_query", "collection", safe(c)), s.proxy().query());
            }
            nodes(s.proxy().nodes());
            if (s.proxy().traffic() != null) {
                for (ServerTraffic.ServerLatency l : s.proxy().traffic().latencies()) {
                    SeriesId id = SeriesId.of("proxy_latency", "metric", l.metric(), "function", safe(l.function()));
                    add(id, "Proxy", "requests", l.count(), "count");
                    put(id, "Proxy", "p95", l.p95Ms(), "ms");
                    put(id, "Proxy", "mean", l.meanMs(), "ms");
                }
            }
        }
        if (s.queryNode() != null) {
            nodes(s.queryNode().nodes());
            for (QueryNodeSection.NodeShare share : s.queryNode().distribution()) {
                SeriesId id = SeriesId.of("querynode_segments", "node", share.nodeId());
                add(id, "QueryNode", "segments", share.segments(), "count");
                add(id, "QueryNode", "rows", share.rows(), "rows");
            }
        }
        if (s.dataNode() != null) {
            nodes(s.dataNode().nodes());
            for (DataNodeSection.CollectionData c : s.dataNode().collections()) {
                SeriesId id = SeriesId.of("collection", "name", safe(c.name()));
                add(id, "DataNode", "rows", c.rows(), "rows");
                put(id, "DataNode", "data_bytes", c.binlogBytes() == null ? null : c.binlogBytes().doubleValue(), "bytes");
                if (c.segmentsByState() != null) {   // null: the server has no segment information (Milvus Lite)
                    add(id, "DataNode", "segments", c.segments(), "count");
                    add(id, "DataNode", "small_segments", c.smallSegments(), "count");
                }
                if (c.exactRows() != null) {
                    add(id, "DataNode", "exact_rows", c.exactRows(), "rows");
                }
                c.partitionRows().forEach((partition, rows) -> add(SeriesId.of("partition", "collection", safe(c.name()),
                        "name", safe(partition)), "DataNode", "exact_rows", rows, "rows"));
                if (s.queryNode() != null && s.queryNode().segmentsFromMetrics() != null) {
                    add(id, "DataNode", "growing_rows", s.queryNode().growingRows(c.name()), "rows");
                }
            }
            s.dataNode().segmentsByState().forEach((state, n) ->
                    add(SeriesId.of("segments", "state", safe(state)), "DataNode", "segments", n, "count"));
            WriteProbeResult w = s.dataNode().writeProbe();
            if (w != null) {
                SeriesId insert = SeriesId.of("monitor_insert", "rows", w.rows(), "dim", w.dim());
                // rows/s counts the flush, as the tutorial's insert throughput does: the figure the rules judge
                put(insert, "DataNode", "rows/s", w.insertFlushRowsPerSecond(), "rows/s");
                put(insert, "DataNode", "insert_only_rows/s", w.insertRowsPerSecond(), "rows/s");
                put(insert, "DataNode", "flush_seconds", w.flushSeconds(), "s");
                SeriesId build = SeriesId.of("monitor_index_build", "index", w.indexType(), "rows", w.rows(), "dim", w.dim());
                put(build, "IndexNode", "build_seconds", w.buildSeconds(), "s");
                put(build, "IndexNode", "rows/s", w.buildRowsPerSecond(), "rows/s");
            }
        }
        if (s.indexNode() != null) {
            nodes(s.indexNode().nodes());
            for (IndexNodeSection.IndexState i : s.indexNode().indexes()) {
                SeriesId id = SeriesId.of("index", "collection", safe(i.collection()), "field", safe(i.field()));
                add(id, "IndexNode", "pending_rows", i.pendingRows(), "rows");
                add(id, "IndexNode", "unflushed_rows", i.unflushedRows(), "rows");
                add(id, "IndexNode", "indexed_rows", i.indexedRows(), "rows");
            }
        }
        if (s.topology() != null && s.topology().others() != null) {
            // StreamingNode (2.6) by its own name; coordinators and unknown roles have no component and are skipped
            nodes(s.topology().others());
        }
        if (s.host() != null && !"none".equals(s.host().source())) {
            SeriesId host = SeriesId.of("host", "source", s.host().source());
            put(host, "Host", "cpu_percent", s.host().cpuPercent(), "percent");
            put(host, "Host", "memory_percent", s.host().memoryPercent(), "percent");
            put(host, "Host", "disk_percent", s.host().diskPercent(), "percent");
            put(host, "Host", "disk_available_bytes", s.host().diskAvailableBytes() == null ? null : s.host().diskAvailableBytes().doubleValue(), "bytes");
        }
    }

    private final Map<String, Boolean> seenNodes = new LinkedHashMap<>();
    /** Standalone with a known process RSS: node series carry GetMetrics' figures as reported_*, the process series the real ones. */
    private boolean standalone;

    private void process(ServerProcess p) {
        SeriesId id = SeriesId.of("milvus_process", "mode", p.standalone() ? "standalone" : "cluster");
        // in standalone every component is this process: its memory is the QueryNode's (and everyone's) memory
        String component = p.standalone() ? "QueryNode" : "Proxy";
        if (p.standalone() || p.deployMode() == null) {
            put(id, component, "memory_percent", p.memoryPercent(), "percent");
        }
        put(id, component, "rss_bytes", p.rssBytes() == null ? null : p.rssBytes().doubleValue(), "bytes");
        put(id, component, "proc_vmrss_bytes", p.procVmRssBytes() == null ? null : p.procVmRssBytes().doubleValue(), "bytes");
        put(id, component, "cpu_cores", p.cpuCores(), "cores");
    }

    private void nodes(List<NodeInfo> nodes) {
        if (nodes == null) {
            return;
        }
        for (NodeInfo n : nodes) {
            String component = componentOf(n.type());
            if (component == null || seenNodes.put(n.name(), true) != null) {
                continue;
            }
            SeriesId id = SeriesId.of("node", "name", safe(n.name()));
            double mem = n.memoryPercent();
            if (standalone) {
                // one process for every node: GetMetrics' per-node figures are labelled as reported, never alerted on,
                // and per-node CPU (100 / 0 / 100 / 0 for one process) is left out: see milvus_process
                if (!Double.isNaN(mem)) {
                    add(id, component, "reported_memory_percent", Math.round(mem * 100) / 100.0, "percent");
                }
                add(id, component, "reported_memory_used_bytes", n.memoryUsedBytes(), "bytes");
                continue;
            }
            if (!Double.isNaN(mem)) {
                add(id, component, "memory_percent", Math.round(mem * 100) / 100.0, "percent");
            }
            add(id, component, "memory_used_bytes", n.memoryUsedBytes(), "bytes");
            add(id, component, "cpu_percent", n.cpuUsage(), "percent");
        }
    }

    private void latency(SeriesId id, LatencySummary l) {
        if (l == null || l.count() == 0 && l.errors() == 0) {
            return;
        }
        add(id, "Proxy", "requests", l.count() + l.errors(), "count");
        add(id, "Proxy", "errors", l.errors(), "count");
        put(id, "Proxy", "p50", l.p50Ms(), "ms");
        put(id, "Proxy", "p95", l.p95Ms(), "ms");
        put(id, "Proxy", "p99", l.p99Ms(), "ms");
    }

    private static String safe(String value) {
        String cleaned = value == null ? "" : value.replaceAll("[^A-Za-z0-9_.:@/+-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }

    /** Per process: {@code component[name=querynode1]} up, rss_bytes, proc_vmrss_bytes, cpu_cores; per node type: present and expected. */
    private void cluster(ClusterSection c) {
        for (ClusterSection.ProcessFigures p : c.processes()) {
            SeriesId id = SeriesId.of("component", "name", safe(p.name()));
            String component = componentOf(p.role()) == null ? "Cluster" : componentOf(p.role());
            add(id, component, "up", p.up() ? 1 : 0, "bool");
            put(id, component, "rss_bytes", p.rssBytes() == null ? null : p.rssBytes().doubleValue(), "bytes");
            put(id, component, "proc_vmrss_bytes", p.procVmRssBytes() == null ? null : p.procVmRssBytes().doubleValue(), "bytes");
            put(id, component, "cpu_cores", p.cpuCores(), "cores");
        }
        if (c.expectedByType() != null) {
            for (Map.Entry<String, Integer> e : c.expectedByType().entrySet()) {
                SeriesId id = SeriesId.of("cluster_nodes", "type", safe(e.getKey()));
                add(id, "Cluster", "present", c.nodesByType() == null ? 0 : c.nodesByType().getOrDefault(e.getKey(), 0), "count");
                add(id, "Cluster", "expected", e.getValue(), "count");
            }
        }
        add(SeriesId.of("cluster_nodes"), "Cluster", "missing", c.missing().size(), "count");
    }

    private void put(SeriesId id, String component, String statistic, Double value, String unit) {
        if (value != null && !value.isNaN()) {
            add(id, component, statistic, value, unit);
        }
    }

    private void add(SeriesId id, String component, String statistic, double value, String unit) {
        out.add(ScalarMetric.of(id, component, statistic, value, unit));
    }
}
