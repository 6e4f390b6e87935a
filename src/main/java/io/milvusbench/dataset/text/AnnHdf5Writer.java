package io.milvusbench.dataset.text;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.milvusbench.index.Metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a dataset in the ann-benchmarks HDF5 layout that {@link io.milvusbench.dataset.Hdf5Dataset}
 * reads: {@code train}, {@code test}, {@code neighbors} (nearest first), {@code distances}
 * ({@code 1 - cos} for angular, Euclidean distance for euclidean, as ann-benchmarks stores them) and
 * the root attribute {@code distance}; plus attributes saying where the vectors came from. Written
 * with jhdf to a temporary file and renamed.
 */
public final class AnnHdf5Writer {
    static {
        // jhdf logs every attribute and dataset it writes at INFO
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
        }
    }

    /** Where the vectors came from and what building them cost; stored as root attributes. */
    public record Provenance(String source, String model, long seed, double embedSeconds, double passagesPerSecond,
                             double buildSeconds) {
    }

    private AnnHdf5Writer() {
    }

    public static void write(Path out, int dim, float[] base, float[][] queries, long[][] ids, Metric metric, Provenance p) {
        int rows = base.length / dim;
        float[][] train = new float[rows][];
        for (int i = 0; i < rows; i++) {
            train[i] = java.util.Arrays.copyOfRange(base, i * dim, (i + 1) * dim);
        }
        int[][] neighbors = new int[ids.length][];
        float[][] distances = new float[ids.length][];
        for (int q = 0; q < ids.length; q++) {
            neighbors[q] = new int[ids[q].length];
            distances[q] = new float[ids[q].length];
            for (int j = 0; j < ids[q].length; j++) {
                neighbors[q][j] = Math.toIntExact(ids[q][j]);
                distances[q][j] = distance(metric, queries[q], train[neighbors[q][j]]);
            }
        }
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
            try {
                try (WritableHdfFile file = HdfFile.write(tmp)) {
                    file.putAttribute("distance", annName(metric));
                    file.putAttribute("source", p.source());
                    file.putAttribute("model", p.model());
                    file.putAttribute("seed", p.seed());
                    file.putAttribute("embed_seconds", p.embedSeconds());
                    file.putAttribute("passages_per_second", p.passagesPerSecond());
                    file.putAttribute("build_seconds", p.buildSeconds());
                    file.putDataset("train", train);
                    file.putDataset("test", queries);
                    file.putDataset("neighbors", neighbors);
                    file.putDataset("distances", distances);
                }
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static String annName(Metric metric) {
        return switch (metric) {
            case L2 -> "euclidean";
            case COSINE -> "angular";
            case IP -> "dot";
        };
    }

    private static float distance(Metric metric, float[] q, float[] r) {
        double s = metric.exactScore(q, r);
        return (float) switch (metric) {
            case COSINE -> 1 - s;
            case L2 -> Math.sqrt(s);
            case IP -> s;
        };
    }
}
