package io.milvusbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Progress lines held back while a run may still turn out to be bad input (a probe the server
 * refuses): {@link #discard()} drops them, so the error is the only line on stderr;
 * {@link #release()} prints them and passes later lines straight through. A long preparation is not
 * silent: after {@code maxHoldMs} the held lines are released anyway.
 */
final class HeldProgress extends PrintStream {
    private final Gate gate;
    private final Timer timer = new Timer("progress-hold", true);

    private HeldProgress(Gate gate, long maxHoldMs) {
        super(gate, true, StandardCharsets.UTF_8);
        this.gate = gate;
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                release();
            }
        }, maxHoldMs);
    }

    static HeldProgress over(PrintStream target, long maxHoldMs) {
        return new HeldProgress(new Gate(target), maxHoldMs);
    }

    /** Prints what was held and lets later lines through. */
    void release() {
        flush();
        gate.open(true);
        timer.cancel();
    }

    /** Drops what was held (the run is refused) and lets later lines through. */
    void discard() {
        flush();
        gate.open(false);
        timer.cancel();
    }

    private static final class Gate extends OutputStream {
        private final PrintStream target;
        private ByteArrayOutputStream held = new ByteArrayOutputStream();

        Gate(PrintStream target) {
            this.target = target;
        }

        synchronized void open(boolean printHeld) {
            if (held != null) {
                if (printHeld) {
                    target.write(held.toByteArray(), 0, held.size());
                    target.flush();
                }
                held = null;
            }
        }

        @Override
        public synchronized void write(int b) {
            if (held != null) {
                held.write(b);
            } else {
                target.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (held != null) {
                held.write(b, off, len);
            } else {
                target.write(b, off, len);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (held == null) {
                target.flush();
            }
        }
    }
}
