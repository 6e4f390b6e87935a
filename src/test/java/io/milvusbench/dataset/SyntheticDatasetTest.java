package io.milvusbench.dataset;

import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SyntheticDatasetTest {
    final SyntheticDataset data = new SyntheticDataset(8, 1000, 4, 0.2f, 9, Metric.L2);

    @Test
    void blockReadsEqualSingleRows() {
        float[] block = new float[5 * 8];
        data.read(500, 5, block);
        for (int i = 0; i < 5; i++) {
            float[] row = data.row(500 + i);
            for (int d = 0; d < 8; d++) {
                assertEquals(row[d], block[i * 8 + d]);
            }
        }
    }

    @Test
    void aPrefixKeepsItsRowsAndChangesItsIdentity() {
        Dataset prefix = data.limit(10);
        assertEquals(10, prefix.rows());
        assertArrayEquals(data.row(9), prefix.row(9));
        assertNotEquals(data.identity(), prefix.identity());
    }

    @Test
    void cosineDataIsNormalised() {
        Dataset cosine = data.withMetric(Metric.COSINE);
        float[] v = cosine.row(3);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-6);
    }

    @Test
    void theNameShowsAMixtureOtherThanTheDefault() {
        assertEquals("synthetic", new SyntheticDataset(8, 10, 64, 0.2f, 42, Metric.L2).name());
        assertEquals("synthetic_c16_s1.0", new SyntheticDataset(8, 10, 16, 1.0f, 42, Metric.L2).name());
        assertEquals("synthetic_seed7", new SyntheticDataset(8, 10, 64, 0.2f, 7, Metric.L2).name());
    }
}
