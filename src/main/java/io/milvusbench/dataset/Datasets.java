package io.milvusbench.dataset;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.text.TextDatasets;
import io.milvusbench.index.Metric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the dataset {@link DatasetOptions} name, checking rows, dimension and metric against it. */
public final class Datasets {
    private Datasets() {
    }

    public static Dataset open(DatasetOptions o) {
        if (o.isSynthetic()) {
            if (o.rows() < 1) {
                throw new BadInputException("synthetic data needs a positive row count, got " + o.rows());
            }
            return new SyntheticDataset(o.dim() == 0 ? 128 : o.dim(), o.rows(), o.clusters(), o.spread(), o.seed(),
                    o.metric() == null ? Metric.L2 : o.metric());
        }
        Path path = TextDatasets.isWordNetMiniLm(o.source()) ? builtTextDataset() : Path.of(o.source().trim());
        Dataset file = openFile(path, o);
        try {
            if (o.dim() != 0 && o.dim() != file.dim()) {
                throw new BadInputException("dimension mismatch: " + path + " has dim " + file.dim() + ", asked for dim " + o.dim());
            }
            if (o.rows() > file.rows()) {
                throw new BadInputException(path + " holds " + file.rows() + " rows, asked for " + o.rows());
            }
            Dataset d = o.rows() > 0 ? file.limit(o.rows()) : file;
            return o.metric() != null ? d.withMetric(o.metric()) : d;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static Path builtTextDataset() {
        Path file = TextDatasets.wordNetMiniLmFile();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(TextDatasets.WORDNET_MINILM + " is not built yet (no " + file + "): run 'java -jar "
                    + "target/milvus-bench-embed.jar dataset " + TextDatasets.WORDNET_MINILM + " --build' once");
        }
        return file;
    }

    private static Dataset openFile(Path path, DatasetOptions o) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hdf5") || name.endsWith(".h5")) {
            return Hdf5Dataset.open(path);
        }
        if (name.endsWith(".fvecs") || name.endsWith(".bvecs")) {
            return VecsDataset.open(path, o.queries(), o.neighbours());
        }
        throw new BadInputException("unknown dataset '" + o.source() + "' (expected synthetic, " + TextDatasets.WORDNET_MINILM
                + ", a .hdf5/.h5 ann-benchmarks file, "
                + "or a .fvecs/.bvecs base file)");
    }
}
