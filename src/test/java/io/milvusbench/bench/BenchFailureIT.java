package io.milvusbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.results.ScalarMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broken benchmark run never passes: Milvus is killed (SIGKILL) while a measured JMH iteration
 * of the search benchmark is running, after the first measured iteration finished. JMH keeps
 * that first iteration's score; the bench command must still exit 1, name the benchmark in
 * run.json's {@code failures} and count the failed search (run.json {@code errors},
 * metrics.jsonl {@code errors}). One FLAT search benchmark on 2,000 × 32 rows, 1 s iterations and
 * a 2 s RPC deadline keep it at about 30 s. Own server, as it is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchFailureIT {
    static final String SERIES = "search[index=FLAT;topK=10;nq=1;pool=100;consistency=Bounded;data=synthetic-2000x32-L2]";

    @TempDir
    static Path dir;
    LocalProcessTarget milvus;

    @BeforeAll
    void start() {
        milvus = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
        System.setProperty(BenchProperties.GT_CACHE, dir.resolve("gt-cache").toString());
    }

    @AfterAll
    void stop() {
        System.clearProperty(BenchProperties.GT_CACHE);
        if (milvus != null) {
            milvus.close();
        }
    }

    @Test
    void serverKilledDuringAMeasuredIterationFailsTheBenchmark() throws Exception {
        Path results = dir.resolve("results");
        String[] args = {"bench", "Search", "--quick", "-p", "index=FLAT", "-wi", "0", "-i", "3", "-r", "1s",
                "--target", "uri", "--uri", milvus.connection().uri().toString(), "--token", milvus.connection().token(),
                "--rpc-deadline-ms", "2000",
                "--results", results.toString()};
        CompletableFuture<io.milvusbench.cli.CliRun> running =
                CompletableFuture.supplyAsync(() -> BenchCommandInputTest.run(args));
        awaitFirstMeasuredIteration(results, running);
        milvus.kill();   // the second measured iteration has just started
        io.milvusbench.cli.CliRun c = running.get(3, TimeUnit.MINUTES);

        assertEquals(1, c.exit(), c.err());
        List<String> lines = c.err().lines().filter(l -> l.startsWith("milvus-bench:")).toList();
        assertEquals(1, lines.size(), c.err());
        assertTrue(lines.get(0).startsWith("milvus-bench: 1 benchmark(s) failed: " + SERIES + ": measurement iteration "), lines.get(0));

        Path run;
        try (Stream<Path> s = Files.list(results)) {
            run = s.findFirst().orElseThrow();
        }
        assertTrue(!run.getFileName().toString().endsWith(".partial"), "the run folder is completed: " + run);
        JsonNode info = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals(1, info.get("failures").size(), info.toString());
        assertEquals(SERIES, info.at("/failures/0/series").asText());
        assertTrue(info.at("/failures/0/reason").asText().matches("measurement iteration [23] failed: .*"), info.toString());

        JsonNode errors = info.get("errors").get(SERIES);
        long failed = errors.get("errors").asLong();
        long requests = errors.get("requests").asLong();
        assertTrue(failed >= 1 && requests > failed, errors.toString());
        assertEquals(failed, errors.get("reasons").get(errors.get("reasons").fieldNames().next()).asLong(), errors.toString());
        String cause = errors.get("reasons").fieldNames().next();
        // a killed server shows as UNAVAILABLE, DEADLINE_EXCEEDED or UNKNOWN ("channel closed"), by when the kill lands
        assertTrue(cause.matches("(UNAVAILABLE|DEADLINE_EXCEEDED|UNKNOWN): .+"), cause);

        List<ScalarMetric> metrics = ScalarMetric.read(run.resolve("metrics.jsonl"));
        assertEquals(failed, value(metrics, "errors"));
        assertEquals(requests, value(metrics, "requests"));
        assertEquals((double) failed / requests, value(metrics, "error_rate"), 1e-12);
        // JMH kept the finished iteration's score: the figure exists, run.json says it is failed
        assertTrue(Files.readString(run.resolve("jmh-result.json")).contains("SearchBenchmark.search"));
    }

    static double value(List<ScalarMetric> metrics, String statistic) {
        List<ScalarMetric> found = metrics.stream().filter(m -> m.series().equals(SERIES) && m.statistic().equals(statistic)).toList();
        assertEquals(1, found.size(), statistic + ": " + found);
        return found.get(0).value();
    }

    /** The hlog gets its first interval when the first measured iteration ends. */
    static void awaitFirstMeasuredIteration(Path results, CompletableFuture<?> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("bench ended before its first measured iteration: " + running.get());
            }
            if (Files.isDirectory(results)) {
                try (Stream<Path> folders = Files.list(results)) {
                    for (Path f : folders.toList()) {
                        Path hlog = f.resolve("hlog");
                        if (Files.isDirectory(hlog)) {
                            try (Stream<Path> files = Files.list(hlog)) {
                                if (files.anyMatch(p -> p.getFileName().toString().startsWith("search_") && p.toFile().length() > 0)) {
                                    return;
                                }
                            }
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no measured iteration within 3 minutes");
    }
}
