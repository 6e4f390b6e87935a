package io.milvusbench.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.load.Phase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An index sweep as written in {@code benchmarks/index-sweep.yaml}: the dataset, top-k, the short
 * closed loops run at every point (one thread for latency, {@code concurrency} threads for
 * saturated QPS), and per index kind its build parameters and knob values. Read with Jackson;
 * every mistake (unknown key or index, knob out of range, knob given to FLAT) is a one-line
 * {@link BadInputException} naming the file.
 */
public record SweepPlan(Dataset dataset, @JsonProperty("top_k") int topK, Loop loop, List<IndexEntry> indexes) {

    /**
     * The data, with the names bench uses: {@code source} is synthetic (default), wordnet-minilm,
     * an ann-benchmarks .hdf5/.h5 file or an .fvecs/.bvecs base file ({@code query_file} and
     * {@code neighbours} name its query and .ivecs files when they are not next to it); rows (a
     * file: its first rows, 0 or absent = all), dim, seed, metric, clusters and spread as in
     * {@code bench}; {@code queries} is the query pool: vectors for recall and, round-robin, for
     * the loops.
     */
    public record Dataset(String source, Long rows, Integer dim, Long seed, String metric, int queries, Integer clusters, Float spread,
                          @JsonProperty("query_file") String queryFile, String neighbours) {
        /** The options {@link io.milvusbench.dataset.Datasets#open} takes. */
        public DatasetOptions options() {
            DatasetOptions probe = new DatasetOptions(source == null ? DatasetOptions.SYNTHETIC : source, 0, 0, null, 0, null, null);
            boolean synthetic = probe.isSynthetic();
            return new DatasetOptions(probe.source(), rows != null ? rows : synthetic ? 20_000 : 0,
                    dim != null ? dim : synthetic ? 128 : 0, metric == null ? null : Metric.parse(metric),
                    seed != null ? seed : DatasetOptions.DEFAULT_SEED, queryFile == null ? null : Path.of(queryFile),
                    neighbours == null ? null : Path.of(neighbours), clusters != null ? clusters : DatasetOptions.DEFAULT_CLUSTERS,
                    spread != null ? spread : DatasetOptions.DEFAULT_SPREAD);
        }
    }

    public record Loop(int concurrency, @JsonProperty("warmup_seconds") double warmupSeconds,
                       @JsonProperty("duration_seconds") double durationSeconds) {
    }

    /** One index kind: build parameters (over the kind's defaults) and the knob values to search at. */
    public record IndexEntry(String kind, Map<String, Object> build, List<Integer> knob) {
        public IndexKind indexKind() {
            return IndexKind.parse(kind);
        }

        public Map<String, Object> buildParams() {
            return build == null ? Map.of() : build;
        }

        /** The knob values, or a single 0 for FLAT (which has none). */
        public List<Integer> knobValues() {
            return knob == null || knob.isEmpty() ? List.of(0) : knob;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Reads and checks a plan. */
    public static SweepPlan read(Path file) {
        Inputs.file("sweep file", file);
        RawPlan raw;
        try {
            raw = YAML.readValue(file.toFile(), RawPlan.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read sweep file " + file + ": "
                    + e.getMessage().lines().findFirst().orElse("").trim());
        }
        if (raw == null) {
            throw new BadInputException("sweep file " + file + " is empty");
        }
        SweepPlan plan = new SweepPlan(raw.dataset, raw.topK, raw.closedLoop, raw.indexes);
        plan.check(file);
        return plan;
    }

    /** The YAML's shape; {@code closed_loop} maps to {@link #loop()}. */
    private record RawPlan(Dataset dataset, @JsonProperty("top_k") int topK,
                           @JsonProperty("closed_loop") Loop closedLoop, List<IndexEntry> indexes) {
    }

    void check(Path file) {
        String where = "sweep file " + file + ": ";
        if (dataset == null || loop == null || indexes == null || indexes.isEmpty()) {
            throw new BadInputException(where + "needs dataset, closed_loop and a non-empty indexes list");
        }
        if (dataset.rows != null && dataset.rows != 0) {
            Inputs.rows(where + "dataset.rows", dataset.rows);
        }
        if (dataset.dim != null) {
            Inputs.dim(where + "dataset.dim", dataset.dim);
        }
        if (dataset.queries < 1 || dataset.queries > 10_000) {
            throw new BadInputException(where + "dataset.queries must be in 1..10000, got " + dataset.queries);
        }
        DatasetOptions data = dataset.options();
        if (topK < 1 || topK > 1024 || data.rows() > 0 && topK > data.rows()) {
            throw new BadInputException(where + "top_k must be in 1..min(rows, 1024), got " + topK);
        }
        if (data.rows() < 0 || data.isSynthetic() && (data.rows() < 1 || data.dim() < 1)) {
            throw new BadInputException(where + "dataset.rows and dataset.dim must be positive for synthetic data");
        }
        if (loop.concurrency < 1 || loop.concurrency > 1024) {
            throw new BadInputException(where + "closed_loop.concurrency must be in 1..1024, got " + loop.concurrency);
        }
        Inputs.seconds(where + "closed_loop.warmup_seconds", loop.warmupSeconds, true);
        Inputs.seconds(where + "closed_loop.duration_seconds", loop.durationSeconds, false);
        phase();
        for (IndexEntry entry : indexes) {
            IndexKind kind = entry.indexKind();
            for (Map.Entry<String, Object> p : entry.buildParams().entrySet()) {
                if (!(p.getValue() instanceof Integer)) {
                    throw new BadInputException(where + kind + " build." + p.getKey() + " must be a whole number, got '" + p.getValue() + "'");
                }
            }
            try {
                kind.validateBuildParams(entry.buildParams(), data.dim());
            } catch (BadInputException e) {
                throw new BadInputException(where + e.getMessage());
            }
            if (!kind.hasKnob() && entry.knob != null && !entry.knob.isEmpty()) {
                throw new BadInputException(where + kind + " has no search knob; remove its knob list");
            }
            if (kind.hasKnob() && (entry.knob == null || entry.knob.isEmpty())) {
                throw new BadInputException(where + kind + " needs a knob list (" + kind.knob() + " values)");
            }
            if (kind.hasKnob()) {
                entry.knob.forEach(v -> kind.validateKnob(v, topK, entry.buildParams()));
            }
        }
    }

    public Phase phase() {
        return Phase.of(loop.warmupSeconds, loop.durationSeconds);
    }

    /** The dataset the file names. */
    public DatasetOptions data() {
        return dataset.options();
    }

    /** The same plan on other data (the command line's dataset options) and another query pool. */
    public SweepPlan withData(DatasetOptions data, int queryPool) {
        return new SweepPlan(new Dataset(data.source(), data.rows(), data.dim(), data.seed(), data.metric() == null ? null
                : data.metric().name(), queryPool, data.clusters(), data.spread(), data.queries() == null ? null : data.queries().toString(),
                data.neighbours() == null ? null : data.neighbours().toString()), topK, loop, indexes);
    }

    /** Number of (index, knob) points. */
    public int points() {
        return indexes.stream().mapToInt(e -> e.knobValues().size()).sum();
    }
}
