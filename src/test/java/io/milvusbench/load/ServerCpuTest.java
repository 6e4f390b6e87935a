package io.milvusbench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's CPU comes from its own process counter; a server without one gives NaN, never 0. */
class ServerCpuTest {
    @Test
    void readsTheProcessCounterOfAMilvusMetricsPage() {
        String page = """
                # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total 1794.13
                process_resident_memory_bytes 2.82722304e+08
                milvus_proxy_req_count{function_name="Search",node_id="1",status="total"} 12
                """;
        assertEquals(1794.13, ServerCpu.cpuSeconds(page), 1e-9);
    }

    @Test
    void aPageWithoutTheCounterIsUnknown() {
        assertTrue(Double.isNaN(ServerCpu.cpuSeconds("milvus_proxy_req_count{status=\"total\"} 12\n")));
    }
}
