package io.milvusbench.bench;

import io.milvusbench.results.ErrorSummary;
import io.milvusbench.results.Failure;
import io.milvusbench.results.ScalarMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** errors.jsonl as forks write it, summed into run.json's errors and failures and metrics.jsonl lines. */
class BenchErrorsTest {
    static final String SEARCH = "search[index=FLAT;topK=10;nq=1;data=synthetic-2000x32-L2]";
    static final String SEARCH_BENCH = "SearchBenchmark.search{dim=32, index=FLAT, metric=L2, nq=1, rows=2000, topK=10}";
    static final String INSERT = "insert[batch=500;data=synthetic-2000x32-L2]";
    static final String INSERT_BENCH = "InsertBenchmark.insert{batch=500, dim=32, metric=L2, rows=2000}";

    @TempDir
    Path dir;

    BenchErrors.Totals totals() throws Exception {
        Files.writeString(dir.resolve(BenchErrors.FILE), String.join("\n",
                // a killed server during the second measured search iteration (as a real run wrote it)
                "{\"series\":\"" + SEARCH + "\",\"benchmark\":\"" + SEARCH_BENCH + "\",\"iteration\":\"warmup 1\",\"failed\":false,"
                        + "\"requests\":58,\"errors\":0,\"reasons\":{}}",
                "{\"series\":\"" + SEARCH + "\",\"benchmark\":\"" + SEARCH_BENCH + "\",\"iteration\":\"measurement 1\",\"failed\":false,"
                        + "\"requests\":281,\"errors\":0,\"reasons\":{}}",
                "{\"series\":\"" + SEARCH + "\",\"benchmark\":\"" + SEARCH_BENCH + "\",\"iteration\":\"measurement 2\",\"failed\":true,"
                        + "\"requests\":18,\"errors\":1,\"reasons\":{\"UNAVAILABLE: io exception: Connection reset\":1}}",
                "{\"series\":\"" + INSERT + "\",\"benchmark\":\"" + INSERT_BENCH + "\",\"iteration\":\"measurement 1\",\"failed\":false,"
                        + "\"requests\":40,\"errors\":0,\"reasons\":{}}",
                ""));
        return BenchErrors.read(dir);
    }

    @Test
    void linesAddUpPerSeries() throws Exception {
        BenchErrors.Totals t = totals();
        assertEquals(new ErrorSummary(357, 1, Map.of("UNAVAILABLE: io exception: Connection reset", 1L)), t.bySeries().get(SEARCH));
        assertEquals(new ErrorSummary(40, 0, Map.of()), t.bySeries().get(INSERT));
        assertEquals(Set.of(SEARCH), t.seriesOfBenchmark().get(SEARCH_BENCH));
        assertEquals(List.of(SEARCH), t.failedSeries());
    }

    @Test
    void oneFailurePerBenchmarkUnderItsSeries() throws Exception {
        BenchErrors.Totals t = totals();
        List<Failure> f = BenchErrors.failures(List.of(
                new BenchLauncher.FailedBenchmark(SEARCH_BENCH, "measurement iteration 2 failed: UNAVAILABLE: io exception"),
                new BenchLauncher.FailedBenchmark("IndexBuildBenchmark.build{build=HNSW}", "no result (the benchmark or its forked VM failed before any measured iteration)")), t);
        assertEquals(List.of(
                new Failure(SEARCH, "measurement iteration 2 failed: UNAVAILABLE: io exception; 1 of 357 requests failed, "
                        + "top cause x1: UNAVAILABLE: io exception: Connection reset"),
                new Failure("IndexBuildBenchmark.build{build=HNSW}", "no result (the benchmark or its forked VM failed before any measured iteration)")), f);
    }

    @Test
    void countedErrorsFailASeriesJmhDidNotFlag() throws Exception {
        assertEquals(List.of(new Failure(SEARCH, "1 of 357 requests failed, top cause x1: UNAVAILABLE: io exception: Connection reset")),
                BenchErrors.failures(List.of(), totals()));
    }

    @Test
    void metricsLinesPerSeries() throws Exception {
        List<ScalarMetric> m = BenchErrors.metrics(totals());
        assertEquals(List.of(
                new ScalarMetric(SEARCH, "Client", "requests", 357, "count"),
                new ScalarMetric(SEARCH, "Client", "errors", 1, "count"),
                new ScalarMetric(SEARCH, "Client", "error_rate", 1.0 / 357, "ratio"),
                new ScalarMetric(INSERT, "Client", "requests", 40, "count"),
                new ScalarMetric(INSERT, "Client", "errors", 0, "count"),
                new ScalarMetric(INSERT, "Client", "error_rate", 0, "ratio")), m);
    }

    @Test
    void noFileNoTotals() {
        assertEquals(Map.of(), BenchErrors.read(dir).bySeries());
    }
}
