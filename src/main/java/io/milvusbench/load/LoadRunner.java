package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.milvus.ErrorCause;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.ServerWatch;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One load session against one target: a client (SDK retries off, so every failure is seen and
 * counted), the loaded collection, the run folder's hlog files and metrics lines. Each call runs
 * one phase of the configured mix and returns what it measured; the streaming mix runs the insert
 * side as its own open loop beside every search phase and returns both.
 */
public final class LoadRunner implements AutoCloseable {
    private final MilvusTarget target;
    private final LoadSettings settings;
    private final RunFolder folder;
    private final PrintStream progress;
    private final MilvusClientV2 client;
    private final Workload workload;
    private final PerSecondLog log;
    private final Operation search;
    private final InsertOperation insert;
    private final ServerWatch watch;
    private long insertSequence;
    private Instant startAt;
    private int shardIndex = 1;
    private int shards = 1;
    private int openPhases;
    private final List<LoadResult> results = new ArrayList<>();

    /**
     * Connects, prepares the workload with that client, builds the operation of the mix and starts
     * the interval log. A streaming mix on a read-only workload is refused here too (the command line
     * refuses it before connecting).
     */
    public LoadRunner(MilvusTarget target, LoadSettings settings, Workload.Source source, RunFolder folder, PrintStream progress) {
        this.target = target;
        this.settings = settings;
        this.folder = folder;
        this.progress = progress;
        this.client = MilvusClients.measuring(target.connection());
        Workload w;
        try {
            w = source.prepare(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.workload = w;
        try {
            if (settings.mix().writes() && w.readOnly()) {
                throw new BadInputException("the " + settings.mix().label() + " mix writes, and " + w.target().collection()
                        + " is read only");
            }
            SearchTarget t = w.target();
            int minHits = settings.mix().filtered() ? 0 : (int) Math.min(settings.topK(), t.rows());
            if (settings.mix() == Mix.QUERY) {
                if (settings.client() != ClientPath.SDK) {
                    throw new BadInputException("--client " + settings.client().name().toLowerCase(java.util.Locale.ROOT)
                            + " sends searches only; the query mix goes through the SDK (--client sdk)");
                }
                this.search = new QueryOperation(client, t, settings.searchFilter(), settings.topK(), settings.consistency());
            } else {
                this.search = switch (settings.client()) {
                    case GRPC -> new GrpcSearchOperation(target.connection(), t, w.queries(), settings.topK(), settings.searchFilter(),
                            settings.consistency(), minHits);
                    case ASYNC -> AsyncGrpcOperation.search(target.connection(), t, w.queries(), settings.topK(), settings.searchFilter(),
                            settings.consistency(), minHits);
                    case SDK -> new SearchOperation(client, t, w.queries(), settings.topK(), settings.searchFilter(),
                            settings.consistency(), minHits);
                };
            }
        } catch (RuntimeException e) {
            closeQuietly(w.resources(), e);
            client.close();
            throw e;
        }
        this.insert = w.inserts();
        this.log = new PerSecondLog(folder);
        log.start();
        this.watch = ServerWatch.start(target.connection().uri(), 500);
    }

    /**
     * The workload of one of the suite's own collections holding {@code data}: built (or reused)
     * with {@code settings}' index and searched with its knob; {@code queryCount} query vectors of the
     * dataset. The streaming mix always gets a fresh collection, dropped afterwards.
     */
    public static Workload.Source fromDataset(Dataset data, int queryCount, boolean fresh, LoadSettings settings, PrintStream progress) {
        return fromDataset(data, queryCount, fresh, settings, progress, Placement.DEFAULT);
    }

    /** As above, the collection laid out over the query nodes as {@code placement} says (segments, replicas). */
    public static Workload.Source fromDataset(Dataset data, int queryCount, boolean fresh, LoadSettings settings, PrintStream progress,
                                              Placement placement) {
        return client -> {
            LoadFixture fixture = LoadFixture.prepare(client, data, settings.index(), Map.of(),
                    fresh || settings.mix() == Mix.STREAMING, Duration.ofMinutes(30), progress, placement);
            try {
                SearchTarget t = fixture.searchTarget(settings.knob(), settings.topK());
                return new Workload(t, data.queries(queryCount),
                        new InsertOperation(fixture.collection(), data, data.rows() + 1_000_000_000L, settings.insertBatch()), fixture);
            } catch (RuntimeException e) {
                closeQuietly(fixture, e);
                throw e;
            }
        };
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException into) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            into.addSuppressed(e);
        }
    }

