package io.milvusbench.dataset;

import io.milvusbench.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A cheap content fingerprint of a dataset file: its size and the SHA-256 of its first and last
 * MiB. It tells a renamed copy from a different file without reading gigabytes, and is part of a
 * dataset's identity (ground-truth cache keys, collection descriptions). An in-place edit of the
 * middle of a file keeps the fingerprint; such edits do not happen to published datasets.
 */
public final class FileFingerprint {
    private static final int SPAN = 1 << 20;

    private FileFingerprint() {
    }

    /** {@code size-<bytes>-<16 hex digits>}. */
    public static String of(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MessageDigest sha = sha256();
            digest(ch, sha, 0, (int) Math.min(SPAN, size));
            if (size > SPAN) {
                long tail = Math.max(SPAN, size - SPAN);
                digest(ch, sha, tail, (int) (size - tail));
            }
            return "size-" + size + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new BadInputException("cannot read dataset file " + file + ": " + e.getMessage());
        }
    }

    private static void digest(FileChannel ch, MessageDigest sha, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        sha.update(buf);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
