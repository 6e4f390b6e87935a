package io.milvusbench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client warm-up, against an in-process operation: bounded by its limit, stopped by a server that is gone. */
class ClientWarmupTest {
    @Test
    void endsAtItsLimitAndCountsWhatItSent() {
        ClientWarmup.Outcome o = ClientWarmup.run(seq -> Thread.sleep(1), Duration.ofMillis(1500), Optional::empty);
        assertTrue(o.seconds() < 5, o.describe());
        assertTrue(o.requests() > 100, o.describe());
        assertEquals(0, o.failures());
        assertNull(o.serverGone());
    }

    @Test
    void aServerThatIsGoneStopsItAndSaysSo() {
        long goneAt = System.nanoTime() + 500_000_000L;
        ClientWarmup.Outcome o = ClientWarmup.run(seq -> {
            if (System.nanoTime() > goneAt) {
                throw new IllegalStateException("connection refused");
            }
        }, Duration.ofSeconds(30), () -> System.nanoTime() > goneAt ? Optional.of("connection refused") : Optional.empty());
        assertTrue(o.seconds() < 5, o.describe());
        assertFalse(o.settled());
        assertEquals("connection refused", o.serverGone());
        assertTrue(o.describe().contains("stopped: the server is gone (connection refused)"), o.describe());
    }
}
