package io.milvusbench.load;

import io.milvusbench.milvus.MilvusClients;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts failed requests and keeps the distinct reasons (up to {@value #MAX_REASONS}, each with
 * its count), so a report can say what went wrong and how often instead of just "errors: 17".
 */
public final class ErrorTally {
    static final int MAX_REASONS = 10;
    private final LongAdder count = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

    public void record(Throwable error) {
        count.increment();
        String reason = MilvusClients.rootMessage(error);
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "...";
        }
        LongAdder n = reasons.get(reason);
        if (n == null && reasons.size() < MAX_REASONS) {
            n = reasons.computeIfAbsent(reason, k -> new LongAdder());
        }
        if (n == null) {
            n = reasons.computeIfAbsent("(other reasons)", k -> new LongAdder());
        }
        n.increment();
    }

    public long count() {
        return count.sum();
    }

    /** Reason to count, most frequent first. */
    public Map<String, Long> reasons() {
        Map<String, Long> out = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }
}
