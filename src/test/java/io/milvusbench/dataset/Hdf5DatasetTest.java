package io.milvusbench.dataset;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.milvusbench.BadInputException;
import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ann-benchmarks HDF5 files: fixtures written by h5py (src/test/resources/datasets/make_tiny_hdf5.py,
 * how ann-benchmarks writes them, contiguous and chunked+gzip), and one written here with jhdf.
 * train row i = (i, 2i, 0); the exact neighbours are in the fixture script's docstring.
 */
class Hdf5DatasetTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(Hdf5DatasetTest.class.getResource("/datasets/" + name).toURI());
    }

    @Test
    void readsAnH5pyFileAsAnnBenchmarksWritesIt() throws Exception {
        for (String name : new String[] {"tiny-3-euclidean.hdf5", "tiny-3-euclidean-chunked.hdf5"}) {
            try (Dataset d = Datasets.open(new DatasetOptions(fixture(name).toString(), 0, 0, null, 0, null, null))) {
                assertEquals(3, d.dim(), name);
                assertEquals(10, d.rows(), name);
                assertEquals(Metric.L2, d.metric(), name);
                float[] rows = new float[3 * 3];
                d.read(6, 3, rows);
                assertArrayEquals(new float[] {6, 12, 0, 7, 14, 0, 8, 16, 0}, rows, name);
                assertArrayEquals(new float[][] {{3.2f, 6.4f, 0}, {0, 0, 0}}, d.queries(2), name);
                assertArrayEquals(new int[][] {{3, 4, 2, 5}, {0, 1, 2, 3}}, d.shippedNeighbours().orElseThrow(), name);
                assertArrayEquals(new long[][] {{3, 4, 2, 5}, {0, 1, 2, 3}}, GroundTruth.compute(d, d.queries(2), 4), name);
            }
        }
    }

    @Test
    void readsAFileWrittenWithJhdfAndItsDistanceAttribute() throws Exception {
        Path file = dir.resolve("unit-2-angular.hdf5");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("train", new float[][] {{1, 0}, {0, 1}, {1, 1}, {-1, 0}, {2, 0.1f}});
            w.putDataset("test", new float[][] {{1, 0.05f}});
            w.putDataset("neighbors", new int[][] {{4, 0, 2, 1}});
            w.putAttribute("distance", "angular");
        }
        try (Dataset d = Datasets.open(new DatasetOptions(file.toString(), 0, 0, null, 0, null, null))) {
            assertEquals(Metric.COSINE, d.metric());
            assertEquals(5, d.rows());
            // cosine to (1, 0.05): row 0 0.9988, row 4 (2, 0.1) exactly 1, row 2 0.7416, row 1 0.0499, row 3 -0.9988
            assertArrayEquals(new long[][] {{4, 0, 2, 1}}, GroundTruth.compute(d, d.queries(1), 4));
        }
    }

    @Test
    void notAnAnnBenchmarksFileIsBadInput() throws Exception {
        Path garbage = Files.write(dir.resolve("x.hdf5"), new byte[] {1, 2, 3, 4});
        BadInputException e = assertThrows(BadInputException.class,
                () -> Datasets.open(new DatasetOptions(garbage.toString(), 0, 0, null, 0, null, null)));
        assertTrue(e.getMessage().startsWith("cannot read dataset file"), e.getMessage());

        Path noTest = dir.resolve("no-test.hdf5");
        try (WritableHdfFile w = HdfFile.write(noTest)) {
            w.putDataset("train", new float[][] {{1, 0}});
            w.putAttribute("distance", "euclidean");
        }
        e = assertThrows(BadInputException.class, () -> Datasets.open(new DatasetOptions(noTest.toString(), 0, 0, null, 0, null, null)));
        assertTrue(e.getMessage().contains("no 'test' dataset"), e.getMessage());

        e = assertThrows(BadInputException.class,
                () -> Datasets.open(new DatasetOptions(fixture("tiny-3-euclidean.hdf5").toString(), 0, 4, null, 0, null, null)));
        assertEquals("dimension mismatch: " + fixture("tiny-3-euclidean.hdf5") + " has dim 3, asked for dim 4", e.getMessage());
    }
}
