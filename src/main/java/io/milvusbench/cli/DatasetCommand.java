package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.dataset.GroundTruthCache;
import io.milvusbench.dataset.Hdf5Dataset;
import io.milvusbench.dataset.Recall;
import io.milvusbench.dataset.text.EmbeddingDatasetBuilder;
import io.milvusbench.dataset.text.MiniLmEmbedder;
import io.milvusbench.dataset.text.TextDatasets;
import io.milvusbench.dataset.text.WordNetGlosses;
import io.milvusbench.index.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code milvus-bench dataset}: what a dataset is (shape, metric, identity, queries, shipped
 * neighbours) and its exact ground truth, computed once into the cache the benchmarks read; with
 * {@code --verify}, the shipped neighbours are compared with the computed ones. No server needed.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe a dataset and compute (and cache) its exact ground truth; no Milvus needed."},
        footer = {"", "Examples:",
                "  java -jar target/milvus-bench-embed.jar dataset wordnet-minilm --build   # real text embeddings, ~117k x 384",
                "  milvus-bench dataset wordnet-minilm",
                "  milvus-bench dataset data/sift_base.fvecs --verify",
                "  milvus-bench dataset synthetic --rows 1000000 --dim 128 -k 10",
                "  milvus-bench dataset data/glove-100-angular.hdf5 --query-pool 1000"})
