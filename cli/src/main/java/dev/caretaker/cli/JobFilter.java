package dev.caretaker.cli;

import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query of {@code GET /jobs}. Null means "not given", so the API applies its own default.
 *
 * @param limit jobs per page, 1 to {@code JobQuery.MAX_LIMIT}
 */
record JobFilter(JobType type, JobStatus status, Integer limit) {

    Map<String, String> queryParameters(String pageToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", type == null ? null : type.name());
        query.put("status", status == null ? null : status.name());
        query.put("limit", limit == null ? null : limit.toString());
        query.put("pageToken", pageToken);
        return query;
    }
}
