package io.milvusbench.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recommendations from what a snapshot measured. Each one quotes its evidence. The rules are
 * deliberately few and plain: slow searches, memory pressure, many small or growing segments,
 * index builds behind or failed, segments searched without their index, probe failures.
 */
public final class Advisor {
    /** More sealed/flushed segments below the small-segment size than this is "many". */
    static final int MANY_SMALL_SEGMENTS = 8;
    /** Growing (unflushed) rows above this are worth a flush. */
    static final long GROWING_ROWS = 100_000;
    /**
     * Milvus 2.3 builds no index for a segment under this many rows
     * ({@code indexCoord.segment.minSegmentNumRowsToEnableIndex}, default 1024): such a segment is searched
     * by brute force even when the collection's index is Finished, and that is by design.
     */
    static final long BUILD_MINIMUM_ROWS = 1024;

    private final MonitorSettings settings;

    public Advisor(MonitorSettings settings) {
        this.settings = settings;
    }

    public List<Recommendation> recommend(Snapshot s) {
        List<Recommendation> out = new ArrayList<>();
        if (!s.up()) {
            return out;
        }
        latency(s, out);
        memory(s, out);
        loadState(s, out);
        segments(s, out);
        indexes(s, out);
        if (s.errors() != null && !s.errors().isEmpty()) {
            ProbeError first = s.errors().get(0);
            out.add(new Recommendation(first.section(), s.errors().size() + " probe error(s), first: " + first.probe() + ": "
                    + first.message(), "check the server log and the client's deadlines before trusting the other figures"));
        }
        return out;
    }

    private void latency(Snapshot s, List<Recommendation> out) {
        if (s.proxy() == null) {
            return;
        }
        LatencySummary search = s.proxy().search();
        if (search != null && search.p95Ms() != null && search.p95Ms() > settings.latencyTargetMs()) {
            out.add(new Recommendation("QueryNode", f("search p95 %.1f ms on %s > target %.0f ms", search.p95Ms(),
                    s.proxy().probedCollection(), settings.latencyTargetMs()),
                    "lower the search knob (nprobe / ef), switch to HNSW, or add QueryNode replicas"));
        }
        LatencySummary connect = s.proxy().connect();
        if (connect != null && connect.p95Ms() != null && connect.p95Ms() > settings.latencyTargetMs()) {
            out.add(new Recommendation("Proxy", f("connect p95 %.1f ms > target %.0f ms", connect.p95Ms(), settings.latencyTargetMs()),
                    "keep clients open and reuse them; check the network path and TLS handshake to the proxy"));
        }
    }

    private void memory(Snapshot s, List<Recommendation> out) {
        ServerProcess p = s.process();
        if (p != null && p.memoryPercent() != null && (p.standalone() || p.deployMode() == null)) {
            if (p.memoryPercent() >= settings.memoryWarning()) {
                out.add(new Recommendation("QueryNode", f("Milvus process resident memory %.1f%% (%,.0f MiB of %,.0f MiB) >= %.0f%%",
                        p.memoryPercent(), p.rssBytes() / 1048576.0, p.memoryTotalBytes() / 1048576.0, settings.memoryWarning()),
                        "release collections not being searched, or use a smaller index (IVF_SQ8, IVF_PQ, DISKANN), or add memory or QueryNodes"));
            }
            hostMemory(s, out);
            return;
        }
        List<NodeInfo> nodes = new ArrayList<>();
        if (s.queryNode() != null) {
            nodes.addAll(s.queryNode().nodes());
        }
        if (s.topology() != null && s.topology().others() != null) {
            // Milvus 2.6: a StreamingNode holds the growing data a QueryNode held before
            s.topology().others().stream().filter(n -> n.type().equals("streamingnode")).forEach(nodes::add);
        }
        for (NodeInfo n : nodes) {
            double pct = n.memoryPercent();
            if (!Double.isNaN(pct) && pct >= settings.memoryWarning()) {
                out.add(new Recommendation(NodeRoles.displayName(n.type()), f("%s memory %.1f%% (GetMetrics) >= %.0f%%", n.name(), pct, settings.memoryWarning()),
                        "release collections not being searched, or use a smaller index (IVF_SQ8, IVF_PQ, DISKANN), or add memory or QueryNodes"));
            }
        }
        hostMemory(s, out);
    }

    private void loadState(Snapshot s, List<Recommendation> out) {
        if (s.dataNode() == null) {
            return;
        }
        for (DataNodeSection.CollectionData c : s.dataNode().collections()) {
            if (Boolean.FALSE.equals(c.loaded())) {
                out.add(new Recommendation("QueryNode", f("collection %s is not loaded (GetLoadState), %,d rows", c.name(), c.rows()),
                        "search and query on it fail until it is loaded: load it if it should serve queries; left released it costs no "
                                + "QueryNode memory (the monitor never loads it)"));
            }
        }
    }

