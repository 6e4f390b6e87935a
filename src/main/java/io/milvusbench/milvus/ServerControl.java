package io.milvusbench.milvus;

import java.time.Duration;

/**
 * Control over a server process the suite itself started: used by the stall test (pause for a
 * second, resume) and by the monitor's restart test. Not available for URI targets.
 */
public interface ServerControl {
    /** Freezes the server (SIGSTOP / podman pause) without closing its sockets. */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /** Stops the server and starts it again on the same ports and data; returns once healthy. */
    void restart(Duration timeout);
}
