/**
 * The component monitor ({@code milvus-bench monitor}): read-only snapshots of one Milvus, per component.
 * {@link io.milvusbench.monitor.ComponentMonitor} takes a {@link io.milvusbench.monitor.Snapshot} (probes per
 * component, assembled by {@code SectionAssembler} into the Proxy, QueryNode, DataNode and IndexNode sections,
 * host figures from a {@link io.milvusbench.monitor.HostProbe}); {@link io.milvusbench.monitor.JudgedSnapshot}
 * adds its metrics, alerts ({@link io.milvusbench.monitor.AlertEvaluator}) and advice ({@link io.milvusbench.monitor.Advisor}).
 * {@link io.milvusbench.monitor.ContinuousMonitor} repeats it; {@link io.milvusbench.monitor.MonitorRecorder} writes
 * the run folder, {@link io.milvusbench.monitor.MonitorExporter} serves Prometheus text,
 * {@link io.milvusbench.monitor.TerminalReport} prints the one-shot report.
 */
package io.milvusbench.monitor;
