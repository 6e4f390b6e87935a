package io.milvusbench.dataset.text;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.GroundTruth;
import io.milvusbench.dataset.InMemoryDataset;
import io.milvusbench.index.Metric;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds the real-text embedding dataset: WordNet passages ({@link WordNetGlosses}) shuffled with
 * a seed, the first {@code queries} held out as queries (their text is never in the base set),
 * the rest embedded as base rows, exact top-{@code k} neighbours by cosine computed by brute
 * force, and everything written as one ann-benchmarks HDF5 file ({@link AnnHdf5Writer}) that
 * {@code bench}, {@code load}, {@code sweep} and {@code dataset} open like any other. Embedded
 * rows are appended to {@code FILE.partial} as they come, so a build cut short resumes where it
 * stopped (only when corpus, model, seed and query count are the same).
 */
public final class EmbeddingDatasetBuilder {
    /** Passages embedded per call to the model (one progress step). */
    static final int BATCH = 256;

    public record Settings(Path corpusDir, Path out, int queries, int k, long seed) {
    }

    /** What a build produced and what it cost. */
    public record Result(Path file, int rows, int queries, int dim, double embedSeconds, int embeddedNow, double truthSeconds,
                         double buildSeconds) {
        /** Passages embedded per second by this run (resumed rows not counted). */
        public double passagesPerSecond() {
            return embedSeconds > 0 ? embeddedNow / embedSeconds : 0;
        }
    }

    private final TextEmbedder embedder;
    private final PrintStream progress;

    public EmbeddingDatasetBuilder(TextEmbedder embedder, PrintStream progress) {
        this.embedder = embedder;
        this.progress = progress;
    }

    public Result build(Settings s) {
        long started = System.nanoTime();
        List<String> passages = new ArrayList<>(WordNetGlosses.read(s.corpusDir()));
        if (s.queries() < 1 || s.queries() >= passages.size()) {
            throw new BadInputException("--held-out must be in 1.." + (passages.size() - 1) + ", got " + s.queries());
        }
        if (s.k() < 1 || s.k() > passages.size() - s.queries()) {
            throw new BadInputException("-k must be in 1.." + (passages.size() - s.queries()) + ", got " + s.k());
        }
        Collections.shuffle(passages, new Random(s.seed()));
        List<String> queryText = passages.subList(0, s.queries());
        List<String> baseText = passages.subList(s.queries(), passages.size());
        progress.printf(Locale.ROOT, "dataset: %,d WordNet passages read from %s; %,d held out as queries, %,d to embed with %s%n",
                passages.size(), s.corpusDir(), queryText.size(), baseText.size(), embedder.model());
        String key = String.join("\n", WordNetGlosses.fingerprint(s.corpusDir()), embedder.model(), "dim=" + embedder.dim(),
                "seed=" + s.seed(), "queries=" + s.queries(), "passages=" + passages.size());
        int dim = embedder.dim();
        float[] base = new float[Math.multiplyExact(baseText.size(), dim)];
        PartialRows partial = new PartialRows(Path.of(s.out() + ".partial"), key, dim);
        int done = partial.resume(base, baseText.size());
        if (done > 0) {
            progress.printf(Locale.ROOT, "dataset: resuming after %,d rows embedded earlier (%s)%n", done, partial.file());
        }
        long embedStart = System.nanoTime();
        long lastReport = embedStart;
        int embeddedNow = 0;
        for (int first = done; first < baseText.size(); first += BATCH) {
            int n = Math.min(BATCH, baseText.size() - first);
            float[][] vectors = embedder.embed(baseText.subList(first, first + n));
            for (int i = 0; i < n; i++) {
                System.arraycopy(checked(vectors[i], dim), 0, base, (first + i) * dim, dim);
            }
            partial.append(base, first, n);
            embeddedNow += n;
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L || first + n == baseText.size()) {
                double rate = embeddedNow / ((now - embedStart) / 1e9);
                int left = baseText.size() - first - n;
                progress.printf(Locale.ROOT, "dataset: embedded %,d / %,d passages (%.1f %%), %.0f passages/s, about %.0f s left%n",
                        first + n, baseText.size(), 100.0 * (first + n) / baseText.size(), rate, left / rate);
                lastReport = now;
            }
        }
        float[][] queries = embedder.embed(queryText);
        for (int i = 0; i < queries.length; i++) {
            queries[i] = checked(queries[i], dim);
        }
        double embedSeconds = (System.nanoTime() - embedStart) / 1e9;
        embeddedNow += queries.length;
        long truthStart = System.nanoTime();
        progress.printf(Locale.ROOT, "dataset: exact top-%d of %,d queries over %,d rows (cosine)%n", s.k(), queries.length, baseText.size());
        InMemoryDataset data = new InMemoryDataset("wordnet", dim, base, queries, Metric.COSINE);
        long[][] ids = GroundTruth.compute(data, queries, s.k());
        double truthSeconds = (System.nanoTime() - truthStart) / 1e9;
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        AnnHdf5Writer.Provenance provenance = new AnnHdf5Writer.Provenance(
                "WordNet 3.0 glosses (Debian wordnet-base), one passage per synset; queries: held-out passages", embedder.model(),
                s.seed(), embedSeconds, embeddedNow / embedSeconds, buildSeconds);
        AnnHdf5Writer.write(s.out(), dim, base, queries, ids, Metric.COSINE, provenance);
        writeTexts(Path.of(s.out() + ".texts.tsv"), baseText, queryText);
        partial.delete();
        return new Result(s.out(), baseText.size(), queries.length, dim, embedSeconds, embeddedNow, truthSeconds,
                (System.nanoTime() - started) / 1e9);
    }

    /** The vector at unit length (cosine is then the inner product), after checking its size. */
    private static float[] checked(float[] v, int dim) {
        if (v.length != dim) {
            throw new IllegalStateException("the model returned " + v.length + " values, expected " + dim);
        }
        return MiniLmEmbedder.unit(v);
    }

    /** The passages beside the vectors: {@code train|test <tab> row <tab> text}, to see what a neighbour is. */
    private static void writeTexts(Path file, List<String> base, List<String> queries) {
        List<String> lines = new ArrayList<>(base.size() + queries.size());
        for (int i = 0; i < base.size(); i++) {
            lines.add("train\t" + i + "\t" + base.get(i).replace('\t', ' '));
        }
        for (int i = 0; i < queries.size(); i++) {
            lines.add("test\t" + i + "\t" + queries.get(i).replace('\t', ' '));
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
