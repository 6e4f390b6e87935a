package io.milvusbench.bench.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroundTruthThreadsTest {
    @Test
    void threadsRatesAreSummedNotAveraged() {
        GroundTruthBenchmark.resetMeasured();
        assertTrue(Double.isNaN(GroundTruthBenchmark.gflopsAllThreads()));
        // two threads, each 10 GFLOP in 1 s over two iterations: 20 GFLOP/s in all
        GroundTruthBenchmark.add(1, 5, 500_000_000L);
        GroundTruthBenchmark.add(1, 5, 500_000_000L);
        GroundTruthBenchmark.add(2, 10, 1_000_000_000L);
        assertEquals(20.0, GroundTruthBenchmark.gflopsAllThreads(), 1e-9);
        GroundTruthBenchmark.resetMeasured();
    }
}
