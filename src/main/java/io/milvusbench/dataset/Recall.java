package io.milvusbench.dataset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** recall@k: the share of the exact top-k neighbours that a search returned in its top k. */
public final class Recall {
    private Recall() {
    }

    /** recall@k of one query: |returned[0..k) ∩ exact[0..k)| / k. */
    public static double atK(long[] exact, List<Long> returned, int k) {
        if (k < 1 || k > exact.length) {
            throw new IllegalArgumentException("k must be in 1.." + exact.length + ", got " + k);
        }
        Set<Long> truth = new HashSet<>();
        for (int i = 0; i < k; i++) {
            truth.add(exact[i]);
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, returned.size()); i++) {
            if (truth.contains(returned.get(i))) {
                hits++;
            }
        }
        return (double) hits / k;
    }

    /** Mean recall@k over many queries. */
    public static double meanAtK(long[][] exact, List<List<Long>> returned, int k) {
        if (exact.length != returned.size()) {
            throw new IllegalArgumentException("ground truth has " + exact.length + " queries, results " + returned.size());
        }
        double sum = 0;
        for (int q = 0; q < exact.length; q++) {
            sum += atK(exact[q], returned.get(q), k);
        }
        return exact.length == 0 ? 0 : sum / exact.length;
    }
}
