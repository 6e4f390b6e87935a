package io.milvusbench;

/**
 * A problem with what the user gave us (config, option, file, URI, server address) rather than a bug.
 * The CLI prints its message as one line and exits with {@link #EXIT_CODE}; no stack trace unless asked.
 */
public class BadInputException extends RuntimeException {
    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
