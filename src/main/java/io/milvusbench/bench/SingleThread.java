package io.milvusbench.bench;

import io.milvusbench.BadInputException;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The guard of the stateful benchmarks (insert into one collection, insert+flush, index build):
 * their state is one job on one collection, so JMH's {@code -t N} with N &gt; 1 would have threads
 * insert the same ids or build the same index at once and measure nonsense. Called first in the
 * trial set-up; the refusal fails the benchmark with this message.
 */
public final class SingleThread {
    private SingleThread() {
    }

    public static void require(BenchmarkParams params, String why) {
        if (params.getThreads() > 1) {
            throw new BadInputException(benchmark(params) + " runs on one thread only (" + why + "); got -t "
                    + params.getThreads() + ": run it without -t, or with -t 1");
        }
    }

    private static String benchmark(BenchmarkParams params) {
        String b = params.getBenchmark();
        int dot = b.lastIndexOf('.', b.lastIndexOf('.') - 1);
        return dot >= 0 ? b.substring(dot + 1) : b;
    }
}
