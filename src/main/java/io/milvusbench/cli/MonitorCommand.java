package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.index.IndexKind;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.ServerFeatures;
import io.milvusbench.milvus.TargetKind;
import io.milvusbench.monitor.Advisor;
import io.milvusbench.monitor.ComponentMonitor;
import io.milvusbench.monitor.ContinuousMonitor;
import io.milvusbench.monitor.AlertEvaluator;
import io.milvusbench.monitor.GateAlertEvaluator;
import io.milvusbench.monitor.MonitorExporter;
import io.milvusbench.monitor.MonitorJson;
import io.milvusbench.monitor.MonitorRecorder;
import io.milvusbench.monitor.MonitorRules;
import io.milvusbench.monitor.MonitorSettings;
import io.milvusbench.monitor.JudgedSnapshot;
import io.milvusbench.monitor.Snapshot;
import io.milvusbench.monitor.TerminalReport;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.RunManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code monitor}: the component monitor, one-shot report or continuous snapshots. See docs/monitor.md. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Report what each Milvus component measures: Proxy (connect/search/query latency, request counts), "
                + "QueryNode (segments, distribution, memory/CPU), DataNode (rows, size, insert and flush probe, segment states), "
                + "IndexNode (index progress, timed build) and the host. One-shot by default; --continuous appends snapshots "
                + "to RUN/monitor.jsonl. Read-only on a server it did not start; writes only its own mbench_monitor_probe_* collection "
                + "(dropped again) on a server it started or with --write-probe."},
        footer = {"", "Examples:",
                "  milvus-bench monitor --target uri --uri 127.0.0.1:19530 --collection my_docs",
                "  milvus-bench monitor --target uri --uri 127.0.0.1:19530 --check                 # read-only on a server the suite did not start",
                "  milvus-bench monitor --target uri --uri 127.0.0.1:19530 --write-probe           # also time insert/flush/build (writes mbench_ only)",
                "  milvus-bench monitor --target local --continuous --interval 10 --duration 30m --prometheus-port 9464",
                "", "Exit codes: 0 ok, 1 a critical alert with --check, 2 bad input or unreachable server, 3 an unexpected error."})
