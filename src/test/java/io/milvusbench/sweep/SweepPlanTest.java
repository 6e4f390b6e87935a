package io.milvusbench.sweep;

import io.milvusbench.index.IndexKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sweep file shipped in benchmarks/ parses and means what its comments say. */
class SweepPlanTest {
    @Test
    void shippedSweepFileParses() {
        SweepPlan plan = SweepPlan.read(Path.of("benchmarks", "index-sweep.yaml"));
        assertEquals(20_000, plan.dataset().rows());
        assertEquals(10, plan.topK());
        assertEquals(List.of(IndexKind.FLAT, IndexKind.IVF_FLAT, IndexKind.IVF_SQ8, IndexKind.HNSW),
                plan.indexes().stream().map(SweepPlan.IndexEntry::indexKind).toList());
        assertEquals(1 + 5 + 3 + 5, plan.points());
        assertEquals(List.of(0), plan.indexes().get(0).knobValues());
        assertEquals(200, plan.indexes().get(3).buildParams().get("efConstruction"));
        assertEquals(4, plan.phase().measured().toSeconds());
    }
}
