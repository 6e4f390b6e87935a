package io.milvusbench.results;

import io.milvusbench.milvus.ErrorCause;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts failed requests by cause ({@link ErrorCause}: status plus the message without numbers),
 * exactly: every cause keeps its own count and the counts always add up to {@link #count()}.
 * Safe for many request threads at once.
 *
 * <p>Only as a guard against unbounded memory, causes beyond the {@value #MAX_CAUSES}th distinct
 * one are counted together under {@value #OVERFLOW}; with numbers stripped from messages that
 * does not happen in practice. Reports show the most frequent causes and say how many more there
 * were ({@link #describe}).
 */
public final class ErrorTally {
    /** Most distinct causes kept apart. */
    public static final int MAX_CAUSES = 10_000;
    public static final String OVERFLOW = "(causes beyond the first 10000 distinct ones)";

    private final LongAdder count = new LongAdder();
    private final Map<String, LongAdder> causes = new ConcurrentHashMap<>();

    /** Counts one failure of {@code error}. */
    public void record(Throwable error) {
        record(ErrorCause.of(error), 1);
    }

    /** Counts {@code n} failures of one cause. */
    public void record(ErrorCause cause, long n) {
        if (n <= 0) {
            return;
        }
        count.add(n);
        String key = cause.key();
        LongAdder c = causes.get(key);
        if (c == null) {
            c = causes.size() < MAX_CAUSES ? causes.computeIfAbsent(key, k -> new LongAdder())
                    : causes.computeIfAbsent(OVERFLOW, k -> new LongAdder());
        }
        c.add(n);
    }

    /** Adds counts already grouped (cause key to count). */
    public void addAll(Map<String, Long> reasons) {
        reasons.forEach((key, n) -> {
            count.add(n);
            LongAdder c = causes.get(key);
            if (c == null) {
                c = causes.size() < MAX_CAUSES ? causes.computeIfAbsent(key, k -> new LongAdder())
                        : causes.computeIfAbsent(OVERFLOW, k -> new LongAdder());
            }
            c.add(n);
        });
    }

    public long count() {
        return count.sum();
    }

    /** Cause key to exact count, most frequent first (ties by key). */
    public Map<String, Long> reasons() {
        return sorted(causes.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }

    /** The same map ordered most frequent first, ties by key. */
    public static Map<String, Long> sorted(Map<String, Long> reasons) {
        Map<String, Long> out = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Lines for a console report: the {@code shown} most frequent causes as {@code "x<count>: <cause>"},
     * then, when there were more, one line saying how many causes and errors are not shown.
     */
    public static List<String> describe(Map<String, Long> reasons, int shown) {
        List<String> out = new ArrayList<>();
        long hiddenErrors = 0;
        int hidden = 0;
        for (Map.Entry<String, Long> e : sorted(reasons).entrySet()) {
            if (out.size() < shown) {
                out.add("x" + e.getValue() + ": " + e.getKey());
            } else {
                hidden++;
                hiddenErrors += e.getValue();
            }
        }
        if (hidden > 0) {
            out.add(String.format(Locale.ROOT, "... %d more cause(s), %d error(s) in all; every cause is in run.json", hidden, hiddenErrors));
        }
        return out;
    }

    /** The most frequent cause with its count, "x985: UNAVAILABLE: io exception", or "" when nothing failed. */
    public static String top(Map<String, Long> reasons) {
        return sorted(reasons).entrySet().stream().findFirst().map(e -> "x" + e.getValue() + ": " + e.getKey()).orElse("");
    }
}
