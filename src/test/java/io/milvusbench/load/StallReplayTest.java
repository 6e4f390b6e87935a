package io.milvusbench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replays the hlog that {@link OpenLoopStallIT} wrote for the generator bounded to two requests in
 * flight (100/s, Milvus 2.3.5 frozen for 1,021 ms by SIGSTOP), saved as a sample: the exact counts
 * and percentiles the gate will read, and coordinated omission in two numbers, 63 requests
 * of 500 ms or more in the corrected tag, 2 in the uncorrected one.
 */
class StallReplayTest {
    static final String CORRECTED = "openloop[rate=100;mix=bounded2;correction=corrected]";
    static final String UNCORRECTED = "openloop[rate=100;mix=bounded2;correction=uncorrected]";

    @Test
    void savedStallLogHasExactCountsAndPercentiles() throws Exception {
        Map<String, Histogram> byTag = new HashMap<>();
        Map<String, Integer> intervals = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/samples/stall-openloop-2inflight-v2.3.5.hlog")) {
            HistogramLogReader reader = new HistogramLogReader(in);
            Histogram h;
            while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
                byTag.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(h);
                intervals.merge(h.getTag(), 1, Integer::sum);
            }
        }
        Histogram c = byTag.get(CORRECTED);
        Histogram u = byTag.get(UNCORRECTED);
        assertEquals(6, intervals.get(CORRECTED));
        assertEquals(6, intervals.get(UNCORRECTED));
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
    }
}
