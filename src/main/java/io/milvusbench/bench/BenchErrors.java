package io.milvusbench.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.BadInputException;
import io.milvusbench.results.ErrorSummary;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.Failure;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code errors.jsonl} of a bench run folder: one line per iteration of every series that sends
 * requests, written by the benchmark forks as each iteration ends, and at once when a request
 * fails (the failed iteration's teardown never runs). The bench command sums it into run.json's
 * {@code errors} and the {@code requests}, {@code errors}, {@code error_rate} lines of
 * metrics.jsonl, and names the failed benchmarks from it.
 * <pre>{"series":"search[index=FLAT;...]","benchmark":"SearchBenchmark.search{index=FLAT, ...}","iteration":"measurement 2",
 *  "failed":true,"requests":1234,"errors":1,"reasons":{"DEADLINE_EXCEEDED: deadline exceeded after #s.":1}}</pre>
 */
public final class BenchErrors {
    public static final String FILE = "errors.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One iteration's requests and failures.
     *
     * @param series    the series id, or the benchmark's name when it failed before it had one
     * @param benchmark {@link FailureTracker#describe} of the benchmark, to match JMH's failures
     * @param iteration "warmup 1", "measurement 2", or "setup"
     * @param failed    the iteration ended by a failure
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String series, String benchmark, String iteration, boolean failed, long requests, long errors,
                       Map<String, Long> reasons) {
    }

    /** What a run's file adds up to: per series, and which series each benchmark had. */
    public record Totals(Map<String, ErrorSummary> bySeries, Map<String, Set<String>> seriesOfBenchmark) {
        /** The series with failed requests. */
        public List<String> failedSeries() {
            return bySeries.entrySet().stream().filter(e -> e.getValue().errors() > 0).map(Map.Entry::getKey).toList();
        }
    }

    private BenchErrors() {
    }

    /** Appends a line to the run folder's file (when there is a run folder) and prints it when something failed. */
    static void append(Line line) {
        if (line.errors() > 0) {
            System.out.printf(Locale.ROOT, "%n[milvus-bench] %s %s: %d requests, %d failed: %s%n", line.series(), line.iteration(),
                    line.requests(), line.errors(), String.join("; ", ErrorTally.describe(line.reasons(), 3)));
        }
        Path run = BenchProperties.runDir();
        if (run == null || !Files.isDirectory(run)) {
            return;
        }
        synchronized (BenchErrors.class) {
            try (BufferedWriter out = Files.newBufferedWriter(run.resolve(FILE), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + run.resolve(FILE), e);
            }
        }
    }

    /** Reads and sums a run folder's file; no file gives empty totals. */
    public static Totals read(Path runDir) {
        Path file = runDir.resolve(FILE);
        Map<String, ErrorSummary> bySeries = new LinkedHashMap<>();
        Map<String, Set<String>> seriesOf = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return new Totals(bySeries, seriesOf);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Line l;
            try {
                l = JSON.readValue(lines.get(i), Line.class);
            } catch (IOException e) {
                throw new BadInputException(file + " line " + (i + 1) + " is not an error record: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            bySeries.merge(l.series(), new ErrorSummary(l.requests(), l.errors(), l.reasons()), ErrorSummary::plus);
            seriesOf.computeIfAbsent(l.benchmark(), k -> new LinkedHashSet<>()).add(l.series());
        }
        return new Totals(bySeries, seriesOf);
    }

    /**
     * The failed figures of a run: each benchmark JMH saw fail (under its series id when the
     * benchmark had named one, else under its own name with parameters), and each series with a
     * failed request that JMH did not flag. One entry per benchmark; the reason says which
     * iteration failed and how many requests did.
     */
    public static List<Failure> failures(List<BenchLauncher.FailedBenchmark> jmh, Totals totals) {
        Map<String, String> out = new LinkedHashMap<>();
        for (BenchLauncher.FailedBenchmark f : jmh) {
            Set<String> series = totals.seriesOfBenchmark().getOrDefault(f.benchmark(), Set.of());
            String key = series.isEmpty() ? f.benchmark() : series.iterator().next();
            ErrorSummary s = totals.bySeries().get(key);
            out.merge(key, f.reason() + (s != null && s.errors() > 0 ? "; " + counts(s) : ""), (a, b) -> a + "; " + b);
        }
        for (String series : totals.failedSeries()) {
            out.putIfAbsent(series, counts(totals.bySeries().get(series)));
        }
        List<Failure> list = new ArrayList<>();
        out.forEach((series, reason) -> list.add(new Failure(series, reason)));
        return list;
    }

    private static String counts(ErrorSummary s) {
        return s.errors() + " of " + s.requests() + " requests failed, top cause " + ErrorTally.top(s.reasons());
    }

    /** metrics.jsonl lines (component Client) of every series with requests: {@code requests}, {@code errors}, {@code error_rate}. */
    public static List<ScalarMetric> metrics(Totals totals) {
        List<ScalarMetric> out = new ArrayList<>();
        totals.bySeries().forEach((key, s) -> {
            SeriesId id;
            try {
                id = SeriesId.parse(key);
            } catch (BadInputException e) {
                return;   // a benchmark name (it failed before naming its series): in run.json only
            }
            out.add(ScalarMetric.of(id, "Client", "requests", s.requests(), "count"));
            out.add(ScalarMetric.of(id, "Client", "errors", s.errors(), "count"));
            out.add(ScalarMetric.of(id, "Client", "error_rate", s.errorRate(), "ratio"));
        });
        return out;
    }
}
