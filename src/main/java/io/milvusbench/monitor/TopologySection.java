package io.milvusbench.monitor;

import java.util.List;

/**
 * The roles GetMetrics(system_info) lists, by the names the monitor shows (see {@link NodeRoles}):
 * every role of every Milvus version, the ones without a section of their own (coordinators,
 * StreamingNode, roles the monitor does not know) included.
 *
 * @param roles   one entry per role, with its node count
 * @param unknown types the monitor does not know: listed, never alarmed on
 * @param notes   what a version has instead of a role (e.g. no IndexNode on 2.6)
 * @param others  nodes of the roles without a section of their own (coordinators, StreamingNode, unknown roles)
 */
public record TopologySection(List<Role> roles, List<String> unknown, List<String> notes, List<NodeInfo> others) {

    /**
     * @param name  shown name, e.g. {@code StreamingNode}, {@code MixCoord}
     * @param types GetMetrics' type(s) behind it, e.g. {@code rootcoord+querycoord+datacoord}
     * @param nodes nodes of the role now
     * @param known the monitor knows the role
     * @param nodeNames GetMetrics' node names (empty for a folded MixCoord)
     */
    public record Role(String name, String types, int nodes, boolean known, List<String> nodeNames) {
    }

    /** {@code Proxy 1, QueryNode 2, MixCoord 1, ...}: one line for reports. */
    public String summary() {
        return String.join(", ", roles.stream().map(r -> r.name() + " " + r.nodes() + (r.known() ? "" : " (unknown role)")).toList());
    }
}
