/**
 * The real-text embedding dataset {@code wordnet-minilm}: {@link io.milvusbench.dataset.text.WordNetGlosses}
 * reads WordNet passages, {@link io.milvusbench.dataset.text.MiniLmEmbedder} embeds them in this JVM
 * (all-MiniLM-L6-v2, ONNX, from a Maven artifact), {@link io.milvusbench.dataset.text.EmbeddingDatasetBuilder}
 * holds out queries, computes exact neighbours and writes an ann-benchmarks HDF5 file
 * ({@link io.milvusbench.dataset.text.AnnHdf5Writer}) where {@link io.milvusbench.dataset.text.TextDatasets}
 * finds it. Entry point: {@code milvus-bench dataset wordnet-minilm --build} (in milvus-bench-embed.jar).
 */
package io.milvusbench.dataset.text;
