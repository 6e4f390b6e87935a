package io.milvusbench.load;

import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;

/**
 * One insert of {@code batch} rows per call, for the streaming mix: call {@code s} writes rows
 * {@code firstId + s*batch ...} drawn from the same seeded dataset (ids above the base rows, so
 * they never collide with the searched data). Vectors are generated inside the call, so their
 * cost (microseconds, against a millisecond RPC) is part of the reported insert latency.
 */
public final class InsertOperation implements Operation {
    private final VectorCollection collection;
    private final SyntheticDataset dataset;
    private final long firstId;
    private final int batch;

    public InsertOperation(VectorCollection collection, SyntheticDataset dataset, long firstId, int batch) {
        this.collection = collection;
        this.dataset = dataset;
        this.firstId = firstId;
        this.batch = batch;
    }

    public int batch() {
        return batch;
    }

    @Override
    public void call(long sequence) {
        long first = firstId + sequence * batch;
        float[][] rows = new float[batch][];
        for (int i = 0; i < batch; i++) {
            rows[i] = dataset.row(first + i);
        }
        long inserted = collection.insert(first, rows);
        if (inserted != batch) {
            throw new IllegalStateException("insert wrote " + inserted + " of " + batch + " rows");
        }
    }
}
