package io.milvusbench.monitor;

/** A probe that failed in one snapshot: which section, which probe, and the server's reason on one line. */
public record ProbeError(String section, String probe, String message) {
}
