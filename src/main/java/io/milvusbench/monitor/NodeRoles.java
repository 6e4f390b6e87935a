package io.milvusbench.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles GetMetrics(system_info) names in its {@code type} field, across Milvus 2.3 to 2.6, and
 * how the monitor shows them. Milvus 2.6 runs the three coordinators in one MixCoord process (its
 * answer still lists rootcoord, querycoord and datacoord), adds StreamingNode (named
 * {@code streamingnode} once the server labels its embedded query node so) and folds IndexNode into
 * DataNode. A type outside this list is shown as the server spells it and never judged.
 */
public final class NodeRoles {
    /** Known types (pkg/util/typeutil of Milvus 2.3 to 2.6) and the names the monitor shows. */
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("proxy", "Proxy");
        NAMES.put("querynode", "QueryNode");
        NAMES.put("datanode", "DataNode");
        NAMES.put("indexnode", "IndexNode");
        NAMES.put("streamingnode", "StreamingNode");
        NAMES.put("mixcoord", "MixCoord");
        NAMES.put("rootcoord", "RootCoord");
        NAMES.put("querycoord", "QueryCoord");
        NAMES.put("datacoord", "DataCoord");
        NAMES.put("indexcoord", "IndexCoord");
        NAMES.put("streamingcoord", "StreamingCoord");
        NAMES.put("standalone", "Standalone");
    }

    /** Types the monitor has a section for (Proxy, QueryNode, DataNode, IndexNode). */
    static final List<String> SECTIONS = List.of("proxy", "querynode", "datanode", "indexnode");
    private static final List<String> COORDINATORS = List.of("rootcoord", "querycoord", "datacoord", "streamingcoord");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    private NodeRoles() {
    }

    /** True for a type the monitor knows; an unknown one is listed, never alarmed on. */
    public static boolean known(String type) {
        return NAMES.containsKey(type);
    }

    /** The name shown for a type: e.g. {@code StreamingNode}; an unknown type as the server spells it. */
    public static String displayName(String type) {
        return NAMES.getOrDefault(type, type == null || type.isEmpty() ? "(no type)" : type);
    }

    /**
     * True when the nodes' build version is Milvus 2.6 or newer ({@code v2.6.6}); false when it is older or
     * no node reports one.
     */
    public static boolean mixCoordEra(List<NodeInfo> nodes) {
        for (NodeInfo n : nodes) {
            Matcher m = VERSION.matcher(n.buildVersion() == null ? "" : n.buildVersion());
            if (m.lookingAt()) {
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                return major > 2 || major == 2 && minor >= 6;
            }
        }
        return false;
    }

    /**
     * The topology as shown: nodes per role in the order above (unknown roles last, by name), the
     * coordinators of a 2.6 server folded into one {@code MixCoord} entry, and notes on what a version
     * has instead of a role the monitor has a section for.
     */
    public static TopologySection topology(List<NodeInfo> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return null;
        }
        boolean v26 = mixCoordEra(nodes);
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, List<String>> names = new TreeMap<>();
        for (NodeInfo n : nodes) {
            counts.merge(n.type(), 1, Integer::sum);
            names.computeIfAbsent(n.type(), t -> new ArrayList<>()).add(n.name());
        }
        List<TopologySection.Role> roles = new ArrayList<>();
        List<String> folded = v26 ? COORDINATORS.stream().filter(counts::containsKey).toList() : List.of();
        for (String type : NAMES.keySet()) {
            if (!counts.containsKey(type)) {
                continue;
            }
            if (folded.contains(type)) {
                if (type.equals(folded.get(0))) {
                    // one MixCoord answers for every coordinator: as many MixCoords as the most any coordinator type lists
                    int mix = folded.stream().mapToInt(counts::get).max().orElse(1);
                    roles.add(new TopologySection.Role("MixCoord", String.join("+", folded), mix, true, List.of()));
                }
                continue;
            }
            roles.add(new TopologySection.Role(NAMES.get(type), type, counts.get(type), true, List.copyOf(names.get(type))));
        }
        List<String> unknown = new ArrayList<>();
        counts.forEach((type, n) -> {
            if (!known(type)) {
                roles.add(new TopologySection.Role(displayName(type), type, n, false, List.copyOf(names.get(type))));
                unknown.add(type);
            }
        });
        List<String> notes = new ArrayList<>();
        if (v26 && !counts.containsKey("indexnode") && counts.containsKey("datanode")) {
            notes.add("no IndexNode: Milvus 2.6 builds indexes on the DataNode");
        }
        if (!folded.isEmpty()) {
            notes.add("MixCoord: Milvus 2.6 runs " + String.join(", ", folded) + " in one process; GetMetrics lists each");
        }
        if (!unknown.isEmpty()) {
            notes.add("roles this monitor does not know, listed only (never alarmed): " + String.join(", ", unknown));
        }
        List<NodeInfo> others = nodes.stream().filter(n -> !SECTIONS.contains(n.type())).toList();
        return new TopologySection(List.copyOf(roles), List.copyOf(unknown), List.copyOf(notes), others);
    }
}
