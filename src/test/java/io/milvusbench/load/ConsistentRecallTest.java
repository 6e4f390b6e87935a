package io.milvusbench.load;

import io.milvusbench.dataset.Recall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recall@k on the view a ground-truth scan saw, when rows were inserted or deleted since. */
class ConsistentRecallTest {
    private static final long[][] TRUTH = {{1, 2, 3, 4}};
    private static final long[] SCANNED = {1, 2, 3, 4, 5, 6};

    @Test
    void anUnchangedCollectionGivesPlainRecall() {
        List<List<Long>> hits = List.of(List.of(1L, 2L, 5L, 6L));
        ConsistentRecall r = ConsistentRecall.of(TRUTH, hits, 4, SCANNED, Set.of());
        assertEquals(Recall.meanAtK(TRUTH, hits, 4), r.recall(), 1e-12);
        assertEquals(0.5, r.recall(), 1e-12);
        assertEquals(new ConsistentRecall(0.5, 1, 0, 0), r);
    }

    @Test
    void anExactSearchScoresOneWhatever() {
        // 9 and 10 inserted after the scan and nearer than 3 and 4; 2 deleted since
        List<List<Long>> exact = List.of(List.of(9L, 1L, 10L, 3L));
        ConsistentRecall r = ConsistentRecall.of(TRUTH, exact, 4, SCANNED, Set.of(2L));
        assertEquals(1.0, r.recall(), 1e-12);
        assertEquals(2, r.newHits());
        assertEquals(1, r.goneTruth());
        assertEquals(1, r.queries());
        assertTrue(Recall.meanAtK(TRUTH, exact, 4) < 1, "plain recall would blame the index for the writes");
    }

    @Test
    void aMissStillCountsOnTheView() {
        // one new row; of the 3 nearest seen rows (1, 2, 3) the server returned 1 and 5: recall 1/3
        ConsistentRecall r = ConsistentRecall.of(TRUTH, List.of(List.of(9L, 1L, 5L, 6L)), 4, SCANNED, Set.of());
        assertEquals(1.0 / 3, r.recall(), 1e-12);
    }

    @Test
    void aQueryWithNothingLeftToCompareIsLeftOut() {
        ConsistentRecall r = ConsistentRecall.of(TRUTH, List.of(List.of(7L, 8L, 9L, 10L)), 4, SCANNED, Set.of());
        assertEquals(0, r.queries());
        assertTrue(Double.isNaN(r.recall()));
    }
}
