package io.milvusbench.sweep;

import io.milvusbench.index.IndexKind;
import io.milvusbench.load.LoadResult;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frontier membership and the table layout, on declared points. */
class ParetoTest {
    static SweepPoint point(IndexKind kind, int knob, double recall, double qps) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(2_000, (long) qps);
        LoadResult r = LoadResult.closedLoop(SeriesId.of("sweep"), 4).requests((long) qps, 0, Map.of()).seconds(1.0).latency(h).build();
        return new SweepPoint(kind, knob, 10, 1.5, 0.5, 1 << 20, 1.0, recall, r);
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
        assertTrue(table.get(2).startsWith("| * | FLAT | 1.0000 | 100.0 | 2.000 |"), table.get(2));
        assertTrue(table.get(5).startsWith("|  | IVF_FLAT nprobe=8 | 0.9000 | 200.0 |"), table.get(5));
        assertEquals("sweep[index=HNSW;ef=16]", hnswFast.series().toString());
        assertEquals("sweep[index=FLAT]", flat.series().toString());
    }
}
