package io.milvusbench.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the up/down status of consecutive snapshots. While the server is down it counts the missed
 * snapshots and keeps the first failure's reason; the first snapshot back up gets the
 * {@link Snapshot.Outage} (last good probe — the end of the last snapshot that answered — to the first
 * good probe) attached, and the outage is kept for the run's summary.
 */
public final class OutageTracker {
    private Instant lastUp;
    private Instant firstDown;
    private String reason;
    private int missed;
    private final List<Snapshot.Outage> outages = new ArrayList<>();

    public Snapshot apply(Snapshot s) {
        if (!s.up()) {
            if (firstDown == null) {
                firstDown = s.at();
                reason = s.errors() == null || s.errors().isEmpty() ? "unreachable" : s.errors().get(0).message();
            }
            missed++;
            return s;
        }
        Snapshot out = s;
        if (firstDown != null) {
            Instant backUp = firstGoodProbe(s);
            Instant from = lastUp != null ? lastUp : firstDown;
            double seconds = Duration.between(from, backUp).toMillis() / 1000.0;
            double min = Duration.between(firstDown, backUp).toMillis() / 1000.0;
            Snapshot.Outage outage = new Snapshot.Outage(lastUp, firstDown, backUp, seconds, missed, reason, min);
            outages.add(outage);
            out = s.withOutage(outage);
            firstDown = null;
            reason = null;
            missed = 0;
        }
        lastUp = s.at().plusMillis(Math.round(s.durationSeconds() * 1000));
        return out;
    }

    /** When the liveness check of {@code s} answered: its start plus the check's own time. */
    private static Instant firstGoodProbe(Snapshot s) {
        return s.liveness() == null ? s.at() : s.at().plusMillis(Math.round(s.liveness().totalMs()));
    }

    /** Outages that ended; one still going on is {@link #ongoingSince()}. */
    public List<Snapshot.Outage> outages() {
        return List.copyOf(outages);
    }

    public Instant ongoingSince() {
        return firstDown;
    }
}
