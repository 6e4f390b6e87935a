package io.milvusbench.load;

import io.milvusbench.results.ErrorSummary;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one load phase measured. For an open-loop phase {@code latency} is the corrected histogram
 * (from each request's intended start), {@code uncorrected} the one from the actual send and
 * {@code sendLag} how late requests were sent. For a closed-loop phase {@code latency} is service
 * time and the other two are null. Histograms hold microseconds; only the measurement window
 * counts (warmup excluded). Latencies are those of successful requests; failures are counted.
 *
 * @param series       base id, e.g. {@code openloop[rate=200;mix=search]} or {@code closedloop[concurrency=8;mix=search]}
 * @param offeredRate  requests per second asked for (open loop), NaN for closed loop
 * @param concurrency  threads (closed loop) or the in-flight bound (open loop)
 * @param requests     requests whose (intended) start fell into the measurement window
 * @param errors       of those, how many failed
 * @param errorReasons the failures by cause ({@link io.milvusbench.milvus.ErrorCause} keys), exact counts adding up to {@code errors}
 * @param seconds      length of the measurement window
 * @param lateSends    requests sent later than the lag bound (open loop)
 * @param lagBoundMs   the lag bound
 * @param clientCpuSeconds CPU time this JVM used during the phase (all threads), NaN when unknown
 * @param clientJitSeconds of that, the JIT compiler's threads (NaN when unknown): a first phase pays for compiling
 * @param clientGcSeconds  of that, the garbage collector's threads (NaN when unknown)
 * @param serverCpuSeconds the server's CPU over the window, from its own {@code process_cpu_seconds_total} (NaN when unknown)
 */
public record LoadResult(SeriesId series, double offeredRate, int concurrency, long requests, long errors,
                         double seconds, Histogram latency, Histogram uncorrected, Histogram sendLag,
                         long lateSends, double lagBoundMs, Map<String, Long> errorReasons, double clientCpuSeconds,
                         double clientJitSeconds, double clientGcSeconds, double serverCpuSeconds) {

    static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};

    /** A closed-loop phase: service-time histogram only. */
    public static Builder closedLoop(SeriesId series, int concurrency) {
        return new Builder(series, Double.NaN, concurrency);
    }

    /** An open-loop phase at {@code offeredRate} with at most {@code maxInFlight} requests outstanding. */
    public static Builder openLoop(SeriesId series, double offeredRate, int maxInFlight) {
        return new Builder(series, offeredRate, maxInFlight);
    }

    /** Names each figure of a phase at its call site; {@link #build()} makes the record. */
    public static final class Builder {
        private final SeriesId series;
        private final double offeredRate;
        private final int concurrency;
        private long requests;
        private long errors;
        private Map<String, Long> errorReasons = Map.of();
        private double seconds;
        private Histogram latency;
        private Histogram uncorrected;
        private Histogram sendLag;
        private long lateSends;
        private double lagBoundMs;
        private double clientCpuSeconds = Double.NaN;
        private double clientJitSeconds = Double.NaN;
        private double clientGcSeconds = Double.NaN;

        private Builder(SeriesId series, double offeredRate, int concurrency) {
            this.series = series;
            this.offeredRate = offeredRate;
            this.concurrency = concurrency;
        }

        /** Requests in the measurement window, how many failed, and why (counts adding up to {@code errors}). */
        public Builder requests(long requests, long errors, Map<String, Long> errorReasons) {
            this.requests = requests;
            this.errors = errors;
            this.errorReasons = errorReasons;
            return this;
        }

        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /** Latency of successful requests (corrected for open loop, service time for closed loop). */
        public Builder latency(Histogram latency) {
            this.latency = latency;
            return this;
        }

        /** Open loop: latency from the actual send, and how late each request was sent. */
        public Builder uncorrected(Histogram uncorrected, Histogram sendLag) {
            this.uncorrected = uncorrected;
            this.sendLag = sendLag;
            return this;
        }

        /** Open loop: sends later than {@code lagBoundMs}. */
        public Builder lateSends(long lateSends, double lagBoundMs) {
            this.lateSends = lateSends;
            this.lagBoundMs = lagBoundMs;
            return this;
        }

        public Builder clientCpuSeconds(double clientCpuSeconds) {
            this.clientCpuSeconds = clientCpuSeconds;
            return this;
        }

        /** The JVM's CPU over the measurement window, with its JIT and GC parts. */
        Builder clientCpu(ProcessCpu.Usage usage) {
            this.clientCpuSeconds = usage.seconds();
            this.clientJitSeconds = usage.jitSeconds();
            this.clientGcSeconds = usage.gcSeconds();
            return this;
        }

        public LoadResult build() {
            return new LoadResult(series, offeredRate, concurrency, requests, errors, seconds, latency, uncorrected,
                    sendLag, lateSends, lagBoundMs, errorReasons, clientCpuSeconds, clientJitSeconds, clientGcSeconds, Double.NaN);
        }
    }

    public boolean openLoop() {
        return uncorrected != null;
    }

    /** Successful requests per second of the measurement window. */
    public double qps() {
        return seconds > 0 ? (requests - errors) / seconds : 0;
    }

    /** Client CPU per answered request, in microseconds: what the generator and SDK cost (NaN when unknown). */
    public double clientCpuMicrosPerRequest() {
        return requests > 0 ? 1e6 * clientCpuSeconds / requests : Double.NaN;
    }

    /** This result with the server's CPU over its window (from the server's metrics). */
    public LoadResult withServerCpuSeconds(double serverSeconds) {
        return new LoadResult(series, offeredRate, concurrency, requests, errors, seconds(), latency, uncorrected, sendLag, lateSends,
                lagBoundMs, errorReasons, clientCpuSeconds, clientJitSeconds, clientGcSeconds, serverSeconds);
    }

    /** The server's CPU per request of the window, in microseconds (NaN when unknown). */
    public double serverCpuMicrosPerRequest() {
        return requests > 0 ? 1e6 * serverCpuSeconds / requests : Double.NaN;
    }

    /** Of {@link #clientCpuMicrosPerRequest}, what the JIT compiler took (NaN when unknown). */
    public double clientJitMicrosPerRequest() {
        return requests > 0 ? 1e6 * clientJitSeconds / requests : Double.NaN;
    }

    /** Of {@link #clientCpuMicrosPerRequest}, what the garbage collector took (NaN when unknown). */
    public double clientGcMicrosPerRequest() {
        return requests > 0 ? 1e6 * clientGcSeconds / requests : Double.NaN;
    }

    public double errorRate() {
        return requests > 0 ? (double) errors / requests : 0;
    }

    /** Requests that succeeded. */
    public long successes() {
        return requests - errors;
    }

    /**
     * Why this phase is a failed figure, or empty when it is not: no request succeeded (a dead
     * server, an expression the server refuses), or more than {@code maxErrorRate} of the requests
     * failed. One line, with the most frequent cause.
     */
    public Optional<String> failure(double maxErrorRate) {
        if (requests == 0) {
            return Optional.of("no request in the measurement window");
        }
        if (successes() <= 0) {
            return Optional.of(String.format(Locale.ROOT, "no successful request: all %d failed; top cause %s",
                    requests, ErrorTally.top(errorReasons)));
        }
        if (errorRate() > maxErrorRate) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.4f > %s: %d of %d requests failed; top cause %s",
                    errorRate(), trim(maxErrorRate), errors, requests, ErrorTally.top(errorReasons)));
        }
        return Optional.empty();
    }

    /** The run.json {@code errors} entry of this phase. */
    public ErrorSummary errorSummary() {
        return new ErrorSummary(requests, errors, errorReasons);
    }

    /**
     * True when the generator itself could not keep the schedule: more than one request in a
     * hundred (and at least one) was sent later than the lag bound. A rare late send (a GC pause,
     * a busy core) does not make a run invalid; it is still counted in {@code late_sends} and shown.
     */
    public boolean generatorBehind() {
        return lateSends > requests / 100;
    }

    /** The latency percentile in milliseconds (NaN when nothing succeeded). */
    public double percentileMs(double p) {
        return ms(latency, p);
    }

    public double uncorrectedPercentileMs(double p) {
        return uncorrected == null ? Double.NaN : ms(uncorrected, p);
    }

    static double ms(Histogram h, double p) {
        if (h == null || h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1000.0;
    }

    /** The tag of the latency histogram: corrected for open loop, the base series for closed loop. */
    public SeriesId latencySeries() {
        return openLoop() ? series.with("correction", "corrected") : series;
    }

    public SeriesId uncorrectedSeries() {
        return series.with("correction", "uncorrected");
    }

    /** Lines for metrics.jsonl: counts on the latency series, percentiles on each histogram's series. */
    public List<ScalarMetric> metrics() {
        List<ScalarMetric> out = new ArrayList<>();
        SeriesId main = latencySeries();
        out.add(ScalarMetric.of(main, "Client", "qps", qps(), "1/s"));
        out.add(ScalarMetric.of(main, "Client", "requests", requests, "count"));
        out.add(ScalarMetric.of(main, "Client", "errors", errors, "count"));
        out.add(ScalarMetric.of(main, "Client", "error_rate", errorRate(), "ratio"));
        addPercentiles(out, main, latency);
        if (!Double.isNaN(clientCpuSeconds)) {
            out.add(ScalarMetric.of(main, "Client", "client_cpu_per_request", clientCpuMicrosPerRequest(), "us"));
        }
        if (!Double.isNaN(clientJitSeconds)) {
            out.add(ScalarMetric.of(main, "Client", "client_jit_cpu_per_request", clientJitMicrosPerRequest(), "us"));
            out.add(ScalarMetric.of(main, "Client", "client_gc_cpu_per_request", clientGcMicrosPerRequest(), "us"));
        }
        if (!Double.isNaN(serverCpuSeconds)) {
            out.add(ScalarMetric.of(main, "Server", "server_cpu_per_request", serverCpuMicrosPerRequest(), "us"));
        }
        if (openLoop()) {
            out.add(ScalarMetric.of(main, "Client", "offered_rate", offeredRate, "1/s"));
            out.add(ScalarMetric.of(main, "Client", "late_sends", lateSends, "count"));
            out.add(ScalarMetric.of(main, "Client", "send_lag_max", ms(sendLag, 100), "ms"));
            out.add(ScalarMetric.of(main, "Client", "send_lag_p99", ms(sendLag, 99), "ms"));
            addPercentiles(out, uncorrectedSeries(), uncorrected);
        }
        return out;
    }

    private static void addPercentiles(List<ScalarMetric> out, SeriesId series, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        for (double p : PERCENTILES) {
            out.add(ScalarMetric.of(series, "Client", "p" + trim(p), ms(h, p), "ms"));
        }
        out.add(ScalarMetric.of(series, "Client", "max", ms(h, 100), "ms"));
        out.add(ScalarMetric.of(series, "Client", "mean", h.getMean() / 1000.0, "ms"));
    }

    /** A number as text without a trailing ".0": 95, 99.9, 200. */
    public static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** One console line: rate or concurrency, QPS, errors, percentiles. */
    public String summaryLine() {
        String head = openLoop()
                ? String.format(Locale.ROOT, "rate %8.1f/s", offeredRate)
                : String.format(Locale.ROOT, "conc %4d    ", concurrency);
        String line = String.format(Locale.ROOT, "%s  qps %8.1f  err %5d (%.2f%%)  p50 %8.3f  p95 %8.3f  p99 %8.3f  p99.9 %8.3f  max %8.3f ms",
                head, qps(), errors, 100 * errorRate(), percentileMs(50), percentileMs(95), percentileMs(99),
                percentileMs(99.9), percentileMs(100));
        if (!Double.isNaN(clientCpuSeconds)) {
            line += String.format(Locale.ROOT, "  cpu %.0f us/req", clientCpuMicrosPerRequest());
            if (!Double.isNaN(clientJitSeconds)) {
                line += String.format(Locale.ROOT, " (JIT %.0f)", clientJitMicrosPerRequest());
            }
        }
        if (!Double.isNaN(serverCpuSeconds)) {
            line += String.format(Locale.ROOT, "  server cpu %.0f us/req", serverCpuMicrosPerRequest());
        }
        if (openLoop()) {
            line += String.format(Locale.ROOT, "  | uncorrected p99 %8.3f max %8.3f ms", uncorrectedPercentileMs(99),
                    uncorrectedPercentileMs(100));
            if (lateSends > 0 && !generatorBehind()) {
                line += String.format(Locale.ROOT, "  | %d late sends (> %.1f ms)", lateSends, lagBoundMs);
            }
            if (generatorBehind()) {
                line += String.format(Locale.ROOT, "  | GENERATOR BEHIND: %d sends later than %.1f ms (max lag %.1f ms)",
                        lateSends, lagBoundMs, ms(sendLag, 100));
            }
        }
        return line;
    }
}
