package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes query vectors as {@code .fvecs} (per vector: dimension as little-endian int32, then the
 * floats, little-endian), the format ann-benchmarks tools read, so a second load tool can send
 * exactly the queries this suite sends.
 */
public final class QueryExport {
    private QueryExport() {
    }

    public static void writeFvecs(Path file, float[][] vectors) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (float[] v : vectors) {
                ByteBuffer buf = ByteBuffer.allocate(4 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.putInt(v.length);
                for (float x : v) {
                    buf.putFloat(x);
                }
                out.write(buf.array());
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write query file " + file + ": " + e.getMessage());
        }
    }
}
