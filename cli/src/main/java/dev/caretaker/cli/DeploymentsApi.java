package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caretaker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The deployment routes of one Caretaker API ({@code /deployments...}) as typed calls. */
final class DeploymentsApi {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final ApiClient client;

    DeploymentsApi(ApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** {@code POST /deployments}: the answer {@code {deploymentId, jobId, status, duplicate, requestId}} and its text. */
    Answer start(ObjectNode body) {
        return post("/deployments", body, "start the deployment");
    }

    /** {@code GET /deployments/{id}}; empty when the API knows no such deployment. */
    Optional<Answer> find(String deploymentId) {
        ApiResponse response = client.get("/deployments/" + QueryString.encode(deploymentId), Map.of());
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw refused("read deployment " + deploymentId, response);
        }
        return Optional.of(new Answer(parse(response, "GET /deployments/{id}"), response.body()));
    }

    /** {@code GET /deployments?stack=S&limit=N}: the stack's deployments, newest first. */
    History history(String stack, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("stack", stack);
        query.put("limit", Integer.toString(limit));
        ApiResponse response = client.get("/deployments", query);
        if (!response.isSuccess()) {
            throw refused("list the deployments of " + stack, response);
        }
        JsonNode body = parse(response, "GET /deployments");
        if (!body.path("deployments").isArray()) {
            throw notCaretaker("GET /deployments");
        }
        List<JsonNode> deployments = new ArrayList<>();
        body.path("deployments").forEach(deployments::add);
        return new History(deployments, response.body());
    }

    /** {@code POST /deployments/{id}/approval}. */
    Answer decide(String deploymentId, String decision, String reason) {
        ObjectNode body = Json.mapper().createObjectNode().put("decision", decision);
        if (reason != null) {
            body.put("reason", reason);
        }
        return post("/deployments/" + QueryString.encode(deploymentId) + "/approval", body, decision + " deployment " + deploymentId);
    }

    /** {@code POST /deployments/{id}/cancel}. */
    Answer cancel(String deploymentId, String reason) {
        ObjectNode body = Json.mapper().createObjectNode();
        if (reason != null) {
            body.put("reason", reason);
        }
        return post("/deployments/" + QueryString.encode(deploymentId) + "/cancel", body, "cancel deployment " + deploymentId);
    }

    /** A JSON object the API answered, and its text exactly as received (what {@code --output json} prints). */
    record Answer(JsonNode json, String body) {
    }

    record History(List<JsonNode> deployments, String body) {
    }

    private Answer post(String path, ObjectNode body, String what) {
        ApiResponse response = client.post(path, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
        if (!response.isSuccess()) {
            throw refused(what, response);
        }
        return new Answer(parse(response, "POST " + path), response.body());
    }

    private CliFailure refused(String what, ApiResponse response) {
        String hint = response.status() == 404 && response.errorMessage().equals("Not Found")
                ? " (this API has no deployment routes: is it an older Caretaker?)" : "";
        return new CliFailure("the Caretaker API at " + client.base() + " refused to " + what + " (HTTP " + response.status()
                + "): " + response.errorMessage() + hint);
    }

    private JsonNode parse(ApiResponse response, String route) {
        try {
            JsonNode json = Json.mapper().readTree(response.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (Exception e) {
            // reported below
        }
        throw notCaretaker(route);
    }

    private CliFailure notCaretaker(String route) {
        return new CliFailure("the API at " + client.base() + " did not answer " + route + " as Caretaker does: is --api the Caretaker API?");
    }
}
