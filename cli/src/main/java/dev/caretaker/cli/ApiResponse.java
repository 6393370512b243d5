package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;

/** What the API answered: status and body text, exactly as received. */
public record ApiResponse(int status, String body) {

    private static final int MAX_MESSAGE_CHARS = 300;

    public ApiResponse {
        body = body == null ? "" : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The server's own words for a refusal: the {@code message} of Caretaker's
     * {@code {"error","message"}} bodies and of API Gateway's {@code {"message"}} ones, else the
     * body's text, on one line.
     */
    public String errorMessage() {
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json != null && json.path("message").isTextual()) {
                return oneLine(json.path("message").asText());
            }
        } catch (Exception notJson) {
            // A proxy's HTML error page, say: its text is still the best message there is.
        }
        String text = oneLine(body);
        return text.isEmpty() ? "no message" : text;
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_MESSAGE_CHARS ? line : line.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
