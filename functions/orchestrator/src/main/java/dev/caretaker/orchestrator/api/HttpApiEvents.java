package dev.caretaker.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps API Gateway HTTP API events (payload format 2.0) to {@link HttpRequest} and
 * {@link HttpResponse} back to the response JSON API Gateway expects.
 *
 * <p>Works on Jackson trees rather than aws-lambda-java-events POJOs: the handler already holds
 * the raw JSON, and tree access loads far fewer classes than databinding a POJO graph.
 */
public final class HttpApiEvents {

    private HttpApiEvents() {
    }

    /** True for an HTTP API payload 2.0 event; lets a handler that receives several event kinds dispatch. */
    public static boolean isHttpApiEvent(JsonNode event) {
        return event != null
                && "2.0".equals(event.path("version").asText(null))
                && event.path("requestContext").path("http").path("method").isTextual();
    }

    /**
     * @throws IllegalArgumentException when the event is not an HTTP API 2.0 event, or its body is
     *                                  flagged base64 but is not
     */
    public static HttpRequest toRequest(JsonNode event) {
        if (!isHttpApiEvent(event)) {
            throw new IllegalArgumentException(
                    "not an API Gateway HTTP API payload 2.0 event: version \"2.0\" and requestContext.http.method are required");
        }
        JsonNode context = event.path("requestContext");
        String rawPath = text(event, "rawPath");
        if (rawPath == null) {
            rawPath = text(context.path("http"), "path");
        }
        String routeKey = text(event, "routeKey");
        if (routeKey == null) {
            routeKey = text(context, "routeKey");
        }
        return new HttpRequest(
                context.path("http").path("method").asText(),
                rawPath,
                routeKey,
                stringMap(event.path("pathParameters")),
                stringMap(event.path("queryStringParameters")),
                stringMap(event.path("headers")),
                body(event),
                text(context, "requestId"),
                text(context.path("authorizer").path("iam"), "userArn"));
    }

    /** The response in the shape API Gateway reads back for payload format 2.0. */
    public static ObjectNode toResponseJson(HttpResponse response) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("statusCode", response.statusCode());
        ObjectNode headers = json.putObject("headers");
        response.headers().forEach(headers::put);
        json.put("body", response.body());
        json.put("isBase64Encoded", false);
        return json;
    }

    private static byte[] body(JsonNode event) {
        JsonNode body = event.path("body");
        if (!body.isTextual()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("body is flagged isBase64Encoded but is not base64", e);
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    map.put(entry.getKey(), entry.getValue().asText());
                }
            });
        }
        return map;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
