/**
 * Index build benchmarks: {@link io.milvusbench.bench.build.IndexBuildBenchmark}, CreateIndex until the
 * server reports every row indexed (single shot, seconds).
 */
package io.milvusbench.bench.build;
