package dev.caretaker.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, independent of how it arrived (API Gateway HTTP API today).
 *
 * @param routeKey   the route API Gateway matched, e.g. {@code "POST /webhooks/{source}"}, or
 *                   {@code "$default"} / null when no specific route matched
 * @param headers    names lower-cased; repeated headers arrive comma-joined
 * @param body       the decoded body bytes exactly as sent: signatures are computed over them
 * @param requestId  API Gateway's request id, echoed in error messages so operators can find the log line
 * @param callerArn  the IAM principal API Gateway authenticated ({@code requestContext.authorizer.iam.userArn}),
 *                   null on a route without IAM authorisation (webhooks) and in the local runtime
 */
public record HttpRequest(
        String method,
        String rawPath,
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryStringParameters,
        Map<String, String> headers,
        byte[] body,
        String requestId,
        String callerArn) {

    public HttpRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        queryStringParameters = queryStringParameters == null ? Map.of() : Map.copyOf(queryStringParameters);
        headers = lowerCased(headers);
        body = body == null ? new byte[0] : body.clone();
        requestId = requestId == null ? "" : requestId;
        callerArn = callerArn == null || callerArn.isBlank() ? null : callerArn;
    }

    /** A request nobody authenticated: a webhook, or any route of the local runtime. */
    public HttpRequest(String method, String rawPath, String routeKey, Map<String, String> pathParameters,
                       Map<String, String> queryStringParameters, Map<String, String> headers, byte[] body,
                       String requestId) {
        this(method, rawPath, routeKey, pathParameters, queryStringParameters, headers, body, requestId, null);
    }

    /** Who is asking, as the API authenticated them. */
    public Optional<String> caller() {
        return Optional.ofNullable(callerArn);
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        HashMap<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            }
        });
        return Map.copyOf(lower);
    }

    /** A copy: the record must stay immutable even though arrays are not. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryStringParameters.get(name));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequest that
                && method.equals(that.method)
                && rawPath.equals(that.rawPath)
                && Objects.equals(routeKey, that.routeKey)
                && pathParameters.equals(that.pathParameters)
                && queryStringParameters.equals(that.queryStringParameters)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && requestId.equals(that.requestId)
                && Objects.equals(callerArn, that.callerArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, routeKey, pathParameters, queryStringParameters, headers,
                Arrays.hashCode(body), requestId, callerArn);
    }

    /** Deliberately leaves out headers and body: they carry signatures, and a log line must never show them. */
    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + rawPath + ", route=" + routeKey + ", bodyBytes=" + body.length
                + ", requestId=" + requestId + "]";
    }
}
