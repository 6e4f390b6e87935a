package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.collection.ExistingCollection;
import io.milvusbench.dataset.Hdf5Dataset;
import io.milvusbench.dataset.StreamingGroundTruth;
import io.milvusbench.dataset.VecsFile;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Load on a collection the suite did not create, read only: its search target is discovered
 * ({@link ExistingCollection}); query vectors come from a file (.fvecs, .bvecs, or the test set of
 * an ann-benchmarks .hdf5) or are sampled from the collection itself; exact neighbours for recall
 * come from an .ivecs file of primary keys or are computed by streaming the collection once.
 * Nothing here writes, loads or indexes anything.
 */
public final class CollectionWorkload implements Workload.Source {
    /** Longest a scan of the collection (sampling or ground truth) may take. */
    static final Duration SCAN_LIMIT = Duration.ofMinutes(60);

    private final String name;
    private final String vectorField;
    private final String partition;
    private final Integer knob;
    private final int topK;
    private final Path queryFile;
    private final int pool;
    private final long seed;
    private final PrintStream progress;
    private ExistingCollection collection;
    private float[][] queries;
    private String querySource;

    /**
     * @param queryFile query vectors, or null to sample {@code pool} vectors from the collection
     * @param pool      most query vectors used (round-robin)
     */
    public CollectionWorkload(String name, String vectorField, Integer knob, int topK, Path queryFile, int pool, long seed,
                              PrintStream progress) {
        this(name, vectorField, null, knob, topK, queryFile, pool, seed, progress);
    }

    /** @param partition the one partition searched, counted and scanned, or null for the whole collection */
    public CollectionWorkload(String name, String vectorField, String partition, Integer knob, int topK, Path queryFile, int pool,
                              long seed, PrintStream progress) {
        this.partition = partition;
        this.name = name;
        this.vectorField = vectorField;
        this.knob = knob;
        this.topK = topK;
        this.queryFile = queryFile;
        this.pool = pool;
        this.seed = seed;
        this.progress = progress;
    }

    @Override
    public Workload prepare(MilvusClientV2 client) {
        collection = ExistingCollection.discover(client, name, vectorField, partition);
        SearchTarget target = collection.searchTarget(knob, topK);
        progress.println("load: read-only on " + target.describe());
        if (queryFile != null) {
            queries = readQueries(queryFile, pool, collection.dim());
            querySource = queryFile.toString();
        } else {
            long started = System.nanoTime();
            queries = collection.sample(pool, seed, SCAN_LIMIT);
            querySource = "sampled from the collection (seed " + seed + ")";
            progress.printf(Locale.ROOT, "load: sampled %d query vectors from %,d rows in %.1f s%n", queries.length, collection.rows(),
                    (System.nanoTime() - started) / 1e9);
            if (queries.length == 0) {
                throw new BadInputException("collection '" + name + "' holds no rows to sample query vectors from");
            }
        }
        return new Workload(target, queries, null, null);
    }

    public ExistingCollection collection() {
        return collection;
    }

