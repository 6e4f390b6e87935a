/**
 * Index kinds as values: {@link io.milvusbench.index.IndexKind} carries each kind's build parameters and
 * its one search knob (nprobe, ef, search_list), {@link io.milvusbench.index.IndexSpec} one configuration as
 * benchmarks and the command line name it, {@link io.milvusbench.index.Metric} the distance metric.
 */
package io.milvusbench.index;
