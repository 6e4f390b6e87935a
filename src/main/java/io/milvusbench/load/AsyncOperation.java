package io.milvusbench.load;

import java.util.function.Consumer;

/**
 * A request sent without a thread waiting for it: {@link #send} starts it and returns at once; the
 * answer arrives later on the transport's own thread. The async loops ({@link AsyncOpenLoop},
 * {@link AsyncClosedLoop}) use it to keep many requests in flight with one scheduling thread.
 *
 * <pre>{@code
 * op.send(seq, failure -> {
 *     long done = System.nanoTime();
 *     if (failure == null) corrected.recordNanos(done - intended); else errors.record(failure);
 * });
 * }</pre>
 */
public interface AsyncOperation {
    /**
     * Starts request {@code sequence}; never blocks on the answer. {@code done} is called exactly
     * once, from any thread: with null when the request succeeded, else with the failure. A failure
     * to even start the request may be thrown instead.
     */
    void send(long sequence, Consumer<Throwable> done);
}
