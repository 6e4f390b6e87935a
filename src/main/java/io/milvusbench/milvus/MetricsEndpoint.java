package io.milvusbench.milvus;

import io.milvusbench.BadInputException;
import java.io.UncheckedIOException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP side of a Milvus server (port 9091 by default): {@code /healthz} and the Prometheus
 * text at {@code /metrics}. Every request has a timeout.
 */
public final class MetricsEndpoint {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private MetricsEndpoint() {
    }

    public static URI parse(String text) {
        URI uri = ConnectionSpec.parseUri(text);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** True when {@code base}/healthz answers 200 with "OK" within two seconds. */
    public static boolean healthy(URI base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("OK");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls /healthz until it answers OK; false when {@code timeout} passes first. */
    public static boolean awaitHealthy(URI base, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (healthy(base)) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The Prometheus exposition text of {@code base}/metrics. */
    public static String scrape(URI base, Duration timeout) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + base.resolve("/metrics") + ": " + MilvusClients.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + base, e);
        }
    }
}
