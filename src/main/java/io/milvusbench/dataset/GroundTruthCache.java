package io.milvusbench.dataset;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Exact neighbours computed once and kept on disk, under {@code ~/.cache/milvus-bench/groundtruth}
 * (or {@code -Dmilvus.bench.gt.cache=DIR}). A file is keyed by the SHA-256 of everything the
 * answer depends on: the dataset's identity (generator parameters, or file fingerprint, rows
 * used, metric), the query vectors' bits and k. Files are written to a temporary name and
 * renamed; a file whose length, header, key or CRC-32 does not check out is reported, ignored
 * and recomputed.
 *
 * <p>File layout (big-endian): {@code "MBGT"}, version 1, 32-byte key, nq, k, nq×k ids (int64),
 * CRC-32 of all preceding bytes (int64).
 */
public final class GroundTruthCache {
    private static final byte[] MAGIC = {'M', 'B', 'G', 'T'};
    private static final int VERSION = 1;
    private static final int HEADER = 4 + 4 + 32 + 4 + 4;

    private final Path dir;

    public GroundTruthCache(Path dir) {
        this.dir = dir;
    }

    /** The cache folder of {@code -Dmilvus.bench.gt.cache}, else {@code ~/.cache/milvus-bench/groundtruth}. */
    public static GroundTruthCache standard() {
        String configured = System.getProperty("milvus.bench.gt.cache");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "milvus-bench", "groundtruth");
        return new GroundTruthCache(dir);
    }

    public Path dir() {
        return dir;
    }

    /** What was answered and where it came from. */
    public record Lookup(long[][] ids, Source source, Path file) {
    }

    public enum Source { SHIPPED, CACHE, COMPUTED }

    /**
     * Neighbours of {@code data.queries(nq)}: the dataset's shipped ones when they apply (all rows,
     * its own metric, at least k per query), else the cache, else computed and stored.
     */
    public Lookup forDatasetQueries(Dataset data, int nq, int k) {
        Optional<int[][]> shipped = data.shippedNeighbours();
        if (shipped.isPresent() && shipped.get().length >= nq && shipped.get()[0].length >= k) {
            long[][] ids = new long[nq][k];
            for (int q = 0; q < nq; q++) {
                for (int i = 0; i < k; i++) {
                    ids[q][i] = shipped.get()[q][i];
                }
            }
            return new Lookup(ids, Source.SHIPPED, null);
        }
        return getOrCompute(data, data.queries(nq), k);
    }

    public Lookup getOrCompute(Dataset data, float[][] queries, int k) {
        byte[] key = key(data, queries, k);
        Path file = dir.resolve(HexFormat.of().formatHex(key, 0, 16) + ".gt");
        if (Files.exists(file)) {
            try {
                return new Lookup(read(file, key, queries.length, k), Source.CACHE, file);
            } catch (CorruptCacheException e) {
                System.err.println("milvus-bench: ground-truth cache " + file + " is unusable (" + e.getMessage() + "); recomputing");
            }
        }
        long[][] ids = GroundTruth.compute(data, queries, k);
        write(file, key, ids, k);
        return new Lookup(ids, Source.COMPUTED, file);
    }

    /** SHA-256 over the format version, the dataset identity, k and the queries' float bits. */
    static byte[] key(Dataset data, float[][] queries, int k) {
        MessageDigest sha = FileFingerprint.sha256();
        sha.update(("milvus-bench ground truth v" + VERSION + "\n" + data.identity() + "\nrows=" + data.rows() + " dim=" + data.dim()
                + " metric=" + data.metric() + " k=" + k + " nq=" + queries.length + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(4 * queries[0].length);
        for (float[] q : queries) {
            buf.clear();
            for (float v : q) {
                buf.putInt(Float.floatToIntBits(v));
            }
            sha.update(buf.array(), 0, buf.position());
        }
        return sha.digest();
    }

    static long[][] read(Path file, byte[] key, int nq, int k) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CorruptCacheException("cannot read: " + e.getMessage());
        }
        long expected = HEADER + 8L * nq * k + 8;
        if (bytes.length != expected) {
            throw new CorruptCacheException(bytes.length + " bytes, expected " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong(bytes.length - 8) != crc.getValue()) {
            throw new CorruptCacheException("checksum mismatch");
        }
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC) || in.getInt() != VERSION) {
            throw new CorruptCacheException("not a version " + VERSION + " ground-truth file");
        }
        byte[] stored = new byte[32];
        in.get(stored);
        if (!Arrays.equals(stored, key) || in.getInt() != nq || in.getInt() != k) {
            throw new CorruptCacheException("written for other inputs");
        }
        long[][] ids = new long[nq][k];
        for (long[] row : ids) {
            for (int i = 0; i < k; i++) {
                row[i] = in.getLong();
            }
        }
        return ids;
    }

    /** Stores ids (k per query; a query with fewer neighbours is not cached). */
    static void write(Path file, byte[] key, long[][] ids, int k) {
        for (long[] row : ids) {
            if (row.length != k) {
                return;
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + 8 * ids.length * k + 8);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.write(key);
            out.writeInt(ids.length);
            out.writeInt(k);
            for (long[] row : ids) {
                for (long id : row) {
                    out.writeLong(id);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes.toByteArray());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // The cache is an optimisation: an unwritable folder costs a recomputation next time.
            System.err.println("milvus-bench: cannot write ground-truth cache " + file + ": " + e.getMessage());
        }
    }

    static final class CorruptCacheException extends RuntimeException {
        CorruptCacheException(String message) {
            super(message);
        }
    }
}
