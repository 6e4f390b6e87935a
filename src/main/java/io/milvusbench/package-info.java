/**
 * milvus-bench: benchmarks, load tests, a component monitor and a regression gate for Milvus, every
 * figure measured against a real server.
 *
 * <p>The packages, in the order a run flows through them:
 * <ul>
 *   <li>{@link io.milvusbench.cli} the command line (entry point {@code cli.Main});</li>
 *   <li>{@link io.milvusbench.milvus} getting hold of a Milvus (container, local process, URI) and clients to it;</li>
 *   <li>{@link io.milvusbench.dataset} vectors, exact ground truth and recall; {@link io.milvusbench.index} index kinds
 *       and their knobs; {@link io.milvusbench.collection} the suite's own collections on a server;</li>
 *   <li>{@link io.milvusbench.bench} the JMH benchmarks; {@link io.milvusbench.load} open- and closed-loop load;
 *       {@link io.milvusbench.sweep} the index sweep; {@link io.milvusbench.monitor} the component monitor;</li>
 *   <li>{@link io.milvusbench.results} the run folder every producer writes (docs/run-folder.md);</li>
 *   <li>{@link io.milvusbench.gate} thresholds and baseline comparison on a run folder; {@link io.milvusbench.report}
 *       the reports of a verdict.</li>
 * </ul>
 * {@link io.milvusbench.BadInputException} is the one exception for bad input: one line on stderr, exit 2.
 */
package io.milvusbench;
