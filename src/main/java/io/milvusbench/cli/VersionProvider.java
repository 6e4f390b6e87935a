package io.milvusbench.cli;

import picocli.CommandLine;

/** The suite's version from the jar manifest, and the Milvus version it pins. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"milvus-bench " + (version == null ? "(development build)" : version),
                "pinned Milvus server: " + io.milvusbench.milvus.TargetOptions.DEFAULT_VERSION};
    }
}
