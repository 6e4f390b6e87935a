package io.milvusbench.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticSupportTest {
    @Test
    void aPercentileNeedsTenSamplesBeyondIt() {
        assertEquals(1_000, Statistic.samplesNeeded("p99"));
        assertEquals(10_000, Statistic.samplesNeeded("p99.9"));
        assertEquals(20, Statistic.samplesNeeded("p50"));
        assertTrue(Statistic.supported("p99", 1_000));
        assertFalse(Statistic.supported("p99", 999));
        assertFalse(Statistic.supported("p99.9", 1_000), "p99.9 of 1,000 samples is the maximum");
        assertTrue(Statistic.supported("max", 1), "not a percentile");
        assertTrue(Statistic.supported("mean", 1));
    }
}
