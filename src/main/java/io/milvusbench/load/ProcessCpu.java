package io.milvusbench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * CPU time used by this whole JVM (every thread: event loop, workers, scheduler, GC, JIT, hlog
 * writer), so a phase can report what the load generator itself cost per request; and, on Linux,
 * how much of it the JIT compiler and the garbage collector took, read per thread from
 * {@code /proc/self/task/<tid>/schedstat} (nanoseconds on CPU) and {@code comm} (thread name). A
 * first phase pays for compiling the client's code; the JIT share says how much of its CPU per
 * request that was, and what is left is the steady cost. -1 / NaN where the system cannot say.
 */
final class ProcessCpu {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ProcessCpu() {
    }

    /** Process CPU and its JIT and GC parts at one moment, in nanoseconds (-1 when unknown). */
    record Sample(long totalNanos, long jitNanos, long gcNanos) {
        /** The CPU used from this sample to now. */
        Usage untilNow() {
            return between(this, sample());
        }
    }

    /** CPU used over a window, in seconds: all of it, and its JIT and GC parts (NaN when unknown). */
    record Usage(double seconds, double jitSeconds, double gcSeconds) {
        static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Takes a {@link #sample} at {@code nanoTime} ({@link System#nanoTime()} scale) on a thread of its
     * own, so reading /proc never delays a loop's sends; {@link Usage} from then to now via {@link #since}.
     */
    static CompletableFuture<Sample> sampleAt(long nanoTime) {
        long delay = Math.max(0, nanoTime - System.nanoTime());
        return CompletableFuture.supplyAsync(ProcessCpu::sample, CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
    }

    /** The CPU used since the sample {@code mark} took (waiting for it if it is not taken yet), or UNKNOWN. */
    static Usage since(CompletableFuture<Sample> mark) {
        try {
            return mark.get(5, TimeUnit.SECONDS).untilNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Usage.UNKNOWN;
        } catch (ExecutionException | TimeoutException e) {
            return Usage.UNKNOWN;
        }
    }

    static Sample sample() {
        long jit = -1;
        long gc = -1;
        if (Files.isDirectory(TASKS)) {
            jit = 0;
            gc = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    String name;
                    long onCpu;
                    try {
                        name = Files.readString(task.resolve("comm")).trim();
                        String schedstat = Files.readString(task.resolve("schedstat"));
                        onCpu = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    } catch (IOException | RuntimeException e) {
                        continue;   // the thread ended meanwhile, or the kernel has no schedstat
                    }
                    if (isCompiler(name)) {
                        jit += onCpu;
                    } else if (isCollector(name)) {
                        gc += onCpu;
                    }
                }
            } catch (IOException e) {
                jit = -1;
                gc = -1;
            }
        }
        return new Sample(nanos(), jit, gc);
    }

    /** HotSpot's compiler threads: {@code C1 CompilerThread0}, {@code C2 CompilerThread1} (names cut to 15 characters). */
    static boolean isCompiler(String threadName) {
        return threadName.contains("CompilerThre");
    }

    /** HotSpot's collector threads: {@code GC Thread#0}, {@code G1 Conc#0}, {@code G1 Refine#0}, {@code G1 Main Marker}, {@code G1 Service}. */
    static boolean isCollector(String threadName) {
        return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("GC ");
    }

    static Usage between(Sample from, Sample to) {
        if (from == null || from.totalNanos() < 0 || to.totalNanos() < 0) {
            return Usage.UNKNOWN;
        }
        boolean parts = from.jitNanos() >= 0 && to.jitNanos() >= 0;
        return new Usage((to.totalNanos() - from.totalNanos()) / 1e9,
                parts ? Math.max(0, to.jitNanos() - from.jitNanos()) / 1e9 : Double.NaN,
                parts ? Math.max(0, to.gcNanos() - from.gcNanos()) / 1e9 : Double.NaN);
    }

    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
