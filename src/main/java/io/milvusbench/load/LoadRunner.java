package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.milvus.ErrorCause;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final LoadFixture fixture;
    private final PerSecondLog log;
    private final Operation search;
    private final InsertOperation insert;
    private long insertSequence;
    private final List<LoadResult> results = new ArrayList<>();

    public LoadRunner(MilvusTarget target, LoadSettings settings, SyntheticDataset data, int queryCount,
                      boolean freshCollection, RunFolder folder, PrintStream progress) {
        this.target = target;
        this.settings = settings;
        this.folder = folder;
        this.progress = progress;
        this.client = MilvusClients.measuring(target.connection());
        Duration timeout = Duration.ofMinutes(10);
        LoadFixture f = null;
        try {
            f = LoadFixture.prepare(client, data, settings.index(), Map.of(),
                    freshCollection || settings.mix() == Mix.STREAMING, timeout, progress);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.fixture = f;
        int minHits = settings.mix() == Mix.FILTERED ? 0 : (int) Math.min(settings.topK(), data.rows());
        this.search = settings.client() == ClientPath.GRPC
                ? new GrpcSearchOperation(target.connection(), fixture.collection().name(), data.queries(queryCount),
                settings.topK(), settings.index(), settings.knob(), data.metric(), settings.searchFilter(),
                settings.consistency(), minHits)
                : new SearchOperation(client, fixture.collection().name(), data.queries(queryCount), settings.topK(),
                settings.index(), settings.knob(), settings.searchFilter(), settings.consistency(), minHits);
        this.insert = new InsertOperation(fixture.collection(), data, data.rows() + 1_000_000_000L, settings.insertBatch());
        this.log = new PerSecondLog(folder);
        log.start();
    }

    public MilvusTarget target() {
        return target;
    }

    public String collectionName() {
        return fixture.collection().name();
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

    /** One open-loop phase at {@code rate}; with the streaming mix, also the insert side. */
    public List<LoadResult> open(double rate) {
        SeriesId series = SeriesId.of("openloop", "rate", LoadResult.trim(rate), "mix", settings.mix().label());
        announce(series);
        if (settings.mix() != Mix.STREAMING) {
            return record(List.of(settings.openLoop(rate).run(search, series, log)));
        }
        CompletableFuture<LoadResult> inserts = startInserts();
        LoadResult searches = settings.openLoop(rate).run(search, series.with("op", "search"), log);
        return record(List.of(searches, inserts.join()));
    }

    /** One closed-loop phase at {@code concurrency}; with the streaming mix, also the insert side. */
    public List<LoadResult> closed(int concurrency) {
        SeriesId series = SeriesId.of("closedloop", "concurrency", concurrency, "mix", settings.mix().label());
        ClosedLoop loop = new ClosedLoop(concurrency, settings.phase(), settings.maxRequests());
        announce(series);
        if (settings.mix() != Mix.STREAMING) {
            return record(List.of(loop.run(search, series, log)));
        }
        CompletableFuture<LoadResult> inserts = startInserts();
        LoadResult searches = loop.run(search, series.with("op", "search"), log);
        return record(List.of(searches, inserts.join()));
    }

    private void announce(SeriesId series) {
        progress.printf(java.util.Locale.ROOT, "load: %s for %.1f s (%.1f s warmup) ...%n", series,
                settings.phase().total().toMillis() / 1000.0, settings.phase().warmup().toMillis() / 1000.0);
    }

    /** The insert side of the streaming mix: its own open loop, same phase, rows never repeated. */
    private CompletableFuture<LoadResult> startInserts() {
        OpenLoop loop = settings.openLoop(settings.insertRate());
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
        try {
            log.close();
        } finally {
            try {
                if (search instanceof AutoCloseable closeable) {
                    closeable.close();
                }
                fixture.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                client.close();
            }
        }
    }
}
