package io.milvusbench.sweep;

import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MilvusTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of the server process, read from {@code /proc/PID/status} (VmRSS), where the
 * suite started the server itself as a local process; -1 otherwise. A second memory figure beside
 * GetMetrics' memory_usage, which Milvus 2.3 standalone reports for the whole process and which
 * barely moves between calls.
 */
final class ServerRss {
    private final long pid;

    ServerRss(MilvusTarget target) {
        this.pid = target instanceof LocalProcessTarget local ? local.pid() : -1;
    }

    long bytes() {
        if (pid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
