package io.milvusbench.results;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void isPartialUntilCompleteThenRenamed() throws Exception {
        RunFolder run = RunFolder.create(tmp, "bench");
        assertTrue(run.dir().getFileName().toString().endsWith(RunFolder.PARTIAL));
        assertTrue(Files.isDirectory(run.hlogDir()));
        Files.writeString(run.dir().resolve("run.json"), "{}");
        Path done = run.complete();
        assertFalse(done.getFileName().toString().endsWith(RunFolder.PARTIAL));
        assertTrue(Files.exists(done.resolve("run.json")));
        assertEquals(done, run.dir());
    }

    @Test
    void twoRunsInOneSecondGetTwoFolders() {
        RunFolder a = RunFolder.create(tmp, "load");
        RunFolder b = RunFolder.create(tmp, "load");
        assertNotEquals(a.finalDir(), b.finalDir());
    }

    @Test
    void resultsPathThatIsAFileIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThrows(BadInputException.class, () -> RunFolder.create(file, "bench"));
    }

    @Test
    void scalarMetricsRoundTripAndGarbageIsNamed() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        ScalarMetric m = ScalarMetric.of(SeriesId.of("search", "index", "FLAT"), "Client", "recall@10", 1.0, "ratio");
        ScalarMetric.append(file, List.of(m));
        ScalarMetric.append(file, List.of(m));
        assertEquals(List.of(m, m), ScalarMetric.read(file));
        Files.writeString(file, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> ScalarMetric.read(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
