package io.milvusbench.bench.throughput;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsertBenchmarkPlanTest {
    @Test
    void aCollectionStaysBelowTheSealSizeInWholeBatches() {
        long perCollection = InsertBenchmark.rowsPerCollection(128, 1000);
        assertEquals(0, perCollection % 1000);
        assertTrue(perCollection * (16 + 4 * 128) < InsertBenchmark.SEAL_BYTES, "" + perCollection);
        assertTrue(perCollection * (16 + 4 * 128) > 0.7 * InsertBenchmark.SEAL_BYTES, "" + perCollection);
        assertEquals(500_000, InsertBenchmark.rowsPerCollection(100_000, 500_000), "at least one batch");
    }

    @Test
    void enoughCollectionsAreReadyForTheIterationLength() {
        assertEquals(1, InsertBenchmark.collectionsFor(0, 10, 180_000), "first iteration: rate unknown");
        assertEquals(1, InsertBenchmark.collectionsFor(10_000, 1, 180_000));
        assertEquals(1, InsertBenchmark.collectionsFor(10_000, 10, 180_000));
        assertEquals(2, InsertBenchmark.collectionsFor(10_000, 20, 180_000));
        assertEquals(InsertBenchmark.MAX_READY, InsertBenchmark.collectionsFor(1e6, 600, 180_000));
    }
}
