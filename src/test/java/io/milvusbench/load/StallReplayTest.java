package io.milvusbench.load;

import io.milvusbench.gate.HlogFiles;
import io.milvusbench.gate.HlogSeries;
import io.milvusbench.gate.LogUnit;
import io.milvusbench.gate.LogUnits;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replays the hlog that {@link OpenLoopStallIT} wrote for the generator bounded to two requests in
 * flight (100/s, Milvus 2.3.5 frozen for 1,021 ms by SIGSTOP), saved as a sample, through the gate's
 * own reader ({@link HlogFiles}): the exact counts and percentiles the gate judges, and coordinated
 * omission in two numbers, 63 requests of 500 ms or more in the corrected tag, 2 in the uncorrected one.
 */
class StallReplayTest {
    static final SeriesId CORRECTED = SeriesId.parse("openloop[rate=100;mix=bounded2;correction=corrected]");
    static final SeriesId UNCORRECTED = SeriesId.parse("openloop[rate=100;mix=bounded2;correction=uncorrected]");

    @Test
    void savedStallLogHasExactCountsAndPercentiles() throws Exception {
        Path file = Path.of(getClass().getResource("/samples/stall-openloop-2inflight-v2.3.5.hlog").toURI());
        HlogFiles.FileRead read = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(LogUnit.MICROSECONDS, read.log().unit());
        assertEquals(12, read.log().intervals());
        HlogSeries corrected = HlogSeries.of(CORRECTED, read.series().get(CORRECTED));
        HlogSeries uncorrected = HlogSeries.of(UNCORRECTED, read.series().get(UNCORRECTED));
        assertEquals(6, corrected.intervals().size());
        assertEquals(6, uncorrected.intervals().size());
        Histogram c = corrected.total();
        Histogram u = uncorrected.total();
        assertEquals(500, c.getTotalCount());
        assertEquals(500, u.getTotalCount());
        assertEquals(63, c.getCountBetweenValues(500_000, c.getMaxValue()));
        assertEquals(2, u.getCountBetweenValues(500_000, u.getMaxValue()));
        assertEquals(4_719, c.getValueAtPercentile(50));
        assertEquals(977_919, c.getValueAtPercentile(99));
        assertEquals(3_547, u.getValueAtPercentile(50));
        assertEquals(20_895, u.getValueAtPercentile(99));
        assertEquals(1_014_783, c.getMaxValue());
        assertEquals(1_014_783, u.getMaxValue());
        // the figures the gate reports, in ms
        assertEquals(4.719, corrected.statistic("p50"), 1e-12);
        assertEquals(977.919, corrected.statistic("p99"), 1e-12);
        assertEquals(20.895, uncorrected.statistic("p99"), 1e-12);
    }
}
