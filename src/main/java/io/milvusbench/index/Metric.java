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

    /**
     * The metric of an ann-benchmarks file's {@code distance} attribute: euclidean is L2, angular is
     * COSINE, dot/ip is IP; jaccard and hamming (binary data) are not supported.
     */
    public static Metric fromAnnBenchmarks(String distance) {
        String d = distance == null ? "" : distance.trim().toLowerCase(Locale.ROOT);
        return switch (d) {
            case "euclidean", "l2" -> L2;
            case "angular", "cosine" -> COSINE;
            case "dot", "ip", "inner_product" -> IP;
            default -> throw new BadInputException("unsupported ann-benchmarks distance '" + distance
                    + "' (supported: euclidean, angular, dot)");
        };
    }

    public IndexParam.MetricType sdkType() {
        return sdkType;
    }

    public boolean higherIsCloser() {
        return higherIsCloser;
    }

    /**
     * The score of {@code a} against {@code b} computed in double precision, element by element:
     * the reference that ground truth ranks its final candidates by.
     */
    public double exactScore(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            double d = x - y;
            l2 += d * d;
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return switch (this) {
            case L2 -> l2;
            case IP -> dot;
            case COSINE -> dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-30);
        };
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
