package io.milvusbench.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the little-endian .fvecs/.ivecs/.bvecs files the reader tests read back. */
final class VecsWriter {
    private VecsWriter() {
    }

    static Path fvecs(Path file, float[][] rows) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(rows.length * (4 + 4 * rows[0].length)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            b.putInt(r.length);
            for (float v : r) {
                b.putFloat(v);
            }
        }
        return Files.write(file, b.array());
    }

    static Path ivecs(Path file, int[][] rows) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(rows.length * (4 + 4 * rows[0].length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] r : rows) {
            b.putInt(r.length);
            for (int v : r) {
                b.putInt(v);
            }
        }
        return Files.write(file, b.array());
    }

    static Path bvecs(Path file, int[][] rows) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(rows.length * (4 + rows[0].length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] r : rows) {
            b.putInt(r.length);
            for (int v : r) {
                b.put((byte) v);
            }
        }
        return Files.write(file, b.array());
    }
}