    /** The client of this run (SDK retries off). */
    public MilvusClientV2 client() {
        return client;
    }

    public Workload workload() {
        return workload;
    }

    public MilvusTarget target() {
        return target;
    }

    /** Why the server is gone (its port refuses connections), or empty while it answers: no phase should start then. */
    public java.util.Optional<String> serverGone() {
        return watch.gone();
    }

    /** True when the collection was found matching and reused, false when this run built it. */
    public boolean collectionReused() {
        return !(workload.resources() instanceof LoadFixture fixture) || fixture.reused();
    }

    public String collectionName() {
        return workload.target().collection();
    }

    public Operation searchOperation() {
        return search;
    }

    /**
     * Sends one search of the configured mix before any phase starts. A search the server refuses
     * (an invalid filter expression, a collection it cannot search) would fail every request of
     * every phase, so it is bad input: one line, exit code 2, no phase run.
     */
    public void probe() {
        try {
            search.call(0);
        } catch (Exception e) {
            String filter = settings.searchFilter();
            throw new BadInputException("the probe search before the first phase failed"
                    + (filter == null ? "" : " (is the filter expression '" + filter + "' valid?)")
                    + ": " + ErrorCause.of(e).status() + ": " + MilvusClients.rootMessage(e), e);
        }
    }

    /** Every phase result so far, in the order the phases ran (streaming: search side, then insert side). */
    public synchronized List<LoadResult> results() {
        return List.copyOf(results);
    }

    /** Keeps results that did not go through a phase method (the overhead mode's own loops). */
    public synchronized void collect(LoadResult... more) {
        results.addAll(List.of(more));
    }

    /**
     * Makes every following open-loop phase this process's share of a schedule several generator
     * processes run together: shard {@code index} of {@code shards} sends every {@code shards}-th
     * request of the full rate, and phase {@code k} starts at {@code startAt + k × (duration + }
     * {@value #SHARD_PHASE_GAP_S} s) on the wall clock, so the shards' requests and hlog intervals
     * line up. {@code startAt} null: phases start when ready (only the rate is shared).
     */
    public void coordinate(Instant startAt, int index, int shards) {
        this.startAt = startAt;
        this.shardIndex = index;
        this.shards = shards;
        if (startAt != null) {
            log.alignTo(startAt.toEpochMilli());
        }
    }

    /** Seconds between coordinated phases: room for the last answers of one phase before the next starts. */
    public static final int SHARD_PHASE_GAP_S = 5;

    /** The {@link System#nanoTime()} at which the next open-loop phase starts. */
    private long nextPhaseStart() {
        int k = openPhases++;
        if (startAt == null) {
            return System.nanoTime() + 1_000_000;
        }
        long slotNs = settings.phase().total().toNanos() + SHARD_PHASE_GAP_S * 1_000_000_000L;
        Instant phaseStart = startAt.plusNanos(k * slotNs);
        long untilNs = Duration.between(Instant.now(), phaseStart).toNanos();
        if (untilNs > 0) {
            progress.printf(java.util.Locale.ROOT, "load: waiting %.1f s for the coordinated start %s%s%n",
                    untilNs / 1e9, phaseStart, shards > 1 ? " (shard " + shardIndex + "/" + shards + ")" : "");
        } else {
            progress.printf(java.util.Locale.ROOT, "load: %.1f s late for the coordinated start %s (shard %d/%d): the requests "
                    + "due meanwhile go out at once, late, and are counted as late sends; start later next time%n",
                    -untilNs / 1e9, phaseStart, shardIndex, shards);
        }
        return System.nanoTime() + untilNs;
    }

