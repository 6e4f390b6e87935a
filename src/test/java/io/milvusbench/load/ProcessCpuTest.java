package io.milvusbench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JIT and GC parts of the JVM's CPU come from HotSpot's thread names in /proc. */
class ProcessCpuTest {
    @Test
    void hotspotThreadNamesAreSortedIntoJitAndGc() {
        assertTrue(ProcessCpu.isCompiler("C2 CompilerThre"));
        assertTrue(ProcessCpu.isCompiler("C1 CompilerThre"));
        assertTrue(ProcessCpu.isCollector("GC Thread#0"));
        assertTrue(ProcessCpu.isCollector("G1 Conc#0"));
        assertTrue(ProcessCpu.isCollector("G1 Refine#0"));
        assertFalse(ProcessCpu.isCompiler("grpc-nio-worker"));
        assertFalse(ProcessCpu.isCollector("grpc-nio-worker"));
        assertFalse(ProcessCpu.isCollector("main"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theBreakdownIsPartOfTheProcessTotal() {
        ProcessCpu.Sample from = ProcessCpu.sample();
        long x = 0;
        for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) {
            x += System.nanoTime() % 7;
        }
        ProcessCpu.Usage used = from.untilNow();
        assertTrue(x >= 0);
        assertTrue(used.seconds() >= 0.1, "this thread spun 0.2 s: " + used);
        assertTrue(used.jitSeconds() >= 0 && used.gcSeconds() >= 0, used.toString());
        assertTrue(used.jitSeconds() + used.gcSeconds() <= used.seconds() + 0.02, used.toString());
    }
}
