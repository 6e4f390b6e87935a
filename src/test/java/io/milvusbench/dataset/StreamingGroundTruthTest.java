package io.milvusbench.dataset;

import io.milvusbench.index.Metric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Streaming exact neighbours (rows seen once, in batches, under arbitrary ids) agree with the
 * block-scan {@link GroundTruth} on the same rows, for every metric and uneven batch sizes.
 */
class StreamingGroundTruthTest {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void agreesWithTheBlockScanUnderAnyBatching(Metric metric) {
        SyntheticDataset data = new SyntheticDataset(24, 3_001, 8, 0.6f, 5, metric);
        float[][] queries = data.queries(17);
        long[][] expected = GroundTruth.compute(data, queries, 10);

        StreamingGroundTruth streamed = new StreamingGroundTruth(queries, metric, 10);
        int[] batches = {1, 999, 7, 1_500, 494};
        long first = 0;
        for (int i = 0; first < data.rows(); i++) {
            int n = (int) Math.min(batches[i % batches.length], data.rows() - first);
            float[] block = new float[n * data.dim()];
            data.read(first, n, block);
            long[] ids = new long[n];
            for (int r = 0; r < n; r++) {
                ids[r] = 1_000_000 + 3 * (first + r);     // primary keys that are not row numbers
            }
            streamed.accept(ids, block, n);
            first += n;
        }
        assertEquals(data.rows(), streamed.rows());
        long[][] got = streamed.result();
        for (int q = 0; q < queries.length; q++) {
            long[] mapped = new long[10];
            for (int i = 0; i < 10; i++) {
                mapped[i] = 1_000_000 + 3 * expected[q][i];
            }
            assertArrayEquals(mapped, got[q], metric + " query " + q);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void fewerRowsThanKGiveFewerNeighbours(Metric metric) {
        StreamingGroundTruth g = new StreamingGroundTruth(new float[][] {{1, 0}}, metric, 5);
        g.accept(new long[] {7, 9}, new float[] {1, 0, 0, 1}, 2);
        assertArrayEquals(new long[] {7, 9}, g.result()[0]);
    }
}
