package io.milvusbench.bench.throughput;

import io.milvus.grpc.FieldData;
import io.milvusbench.collection.InsertRequests;
import io.milvusbench.dataset.Dataset;

/**
 * Insert batches generated before the trial, so the measured inserts do no data generation: at
 * most {@link #BUDGET_BYTES} of vectors (the dataset's first rows), cut into batches of the
 * benchmark's size and reused in turn; ids stay unique because the caller numbers the rows.
 */
final class InsertPool {
    static final long BUDGET_BYTES = 64L << 20;

    private final float[][] batches;
    private final int batchRows;

    InsertPool(Dataset data, int batchRows) {
        if (batchRows < 1) {
            throw new io.milvusbench.BadInputException("batch must be positive, got " + batchRows);
        }
        long budgetRows = Math.max(batchRows, BUDGET_BYTES / (4L * data.dim()));
        int count = (int) Math.max(1, Math.min(budgetRows, Math.max(data.rows(), batchRows)) / batchRows);
        this.batchRows = batchRows;
        this.batches = new float[count][batchRows * data.dim()];
        float[] run = new float[batchRows * data.dim()];
        for (int b = 0; b < count; b++) {
            // Rows first..first+batchRows-1 of the dataset, wrapping around when it has fewer.
            int filled = 0;
            while (filled < batchRows) {
                long id = ((long) b * batchRows + filled) % data.rows();
                int n = (int) Math.min(batchRows - filled, data.rows() - id);
                data.read(id, n, run);
                System.arraycopy(run, 0, batches[b], filled * data.dim(), n * data.dim());
                filled += n;
            }
        }
    }

    int batchRows() {
        return batchRows;
    }

    int size() {
        return batches.length;
    }

    /**
     * The pool as prebuilt vector columns of the insert request ({@link InsertRequests#vectors}),
     * one per batch, plus (when {@code tail} is between 1 and the batch size) a last column of the
     * first {@code tail} rows of batch 0, for a job whose row count is not a multiple of the batch.
     */
    FieldData[] vectorColumns(int dim, int tail) {
        boolean partial = tail > 0 && tail < batchRows;
        FieldData[] columns = new FieldData[batches.length + (partial ? 1 : 0)];
        for (int b = 0; b < batches.length; b++) {
            columns[b] = InsertRequests.vectors(batches[b], batchRows, dim);
        }
        if (partial) {
            columns[batches.length] = InsertRequests.vectors(batches[0], tail, dim);
        }
        return columns;
    }

    /** Batch number {@code n}, cycling through the pool. */
    float[] batch(long n) {
        return batches[(int) (n % batches.length)];
    }
}
