package dev.caretaker.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;

/** One line for the console about a request through the local API: a webhook that became a job, or a status call. */
final class ApiExchange {

    private ApiExchange() {
    }

    static String describe(byte[] request, byte[] response) {
        try {
            JsonNode event = Json.mapper().readTree(request);
            JsonNode answer = Json.mapper().readTree(response);
            String method = event.path("requestContext").path("http").path("method").asText();
            String path = event.path("rawPath").asText();
            int status = answer.path("statusCode").asInt();
            if (path.startsWith("/webhooks/")) {
                JsonNode body = Json.mapper().readTree(answer.path("body").asText("{}"));
                if (body != null && body.hasNonNull("jobId")) {
                    return "webhook " + path + " → job " + body.get("jobId").asText() + " (" + status + ")";
                }
            }
            return method + " " + path + " → " + status;
        } catch (Exception unreadable) {
            // A description must never fail the request it describes.
            return "API request answered";
        }
    }
}
