package io.milvusbench.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the up/down status of consecutive snapshots. While the server is down it counts the missed
 * snapshots and keeps the first failure's reason; the first snapshot back up gets the
 * {@link Snapshot.Outage} (first failure to first success) attached, and the outage is kept for the
 * run's summary.
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
            double seconds = Duration.between(firstDown, s.at()).toMillis() / 1000.0;
            Snapshot.Outage outage = new Snapshot.Outage(lastUp, firstDown, s.at(), seconds, missed, reason);
            outages.add(outage);
            out = s.withOutage(outage);
            firstDown = null;
            reason = null;
            missed = 0;
        }
        lastUp = s.at();
        return out;
    }

    /** Outages that ended; one still going on is {@link #ongoingSince()}. */
    public List<Snapshot.Outage> outages() {
        return List.copyOf(outages);
    }

    public Instant ongoingSince() {
        return firstDown;
    }
}
