package io.milvusbench.cli;

import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.PairedTrials;
import io.milvusbench.gate.PairedTrials.Figure;
import io.milvusbench.gate.PairedTrials.Trial;
import io.milvusbench.index.IndexKind;
import io.milvusbench.load.ClientPath;
import io.milvusbench.load.CollectionWorkload;
import io.milvusbench.load.LoadResult;
import io.milvusbench.load.LoadRunner;
import io.milvusbench.load.LoadSettings;
import io.milvusbench.load.Mix;
import io.milvusbench.load.Phase;
import io.milvusbench.load.Workload;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.milvus.Targets;
import io.milvusbench.report.CompareReport;
import io.milvusbench.results.ErrorSummary;
import io.milvusbench.results.Failure;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.RunManifest;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An interleaved A/B comparison: the baseline (A) and the candidate (B) run in one process, in short
 * alternating load trials (ABBA or random order), on the same data and queries, so the machine's
 * drift falls on both; the verdict is paired, round by round ({@link PairedTrials}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a baseline (A) and a candidate (B) in one run: short load trials of A and B alternate (ABBA or random order)",
                "for N rounds on the same data and queries, so the machine's drift falls on both. A is the --target server with the",
                "common settings; B is A changed by the --b-* options: another server (--b-uri) and/or another knob, top-k, consistency",
                "or client path. Each trial is recorded in its own hlog file (series tagged variant=A|B, round=N).",
                "Verdict per statistic (p50, p95, p99 when every trial holds >= 10 samples beyond it, and qps): the per-round B/A ratios,",
                "the exact Wilcoxon signed-rank test of their logarithms, the Hodges-Lehmann ratio with its interval, and the outcome",
                "(regression / improvement / within noise / unchanged). Reports (summary.md, report.html with A and B per round,",
                "verdict.json, junit.xml) go to RUN/report.",
                "Exit codes: 0 no regression; 1 a regression, or a trial with no success or an error rate above --max-error-rate;",
                "2 bad input or an unreachable server; 3 an unexpected error."},
        footer = {"", "Examples:",
                "  milvus-bench compare --target uri --uri 127.0.0.1:19530 --b-uri 127.0.0.1:19531 --collection docs",
                "  milvus-bench compare --target uri --uri 127.0.0.1:19530 --knob 64 --b-knob 128 --rate 300",
                "  milvus-bench compare --target uri --uri 127.0.0.1:19530 --mode closed --concurrency 4 --client sdk --b-client grpc",
                "  milvus-bench compare --target local --b-consistency STRONG --rounds 16 --trial 8",
                "", "See docs/gate.md, 'Interleaved comparison'."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--b-uri", paramLabel = "URI", description = "B's server (host:port), when it is not A's. Default: A's server.")
    String bUri;

    @Option(names = "--b-metrics-uri", paramLabel = "URI", description = "B's metrics endpoint (default: port 9091 on B's host, if it answers).")
    String bMetricsUri;

    @Option(names = "--mode", paramLabel = "MODE", description = "open (fixed rate, latency from each request's intended start) or closed (fixed concurrency). Default: ${DEFAULT-VALUE}.")
    String mode = "open";

    @Option(names = "--rate", paramLabel = "R", description = "open: requests per second of every trial. Default: ${DEFAULT-VALUE}.")
    double rate = 300;

    @Option(names = "--concurrency", paramLabel = "N", description = "closed: threads of every trial. Default: ${DEFAULT-VALUE}.")
    int concurrency = 1;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds, each one trial of A and one of B (at least " + PairedTrials.MIN_ROUNDS + "). Default: ${DEFAULT-VALUE}.")
    int rounds = DEFAULT_ROUNDS;

    @Option(names = "--trial", paramLabel = "SECONDS", description = "Length of each trial, its warm-up included. Default: ${DEFAULT-VALUE}.")
    double trialSeconds = DEFAULT_TRIAL_S;

    @Option(names = "--trial-warmup", paramLabel = "SECONDS", description = "Unmeasured start of each trial. Default: ${DEFAULT-VALUE}.")
    double trialWarmup = DEFAULT_TRIAL_WARMUP_S;

    @Option(names = "--order", paramLabel = "ORDER", description = "abba (A B, B A, A B, ...) or random (a fair coin per round, --order-seed). Default: ${DEFAULT-VALUE}.")
    String order = "abba";

    @Option(names = "--order-seed", paramLabel = "S", description = "Seed of --order random. Default: ${DEFAULT-VALUE}.")
    long orderSeed = 1;

    @Option(names = "--collection", paramLabel = "NAME", description = "Search an existing collection on both servers, read only (default: the suite's synthetic collection, built or reused).")
    String collection;

    @Option(names = "--vector-field", paramLabel = "NAME", description = "--collection: the vector field (needed when it has several).")
    String vectorField;

    @Option(names = "--rows", paramLabel = "N", description = "Synthetic rows. Default: ${DEFAULT-VALUE}.")
    long rows = 20_000;

    @Option(names = "--dim", paramLabel = "D", description = "Synthetic dimension. Default: ${DEFAULT-VALUE}.")
    int dim = 128;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic data and of query sampling. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--index", paramLabel = "KIND", description = "Index of the synthetic collection. Default: ${DEFAULT-VALUE}.")
    String index = "HNSW";

    @Option(names = "--query-pool", paramLabel = "N", description = "Distinct query vectors, used round-robin by both variants. Default: ${DEFAULT-VALUE}.")
    int queryPool = 1_000;

    @Option(names = "--knob", paramLabel = "V", description = "A's search knob (ef, nprobe, search_list). Default: the index's default.")
    Integer knob;

    @Option(names = "--b-knob", paramLabel = "V", description = "B's search knob. Default: A's.")
    Integer bKnob;

    @Option(names = "--top-k", paramLabel = "K", description = "A's hits per search. Default: ${DEFAULT-VALUE}.")
    int topK = 10;

    @Option(names = "--b-top-k", paramLabel = "K", description = "B's hits per search. Default: A's.")
    Integer bTopK;

    @Option(names = "--consistency", paramLabel = "LEVEL", description = "A's consistency level. Default: ${DEFAULT-VALUE}.")
    String consistency = "BOUNDED";

    @Option(names = "--b-consistency", paramLabel = "LEVEL", description = "B's consistency level. Default: A's.")
    String bConsistency;

    @Option(names = "--client", paramLabel = "PATH", description = "A's client path: sdk, grpc or async. Default: ${DEFAULT-VALUE}.")
    String client = "sdk";

    @Option(names = "--b-client", paramLabel = "PATH", description = "B's client path. Default: A's.")
    String bClient;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "open: most requests outstanding at once. Default: ${DEFAULT-VALUE}.")
    int maxInFlight = 512;

    @Option(names = "--client-warmup", paramLabel = "SECONDS", description = "Longest unmeasured warm-up of each variant's client before the first round. Default: ${DEFAULT-VALUE}.")
    double clientWarmup = 10;

    @Option(names = "--regression-pct", paramLabel = "N", description = "Changes of B/A within this many percent are unchanged. Default: ${DEFAULT-VALUE}.")
    double regressionPct = DEFAULT_REGRESSION_PCT;

    @Option(names = "--alpha", paramLabel = "P", description = "Significance of the signed-rank test (two-sided). Default: ${DEFAULT-VALUE}.")
    double alpha = DEFAULT_ALPHA;

    @Option(names = "--max-error-rate", paramLabel = "RATIO", description = "Highest acceptable error rate of a trial. Default: ${DEFAULT-VALUE}.")
    double maxErrorRate = 0.01;

    @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of the run folder. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    /** The default shape: 30 rounds of 2 s trials (1 s warm-up): 2 minutes of trials, under 3 minutes on an existing collection. */
    static final int DEFAULT_ROUNDS = 30;
    static final double DEFAULT_TRIAL_S = 2;
    static final double DEFAULT_TRIAL_WARMUP_S = 1;
    static final double DEFAULT_REGRESSION_PCT = 5;
    static final double DEFAULT_ALPHA = 0.01;

    /** Most rounds (the exact test's limit). */
    static final int MAX_ROUNDS = io.milvusbench.gate.SignedRank.MAX_N;

    @Override
    public Integer call() {
        String modeKey = mode.trim().toLowerCase(Locale.ROOT);
        if (!modeKey.equals("open") && !modeKey.equals("closed")) {
            throw new BadInputException("unknown mode '" + mode + "' (expected open or closed)");
        }
        targetOptions.check();
        Inputs.onlyWhen(spec, modeKey.equals("open"), "with --mode open", "--rate", "--max-in-flight");
        Inputs.onlyWhen(spec, modeKey.equals("closed"), "with --mode closed", "--concurrency");
        Inputs.onlyWhen(spec, bUri != null, "with --b-uri", "--b-metrics-uri");
        String orderKey = order.trim().toLowerCase(Locale.ROOT);
        if (!orderKey.equals("abba") && !orderKey.equals("random")) {
            throw new BadInputException("unknown order '" + order + "' (expected abba or random)");
        }
        Inputs.onlyWhen(spec, orderKey.equals("random"), "with --order random", "--order-seed");
        Inputs.range("--rounds", rounds, PairedTrials.MIN_ROUNDS, MAX_ROUNDS);
        Inputs.seconds("--trial", trialSeconds, false);
        Inputs.seconds("--trial-warmup", trialWarmup, true);
        Inputs.seconds("--client-warmup", clientWarmup, true);
        if (modeKey.equals("open")) {
            LoadSettings.checkRate(rate);
        } else {
            LoadSettings.checkConcurrency(concurrency);
        }
        Inputs.range("--query-pool", queryPool, 1, 1_000_000);
        if (!(regressionPct >= 0) || Double.isInfinite(regressionPct)) {
            throw new BadInputException("--regression-pct must be a number >= 0, got " + regressionPct);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("--alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new BadInputException("--max-error-rate must be between 0 and 1, got " + maxErrorRate);
        }
        if (collection != null) {
            for (String option : List.of("--rows", "--dim", "--index")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new BadInputException(option + " does not apply to --collection " + collection + " (its data and index are its own)");
                }
            }
        } else if (vectorField != null) {
            throw new BadInputException("--vector-field applies to --collection only");
        }
        LoadSettings a = settings(knob, topK, consistency, client);
        LoadSettings b = settings(bKnob != null ? bKnob : knob, bTopK != null ? bTopK : topK,
                bConsistency != null ? bConsistency : consistency, bClient != null ? bClient : client);
        TargetOptions bTarget = null;
        if (bUri != null) {
            if (!"uri".equals(targetOptions.target.trim().toLowerCase(Locale.ROOT))) {
                throw new BadInputException("--b-uri needs --target uri for A too (two servers the suite did not start)");
            }
            bTarget = targetOptions.options();
            bTarget.uri = bUri;
            bTarget.metricsUri = bMetricsUri;
            bTarget.componentMetrics = List.of();
            io.milvusbench.milvus.ConnectionSpec.parseUri(bUri);
            if (bMetricsUri != null) {
                io.milvusbench.milvus.MetricsEndpoint.parse(bMetricsUri);
            }
        }
        Inputs.resultsFolder("--results", results);
        Dataset data = collection != null ? null
                : Datasets.open(new DatasetOptions(DatasetOptions.SYNTHETIC, Inputs.rows("--rows", rows), Inputs.dim("--dim", dim), null, seed, null, null));
        try {
            return run(modeKey, orderKey, a, b, bTarget, data);
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }

    private LoadSettings settings(Integer searchKnob, int k, String level, String path) {
        IndexKind kind = collection != null ? IndexKind.FLAT : IndexKind.parse(index);
        ConsistencyLevel consistencyLevel;
        try {
            consistencyLevel = ConsistencyLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown consistency level '" + level + "' (expected STRONG, BOUNDED, SESSION or EVENTUALLY)");
        }
        double warm = Math.min(trialWarmup, trialSeconds);
        if (!(trialWarmup < trialSeconds)) {
            throw new BadInputException("--trial-warmup " + trialWarmup + " s leaves nothing of the " + trialSeconds + " s trial to measure");
        }
        return LoadSettings.builder(Phase.of(warm, trialSeconds))
                .openLoop(maxInFlight, Duration.ofMillis(10))
                .search(kind, collection != null ? null : searchKnob, k)
                .consistency(consistencyLevel)
                .drainTimeout(targetOptions.options().rpcDeadline.plusSeconds(5))
                .client(ClientPath.parse(path))
                .build();
    }

    private Workload.Source source(Dataset data, LoadSettings settings, Integer searchKnob, int k) {
        if (data == null) {
            return new CollectionWorkload(collection, vectorField, searchKnob, k, null, queryPool, seed, System.err);
        }
        return LoadRunner.fromDataset(data, Math.min(queryPool, data.queryCount()), false, settings, System.err);
    }

    private int run(String modeKey, String orderKey, LoadSettings a, LoadSettings b, TargetOptions bTarget, Dataset data) {
        boolean[] bFirst = PairedTrials.order(rounds, orderKey.equals("random"), orderSeed);
        RunManifest manifest = new RunManifest("compare").parameter("mode", modeKey)
                .parameter(modeKey.equals("open") ? "rate" : "concurrency", modeKey.equals("open") ? rate : concurrency)
                .parameter("rounds", rounds).parameter("trial_s", trialSeconds).parameter("trial_warmup_s", trialWarmup)
                .parameter("order", orderKey).parameter("dataset", data == null ? "collection " + collection : data.identity())
                .parameter("regression_pct", regressionPct).parameter("alpha", alpha)
                .parameter("a", variant(a, null)).parameter("b", variant(b, bTarget == null ? null : bUri));
        if (orderKey.equals("random")) {
            manifest.parameter("order_seed", orderSeed);
        }
        MilvusClients.quietRequestErrors();
        RunFolder folder = RunFolder.create(results, "compare");
        List<Trial> trials = new ArrayList<>();
        List<LoadResult> phases = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        String gone = null;
        try (MilvusTarget targetA = targetOptions.open();
             MilvusTarget targetB = bTarget == null ? null : Targets.open(bTarget)) {
            System.err.println("compare: A on " + targetA.describe() + (targetB == null ? "" : "; B on " + targetB.describe()));
            if (bTarget == null && a.equals(b)) {
                System.err.println("compare: A and B are the same server with the same settings: an A/A run (every regression is a false alarm)");
            }
            try (LoadRunner runA = new LoadRunner(targetA, a, source(data, a, knob, topK), folder, System.err);
                 LoadRunner runB = new LoadRunner(targetB == null ? targetA : targetB, b,
                         source(data, b, bKnob != null ? bKnob : knob, bTopK != null ? bTopK : topK), folder, System.err)) {
                runA.probe();
                runB.probe();
                Duration warm = Duration.ofMillis((long) (clientWarmup * 1000));
                runA.warmClient(warm);
                runB.warmClient(warm);
                manifest.parameter("collection", runA.collectionName());
                for (int r = 0; r < rounds && gone == null; r++) {
                    for (int slot = 0; slot < 2; slot++) {
                        boolean isB = bFirst[r] == (slot == 0);
                        LoadRunner runner = isB ? runB : runA;
                        String variant = isB ? "B" : "A";
                        LoadResult result = trial(modeKey, runner, variant, r);
                        phases.add(result);
                        trials.add(Trial.of(variant, r, slot, result.latency(), result.qps(), result.errors()));
                        result.failure(maxErrorRate).ifPresent(reason -> failures.add(new Failure(result.latencySeries().toString(), reason)));
                        gone = runA.serverGone().or(runB::serverGone).orElse(null);
                        if (gone != null) {
                            break;
                        }
                    }
                }
            }
            if (gone != null) {
                failures.add(new Failure("compare", "a server is gone (" + gone + "): rounds cut short"));
            }
            Map<String, ErrorSummary> errors = new LinkedHashMap<>();
            phases.forEach(r -> errors.merge(r.latencySeries().toString(), r.errorSummary(), ErrorSummary::plus));
            manifest.failures(failures).errors(errors);
            manifest.target(targetA).write(folder.dir());
            io.milvusbench.gate.TrialsFile.write(folder.dir(), trials);
        } catch (RuntimeException e) {
            folder.discardUnlessMeasured();
            throw e;
        }
        Path done = folder.complete();
        List<Figure> figures = PairedTrials.judge(trials, regressionPct, alpha);
        boolean regressed = PairedTrials.regressed(figures);
        int exit = regressed || !failures.isEmpty() ? 1 : 0;
        CompareReport report = new CompareReport(done.getFileName().toString(), modeKey.equals("open")
                ? "open loop at " + Figures.format(rate) + "/s (latency corrected for coordinated omission)"
                : "closed loop, concurrency " + concurrency + " (service time)",
                "A " + variant(a, bTarget == null ? null : targetOptions.uri) + ", B " + variant(b, bTarget == null ? null : bUri), trials, figures, failures, regressionPct, alpha, exit);
        report.write(done.resolve("report"));
        report.console().forEach(System.out::println);
        System.out.println("run folder: " + done);
        if (exit != 0) {
            System.err.println("milvus-bench: " + (regressed ? "B regressed against A" : "")
                    + (regressed && !failures.isEmpty() ? "; " : "")
                    + (failures.isEmpty() ? "" : failures.size() + " trial(s) failed: "
                    + String.join("; ", failures.stream().map(Failure::describe).toList())));
        }
        return exit;
    }

    private LoadResult trial(String modeKey, LoadRunner runner, String variant, int round) {
        if (modeKey.equals("open")) {
            SeriesId series = SeriesId.of("openloop", "rate", LoadResult.trim(rate), "mix", Mix.SEARCH.label(),
                    "variant", variant, "round", round);
            return runner.openTrial(rate, series);
        }
        SeriesId series = SeriesId.of("closedloop", "concurrency", concurrency, "mix", Mix.SEARCH.label(),
                "variant", variant, "round", round);
        return runner.closedTrial(concurrency, series);
    }

    private static Map<String, Object> variant(LoadSettings s, String uri) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (uri != null) {
            m.put("uri", uri);
        }
        m.put("knob", s.knob());
        m.put("top_k", s.topK());
        m.put("consistency", s.consistency().name());
        m.put("client", s.client().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
