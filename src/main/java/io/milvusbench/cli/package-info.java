/**
 * The picocli commands, and nothing but the command line: options, their checks, and handing over to
 * the package that does the work. Entry point {@link io.milvusbench.cli.Main} ({@code milvus-bench}); one
 * class per command ({@code bench}, {@code load}, {@code sweep}, {@code monitor}, {@code check}, {@code report},
 * {@code gate-eval}, {@code dataset}, {@code info}, {@code cleanup}); the options every command that talks to
 * Milvus shares are {@link io.milvusbench.cli.TargetMixin}. Exit codes: 0 ok, 1 breach or failed figure,
 * 2 bad input (one stderr line), 3 unexpected error.
 */
package io.milvusbench.cli;
