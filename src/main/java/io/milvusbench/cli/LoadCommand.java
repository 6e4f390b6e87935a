package io.milvusbench.cli;

import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.BadInputException;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.load.CollectionWorkload;
import io.milvusbench.load.RecallCheck;
import io.milvusbench.load.SearchTarget;
import io.milvusbench.load.Workload;
import io.milvusbench.Inputs;
import io.milvusbench.index.IndexKind;
import io.milvusbench.milvus.ServerFeatures;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        description = {"Drive a Milvus with search (or filtered search, scalar query, or search + inserts) load and record latency,",
                "on a dataset the suite loads (synthetic, ann-benchmarks HDF5, fvecs/bvecs; recall@k printed) or, read only, on an",
                "existing collection (--collection NAME).",
                "open:     fixed request rates (wrk2 method: latency from each request's intended start; corrected and uncorrected hlog tags).",
                "closed:   concurrency levels, each thread sending its next request when the last answered (service time, QPS).",
                "capacity: the highest rate whose SLO percentile stays under the threshold with few errors.",
                "overhead: client latency against the proxy's own request latency (metrics endpoint): what the harness adds.",
                "ceiling:  the generator's own limit: async GetVersion steps from --start-rate, doubling while send lag p99 < 1 ms.",
                "Output: a new run folder (hlog/, metrics.jsonl, run.json) and a summary on stdout; progress on stderr.",
                "Exit codes: 0 every phase passed; 1 a phase had no successful request or an error rate above --max-error-rate",
                "(run.json 'failures' names it); 2 bad input, unreachable server, or a probe search the server refuses (e.g. the filter); 3 an unexpected error."},
        footer = {"", "Examples:",
                "  milvus-bench load --target local --mode open --rate 100,400 --duration 20 --warmup 5",
                "  milvus-bench load --target local --mode closed --concurrency 1,2,4,8,16,32,64",
                "  milvus-bench load --target local --mode open --mix filtered --filter 'category < 10' --rate 200",
                "  milvus-bench load --target local --mode open --mix streaming --rate 200 --insert-rate 10 --insert-batch 100",
                "  milvus-bench load --target uri --uri 127.0.0.1:19530 --mode capacity --slo 'p95<20ms' --index HNSW --knob 64",
                "  milvus-bench load --target local --mode overhead --client grpc --duration 20",
                "  milvus-bench load --target local --mode ceiling --start-rate 1000 --max-rate 64000 --duration 6 --warmup 2",
                "  milvus-bench load --target uri --uri 127.0.0.1:19530 --mode open --client async --rate 2000 \\",
                "      --shard 1/2 --start-at 2026-11-30T04:30:00Z   # and --shard 2/2 elsewhere; then check --merge",
                "  milvus-bench load --target local --mode closed --dataset data/sift_base.fvecs --rows 200000 --index IVF_FLAT --knob 32",
                "  milvus-bench load --target uri --uri 127.0.0.1:19530 --mode capacity --collection docs --slo 'p95<50ms' --knob 64",
                "  milvus-bench load --target uri --uri 127.0.0.1:19530 --mode open --collection docs --mix query --filter 'lang == 2' --rate 100"})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "MODE", description = "open, closed, capacity, overhead or ceiling. Default: ${DEFAULT-VALUE}.")
    String mode = "open";

    @Option(names = "--mix", paramLabel = "MIX", description = "search, filtered, query (scalar query with --filter, top-k rows) or streaming (search + inserts). Default: ${DEFAULT-VALUE}.")
    String mix = "search";

    @Option(names = "--rate", paramLabel = "R[,R...]", split = ",", description = "open: requests per second, one phase each. Default: ${DEFAULT-VALUE}.")
    List<Double> rates = new ArrayList<>(List.of(100.0));

    @Option(names = "--concurrency", paramLabel = "N[,N...]", split = ",", description = "closed: threads, one phase each. Default: ${DEFAULT-VALUE}.")
    List<Integer> concurrency = new ArrayList<>(List.of(1, 2, 4, 8, 16, 32, 64));

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of each phase (rate, level or capacity step), warmup included. Default: ${DEFAULT-VALUE}.")
    double duration = 10;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Unmeasured start of each phase. Default: ${DEFAULT-VALUE}.")
    double warmup = 2;

    @Option(names = "--client-warmup", paramLabel = "SECONDS", description = "Longest unmeasured warm-up of the client before the "
            + "first phase: the run's requests (ceiling: GetVersion) from 4 threads until the JIT compiler settles (< 5 %% of a core over a second), "
            + "so the first phase neither pays for compiling nor takes that CPU from a server on the same machine. 0: none. "
            + "Default: ${DEFAULT-VALUE}.")
    double clientWarmup = 10;

    @Option(names = "--dataset", paramLabel = "SPEC", description = "synthetic (default), an ann-benchmarks .hdf5 file, or a .fvecs/.bvecs base file (as in bench).")
    String dataset = DatasetOptions.SYNTHETIC;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the dataset (synthetic: default 20000; a file: its first N rows, default all).")
    Long rows;

    @Option(names = "--dim", paramLabel = "D", description = "Dimension of synthetic data (default 128; a file must have it).")
    Integer dim;

    @Option(names = "--metric", paramLabel = "M", description = "L2, IP or COSINE (default: the dataset's; synthetic L2).")
    String metric;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic data and of query sampling. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--clusters", paramLabel = "N", description = "Synthetic data: mixture components. Default: ${DEFAULT-VALUE}.")
    int clusters = DatasetOptions.DEFAULT_CLUSTERS;

    @Option(names = "--spread", paramLabel = "S", description = "Synthetic data: spread around each centroid (0.2 separated, ~1 overlapping). Default: ${DEFAULT-VALUE}.")
    float spread = DatasetOptions.DEFAULT_SPREAD;

    @Option(names = "--queries", paramLabel = "FILE", description = "Query vectors: fvecs/bvecs datasets' query file (default: *_query.* next to the base file); "
            + "with --collection a .fvecs/.bvecs/.hdf5 file (default: sampled from the collection).")
    Path queries;

    @Option(names = "--neighbours", paramLabel = "FILE", description = "Exact neighbours (.ivecs): of an fvecs/bvecs dataset's queries, or with --collection "
            + "the primary keys of each query's nearest rows (default: computed by streaming the collection).")
    Path neighbours;

    @Option(names = "--query-pool", paramLabel = "N", description = "Distinct query vectors, used round-robin. Default: ${DEFAULT-VALUE}.")
    int queryPool = 1_000;

    @Option(names = "--recall-queries", paramLabel = "N", description = "Queries whose recall@k is measured before the phases "
            + "(exact neighbours computed or shipped); 0 = no recall. Default: ${DEFAULT-VALUE}.")
    int recallQueries = 100;

    @Option(names = "--collection", paramLabel = "NAME", description = "Search an existing collection the suite did not create, read only "
            + "(vector field, metric and index from its schema and index; it must be indexed and loaded). Search, filtered and query mixes only.")
    String collection;

    @Option(names = "--vector-field", paramLabel = "NAME", description = "--collection: the vector field to search (needed when it has several).")
    String vectorField;

    @Option(names = "--partition", paramLabel = "NAME", description = "--collection: search, count and scan this partition only (for a "
            + "partition key, filter on the key instead: --mix filtered --filter 'key == v').")
    String partition;

    @Option(names = "--top-k", paramLabel = "K", description = "Hits per search. Default: ${DEFAULT-VALUE}.")
    int topK = 10;

    @Option(names = "--index", paramLabel = "KIND", description = "FLAT, IVF_FLAT, IVF_SQ8, IVF_PQ, HNSW or DISKANN (--collection: the collection's own). Default: ${DEFAULT-VALUE}.")
    String index = "HNSW";

    @Option(names = "--knob", paramLabel = "V", description = "Search knob (ef, nprobe, search_list). Default: ef 64, nprobe 16, search_list 100.")
    Integer knob;

    @Option(names = "--filter", paramLabel = "EXPR", description = "Scalar filter of the filtered and query mixes (the suite's rows: row i has category i %% 100; "
            + "default 'category < 10'; --collection: required for those mixes).")
    String filter;

    @Option(names = "--insert-rate", paramLabel = "R", description = "streaming: insert requests per second. Default: ${DEFAULT-VALUE}.")
    double insertRate = 10;

    @Option(names = "--insert-batch", paramLabel = "N", description = "streaming: rows per insert. Default: ${DEFAULT-VALUE}.")
    int insertBatch = 100;

    @Option(names = "--consistency", paramLabel = "LEVEL", description = "Search consistency: STRONG, BOUNDED, SESSION or EVENTUALLY. Default: ${DEFAULT-VALUE}.")
    String consistency = "BOUNDED";

    @Option(names = "--client", paramLabel = "PATH", description = "sdk (MilvusClientV2: what a Java application sees), grpc (prebuilt requests on the gRPC stub) "
            + "or async (the same on the async stub, no thread per request: least client CPU). Default: ${DEFAULT-VALUE}.")
    String client = "sdk";

    @Option(names = "--shard", paramLabel = "I/N", description = "open: this process sends shard I of N of each rate (every N-th request of the schedule); "
            + "needs --start-at. The gate merges the N run folders: check FOLDER --merge OTHER...")
    String shard;

    @Option(names = "--start-at", paramLabel = "TIME", description = "open: start the first phase at this wall-clock time (ISO-8601 instant, e.g. "
            + "2026-11-30T04:30:00Z, or epoch seconds); phase k starts k x (duration + 5 s) later. Generator processes given the same time run in step.")
    String startAt;

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

    @Option(names = "--start-rate", paramLabel = "R", description = "capacity, ceiling: first rate tried (doubled until a step fails). Default: ${DEFAULT-VALUE}.")
    double startRate = 50;

    @Option(names = "--max-rate", paramLabel = "R", description = "capacity, ceiling: highest rate tried. Default: ${DEFAULT-VALUE}.")
    double maxRate = 5_000;

    @Option(names = "--precision", paramLabel = "RATIO", description = "capacity: stop when pass and fail rates are this close. Default: ${DEFAULT-VALUE}.")
    double precision = 0.1;

    @Option(names = "--max-steps", paramLabel = "N", description = "capacity, ceiling: most steps. Default: ${DEFAULT-VALUE}.")
    int maxSteps = 10;

    @Option(names = "--segments", paramLabel = "N", description = "Insert the rows in N flushed parts, so the collection has N sealed segments "
            + "to spread over a cluster's query nodes. Default: ${DEFAULT-VALUE} (one flush).")
    int segments = 1;

    @Option(names = "--replicas", paramLabel = "N", description = "Load the collection with N in-memory replicas (each on query nodes of its own; "
            + "a reused collection is released and loaded again). Default: as it is loaded, else 1.")
    Integer replicas;

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
        if (!List.of("open", "closed", "capacity", "overhead", "ceiling").contains(modeKey)) {
            throw new BadInputException("unknown mode '" + mode + "' (expected open, closed, capacity, overhead or ceiling)");
        }
        targetOptions.check();
        checkModeOptions(modeKey);
        LoadSettings settings = settings();
        int[] shardOf = shard == null ? new int[] {1, 1} : io.milvusbench.load.Schedule.parseShard(shard);
        java.time.Instant start = startAt == null ? null : io.milvusbench.load.Schedule.parseStart(startAt);
        if ((shard != null || start != null) && !"open".equals(modeKey)) {
            throw new BadInputException("--shard and --start-at are for --mode open (a shared fixed-rate schedule), not " + modeKey);
        }
        if (shard != null && start == null) {
            throw new BadInputException("--shard needs --start-at: the shards must start their schedule at the same instant");
        }
        if (shard != null && settings.mix() == Mix.STREAMING) {
            throw new BadInputException("--shard splits search requests; the streaming mix's inserts cannot be split (use search or filtered)");
        }
        if (start != null && start.isBefore(java.time.Instant.now())) {
            throw new BadInputException("--start-at " + start + " has passed already");
        }
        if (start != null && start.isAfter(java.time.Instant.now().plus(Duration.ofDays(1)))) {
            throw new BadInputException("--start-at " + start + " is more than a day ahead: give the instant the shards start at");
        }
        Slo objective = Slo.parse(slo);
        if (rates.isEmpty() || concurrency.isEmpty()) {
            throw new BadInputException((rates.isEmpty() ? "--rate" : "--concurrency") + " names no value: give at least one");
        }
        Inputs.range("--max-steps", maxSteps, 1, 100);
        rates.forEach(LoadSettings::checkRate);
        concurrency.forEach(LoadSettings::checkConcurrency);
        CapacityFinder finder = new CapacityFinder(objective, maxErrorRate, startRate, maxRate, precision, maxSteps);
        Inputs.range("--query-pool", queryPool, 1, 1_000_000);
        if (rows != null) {
            Inputs.rows("--rows", rows);
            if (topK > rows) {
                throw new BadInputException("--top-k " + topK + " is more than the collection's " + rows + " rows (--rows)");
            }
        }
        if (dim != null) {
            Inputs.dim("--dim", dim);
        }
        Inputs.fitsInMemory("--query-pool " + queryPool + " x --dim " + (dim != null ? dim : 128), queryPool, dim != null ? dim : 128, 0);
        Inputs.resultsFolder("--results", results);
        if (exportQueries != null) {
            Inputs.outputFile("--export-queries", exportQueries);
        }
        if (recallQueries < 0) {
            throw new BadInputException("--recall-queries must be 0 or more, got " + recallQueries);
        }
        if (queries != null && queries.getFileName() != null && queries.toString().matches("\\d+") && !java.nio.file.Files.exists(queries)) {
            throw new BadInputException("--queries takes a file of query vectors (as in bench); for the number of distinct queries use --query-pool "
                    + queries);
        }
        boolean readOnly = collection != null;
        if (readOnly) {
            checkCollectionOptions(settings);
        }
        io.milvusbench.load.Placement placement = new io.milvusbench.load.Placement(segments, replicas);
        Dataset data = readOnly ? null : Datasets.open(datasetOptions());
        CollectionWorkload existing = readOnly
                ? new CollectionWorkload(collection, vectorField, partition, knob, topK, queries, queryPool, seed, System.err) : null;
        try {
            return run(modeKey, settings, objective, finder, data, existing, shardOf, start, placement);
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }

    private int run(String modeKey, LoadSettings settings, Slo objective, CapacityFinder finder, Dataset data, CollectionWorkload existing,
                    int[] shardOf, java.time.Instant start, io.milvusbench.load.Placement placement) {
        int pool = data == null ? queryPool : Math.min(queryPool, data.queryCount());
        RunManifest manifest = new RunManifest("load").parameter("mode", modeKey).parameter("mix", settings.mix().label())
                .parameter("rates", rates).parameter("concurrency", concurrency).parameter("duration_s", duration).parameter("warmup_s", warmup)
                .parameter("dataset", data == null ? "collection " + collection : data.identity()).parameter("query_pool", pool).parameter("top_k", topK)
                .parameter("filter", settings.searchFilter()).parameter("consistency", consistency)
                .parameter("client", settings.client().name().toLowerCase(Locale.ROOT)).parameter("max_in_flight", maxInFlight).parameter("lag_bound_ms", lagBoundMs).parameter("slo", objective.toString())
                .parameter("max_error_rate", maxErrorRate).parameter("insert_rate", insertRate).parameter("insert_batch", insertBatch)
                .parameter("segments", segments).parameter("replicas", replicas).parameter("client_warmup_s", clientWarmup);
        if (start != null) {
            manifest.put("shard", new io.milvusbench.results.ShardInfo(shardOf[0], shardOf[1], start.toString()).toMap());
        }
        HeldProgress progress = HeldProgress.over(System.err, 15_000);
        MilvusClients.quietRequestErrors();
        RunFolder folder = RunFolder.create(results, "load");
        List<String> summary = new ArrayList<>();
        List<Failure> failures;
        boolean reused;
        String serverGone;
        try (MilvusTarget target = targetOptions.open()) {
            progress.println("load: target " + target.describe());
            settings = fitServer(target, modeKey, settings, progress);
            List<String> lacks = ServerFeatures.lacks(target);
            lacks.forEach(note -> progress.println("load: " + note));
            manifest.put("server_lacks", lacks);
            List<LoadResult> phases;
            Workload.Source source = existing != null ? existing : LoadRunner.fromDataset(data, pool, fresh, settings, progress, placement);
            try (LoadRunner runner = new LoadRunner(target, settings, source, folder, progress)) {
                SearchTarget searched = runner.workload().target();
                manifest.parameter("collection", searched.collection()).parameter("vector_field", searched.vectorField())
                        .parameter("metric", searched.metric().name()).parameter("index", searched.indexType())
                        .parameter("search_params", searched.searchParams()).parameter("rows", searched.rows())
                        .parameter("partitions", searched.partitions())
                        .parameter("read_only", existing != null)
                        .parameter("queries", existing != null ? existing.querySource() : data.queryCount() == Integer.MAX_VALUE ? "generated" : "dataset");
                if (exportQueries != null) {
                    io.milvusbench.load.QueryExport.writeFvecs(exportQueries, runner.workload().queries());
                    progress.println("load: wrote " + runner.workload().queries().length + " query vectors to " + exportQueries);
                }
                runner.probe();
                progress.release();
                runner.coordinate(start, shardOf[0], shardOf[1]);
                RecallCheck.beforePhases(runner, settings, data, existing, recallQueries, neighbours, progress).ifPresent(line -> {
                    summary.add(line);
                    manifest.put("recall", line);   // an outcome (timing included), not a parameter: shards compare parameters
                });
                Duration clientWarmupLimit = Duration.ofMillis((long) (clientWarmup * 1000));
                if (!"ceiling".equals(modeKey)) {
                    runner.warmClient(clientWarmupLimit);   // the ceiling warms up with its own request
                }
                switch (modeKey) {
                    case "open" -> {
                        for (double r : rates) {
                            if (runner.serverGone().isPresent()) {
                                break;
                            }
                            runner.open(r).forEach(x -> summary.add(line(x)));
                        }
                    }
                    case "closed" -> {
                        for (int c : concurrency) {
                            if (runner.serverGone().isPresent()) {
                                break;
                            }
                            runner.closed(c).forEach(x -> summary.add(line(x)));
                        }
                    }
                    case "capacity" -> summary.addAll(capacity(runner, finder, objective, settings));
                    case "ceiling" -> summary.addAll(runner.ceiling(startRate, maxRate, maxSteps, clientWarmupLimit).describe());
                    default -> summary.addAll(HarnessOverhead.measure(runner, settings, target, System.err).describe());
                }
                // what the warm-up did differs between runs of one command (and between shards): not a parameter
                runner.lastWarmup().ifPresent(w -> manifest.put("client_warmup", w.toMap()));
                phases = runner.results();
                if (existing != null) {
                    manifest.put("collection_rows", existing.rowsDuringRun());
                }
                reused = runner.collectionReused();
                serverGone = runner.serverGone().orElse(null);
            }
            failures = judge(modeKey, phases);
            if (serverGone != null) {
                // a phase cut short, or none run at all (gone during the warm-up): never a passing run, and run.json says why
                failures = new ArrayList<>(failures);
                failures.add(new Failure("load " + modeKey, "the server is gone (" + serverGone + "): phases cut short or not run"));
            }
            Map<String, ErrorSummary> errors = new LinkedHashMap<>();
            phases.forEach(r -> errors.merge(r.latencySeries().toString(), r.errorSummary(), ErrorSummary::plus));
            manifest.parameter("collection_reused", reused);
            manifest.failures(failures).errors(errors);
            manifest.target(target).write(folder.dir());
        } catch (BadInputException e) {
            progress.discard();
            folder.discardUnlessMeasured();
            throw e;
        } catch (RuntimeException e) {
            progress.release();
            folder.discardUnlessMeasured();
            throw e;
        } finally {
            progress.release();
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
     * What the server cannot do, refused before any work (one line, exit 2): an index kind it is
     * known not to build when asked for by name (the default HNSW becomes IVF_FLAT there, said once),
     * the ceiling (async GetVersion steps) on a server without GetVersion, the overhead mode without
     * a metrics endpoint.
     */
    private LoadSettings fitServer(MilvusTarget target, String modeKey, LoadSettings settings, HeldProgress progress) {
        if ("ceiling".equals(modeKey) && ServerFeatures.UNKNOWN_VERSION.equals(target.serverVersion())) {
            throw new BadInputException("--mode ceiling times GetVersion requests, which this server does not answer (UNIMPLEMENTED)");
        }
        if ("overhead".equals(modeKey) && target.metricsUri().isEmpty()) {
            throw new BadInputException("--mode overhead needs the server's metrics endpoint (" + ServerFeatures.NO_METRICS_ENDPOINT
                    + (target.kind() == io.milvusbench.milvus.TargetKind.URI ? "; give --metrics-uri http://HOST:9091)" : ")"));
        }
        if (collection != null) {
            return settings;
        }
        java.util.Optional<String> refusal = ServerFeatures.indexRefusal(target, settings.index().name());
        if (refusal.isEmpty()) {
            return settings;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--index")) {
            throw new BadInputException("--index " + index + ": " + refusal.get());
        }
        progress.println("load: searching an IVF_FLAT index, not the default HNSW: " + refusal.get());
        index = IndexKind.IVF_FLAT.name();
        return settings();
    }

    /**
     * The failed figures of a run: every phase with no successful request or an error rate above
     * {@code --max-error-rate}. Capacity steps above the capacity may fail by errors (that is how
     * the search finds the limit), so there only a step with no success at all fails the run, or
     * the lowest rate tried failing by errors when no step passed.
     */
    private List<Failure> judge(String modeKey, List<LoadResult> phases) {
        List<Failure> out = new ArrayList<>();
        if (!"capacity".equals(modeKey) && !"ceiling".equals(modeKey)) {
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
        if (answer.best() == null) {
            out.add("answer: no rate met the SLO (lowest tried " + startRate + "/s)");
        } else {
            LoadResult b = answer.best().result();
            out.add(String.format(Locale.ROOT, "answer: %.1f QPS (offered %.1f/s) with p%s %.3f ms <= %s ms, error rate %.4f",
                    b.qps(), b.offeredRate(), objective.percentileLabel(), b.percentileMs(objective.percentile()),
                    LoadResult.trim(objective.thresholdMs()), b.errorRate()));
        }
        runner.writeMetrics(finder.metrics(answer, settings.mix().label(), runner.workload().target().indexType()));
        return out;
    }

    /** Options that do nothing in the chosen mode or mix are refused, not ignored. */
    private void checkModeOptions(String modeKey) {
        boolean open = modeKey.equals("open");
        boolean capacity = modeKey.equals("capacity");
        Inputs.onlyWhen(spec, open, "with --mode open", "--rate");
        Inputs.onlyWhen(spec, modeKey.equals("closed"), "with --mode closed", "--concurrency", "--max-requests");
        boolean ceiling = modeKey.equals("ceiling");
        Inputs.onlyWhen(spec, capacity, "with --mode capacity", "--slo", "--precision");
        Inputs.onlyWhen(spec, capacity || ceiling, "with --mode capacity or ceiling", "--start-rate", "--max-rate", "--max-steps");
        Inputs.onlyWhen(spec, !modeKey.equals("closed"), "with an open loop (--mode open, capacity, overhead or ceiling)",
                "--max-in-flight", "--lag-bound-ms");
        Mix m = Mix.parse(mix);
        Inputs.onlyWhen(spec, m.filtered(), "with --mix filtered or query", "--filter");
        Inputs.onlyWhen(spec, m == Mix.STREAMING, "with --mix streaming", "--insert-rate", "--insert-batch");
    }

    private LoadSettings settings() {
        Mix m = Mix.parse(mix);
        Inputs.seconds("--duration", duration, false);
        Inputs.seconds("--client-warmup", clientWarmup, true);
        Inputs.seconds("--warmup", warmup, true);
        Phase phase = Phase.of(warmup, duration);
        if (collection == null && m.filtered() && filter != null && !filter.isBlank()) {
            LoadSettings.checkFilterFields(filter);
        }
        // an existing collection's index kind is discovered on the server; its knob is checked there
        IndexKind kind = collection != null ? IndexKind.FLAT : IndexKind.parse(index);
        if (collection == null && (dim != null || DatasetOptions.SYNTHETIC.equalsIgnoreCase(dataset.trim()))) {
            kind.validateBuildParams(Map.of(), dim != null ? dim : 128);
        }
        ConsistencyLevel level;
        try {
            level = ConsistencyLevel.valueOf(consistency.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown consistency level '" + consistency + "' (expected STRONG, BOUNDED, SESSION or EVENTUALLY)");
        }
        if (!(lagBoundMs > 0) || !(lagBoundMs <= 60_000)) {
            throw new BadInputException("lag bound must be in (0, 60000] ms, got " + lagBoundMs);
        }
        if (collection != null && m.writes()) {
            throw new BadInputException("the " + m.label() + " mix writes (inserts), and --collection " + collection
                    + " is only read (the suite never writes a collection it did not create); use --mix search, filtered or query");
        }
        if (collection != null && m.filtered() && (filter == null || filter.isBlank())) {
            throw new BadInputException("the " + m.label() + " mix on --collection " + collection + " needs --filter EXPR on its own fields");
        }
        return LoadSettings.builder(phase)
                .mix(m, filter != null ? filter : SUITE_FILTER)
                .openLoop(maxInFlight, Duration.ofNanos((long) (lagBoundMs * 1e6)))
                // an existing collection's knob is checked against its discovered index on the server
                .search(kind, collection != null ? null : knob, topK)
                .consistency(level)
                .inserts(insertRate, insertBatch)
                .maxRequests(maxRequests)
                .drainTimeout(targetOptions.options().rpcDeadline.plusSeconds(5))
                .client(ClientPath.parse(client))
                .build();
    }

    /** The filter of the filtered and query mixes on the suite's own rows (row i has category i % 100). */
    static final String SUITE_FILTER = "category < 10";

    /** Options that describe data the suite builds; with --collection they would be silently ignored, so they are refused. */
    private static final List<String> DATASET_ONLY = List.of("--dataset", "--rows", "--dim", "--metric", "--clusters", "--spread",
            "--index", "--fresh", "--insert-rate", "--insert-batch", "--segments", "--replicas");

    private void checkCollectionOptions(LoadSettings settings) {
        if (collection.isBlank()) {
            throw new BadInputException("--collection needs a collection name");
        }
        for (String option : DATASET_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new BadInputException(option + " does not apply to --collection " + collection
                        + " (its data, metric and index are the collection's own, and it is never written)");
            }
        }
        if (neighbours != null && settings.mix().filtered()) {
            throw new BadInputException("--neighbours: recall is measured for unfiltered searches only (mix search)");
        }
    }

    private DatasetOptions datasetOptions() {
        if (vectorField != null || partition != null) {
            throw new BadInputException((vectorField != null ? "--vector-field" : "--partition")
                    + " applies to --collection only (the suite's collections have one vector field and one partition)");
        }
        boolean synthetic = dataset == null || dataset.isBlank() || DatasetOptions.SYNTHETIC.equalsIgnoreCase(dataset.trim());
        return new DatasetOptions(dataset, rows != null ? rows : synthetic ? 20_000 : 0, dim != null ? dim : synthetic ? 128 : 0,
                metric == null ? null : Metric.parse(metric), seed, queries, neighbours, clusters, spread);
    }
}