    /** One open-loop phase at {@code rate}; with the streaming mix, also the insert side. */
    public List<LoadResult> open(double rate) {
        SeriesId series = SeriesId.of("openloop", "rate", LoadResult.trim(rate), "mix", settings.mix().label());
        announce(series);
        if (settings.mix() != Mix.STREAMING) {
            return record(List.of(runOpen(rate, series)));
        }
        CompletableFuture<LoadResult> inserts = startInserts();
        LoadResult searches = runOpen(rate, series.with("op", "search"));
        return record(List.of(searches, inserts.join()));
    }

    /**
     * Warms the client up ({@link ClientWarmup}) for at most {@code max} (zero: not at all); with a
     * coordinated start, never past two seconds before it. {@link #lastWarmup} says what it did.
     */
    public void warmClient(Duration max) {
        warm(search, max);
    }

    /** What the last client warm-up did, if one ran. */
    public Optional<ClientWarmup.Outcome> lastWarmup() {
        return Optional.ofNullable(lastWarmup);
    }

    private ClientWarmup.Outcome lastWarmup;

    private void warm(Operation op, Duration max) {
        if (max.isZero()) {
            return;
        }
        Duration limit = max;
        if (startAt != null) {
            Duration untilStart = Duration.between(Instant.now(), startAt).minusSeconds(2);
            limit = untilStart.isNegative() ? Duration.ZERO : untilStart.compareTo(max) < 0 ? untilStart : max;
        }
        ClientWarmup.Outcome outcome = ClientWarmup.run(op, limit, watch::gone);
        lastWarmup = outcome;
        progress.println("load: " + outcome.describe());
    }

    /** One open-loop run of the search operation: this process's share of {@code rate}, async when the client is. */
    LoadResult runOpen(double rate, SeriesId series) {
        Schedule schedule = new Schedule(rate, shardIndex, shards);
        long start = nextPhaseStart();
        ServerCpu server = serverCpu(start);
        LoadResult r;
        if (search instanceof AsyncOperation async) {
            r = new AsyncOpenLoop(settings.phase(), settings.maxInFlight(), settings.lagBound(), settings.drainTimeout())
                    .stopWhen(watch::gone).run(async, schedule, start, series, log);
        } else {
            r = settings.openLoop(rate).stopWhen(watch::gone).run(search, schedule, start, series, log);
        }
        return r.withServerCpuSeconds(server.seconds());
    }

    /** The server's CPU over the measurement window of a phase starting at {@code start} (nanoTime). */
    private ServerCpu serverCpu(long start) {
        return ServerCpu.window(target.metricsUri(), start + settings.phase().warmup().toNanos());
    }

    /**
     * The generator's own ceiling: open-loop phases of GetVersion, the cheapest real request,
     * on the async path (see {@link GeneratorCeiling}).
     */
    public GeneratorCeiling.Answer ceiling(double startRate, double maxRate, int maxSteps, Duration warmup) {
        try (AsyncGrpcOperation version = AsyncGrpcOperation.version(target.connection())) {
            warm(version, warmup);
            GeneratorCeiling finder = new GeneratorCeiling(settings.phase(), settings.maxInFlight(), settings.drainTimeout());
            GeneratorCeiling.Answer answer = finder.find(version, startRate, maxRate, maxSteps, log, progress);
            answer.steps().forEach(s -> collect(s.result()));
            List<ScalarMetric> lines = new ArrayList<>();
            answer.steps().forEach(s -> lines.addAll(s.result().metrics()));
            lines.addAll(answer.metrics());
            writeMetrics(lines);
            return answer;
        }
    }

