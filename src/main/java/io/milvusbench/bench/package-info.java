/**
 * The JMH side of {@code milvus-bench bench}: the shared state and fixtures of every benchmark, and
 * the runner that launches them. The benchmarks themselves live in the sub-packages by what they
 * measure: {@link io.milvusbench.bench.latency} (connect, round trip, search), {@link io.milvusbench.bench.throughput}
 * (insert, insert + flush), {@link io.milvusbench.bench.build} (index build) and {@link io.milvusbench.bench.cpu}
 * (client-side work, no Milvus).
 *
 * <p>Entry points: {@link io.milvusbench.bench.BenchLauncher} runs a {@link io.milvusbench.bench.BenchSelection}
 * (chosen from {@link io.milvusbench.bench.BenchCatalog}) after {@link io.milvusbench.bench.BenchPreflight};
 * benchmark forks read their settings from {@link io.milvusbench.bench.BenchProperties}. Bases:
 * {@link io.milvusbench.bench.MilvusBenchmark} (time-based), {@link io.milvusbench.bench.SingleShotBenchmark}
 * (one job per invocation), both over {@link io.milvusbench.bench.MilvusState}. Each series' latencies go to
 * its {@link io.milvusbench.bench.IterationLog}, its scalar figures to {@link io.milvusbench.bench.BenchMetrics},
 * its request errors to {@link io.milvusbench.bench.Requests}.
 */
package io.milvusbench.bench;
