package io.milvusbench.dataset;

import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class GroundTruthCacheTest {
    @TempDir
    Path dir;

    final SyntheticDataset data = new SyntheticDataset(16, 2000, 8, 0.2f, 5, Metric.L2);

    @Test
    void computesOnceThenReadsTheFile() {
        GroundTruthCache cache = new GroundTruthCache(dir);
        GroundTruthCache.Lookup first = cache.getOrCompute(data, data.queries(20), 10);
        assertEquals(GroundTruthCache.Source.COMPUTED, first.source());
        GroundTruthCache.Lookup second = cache.getOrCompute(data, data.queries(20), 10);
        assertEquals(GroundTruthCache.Source.CACHE, second.source());
        assertEquals(first.file(), second.file());
        assertArrayEquals(first.ids(), second.ids());
        assertArrayEquals(GroundTruth.compute(data, data.queries(20), 10), second.ids());
    }

    @Test
    void everyInputChangesTheKey() {
        GroundTruthCache cache = new GroundTruthCache(dir);
        Path base = cache.getOrCompute(data, data.queries(20), 10).file();
        assertNotEquals(base, cache.getOrCompute(data, data.queries(20), 5).file(), "k");
        assertNotEquals(base, cache.getOrCompute(data, data.queries(21), 10).file(), "queries");
        assertNotEquals(base, cache.getOrCompute(data.limit(1999), data.queries(20), 10).file(), "rows");
        assertNotEquals(base, cache.getOrCompute(data.withMetric(Metric.IP), data.queries(20), 10).file(), "metric");
        SyntheticDataset otherSeed = new SyntheticDataset(16, 2000, 8, 0.2f, 6, Metric.L2);
        assertNotEquals(base, cache.getOrCompute(otherSeed, data.queries(20), 10).file(), "dataset identity");
    }

    @Test
    void aCorruptFileIsDetectedAndRecomputed() throws Exception {
        GroundTruthCache cache = new GroundTruthCache(dir);
        GroundTruthCache.Lookup good = cache.getOrCompute(data, data.queries(20), 10);
        byte[] bytes = Files.readAllBytes(good.file());
        bytes[100] ^= 1;                                     // one flipped bit among the ids
        Files.write(good.file(), bytes);
        GroundTruthCache.Lookup again = cache.getOrCompute(data, data.queries(20), 10);
        assertEquals(GroundTruthCache.Source.COMPUTED, again.source());
        assertArrayEquals(good.ids(), again.ids());
        assertEquals(GroundTruthCache.Source.CACHE, cache.getOrCompute(data, data.queries(20), 10).source(), "file repaired");

        Files.write(good.file(), new byte[] {'M', 'B'});     // truncated
        assertEquals(GroundTruthCache.Source.COMPUTED, cache.getOrCompute(data, data.queries(20), 10).source());
    }

    @Test
    void shippedNeighboursAreUsedWhenTheyApply() throws Exception {
        // The shipped file deliberately disagrees with brute force, to show which answer was used.
        VecsWriter.fvecs(dir.resolve("s_base.fvecs"), new float[][] {{0}, {1}, {2}, {3}});
        VecsWriter.fvecs(dir.resolve("s_query.fvecs"), new float[][] {{0.2f}});
        VecsWriter.ivecs(dir.resolve("s_groundtruth.ivecs"), new int[][] {{3, 2}});
        GroundTruthCache cache = new GroundTruthCache(dir.resolve("cache"));
        try (Dataset d = Datasets.open(new DatasetOptions(dir.resolve("s_base.fvecs").toString(), 0, 0, null, 0, null, null))) {
            GroundTruthCache.Lookup shipped = cache.forDatasetQueries(d, 1, 2);
            assertEquals(GroundTruthCache.Source.SHIPPED, shipped.source());
            assertArrayEquals(new long[][] {{3, 2}}, shipped.ids());
            GroundTruthCache.Lookup wider = cache.forDatasetQueries(d, 1, 3);
            assertEquals(GroundTruthCache.Source.COMPUTED, wider.source(), "k beyond the shipped width");
            assertArrayEquals(new long[][] {{0, 1, 2}}, wider.ids());
            assertEquals(GroundTruthCache.Source.COMPUTED, cache.forDatasetQueries(d.limit(3), 1, 2).source(), "a prefix");
            assertEquals(GroundTruthCache.Source.COMPUTED, cache.forDatasetQueries(d.withMetric(Metric.IP), 1, 2).source(), "another metric");
        }
    }
}
