package io.milvusbench.sweep;

import io.milvusbench.index.IndexKind;
import io.milvusbench.load.LoadResult;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frontier membership and the table layout, on declared points. */
class ParetoTest {
    static LoadResult loop(int threads, double qps, long latencyMicros) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(latencyMicros, (long) qps);
        return LoadResult.closedLoop(SeriesId.of("sweep"), threads).requests((long) qps, 0, Map.of()).seconds(1.0).latency(h).build();
    }

    static SweepPoint point(IndexKind kind, int knob, double recall, double qps, SweepPoint.Memory memory) {
        return new SweepPoint(kind, knob, 10, 1.5, 0.5, memory, recall, loop(1, qps / 3, 700), loop(4, qps, 2_000));
    }

    static SweepPoint point(IndexKind kind, int knob, double recall, double qps) {
        return point(kind, knob, recall, qps, new SweepPoint.Memory(OptionalLong.of(3L << 20), OptionalLong.of(5L << 20),
                OptionalLong.of(900L << 20), 10.0));
    }

    @Test
    void dominatedPointsAreOffTheFrontier() {
        SweepPoint flat = point(IndexKind.FLAT, 0, 1.0, 100);
        SweepPoint hnswFast = point(IndexKind.HNSW, 16, 0.90, 300);
        SweepPoint ivf = point(IndexKind.IVF_FLAT, 8, 0.90, 200);      // same recall, less QPS than hnswFast
        SweepPoint hnswSlow = point(IndexKind.HNSW, 256, 0.95, 100);   // less recall than FLAT at the same QPS
        List<SweepPoint> all = List.of(flat, hnswFast, ivf, hnswSlow);
        assertTrue(Pareto.onFrontier(flat, all));
        assertTrue(Pareto.onFrontier(hnswFast, all));
        assertFalse(Pareto.onFrontier(ivf, all));
        assertFalse(Pareto.onFrontier(hnswSlow, all));
        List<String> table = Pareto.table(all);
        assertEquals(6, table.size());
        assertTrue(table.get(0).contains("| QPS (4 threads) | p50 ms | p95 ms | 1-thread p50 ms | 1-thread p95 ms |"), table.get(0));
        assertEquals("| * | FLAT | 1.0000 | 100.0 | 2.00 | 2.00 | 0.70 | 0.70 | 0 | 1.50 | 3.0 | 5.0 |", table.get(2));
        assertTrue(table.get(5).startsWith("|  | IVF_FLAT nprobe=8 | 0.9000 | 200.0 |"), table.get(5));
        assertEquals("sweep[index=HNSW;ef=16]", hnswFast.series().toString());
        assertEquals("sweep[index=FLAT]", flat.series().toString());
        assertEquals("sweep-1thread[index=HNSW;ef=16]", SweepPoint.singleThreadSeries(IndexKind.HNSW, 16).toString());
    }

    @Test
    void memoryTheServerDoesNotGiveReadsUnavailableNotZero() {
        SweepPoint p = point(IndexKind.FLAT, 0, 1.0, 100, new SweepPoint.Memory(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), 10.0));
        assertTrue(Pareto.table(List.of(p)).get(2).endsWith("| unavailable | unavailable |"), Pareto.table(List.of(p)).get(2));
        List<String> statistics = p.metrics().stream().map(m -> m.statistic()).toList();
        assertFalse(statistics.contains("entity_size_bytes") || statistics.contains("rss_delta_bytes"), statistics.toString());
        assertTrue(statistics.contains("recall@10") && statistics.contains("qps"), statistics.toString());
    }
}
