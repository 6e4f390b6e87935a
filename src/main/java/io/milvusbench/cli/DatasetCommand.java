package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.dataset.GroundTruthCache;
import io.milvusbench.dataset.Recall;
import io.milvusbench.index.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code milvus-bench dataset}: what a dataset is (shape, metric, identity, queries, shipped
 * neighbours) and its exact ground truth, computed once into the cache the benchmarks read; with
 * {@code --verify}, the shipped neighbours are compared with the computed ones. No server needed.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe a dataset and compute (and cache) its exact ground truth; no Milvus needed."},
        footer = {"", "Examples:",
                "  milvus-bench dataset data/sift_base.fvecs --verify",
                "  milvus-bench dataset synthetic --rows 1000000 --dim 128 -k 10",
                "  milvus-bench dataset data/glove-100-angular.hdf5 --query-pool 1000"})
public final class DatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "synthetic (default), an .hdf5/.h5 file or a .fvecs/.bvecs base file.")
    String source = DatasetOptions.SYNTHETIC;

    @Option(names = "--rows", paramLabel = "N", description = "Rows (synthetic: default 100000; a file: its first N rows).")
    Long rows;

    @Option(names = "--dim", paramLabel = "N", description = "Dimension (synthetic: default 128; a file must have it).")
    Integer dim;

    @Option(names = "--metric", paramLabel = "M", description = "L2, IP or COSINE (default: the dataset's).")
    String metric;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of synthetic data. Default: ${DEFAULT-VALUE}.")
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
