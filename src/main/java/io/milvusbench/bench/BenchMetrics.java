package io.milvusbench.bench;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scalar figures of a benchmark (recall@K, rows/s, build_seconds, flush_seconds, errors):
 * appended to the run folder's {@code metrics.jsonl} (component Client) and printed, so a
 * benchmarks.jar run without a run folder still shows them.
 */
public final class BenchMetrics {
    private BenchMetrics() {
    }

    public static void write(SeriesId series, String statistic, double value, String unit) {
        System.out.printf(Locale.ROOT, "%n[milvus-bench] %s %s = %.6g %s%n", series, statistic, value, unit);
        Path run = BenchProperties.runDir();
        if (run != null && Files.isDirectory(run)) {
            ScalarMetric.append(run.resolve("metrics.jsonl"), List.of(ScalarMetric.of(series, "Client", statistic, value, unit)));
        }
    }
}
