/**
 * Benchmarks of the suite's and the SDK's own CPU work, no Milvus involved:
 * {@link io.milvusbench.bench.cpu.GroundTruthBenchmark} (exact ground truth, GFLOP/s) and
 * {@link io.milvusbench.bench.cpu.InsertEncodeBenchmark} (building an insert request).
 */
package io.milvusbench.bench.cpu;
