package io.milvusbench.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the files under src/test/resources/samples/: those named v2.3.5 taken from a real Milvus 2.3.5 (see
 * ComponentMonitorIT), those named -built built from the 2.4, 2.5 and 2.6 definitions (see samples/README.md).
 */
final class Samples {
    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrometheusText metrics(String name) {
        return PrometheusText.parse(text(name));
    }

    /** The one-shot snapshot the IT took of a loaded, indexed 2,000-row collection. */
    static Snapshot snapshot() {
        return MonitorJson.snapshot(text("monitor-snapshot-v2.3.5.json").replace('\n', ' '));
    }
}
