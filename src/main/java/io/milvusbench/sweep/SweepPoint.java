package io.milvusbench.sweep;

import io.milvusbench.index.IndexKind;
import io.milvusbench.load.LoadResult;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured point of a sweep: an index kind at one knob value.
 *
 * @param buildSeconds   index build time (create to Finished), shared by the kind's points
 * @param loadSeconds    load time after the build
 * @param memoryBytes    query-node memory in use after load minus before (GetMetrics), may be negative under noise
 * @param memoryPercent  query-node memory in use after load, percent of its memory
 * @param recall         mean recall@k against exact ground truth
 * @param load           the short closed loop at this point
 */
public record SweepPoint(IndexKind kind, int knob, int topK, double buildSeconds, double loadSeconds, long memoryBytes,
                         double memoryPercent, double recall, LoadResult load) {

    /** {@code sweep[index=HNSW;ef=64]}, or {@code sweep[index=FLAT]}. */
    public static SeriesId series(IndexKind kind, int knob) {
        SeriesId id = SeriesId.of("sweep", "index", kind.name());
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
        SeriesId s = series();
        out.add(ScalarMetric.of(s, "Client", "recall@" + topK, recall, "ratio"));
        out.add(ScalarMetric.of(s, "IndexNode", "build_seconds", buildSeconds, "s"));
        out.add(ScalarMetric.of(s, "QueryNode", "load_seconds", loadSeconds, "s"));
        out.add(ScalarMetric.of(s, "QueryNode", "memory_bytes", memoryBytes, "bytes"));
        out.add(ScalarMetric.of(s, "QueryNode", "memory_percent", memoryPercent, "percent"));
        return out;
    }
}
