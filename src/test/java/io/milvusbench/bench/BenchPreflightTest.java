package io.milvusbench.bench;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.DatasetOptions;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input checks of a bench run that need no server, on the real benchmark catalog. */
class BenchPreflightTest {
    static final DatasetOptions SYNTHETIC = new DatasetOptions("synthetic", 0, 0, null, 42, null, null);

    static BenchSelection check(List<String> patterns, Map<String, List<String>> given, boolean quick, DatasetOptions data) {
        return new BenchPreflight(BenchCatalog.select(patterns), given, quick, data, 100).checkInput();
    }

    @Test
    void quickSettingsApplyOnlyWhereTheBenchmarksTakeThem() {
        BenchSelection s = check(List.of("Connect"), Map.of(), true, SYNTHETIC);
        assertEquals(List.of("ConnectBenchmark.connectAndClose"), s.names());
        assertTrue(s.given().isEmpty(), s.given().toString());

        s = check(List.of("Search"), Map.of("index", List.of("HNSW:ef=32")), true, SYNTHETIC);
        assertEquals(List.of("2000"), s.given().get("rows"));
        assertEquals(List.of("HNSW:ef=32"), s.given().get("index"));
        assertFalse(s.given().containsKey("build"));
    }

    @Test
    void everyGivenValueIsChecked() {
        assertMessage(List.of("Search"), Map.of("idx", List.of("FLAT")), "unknown parameter 'idx'");
        assertMessage(List.of("Search"), Map.of("index", List.of("ANNOY")), "unknown index type 'ANNOY'");
        assertMessage(List.of("Search"), Map.of("index", List.of("HNSW:ef=99999")), "HNSW ef must be in 1..32768, got 99999");
        assertMessage(List.of("Search"), Map.of("index", List.of("HNSW:ef=5")), "ef (5) must be at least topK (10)");
        assertMessage(List.of("Search"), Map.of("index", List.of("IVF_PQ"), "dim", List.of("30")), "IVF_PQ m (16) must divide the dimension (30)");
        assertMessage(List.of("IndexBuild"), Map.of("build", List.of("HNSW:ef=64")), "search parameter");
        assertMessage(List.of("Search"), Map.of("rows", List.of("0")), "rows must be at least 1");
        assertMessage(List.of("Search"), Map.of("metric", List.of("HAMMING")), "unknown metric 'HAMMING'");
        assertMessage(List.of("Nothing"), Map.of(), "no benchmark matches");
    }

    @Test
    void aDatasetFileSuppliesRowsDimAndMetric() throws URISyntaxException {
        String file = Path.of(getClass().getResource("/datasets/tiny-3-euclidean.hdf5").toURI()).toString();
        DatasetOptions data = new DatasetOptions(file, 0, 0, null, 42, null, null);
        BenchSelection s = check(List.of("Search"), Map.of("index", List.of("FLAT"), "topK", List.of("4")), false, data);
        assertEquals(List.of("10"), s.given().get("rows"));
        assertEquals(List.of("3"), s.given().get("dim"));
        assertEquals(List.of("L2"), s.given().get("metric"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> check(List.of("Search"), Map.of("index", List.of("FLAT"), "dim", List.of("128")), false, data));
        assertEquals("dimension mismatch: " + file + " has dim 3, asked for dim 128", e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> check(List.of("Search"), Map.of("index", List.of("FLAT"), "topK", List.of("11")), false, data));
        assertEquals("topK (11) exceeds the rows (10)", e.getMessage());
    }

    private static void assertMessage(List<String> patterns, Map<String, List<String>> given, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> check(patterns, given, false, SYNTHETIC));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
