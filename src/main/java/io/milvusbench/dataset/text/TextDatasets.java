package io.milvusbench.dataset.text;

import java.nio.file.Path;

/**
 * The real-text embedding dataset by name: {@code wordnet-minilm} is the ann-benchmarks HDF5 file
 * {@code wordnet-minilm-384-angular.hdf5} under {@code ~/.cache/milvus-bench/datasets} (or
 * {@code -Dmilvus.bench.datasets=DIR}), built once by {@code dataset wordnet-minilm --build}.
 */
public final class TextDatasets {
    public static final String WORDNET_MINILM = "wordnet-minilm";

    private TextDatasets() {
    }

    public static boolean isWordNetMiniLm(String spec) {
        return spec != null && WORDNET_MINILM.equalsIgnoreCase(spec.trim());
    }

    public static Path wordNetMiniLmFile() {
        String configured = System.getProperty("milvus.bench.datasets");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "milvus-bench", "datasets");
        return dir.resolve("wordnet-minilm-384-angular.hdf5");
    }
}
