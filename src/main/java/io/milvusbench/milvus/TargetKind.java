package io.milvusbench.milvus;

import io.milvusbench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways the suite gets hold of a Milvus. */
public enum TargetKind {
    /** Started by Testcontainers from a (pinned or locally built) image. */
    CONTAINER("container"),
    /** Started as a plain local process from the PyPI wheel's binary (scripts/milvus-local.sh). */
    LOCAL("local"),
    /** Started as a cluster of local processes, one per role, with etcd and Kafka (scripts/milvus-cluster.sh). */
    CLUSTER("cluster"),
    /** Milvus Lite from the PyPI wheel milvus-lite as a local process on a loopback TCP port (scripts/milvus-lite.sh). */
    LITE("lite"),
    /** An existing server, e.g. the user's real cluster. */
    URI("uri");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TargetKind parse(String text) {
        for (TargetKind kind : values()) {
            if (kind.label.equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new BadInputException("unknown target '" + text + "' (expected one of: auto, "
                + Arrays.stream(values()).map(TargetKind::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
