package io.milvusbench.load;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Finds the highest request rate a server sustains within an SLO: open-loop steps at a rising
 * offered rate (doubling from {@code startRate} until a step fails or {@code maxRate} is reached),
 * then bisection between the last passing and the first failing rate until they are within
 * {@code precision} of each other or {@code maxSteps} steps have run. A step passes when the SLO
 * percentile of the corrected latency is within the threshold, the error rate is at most
 * {@code maxErrorRate}, and the generator kept its schedule (otherwise the rate was not truly offered).
 *
 * <p>The answer is the achieved QPS of the best passing step; every step is kept as the curve.
 */
public final class CapacityFinder {
    /** One point of the curve. */
    public record Step(LoadResult result, boolean passed, String reason) {
    }

    /** The curve, in the order the steps ran, and the best passing step (null when none passed). */
    public record Answer(List<Step> curve, Step best) {
        public double capacityQps() {
            return best == null ? 0 : best.result().qps();
        }
    }

    private final Slo slo;
    private final double maxErrorRate;
    private final double startRate;
    private final double maxRate;
    private final double precision;
    private final int maxSteps;

    public CapacityFinder(Slo slo, double maxErrorRate, double startRate, double maxRate, double precision, int maxSteps) {
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new BadInputException("max error rate must be in 0..1, got " + maxErrorRate);
        }
        if (!(startRate > 0) || !(maxRate >= startRate)) {
            throw new BadInputException("capacity search needs 0 < start rate <= max rate, got " + startRate + " and " + maxRate);
        }
        if (!(precision > 0 && precision < 1)) {
            throw new BadInputException("precision must be in (0, 1), got " + precision);
        }
        if (maxSteps < 1) {
            throw new BadInputException("max steps must be positive, got " + maxSteps);
        }
        this.slo = slo;
        this.maxErrorRate = maxErrorRate;
        this.startRate = startRate;
        this.maxRate = maxRate;
        this.precision = precision;
        this.maxSteps = maxSteps;
    }

    /**
     * The capacity figures of an answer for metrics.jsonl, on the series
     * {@code capacity[mix=M;index=I;percentile=P;slo_ms=T]}: {@code capacity_qps} (0 when no rate
     * passed), and for the best step its offered rate and the SLO percentile it reached.
     */
    public List<ScalarMetric> metrics(Answer answer, String mix, String index) {
        SeriesId series = SeriesId.of("capacity", "mix", mix, "index", index,
                "percentile", slo.percentileLabel(), "slo_ms", LoadResult.trim(slo.thresholdMs()));
        if (answer.best() == null) {
            return List.of(ScalarMetric.of(series, "Client", "capacity_qps", 0, "1/s"));
        }
        LoadResult b = answer.best().result();
        return List.of(
                ScalarMetric.of(series, "Client", "capacity_qps", b.qps(), "1/s"),
                ScalarMetric.of(series, "Client", "capacity_rate", b.offeredRate(), "1/s"),
                ScalarMetric.of(series, "Client", "p" + slo.percentileLabel(), b.percentileMs(slo.percentile()), "ms"));
    }

    /** Runs the search; {@code step} runs one open-loop phase at the given rate. */
    public Answer find(DoubleFunction<LoadResult> step, PrintStream progress) {
        List<Step> curve = new ArrayList<>();
        Step best = null;
        double pass = 0;
        double fail = Double.NaN;
        double rate = startRate;
        while (curve.size() < maxSteps) {
            Step s = judge(step.apply(rate));
            curve.add(s);
            progress.printf(Locale.ROOT, "capacity: step %d %s -> %s%n", curve.size(), s.result().summaryLine(),
                    s.passed() ? "pass" : "FAIL (" + s.reason() + ")");
            if (s.passed()) {
                pass = rate;
                if (best == null || s.result().qps() > best.result().qps()) {
                    best = s;
                }
            } else {
                fail = Double.isNaN(fail) ? rate : Math.min(fail, rate);
            }
            if (Double.isNaN(fail)) {
                if (rate >= maxRate) {
                    break;
                }
                rate = Math.min(maxRate, rate * 2);
            } else {
                if (pass == 0) {
                    if (rate / 2 < 0.5) {
                        break;
                    }
                    rate = rate / 2;
                    continue;
                }
                if ((fail - pass) / pass <= precision) {
                    break;
                }
                rate = (pass + fail) / 2;
            }
        }
        return new Answer(curve, best);
    }

    Step judge(LoadResult r) {
        if (r.errorRate() > maxErrorRate) {
            return new Step(r, false, String.format(Locale.ROOT, "error rate %.4f > %.4f", r.errorRate(), maxErrorRate));
        }
        if (r.generatorBehind()) {
            return new Step(r, false, "generator could not keep the rate (" + r.lateSends() + " late sends)");
        }
        if (!slo.met(r)) {
            return new Step(r, false, String.format(Locale.ROOT, "p%s %.3f ms > %s ms", slo.percentileLabel(),
                    r.percentileMs(slo.percentile()), LoadResult.trim(slo.thresholdMs())));
        }
        return new Step(r, true, "");
    }
}
