package io.milvusbench.load;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes known latencies through the interval log and reads the file back with HdrHistogram's own reader. */
class IntervalLogTest {
    @Test
    void everyTagRoundTripsWithExactCountsAndPercentiles(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir, "unit");
        SeriesId base = SeriesId.of("openloop", "rate", 100, "mix", "search");
        TaggedRecorder corrected;
        TaggedRecorder uncorrected;
        try (IntervalLog log = new IntervalLog(folder)) {
            corrected = log.add(base, base.with("correction", "corrected"));
            uncorrected = log.add(base, base.with("correction", "uncorrected"));
            for (int us = 1; us <= 1000; us++) {
                corrected.recordNanos(us * 1_000L + 999);   // sub-microsecond part is dropped
                if (us % 2 == 0) {
                    uncorrected.recordNanos(us * 1_000L);
                }
            }
            log.tick();
            corrected.recordNanos(2_000_000_000L);           // one 2 s outlier in a second interval
            corrected.recordNanos(10);                       // below 1 µs is stored as 1 µs
        }
        Map<String, Histogram> byTag = new HashMap<>();
        Map<String, Integer> intervals = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(folder.hlogFile(base).toFile());
        Histogram h;
        while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
            byTag.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(h);
            intervals.merge(h.getTag(), 1, Integer::sum);
        }
        String correctedTag = "openloop[rate=100;mix=search;correction=corrected]";
        String uncorrectedTag = "openloop[rate=100;mix=search;correction=uncorrected]";
        Histogram c = byTag.get(correctedTag);
        Histogram u = byTag.get(uncorrectedTag);
        assertEquals(2, intervals.get(correctedTag));
        assertEquals(1, intervals.get(uncorrectedTag));
        assertEquals(1002, c.getTotalCount());
        assertEquals(500, u.getTotalCount());
        assertEquals(1, c.getMinValue());
        assertEquals(500, c.getValueAtPercentile(50));
        assertEquals(991, c.getValueAtPercentile(99));   // rank 992 of 1, 1, 2, ..., 1000, 2e6
        assertTrue(Math.abs(c.getMaxValue() - 2_000_000) <= 2_000_000 / 1000, "max " + c.getMaxValue());
        assertEquals(500, u.getValueAtPercentile(50));
        assertEquals(1000, u.getMaxValue());
        assertEquals(c.getTotalCount(), corrected.total().getTotalCount());
        assertEquals(u.getTotalCount(), uncorrected.total().getTotalCount());
    }
}
