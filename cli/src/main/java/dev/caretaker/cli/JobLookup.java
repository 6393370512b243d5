package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer to {@code GET /jobs/{id}}; any other refusal is a {@link CliFailure}. */
sealed interface JobLookup {

    /** @param body the API's JSON as received, for {@code --output json} */
    record Found(JsonNode job, String body) implements JobLookup {
    }

    record NotFound(String jobId) implements JobLookup {
    }
}
