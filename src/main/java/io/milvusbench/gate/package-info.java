/**
 * The regression gate ({@code check}, {@code report}, {@code gate-eval}), reading nothing but run folders.
 * {@link io.milvusbench.gate.Gate} is the entry point: {@link io.milvusbench.gate.RunReader} reads a folder into
 * {@link io.milvusbench.gate.Measurements} ({@link io.milvusbench.gate.HlogFiles} for the .hlog files,
 * {@link io.milvusbench.gate.JmhScore} for JMH's JSON, metrics.jsonl lines), {@link io.milvusbench.gate.Thresholds}
 * judges each {@link io.milvusbench.gate.MeasuredFigure} against its rules, {@link io.milvusbench.gate.BaselineComparison}
 * against earlier runs (standard errors from {@link io.milvusbench.gate.Uncertainty}); the answer is a
 * {@link io.milvusbench.gate.GateResult}. {@link io.milvusbench.gate.DetectorEvaluation} measures the comparison
 * itself on a real recording.
 */
package io.milvusbench.gate;
