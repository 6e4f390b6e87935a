package io.milvusbench.dataset;

import io.milvusbench.BadInputException;
import io.milvusbench.index.Metric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A SIFT/GIST-style corpus: base vectors ({@code .fvecs} or {@code .bvecs}), query vectors (same
 * format) and optionally the exact neighbours ({@code .ivecs}). When not named, the query and
 * ground-truth files are found next to the base file by the corpora's naming:
 * {@code sift_base.fvecs → sift_query.fvecs, sift_groundtruth.ivecs}. Distances are L2, as for
 * every corpus published in this format.
 */
public final class VecsDataset implements Dataset {
    private final VecsFile base;
    private final VecsFile queries;
    private final VecsFile truth;
    private final String name;
    private final String identity;

    private VecsDataset(VecsFile base, VecsFile queries, VecsFile truth) {
        this.base = base;
        this.queries = queries;
        this.truth = truth;
        String stem = stem(base.path());
        this.name = stem.endsWith("_base") ? stem.substring(0, stem.length() - 5) : stem;
        this.identity = base.format().name().toLowerCase() + " " + name + " " + FileFingerprint.of(base.path())
                + " rows=" + base.count() + " dim=" + base.dim() + " metric=" + Metric.L2;
    }

    /**
     * @param queryFile  query vectors, or null to look for {@code *_query.*} next to the base file
     * @param truthFile  neighbours (.ivecs), or null to look for {@code *_groundtruth.ivecs}
     */
    public static VecsDataset open(Path baseFile, Path queryFile, Path truthFile) {
        VecsFile base = VecsFile.open(baseFile);
        VecsFile q = null;
        VecsFile t = null;
        try {
            if (base.format() == VecsFile.Format.IVECS) {
                throw new BadInputException(baseFile + " holds integers (ivecs); the base vectors are the .fvecs or .bvecs file");
            }
            Path qPath = queryFile != null ? queryFile : sibling(baseFile, "_query", extension(baseFile));
            if (qPath == null || !Files.exists(qPath)) {
                throw new BadInputException("no query vectors for " + baseFile + (qPath == null ? "" : " (looked for " + qPath + ")")
                        + "; name them with --queries FILE");
            }
            q = VecsFile.open(qPath);
            if (q.dim() != base.dim()) {
                throw new BadInputException("dimension mismatch: queries " + qPath + " have dim " + q.dim() + ", base vectors "
                        + baseFile + " have dim " + base.dim());
            }
            Path tPath = truthFile != null ? truthFile : sibling(baseFile, "_groundtruth", ".ivecs");
            if (tPath != null && Files.exists(tPath)) {
                t = VecsFile.open(tPath);
                if (t.format() != VecsFile.Format.IVECS) {
                    throw new BadInputException("ground truth " + tPath + " must be an .ivecs file");
                }
                if (t.count() != q.count()) {
                    if (truthFile != null) {
                        throw new BadInputException("ground truth " + tPath + " has " + t.count() + " rows, the queries " + q.count());
                    }
                    t.close();
                    t = null;
                }
            } else if (truthFile != null) {
                throw new BadInputException("cannot read ground truth file " + truthFile + ": does not exist");
            }
            return new VecsDataset(base, q, t);
        } catch (RuntimeException e) {
            base.close();
            if (q != null) {
                q.close();
            }
            if (t != null) {
                t.close();
            }
            throw e;
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.lastIndexOf('.'));
    }

    private static Path sibling(Path base, String suffix, String ext) {
        String stem = stem(base);
        if (!stem.endsWith("_base")) {
            return null;
        }
        return base.resolveSibling(stem.substring(0, stem.length() - 5) + suffix + ext);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public int dim() {
        return base.dim();
    }

    @Override
    public long rows() {
        return base.count();
    }

    @Override
    public Metric metric() {
        return Metric.L2;
    }

    @Override
    public void read(long first, int count, float[] out) {
        base.readFloats(first, count, out);
    }

    @Override
    public int queryCount() {
        return (int) Math.min(Integer.MAX_VALUE, queries.count());
    }

    @Override
    public float[][] queries(int n) {
        if (n > queries.count()) {
            throw new BadInputException(queries.path() + " holds " + queries.count() + " queries, " + n + " asked for");
        }
        float[] flat = new float[n * dim()];
        queries.readFloats(0, n, flat);
        float[][] out = new float[n][dim()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim(), out[i], 0, dim());
        }
        return out;
    }

    @Override
    public Optional<int[][]> shippedNeighbours() {
        return truth == null ? Optional.empty() : Optional.of(truth.readInts(0, (int) truth.count()));
    }

    @Override
    public void close() {
        base.close();
        queries.close();
        if (truth != null) {
            truth.close();
        }
    }

    @Override
    public String toString() {
        return identity;
    }
}
