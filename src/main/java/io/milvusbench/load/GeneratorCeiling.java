package io.milvusbench.load;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much the generator itself can send: async open-loop steps of GetVersion (no data, the least
 * work a server does per request), doubling the rate from {@code startRate} for as long as each
 * rate is sent in full without a failed request. The answer is the highest rate at which the
 * generator kept its schedule: send lag p99 under {@value #LAG_BOUND_MS} ms, no more than one send
 * in a hundred later than that, no failed request. Each step reports the client's CPU per send
 * (process CPU time over requests, every thread included), so {@code 1 s / CPU per send} is the
 * sends per second one core of this client can make, a figure that holds on a machine the server
 * and other work share.
 */
public final class GeneratorCeiling {
    static final double LAG_BOUND_MS = 1.0;

    private final Phase phase;
    private final int maxInFlight;
    private final Duration drainTimeout;

    public GeneratorCeiling(Phase phase, int maxInFlight, Duration drainTimeout) {
        this.phase = phase;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** One step: the rate tried, what it measured, and whether the generator kept up. */
    public record Step(LoadResult result, boolean kept, String reason) {
        /** Requests actually sent in the measurement window (those never sent are not divided into the CPU). */
        public long sent() {
            long notSent = result.errorReasons().entrySet().stream().filter(e -> e.getKey().startsWith("not sent"))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            return result.requests() - notSent;
        }

        public double cpuMicrosPerSend() {
            return sent() > 0 ? 1e6 * result.clientCpuSeconds() / sent() : Double.NaN;
        }

        /** Of {@link #cpuMicrosPerSend}, what the JIT compiler took (NaN when unknown). */
        public double jitMicrosPerSend() {
            return sent() > 0 ? 1e6 * result.clientJitSeconds() / sent() : Double.NaN;
        }

        public double sendsPerCoreSecond() {
            return 1e6 / cpuMicrosPerSend();
        }
    }

    /** Every step, and the last one whose schedule was kept (null when none was). */
    public record Answer(String rpc, List<Step> steps, Step best) {
        public List<ScalarMetric> metrics() {
            SeriesId series = SeriesId.of("ceiling", "rpc", rpc, "lag_bound_ms", LoadResult.trim(LAG_BOUND_MS));
            if (best == null) {
                return List.of(ScalarMetric.of(series, "Client", "ceiling_rate", 0, "1/s"));
            }
            return List.of(ScalarMetric.of(series, "Client", "ceiling_rate", best.result().offeredRate(), "1/s"),
                    ScalarMetric.of(series, "Client", "ceiling_qps", best.result().qps(), "1/s"),
                    ScalarMetric.of(series, "Client", "client_cpu_per_send", best.cpuMicrosPerSend(), "us"),
                    ScalarMetric.of(series, "Client", "sends_per_core_second", best.sendsPerCoreSecond(), "1/s"),
                    ScalarMetric.of(series, "Client", "send_lag_p99", best.result().sendLag() == null ? Double.NaN
                            : LoadResult.ms(best.result().sendLag(), 99), "ms"));
        }

        public List<String> describe() {
            List<String> out = new ArrayList<>();
            out.add("generator ceiling (" + rpc + ", async path; kept = send lag p99 < " + LoadResult.trim(LAG_BOUND_MS)
                    + " ms, <= 1 % late, no error):");
            for (Step s : steps) {
                out.add(String.format(Locale.ROOT, "  rate %8.0f/s  sent %8.1f/s  lag p50 %6.3f p99 %6.3f max %7.3f ms  cpu %6.1f us/send"
                                + " (JIT %5.1f) = %,9.0f sends/s per core  %s", s.result().offeredRate(), s.result().qps(),
                        LoadResult.ms(s.result().sendLag(), 50), LoadResult.ms(s.result().sendLag(), 99),
                        LoadResult.ms(s.result().sendLag(), 100), s.cpuMicrosPerSend(), s.jitMicrosPerSend(), s.sendsPerCoreSecond(),
                        s.kept() ? "kept" : "NOT kept: " + s.reason()));
            }
            out.add(best == null ? "answer: no rate tried was kept within the lag bound"
                    : String.format(Locale.ROOT, "answer: %.0f sends/s kept with send lag p99 %.3f ms at %.1f us of client CPU per send "
                            + "(%,.0f sends/s per core)", best.result().qps(), LoadResult.ms(best.result().sendLag(), 99),
                    best.cpuMicrosPerSend(), best.sendsPerCoreSecond()));
            return out;
        }
    }

    public Answer find(AsyncGrpcOperation op, double startRate, double maxRate, int maxSteps, PerSecondLog log, PrintStream progress) {
        List<Step> steps = new ArrayList<>();
        Step best = null;
        AsyncOpenLoop loop = new AsyncOpenLoop(phase, maxInFlight, Duration.ofNanos((long) (LAG_BOUND_MS * 1e6)), drainTimeout);
        double rate = startRate;
        for (int i = 0; i < maxSteps && rate <= maxRate; i++) {
            SeriesId series = SeriesId.of("ceiling", "rate", LoadResult.trim(rate), "rpc", op.rpc());
            progress.printf(Locale.ROOT, "ceiling: %s/s of %s for %.1f s ...%n", LoadResult.trim(rate), op.rpc(),
                    phase.total().toMillis() / 1000.0);
            LoadResult r = loop.run(op, rate, series, log);
            double lagP99 = LoadResult.ms(r.sendLag(), 99);
            String reason = r.errors() > 0 ? r.errors() + " failed request(s), top cause "
                    + io.milvusbench.results.ErrorTally.top(r.errorReasons())
                    : !(lagP99 < LAG_BOUND_MS) ? String.format(Locale.ROOT, "send lag p99 %.3f ms", lagP99)
                    : r.generatorBehind() ? r.lateSends() + " late sends" : null;
            Step step = new Step(r, reason == null, reason);
            steps.add(step);
            progress.println("ceiling: " + r.summaryLine() + (reason == null ? "  kept" : "  NOT kept: " + reason));
            if (reason == null) {
                best = step;
            }
            if (r.errors() > 0 || r.qps() < 0.99 * rate) {
                break;   // the rate was not even sent in full: higher rates tell nothing more
            }
            rate = Math.rint(rate * 2);
        }
        return new Answer(op.rpc(), steps, best);
    }
}