public final class DatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "synthetic (default), wordnet-minilm (real text embeddings, see --build), an .hdf5/.h5 file or a "
            + ".fvecs/.bvecs base file.")
    String source = DatasetOptions.SYNTHETIC;

    @Option(names = "--rows", paramLabel = "N", description = "Rows (synthetic: default 100000; a file: its first N rows).")
    Long rows;

    @Option(names = "--dim", paramLabel = "N", description = "Dimension (synthetic: default 128; a file must have it).")
    Integer dim;

    @Option(names = "--metric", paramLabel = "M", description = "L2, IP or COSINE (default: the dataset's).")
    String metric;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of synthetic data (--build: of the held-out split). Default: ${DEFAULT-VALUE}.")
    long seed = DatasetOptions.DEFAULT_SEED;

    @Option(names = "--clusters", paramLabel = "N", description = "Synthetic data: mixture components. Default: ${DEFAULT-VALUE}.")
    int clusters = DatasetOptions.DEFAULT_CLUSTERS;

    @Option(names = "--spread", paramLabel = "S", description = "Synthetic data: spread around each centroid. Default: ${DEFAULT-VALUE}.")
    float spread = DatasetOptions.DEFAULT_SPREAD;

    @Option(names = "--queries", paramLabel = "FILE", description = "fvecs/bvecs: the query file.")
    Path queries;

    @Option(names = "--neighbours", paramLabel = "FILE", description = "fvecs/bvecs: the ground-truth .ivecs file.")
    Path neighbours;

    @Option(names = "--query-pool", paramLabel = "N", description = "Queries to compute ground truth for. Default: ${DEFAULT-VALUE}.")
    int queryPool = 100;

    @Option(names = "-k", paramLabel = "K", description = "Neighbours per query. Default: ${DEFAULT-VALUE}.")
    int k = 10;

    @Option(names = "--verify", description = "Compare the shipped neighbours with exact brute force (recall@k of the shipped ones).")
    boolean verify;

    @Option(names = "--build", description = "wordnet-minilm: build it (embed every WordNet passage with all-MiniLM-L6-v2, "
            + "exact top-100 neighbours, an HDF5 file in the cache) unless it is there; needs milvus-bench-embed.jar.")
    boolean build;

    @Option(names = "--rebuild", description = "wordnet-minilm: build it even if it is there.")
    boolean rebuild;

    @Option(names = "--corpus", paramLabel = "DIR", description = "--build: the WordNet database folder. Default: ${DEFAULT-VALUE}.")
    Path corpus = WordNetGlosses.DEBIAN_DIR;

    @Option(names = "--held-out", paramLabel = "N", description = "--build: passages held out as queries. Default: ${DEFAULT-VALUE}.")
    int heldOut = 1000;

    @Option(names = "--embed-threads", paramLabel = "N", description = "--build: model threads. Default: the number of cores.")
    Integer embedThreads;

    @Override
    public Integer call() {
        Inputs.range("-k", k, 1, 16_384);
        Inputs.range("--query-pool", queryPool, 1, 1_000_000);
        if (rows != null) {
            Inputs.rows("--rows", rows);
        }
        if (dim != null) {
            Inputs.dim("--dim", dim);
        }
        if (build || rebuild) {
            buildTextDataset();
        }
        boolean synthetic = DatasetOptions.SYNTHETIC.equalsIgnoreCase(source.trim());
        Inputs.fitsInMemory("--query-pool " + queryPool + " (query vectors and their exact neighbours)", queryPool,
                dim != null ? dim : 128, k);
        if (synthetic && k > (rows != null ? rows : 100_000)) {
            throw new BadInputException("-k " + k + " is more than the dataset's " + (rows != null ? rows : 100_000) + " rows");
        }
        DatasetOptions options = new DatasetOptions(source, rows != null ? rows : synthetic ? 100_000 : 0,
                dim != null ? dim : synthetic ? 128 : 0, metric == null ? null : Metric.parse(metric), seed, queries, neighbours,
                clusters, spread);
        try (Dataset data = Datasets.open(options)) {
            int nq = Math.min(queryPool, data.queryCount());
            if (nq < 1) {
                throw new BadInputException(source + " has no queries");
            }
            System.out.printf("dataset:    %s%n", data.name());
            System.out.printf("identity:   %s%n", data.identity());
            System.out.printf("shape:      %,d rows x %d, %s%n", data.rows(), data.dim(), data.metric());
            System.out.printf("queries:    %s available, %d used%n",
                    data.queryCount() == Integer.MAX_VALUE ? "generated" : String.format("%,d", data.queryCount()), nq);
            System.out.printf("neighbours: %s%n", data.shippedNeighbours().map(n -> n.length + " x " + (n.length == 0 ? 0 : n[0].length)
                    + " shipped").orElse("none shipped (or not applicable to these rows/metric)"));
            if (data instanceof Hdf5Dataset h5) {
                h5.notes().forEach((name, value) -> System.out.printf("%-11s %s%n", name + ":", value));
            }
            GroundTruthCache cache = GroundTruthCache.standard();
            float[][] q = data.queries(nq);
            long t0 = System.nanoTime();
            GroundTruthCache.Lookup exact = cache.getOrCompute(data, q, k);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("exact top-%d of %d queries: %s in %.2f s%s -> %s%n", k, nq, exact.source().name().toLowerCase(), seconds,
                    exact.source() == GroundTruthCache.Source.COMPUTED
                            ? String.format(" (%.1f GFLOP/s incl. reading)", 2.0 * nq * data.rows() * data.dim() / seconds / 1e9) : "",
                    exact.file());
            if (verify) {
                return verifyShipped(data, exact.ids(), nq);
            }
            return 0;
        }
    }

    private void buildTextDataset() {
        if (!TextDatasets.isWordNetMiniLm(source)) {
            throw new BadInputException("--build and --rebuild make " + TextDatasets.WORDNET_MINILM + " only, not '" + source + "'");
        }
        Path out = TextDatasets.wordNetMiniLmFile();
        if (Files.isRegularFile(out) && !rebuild) {
            System.err.println("dataset: " + out + " is already built (--rebuild builds it again)");
            return;
        }
        int threads = embedThreads != null ? embedThreads : Runtime.getRuntime().availableProcessors();
        try (MiniLmEmbedder model = MiniLmEmbedder.open(threads)) {
            EmbeddingDatasetBuilder.Result r = new EmbeddingDatasetBuilder(model, System.err)
                    .build(new EmbeddingDatasetBuilder.Settings(corpus, out, heldOut, 100, seed));
            System.out.printf(Locale.ROOT, "built:      %s: %,d rows + %,d queries x %d in %.1f s; embedding %,d passages took %.1f s "
                            + "(%.1f passages/s, %d threads); exact top-100 %.1f s%n", r.file(), r.rows(), r.queries(), r.dim(),
                    r.buildSeconds(), r.embeddedNow(), r.embedSeconds(), r.passagesPerSecond(), threads, r.truthSeconds());
        }
    }

    private int verifyShipped(Dataset data, long[][] exact, int nq) {
        int[][] shipped = data.shippedNeighbours().orElseThrow(() ->
                new BadInputException("--verify: " + source + " ships no neighbours that apply to these rows and metric"));
        if (shipped[0].length < k) {
            throw new BadInputException("--verify: the shipped neighbours have " + shipped[0].length + " per query, fewer than k=" + k);
        }
        double sum = 0;
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < nq; i++) {
            List<Long> ids = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                ids.add((long) shipped[i][j]);
            }
            double r = Recall.atK(exact[i], ids, k);
            sum += r;
            if (r < 1) {
                differing.add(i);
            }
        }
        System.out.printf("shipped vs exact: recall@%d %.5f over %d queries; %d differ%s%n", k, sum / nq, nq, differing.size(),
                differing.isEmpty() ? "" : " (first: query " + differing.get(0) + ", usually ties at the k-th distance)");
        return 0;
    }
}
