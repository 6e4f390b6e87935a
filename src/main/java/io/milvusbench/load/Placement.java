package io.milvusbench.load;

import io.milvusbench.BadInputException;

/**
 * How the searched collection is laid out over the query nodes of a cluster: {@code segments}
 * sealed segments (the rows inserted in that many parts, each flushed: the query coordinator spreads
 * segments over the query nodes) and {@code replicas} in-memory replicas (each on other query nodes;
 * the proxy spreads searches over them). {@code replicas} null leaves a reused collection as it is
 * loaded (one replica when it has to be loaded).
 */
public record Placement(int segments, Integer replicas) {
    /** One flush (as few segments as the server makes of it), replicas as they are. */
    public static final Placement DEFAULT = new Placement(1, null);

    public Placement {
        if (segments < 1 || segments > 64) {
            throw new BadInputException("segments must be in 1..64, got " + segments);
        }
        if (replicas != null && (replicas < 1 || replicas > 16)) {
            throw new BadInputException("replicas must be in 1..16, got " + replicas);
        }
    }

    /** Suffix of the reusable collection's name: a layout of several segments is another collection. */
    String nameSuffix() {
        return segments == 1 ? "" : "_seg" + segments;
    }
}
