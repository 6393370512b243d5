package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /jobs}.
 *
 * @param nextPageToken null on the last page
 * @param body          the API's JSON as received, for {@code --output json}
 */
record JobsPage(List<JsonNode> jobs, String nextPageToken, String body) {

    JobsPage {
        jobs = List.copyOf(jobs);
    }
}
