package io.milvusbench.index;

import io.milvus.v2.common.IndexParam;
import io.milvusbench.BadInputException;

import java.util.Locale;

/** Distance metric, with the ordering of "closer" that ground truth and recall need. */
public enum Metric {
    /** Squared Euclidean distance: smaller is closer. */
    L2(IndexParam.MetricType.L2, false),
    /** Inner product: larger is closer. */
    IP(IndexParam.MetricType.IP, true),
    /** Cosine similarity: larger is closer (vectors are compared after normalisation). */
    COSINE(IndexParam.MetricType.COSINE, true);

    private final IndexParam.MetricType sdkType;
    private final boolean higherIsCloser;

    Metric(IndexParam.MetricType sdkType, boolean higherIsCloser) {
        this.sdkType = sdkType;
        this.higherIsCloser = higherIsCloser;
    }

    public static Metric parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("unknown metric '" + text + "' (expected L2, IP or COSINE)");
        }
    }

    public IndexParam.MetricType sdkType() {
        return sdkType;
    }

    public boolean higherIsCloser() {
        return higherIsCloser;
    }

    /** The score of {@code a} against {@code b}, in this metric's own units. */
    public float score(float[] a, float[] b) {
        switch (this) {
            case L2: {
                float sum = 0;
                for (int i = 0; i < a.length; i++) {
                    float d = a[i] - b[i];
                    sum += d * d;
                }
                return sum;
            }
            case IP: {
                float sum = 0;
                for (int i = 0; i < a.length; i++) {
                    sum += a[i] * b[i];
                }
                return sum;
            }
            default: {
                float dot = 0;
                float na = 0;
                float nb = 0;
                for (int i = 0; i < a.length; i++) {
                    dot += a[i] * b[i];
                    na += a[i] * a[i];
                    nb += b[i] * b[i];
                }
                return (float) (dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-30));
            }
        }
    }
}
