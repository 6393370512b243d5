package dev.caretaker.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Talks to one Caretaker API (the local runtime or a deployed API Gateway) over the JDK's HTTP
 * client, and turns "nobody is listening" into the one-line advice an operator needs.
 */
public final class ApiClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // API Gateway gives up on the function after 30 s; waiting longer would only hide that.
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    // The JDK's client sets these itself and refuses them from callers; the signed Host header
    // matches the one it derives from the same URI.
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI base;
    private final RequestSigner signer;
    private final HttpClient http;

    public ApiClient(URI base, RequestSigner signer) {
        this.base = Objects.requireNonNull(base, "base");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    /** @param path starting with '/', appended to the base URL (which may carry an API Gateway stage) */
    public ApiResponse get(String path, Map<String, String> query) {
        String encoded = QueryString.of(query);
        return send(new OutgoingRequest("GET", resolve(path + (encoded.isEmpty() ? "" : "?" + encoded)), Map.of(),
                new byte[0]));
    }

    public ApiResponse post(String path, Map<String, String> headers, byte[] body) {
        return send(new OutgoingRequest("POST", resolve(path), headers, body));
    }

    private ApiResponse send(OutgoingRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(REQUEST_TIMEOUT)
                .method(request.method(), request.body().length == 0 && request.method().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        signer.headersFor(request).forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new CliFailure("the Caretaker API at " + base + " did not answer in time (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (isUnreachable(e)) {
                throw unreachable(e);
            }
            throw new CliFailure("request to the Caretaker API at " + base + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the Caretaker API at " + base, e);
        }
    }

    private URI resolve(String pathAndQuery) {
        String prefix = base.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(prefix + pathAndQuery);
    }

    private CliFailure unreachable(IOException e) {
        if (LoopbackHost.isLoopback(base)) {
            return new CliFailure("no Caretaker API at " + base + " (start one with ./caretaker local)", e);
        }
        return new CliFailure("cannot connect to the Caretaker API at " + base + ": " + describe(e), e);
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        http.close();
    }
}
