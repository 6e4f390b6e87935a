package io.milvusbench.dataset.text;

import java.util.List;

/** Turns passages into unit-length vectors, one per passage, in order. */
public interface TextEmbedder extends AutoCloseable {

    /** The model, as recorded in the dataset it builds, e.g. {@code all-MiniLM-L6-v2 (ONNX, mean pooling)}. */
    String model();

    int dim();

    /** One L2-normalised vector of {@link #dim()} values per passage. */
    float[][] embed(List<String> passages);

    @Override
    default void close() {
    }
}
