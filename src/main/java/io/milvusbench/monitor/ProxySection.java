package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * The proxy as a client and as the server see it.
 *
 * @param connect          open+close of a client (gRPC channel and handshake), client-side
 * @param search           search latency on {@code probedCollection}, client-side
 * @param query            query latency on {@code probedCollection}, client-side
 * @param probedCollection the collection searched, or null when none was available
 * @param traffic          the proxy's own request counts and latencies (from /metrics) while the monitor sent nothing:
 *                         between the previous snapshot and this one, or (first snapshot) the server's lifetime before it
 * @param nodes            proxy nodes as GetMetrics reports them
 * @param metrics          every {@code milvus_proxy_*} series, summed over labels
 * @param probeTraffic     the same counters during this snapshot: the monitor's own probe requests (and any others
 *                         arriving meanwhile), kept apart from {@code traffic}
 * @param probeNote        why search and query were not probed (e.g. the collection is not loaded), or null
 */
public record ProxySection(LatencySummary connect, LatencySummary search, LatencySummary query, String probedCollection,
                           ServerTraffic.Figures traffic, List<NodeInfo> nodes, Map<String, Double> metrics,
                           ServerTraffic.Figures probeTraffic, String probeNote) {
}
