package io.milvusbench.milvus;

/** Creates the {@link MilvusTarget} that {@link TargetOptions} ask for. */
public final class Targets {
    private Targets() {
    }

    /** The target named by {@code -Dmilvus.*} properties; see {@link TargetOptions}. */
    public static MilvusTarget fromSystemProperties() {
        return open(TargetOptions.fromSystemProperties());
    }

    /**
     * Starts or connects. {@code auto} means a container where a Docker API answers, else a local
     * process: the default that works on a laptop with Docker and on a machine with none.
     */
    public static MilvusTarget open(TargetOptions options) {
        TargetKind kind = "auto".equalsIgnoreCase(options.target.trim())
                ? (ContainerTarget.dockerAvailable() ? TargetKind.CONTAINER : TargetKind.LOCAL)
                : TargetKind.parse(options.target);
        return switch (kind) {
            case CONTAINER -> ContainerTarget.start(options);
            case LOCAL -> LocalProcessTarget.start(options);
            case URI -> UriTarget.connect(options.connectionTo(options.uri), options.metricsUri);
        };
    }
}
