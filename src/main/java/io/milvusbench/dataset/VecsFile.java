package io.milvusbench.dataset;

import io.milvusbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One {@code .fvecs}, {@code .ivecs} or {@code .bvecs} file, the format of the SIFT/GIST/BIGANN
 * corpora: each vector is a little-endian int32 dimension followed by that many float32, int32
 * or uint8 values. Every record must carry the same dimension. Reads are positional, so one
 * instance serves several threads.
 */
public final class VecsFile implements AutoCloseable {

    /** The three element types, chosen by file extension. */
    public enum Format {
        FVECS(4), IVECS(4), BVECS(1);

        final int elementBytes;

        Format(int elementBytes) {
            this.elementBytes = elementBytes;
        }

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new BadInputException("unknown vector file type " + file + " (expected .fvecs, .ivecs or .bvecs)");
        }
    }

    private static final int MAX_DIM = 65536;

    private final Path path;
    private final Format format;
    private final FileChannel channel;
    private final int dim;
    private final long count;
    private final long recordBytes;

    private VecsFile(Path path, Format format, FileChannel channel, int dim, long count) {
        this.path = path;
        this.format = format;
        this.channel = channel;
        this.dim = dim;
        this.count = count;
        this.recordBytes = 4L + (long) dim * format.elementBytes;
    }

    /** Opens and checks the file: a readable header and a size that is a whole number of records. */
    public static VecsFile open(Path path) {
        Format format = Format.of(path);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new BadInputException("cannot read dataset file " + path + ": " + (Files.isDirectory(path) ? "a folder, not a file" : Files.exists(path) ? "not a readable file" : "does not exist"));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 4) {
                throw new BadInputException(path + " is not a " + format + " file: " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            int dim = header.getInt(0);
            if (dim < 1 || dim > MAX_DIM) {
                throw new BadInputException(path + " is not a " + format + " file: first record has dimension " + dim);
            }
            long record = 4L + (long) dim * format.elementBytes;
            if (size % record != 0) {
                throw new BadInputException(path + " is not a " + format + " file of dimension " + dim + ": its size " + size
                        + " is not a multiple of the record size " + record);
            }
            return new VecsFile(path, format, channel, dim, size / record);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BadInputException("cannot read dataset file " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    public int dim() {
        return dim;
    }

    /** Number of vectors in the file. */
    public long count() {
        return count;
    }

    /** Vectors {@code first..first+n-1} as floats, row-major into {@code out} (fvecs and bvecs). */
    public void readFloats(long first, int n, float[] out) {
        if (format == Format.IVECS) {
            throw new IllegalStateException(path + " holds integers, not vectors");
        }
        ByteBuffer buf = readRecords(first, n);
        for (int i = 0; i < n; i++) {
            int base = (int) (i * recordBytes);
            checkHeader(buf, base, first + i);
            int at = base + 4;
            int o = i * dim;
            if (format == Format.FVECS) {
                for (int d = 0; d < dim; d++) {
                    out[o + d] = buf.getFloat(at + 4 * d);
                }
            } else {
                for (int d = 0; d < dim; d++) {
                    out[o + d] = buf.get(at + d) & 0xff;
                }
            }
        }
    }

    /** Records {@code first..first+n-1} of an ivecs file. */
    public int[][] readInts(long first, int n) {
        if (format != Format.IVECS) {
            throw new IllegalStateException(path + " holds vectors, not integers");
        }
        ByteBuffer buf = readRecords(first, n);
        int[][] out = new int[n][dim];
        for (int i = 0; i < n; i++) {
            int base = (int) (i * recordBytes);
            checkHeader(buf, base, first + i);
            for (int d = 0; d < dim; d++) {
                out[i][d] = buf.getInt(base + 4 + 4 * d);
            }
        }
        return out;
    }

    private void checkHeader(ByteBuffer buf, int at, long record) {
        int d = buf.getInt(at);
        if (d != dim) {
            throw new BadInputException(path + " is corrupt: record " + record + " has dimension " + d + ", the first has " + dim);
        }
    }

    private ByteBuffer readRecords(long first, int n) {
        if (first < 0 || n < 0 || first + n > count) {
            throw new IndexOutOfBoundsException("records " + first + ".." + (first + n - 1) + " outside 0.." + (count - 1) + " of " + path);
        }
        long bytes = n * recordBytes;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read of " + bytes + " bytes is too large; read fewer records at once");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        long position = first * recordBytes;
        try {
            while (buf.hasRemaining()) {
                int r = channel.read(buf, position + buf.position());
                if (r < 0) {
                    throw new BadInputException(path + " ended early at byte " + (position + buf.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return buf;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
