/**
 * Load generators, the wrk2 and closed-loop ways. {@link io.milvusbench.load.LoadRunner} is the entry point
 * of a load session (client, run folder, and a {@link io.milvusbench.load.Workload}: a dataset's collection from
 * {@link io.milvusbench.load.LoadFixture}, or an existing collection searched read only,
 * {@link io.milvusbench.load.CollectionWorkload}, each a {@link io.milvusbench.load.SearchTarget}); it
 * runs {@link io.milvusbench.load.OpenLoop} (fixed rate, latency from the intended send time, corrected and
 * uncorrected tags), {@link io.milvusbench.load.ClosedLoop} (fixed concurrency, service time) and
 * {@link io.milvusbench.load.CapacityFinder} (highest rate within an {@link io.milvusbench.load.Slo}) over an
 * {@link io.milvusbench.load.Operation} (search, filtered search, scalar query, insert; {@link io.milvusbench.load.Mix});
 * {@link io.milvusbench.load.RecallCheck} measures the run's recall@k before its phases.
 * Latencies go to {@link io.milvusbench.load.TaggedRecorder}s written once a second by
 * {@link io.milvusbench.load.PerSecondLog}; a phase's figures are a {@link io.milvusbench.load.LoadResult}.
 */
package io.milvusbench.load;
