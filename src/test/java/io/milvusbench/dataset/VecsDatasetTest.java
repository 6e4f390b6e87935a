package io.milvusbench.dataset;

import io.milvusbench.BadInputException;
import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIFT-style corpus the test writes itself: base row i = (i, 10 - i, 0.5), queries (2.2, 7.8, 0.5)
 * and (9, 1, 0.5), so the L2 neighbours are known by hand: 2, 3, 1, 4 and 9, 8, 7, 6.
 */
class VecsDatasetTest {
    @TempDir
    Path dir;

    static float[][] base() {
        float[][] rows = new float[10][];
        for (int i = 0; i < 10; i++) {
            rows[i] = new float[] {i, 10 - i, 0.5f};
        }
        return rows;
    }

    static final float[][] QUERIES = {{2.2f, 7.8f, 0.5f}, {9f, 1f, 0.5f}};
    static final long[][] EXPECTED = {{2, 3, 1, 4}, {9, 8, 7, 6}};

    @Test
    void readsFvecsRowsExactly() throws IOException {
        VecsFile f = VecsFile.open(VecsWriter.fvecs(dir.resolve("x_base.fvecs"), base()));
        try (f) {
            assertEquals(3, f.dim());
            assertEquals(10, f.count());
            float[] out = new float[2 * 3];
            f.readFloats(4, 2, out);
            assertArrayEquals(new float[] {4, 6, 0.5f, 5, 5, 0.5f}, out);
        }
    }

    @Test
    void readsBvecsAsUnsignedBytes() throws IOException {
        Path file = VecsWriter.bvecs(dir.resolve("b_base.bvecs"), new int[][] {{0, 128, 255}, {7, 8, 9}});
        try (VecsFile f = VecsFile.open(file)) {
            float[] out = new float[6];
            f.readFloats(0, 2, out);
            assertArrayEquals(new float[] {0, 128, 255, 7, 8, 9}, out);
        }
    }

    @Test
    void readsIvecs() throws IOException {
        Path file = VecsWriter.ivecs(dir.resolve("t.ivecs"), new int[][] {{1, -2}, {3, 400000}});
        try (VecsFile f = VecsFile.open(file)) {
            assertArrayEquals(new int[][] {{1, -2}, {3, 400000}}, f.readInts(0, 2));
        }
    }

    @Test
    void findsQueriesAndGroundTruthNextToTheBaseFile() throws IOException {
        VecsWriter.fvecs(dir.resolve("toy_base.fvecs"), base());
        VecsWriter.fvecs(dir.resolve("toy_query.fvecs"), QUERIES);
        VecsWriter.ivecs(dir.resolve("toy_groundtruth.ivecs"), new int[][] {{2, 3, 1, 4}, {9, 8, 7, 6}});
        try (Dataset d = Datasets.open(new DatasetOptions(dir.resolve("toy_base.fvecs").toString(), 0, 0, null, 0, null, null))) {
            assertEquals("toy", d.name());
            assertEquals(Metric.L2, d.metric());
            assertEquals(10, d.rows());
            assertEquals(2, d.queryCount());
            assertArrayEquals(QUERIES, d.queries(2));
            assertArrayEquals(new int[][] {{2, 3, 1, 4}, {9, 8, 7, 6}}, d.shippedNeighbours().orElseThrow());
            assertArrayEquals(EXPECTED, GroundTruth.compute(d, d.queries(2), 4));
            assertTrue(d.identity().contains("rows=10 dim=3"), d.identity());
        }
    }

    @Test
    void aPrefixDropsTheShippedNeighbours() throws IOException {
        VecsWriter.fvecs(dir.resolve("toy_base.fvecs"), base());
        VecsWriter.fvecs(dir.resolve("toy_query.fvecs"), QUERIES);
        VecsWriter.ivecs(dir.resolve("toy_groundtruth.ivecs"), new int[][] {{2, 3, 1, 4}, {9, 8, 7, 6}});
        try (Dataset d = Datasets.open(new DatasetOptions(dir.resolve("toy_base.fvecs").toString(), 5, 3, null, 0, null, null))) {
            assertEquals(5, d.rows());
            assertTrue(d.shippedNeighbours().isEmpty());
            assertArrayEquals(new long[][] {{2, 3, 1, 4}, {4, 3, 2, 1}}, GroundTruth.compute(d, d.queries(2), 4));
        }
    }

    @Test
    void badFilesAreOneLineBadInput() throws IOException {
        Path missing = dir.resolve("nope_base.fvecs");
        BadInputException e = assertThrows(BadInputException.class, () -> VecsFile.open(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        Path truncated = VecsWriter.fvecs(dir.resolve("t_base.fvecs"), base());
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        e = assertThrows(BadInputException.class, () -> VecsFile.open(truncated));
        assertTrue(e.getMessage().contains("not a multiple of the record size"), e.getMessage());

        Path mixed = dir.resolve("m_base.fvecs");
        byte[] two = Files.readAllBytes(VecsWriter.fvecs(dir.resolve("two.fvecs"), new float[][] {{1, 2}, {3, 4}}));
        two[12] = 9;                              // second record's dimension: 9 instead of 2
        Files.write(mixed, two);
        try (VecsFile f = VecsFile.open(mixed)) {
            e = assertThrows(BadInputException.class, () -> f.readFloats(0, 2, new float[4]));
            assertTrue(e.getMessage().contains("record 1 has dimension 9"), e.getMessage());
        }

        VecsWriter.fvecs(dir.resolve("q_base.fvecs"), base());
        e = assertThrows(BadInputException.class,
                () -> Datasets.open(new DatasetOptions(dir.resolve("q_base.fvecs").toString(), 0, 0, null, 0, null, null)));
        assertTrue(e.getMessage().contains("--queries"), e.getMessage());

        VecsWriter.fvecs(dir.resolve("q_query.fvecs"), QUERIES);
        e = assertThrows(BadInputException.class,
                () -> Datasets.open(new DatasetOptions(dir.resolve("q_base.fvecs").toString(), 0, 128, null, 0, null, null)));
        assertTrue(e.getMessage().startsWith("dimension mismatch"), e.getMessage());

        e = assertThrows(BadInputException.class,
                () -> Datasets.open(new DatasetOptions(dir.resolve("data.csv").toString(), 0, 0, null, 0, null, null)));
        assertTrue(e.getMessage().startsWith("unknown dataset"), e.getMessage());
    }
}
