package io.milvusbench.load;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search strategy of the capacity finder (doubling, then bisection) and its pass/fail rules,
 * checked on declared step outcomes; the figures it reports in real runs come from Milvus.
 */
class CapacityFinderTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** A step whose every request took {@code latencyMs}, {@code errors} of 1000 failed, {@code late} sent late. */
    static LoadResult step(double rate, long latencyMs, long errors, long late) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(latencyMs * 1000, 1000 - errors);
        return LoadResult.openLoop(SeriesId.of("openloop", "rate", rate), rate, 512)
                .requests(1000, errors, Map.of()).seconds(1000 / rate)
                .latency(h).uncorrected(h.copy(), new Histogram(3)).lateSends(late, 10).build();
    }

    @Test
    void doublesUntilAFailureThenBisectsToThePrecision() {
        CapacityFinder finder = new CapacityFinder(Slo.parse("p95<50ms"), 0.01, 50, 5000, 0.1, 20);
        CapacityFinder.Answer answer = finder.find(rate -> step(rate, rate <= 300 ? 10 : 120, 0, 0), QUIET);
        List<Double> rates = answer.curve().stream().map(s -> s.result().offeredRate()).toList();
        assertEquals(List.of(50.0, 100.0, 200.0, 400.0, 300.0, 350.0, 325.0), rates);
        assertEquals(300.0, answer.best().result().offeredRate());
        assertFalse(answer.curve().get(3).passed());
        assertTrue(answer.curve().get(3).reason().matches("p95 120\\.0\\d\\d ms > 50 ms"), answer.curve().get(3).reason());
    }

    @Test
    void errorsAndALaggingGeneratorFailAStepEvenWithinTheSlo() {
        CapacityFinder finder = new CapacityFinder(Slo.parse("p95<50ms"), 0.01, 100, 100, 0.1, 5);
        CapacityFinder.Step errors = finder.judge(step(100, 5, 20, 0));
        assertFalse(errors.passed());
        assertTrue(errors.reason().startsWith("error rate 0.0200"), errors.reason());
        CapacityFinder.Step late = finder.judge(step(100, 5, 0, 50));
        assertFalse(late.passed());
        assertTrue(late.reason().contains("generator"), late.reason());
        assertTrue(finder.judge(step(100, 5, 1, 10)).passed());   // 10 late of 1000: rare, not behind
    }

    @Test
    void stopsAtTheMaximumRateOrWhenNothingPasses() {
        CapacityFinder upTo = new CapacityFinder(Slo.parse("p99<1s"), 0, 100, 350, 0.1, 20);
        List<Double> rates = upTo.find(rate -> step(rate, 1, 0, 0), QUIET).curve().stream()
                .map(s -> s.result().offeredRate()).toList();
        assertEquals(List.of(100.0, 200.0, 350.0), rates);
        CapacityFinder hopeless = new CapacityFinder(Slo.parse("p99<1ms"), 0, 8, 100, 0.1, 20);
        CapacityFinder.Answer none = hopeless.find(rate -> step(rate, 50, 0, 0), QUIET);
        assertNull(none.best());
        assertEquals(0, none.capacityQps());
        assertTrue(none.curve().size() <= 6, "halving stops below 1/s: " + none.curve().size());
    }
}
