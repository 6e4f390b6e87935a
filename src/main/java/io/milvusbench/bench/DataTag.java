package io.milvusbench.bench;

import io.milvusbench.dataset.Dataset;

/** The {@code data=} parameter of series ids: {@code synthetic-100000x128-L2}, {@code sift-1000000x128-L2}. */
public final class DataTag {
    private DataTag() {
    }

    public static String of(Dataset d) {
        String name = d.name().replaceAll("[^A-Za-z0-9_.+-]", "_");
        return name + "-" + d.rows() + "x" + d.dim() + "-" + d.metric();
    }
}
