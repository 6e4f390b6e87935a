package io.milvusbench.load;

import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.SyntheticDataset;

/**
 * One insert of {@code batch} rows per call, for the streaming mix: call {@code s} writes rows
 * {@code firstId + s*batch ...} drawn from the same seeded dataset (ids above the base rows, so
 * they never collide with the searched data). Vectors are generated inside the call, so their
 * cost (microseconds, against a millisecond RPC) is part of the reported insert latency.
 */
public final class InsertOperation implements Operation {
    private final VectorCollection collection;
    private final Dataset dataset;
    private final long firstId;
    private final int batch;

    public InsertOperation(VectorCollection collection, Dataset dataset, long firstId, int batch) {
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
            // synthetic rows exist for any id; a file's rows are reused in turn under new ids
            rows[i] = dataset instanceof SyntheticDataset s ? s.row(first + i) : dataset.row((first + i) % dataset.rows());
        }
        long inserted = collection.insert(first, rows);
        if (inserted != batch) {
            throw new IllegalStateException("insert wrote " + inserted + " of " + batch + " rows");
        }
    }
}
