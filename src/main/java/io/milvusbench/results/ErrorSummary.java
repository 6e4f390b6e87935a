package io.milvusbench.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests and failed requests of one series, with the failures by cause: an entry of run.json's
 * {@code errors} object (docs/run-folder.md), {@code {"requests":N,"errors":M,"reasons":{"UNAVAILABLE: io exception":M}}}.
 * The reasons' counts add up to {@code errors}.
 */
public record ErrorSummary(long requests, long errors, Map<String, Long> reasons) {
    public ErrorSummary {
        reasons = ErrorTally.sorted(reasons == null ? Map.of() : reasons);
    }

    public static ErrorSummary of(long requests, ErrorTally tally) {
        return new ErrorSummary(requests, tally.count(), tally.reasons());
    }

    /** Failed share of the requests (0 when there were none). */
    public double errorRate() {
        return requests > 0 ? (double) errors / requests : 0;
    }

    /** This summary and {@code other} added up (e.g. two forks or two iterations of one series). */
    public ErrorSummary plus(ErrorSummary other) {
        Map<String, Long> r = new LinkedHashMap<>(reasons);
        other.reasons.forEach((k, v) -> r.merge(k, v, Long::sum));
        return new ErrorSummary(requests + other.requests, errors + other.errors, r);
    }
}
