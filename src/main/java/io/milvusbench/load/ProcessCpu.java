package io.milvusbench.load;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole JVM (every thread: workers, scheduler, GC, JIT, hlog writer), so a
 * phase can report what the load generator itself cost per request. -1 where the JVM cannot say.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Seconds of CPU since {@code startNanos}, or NaN when unknown. */
    static double secondsSince(long startNanos) {
        long now = nanos();
        return startNanos < 0 || now < 0 ? Double.NaN : (now - startNanos) / 1e9;
    }
}
