package io.milvusbench.cli;

import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Exit codes of the command line on bad input; no server is contacted except the unreachable one. */
class MainTest {
    @Test
    void unknownOptionAndTargetAreExitTwo() {
        assertEquals(2, Main.execute("info", "--no-such-option"));
        assertEquals(2, Main.execute("info", "--target", "nowhere"));
        assertEquals(2, Main.execute("info", "--target", "uri", "--uri", "http//missing-colon"));
    }

    @Test
    void unreachableServerIsExitTwoWithinTheDeadline() {
        long start = System.nanoTime();
        assertEquals(2, Main.execute("info", "--target", "uri", "--uri", "127.0.0.1:9", "--connect-timeout-ms", "1500"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(true, ms < 15_000, "took " + ms + " ms");
    }

    @Test
    void helpIsExitZero() {
        assertEquals(0, Main.execute("--help"));
        assertEquals(0, Main.execute("info", "--help"));
    }

    @Test
    void suiteRefusesForeignCollections() {
        assertThrows(BadInputException.class, () -> SuiteCollections.requireOwned("customer_vectors"));
        assertEquals("mbench_x", SuiteCollections.requireOwned("mbench_x"));
    }
}
