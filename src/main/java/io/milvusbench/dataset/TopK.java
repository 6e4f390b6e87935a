package io.milvusbench.dataset;

/**
 * Bounded best-k collector: keeps the k best (id, score) pairs seen, worst at the root of a binary
 * heap so a candidate is rejected in O(1) when it is not better than the current k-th.
 * "Better" is a smaller score for distances, a larger one for similarities; ties favour the smaller id.
 */
public final class TopK {
    private final int k;
    private final boolean higherIsBetter;
    private final long[] ids;
    private final float[] scores;
    private int size;

    public TopK(int k, boolean higherIsBetter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive");
        }
        this.k = k;
        this.higherIsBetter = higherIsBetter;
        this.ids = new long[k];
        this.scores = new float[k];
    }

    /** True when (a, ida) ranks worse than (b, idb). */
    private boolean worse(float a, long ida, float b, long idb) {
        if (a != b) {
            return higherIsBetter ? a < b : a > b;
        }
        return ida > idb;
    }

    /**
     * False when a candidate with this score would certainly be rejected: the collector is full
     * and the score is worse than its current k-th. A cheap test for scan loops.
     */
    public boolean wouldAccept(float score) {
        return size < k || (higherIsBetter ? score >= scores[0] : score <= scores[0]);
    }

    public void offer(long id, float score) {
        if (size < k) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(scores[0], ids[0], score, id)) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    public void mergeFrom(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i], other.scores[i]);
        }
    }

    public int size() {
        return size;
    }

    /** Ids sorted best first. */
    public long[] idsNearestFirst() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> worse(scores[a], ids[a], scores[b], ids[b]) ? 1
                : worse(scores[b], ids[b], scores[a], ids[a]) ? -1 : 0);
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = ids[order[i]];
        }
        return out;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (worse(scores[i], ids[i], scores[parent], ids[parent])) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && worse(scores[l], ids[l], scores[worst], ids[worst])) {
                worst = l;
            }
            if (r < size && worse(scores[r], ids[r], scores[worst], ids[worst])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
