package io.milvusbench.milvus;

import java.time.Duration;

/**
 * Control over a server process the suite itself started: used by the stall test (pause for a
 * second, resume), by the monitor's restart test and by the failure tests (kill mid-run). Not available for URI targets.
 */
public interface ServerControl {
    /** Freezes the server (SIGSTOP / podman pause) without closing its sockets. */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /**
     * Kills the server at once (SIGKILL / container kill), as a crash would: open connections are
     * reset, nothing is flushed. The target's {@code close()} still cleans up afterwards.
     */
    void kill();

    /** Stops the server and starts it again on the same ports and data; returns once healthy. */
    void restart(Duration timeout);
}
