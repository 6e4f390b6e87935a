package io.milvusbench.milvus;

import io.milvus.v2.client.MilvusClientV2;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a server is known not to do, so commands say it once instead of failing on it. Two sources,
 * named as such: the server's own answers (a call that comes back {@code UNIMPLEMENTED}, see
 * {@link #unimplemented}) and a known list per server kind: Milvus Lite builds FLAT, IVF_FLAT and
 * AUTOINDEX only (its documentation; on Lite 2.5.1 HNSW, IVF_SQ8, IVF_PQ and DISKANN are refused by
 * CreateIndex). The list applies to the {@code lite} target and to a server that answers GetVersion
 * {@code UNIMPLEMENTED}, as Milvus Lite does; every other server builds what it builds.
 */
public final class ServerFeatures {
    /** The version recorded for a server that does not report one. */
    public static final String UNKNOWN_VERSION = "unknown";
    /** Index kinds Milvus Lite builds. */
    public static final List<String> LITE_INDEX_KINDS = List.of("FLAT", "IVF_FLAT", "AUTOINDEX");

    private ServerFeatures() {
    }

    /** The note a command prints once when the server has no GetMetrics. */
    public static final String NO_GET_METRICS = "GetMetrics: not available on this server";
    /** The note a command prints once when the server has no Prometheus endpoint. */
    public static final String NO_METRICS_ENDPOINT = "/metrics: none";

    /**
     * Asks the server GetMetrics(system_info) once, on the raw gRPC stub (the SDK logs a stack trace
     * for a call the server lacks): false when it answers UNIMPLEMENTED, true otherwise (an answer,
     * or another failure the caller's own GetMetrics call reports).
     */
    public static boolean answersGetMetrics(ConnectionSpec spec) {
        MilvusClientV2 client = MilvusClients.v2(spec);
        try {
            RawRpc.of(client, spec.rpcDeadline()).metrics("{\"metric_type\":\"system_info\"}");
            return true;
        } catch (RuntimeException e) {
            return !unimplemented(e);
        } finally {
            client.close();
        }
    }

    /**
     * What the target cannot show, one plain line each, for a command to print once and record in
     * run.json ({@code server_lacks}): no Prometheus endpoint, no GetMetrics (asked once), no
     * GetVersion. Empty for a server that has all three.
     */
    public static List<String> lacks(MilvusTarget target) {
        List<String> out = new java.util.ArrayList<>();
        if (target.metricsUri().isEmpty()) {
            out.add(NO_METRICS_ENDPOINT + (target.kind() == TargetKind.URI ? " known (give --metrics-uri if the server has one)" : "")
                    + ": no server-side latency, CPU, memory or request counters");
        }
        if (!answersGetMetrics(target.connection())) {
            out.add(NO_GET_METRICS + ": no node list, node memory or binlog sizes");
        }
        if (UNKNOWN_VERSION.equals(target.serverVersion())) {
            out.add("GetVersion: not available on this server: its version is recorded as \"" + UNKNOWN_VERSION + "\"");
        }
        return out;
    }

    /** True when the server answered the call with gRPC status UNIMPLEMENTED (it has no such call). */
    public static boolean unimplemented(Throwable error) {
        return error != null && "UNIMPLEMENTED".equals(ErrorCause.of(error).status());
    }

    /** True for Milvus Lite: the {@code lite} target, or a server that reports no version. */
    public static boolean liteLike(MilvusTarget target) {
        return target.kind() == TargetKind.LITE || UNKNOWN_VERSION.equals(target.serverVersion());
    }

    /**
     * Why the target will not build {@code indexKind}, or empty when it is not known to refuse it.
     * One line, naming the server and what it builds instead.
     */
    public static Optional<String> indexRefusal(MilvusTarget target, String indexKind) {
        String kind = indexKind.trim().toUpperCase(Locale.ROOT);
        if (!liteLike(target) || LITE_INDEX_KINDS.contains(kind)) {
            return Optional.empty();
        }
        String server = target.kind() == TargetKind.LITE ? "Milvus Lite" : "this server reports no version, as Milvus Lite does; Milvus Lite";
        return Optional.of(server + " builds " + String.join(", ", LITE_INDEX_KINDS) + " only, not " + kind);
    }
}
