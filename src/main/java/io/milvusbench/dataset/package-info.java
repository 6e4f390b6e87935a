/**
 * Vectors and the truth about them, no Milvus involved. {@link io.milvusbench.dataset.Datasets#open} opens
 * what {@link io.milvusbench.dataset.DatasetOptions} name as a {@link io.milvusbench.dataset.Dataset}: seeded
 * synthetic data, ann-benchmarks HDF5 or fvecs/ivecs/bvecs files, or the real-text embedding set that
 * {@link io.milvusbench.dataset.text} builds. {@link io.milvusbench.dataset.GroundTruth}
 * computes exact neighbours (kept by {@link io.milvusbench.dataset.GroundTruthCache}), {@link io.milvusbench.dataset.Recall}
 * scores a search against them.
 */
package io.milvusbench.dataset;