    /** One closed-loop phase at {@code concurrency}; with the streaming mix, also the insert side. */
    public List<LoadResult> closed(int concurrency) {
        SeriesId series = SeriesId.of("closedloop", "concurrency", concurrency, "mix", settings.mix().label());
        announce(series);
        if (settings.mix() != Mix.STREAMING) {
            return record(List.of(runClosed(concurrency, series)));
        }
        CompletableFuture<LoadResult> inserts = startInserts();
        LoadResult searches = runClosed(concurrency, series.with("op", "search"));
        return record(List.of(searches, inserts.join()));
    }

    /**
     * One trial of an interleaved comparison: an open-loop phase at {@code rate} (search or filtered
     * mix) recorded under {@code series}, its own hlog file, so every trial keeps its own intervals.
     */
    public LoadResult openTrial(double rate, SeriesId series) {
        requireSingleMix();
        announce(series);
        return record(List.of(runOpen(rate, series))).get(0);
    }

    /** As {@link #openTrial}, a closed-loop phase at {@code concurrency}. */
    public LoadResult closedTrial(int concurrency, SeriesId series) {
        requireSingleMix();
        announce(series);
        return record(List.of(runClosed(concurrency, series))).get(0);
    }

    private void requireSingleMix() {
        if (settings.mix() == Mix.STREAMING) {
            throw new BadInputException("a trial runs one operation; the streaming mix runs two (search and insert)");
        }
    }

    private LoadResult runClosed(int concurrency, SeriesId series) {
        ServerCpu server = serverCpu(System.nanoTime());
        LoadResult r;
        if (search instanceof AsyncOperation async) {
            r = new AsyncClosedLoop(concurrency, settings.phase(), settings.maxRequests())
                    .stopWhen(watch::gone).run(async, series, log, settings.drainTimeout().toMillis());
        } else {
            r = new ClosedLoop(concurrency, settings.phase(), settings.maxRequests()).stopWhen(watch::gone).run(search, series, log);
        }
        return r.withServerCpuSeconds(server.seconds());
    }

    private void announce(SeriesId series) {
        progress.printf(java.util.Locale.ROOT, "load: %s for %.1f s (%.1f s warmup) ...%n", series,
                settings.phase().total().toMillis() / 1000.0, settings.phase().warmup().toMillis() / 1000.0);
    }

    /** The insert side of the streaming mix: its own open loop, same phase, rows never repeated. */
    private CompletableFuture<LoadResult> startInserts() {
        OpenLoop loop = settings.openLoop(settings.insertRate()).stopWhen(watch::gone);
        long first = insertSequence;
        insertSequence += (long) Math.ceil(settings.phase().total().toNanos() / 1e9 * settings.insertRate()) + 1;
        SeriesId series = SeriesId.of("openloop", "rate", LoadResult.trim(settings.insertRate()), "mix", "streaming",
                "op", "insert", "batch", settings.insertBatch());
        Operation op = seq -> insert.call(first + seq);
        return CompletableFuture.supplyAsync(() -> loop.run(op, series, log), r -> {
            Thread t = new Thread(r, "streaming-inserts");
            t.setDaemon(true);
            t.start();
        });
    }

    private List<LoadResult> record(List<LoadResult> phase) {
        List<ScalarMetric> lines = new ArrayList<>();
        for (LoadResult r : phase) {
            lines.addAll(r.metrics());
            progress.println("load: " + r.series() + " " + r.summaryLine());
            ErrorTally.describe(r.errorReasons(), SHOWN_CAUSES).forEach(l -> progress.println("load:   error " + l));
        }
        writeMetrics(lines);
        collect(phase.toArray(LoadResult[]::new));
        return phase;
    }

    /** Error causes printed per phase; run.json holds all of them. */
    static final int SHOWN_CAUSES = 10;

    public void writeMetrics(List<ScalarMetric> lines) {
        ScalarMetric.append(folder.metricsFile(), lines);
    }

    public PerSecondLog log() {
        return log;
    }

    @Override
    public void close() {
        watch.close();
        try {
            log.close();
        } finally {
            try {
                if (search instanceof AutoCloseable closeable) {
                    closeable.close();
                }
                if (workload.resources() != null) {
                    workload.resources().close();
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                client.close();
            }
        }
    }
}
