/**
 * What a verdict looks like to people and machines. {@link io.milvusbench.report.ReportWriter} writes a
 * {@link io.milvusbench.gate.GateResult} as {@code summary.md}, {@code report.html} (with {@link io.milvusbench.report.Charts}),
 * {@code verdict.json} and {@code junit.xml}; {@link io.milvusbench.report.TextReports} is the console form. The tables
 * all formats share are built by {@link io.milvusbench.report.Tables} and laid out by {@code ReportOutline}.
 */
package io.milvusbench.report;
