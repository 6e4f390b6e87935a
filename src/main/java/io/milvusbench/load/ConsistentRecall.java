package io.milvusbench.load;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * recall@k on one consistent view of a collection that is written to while it is measured: the
 * rows a ground-truth scan saw that are still there when the searches have answered.
 *
 * <p>For each query, hits on rows the scan did not see (inserted since) are set aside, and so are
 * exact neighbours deleted since; with {@code x} hits set aside and {@code P} the exact neighbours
 * still present (nearest first), recall is {@code |hits ∩ P[0..m)| / m} where
 * {@code m = min(k - x, |P|)}. An exact search scores 1 on any mix of inserts and deletes, and on
 * an unchanged collection this is plain recall@k. A query with {@code m = 0} is left out.
 *
 * @param recall     mean over the queries measured (NaN when none could be)
 * @param queries    queries measured
 * @param newHits    hits on rows inserted after the scan, set aside
 * @param goneTruth  exact neighbours deleted after the scan, set aside
 */
public record ConsistentRecall(double recall, int queries, int newHits, int goneTruth) {

    /**
     * @param truth   each query's exact neighbours over the scanned rows, nearest first (at least k each)
     * @param hits    each query's returned ids, best first
     * @param scanned the primary keys the scan saw, sorted; null when the collection did not change (nothing set aside)
     * @param gone    exact neighbours no longer in the collection
     */
    public static ConsistentRecall of(long[][] truth, List<List<Long>> hits, int k, long[] scanned, Set<Long> gone) {
        if (truth.length != hits.size()) {
            throw new IllegalArgumentException("ground truth has " + truth.length + " queries, results " + hits.size());
        }
        double sum = 0;
        int measured = 0;
        int newHits = 0;
        int goneTruth = 0;
        for (int q = 0; q < truth.length; q++) {
            List<Long> returned = hits.get(q).subList(0, Math.min(k, hits.get(q).size()));
            Set<Long> seen = new HashSet<>();
            for (Long id : returned) {
                if (scanned != null && Arrays.binarySearch(scanned, id) < 0) {
                    newHits++;
                } else {
                    seen.add(id);
                }
            }
            int x = returned.size() - seen.size();
            long[] present = Arrays.stream(truth[q], 0, Math.min(k, truth[q].length)).filter(id -> !gone.contains(id)).toArray();
            goneTruth += Math.min(k, truth[q].length) - present.length;
            int m = Math.min(k - x, present.length);
            if (m <= 0) {
                continue;
            }
            int found = 0;
            for (int i = 0; i < m; i++) {
                if (seen.contains(present[i])) {
                    found++;
                }
            }
            sum += (double) found / m;
            measured++;
        }
        return new ConsistentRecall(measured == 0 ? Double.NaN : sum / measured, measured, newHits, goneTruth);
    }
}
