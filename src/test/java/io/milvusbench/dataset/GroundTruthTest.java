package io.milvusbench.dataset;

import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Exact neighbours: hand-checked small cases, then the blocked kernel against a plain double-precision scan. */
class GroundTruthTest {

    @Test
    void handCheckedNeighboursForEachMetric() {
        // Points on a line and around a circle; the answers are known by hand.
        float[][] rows = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {10, 0}, {0, 5}, {-4, 0}};
        InMemoryDataset data = new InMemoryDataset("hand", rows, new float[][] {{2.4f, 0}}, Metric.L2);
        assertArrayEquals(new long[][] {{2, 3, 1, 0}}, GroundTruth.compute(data, data.queries(1), 4));
        // IP with (1, 0.1): scores 0, 1, 2, 3, 10, 0.5, -4
        assertArrayEquals(new long[][] {{4, 3, 2}}, GroundTruth.compute(data.withMetric(Metric.IP), new float[][] {{1, 0.1f}}, 3));
        // COSINE with (0, 1): row 5 is 1, rows 0..4 and 6 are 0 or undefined (zero vector scores 0): ties by id
        assertArrayEquals(new long[][] {{5, 0, 1}}, GroundTruth.compute(data.withMetric(Metric.COSINE), new float[][] {{0, 1}}, 3));
    }

    @Test
    void tiesGoToTheSmallerId() {
        float[][] rows = {{1, 1}, {5, 5}, {1, 1}, {1, 1}, {0, 0}};
        InMemoryDataset data = new InMemoryDataset("dupes", rows, new float[][] {{1, 1}}, Metric.L2);
        assertArrayEquals(new long[][] {{0, 2, 3, 4}}, GroundTruth.compute(data, data.queries(1), 4));
    }

    @Test
    void blockedKernelMatchesAPlainScanOnAwkwardShapes() {
        // dim 13 (odd), 1,500 rows (not a multiple of 512), 7 queries (not a multiple of 4), every metric.
        SplittableRandom random = new SplittableRandom(7);
        int dim = 13;
        float[][] rows = new float[1500][dim];
        for (float[] r : rows) {
            for (int d = 0; d < dim; d++) {
                r[d] = (float) random.nextGaussian();
            }
        }
        float[][] queries = new float[7][dim];
        for (float[] q : queries) {
            for (int d = 0; d < dim; d++) {
                q[d] = (float) random.nextGaussian();
            }
        }
        for (Metric metric : Metric.values()) {
            InMemoryDataset data = new InMemoryDataset("random", rows, queries, metric);
            long[][] expected = plainScan(rows, queries, metric, 10);
            assertArrayEquals(expected, GroundTruth.compute(data, queries, 10, 1), metric + ", one thread");
            assertArrayEquals(expected, GroundTruth.compute(data, queries, 10, 3), metric + ", three threads");
        }
    }

    @Test
    void syntheticDataThroughTheOldEntryPoint() {
        SyntheticDataset data = new SyntheticDataset(24, 3000, 16, 0.2f, 3, Metric.L2);
        float[][] queries = data.queries(9);
        float[][] rows = new float[3000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.row(i);
        }
        assertArrayEquals(plainScan(rows, queries, Metric.L2, 10), GroundTruth.topK(queries, 3000, data::row, Metric.L2, 10));
    }

    static long[][] plainScan(float[][] rows, float[][] queries, Metric metric, int k) {
        long[][] out = new long[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            float[] query = queries[q];
            double[] s = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                s[i] = metric.exactScore(query, rows[i]);
            }
            Comparator<Long> byScore = metric.higherIsCloser()
                    ? Comparator.comparingDouble((Long i) -> -s[(int) (long) i]) : Comparator.comparingDouble((Long i) -> s[(int) (long) i]);
            out[q] = LongStream.range(0, rows.length).boxed().sorted(byScore.thenComparing(Comparator.naturalOrder()))
                    .limit(k).mapToLong(Long::longValue).toArray();
        }
        return out;
    }

    @Test
    void kLargerThanTheRowsReturnsEveryRow() {
        InMemoryDataset data = new InMemoryDataset("two", new float[][] {{0}, {1}}, new float[][] {{0.9f}}, Metric.L2);
        long[][] ids = GroundTruth.compute(data, data.queries(1), 5);
        assertArrayEquals(new long[] {1, 0}, ids[0], Arrays.toString(ids[0]));
    }
}
