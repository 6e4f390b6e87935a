package io.milvusbench.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolledWaitTest {
    private static final long MS = 1_000_000L;

    /** A fake clock: each poll takes 1 ms, sleeps advance the clock exactly. */
    private static final class Fake {
        long now;
        final List<Long> pauses = new ArrayList<>();

        PolledWait wait(long min, long max, double fraction) {
            return new PolledWait(Duration.ofMillis(min), Duration.ofMillis(max), fraction, () -> now, n -> {
                pauses.add(n);
                now += n;
            });
        }

        boolean pollDoneAt(long doneAtNanos) {
            now += MS; // the poll's round trip
            return now >= doneAtNanos;
        }
    }

    @Test
    void figureIsTheReplyOfTheFirstDonePollAndResolutionTheGapToTheLastNotDone() {
        Fake f = new Fake();
        PolledWait w = f.wait(10, 250, 0.02);
        long done = 35 * MS;
        PolledWait.Result r = w.await(0, () -> f.pollDoneAt(done), Duration.ofSeconds(5), "job");
        // polls reply at 1, 12, 23, 34, 45 ms: 45 is the first reply at or after 35
        assertEquals(45 * MS, r.nanos());
        assertEquals(11 * MS, r.resolutionNanos());
        assertEquals(5, r.polls());
        assertTrue(r.nanos() >= done && r.nanos() - r.resolutionNanos() < done);
    }

    @Test
    void pausesGrowWithElapsedTimeBetweenTheBounds() {
        PolledWait w = new Fake().wait(10, 250, 0.02);
        assertEquals(10 * MS, w.pauseNanos(0));
        assertEquals(10 * MS, w.pauseNanos(400 * MS));
        assertEquals(40 * MS, w.pauseNanos(2000 * MS));
        assertEquals(250 * MS, w.pauseNanos(60_000 * MS));
    }

    @Test
    void aLongJobIsPolledAboutFiftyTimesPerDoublingNotEveryTenMilliseconds() {
        Fake f = new Fake();
        PolledWait.Result r = f.wait(10, 250, 0.02).await(0, () -> f.pollDoneAt(10_000 * MS), Duration.ofSeconds(60), "job");
        assertTrue(r.polls() < 200, "polls " + r.polls());
        assertTrue(r.resolutionNanos() <= 201 * MS, "resolution " + r.resolutionNanos());
        assertTrue(r.nanos() - 10_000 * MS <= r.resolutionNanos());
    }

    @Test
    void doneAtTheFirstPollHasTheWholeTimeAsResolution() {
        Fake f = new Fake();
        PolledWait.Result r = f.wait(10, 250, 0.02).await(0, () -> f.pollDoneAt(0), Duration.ofSeconds(1), "job");
        assertEquals(MS, r.nanos());
        assertEquals(MS, r.resolutionNanos());
    }

    @Test
    void timesOutNamingTheJob() {
        Fake f = new Fake();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.wait(10, 250, 0.02).await(0, () -> f.pollDoneAt(Long.MAX_VALUE), Duration.ofSeconds(1), "flush of mbench_x"));
        assertTrue(e.getMessage().startsWith("flush of mbench_x not done within PT1S"), e.getMessage());
    }
}