    /**
     * The collection's rows at the start and now (count(*) at Strong consistency), for run.json:
     * {@code before}, {@code after}, {@code changed} (after - before: rows others inserted, less
     * rows they deleted, while the run read it); {@code after_error} instead when it cannot be counted now.
     */
    public java.util.Map<String, Object> rowsDuringRun() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("before", collection.rows());
        out.put("source", "count(*) at Strong consistency");
        try {
            long after = collection.countRows();
            out.put("after", after);
            out.put("changed", after - collection.rows());
        } catch (RuntimeException e) {
            out.put("after_error", io.milvusbench.milvus.MilvusClients.rootMessage(e));
        }
        return out;
    }

    /** Where the query vectors came from, for run.json. */
    public String querySource() {
        return querySource;
    }

    /** Query vectors of a file: the first {@code n} (fewer when it holds fewer) of an .fvecs/.bvecs file or an .hdf5 test set. */
    static float[][] readQueries(Path file, int n, int dim) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no query file " + file);
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        float[][] out;
        if (lower.endsWith(".hdf5") || lower.endsWith(".h5")) {
            try (Hdf5Dataset h = Hdf5Dataset.open(file)) {
                out = h.queries(Math.min(n, h.queryCount()));
            }
        } else {
            try (VecsFile f = VecsFile.open(file)) {
                if (f.format() == VecsFile.Format.IVECS) {
                    throw new BadInputException(file + " holds integers; query vectors come as .fvecs, .bvecs or .hdf5");
                }
                int m = (int) Math.min(n, f.count());
                float[] flat = new float[m * f.dim()];
                f.readFloats(0, m, flat);
                out = new float[m][f.dim()];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(flat, i * f.dim(), out[i], 0, f.dim());
                }
            }
        }
        if (out.length == 0) {
            throw new BadInputException(file + " holds no query vectors");
        }
        if (out[0].length != dim) {
            throw new BadInputException("dimension mismatch: " + file + " has dim " + out[0].length + ", the collection " + dim);
        }
        return out;
    }

    /**
     * Exact neighbours and the view they were computed on.
     *
     * @param ids       each query's k nearest primary keys, nearest first
     * @param scanned   the primary keys the scan saw, sorted; null when given in a file or too many to keep
     * @param rowsAtScan count(*) just before the scan; -1 when neighbours came from a file
     * @param scan      what the scan saw; null when neighbours came from a file
     */
    public record Truth(long[][] ids, long[] scanned, long rowsAtScan, ExistingCollection.Scan scan) {
    }

    /**
     * Most primary keys kept to tell rows inserted after the scan from the rows it saw: 20 million
     * (8 bytes each), and at most an eighth of the JVM's heap.
     */
    static final long KEY_SET_LIMIT = Math.min(20_000_000, Runtime.getRuntime().maxMemory() / 64);

    /**
     * Exact neighbours of the first {@code n} query vectors: from {@code neighbours} (an .ivecs file
     * of primary keys, one row per query in order) when given, else computed by streaming every row
     * of the collection once at Strong consistency (unflushed rows included, deleted rows left out),
     * keeping the primary keys seen (up to {@link #KEY_SET_LIMIT}) so that rows written while the
     * run goes on can be told apart; null, with the reason on the progress stream, when recall cannot
     * be had (primary keys that are not Int64, fewer than k rows).
     */
    public Truth exactNeighbours(int n, int k, Path neighbours) {
        if (neighbours != null) {
            try (VecsFile f = VecsFile.open(neighbours)) {
                if (f.format() != VecsFile.Format.IVECS) {
                    throw new BadInputException("--neighbours " + neighbours + ": expected an .ivecs file of primary keys");
                }
                if (f.count() < n || f.dim() < k) {
                    throw new BadInputException("--neighbours " + neighbours + " holds " + f.count() + " x " + f.dim()
                            + " ids; " + n + " queries x k=" + k + " needed");
                }
                int[][] ids = f.readInts(0, n);
                long[][] out = new long[n][k];
                for (int q = 0; q < n; q++) {
                    for (int i = 0; i < k; i++) {
                        out[q][i] = ids[q][i];
                    }
                }
                return new Truth(out, null, -1, null);
            }
        }
        if (!collection.int64Ids()) {
            progress.println("load: no recall: the primary key of '" + name + "' is not Int64 (give --neighbours or --recall-queries 0)");
            return null;
        }
        float[][] q = java.util.Arrays.copyOf(queries, n);
        StreamingGroundTruth truth = new StreamingGroundTruth(q, collection.metric(), k);
        long started = System.nanoTime();
        long[] lastReport = {started};
        long rowsAtScan = collection.countRows();
        long[][] keys = {new long[(int) Math.min(Math.max(rowsAtScan, 16), KEY_SET_LIMIT)]};
        int[] kept = {0};
        ExistingCollection.Scan scan = collection.scan(collection.batchRows(), SCAN_LIMIT, b -> {
            truth.accept(b.ids(), b.vectors(), b.count());
            if (keys[0] != null) {
                if (kept[0] + b.count() > KEY_SET_LIMIT) {
                    keys[0] = null;
                } else {
                    if (kept[0] + b.count() > keys[0].length) {
                        keys[0] = java.util.Arrays.copyOf(keys[0], (int) Math.min(KEY_SET_LIMIT, 2L * (kept[0] + b.count())));
                    }
                    System.arraycopy(b.ids(), 0, keys[0], kept[0], b.count());
                    kept[0] += b.count();
                }
            }
            long now = System.nanoTime();
            if (now - lastReport[0] > 10_000_000_000L) {
                lastReport[0] = now;
                progress.printf(Locale.ROOT, "load: exact neighbours: %,d / %,d rows scanned%n", truth.rows(), rowsAtScan);
            }
        });
        progress.printf(Locale.ROOT, "load: exact top-%d of %d queries over %,d streamed rows in %.1f s (count(*) before the scan: %,d)%n",
                k, n, truth.rows(), (System.nanoTime() - started) / 1e9, rowsAtScan);
        long[][] ids = truth.result();
        for (long[] row : ids) {
            if (row.length < k) {
                progress.println("load: no recall: the collection holds fewer than k=" + k + " rows");
                return null;
            }
        }
        long[] scanned = null;
        if (keys[0] != null) {
            scanned = java.util.Arrays.copyOf(keys[0], kept[0]);
            java.util.Arrays.sort(scanned);
        }
        return new Truth(ids, scanned, rowsAtScan, scan);
    }
}
