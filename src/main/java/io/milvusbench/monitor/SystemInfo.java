package io.milvusbench.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvus.client.MilvusServiceClient;
import io.milvus.grpc.GetMetricsResponse;
import io.milvus.param.R;
import io.milvus.param.control.GetMetricsParam;
import io.milvusbench.BadInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GetMetrics {@code {"metric_type":"system_info"}}: the per-node records Milvus reports about
 * itself (name, type, memory, CPU, disk, build). The SDK offers this call on the v1 client only.
 */
public final class SystemInfo {
    public static final String REQUEST = "{\"metric_type\":\"system_info\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SystemInfo() {
    }

    /** Calls GetMetrics on {@code client} (which carries the RPC deadline) and parses the answer. */
    public static List<NodeInfo> fetch(MilvusServiceClient client) {
        return parse(fetchJson(client));
    }

    /** Calls GetMetrics(system_info) and returns the server's JSON text unparsed. */
    public static String fetchJson(MilvusServiceClient client) {
        R<GetMetricsResponse> response = client.getMetrics(GetMetricsParam.newBuilder().withRequest(REQUEST).build());
        if (response.getStatus() != R.Status.Success.getCode()) {
            String reason = response.getException() == null ? "status " + response.getStatus() : response.getException().getMessage();
            throw new IllegalStateException("GetMetrics(system_info) failed: " + reason);
        }
        return response.getData().getResponse();
    }

    /** Parses the JSON text of a system_info answer; a garbled text is a {@link BadInputException}. */
    public static List<NodeInfo> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadInputException("GetMetrics answer is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode nodes = root == null ? null : root.get("nodes_info");
        if (nodes == null || !nodes.isArray()) {
            throw new BadInputException("GetMetrics answer has no nodes_info array");
        }
        List<NodeInfo> out = new ArrayList<>();
        for (JsonNode node : nodes) {
            JsonNode infos = node.path("infos");
            JsonNode hw = infos.path("hardware_infos");
            out.add(new NodeInfo(
                    infos.path("name").asText(""),
                    infos.path("type").asText(""),
                    infos.path("id").asLong(node.path("identifier").asLong()),
                    hw.path("memory").asLong(),
                    hw.path("memory_usage").asLong(),
                    hw.path("cpu_core_count").asInt(),
                    hw.path("cpu_core_usage").asDouble(),
                    hw.path("disk").asLong(),
                    hw.path("disk_usage").asLong(),
                    infos.path("system_info").path("build_version").asText(""),
                    infos.path("has_error").asBoolean() ? infos.path("error_reason").asText("") : ""));
        }
        return out;
    }

    /**
     * Bytes of binlog (persisted data) per collection id, as the data coordinator reports them in
     * its {@code quota_metrics.CollectionBinlogSize}; the key {@code -1} holds {@code TotalBinlogSize}.
     * Empty when the answer has no data coordinator or the version reports no sizes.
     */
    public static Map<Long, Long> binlogSizes(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadInputException("GetMetrics answer is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<Long, Long> out = new TreeMap<>();
        for (JsonNode node : root.path("nodes_info")) {
            JsonNode quota = node.path("infos").path("quota_metrics");
            if (!"datacoord".equals(node.path("infos").path("type").asText()) || !quota.isObject()) {
                continue;
            }
            if (quota.has("TotalBinlogSize")) {
                out.put(-1L, quota.path("TotalBinlogSize").asLong());
            }
            quota.path("CollectionBinlogSize").properties().forEach(e -> out.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
        }
        return out;
    }

    /** The {@code deploy_mode} the nodes report (e.g. {@code STANDALONE}), or null when none does. */
    public static String deployMode(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadInputException("GetMetrics answer is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        for (JsonNode node : root.path("nodes_info")) {
            String mode = node.path("infos").path("system_info").path("deploy_mode").asText("");
            if (!mode.isEmpty()) {
                return mode;
            }
        }
        return null;
    }
}
