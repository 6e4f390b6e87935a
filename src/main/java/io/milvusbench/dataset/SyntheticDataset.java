package io.milvusbench.dataset;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.index.Metric;

import java.util.SplittableRandom;

/**
 * Seeded Gaussian-mixture vectors: {@code clusters} centroids uniform in [-1, 1]^dim, each row a
 * centroid plus N(0, spread²) noise. Row {@code i} depends only on (seed, i), so rows can be
 * generated in any order, streamed in batches of any size, and regenerated identically for ground
 * truth; nothing is held in memory. Query vectors come from the same mixture with a different
 * stream. For COSINE (and IP) every vector is normalised to unit length.
 *
 * <p>Cost: one Gaussian sample per value (a log, a sqrt and a cos), about 3 µs per 128-d row on
 * one core; {@link GroundTruth} and the insert paths generate blocks on several threads.
 */
public final class SyntheticDataset implements Dataset {
    private final int dim;
    private final long rows;
    private final int clusters;
    private final float spread;
    private final long seed;
    private final Metric metric;
    private final float[][] centroids;

    public SyntheticDataset(int dim, long rows, int clusters, float spread, long seed, Metric metric) {
        Inputs.dim("dimension", dim);
        Inputs.rows("rows", rows);
        Inputs.range("clusters", clusters, 1, 100_000);
        Inputs.fitsInMemory(clusters + " cluster centroids of dimension " + dim, clusters, dim, 0);
        if (!(spread > 0) || !Float.isFinite(spread) || spread > 1e6f) {
            throw new BadInputException("spread must be a positive number up to 1000000, got " + spread);
        }
        this.dim = dim;
        this.rows = rows;
        this.clusters = clusters;
        this.spread = spread;
        this.seed = seed;
        this.metric = metric;
        this.centroids = new float[clusters][dim];
        SplittableRandom random = new SplittableRandom(seed);
        for (float[] c : centroids) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) (random.nextDouble() * 2 - 1);
            }
        }
    }

    /** 128-dimensional L2 data with 64 clusters, spread 0.2: the suite's default. */
    public static SyntheticDataset standard(long rows, long seed) {
        return new SyntheticDataset(128, rows, 64, 0.2f, seed, Metric.L2);
    }

    /**
     * {@code synthetic} for the suite's default mixture (64 clusters, spread 0.2, seed 42), else
     * with what differs: {@code synthetic_c16_s1.0_seed7}. Series ids and collection names carry it.
     */
    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("synthetic");
        if (clusters != DatasetOptions.DEFAULT_CLUSTERS || spread != DatasetOptions.DEFAULT_SPREAD) {
            sb.append("_c").append(clusters).append("_s").append(spread);
        }
        if (seed != DatasetOptions.DEFAULT_SEED) {
            sb.append("_seed").append(seed);
        }
        return sb.toString();
    }

    /** Every generator parameter: equal identities generate equal vectors. */
    @Override
    public String identity() {
        return toString();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    public int clusters() {
        return clusters;
    }

    public float spread() {
        return spread;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void read(long first, int count, float[] out) {
        Dataset.checkRange(first, count, rows, "");
        float[] row = new float[dim];
        for (int i = 0; i < count; i++) {
            sample(mix(seed, first + i), row);
            System.arraycopy(row, 0, out, i * dim, dim);
        }
    }

    @Override
    public int queryCount() {
        return Integer.MAX_VALUE;
    }

    /** The same generator with {@code n} rows: row i is unchanged. */
    @Override
    public Dataset limit(long n) {
        return n == rows ? this : new SyntheticDataset(dim, n, clusters, spread, seed, metric);
    }

    /** The same generator for metric {@code m} (IP and COSINE data are normalised, L2 data are not). */
    @Override
    public Dataset withMetric(Metric m) {
        return m == metric ? this : new SyntheticDataset(dim, rows, clusters, spread, seed, m);
    }

    /** Row {@code i} of the base set (0 ≤ i < rows). */
    @Override
    public float[] row(long i) {
        return sample(mix(seed, i), new float[dim]);
    }

    /** Writes row {@code i} into {@code out} (length dim) and returns it: no allocation on the hot path. */
    public float[] row(long i, float[] out) {
        return sample(mix(seed, i), out);
    }

    /** Query {@code j}: same mixture, independent stream. */
    public float[] query(int j) {
        return sample(mix(~seed, j), new float[dim]);
    }

    /** The first {@code n} queries. */
    @Override
    public float[][] queries(int n) {
        float[][] q = new float[n][];
        for (int j = 0; j < n; j++) {
            q[j] = query(j);
        }
        return q;
    }

    private float[] sample(long streamSeed, float[] out) {
        SplittableRandom random = new SplittableRandom(streamSeed);
        float[] c = centroids[random.nextInt(clusters)];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (c[d] + gaussian(random) * spread);
            norm += out[d] * out[d];
        }
        if (metric != Metric.L2) {
            float inv = (float) (1 / Math.sqrt(norm + 1e-30));
            for (int d = 0; d < dim; d++) {
                out[d] *= inv;
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; one of the pair is enough here.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "synthetic(dim=" + dim + ", rows=" + rows + ", clusters=" + clusters + ", spread=" + spread
                + ", seed=" + seed + ", metric=" + metric + ")";
    }
}
