package io.milvusbench.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Times a server-side job that can only be observed by polling (a flush, an index build): polls
 * {@code done} from {@code start} until it answers true, sleeping between polls a fraction of the
 * time elapsed so far, never less than {@code minPoll} nor more than {@code maxPoll} (fine polls on
 * a short job, fewer on a long one). The figure is the time from {@code start} to the reply of the
 * first poll that saw the job done — an upper bound. The job ended after the reply of the last poll
 * that saw it unfinished, so the gap between those two replies is the figure's <b>resolution</b>:
 * measured for every job and reported beside the figure.
 *
 * <pre>{@code
 * PolledWait.Result r = PolledWait.FINE.await(t0, () -> rpc.flushed(ticket), timeout, "flush");
 * r.nanos();            // t0 .. reply of the first "flushed"
 * r.resolutionNanos();  // reply of the last "not flushed" .. reply of the first "flushed"
 * }</pre>
 */
public final class PolledWait {
    /** 10 ms polls up to 0.5 s elapsed, then 2 % of the elapsed time, at most 250 ms. */
    public static final PolledWait FINE = new PolledWait(Duration.ofMillis(10), Duration.ofMillis(250), 0.02);

    private final long minPollNanos;
    private final long maxPollNanos;
    private final double fraction;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    /** Sleeps; replaced in tests. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    public PolledWait(Duration minPoll, Duration maxPoll, double fraction) {
        this(minPoll, maxPoll, fraction, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    PolledWait(Duration minPoll, Duration maxPoll, double fraction, LongSupplier clock, Sleeper sleeper) {
        if (minPoll.isNegative() || maxPoll.compareTo(minPoll) < 0 || fraction < 0) {
            throw new IllegalArgumentException("bad poll schedule " + minPoll + ".." + maxPoll + " x" + fraction);
        }
        this.minPollNanos = minPoll.toNanos();
        this.maxPollNanos = maxPoll.toNanos();
        this.fraction = fraction;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param nanos           start .. reply of the first poll that saw the job done
     * @param resolutionNanos reply of the last poll that saw it unfinished (or start) .. that reply
     * @param polls           polls sent
     */
    public record Result(long nanos, long resolutionNanos, int polls) {
    }

    /** The pause after a poll at {@code elapsedNanos} since the start. */
    long pauseNanos(long elapsedNanos) {
        long p = (long) (elapsedNanos * fraction);
        return Math.max(minPollNanos, Math.min(maxPollNanos, p));
    }

    /** Polls until done; throws {@link IllegalStateException} naming {@code what} after {@code timeout}. */
    public Result await(long startNanos, BooleanSupplier done, Duration timeout, String what) {
        long deadline = startNanos + timeout.toNanos();
        long lastNo = startNanos;
        int polls = 0;
        while (true) {
            boolean finished = done.getAsBoolean();
            long reply = clock.getAsLong();
            polls++;
            if (finished) {
                return new Result(reply - startNanos, reply - lastNo, polls);
            }
            lastNo = reply;
            if (reply - deadline > 0) {
                throw new IllegalStateException(what + " not done within " + timeout + " (" + polls + " polls)");
            }
            try {
                sleeper.sleepNanos(pauseNanos(reply - startNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