    private void hostMemory(Snapshot s, List<Recommendation> out) {
        if (s.host() != null && s.host().memoryPercent() != null && s.host().memoryPercent() >= settings.memoryWarning()) {
            out.add(new Recommendation("Host", f("host memory %.1f%% (%s) >= %.0f%%", s.host().memoryPercent(), s.host().source(),
                    settings.memoryWarning()), "give the Milvus host or container more memory, or load fewer collections"));
        }
    }

    private void segments(Snapshot s, List<Recommendation> out) {
        if (s.dataNode() == null) {
            return;
        }
        for (DataNodeSection.CollectionData c : s.dataNode().collections()) {
            if (c.smallSegments() > MANY_SMALL_SEGMENTS) {
                out.add(new Recommendation("DataNode", f("%s has %d sealed/flushed segments under %,d rows", c.name(),
                        c.smallSegments(), DataNodeProbe.SMALL_SEGMENT_ROWS),
                        "flush less often (let segments fill) and let compaction merge them; search cost grows with segment count"));
            }
        }
        if (s.queryNode() != null) {
            long growing = s.queryNode().segmentsFromMetrics() == null ? 0 : s.queryNode().segmentsFromMetrics().stream()
                    .filter(g -> "Growing".equalsIgnoreCase(g.state())).mapToLong(QueryNodeSection.StateRows::rows).sum();
            if (growing > GROWING_ROWS) {
                out.add(new Recommendation("DataNode", f("%,d rows in growing segments (milvus_querynode_entity_num)", growing),
                        "flush after bulk inserts: growing segments are searched without index"));
            }
            List<IndexNodeSection.IndexState> indexes = s.indexNode() == null ? List.of() : s.indexNode().indexes();
            s.queryNode().segments().stream()
                    .filter(g -> !"Growing".equalsIgnoreCase(g.state()) && g.indexName().isEmpty() && g.rows() > 0)
                    .findFirst()
                    .ifPresent(g -> out.add(unindexed(g, indexes)));
        }
    }

    private void indexes(Snapshot s, List<Recommendation> out) {
        if (s.indexNode() == null) {
            return;
        }
        for (IndexNodeSection.IndexState i : s.indexNode().indexes()) {
            if ("Failed".equalsIgnoreCase(i.state())) {
                out.add(new Recommendation("IndexNode", f("index %s on %s failed: %s", i.indexName(), i.collection(), i.failureReason()),
                        "fix the cause named by the server, drop and create the index again"));
            } else if (i.pendingRows() > 0) {
                out.add(new Recommendation("IndexNode", f("index %s on %s: %,d rows pending (%,d of %,d indexed)", i.indexName(),
                        i.collection(), i.pendingRows(), i.indexedRows(), i.totalRows()),
                        "wait for the build before measuring search, or add IndexNode capacity"));
            }
        }
    }

    /** Advice for a loaded sealed segment searched without index, by why it has none. */
    private static Recommendation unindexed(QueryNodeSection.Segment g, List<IndexNodeSection.IndexState> indexes) {
        IndexNodeSection.IndexState index = indexes.stream().filter(i -> i.collection().equals(g.collection())).findFirst().orElse(null);
        if (g.rows() < BUILD_MINIMUM_ROWS) {
            return new Recommendation("QueryNode", f("segment %d of %s has %,d rows, below Milvus' index-build minimum of %,d rows "
                            + "(indexCoord.segment.minSegmentNumRowsToEnableIndex)%s", g.segmentId(), g.collection(), g.rows(), BUILD_MINIMUM_ROWS,
                    index == null ? "" : "; the collection's index " + index.indexName() + " is " + index.state()),
                    "nothing to fix: Milvus searches segments this small by brute force; they get an index when compaction merges them "
                            + "into bigger ones (insert in larger batches to avoid them)");
        }
        if (index == null) {
            return new Recommendation("QueryNode", f("segment %d of %s (%,d rows) is loaded and the collection has no index",
                    g.segmentId(), g.collection(), g.rows()), "build an index on the vector field, then release and load again");
        }
        return new Recommendation("QueryNode", f("segment %d of %s (%,d rows) is loaded without index %s (state %s, %,d of %,d rows indexed)",
                g.segmentId(), g.collection(), g.rows(), index.indexName(), index.state(), index.indexedRows(), index.totalRows()),
                "InProgress: wait for the build; Finished: release and load the collection so the query node loads the built index");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
