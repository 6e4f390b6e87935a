package io.milvusbench.dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.milvusbench.BadInputException;
import io.milvusbench.index.Metric;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An ann-benchmarks HDF5 file (e.g. {@code sift-128-euclidean.hdf5}, {@code glove-100-angular.hdf5}):
 * datasets {@code train} (rows × dim base vectors), {@code test} (queries), {@code neighbors}
 * (exact neighbour ids per query, nearest first) and {@code distances}, and the root attribute
 * {@code distance} (euclidean → L2, angular → COSINE, dot → IP). Read with jhdf; rows are read as
 * slices, so the file is never loaded whole. jhdf's readers are not thread-safe, so reads are
 * serialised on the file.
 */
public final class Hdf5Dataset implements Dataset {
    static {
        // jhdf logs every open and read at INFO, and warns about its own version in a shaded jar.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
        }
    }

    private final Path path;
    private final HdfFile file;
    private final io.jhdf.api.Dataset train;
    private final io.jhdf.api.Dataset test;
    private final io.jhdf.api.Dataset neighbors;
    private final int dim;
    private final long rows;
    private final Metric metric;
    private final String name;
    private final String identity;

    private Hdf5Dataset(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
        this.train = vectors(file, "train");
        this.test = vectors(file, "test");
        int[] shape = train.getDimensions();
        this.rows = shape[0];
        this.dim = shape[1];
        if (test.getDimensions()[1] != dim) {
            throw new BadInputException("dimension mismatch in " + path + ": train has dim " + dim + ", test has dim "
                    + test.getDimensions()[1]);
        }
        Node n = file.getChild("neighbors");
        this.neighbors = n instanceof io.jhdf.api.Dataset d && d.getDimensions().length == 2
                && d.getDimensions()[0] == test.getDimensions()[0] ? d : null;
        this.metric = Metric.fromAnnBenchmarks(distanceAttribute(file, path));
        String fileName = path.getFileName().toString();
        this.name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        this.identity = "hdf5 " + name + " " + FileFingerprint.of(path) + " rows=" + rows + " dim=" + dim + " metric=" + metric;
    }

    public static Hdf5Dataset open(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new BadInputException("cannot read dataset file " + path + ": " + (Files.isDirectory(path) ? "a folder, not a file" : Files.exists(path) ? "not a readable file" : "does not exist"));
        }
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot read dataset file " + path + " as HDF5: " + oneLine(e));
        }
        try {
            return new Hdf5Dataset(path, file);
        } catch (BadInputException e) {
            file.close();
            throw e;
        } catch (RuntimeException e) {
            file.close();
            throw new BadInputException("cannot read dataset file " + path + " as ann-benchmarks HDF5: " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    private static io.jhdf.api.Dataset vectors(HdfFile file, String name) {
        Node node = file.getChild(name);
        if (!(node instanceof io.jhdf.api.Dataset d)) {
            throw new BadInputException(file.getFile() + " is not an ann-benchmarks file: no '" + name + "' dataset");
        }
        if (d.getDimensions().length != 2 || d.getDimensions()[0] < 1 || d.getDimensions()[1] < 1) {
            throw new BadInputException(file.getFile() + ": '" + name + "' must be a non-empty 2-d array");
        }
        Class<?> type = d.getJavaType();
        if (type != float.class && type != double.class) {
            throw new BadInputException(file.getFile() + ": '" + name + "' holds " + type + "; float32 or float64 vectors expected"
                    + " (binary jaccard/hamming sets are not supported)");
        }
        return d;
    }

    private static String distanceAttribute(HdfFile file, Path path) {
        Attribute a = file.getAttribute("distance");
        if (a == null) {
            throw new BadInputException(path + " has no 'distance' attribute (ann-benchmarks files name euclidean, angular or dot)");
        }
        Object v = a.getData();
        if (v != null && v.getClass().isArray()) {
            v = Array.getLength(v) > 0 ? Array.get(v, 0) : null;
        }
        return v == null ? "" : v.toString();
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

    @Override
    public void read(long first, int count, float[] out) {
        Dataset.checkRange(first, count, rows, " of " + path);
        if (count == 0) {
            return;
        }
        synchronized (file) {
            Hdf5Rows.read(train, first, count, dim, out);
        }
    }

    @Override
    public int queryCount() {
        return test.getDimensions()[0];
    }

    @Override
    public float[][] queries(int n) {
        if (n > queryCount()) {
            throw new BadInputException(path + " holds " + queryCount() + " test queries, " + n + " asked for");
        }
        float[] flat = new float[n * dim];
        synchronized (file) {
            Hdf5Rows.read(test, 0, n, dim, flat);
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim, out[i], 0, dim);
        }
        return out;
    }

    @Override
    public Optional<int[][]> shippedNeighbours() {
        if (neighbors == null) {
            return Optional.empty();
        }
        Object data;
        synchronized (file) {
            data = neighbors.getData();
        }
        int q = Array.getLength(data);
        int[][] out = new int[q][];
        for (int i = 0; i < q; i++) {
            Object row = Array.get(data, i);
            if (row instanceof int[] ints) {
                out[i] = ints;
            } else if (row instanceof long[] longs) {
                out[i] = new int[longs.length];
                for (int j = 0; j < longs.length; j++) {
                    out[i][j] = Math.toIntExact(longs[j]);
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /**
     * The file's root attributes other than {@code distance} and the writer's own ({@code _jHDF}), as text (e.g. where the vectors came
     * from and what the embedding cost, for the real-text dataset), in name order.
     */
    public java.util.SortedMap<String, String> notes() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        synchronized (file) {
            file.getAttributes().forEach((name, a) -> {
                if (!"distance".equals(name) && !name.startsWith("_")) {
                    Object v = a.getData();
                    out.put(name, v != null && v.getClass().isArray() && Array.getLength(v) == 1 ? String.valueOf(Array.get(v, 0))
                            : String.valueOf(v));
                }
            });
        }
        return out;
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return identity;
    }
}
