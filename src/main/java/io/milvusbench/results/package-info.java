/**
 * The run folder, the contract between the producers (bench, load, sweep, monitor) and the gate
 * (docs/run-folder.md). {@link io.milvusbench.results.RunFolder} creates and completes it;
 * {@link io.milvusbench.results.RunManifest} writes {@code run.json}; {@link io.milvusbench.results.HlogWriter} is the
 * one writer of {@code hlog/*.hlog} (values in microseconds); {@link io.milvusbench.results.ScalarMetric} is a line of
 * {@code metrics.jsonl}; {@link io.milvusbench.results.SeriesId} names a series across all of them;
 * {@link io.milvusbench.results.ErrorTally}, {@link io.milvusbench.results.ErrorSummary} and
 * {@link io.milvusbench.results.Failure} are the errors and failed figures of run.json.
 */
package io.milvusbench.results;
