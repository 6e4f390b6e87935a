package io.milvusbench.cli;

import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.BadInputException;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.load.CapacityFinder;
import io.milvusbench.load.ClientPath;
import io.milvusbench.load.HarnessOverhead;
import io.milvusbench.load.LoadResult;
import io.milvusbench.load.LoadRunner;
import io.milvusbench.load.LoadSettings;
import io.milvusbench.load.Mix;
import io.milvusbench.load.Phase;
import io.milvusbench.results.ErrorSummary;
import io.milvusbench.results.Failure;
import io.milvusbench.results.RunManifest;
import io.milvusbench.load.Slo;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The load generator: open loop (SLO latency), closed loop (throughput), capacity search, harness overhead. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drive a Milvus with search (or filtered search, or search + inserts) load and record latency.",
                "open:     fixed request rates (wrk2 method: latency from each request's intended start; corrected and uncorrected hlog tags).",
                "closed:   concurrency levels, each thread sending its next request when the last answered (service time, QPS).",
                "capacity: the highest rate whose SLO percentile stays under the threshold with few errors.",
                "overhead: client latency against the proxy's own request latency (metrics endpoint): what the harness adds.",
                "Output: a new run folder (hlog/, metrics.jsonl, run.json) and a summary on stdout; progress on stderr.",
                "Exit codes: 0 every phase passed; 1 a phase had no successful request or an error rate above --max-error-rate",
                "(run.json 'failures' names it); 2 bad input, unreachable server, or a probe search the server refuses (e.g. the filter)."},
        footer = {"", "Examples:",
                "  milvus-bench load --target local --mode open --rate 100,400 --duration 20 --warmup 5",
                "  milvus-bench load --target local --mode closed --concurrency 1,2,4,8,16,32,64",
                "  milvus-bench load --target local --mode open --mix filtered --filter 'category < 10' --rate 200",
                "  milvus-bench load --target local --mode open --mix streaming --rate 200 --insert-rate 10 --insert-batch 100",
                "  milvus-bench load --target uri --uri 127.0.0.1:19530 --mode capacity --slo 'p95<20ms' --index HNSW --knob 64",
                "  milvus-bench load --target local --mode overhead --client grpc --duration 20"})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--mode", paramLabel = "MODE", description = "open, closed, capacity or overhead. Default: ${DEFAULT-VALUE}.")
    String mode = "open";

    @Option(names = "--mix", paramLabel = "MIX", description = "search, filtered or streaming. Default: ${DEFAULT-VALUE}.")
    String mix = "search";

    @Option(names = "--rate", paramLabel = "R[,R...]", split = ",", description = "open: requests per second, one phase each. Default: ${DEFAULT-VALUE}.")
    List<Double> rates = new ArrayList<>(List.of(100.0));

    @Option(names = "--concurrency", paramLabel = "N[,N...]", split = ",", description = "closed: threads, one phase each. Default: ${DEFAULT-VALUE}.")
    List<Integer> concurrency = new ArrayList<>(List.of(1, 2, 4, 8, 16, 32, 64));

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of each phase (rate, level or capacity step), warmup included. Default: ${DEFAULT-VALUE}.")
    double duration = 10;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Unmeasured start of each phase. Default: ${DEFAULT-VALUE}.")
    double warmup = 2;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the synthetic collection. Default: ${DEFAULT-VALUE}.")
    long rows = 20_000;

    @Option(names = "--dim", paramLabel = "D", description = "Vector dimension. Default: ${DEFAULT-VALUE}.")
    int dim = 128;

    @Option(names = "--seed", paramLabel = "S", description = "Dataset seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--queries", paramLabel = "N", description = "Distinct query vectors, used round-robin. Default: ${DEFAULT-VALUE}.")
    int queries = 1_000;

    @Option(names = "--top-k", paramLabel = "K", description = "Hits per search. Default: ${DEFAULT-VALUE}.")
    int topK = 10;

    @Option(names = "--index", paramLabel = "KIND", description = "FLAT, IVF_FLAT, IVF_SQ8, IVF_PQ, HNSW or DISKANN. Default: ${DEFAULT-VALUE}.")
    String index = "HNSW";

    @Option(names = "--knob", paramLabel = "V", description = "Search knob (ef, nprobe, search_list). Default: ef 64, nprobe 16, search_list 100.")
    Integer knob;

    @Option(names = "--filter", paramLabel = "EXPR", description = "Scalar filter of the filtered mix (row i has category i %% 100). Default: ${DEFAULT-VALUE}.")
    String filter = "category < 10";

    @Option(names = "--insert-rate", paramLabel = "R", description = "streaming: insert requests per second. Default: ${DEFAULT-VALUE}.")
    double insertRate = 10;

    @Option(names = "--insert-batch", paramLabel = "N", description = "streaming: rows per insert. Default: ${DEFAULT-VALUE}.")
    int insertBatch = 100;

    @Option(names = "--consistency", paramLabel = "LEVEL", description = "Search consistency: STRONG, BOUNDED, SESSION or EVENTUALLY. Default: ${DEFAULT-VALUE}.")
    String consistency = "BOUNDED";

    @Option(names = "--client", paramLabel = "PATH", description = "sdk (MilvusClientV2: what a Java application sees) or grpc (prebuilt requests on the gRPC stub: least client overhead). Default: ${DEFAULT-VALUE}.")
    String client = "sdk";

    @Option(names = "--max-in-flight", paramLabel = "N", description = "open: most requests outstanding at once (the generator reports when it is held up). Default: ${DEFAULT-VALUE}.")
    int maxInFlight = 512;

    @Option(names = "--lag-bound-ms", paramLabel = "MS", description = "open: a send later than this is a late send. Default: ${DEFAULT-VALUE}.")
    double lagBoundMs = 10;

    @Option(names = "--max-requests", paramLabel = "N", description = "closed: most requests per level. Default: ${DEFAULT-VALUE}.")
    long maxRequests = 1_000_000;

    @Option(names = "--slo", paramLabel = "SLO", description = "capacity: latency objective, e.g. p95<50ms, p99<=0.2s. Default: ${DEFAULT-VALUE}.")
    String slo = "p95<50ms";

    @Option(names = "--max-error-rate", paramLabel = "RATIO", description = "Highest acceptable error rate of a phase: above it (or with no successful request) "
            + "the phase is a failed figure and the run exits 1; capacity: a step above it fails. Default: ${DEFAULT-VALUE}.")
    double maxErrorRate = 0.01;

    @Option(names = "--start-rate", paramLabel = "R", description = "capacity: first rate tried (doubled until a step fails). Default: ${DEFAULT-VALUE}.")
    double startRate = 50;

    @Option(names = "--max-rate", paramLabel = "R", description = "capacity: highest rate tried. Default: ${DEFAULT-VALUE}.")
    double maxRate = 5_000;

    @Option(names = "--precision", paramLabel = "RATIO", description = "capacity: stop when pass and fail rates are this close. Default: ${DEFAULT-VALUE}.")
    double precision = 0.1;

    @Option(names = "--max-steps", paramLabel = "N", description = "capacity: most steps. Default: ${DEFAULT-VALUE}.")
    int maxSteps = 10;

    @Option(names = "--fresh", description = "Build a new collection and drop it afterwards (default: reuse a matching mbench_load_* collection).")
    boolean fresh;

    @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of the run folder. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    @Option(names = "--export-queries", paramLabel = "FILE", description = "Also write the query vectors as .fvecs, so another tool can send the very same queries (see docs/load.md).")
    Path exportQueries;

    /** The capacity search's answer, kept for judging the run (capacity mode only). */
    private CapacityFinder.Answer capacityAnswer;

    @Override
    public Integer call() {
        String modeKey = mode.trim().toLowerCase(Locale.ROOT);
        if (!List.of("open", "closed", "capacity", "overhead").contains(modeKey)) {
            throw new BadInputException("unknown mode '" + mode + "' (expected open, closed, capacity or overhead)");
        }
        LoadSettings settings = settings();
        Slo objective = Slo.parse(slo);
        rates.forEach(LoadSettings::checkRate);
        concurrency.forEach(LoadSettings::checkConcurrency);
        CapacityFinder finder = new CapacityFinder(objective, maxErrorRate, startRate, maxRate, precision, maxSteps);
        if (queries < 1) {
            throw new BadInputException("queries must be positive, got " + queries);
        }
        SyntheticDataset data = new SyntheticDataset(dim, rows, 64, 0.2f, seed, Metric.L2);

        RunManifest manifest = new RunManifest("load").parameter("mode", modeKey).parameter("mix", settings.mix().label())
                .parameter("rates", rates).parameter("concurrency", concurrency).parameter("duration_s", duration).parameter("warmup_s", warmup)
                .parameter("dataset", data.toString()).parameter("queries", queries).parameter("top_k", topK).parameter("index", settings.index().name())
                .parameter("knob", settings.knob()).parameter("filter", settings.searchFilter()).parameter("consistency", consistency)
                .parameter("client", settings.client().name().toLowerCase(Locale.ROOT)).parameter("max_in_flight", maxInFlight).parameter("lag_bound_ms", lagBoundMs).parameter("slo", objective.toString())
                .parameter("max_error_rate", maxErrorRate).parameter("insert_rate", insertRate).parameter("insert_batch", insertBatch);
        if (exportQueries != null) {
            io.milvusbench.load.QueryExport.writeFvecs(exportQueries, data.queries(queries));
            System.err.println("load: wrote " + queries + " query vectors to " + exportQueries);
        }
        MilvusClients.quietRequestErrors();
        RunFolder folder = RunFolder.create(results, "load");
        List<String> summary = new ArrayList<>();
        List<Failure> failures;
        try (MilvusTarget target = targetOptions.open()) {
            System.err.println("load: target " + target.describe());
            List<LoadResult> phases;
            try (LoadRunner runner = new LoadRunner(target, settings, data, queries, fresh, folder, System.err)) {
                runner.probe();
                switch (modeKey) {
                    case "open" -> rates.forEach(r -> runner.open(r).forEach(x -> summary.add(line(x))));
                    case "closed" -> concurrency.forEach(c -> runner.closed(c).forEach(x -> summary.add(line(x))));
                    case "capacity" -> summary.addAll(capacity(runner, finder, objective, settings));
                    default -> summary.addAll(HarnessOverhead.measure(runner, settings, target, System.err).describe());
                }
                phases = runner.results();
            }
            failures = judge(modeKey, phases);
            Map<String, ErrorSummary> errors = new LinkedHashMap<>();
            phases.forEach(r -> errors.merge(r.latencySeries().toString(), r.errorSummary(), ErrorSummary::plus));
            manifest.parameter("collection_reused", !fresh);
            manifest.failures(failures).errors(errors);
            manifest.target(target).write(folder.dir());
        } catch (BadInputException e) {
            folder.discard();
            throw e;
        }
        Path done = folder.complete();
        System.out.println("load " + modeKey + " (" + settings.mix().label() + "), latency in ms; open loop = corrected (from intended start)");
        summary.forEach(System.out::println);
        failures.forEach(f -> System.out.println("FAILED " + f.describe()));
        System.out.println("run folder: " + done);
        if (!failures.isEmpty()) {
            System.err.println("milvus-bench: " + failures.size() + " load phase(s) failed: "
                    + String.join("; ", failures.stream().map(Failure::describe).toList()));
            return 1;
        }
        return 0;
    }

    /**
     * The failed figures of a run: every phase with no successful request or an error rate above
     * {@code --max-error-rate}. Capacity steps above the capacity may fail by errors (that is how
     * the search finds the limit), so there only a step with no success at all fails the run, or
     * the lowest rate tried failing by errors when no step passed.
     */
    private List<Failure> judge(String modeKey, List<LoadResult> phases) {
        List<Failure> out = new ArrayList<>();
        if (!"capacity".equals(modeKey)) {
            for (LoadResult r : phases) {
                r.failure(maxErrorRate).ifPresent(reason -> out.add(new Failure(r.latencySeries().toString(), reason)));
            }
            return out;
        }
        for (LoadResult r : phases) {
            if (r.successes() <= 0) {
                r.failure(maxErrorRate).ifPresent(reason -> out.add(new Failure(r.latencySeries().toString(), reason)));
            }
        }
        if (capacityAnswer != null && capacityAnswer.best() == null && !capacityAnswer.curve().isEmpty()) {
            LoadResult lowest = capacityAnswer.curve().stream().map(CapacityFinder.Step::result)
                    .min(java.util.Comparator.comparingDouble(LoadResult::offeredRate)).orElseThrow();
            String series = lowest.latencySeries().toString();
            if (out.stream().noneMatch(f -> f.series().equals(series))) {
                lowest.failure(maxErrorRate).ifPresent(reason -> out.add(new Failure(series,
                        "no rate passed, and the lowest rate tried failed by errors: " + reason)));
            }
        }
        return out;
    }

    private static String line(LoadResult r) {
        return r.series() + "\n  " + r.summaryLine();
    }

    private List<String> capacity(LoadRunner runner, CapacityFinder finder, Slo objective, LoadSettings settings) {
        CapacityFinder.Answer answer = finder.find(rate -> runner.open(rate).get(0), System.err);
        capacityAnswer = answer;
        List<String> out = new ArrayList<>();
        out.add("capacity curve (SLO " + objective + ", error rate <= " + maxErrorRate + "):");
        for (CapacityFinder.Step s : answer.curve()) {
            out.add("  " + s.result().summaryLine() + "  " + (s.passed() ? "pass" : "FAIL: " + s.reason()));
        }
        SeriesId series = SeriesId.of("capacity", "mix", settings.mix().label(), "index", settings.index().name(),
                "percentile", objective.percentileLabel(), "slo_ms", LoadResult.trim(objective.thresholdMs()));
        if (answer.best() == null) {
            out.add("answer: no rate met the SLO (lowest tried " + startRate + "/s)");
            runner.writeMetrics(List.of(ScalarMetric.of(series, "Client", "capacity_qps", 0, "1/s")));
        } else {
            LoadResult b = answer.best().result();
            out.add(String.format(Locale.ROOT, "answer: %.1f QPS (offered %.1f/s) with p%s %.3f ms <= %s ms, error rate %.4f",
                    b.qps(), b.offeredRate(), objective.percentileLabel(), b.percentileMs(objective.percentile()),
                    LoadResult.trim(objective.thresholdMs()), b.errorRate()));
            runner.writeMetrics(List.of(
                    ScalarMetric.of(series, "Client", "capacity_qps", b.qps(), "1/s"),
                    ScalarMetric.of(series, "Client", "capacity_rate", b.offeredRate(), "1/s"),
                    ScalarMetric.of(series, "Client", "p" + objective.percentileLabel(), b.percentileMs(objective.percentile()), "ms")));
        }
        return out;
    }

    private LoadSettings settings() {
        Mix m = Mix.parse(mix);
        Phase phase = Phase.of(warmup, duration);
        IndexKind kind = IndexKind.parse(index);
        ConsistencyLevel level;
        try {
            level = ConsistencyLevel.valueOf(consistency.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown consistency level '" + consistency + "' (expected STRONG, BOUNDED, SESSION or EVENTUALLY)");
        }
        if (!(lagBoundMs > 0) || !(lagBoundMs <= 60_000)) {
            throw new BadInputException("lag bound must be in (0, 60000] ms, got " + lagBoundMs);
        }
        return LoadSettings.builder(phase)
                .mix(m, filter)
                .openLoop(maxInFlight, Duration.ofNanos((long) (lagBoundMs * 1e6)))
                .search(kind, knob, topK)
                .consistency(level)
                .inserts(insertRate, insertBatch)
                .maxRequests(maxRequests)
                .drainTimeout(targetOptions.options().rpcDeadline.plusSeconds(5))
                .client(ClientPath.parse(client))
                .build();
    }
}
