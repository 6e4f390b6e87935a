package io.milvusbench.milvus;

import io.milvusbench.BadInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open a client to one Milvus: endpoint, credentials, database, TLS and the
 * deadlines every RPC carries. Accepts {@code host:port}, {@code http://host:port} and
 * {@code https://host:port} (TLS). Credentials are a token, or a user and password
 * (sent as the token {@code user:password}); {@link #toString()} never shows them.
 */
public final class ConnectionSpec {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RPC_DEADLINE = Duration.ofSeconds(30);

    private final URI uri;
    private final String token;
    private final String database;
    private final Duration connectTimeout;
    private final Duration rpcDeadline;

    private ConnectionSpec(URI uri, String token, String database, Duration connectTimeout, Duration rpcDeadline) {
        this.uri = uri;
        this.token = token;
        this.database = database;
        this.connectTimeout = connectTimeout;
        this.rpcDeadline = rpcDeadline;
    }

    /** A spec for {@code address} with no credentials, the default database and default deadlines. */
    public static ConnectionSpec of(String address) {
        return new ConnectionSpec(parseUri(address), null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RPC_DEADLINE);
    }

    /** Parses {@code host:port} or an http(s) URI; anything else is a {@link BadInputException}. */
    public static URI parseUri(String address) {
        if (address == null || address.isBlank()) {
            throw new BadInputException("empty Milvus address (expected host:port or http(s)://host:port)");
        }
        String text = address.trim();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadInputException("bad Milvus URI '" + address + "': " + e.getReason());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("tcp")) {
            throw new BadInputException("bad Milvus URI '" + address + "': scheme must be http, https or tcp");
        }
        if (parsed.getHost() == null) {
            throw new BadInputException("bad Milvus URI '" + address + "': no host");
        }
        if (parsed.getPort() < 1 || parsed.getPort() > 65535) {
            throw new BadInputException("bad Milvus URI '" + address + "': a port 1-65535 is required");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new BadInputException("bad Milvus URI '" + redact(address, parsed) + "': give credentials with --token or --user/--password, not in the URI");
        }
        if (parsed.getRawPath() != null && !parsed.getRawPath().isEmpty() && !parsed.getRawPath().equals("/")
                || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new BadInputException("bad Milvus URI '" + address + "': a path, query or fragment is not used by Milvus's gRPC "
                    + "address (give the database with --db): remove it");
        }
        String normalized = (scheme.equals("https") ? "https" : "http") + "://" + hostForUri(parsed.getHost()) + ":" + parsed.getPort();
        return URI.create(normalized);
    }

    private static String redact(String address, URI parsed) {
        return address.replace(parsed.getRawUserInfo() + "@", "***@");
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public ConnectionSpec withToken(String newToken) {
        return new ConnectionSpec(uri, blankToNull(newToken), database, connectTimeout, rpcDeadline);
    }

    public ConnectionSpec withUserPassword(String user, String password) {
        if (user == null || user.isBlank()) {
            return this;
        }
        return withToken(user + ":" + (password == null ? "" : password));
    }

    public ConnectionSpec withDatabase(String db) {
        return new ConnectionSpec(uri, token, blankToNull(db), connectTimeout, rpcDeadline);
    }

    public ConnectionSpec withDeadlines(Duration connect, Duration rpc) {
        if (connect.isNegative() || connect.isZero() || rpc.isNegative() || rpc.isZero()) {
            throw new BadInputException("connect timeout and RPC deadline must be positive");
        }
        return new ConnectionSpec(uri, token, database, connect, rpc);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public URI uri() {
        return uri;
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }

    public boolean secure() {
        return "https".equals(uri.getScheme());
    }

    /** The token ({@code user:password} or an API key), or null. Never log it. */
    public String token() {
        return token;
    }

    public String database() {
        return database;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration rpcDeadline() {
        return rpcDeadline;
    }

    /** The URI as safe to print: credentials are never part of it. */
    public String redactedUri() {
        return uri + (database == null ? "" : "/" + database) + (token == null ? "" : " (with credentials)");
    }

    @Override
    public String toString() {
        return redactedUri();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSpec other && uri.equals(other.uri) && Objects.equals(token, other.token)
                && Objects.equals(database, other.database);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, token, database);
    }
}
