/**
 * The index sweep ({@code milvus-bench sweep}): {@link io.milvusbench.sweep.IndexSweep} runs a
 * {@link io.milvusbench.sweep.SweepPlan} (from {@code benchmarks/index-sweep.yaml}, naming its dataset), one
 * {@link io.milvusbench.sweep.SweepPoint} per index kind and knob value (build time, the server's memory figures
 * from {@link io.milvusbench.sweep.ServerMemory}, recall, one-thread latency, saturated QPS), and
 * {@link io.milvusbench.sweep.Pareto} picks the recall-vs-QPS frontier.
 */
package io.milvusbench.sweep;
