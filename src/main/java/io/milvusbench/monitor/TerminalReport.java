package io.milvusbench.monitor;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one-shot report as readable tables, one block per component, then alerts, advice and errors. */
public final class TerminalReport {
    private final PrintStream out;
    private final String rules;
    /** Standalone: one process serves every node, per-node CPU is meaningless and per-node memory is GetMetrics' figure. */
    private boolean standalone;

    public TerminalReport(PrintStream out) {
        this(out, null);
    }

    /** @param rules the rules file the alerts came from, named in the report's header (null: not said) */
    public TerminalReport(PrintStream out, String rules) {
        this.out = out;
        this.rules = rules;
    }

    public void print(Snapshot s) {
        out.printf("milvus-bench monitor  %s  at %s  status %s  (%.1f s)%n", s.target(), s.at(), s.status(), s.durationSeconds());
        if (s.serverVersion() != null) {
            out.println("server version " + s.serverVersion());
        }
        if (rules != null) {
            out.println("alert rules " + rules);
        }
        if (s.liveness() != null) {
            out.printf(Locale.ROOT, "liveness %s: /healthz %s ms, client open %s ms (deadline %d ms)%n", s.status(),
                    fmt1(s.liveness().healthMs()), fmt1(s.liveness().connectMs()), s.liveness().deadlineMs());
        }
        standalone = s.process() != null && s.process().standalone();
        if (s.process() != null) {
            process(s.process());
        }
        if (s.cluster() != null) {
            cluster(s.cluster());
        }
        if (s.topology() != null) {
            topology(s.topology());
        }
        if (s.proxy() != null) {
            proxy(s.proxy());
        }
        if (s.queryNode() != null) {
            queryNode(s.queryNode());
        }
        if (s.dataNode() != null) {
            dataNode(s.dataNode());
        }
        if (s.indexNode() != null) {
            indexNode(s.indexNode(), s.topology());
        }
        if (s.host() != null) {
            host(s.host());
        }
        findings(s);
    }

