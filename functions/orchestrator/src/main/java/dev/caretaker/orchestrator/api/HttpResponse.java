package dev.caretaker.orchestrator.api;

import dev.caretaker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the API answers. Every body is JSON; errors are {@code {"error": code, "message": text}} so a
 * client can branch on the code and show the message.
 */
public record HttpResponse(int statusCode, Map<String, String> headers, String body) {

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json",
            // Job status and webhook answers are per request; no proxy should keep them.
            "cache-control", "no-store");

    public HttpResponse {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + statusCode);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static HttpResponse json(int statusCode, Object value) {
        return new HttpResponse(statusCode, JSON_HEADERS, Json.write(Objects.requireNonNull(value, "value")));
    }

    public static HttpResponse error(int statusCode, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return json(statusCode, body);
    }

    public static HttpResponse badRequest(String message) {
        return error(400, "bad_request", message);
    }

    public static HttpResponse unauthorized(String message) {
        return error(401, "unauthorized", message);
    }

    public static HttpResponse notFound(String message) {
        return error(404, "not_found", message);
    }

    public static HttpResponse conflict(String message) {
        return error(409, "conflict", message);
    }

    public static HttpResponse payloadTooLarge(String message) {
        return error(413, "payload_too_large", message);
    }

    public static HttpResponse internalError(String message) {
        return error(500, "internal_error", message);
    }

    /** 503 with a Retry-After hint: the caller's retry of the same request is expected to succeed. */
    public static HttpResponse unavailable(String message) {
        HttpResponse plain = error(503, "service_unavailable", message);
        Map<String, String> headers = new LinkedHashMap<>(plain.headers());
        headers.put("retry-after", "5");
        return new HttpResponse(503, headers, plain.body());
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(statusCode, more, body);
    }
}
