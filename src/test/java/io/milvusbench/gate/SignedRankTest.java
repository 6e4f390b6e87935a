package io.milvusbench.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The exact signed-rank test and Hodges–Lehmann interval against values computed independently: a
 * brute-force enumeration of every sign assignment (2^n) over the mid-ranks, and the sorted Walsh
 * averages, written out by hand in Python (not by this class's dynamic programme).
 */
class SignedRankTest {
    @Test
    void noTies() {
        double[] d = {0.12, -0.03, 0.07, 0.15, 0.02, 0.09, -0.01, 0.11};
        SignedRank.Result r = SignedRank.test(d, 0.05);
        assertEquals(8, r.n());
        assertEquals(32.0, r.wPlus(), 0);
        assertEquals(0.0546875, r.pValue(), 1e-12);          // 2 x 7/256
        assertEquals(0.0675, r.estimate(), 1e-12);
        assertEquals(-0.005, r.low(), 1e-12);
        assertEquals(0.12, r.high(), 1e-12);
        assertEquals(0.9609375, r.confidence(), 1e-12);      // 1 - 2 x 5/256
    }

    @Test
    void tiesGetMidRanksAndZerosAreDropped() {
        double[] d = {1, 1, -2, 3, 3, 3, 0};
        SignedRank.Result r = SignedRank.test(d, 0.05);
        assertEquals(6, r.n());
        assertEquals(18.0, r.wPlus(), 0);                    // ranks 1.5 + 1.5 + 5 + 5 + 5
        assertEquals(0.15625, r.pValue(), 1e-12);
        assertEquals(1.5, r.estimate(), 1e-12);               // zeros stay in the Walsh averages
        assertEquals(-0.5, r.low(), 1e-12);
        assertEquals(3.0, r.high(), 1e-12);
        assertEquals(0.953125, r.confidence(), 1e-12);
    }

    @Test
    void allSameSignReachesTheSmallestPValue() {
        double[] d = {0.1, 0.2, 0.3, 0.4, 0.5};
        assertEquals(2.0 / 32, SignedRank.test(d, 0.05).pValue(), 1e-15);
        assertEquals(1.0, SignedRank.test(new double[]{0, 0, 0}, 0.05).pValue(), 0);
    }

    @Test
    void nullDistributionSumsToOne() {
        double[] p = SignedRank.distribution(new int[]{2, 4, 6});   // ranks 1, 2, 3
        double[] expected = new double[13];
        // W+ over {0,1,2,3,3,4,5,6} (each 1/8), indexed by 2W+
        for (int w : new int[]{0, 1, 2, 3, 3, 4, 5, 6}) {
            expected[2 * w] += 0.125;
        }
        assertArrayEquals(expected, p, 1e-15);
    }

    @Test
    void refusesNothingAndTooMuch() {
        assertThrows(IllegalArgumentException.class, () -> SignedRank.test(new double[0], 0.05));
        assertThrows(IllegalArgumentException.class, () -> SignedRank.test(new double[SignedRank.MAX_N + 1], 0.05));
    }
}
