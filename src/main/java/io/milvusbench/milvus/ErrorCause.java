package io.milvusbench.milvus;

import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.exception.MilvusClientException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request failed, as a grouping key: a status and the message with everything that differs
 * from one request to the next (timings, ids, addresses, counts) replaced by {@code #} or
 * {@code <addr>}. A thousand searches that hit the same dead server therefore count as one cause
 * with a thousand occurrences, not a thousand causes.
 *
 * <p>The status is, in this order of preference:
 * <ul>
 *   <li>the gRPC status code ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, ...) when the
 *       failure came from the transport, found as a {@code StatusRuntimeException} in the cause
 *       chain or, when the SDK folded it into a message (its retry path does), in the message;</li>
 *   <li>{@code milvus <code>} for an error status the server returned (the SDK's
 *       {@code MilvusClientException} with a server code, e.g. {@code milvus 65535},
 *       {@code milvus 100});</li>
 *   <li>the SDK's own error code ({@code CLIENT_ERROR}, {@code TIMEOUT}, ...) otherwise;</li>
 *   <li>{@code client} for anything else (the suite's own checks, e.g. too few hits).</li>
 * </ul>
 *
 * <pre>{@code
 * ErrorCause.of(e).key()   // "DEADLINE_EXCEEDED: deadline exceeded after #s."
 * }</pre>
 */
public record ErrorCause(String status, String message) {
    /** Longest message kept in a key; a longer one is cut with "...". */
    static final int MAX_MESSAGE = 200;

    /** A gRPC status line: "UNAVAILABLE: io exception". */
    private static final Pattern GRPC_LINE = Pattern.compile("^([A-Z][A-Z_]+[A-Z])(?::\\s*(.*))?$", Pattern.DOTALL);
    /** What the SDK's MilvusClientException.toString() appends: " ErrorCode: SERVER_ERROR, ServerCode: 65535". */
    private static final Pattern SDK_TAIL = Pattern.compile("^(.*?)\\s*ErrorCode: (\\w+)(?:, ServerCode: (\\d+))?\\s*$", Pattern.DOTALL);
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^[\\w.$]+(?:Exception|Error):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern GRPC_IN_MESSAGE = Pattern.compile(
            "[\\w.$]*Status(?:Runtime)?Exception:\\s*([A-Z][A-Z_]+[A-Z])(?::\\s*(.*))?", Pattern.DOTALL);
    private static final Pattern GRPC_CODES = Pattern.compile(
            "CANCELLED|UNKNOWN|INVALID_ARGUMENT|DEADLINE_EXCEEDED|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|"
                    + "RESOURCE_EXHAUSTED|FAILED_PRECONDITION|ABORTED|OUT_OF_RANGE|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|"
                    + "DATA_LOSS|UNAUTHENTICATED");
    /** gRPC's per-stream diagnostics after a deadline: "[closed=[], open=[[buffered_nanos=..., remote_addr=...]]]". */
    private static final Pattern GRPC_STREAM_DETAIL = Pattern.compile("\\s*\\[closed=\\[.*$", Pattern.DOTALL);
    /** gRPC's "Name resolution delay 0.000000000 seconds." after a deadline: always there, never the cause. */
    private static final Pattern GRPC_RESOLUTION_DELAY = Pattern.compile("\\s*Name resolution delay \\S+ seconds\\.?");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?:[A-Za-z0-9-][A-Za-z0-9.-]*/)?(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?|\\[[0-9A-Fa-f:]*:[0-9A-Fa-f:]*](?::\\d+)?");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    /** A number not glued to a word before it ("Int64", "L2", "v0" keep their digits; "after 1.99s", "id=42", "_470810" do not). */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z\\d])\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");

    public ErrorCause {
        status = status == null || status.isBlank() ? "client" : status.strip();
        message = message == null ? "" : message;
    }

    /** {@code status: message}, the key under which failures are counted. */
    public String key() {
        return message.isEmpty() ? status : status + ": " + message;
    }

    @Override
    public String toString() {
        return key();
    }

    /** A cause with the given status whose message is normalised (numbers, ids and addresses stripped). */
    public static ErrorCause of(String status, String message) {
        return new ErrorCause(status, normalise(message));
    }

    /** The cause of a failed request. */
    public static ErrorCause of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return grpc(s.getStatus().getCode().name(), s.getStatus().getDescription(), s.getCause());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MilvusClientException m) {
                return milvus(m.getErrorCode().name(), m.getServerErrCode(), m.getLegacyServerCode(), m.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text = MilvusClients.rootMessage(error);
        ErrorCause inText = grpcInMessage(text);
        return inText != null ? inText : of("client", text);
    }

    /**
     * The cause of a failure known only as text, e.g. the first line of a stack trace
     * ({@code io.milvus.v2.exception.MilvusClientException: ... ErrorCode: SERVER_ERROR, ServerCode: 65535})
     * or a gRPC status line ({@code UNAVAILABLE: io exception}).
     */
    public static ErrorCause parse(String text) {
        if (text == null || text.isBlank()) {
            return of("client", "");
        }
        String line = text.strip();
        String sdkCode = null;
        int serverCode = 0;
        Matcher tail = SDK_TAIL.matcher(line);
        if (tail.matches()) {
            line = tail.group(1);
            sdkCode = tail.group(2);
            serverCode = tail.group(3) == null ? 0 : Integer.parseInt(tail.group(3));
        }
        line = line.replaceFirst("^[\\w.$]*MilvusClientException:\\s*", "");
        ErrorCause inText = grpcInMessage(line);
        if (inText != null) {
            return inText;
        }
        Matcher plain = GRPC_LINE.matcher(line);
        if (plain.matches() && GRPC_CODES.matcher(plain.group(1)).matches()) {
            return grpc(plain.group(1), plain.group(2), null);
        }
        if (sdkCode != null) {
            return milvus(sdkCode, serverCode, 0, line);
        }
        Matcher exception = EXCEPTION_LINE.matcher(line);
        return of("client", exception.matches() ? exception.group(1) : line);
    }

    private static ErrorCause grpc(String code, String description, Throwable cause) {
        String message = description == null ? "" : description;
        if (cause != null) {
            String root = MilvusClients.rootMessage(cause);
            if (!root.isBlank() && !message.contains(root)) {
                message = message.isEmpty() ? root : message + ": " + root;
            }
        }
        return of(code, message);
    }

    private static ErrorCause milvus(String sdkCode, int serverCode, int legacyCode, String message) {
        ErrorCause inText = grpcInMessage(message == null ? "" : message);
        if (inText != null) {
            return inText;
        }
        int code = serverCode != 0 ? serverCode : legacyCode;
        return of(code != 0 ? "milvus " + code : sdkCode, message);
    }

    /** The SDK's retry path folds the gRPC exception into its message: "... reason: io.grpc.StatusRuntimeException: CODE: ...". */
    private static ErrorCause grpcInMessage(String message) {
        Matcher m = GRPC_IN_MESSAGE.matcher(message);
        if (m.find() && GRPC_CODES.matcher(m.group(1)).matches()) {
            return of(m.group(1), m.group(2));
        }
        return null;
    }

    /**
     * The message on one line, without what varies per request: gRPC's stream diagnostics and name resolution delay,
     * addresses ({@code <addr>}), UUIDs, hex and decimal numbers ({@code #}); at most
     * {@value #MAX_MESSAGE} characters.
     */
    public static String normalise(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("\\s+", " ").strip();
        s = GRPC_STREAM_DETAIL.matcher(s).replaceAll("");
        s = GRPC_RESOLUTION_DELAY.matcher(s).replaceAll("");
        s = ADDRESS.matcher(s).replaceAll("<addr>");
        s = UUID.matcher(s).replaceAll("#");
        s = HEX.matcher(s).replaceAll("#");
        s = NUMBER.matcher(s).replaceAll("#");
        s = s.strip();
        if (s.length() > MAX_MESSAGE) {
            s = s.substring(0, MAX_MESSAGE) + "...";
        }
        return s;
    }
}
