package io.milvusbench.bench.throughput;

import io.milvusbench.dataset.InMemoryDataset;
import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class InsertPoolTest {
    final InMemoryDataset rows = new InMemoryDataset("five", new float[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}},
            new float[][] {{0, 0}}, Metric.L2);

    @Test
    void batchesAreTheDatasetsFirstRowsInTurn() {
        InsertPool pool = new InsertPool(rows, 2);
        assertArrayEquals(new float[] {0, 0, 1, 1}, pool.batch(0));
        assertArrayEquals(new float[] {2, 2, 3, 3}, pool.batch(1));
        assertArrayEquals(new float[] {0, 0, 1, 1}, pool.batch(2), "two whole batches fit in five rows; then they repeat");
    }

    @Test
    void aBatchLargerThanTheDatasetWrapsAround() {
        InsertPool pool = new InsertPool(rows, 7);
        assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 0, 0, 1, 1}, pool.batch(0));
    }
}
