package io.milvusbench.dataset;

/**
 * The inner loop of brute-force ground truth: dot products of a group of queries against a block
 * of rows, written so HotSpot's SuperWord turns it into packed FMAs. Rows are stored transposed
 * ({@code xt[d]} holds dimension d of every row in the block), each query's results go to its own
 * {@code acc[q]}, and the loop body handles 4 queries × 2 dimensions for one row index: every
 * array is indexed by the loop variable alone, which JDK 17 needs to vectorise (an added
 * invariant offset, or a body of 4 × 4, stops it: measured 13 GFLOP/s instead of 55-60 per core
 * on an AVX-512 Zen 4). Each x value loaded feeds 4 FMAs, each accumulator is loaded and stored
 * once per 2 dimensions.
 *
 * <p>Shapes: query count padded to a multiple of {@link #QUERY_GROUP}, dimension padded to even,
 * with zeros, which change no dot product.
 */
public final class DistanceKernel {
    /** Rows per block: 512 × 128 dims × 4 bytes = 256 KiB, resident in L2 while every query passes over it. */
    public static final int BLOCK_ROWS = 512;
    /** Queries handled together by the loop body. */
    public static final int QUERY_GROUP = 4;

    private DistanceKernel() {
    }

    /** {@code dim} rounded up to even. */
    public static int paddedDim(int dim) {
        return (dim + 1) & ~1;
    }

    /** {@code n} rounded up to a multiple of {@link #QUERY_GROUP}. */
    public static int paddedQueries(int n) {
        return (n + QUERY_GROUP - 1) / QUERY_GROUP * QUERY_GROUP;
    }

    /**
     * Copies {@code rows} row-major vectors into the transposed block {@code xt}
     * ({@code paddedDim(dim)} arrays of at least {@code rows}); a padding dimension stays zero.
     */
    public static void transpose(float[] rowMajor, int rows, int dim, float[][] xt) {
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            for (int d = 0; d < dim; d++) {
                xt[d][r] = rowMajor[o + d];
            }
        }
    }

    /**
     * {@code acc[q][r] = Σ_d qs[q][d] · xt[d][r]} for {@code q < nq}, {@code r < rows},
     * {@code d < dim}. {@code nq} must be a multiple of 4 and {@code dim} even (pad with zeros).
     */
    public static void dotProducts(float[][] qs, int nq, float[][] xt, int dim, int rows, float[][] acc) {
        for (int q = 0; q < nq; q += QUERY_GROUP) {
            float[] a0 = acc[q];
            float[] a1 = acc[q + 1];
            float[] a2 = acc[q + 2];
            float[] a3 = acc[q + 3];
            java.util.Arrays.fill(a0, 0, rows, 0f);
            java.util.Arrays.fill(a1, 0, rows, 0f);
            java.util.Arrays.fill(a2, 0, rows, 0f);
            java.util.Arrays.fill(a3, 0, rows, 0f);
            float[] q0 = qs[q];
            float[] q1 = qs[q + 1];
            float[] q2 = qs[q + 2];
            float[] q3 = qs[q + 3];
            for (int d = 0; d < dim; d += 2) {
                accumulate(xt[d], xt[d + 1], rows,
                        q0[d], q0[d + 1], q1[d], q1[d + 1], q2[d], q2[d + 1], q3[d], q3[d + 1],
                        a0, a1, a2, a3);
            }
        }
    }

    /** The vectorised body: two dimensions of four queries over the block's rows. */
    private static void accumulate(float[] x0, float[] x1, int rows,
                                   float q00, float q01, float q10, float q11, float q20, float q21, float q30, float q31,
                                   float[] a0, float[] a1, float[] a2, float[] a3) {
        for (int r = 0; r < rows; r++) {
            float u = x0[r];
            float v = x1[r];
            a0[r] = Math.fma(q01, v, Math.fma(q00, u, a0[r]));
            a1[r] = Math.fma(q11, v, Math.fma(q10, u, a1[r]));
            a2[r] = Math.fma(q21, v, Math.fma(q20, u, a2[r]));
            a3[r] = Math.fma(q31, v, Math.fma(q30, u, a3[r]));
        }
    }

    /** Floating-point operations of one {@link #dotProducts} call: a multiply and an add per term. */
    public static double flops(int nq, int dim, int rows) {
        return 2.0 * nq * dim * rows;
    }
}
