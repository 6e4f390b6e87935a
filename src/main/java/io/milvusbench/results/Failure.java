package io.milvusbench.results;

/**
 * One failed figure of a run, an entry of run.json's {@code failures} list (docs/run-folder.md):
 * the series id (or, when a benchmark failed before it had one, the benchmark name with its
 * parameters) and the reason on one line.
 */
public record Failure(String series, String reason) {
    public Failure {
        reason = reason == null ? "" : reason.replaceAll("\\s+", " ").strip();
    }

    /** {@code series: reason}, for one-line console reports. */
    public String describe() {
        return series + ": " + reason;
    }
}
