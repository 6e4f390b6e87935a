package io.milvusbench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base of the time-based benchmarks against Milvus: 2 warmup iterations of 5 s, 5 measured
 * iterations of 10 s, one fork. Each iteration becomes one interval of the benchmark's .hlog.
 * {@code milvus-bench bench} overrides these with {@code -wi/-i/-w/-r/-f} and {@code --quick}.
 * Forks take their target from inherited {@code -D} flags: never {@code @Fork(jvmArgs=...)}.
 */
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public abstract class MilvusBenchmark {
}
