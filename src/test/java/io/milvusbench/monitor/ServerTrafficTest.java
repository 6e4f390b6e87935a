package io.milvusbench.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerTrafficTest {
    private static ServerTraffic.RequestCount method(ServerTraffic.Figures f, String name) {
        return f.requests().stream().filter(r -> r.function().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void lifetimeCountsAndLatencies() {
        ServerTraffic.Figures f = ServerTraffic.of(Samples.metrics("metrics-v2.3.5-loaded.txt"), null, 0);
        assertEquals("lifetime", f.window());
        ServerTraffic.RequestCount search = method(f, "Search");
        assertEquals(10, search.total());
        assertEquals(0, search.failed());
        assertNull(search.perSecond());
        ServerTraffic.ServerLatency sq = f.latencies().stream()
                .filter(l -> l.metric().equals(ServerTraffic.SQ_LATENCY) && l.function().equals("query")).findFirst().orElseThrow();
        assertEquals(10, sq.count());
        assertEquals(2.2, sq.meanMs(), 1e-9);
    }

    @Test
    void intervalBetweenTwoScrapes() {
        ServerTraffic.Figures f = ServerTraffic.of(Samples.metrics("metrics-v2.3.5-after-traffic.txt"),
                Samples.metrics("metrics-v2.3.5-idle.txt"), 10);
        assertEquals("interval", f.window());
        ServerTraffic.RequestCount search = method(f, "Search");
        assertEquals(20, search.total());
        assertEquals(2.0, search.perSecond(), 1e-9);
        assertTrue(f.latencies().stream().anyMatch(l -> l.function().equals("search") && l.count() == 20));
    }

    @Test
    void aRestartedServerResetsItsCounters() {
        // The earlier scrape counted 20 searches, the later (restarted) server 10: report the 10.
        ServerTraffic.Figures f = ServerTraffic.of(Samples.metrics("metrics-v2.3.5-loaded.txt"),
                Samples.metrics("metrics-v2.3.5-after-traffic.txt"), 5);
        assertEquals(10, method(f, "Search").total());
        assertEquals(2.0, method(f, "Search").perSecond(), 1e-9);
    }
}
