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
     * Starts or connects. {@code auto} means a container where one can start here without pulling
     * anything or leaving loopback ({@link ContainerTarget#problem}), else a local process: the
     * default that works on a laptop with Docker and on a machine with none.
     */
    public static MilvusTarget open(TargetOptions options) {
        TargetKind kind;
        if ("auto".equalsIgnoreCase(options.target.trim())) {
            var problem = ContainerTarget.problem(options);
            problem.ifPresent(reason -> System.err.println("milvus-bench: target auto -> local process (" + reason + ")"));
            kind = problem.isPresent() ? TargetKind.LOCAL : TargetKind.CONTAINER;
        } else {
            kind = TargetKind.parse(options.target);
        }
        return switch (kind) {
            case CONTAINER -> ContainerTarget.start(options);
            case LOCAL -> LocalProcessTarget.start(options);
            case CLUSTER -> ClusterTarget.start(options);
            case LITE -> LiteTarget.start(options);
            case URI -> UriTarget.connect(options.connectionTo(options.uri), options.metricsUri, options.componentMetrics);
        };
    }
}
