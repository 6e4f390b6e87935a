package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.time.Instant;
import java.util.Locale;

/**
 * When each request of an open-loop phase is due, for one generator process or for one shard of
 * several. The full schedule sends request {@code k} at {@code start + k / rate}; shard {@code i}
 * of {@code n} (1-based) sends requests {@code k = i - 1, i - 1 + n, i - 1 + 2n, ...}, so it offers
 * {@code rate / n} and the shards together send exactly the requests (and the query vectors) one
 * process would, at the same instants.
 *
 * @param rate   requests per second of the whole schedule (all shards)
 * @param index  this shard, 1-based ({@code 1} for an unsharded run)
 * @param shards how many shards share the schedule ({@code 1} for an unsharded run)
 */
public record Schedule(double rate, int index, int shards) {
    public Schedule {
        LoadSettings.checkRate(rate);
        if (shards < 1 || index < 1 || index > shards) {
            throw new BadInputException("shard must be i/N with 1 <= i <= N, got " + index + "/" + shards);
        }
    }

    /** The whole schedule, one process. */
    public static Schedule single(double rate) {
        return new Schedule(rate, 1, 1);
    }

    /** Parses {@code i/N}, e.g. {@code 2/4}. */
    public static int[] parseShard(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && n <= 10_000 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--shard must be i/N with 1 <= i <= N <= 10000, e.g. 1/2, got '" + text + "'");
    }

    /** Parses a start time: an ISO-8601 instant ({@code 2026-11-30T04:30:00Z}) or seconds since the epoch. */
    public static Instant parseStart(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.matches("\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
            }
            return Instant.parse(t);
        } catch (RuntimeException e) {
            throw new BadInputException("--start-at must be an ISO-8601 instant (e.g. 2026-11-30T04:30:00Z) or epoch seconds, got '"
                    + text + "'");
        }
    }

    /** Requests per second this process offers. */
    public double shareRate() {
        return rate / shards;
    }

    /** How many of this shard's requests fall due in the first {@code nanos} of the phase. */
    public long count(long nanos) {
        double periodNs = 1e9 / rate;
        long all = (long) Math.floor(nanos / periodNs);
        return all <= index - 1 ? 0 : (all - index) / shards + 1;
    }

    /** The sequence number (query choice) of this shard's {@code i}-th request. */
    public long sequence(long i) {
        return i * shards + index - 1;
    }

    /** Nanoseconds from the phase start at which this shard's {@code i}-th request is due. */
    public long offsetNanos(long i) {
        return (long) (sequence(i) * 1e9 / rate);
    }

    /** {@code "2/4"}, or {@code "1/1"} for a single process. */
    public String label() {
        return String.format(Locale.ROOT, "%d/%d", index, shards);
    }
}
