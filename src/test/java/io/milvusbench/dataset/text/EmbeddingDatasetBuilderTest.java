package io.milvusbench.dataset.text;

import io.milvusbench.dataset.GroundTruth;
import io.milvusbench.dataset.Hdf5Dataset;
import io.milvusbench.dataset.InMemoryDataset;
import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset pipeline around the model, with an in-process embedder of our own interface (the real
 * model is tested in {@link MiniLmEmbedderTest}): held-out queries, HDF5 that the suite's reader
 * opens as COSINE with exact shipped neighbours, and resumption after a build that stopped.
 */
class EmbeddingDatasetBuilderTest {
    /** Bag-of-letters vectors: texts that share letters point the same way. */
    static final class LetterEmbedder implements TextEmbedder {
        int calls;
        int failAfter = Integer.MAX_VALUE;

        @Override
        public String model() {
            return "letters";
        }

        @Override
        public int dim() {
            return 26;
        }

        @Override
        public float[][] embed(List<String> passages) {
            if (++calls > failAfter) {
                throw new IllegalStateException("stopped");
            }
            float[][] out = new float[passages.size()][26];
            for (int i = 0; i < out.length; i++) {
                for (char c : passages.get(i).toLowerCase().toCharArray()) {
                    if (c >= 'a' && c <= 'z') {
                        out[i][c - 'a']++;
                    }
                }
            }
            return out;
        }
    }

    @Test
    void buildsAnAnnBenchmarksFileWithExactNeighbours(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("wordnet");
        Files.createDirectories(corpus);
        WordNetGlossesTest.writeCorpus(corpus, 200);
        Path out = dir.resolve("set.hdf5");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmbeddingDatasetBuilder.Result r = new EmbeddingDatasetBuilder(new LetterEmbedder(), new PrintStream(log, true, StandardCharsets.UTF_8))
                .build(new EmbeddingDatasetBuilder.Settings(corpus, out, 20, 10, 7));
        assertEquals(780, r.rows());
        assertEquals(20, r.queries());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("embedded 780 / 780 passages (100.0 %)"), log.toString());
        assertFalse(Files.exists(Path.of(out + ".partial")), "the partial rows are removed once the file is written");
        List<String> texts = Files.readAllLines(Path.of(out + ".texts.tsv"));
        assertEquals(800, texts.size());
        assertTrue(texts.stream().filter(t -> t.startsWith("test\t")).count() == 20);
        try (Hdf5Dataset h5 = Hdf5Dataset.open(out)) {
            assertEquals(780, h5.rows());
            assertEquals(26, h5.dim());
            assertEquals(Metric.COSINE, h5.metric());
            assertEquals(20, h5.queryCount());
            assertEquals("letters", h5.notes().get("model"));
            float[] all = new float[780 * 26];
            h5.read(0, 780, all);
            float[][] q = h5.queries(20);
            long[][] exact = GroundTruth.compute(new InMemoryDataset("x", 26, all, q, Metric.COSINE), q, 10);
            int[][] shipped = h5.shippedNeighbours().orElseThrow();
            for (int i = 0; i < 20; i++) {
                long[] s = new long[10];
                for (int j = 0; j < 10; j++) {
                    s[j] = shipped[i][j];
                }
                assertArrayEquals(exact[i], s, "query " + i);
            }
            // the stored rows are unit length
            double norm = 0;
            for (int j = 0; j < 26; j++) {
                norm += all[j] * all[j];
            }
            assertEquals(1.0, norm, 1e-5);
        }
    }

    @Test
    void aStoppedBuildResumesFromItsPartialRows(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("wordnet");
        Files.createDirectories(corpus);
        WordNetGlossesTest.writeCorpus(corpus, 200);
        Path out = dir.resolve("set.hdf5");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LetterEmbedder first = new LetterEmbedder();
        first.failAfter = 2;
        EmbeddingDatasetBuilder.Settings settings = new EmbeddingDatasetBuilder.Settings(corpus, out, 20, 10, 7);
        assertThrows(IllegalStateException.class, () -> new EmbeddingDatasetBuilder(first, quiet).build(settings));
        assertEquals(2L * EmbeddingDatasetBuilder.BATCH * 26 * 4, Files.size(Path.of(out + ".partial")));
        LetterEmbedder second = new LetterEmbedder();
        EmbeddingDatasetBuilder.Result r = new EmbeddingDatasetBuilder(second, quiet).build(settings);
        // 780 rows: 512 kept, 268 embedded in two calls, then one call for the queries
        assertEquals(3, second.calls);
        assertEquals(780 - 512 + 20, r.embeddedNow());
        LetterEmbedder fresh = new LetterEmbedder();
        Path again = dir.resolve("again.hdf5");
        new EmbeddingDatasetBuilder(fresh, quiet).build(new EmbeddingDatasetBuilder.Settings(corpus, again, 20, 10, 7));
        try (Hdf5Dataset a = Hdf5Dataset.open(out); Hdf5Dataset b = Hdf5Dataset.open(again)) {
            for (long row : new long[]{0, 511, 512, 779}) {
                assertArrayEquals(b.row(row), a.row(row), "row " + row);
            }
        }
    }
}
