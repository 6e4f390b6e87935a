package io.milvusbench.bench;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.collection.IndexProbe;
import io.milvusbench.collection.PreparedCollections;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.IndexSpec;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.ServerFeatures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything checked before a bench run writes anything. {@link #checkInput()} (no server):
 * parameter names and values, index and build specs against every dimension and topK, and the
 * dataset (readable, its dimension, enough rows); a file dataset also supplies the default
 * rows, dim and metric. {@link #checkServer} (server reached, nothing written): existing reused
 * collections must have the dataset's dimension, and index kinds the server may refuse (DISKANN)
 * are probed once and skipped with its reason. Any failure is one {@link BadInputException} line.
 */
public final class BenchPreflight {
    /** {@code --quick}: tiny data, one index per family, small batches; a few minutes in all. */
    public static final Map<String, List<String>> QUICK_PARAMS = quick();

    private final List<BenchCatalog.Entry> benchmarks;
    private final Map<String, List<String>> given;
    private final boolean quick;
    private final DatasetOptions dataset;
    private final int queryPool;
    private final List<String> probed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /**
     * @param given parameters the user gave ({@code -p}, {@code --rows}, ...): each must belong to a chosen benchmark
     * @param quick add {@link #QUICK_PARAMS} where the user gave nothing
     */
    public BenchPreflight(List<BenchCatalog.Entry> benchmarks, Map<String, List<String>> given, boolean quick, DatasetOptions dataset,
                          int queryPool) {
        this.benchmarks = benchmarks;
        this.given = new LinkedHashMap<>(given);
        this.quick = quick;
        this.dataset = dataset;
        this.queryPool = queryPool;
    }

    private static Map<String, List<String>> quick() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("rows", List.of("2000"));
        q.put("dim", List.of("32"));
        q.put("index", List.of("FLAT", "IVF_FLAT:nlist=32:nprobe=16", "HNSW:ef=64"));
        q.put("build", List.of("IVF_FLAT:nlist=32", "HNSW"));
        q.put("batch", List.of("500"));
        q.put("call", List.of("hasCollection"));
        return q;
    }

    /** Index kinds the server was found to accept (for {@code -Dmilvus.bench.probed}). */
    public List<String> probed() {
        return probed;
    }

    /** What was left out, and why. */
    public List<String> skipped() {
        return skipped;
    }

    public BenchSelection checkInput() {
        Inputs.range("--query-pool", queryPool, 1, 1_000_000);
        // Defaults from --quick and from a dataset file apply only to chosen benchmarks that take them.
        Map<String, List<String>> defaults = new LinkedHashMap<>(quick ? QUICK_PARAMS : Map.of());
        if (!dataset.isSynthetic()) {
            try (Dataset file = Datasets.open(dataset)) {
                defaults.put("rows", List.of(Long.toString(file.rows())));
                defaults.put("dim", List.of(Integer.toString(file.dim())));
                defaults.put("metric", List.of(file.metric().name()));
            }
        }
        defaults.keySet().removeIf(k -> benchmarks.stream().noneMatch(b -> b.defaults().containsKey(k)));
        Map<String, List<String>> params = new LinkedHashMap<>(defaults);
        params.putAll(given);
        BenchSelection s = new BenchSelection(benchmarks, params);
        List<Integer> dims = ints(s, "dim", 1, 32768);
        List<Long> rowCounts = s.values("rows").stream().map(v -> Inputs.rows("rows", parseLong("rows", v, 1))).toList();
        List<Integer> topKs = ints(s, "topK", 1, 16384);
        Inputs.fitsInMemory("--query-pool " + queryPool + " (query vectors and their exact neighbours)", queryPool,
                dims.stream().max(Integer::compare).orElse(128), topKs.stream().max(Integer::compare).orElse(10));
        ints(s, "nq", 1, 16384);
        ints(s, "batch", 1, 1_000_000);
        List<Metric> metrics = s.values("metric").stream().map(Metric::parse).toList();
        for (String call : s.values("call")) {
            if (!call.equals("hasCollection") && !call.equals("getServerVersion")) {
                throw new BadInputException("unknown call '" + call + "' (expected hasCollection or getServerVersion)");
            }
        }
        for (int dim : dims) {
            for (String spec : s.values("SearchBenchmark", "index")) {
                for (int topK : topKs) {
                    IndexSpec.parse(spec).validate(dim, topK);
                }
            }
            for (String spec : s.values("IndexBuildBenchmark", "build")) {
                IndexSpec.parseBuild(spec).validate(dim, 1);
            }
            for (long rows : rowCounts) {
                for (Metric m : metrics) {
                    try (Dataset d = open(rows, dim, m)) {
                        if (s.selected("SearchBenchmark") && d.queryCount() < 1) {
                            throw new BadInputException("the dataset has no queries for the search benchmark");
                        }
                        for (int topK : topKs) {
                            if (s.selected("SearchBenchmark") && topK > d.rows()) {
                                throw new BadInputException("topK (" + topK + ") exceeds the rows (" + d.rows() + ")");
                            }
                        }
                    }
                }
            }
        }
        return s;
    }

    private Dataset open(long rows, int dim, Metric metric) {
        return Datasets.open(dataset.with(rows, dim, metric));
    }

    /**
     * With the server reached: refuses an existing collection of another dimension, probes index
     * kinds the server may refuse and drops them from the run (recorded in {@link #skipped()}).
     */
    public BenchSelection checkServer(MilvusTarget target, BenchSelection s) {
        MilvusClientV2 client = MilvusClients.v2(target.connection());
        try {
            for (Dataset d : datasets(s)) {
                try (d) {
                    if (s.selected("SearchBenchmark")) {
                        for (String spec : s.values("SearchBenchmark", "index")) {
                            PreparedCollections.checkDimension(client, d, IndexSpec.parse(spec));
                        }
                    }
                    if (s.selected("IndexBuildBenchmark")) {
                        PreparedCollections.checkDimension(client, d, null);
                    }
                }
            }
            s = refuseKnown(target, s, "SearchBenchmark", "index");
            s = refuseKnown(target, s, "IndexBuildBenchmark", "build");
            s = probe(client, s, "SearchBenchmark", "index");
            return probe(client, s, "IndexBuildBenchmark", "build");
        } finally {
            client.close();
        }
    }

    /**
     * Index kinds the server is known not to build ({@link ServerFeatures#indexRefusal}, e.g. HNSW on
     * Milvus Lite): one the user asked for by name is refused in one line before anything is written;
     * one that came from the defaults ({@code --quick}) is skipped with the reason.
     */
    private BenchSelection refuseKnown(MilvusTarget target, BenchSelection s, String benchmark, String param) {
        if (!s.selected(benchmark)) {
            return s;
        }
        List<String> kept = new ArrayList<>();
        for (String spec : s.values(benchmark, param)) {
            String kind = IndexSpec.parse(spec).kind().name();
            Optional<String> refusal = ServerFeatures.indexRefusal(target, kind);
            if (refusal.isEmpty()) {
                kept.add(spec);
            } else if (given.containsKey(param)) {
                throw new BadInputException("-p " + param + "=" + spec + ": " + refusal.get());
            } else if (skipped.stream().noneMatch(x -> x.startsWith(kind + " "))) {
                skipped.add(kind + " (" + refusal.get() + ")");
                System.out.println("milvus-bench: skipping " + kind + ": " + refusal.get());
            }
        }
        if (kept.isEmpty()) {
            skipped.add(benchmark + " (no index left to run)");
            return s.without(benchmark);
        }
        return s.with(param, kept);
    }

    private List<Dataset> datasets(BenchSelection s) {
        List<Dataset> out = new ArrayList<>();
        for (String dim : s.values("dim")) {
            for (String rows : s.values("rows")) {
                for (String metric : s.values("metric")) {
                    out.add(open(Long.parseLong(rows), Integer.parseInt(dim), Metric.parse(metric)));
                }
            }
        }
        return out;
    }

    private BenchSelection probe(MilvusClientV2 client, BenchSelection s, String benchmark, String param) {
        if (!s.selected(benchmark)) {
            return s;
        }
        List<String> kept = new ArrayList<>();
        for (String spec : s.values(benchmark, param)) {
            IndexSpec parsed = IndexSpec.parse(spec);
            IndexKind kind = parsed.kind();
            if (!IndexSupport.needsProbe(kind) || probed.contains(kind.name())) {
                kept.add(spec);
                continue;
            }
            if (skipped.stream().anyMatch(x -> x.startsWith(kind.name() + " "))) {
                continue;
            }
            System.out.println("milvus-bench: checking that the server builds and searches " + kind + " ...");
            Optional<String> rejection = IndexProbe.rejection(client, parsed,
                    Integer.parseInt(s.values("dim").get(0)), Metric.parse(s.values("metric").get(0)), Duration.ofSeconds(60));
            if (rejection.isPresent()) {
                skipped.add(kind + " (the server rejects it: " + rejection.get() + ")");
                System.out.println("milvus-bench: skipping " + kind + ": the server rejects it: " + rejection.get());
            } else {
                probed.add(kind.name());
                kept.add(spec);
            }
        }
        kept.removeIf(spec -> skipped.stream().anyMatch(x -> x.startsWith(IndexSpec.parse(spec).kind().name() + " ")));
        if (kept.isEmpty()) {
            skipped.add(benchmark + " (no index left to run)");
            return s.without(benchmark);
        }
        return s.with(param, kept);
    }

    private static List<Integer> ints(BenchSelection s, String key, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (String v : s.values(key)) {
            out.add((int) parseLong(key, v, min));
            if (out.get(out.size() - 1) > max) {
                throw new BadInputException(key + " must be at most " + max + ", got " + v);
            }
        }
        return out;
    }

    private static long parseLong(String key, String v, long min) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(key + " must be a whole number, got '" + v + "'");
        }
        if (n < min) {
            throw new BadInputException(key + " must be at least " + min + ", got " + v);
        }
        return n;
    }
}
