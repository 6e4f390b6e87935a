package io.milvusbench.sweep;

import io.milvusbench.index.IndexKind;
import io.milvusbench.load.LoadResult;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One measured point of a sweep: an index kind at one knob value.
 *
 * @param buildSeconds index build time (create to Finished), shared by the kind's points
 * @param loadSeconds  load time after the build
 * @param memory       the server's memory figures for the loaded index, shared by the kind's points
 * @param recall       mean recall@k against exact ground truth
 * @param single       the one-thread closed loop: latency with nothing queued
 * @param load         the closed loop at the plan's concurrency: saturated QPS
 */
public record SweepPoint(IndexKind kind, int knob, int topK, double buildSeconds, double loadSeconds, Memory memory,
                         double recall, LoadResult single, LoadResult load) {

    /**
     * @param entityBytes   {@code milvus_querynode_entity_size} of the collection, when the server reports it
     * @param rssDeltaBytes server resident memory after the load minus before, when known and positive
     * @param rssBytes      server resident memory after the load, when known
     * @param memoryPercent query-node memory in use after load, percent (GetMetrics)
     */
    public record Memory(OptionalLong entityBytes, OptionalLong rssDeltaBytes, OptionalLong rssBytes, double memoryPercent) {
        static String mib(OptionalLong bytes) {
            return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f", bytes.getAsLong() / 1048576.0) : "unavailable";
        }
    }

    /** {@code sweep[index=HNSW;ef=64]}, or {@code sweep[index=FLAT]}: the saturated loop and the point's recall. */
    public static SeriesId series(IndexKind kind, int knob) {
        SeriesId id = SeriesId.of("sweep", "index", kind.name());
        return kind.hasKnob() ? id.with(kind.knob(), knob) : id;
    }

    /** {@code sweep-1thread[index=..]}: the one-thread loop of the same point. */
    public static SeriesId singleThreadSeries(IndexKind kind, int knob) {
        SeriesId id = SeriesId.of("sweep-1thread", "index", kind.name());
        return kind.hasKnob() ? id.with(kind.knob(), knob) : id;
    }

    public SeriesId series() {
        return series(kind, knob);
    }

    public String label() {
        return kind.hasKnob() ? kind + " " + kind.knob() + "=" + knob : kind.name();
    }

    public List<ScalarMetric> metrics() {
        List<ScalarMetric> out = new ArrayList<>(load.metrics());
        out.addAll(single.metrics());
        SeriesId s = series();
        out.add(ScalarMetric.of(s, "Client", "recall@" + topK, recall, "ratio"));
        out.add(ScalarMetric.of(s, "IndexNode", "build_seconds", buildSeconds, "s"));
        out.add(ScalarMetric.of(s, "QueryNode", "load_seconds", loadSeconds, "s"));
        memory.entityBytes().ifPresent(b -> out.add(ScalarMetric.of(s, "QueryNode", "entity_size_bytes", b, "bytes")));
        memory.rssDeltaBytes().ifPresent(b -> out.add(ScalarMetric.of(s, "Host", "rss_delta_bytes", b, "bytes")));
        memory.rssBytes().ifPresent(b -> out.add(ScalarMetric.of(s, "Host", "rss_bytes", b, "bytes")));
        if (!Double.isNaN(memory.memoryPercent())) {   // NaN: the server has no GetMetrics
            out.add(ScalarMetric.of(s, "QueryNode", "memory_percent", memory.memoryPercent(), "percent"));
        }
        return out;
    }
}