    private void proxy(ProxySection p) {
        out.println();
        out.println("PROXY  (client-side probe latency, closed loop)");
        TextTable t = new TextTable("probe", "calls", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        latencyRow(t, "connect (open+close client)", p.connect());
        latencyRow(t, "search " + nz(p.probedCollection()), p.search());
        latencyRow(t, "query " + nz(p.probedCollection()), p.query());
        t.print(out, "  ");
        if (p.probeNote() != null) {
            out.println("  " + p.probeNote());
        }
        traffic(p.traffic(), "interval".equals(p.traffic() == null ? null : p.traffic().window())
                ? String.format(Locale.ROOT, "between snapshots, the monitor idle (%.0f s)", p.traffic().intervalSeconds())
                : "since server start, before this snapshot");
        traffic(p.probeTraffic(), String.format(Locale.ROOT, "during this snapshot: the monitor's own probe requests (%.1f s)",
                p.probeTraffic() == null || p.probeTraffic().intervalSeconds() == null ? 0.0 : p.probeTraffic().intervalSeconds()));
        nodes(p.nodes());
    }

    private void traffic(ServerTraffic.Figures f, String window) {
        if (f == null || f.requests().isEmpty() && f.latencies().isEmpty()) {
            return;
        }
        out.println("  server-side, " + window + " (milvus_proxy_req_count / _req_latency / _sq_latency):");
        TextTable r = new TextTable("method", "requests", "failed", "per s");
        f.requests().forEach(c -> r.row(c.function(), fmt0(c.total()), fmt0(c.failed()), c.perSecond() == null ? null : fmt1(c.perSecond())));
        if (!r.isEmpty()) {
            r.print(out, "    ");
        }
        if (f.byCollection() != null && !f.byCollection().isEmpty()) {
            out.println("    by collection (req_count's db_name / collection_name labels):");
            TextTable c = new TextTable("db", "collection", "method", "requests", "failed");
            f.byCollection().forEach(x -> c.row(x.db(), x.collection(), x.function(), fmt0(x.total()), fmt0(x.failed())));
            c.print(out, "      ");
        }
        TextTable l = new TextTable("metric", "method", "count", "mean ms", "p50 ms", "p95 ms", "p99 ms");
        f.latencies().forEach(x -> l.row(x.metric().replace("milvus_proxy_", ""), x.function(), x.count(), fmt2(x.meanMs()),
                x.text("p50", x.p50Ms()), x.text("p95", x.p95Ms()), x.text("p99", x.p99Ms())));
        if (!l.isEmpty()) {
            l.print(out, "    ");
        }
    }

    private void cluster(ClusterSection c) {
        out.println();
        out.println("CLUSTER PROCESSES  (each process's own /metrics beside /proc/<pid>, read at the same moment)");
        TextTable t = new TextTable("process", "role", "pid", "node id", "up", "RSS MiB (/metrics)", "VmRSS MiB (/proc)", "diff %", "cpu cores", "cpu window");
        for (ClusterSection.ProcessFigures p : c.processes()) {
            t.row(p.name(), p.role(), p.pid() == null ? "-" : p.pid().toString(), p.nodeId() == null ? "-" : p.nodeId().toString(),
                    p.up() ? "yes" : "NO", mib(p.rssBytes()),
                    mib(p.procVmRssBytes()), fmt2(p.rssDifferencePercent()), fmt3(p.cpuCores()),
                    p.cpuWindow() == null ? "-" : p.cpuWindow() + (p.cpuSource() == null ? "" : ", " + p.cpuSource()));
        }
        if (!t.isEmpty()) {
            t.print(out, "  ");
        }
        if (c.nodesByType() != null) {
            out.println("  GetMetrics nodes by type: " + c.nodesByType() + (c.expectedByType() == null ? "" : "  (most seen: " + c.expectedByType() + ")"));
        }
        c.missing().forEach(m -> out.println("  MISSING " + m));
    }

    private void topology(TopologySection t) {
        out.println();
        out.println("ROLES  (GetMetrics system_info): " + t.summary());
        t.notes().forEach(n -> out.println("  " + n));
        List<NodeInfo> shown = t.others() == null ? List.of() : t.others().stream()
                .filter(n -> !n.type().equals("rootcoord") && !n.type().equals("querycoord") && !n.type().equals("datacoord")).toList();
        nodes(shown);
    }

    private void process(ServerProcess p) {
        out.println();
        out.println("MILVUS PROCESS" + (p.deployMode() == null ? "" : "  (" + p.deployMode().toLowerCase(Locale.ROOT)
                + (p.standalone() ? ": every component is this one process" : "") + ")"));
        if (p.rssBytes() != null) {
            out.printf(Locale.ROOT, "  resident memory  %s MiB  (process_resident_memory_bytes, %s)%n", mib(p.rssBytes()), p.metricsSource());
        }
        if (p.procVmRssBytes() != null) {
            out.printf(Locale.ROOT, "  resident memory  %s MiB  (/proc/%d/status VmRSS)%n", mib(p.procVmRssBytes()), p.procPid());
        }
        if (p.memoryTotalBytes() != null && p.memoryPercent() != null) {
            out.printf(Locale.ROOT, "  memory use       %s%% of %s MiB the server sees (GetMetrics memory); the figure memory alerts judge%n",
                    fmt2(p.memoryPercent()), mib(p.memoryTotalBytes()));
        }
        if (p.reportedMemoryUsedBytes() != null) {
            out.printf(Locale.ROOT, "  reported         %s MiB  (GetMetrics memory_usage: not the process's resident memory; shown, not alerted on)%n",
                    mib(p.reportedMemoryUsedBytes()));
        }
        if (p.cpuCores() != null) {
            out.printf(Locale.ROOT, "  cpu              %s cores  (process_cpu_seconds_total, %s, %.0f s)%n", fmt3(p.cpuCores()), p.cpuWindow(),
                    p.cpuWindowSeconds());
        }
        if (p.note() != null) {
            out.println("  " + p.note());
        }
    }

    private void queryNode(QueryNodeSection q) {
        out.println();
        out.println("QUERYNODE");
        nodes(q.nodes());
        TextTable seg = new TextTable("collection", "segment", "nodes", "state", "rows", "index");
        q.segments().forEach(s -> seg.row(s.collection(), s.segmentId(), s.nodeIds(), s.state(), fmt0(s.rows()), s.indexName().isEmpty() ? "(none)" : s.indexName()));
        if (seg.isEmpty()) {
            out.println("  no sealed segments loaded in the inspected collections (GetQuerySegmentInfo)");
        } else {
            out.println("  sealed segments (GetQuerySegmentInfo; Milvus 2.3 lists no Growing ones here):");
            seg.print(out, "  ");
            TextTable d = new TextTable("node", "segments", "rows");
            q.distribution().forEach(n -> d.row(n.nodeId(), n.segments(), fmt0(n.rows())));
            d.print(out, "  ");
        }
        if (q.segmentsFromMetrics() != null && !q.segmentsFromMetrics().isEmpty()) {
            out.println("  segments by state (the query node's own milvus_querynode_segment_num / _entity_num; Growing = unflushed, searched without index):");
            TextTable m = new TextTable("collection", "collection id", "state", "segments", "rows");
            q.segmentsFromMetrics().forEach(x -> m.row(x.collection() == null ? "(not inspected)" : x.collection(), x.collectionId(), x.state(),
                    x.segments(), fmt0(x.rows())));
            m.print(out, "    ");
        }
        metricsLine(q.metrics());
    }

    private void dataNode(DataNodeSection d) {
        out.println();
        out.println("DATANODE");
        nodes(d.nodes());
        TextTable t = new TextTable("collection", "loaded", "rows (count(*))", "flushed rows", "data MiB", "segments", "by state", "small");
        d.collections().forEach(c -> t.row(c.name(), c.loaded() == null ? null : c.loaded() ? "yes" : "no",
                c.exactRows() == null ? null : fmt0(c.exactRows()), fmt0(c.rows()), c.binlogBytes() == null ? null : fmt2(c.binlogBytes() / 1048576.0),
                c.segmentsByState() == null ? null : c.segments(), c.segmentsByState(), c.segmentsByState() == null ? null : c.smallSegments()));
        if (!d.collections().isEmpty()) {
            out.println("  rows: count(*) at Strong consistency (unflushed rows included, deleted rows excluded; loaded collections only, "
                    + "off with --no-exact-rows); flushed rows: GetCollectionStatistics (persisted rows; lags unflushed inserts and deletes)");
        }
        if (!t.isEmpty()) {
            t.print(out, "  ");
        }
        TextTable p = new TextTable("collection", "partition", "rows (count(*))");
        d.collections().forEach(c -> c.partitionRows().forEach((name, rows) -> p.row(c.name(), name, fmt0(rows))));
        if (!p.isEmpty()) {
            out.println("  rows per partition (count(*) of each, collections with 2 to " + DataNodeProbe.MAX_PARTITIONS_COUNTED + " partitions):");
            p.print(out, "  ");
        }
        out.println("  segments by state (all inspected): " + d.segmentsByState());
        WriteProbeResult w = d.writeProbe();
        if (w != null) {
            out.printf(Locale.ROOT, "  write probe %s: %d rows x %d dims: insert %s s + flush %s s = %s rows/s with flush (judged), "
                            + "%s rows/s insert alone; segments before flush %s%s%n",
                    w.collection(), w.rows(), w.dim(), fmt3(w.insertSeconds()), fmt3(w.flushSeconds()), fmt1(w.insertFlushRowsPerSecond()),
                    fmt1(w.insertRowsPerSecond()), w.segmentsBeforeFlush(), w.dropped() ? ", dropped" : ", NOT dropped");
        }
        metricsLine(d.metrics());
    }

    private void indexNode(IndexNodeSection ix, TopologySection topology) {
        out.println();
        out.println("INDEXNODE");
        nodes(ix.nodes());
        if (ix.nodes().isEmpty() && topology != null) {
            topology.notes().stream().filter(n -> n.startsWith("no IndexNode")).forEach(n -> out.println("  " + n));
        }
        TextTable t = new TextTable("collection", "field", "index", "type", "metric", "params", "indexed", "total", "pending", "state");
        ix.indexes().forEach(i -> t.row(i.collection(), i.field(), i.indexName(), i.type(), i.metric(), i.params(), fmt0(i.indexedRows()),
                fmt0(i.allRows()), fmt0(i.allPendingRows()), i.state() + (i.failureReason().isEmpty() ? "" : " (" + i.failureReason() + ")")));
        if (t.isEmpty()) {
            out.println("  no indexes in the inspected collections");
        } else {
            out.println("  total and pending include unflushed rows (count(*) beyond DescribeIndex's flushed rows; searched without index until sealed)");
            t.print(out, "  ");
        }
        WriteProbeResult w = ix.buildProbe();
        if (w != null && w.buildSeconds() != null) {
            out.printf(Locale.ROOT, "  build probe: %s on %d rows x %d dims %s %s s (%s rows/s), load %s s%n", w.indexType(), w.rows(),
                    w.dim(), Boolean.FALSE.equals(w.buildFinished()) ? "NOT finished after" : "in", fmt3(w.buildSeconds()),
                    fmt1(w.buildRowsPerSecond()), fmt3(w.loadSeconds()));
        }
        metricsLine(ix.metrics());
    }

    private void host(HostSection h) {
        out.println();
        out.println("HOST  (" + h.source() + ")");
        if ("none".equals(h.source())) {
            out.println("  " + h.note());
            return;
        }
        out.printf(Locale.ROOT, "  cpu %s%% of %s cores, memory %s / %s GiB (%s%%)%n", fmt1(h.cpuPercent()), h.cpuCores(),
                gib(h.memoryUsedBytes()), gib(h.memoryTotalBytes()), fmt1(h.memoryPercent()));
        if (h.diskTotalBytes() != null) {
            out.printf(Locale.ROOT, "  disk %s: %s%% used (df's Use%%: used / (used + available)), %s GiB available, %s GiB used, %s GiB size%n",
                    h.diskPath(), fmt1(h.diskPercent()), gib(h.diskAvailableBytes()), gib(h.diskUsedBytes()), gib(h.diskTotalBytes()));
        }
        if (h.processPid() != null) {
            out.printf(Locale.ROOT, "  milvus process %d (OSHI): rss %s MiB, cpu %s cores%n", h.processPid(),
                    h.processRssBytes() == null ? "-" : fmt1(h.processRssBytes() / 1048576.0), h.processCpuCores() == null ? "-" : fmt2(h.processCpuCores()));
        }
        if (h.blockReadBytes() != null) {
            out.printf(Locale.ROOT, "  block I/O read %s MiB, written %s MiB%n", fmt1(h.blockReadBytes() / 1048576.0), fmt1(h.blockWriteBytes() / 1048576.0));
        }
        if (h.note() != null) {
            out.println("  " + h.note());
        }
    }

    private void findings(Snapshot s) {
        out.println();
        List<Alert> alerts = s.alerts() == null ? List.of() : s.alerts();
        out.println("ALERTS  " + (alerts.isEmpty() ? "none" : ""));
        alerts.forEach(a -> out.println("  [" + a.severity().toUpperCase(Locale.ROOT) + "] " + a.message()));
        List<Recommendation> recs = s.recommendations() == null ? List.of() : s.recommendations();
        out.println("RECOMMENDATIONS  " + (recs.isEmpty() ? "none" : ""));
        recs.forEach(r -> out.println("  " + r.component() + ": " + r.advice() + "  [because " + r.evidence() + "]"));
        if (s.errors() != null && !s.errors().isEmpty()) {
            out.println("PROBE ERRORS  " + s.errors().size());
            s.errors().forEach(e -> out.println("  " + e.section() + " / " + e.probe() + ": " + e.message()));
        }
        if (s.outage() != null) {
            out.printf(Locale.ROOT, "OUTAGE  %.1f s from the last good probe (%s) to the first good one (%s); at least %s s "
                            + "(first failed snapshot %s); %d snapshot(s) missed: %s%n", s.outage().seconds(), s.outage().lastUp(),
                    s.outage().backUp(), fmt1(s.outage().minSeconds()), s.outage().firstDown(), s.outage().missedSnapshots(), s.outage().reason());
        }
    }

    private void nodes(List<NodeInfo> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return;
        }
        TextTable t = new TextTable("node", "id", "memory used MiB (GetMetrics)", "of MiB", "mem %", "cpu %", "cores", "version");
        nodes.forEach(n -> t.row(n.name(), n.id(), fmt0(n.memoryUsedBytes() / 1048576.0), fmt0(n.memoryBytes() / 1048576.0),
                fmt1(n.memoryPercent()), standalone ? "(process)" : fmt1(n.cpuUsage()), n.cpuCores(), n.buildVersion()));
        t.print(out, "  ");
    }

    private void metricsLine(Map<String, Double> metrics) {
        if (metrics != null && !metrics.isEmpty()) {
            out.println("  server metrics: " + metrics.size() + " series (see the JSON snapshot)");
        }
    }

    private static void latencyRow(TextTable t, String name, LatencySummary l) {
        if (l == null) {
            t.row(name, null, null, null, null, null, null);
        } else {
            t.row(name, l.count(), l.errors(), fmt2(l.p50Ms()), fmt2(l.p95Ms()), fmt2(l.p99Ms()), fmt2(l.maxMs()));
        }
    }

    private static String nz(String s) {
        return s == null ? "(no collection)" : s;
    }

    private static String mib(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
    }

    private static String gib(Long bytes) {
        return bytes == null ? "-" : fmt1(bytes / 1073741824.0);
    }

    private static String fmt0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt1(Double v) {
        return v == null || v.isNaN() ? null : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt2(Double v) {
        return v == null || v.isNaN() ? null : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt3(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