final class MonitorCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--collection", paramLabel = "NAME", description = "Collection to inspect (repeatable); the first is also probed with search and query (read-only). Default: every collection, up to --max-collections; search/query on the write probe's collection.")
    List<String> collections = new ArrayList<>();

    @Option(names = "--max-collections", paramLabel = "N", description = "Most collections inspected when none are named. Default: ${DEFAULT-VALUE}.")
    int maxCollections = 16;

    @Option(names = "--continuous", description = "Take a snapshot every --interval seconds until --duration passes or Ctrl-C.")
    boolean continuous;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "Seconds between snapshots (continuous). Default: ${DEFAULT-VALUE}.")
    double intervalSeconds = 10;

    @Option(names = "--duration", paramLabel = "TIME", description = "How long to run (continuous): e.g. 90s, 30m, 2h; 0 = until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration = "0";

    @Option(names = "--connect-samples", paramLabel = "N", description = "Client open+close samples per snapshot. Default: ${DEFAULT-VALUE}.")
    int connectSamples = 10;

    @Option(names = "--search-samples", paramLabel = "N", description = "Search and query samples per snapshot (0 = none). Default: ${DEFAULT-VALUE}.")
    int searchSamples = 20;

    @Option(names = "--top-k", paramLabel = "K", description = "top-k of the search probe. Default: ${DEFAULT-VALUE}.")
    int topK = 10;

    @Option(names = "--write-probe", arity = "0", description = "Run the write probe: create, fill, flush, index, load and drop a small "
            + "mbench_monitor_probe_* collection (insert rows/s with and without flush, build seconds), even on a server the suite "
            + "did not start. Default: only on a server this command started (--target local or container).")
    boolean writeProbeAsked;

    @Option(names = "--no-write-probe", arity = "0", description = "Never run the write probe: the monitor only reads (no create, insert, "
            + "flush, index, load, release or drop), whatever the target.")
    boolean writeProbeRefused;

    /** Decided once the target is known: see {@link #writeProbeWanted}. */
    boolean writeProbe;

    @Option(names = "--write-probe-every", paramLabel = "N", description = "Continuous: run the write probe in every N-th snapshot (0 = never). Default: ${DEFAULT-VALUE}.")
    int writeProbeEvery = 10;

    @Option(names = "--probe-rows", paramLabel = "N", description = "Rows the write probe inserts. Default: ${DEFAULT-VALUE}.")
    int probeRows = 2_000;

    @Option(names = "--probe-dim", paramLabel = "N", description = "Vector dimension of the write probe. Default: ${DEFAULT-VALUE}.")
    int probeDim = 32;

    @Option(names = "--probe-index", paramLabel = "TYPE", description = "Index the write probe builds (FLAT, IVF_FLAT, IVF_SQ8, IVF_PQ, HNSW, DISKANN). Default: ${DEFAULT-VALUE}.")
    String probeIndex = "HNSW";

    @Option(names = "--thresholds", paramLabel = "FILE", description = "Alert rules, the format 'check' reads. Default: "
            + "benchmarks/thresholds.yaml in the current folder, else next to the jar, else the copy bundled in the jar "
            + "(the tutorial's levels: search p95 200 ms, memory 85/90 %%, insert 1,000 rows/s, index build 300 s). Every report names the file used.")
    Path thresholds;

    @Option(names = "--memory-warning", paramLabel = "PERCENT", description = "Memory use from which a recommendation is made (alerts come from the rules file). Default: ${DEFAULT-VALUE}.")
    double memoryWarning = 85;

    @Option(names = "--memory-critical", paramLabel = "PERCENT", description = "Kept for compatibility: must not be below --memory-warning. Default: ${DEFAULT-VALUE}.")
    double memoryCritical = 90;

    @Option(names = "--exact-rows", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count the rows of each loaded inspected collection with count(*) at Strong consistency (a read; unflushed rows "
            + "included, deleted rows excluded, which GetCollectionStatistics gets wrong); --no-exact-rows shows flushed rows only. Default: on.")
    boolean exactRows = true;

    @Option(names = "--probe-deadline-ms", paramLabel = "MS", description = "A liveness check (/healthz and one client open) slower than this "
            + "marks the server degraded, with a warning. Default: ${DEFAULT-VALUE}.")
    long probeDeadlineMs = 2_000;

    @Option(names = "--build-timeout", paramLabel = "SECONDS", description = "How long the write probe waits for its index build; "
            + "an unfinished build reports the time waited. Default: ${DEFAULT-VALUE}.")
    long buildTimeoutSeconds = 330;

    @Option(names = "--latency-target-ms", paramLabel = "MS", description = "Search/connect p95 above which a recommendation is made. Default: ${DEFAULT-VALUE}.")
    double latencyTargetMs = 100;

    @Option(names = "--check", description = "Exit 1 when any snapshot raised a critical alert.")
    boolean check;

    @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of run folders. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    @Option(names = "--json", paramLabel = "FILE", description = "One-shot: also write the snapshot as pretty JSON to FILE ('-' prints it instead of the tables).")
    String json;

    @Option(names = "--prometheus-port", paramLabel = "PORT", description = "Serve the monitor's figures at http://BIND:PORT/metrics (0 = off). Default: ${DEFAULT-VALUE}.")
    int prometheusPort;

    @Option(names = "--prometheus-bind", paramLabel = "ADDRESS", description = "Address the Prometheus endpoint binds to. Default: ${DEFAULT-VALUE}.")
    String prometheusBind = "127.0.0.1";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (writeProbeAsked && writeProbeRefused) {
            throw new BadInputException("--write-probe and --no-write-probe contradict each other: give one");
        }
        targetOptions.check();
        io.milvusbench.milvus.MilvusClients.quietRequestErrors();   // a refused request is reported once, by the monitor
        Inputs.onlyWhen(spec, continuous, "with --continuous", "--interval", "--duration", "--write-probe-every");
        Inputs.onlyWhen(spec, !continuous, "to a one-shot report (without --continuous)", "--json");
        Inputs.onlyWhen(spec, !writeProbeRefused, "when the write probe may run (not with --no-write-probe)",
                "--probe-rows", "--probe-dim", "--probe-index", "--build-timeout", "--write-probe-every");
        MonitorSettings settings = settings();
        Duration interval = seconds(intervalSeconds, "--interval");
        Duration runFor = MonitorDurations.parse(duration);
        if (runFor.toSeconds() > Inputs.MAX_SECONDS) {
            throw new BadInputException("--duration " + duration + " is longer than a week: give at most 7d (168h)");
        }
        if (json != null && !"-".equals(json)) {
            Inputs.outputFile("--json", Path.of(json));
        }
        Inputs.resultsFolder("--results", results);
        MonitorRules.Found found = MonitorRules.resolve(thresholds);
        rulesSource = found.source();
        AlertEvaluator alerts = new GateAlertEvaluator(found.thresholds());
        // the monitor counts and reports its own failed reads; the SDK's ERROR line for each would repeat them
        io.milvusbench.milvus.MilvusClients.quietRequestErrors();
        try (MilvusTarget target = targetOptions.open()) {
            checkCollectionsExist(target);
            if (writeProbeWanted(target.kind()) && spec.commandLine().getParseResult().hasMatchedOption("--probe-index")) {
                Optional<String> refusal = ServerFeatures.indexRefusal(target, probeIndex);
                if (refusal.isPresent()) {
                    throw new BadInputException("--probe-index " + probeIndex + ": " + refusal.get());
                }
            }
            MonitorExporter exporter = prometheusPort > 0 ? MonitorExporter.start(prometheusBind, prometheusPort) : null;
            System.err.println("monitor: " + target.describe());
            System.err.println("monitor: alert rules from " + rulesSource);
            writeProbe = writeProbeWanted(target.kind());
            if (writeProbe && probeIndexRefused(target)) {
                probeIndex = "IVF_FLAT";
                settings = settings();
            }
            settings = settings.withWriteProbe(writeProbe);
            System.err.println("monitor: " + writeProbeNote(target.kind()));
            List<String> lacks = ServerFeatures.lacks(target);
            lacks.forEach(note -> System.err.println("monitor: " + note));
            Advisor advisor = new Advisor(settings);
            if (exporter != null) {
                System.err.println("monitor: Prometheus endpoint http://" + prometheusBind + ":" + exporter.port() + "/metrics");
            }
            try {
                MonitorRecorder recorder = new MonitorRecorder(RunFolder.create(results, "monitor"),
                        new RunManifest("monitor", parameters(interval, runFor)).target(target).put("server_lacks", lacks));
                ComponentMonitor monitor = ComponentMonitor.forTarget(target, settings);
                return continuous ? runContinuous(monitor, recorder, alerts, advisor, interval, runFor, exporter)
                        : runOnce(monitor, recorder, alerts, advisor, exporter);
            } finally {
                if (exporter != null) {
                    exporter.close();
                }
            }
        }
    }

    /** True (and said once) when the server does not build the default probe index HNSW: the write probe builds IVF_FLAT instead. */
    private boolean probeIndexRefused(MilvusTarget target) {
        Optional<String> refusal = ServerFeatures.indexRefusal(target, probeIndex);
        refusal.ifPresent(r -> System.err.println("monitor: write probe builds IVF_FLAT, not the default " + probeIndex + ": " + r));
        return refusal.isPresent();
    }

    /** Reads the server answered UNIMPLEMENTED (Milvus Lite's segment information), said once; their figures are left out. */
    private static List<String> unavailableNote() {
        List<String> missing = io.milvusbench.monitor.ComponentMonitor.unavailable();
        if (!missing.isEmpty()) {
            System.err.println("monitor: not available on this server (UNIMPLEMENTED), figures left out: " + String.join("; ", missing));
        }
        return missing;
    }

    /** The write probe runs when asked, never when refused, and by default only on a server this command started. */
    boolean writeProbeWanted(TargetKind kind) {
        if (writeProbeRefused) {
            return false;
        }
        return writeProbeAsked || startedHere(kind);
    }

    private static boolean startedHere(TargetKind kind) {
        return kind == TargetKind.LOCAL || kind == TargetKind.CONTAINER || kind == TargetKind.LITE;
    }

    private String writeProbeNote(TargetKind kind) {
        if (writeProbeRefused) {
            return "read-only (--no-write-probe): nothing on the server is created, written, loaded or dropped";
        }
        if (writeProbeAsked) {
            return "write probe on (--write-probe): creates, fills, indexes, loads and drops one mbench_monitor_probe_* collection"
                    + (continuous ? " every " + writeProbeEvery + " snapshots" : "");
        }
        return startedHere(kind)
                ? "write probe on: this command started the server (--no-write-probe to stay read-only)"
                : "read-only: the suite did not start this server (--write-probe to time insert, flush and index build)";
    }

    /** Every collection named with --collection must exist: checked read-only before the first snapshot. */
    private void checkCollectionsExist(MilvusTarget target) {
        if (collections.isEmpty()) {
            return;
        }
        io.milvus.v2.client.MilvusClientV2 client = io.milvusbench.milvus.MilvusClients.v2(target.connection());
        try {
            for (String name : collections) {
                if (name == null || name.isBlank()) {
                    throw new BadInputException("--collection is empty: name a collection");
                }
                boolean exists = io.milvusbench.collection.ServerRefusal.naming("collection '" + name + "' (--collection)",
                        () -> client.hasCollection(io.milvus.v2.service.collection.request.HasCollectionReq.builder()
                                .collectionName(name).build()));
                if (!exists) {
                    throw new BadInputException("collection '" + name + "' (--collection) does not exist on "
                            + target.connection().redactedUri());
                }
            }
        } finally {
            client.close();
        }
    }

    /** Where the alert rules came from; named in every report. */
    String rulesSource;

    private int runOnce(ComponentMonitor monitor, MonitorRecorder recorder, AlertEvaluator alerts, Advisor advisor,
                        MonitorExporter exporter) {
        JudgedSnapshot o;
        try (monitor) {
            ComponentMonitor.Taken taken = monitor.take(1, writeProbe);
            o = JudgedSnapshot.of(taken.snapshot(), taken.latencies(), alerts, advisor);
            recorder.record(o);
        }
        if (exporter != null) {
            exporter.update(o);
        }
        Snapshot s = o.snapshot();
        String pretty = MonitorJson.pretty(s);
        RunFolder.writeAtomically(recorder.dir().resolve("snapshot.json"), pretty.getBytes(StandardCharsets.UTF_8));
        if ("-".equals(json)) {
            System.out.println(pretty);
        } else {
            new TerminalReport(System.out, rulesSource).print(s);
            if (json != null) {
                RunFolder.writeAtomically(Path.of(json), pretty.getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", s.status());
        summary.put("probe_errors", s.errors() == null ? 0 : s.errors().size());
        summary.put("alerts", s.alerts());
        summary.put("rules_file", rulesSource);
        summary.put("unavailable_reads", unavailableNote());
        Path folder = recorder.finish(summary);
        System.err.println("monitor: run folder " + folder);
        if (!s.up()) {
            throw new BadInputException("Milvus did not answer: " + (s.errors().isEmpty() ? "unreachable" : s.errors().get(0).message()));
        }
        return check && o.hasCritical() ? 1 : 0;
    }

    private int runContinuous(ComponentMonitor monitor, MonitorRecorder recorder, AlertEvaluator alerts, Advisor advisor,
                              Duration interval, Duration runFor, MonitorExporter exporter) throws InterruptedException {
        boolean[] critical = {false};
        ContinuousMonitor loop = new ContinuousMonitor(monitor, recorder, alerts, advisor, interval, runFor,
                writeProbe ? writeProbeEvery : 0, o -> {
                    critical[0] |= o.hasCritical();
                    if (exporter != null) {
                        exporter.update(o);
                    }
                    System.err.println(MonitorProgress.line(o));
                });
        Thread hook = new Thread(() -> {
            loop.requestStop();
            try {
                loop.awaitFinished(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.printf(Locale.ROOT, "monitor: a snapshot every %.1f s %s; Ctrl-C stops and completes the run folder%n",
                interval.toMillis() / 1000.0, runFor.isZero() ? "until stopped" : "for " + runFor.toSeconds() + " s");
        Map<String, Object> summary = loop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is what stopped us
        }
        unavailableNote();
        System.err.println("monitor: " + summary.get("snapshots") + " snapshots (" + summary.get("up") + " up, " + summary.get("down")
                + " down), outages " + summary.get("outages") + "; run folder " + summary.get("run_folder"));
        return check && critical[0] ? 1 : 0;
    }

    private MonitorSettings settings() {
        if (intervalSeconds <= 0 || intervalSeconds > 86_400) {
            throw new BadInputException("--interval must be in (0, 86400] seconds, got " + intervalSeconds);
        }
        Inputs.range("--max-collections", maxCollections, 1, 10_000);
        Inputs.range("--connect-samples", connectSamples, 0, 10_000);
        Inputs.range("--search-samples", searchSamples, 0, 10_000);
        Inputs.range("--top-k", topK, 1, 16_384);
        Inputs.range("--probe-rows", probeRows, 1, 1_000_000);
        Inputs.dim("--probe-dim", probeDim);
        Inputs.range("--memory-warning", memoryWarning, 0, 100);
        Inputs.range("--memory-critical", memoryCritical, 0, 100);
        Inputs.range("--latency-target-ms", latencyTargetMs, 0, 3_600_000);
        Inputs.range("--probe-deadline-ms", probeDeadlineMs, 1, 3_600_000);
        Inputs.range("--build-timeout", buildTimeoutSeconds, 1, 86_400);
        Inputs.range("--prometheus-port", prometheusPort, 0, 65_535);
        if (writeProbeEvery < 0) {
            throw new BadInputException("--write-probe-every must be 0 or more, got " + writeProbeEvery);
        }
        if (probeDeadlineMs <= 0 || buildTimeoutSeconds <= 0) {
            throw new BadInputException("--probe-deadline-ms and --build-timeout must be positive");
        }
        return new MonitorSettings(collections, maxCollections, connectSamples, searchSamples, topK, writeProbe, probeRows, probeDim,
                IndexKind.parse(probeIndex), Duration.ofSeconds(20), memoryWarning, memoryCritical, latencyTargetMs, exactRows,
                Duration.ofMillis(probeDeadlineMs), Duration.ofSeconds(buildTimeoutSeconds));
    }

    private static Duration seconds(double value, String option) {
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private Map<String, Object> parameters(Duration interval, Duration runFor) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", continuous ? "continuous" : "one-shot");
        p.put("collections", collections);
        p.put("interval_seconds", continuous ? interval.toMillis() / 1000.0 : null);
        p.put("duration_seconds", continuous ? runFor.toSeconds() : null);
        p.put("connect_samples", connectSamples);
        p.put("search_samples", searchSamples);
        p.put("top_k", topK);
        p.put("write_probe", writeProbe);
        p.put("write_probe_every", continuous ? writeProbeEvery : null);
        p.put("probe_rows", probeRows);
        p.put("probe_dim", probeDim);
        p.put("probe_index", probeIndex);
        p.put("memory_warning", memoryWarning);
        p.put("memory_critical", memoryCritical);
        p.put("rules_file", rulesSource);
        p.put("exact_rows", exactRows);
        p.put("probe_deadline_ms", probeDeadlineMs);
        return p;
    }
}
