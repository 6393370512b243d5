package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The status API ({@code GET /jobs}, {@code GET /jobs/{id}}) as typed calls. */
final class JobsApi {

    private final ApiClient client;

    JobsApi(ApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    JobsPage page(JobFilter filter, String pageToken) {
        ApiResponse response = client.get("/jobs", filter.queryParameters(pageToken));
        if (!response.isSuccess()) {
            throw refused(response);
        }
        JsonNode body = parse(response);
        JsonNode jobs = body.path("jobs");
        if (!jobs.isArray()) {
            throw new CliFailure("the API at " + client.base() + " answered GET /jobs without a \"jobs\" list:"
                    + " is --api the Caretaker API?");
        }
        List<JsonNode> list = new ArrayList<>();
        jobs.forEach(list::add);
        JsonNode next = body.path("nextPageToken");
        return new JobsPage(list, next.isTextual() && !next.asText().isEmpty() ? next.asText() : null, response.body());
    }

    JobLookup find(String jobId) {
        ApiResponse response = client.get("/jobs/" + QueryString.encode(jobId), Map.of());
        if (response.status() == 404) {
            return new JobLookup.NotFound(jobId);
        }
        if (!response.isSuccess()) {
            throw refused(response);
        }
        return new JobLookup.Found(parse(response), response.body());
    }

    private CliFailure refused(ApiResponse response) {
        return new CliFailure("the Caretaker API refused the request (HTTP " + response.status() + "): "
                + response.errorMessage());
    }

    private JsonNode parse(ApiResponse response) {
        try {
            JsonNode json = Json.mapper().readTree(response.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (Exception e) {
            // reported below
        }
        throw new CliFailure("the API at " + client.base() + " did not answer with a JSON object: is --api the Caretaker API?");
    }
}
