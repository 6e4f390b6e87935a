package io.milvusbench.milvus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripts under {@code scripts/} refuse an option given without its value (at the end of the
 * line, or followed by the next option) with one line on stderr naming it and exit code 2, before
 * they do anything. Only cases that stop before any work even when the check is missing are run.
 */
class ScriptOptionsTest {
    private static final Path SCRIPTS = Path.of("scripts");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            milvus-local.sh         | start --data                       | milvus-local: --data needs a value
            milvus-local.sh         | start --data /nonexistent/x --port | milvus-local: --port needs a value
            milvus-local.sh         | start --port --data /nonexistent/x | milvus-local: --port needs a value
            milvus-local.sh         | stop --data /nonexistent/x --metrics-port | milvus-local: --metrics-port needs a value
            milvus-local.sh         | status --data /nonexistent/x --version | milvus-local: --version needs a value
            milvus-local.sh         | start --data /nonexistent/x --timeout | milvus-local: --timeout needs a value
            milvus-lite.sh          | start --data                       | milvus-lite: --data needs a value
            milvus-lite.sh          | start --data /nonexistent/x --port | milvus-lite: --port needs a value
            milvus-lite.sh          | start --data /nonexistent/x --port x1 | milvus-lite: not a number: x1
            milvus-lite.sh          | prepare --version 2.5              | milvus-lite: bad version: 2.5
            milvus-lite.sh          | begin --data /nonexistent/x        | milvus-lite: command must be prepare, start, stop or status
            setup.sh                | --version                          | setup: --version needs a value
            build-milvus-image.sh   | --version                          | build-milvus-image: --version needs a value
            milvus_dist.py          | prepare --version                  | milvus_dist.py prepare: argument --version: expected one argument
            milvus_dist.py          | render --out x --root y --home     | milvus_dist.py render: argument --home: expected one argument
            vectordb-bench-compare.py | --collection mbench_x --queries q --uri | vectordb-bench-compare.py: argument --uri: expected one argument
            """)
    void aMissingValueIsOneLineAndExitTwo(String script, String args, String message) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.endsWith(".py") ? "python3" : "bash", SCRIPTS.resolve(script).toString()));
        cmd.addAll(List.of(args.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + cmd);
        String out = read(p.getInputStream().readAllBytes());
        String err = read(p.getErrorStream().readAllBytes());
        assertEquals(message + "\n", err, "stderr of " + cmd);
        assertEquals("", out, "stdout of " + cmd);
        assertEquals(2, p.exitValue(), "exit code of " + cmd);
    }

    private static String read(byte[] bytes) throws IOException {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
