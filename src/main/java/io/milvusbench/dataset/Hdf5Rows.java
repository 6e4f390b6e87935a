package io.milvusbench.dataset;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.FloatingPoint;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;

/**
 * Reads a band of rows of a 2-d float32/float64 HDF5 dataset into a row-major float array. A
 * contiguous dataset (how ann-benchmarks writes its files) is sliced by jhdf; a chunked one is
 * read chunk by chunk here, because jhdf 0.9.4 returns zeros for slices of chunked, compressed
 * datasets (found by Hdf5DatasetTest with an h5py file).
 */
final class Hdf5Rows {
    private Hdf5Rows() {
    }

    static void read(io.jhdf.api.Dataset data, long first, int count, int dim, float[] out) {
        if (data instanceof ChunkedDataset chunked) {
            readChunked(chunked, first, count, dim, out);
            return;
        }
        Object slice = data.getData(new long[] {first, 0}, new int[] {count, dim});
        for (int i = 0; i < count; i++) {
            Object row = Array.get(slice, i);
            if (row instanceof float[] f) {
                System.arraycopy(f, 0, out, i * dim, dim);
            } else {
                double[] d = (double[]) row;
                for (int j = 0; j < dim; j++) {
                    out[i * dim + j] = (float) d[j];
                }
            }
        }
    }

    private static void readChunked(ChunkedDataset data, long first, int count, int dim, float[] out) {
        int[] chunk = data.getChunkDimensions();
        int chunkRows = chunk[0];
        int chunkCols = chunk[1];
        FloatingPoint type = (FloatingPoint) data.getDataType();
        int size = type.getSize();
        long last = first + count;
        for (long chunkRow = first / chunkRows * chunkRows; chunkRow < last; chunkRow += chunkRows) {
            for (int chunkCol = 0; chunkCol < dim; chunkCol += chunkCols) {
                ByteBuffer bytes = ByteBuffer.wrap(data.getDecompressedChunk(new int[] {(int) chunkRow, chunkCol}))
                        .order(type.getByteOrder());
                long from = Math.max(first, chunkRow);
                long to = Math.min(last, chunkRow + chunkRows);
                int cols = Math.min(chunkCols, dim - chunkCol);
                for (long r = from; r < to; r++) {
                    int src = (int) (r - chunkRow) * chunkCols;
                    int dst = (int) (r - first) * dim + chunkCol;
                    for (int c = 0; c < cols; c++) {
                        int at = (src + c) * size;
                        out[dst + c] = size == 4 ? bytes.getFloat(at) : (float) bytes.getDouble(at);
                    }
                }
            }
        }
    }
}
