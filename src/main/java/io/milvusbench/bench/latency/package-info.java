/**
 * Latency benchmarks against Milvus (Mode.SampleTime, closed-loop service time, one .hlog interval per
 * measured iteration): {@link io.milvusbench.bench.latency.ConnectBenchmark},
 * {@link io.milvusbench.bench.latency.RoundTripBenchmark} (one light RPC, {@link io.milvusbench.bench.latency.LightCall})
 * and {@link io.milvusbench.bench.latency.SearchBenchmark} (per index kind and knob, with recall).
 */
package io.milvusbench.bench.latency;
