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
        List<NodeInfo> nodes = new ArrayList<>();
        if (s.queryNode() != null) {
            nodes.addAll(s.queryNode().nodes());
        }
        for (NodeInfo n : nodes) {
            double pct = n.memoryPercent();
            if (!Double.isNaN(pct) && pct >= settings.memoryWarning()) {
                out.add(new Recommendation("QueryNode", f("%s memory %.1f%% >= %.0f%%", n.name(), pct, settings.memoryWarning()),
                        "release collections not being searched, or use a smaller index (IVF_SQ8, IVF_PQ, DISKANN), or add QueryNodes"));
            }
        }
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
            long growing = s.queryNode().segments().stream().filter(g -> "Growing".equalsIgnoreCase(g.state()))
                    .mapToLong(QueryNodeSection.Segment::rows).sum();
            if (growing > GROWING_ROWS) {
                out.add(new Recommendation("DataNode", f("%,d rows in growing segments", growing),
                        "flush after bulk inserts: growing segments are searched without index"));
            }
            s.queryNode().segments().stream()
                    .filter(g -> !"Growing".equalsIgnoreCase(g.state()) && g.indexName().isEmpty() && g.rows() > 0)
                    .findFirst()
                    .ifPresent(g -> out.add(new Recommendation("QueryNode", f("segment %d of %s (%,d rows) is loaded without index",
                            g.segmentId(), g.collection(), g.rows()), "build an index on the vector field, then release and load again")));
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

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
