/**
 * Write-path benchmarks: {@link io.milvusbench.bench.throughput.InsertBenchmark} (insert, no flush) and
 * {@link io.milvusbench.bench.throughput.InsertFlushBenchmark} (insert then flush until sealed), fed from a
 * pregenerated {@code InsertPool}.
 */
package io.milvusbench.bench.throughput;
