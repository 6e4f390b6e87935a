package io.milvusbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.TargetOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broken load run never passes: the Milvus process is killed (SIGKILL) in the middle of an
 * open-loop phase. The run must exit 1 with one line on stderr, name the phase in run.json's
 * {@code failures}, count every failed request under its cause with counts that add up exactly to
 * the {@code errors} of metrics.jsonl, and keep writing one interval per second through the
 * outage (intervals with no success). Own server, as it is killed; about 30 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadFailureIT {
    static final String SERIES = "openloop[rate=40;mix=search;correction=corrected]";

    LocalProcessTarget target;
    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        target = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aServerKilledMidPhaseFailsTheRunWithExactErrorCauses() throws Exception {
        // A healthy run first builds the collection (the SDK's wait loops in flush, index and load
        // share one deadline, so they need the default one) and shows the same phase passing.
        List<String> common = List.of("load", "--target", "uri", "--uri", "127.0.0.1:" + target.connection().port(),
                "--token", target.connection().token(),
                "--rows", "2000", "--dim", "32", "--query-pool", "50", "--index", "HNSW", "--knob", "16", "--mode", "open", "--rate", "40");
        List<String> healthy = new ArrayList<>(common);
        healthy.addAll(List.of("--duration", "2", "--warmup", "1", "--results", dir.resolve("healthy").toString()));
        CliRun ok = CliRun.of(healthy.toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.err());

        Path results = dir.resolve("results");
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--rpc-deadline-ms", "1000", "--duration", "5", "--warmup", "1", "--results", results.toString()));
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        Path hlog = awaitPhaseStart(results, running);
        Thread.sleep(2_500);   // 1 s warmup, then 1.5 s of measured successes
        target.kill();
        CliRun run = running.get(2, TimeUnit.MINUTES);

        assertEquals(1, run.exit(), run.err());
        List<String> lines = run.err().lines().filter(l -> l.startsWith("milvus-bench:")).toList();
        assertEquals(1, lines.size(), run.err());
        // the phase's error rate, and the server that is gone (run.json names it too)
        assertTrue(lines.get(0).startsWith("milvus-bench: 2 load phase(s) failed: " + SERIES + ": error rate "), lines.get(0));
        assertTrue(lines.get(0).contains("load open: the server is gone (connection refused at "), lines.get(0));

        Path folder;
        try (Stream<Path> s = Files.list(results)) {
            folder = s.filter(p -> !p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
        }
        JsonNode info = new ObjectMapper().readTree(folder.resolve("run.json").toFile());
        assertEquals(2, info.get("failures").size(), info.toString());
        assertEquals(SERIES, info.at("/failures/0/series").asText());
        assertTrue(info.at("/failures/0/reason").asText().contains("requests failed"), info.toString());
        assertTrue(info.at("/failures/1/reason").asText().startsWith("the server is gone (connection refused at "), info.toString());

        JsonNode errors = info.get("errors").get(SERIES);
        long requests = errors.get("requests").asLong();
        long failed = errors.get("errors").asLong();
        assertEquals(LoadCommandIT.metric(folder, SERIES, "requests"), requests);
        assertEquals(LoadCommandIT.metric(folder, SERIES, "errors"), failed);
        assertTrue(failed > 0 && failed < requests, failed + " of " + requests);
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = errors.get("reasons").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> cause = it.next();
            // the RPC's own status, or the generator's stop once the server's port refuses connections
            assertTrue(cause.getKey().startsWith("UNAVAILABLE: ") || cause.getKey().startsWith("DEADLINE_EXCEEDED: ")
                    || cause.getKey().startsWith("server gone: connection refused at "), cause.getKey());
            assertTrue(!cause.getKey().matches(".*\\d\\.\\d.*"), "no timings in a cause: " + cause.getKey());
            sum += cause.getValue().asLong();
        }
        assertEquals(failed, sum, "every failure is counted under its cause: " + errors);
        assertTrue(errors.get("reasons").size() <= 3, "a dead server is a handful of causes, not one per request: " + errors);

        // one interval per second through the outage: seconds without a single success are still lines
        List<Histogram> corrected = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        Histogram h;
        while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
            if (SERIES.equals(h.getTag())) {
                corrected.add(h);
            }
        }
        assertTrue(corrected.size() >= 4, corrected.size() + " intervals for a 4 s measurement window");
        assertTrue(corrected.get(0).getTotalCount() > 0, "successes before the kill");
        assertTrue(corrected.stream().skip(2).anyMatch(x -> x.getTotalCount() == 0), "an interval with no success after the kill");
        assertEquals(requests - failed, corrected.stream().mapToLong(Histogram::getTotalCount).sum());
    }

    /** Waits until the phase's .hlog exists in the unfinished run folder: the phase has started. */
    static Path awaitPhaseStart(Path results, CompletableFuture<CliRun> running) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("load ended before its phase started: " + running.join().err());
            }
            if (Files.isDirectory(results)) {
                try (Stream<Path> folders = Files.list(results)) {
                    for (Path f : folders.toList()) {
                        Path hlog = f.resolve("hlog").resolve("openloop_rate=40_mix=search_.hlog");
                        if (Files.exists(hlog)) {
                            return f.getFileName().toString().endsWith(".partial")
                                    ? results.resolve(f.getFileName().toString().replace(".partial", "")).resolve("hlog").resolve(hlog.getFileName())
                                    : hlog;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the load phase did not start within 3 minutes");
    }
}
