package io.milvusbench.dataset.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows embedded so far, appended to a raw little-endian float32 file with a sidecar {@code .key}
 * naming what they were built from. A build that stops (killed, out of time) resumes from the last
 * whole row when the key is the same; any other key starts afresh.
 */
final class PartialRows {
    private final Path file;
    private final Path keyFile;
    private final String key;
    private final int dim;

    PartialRows(Path file, String key, int dim) {
        this.file = file;
        this.keyFile = Path.of(file + ".key");
        this.key = key;
        this.dim = dim;
    }

    Path file() {
        return file;
    }

    /** Copies the rows kept from an earlier run into {@code rows}; returns how many (0 for a fresh start). */
    int resume(float[] rows, int maxRows) {
        try {
            if (Files.isRegularFile(file) && Files.isRegularFile(keyFile)
                    && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key)) {
                int kept = (int) Math.min(maxRows, Files.size(file) / (4L * dim));
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.allocate(kept * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                    while (buf.hasRemaining() && ch.read(buf) >= 0) {
                        // read until full
                    }
                    buf.flip();
                    buf.asFloatBuffer().get(rows, 0, kept * dim);
                    ch.truncate(kept * 4L * dim);
                }
                return kept;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.writeString(keyFile, key, StandardCharsets.UTF_8);
            Files.createFile(file);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + file, e);
        }
    }

    /** Appends rows {@code first..first+n-1} of the row-major array. */
    void append(float[] rows, int first, int n) {
        ByteBuffer buf = ByteBuffer.allocate(n * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(rows, first * dim, n * dim);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
