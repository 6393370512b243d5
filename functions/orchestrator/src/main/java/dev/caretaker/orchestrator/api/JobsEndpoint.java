package dev.caretaker.orchestrator.api;

import dev.caretaker.job.JobIds;
import dev.caretaker.job.JobPage;
import dev.caretaker.job.JobQuery;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code GET /jobs/{id}} and {@code GET /jobs}: what Caretaker did and is doing. */
public final class JobsEndpoint {

    // A real token is a few hundred characters; anything far longer is not one of ours.
    private static final int MAX_PAGE_TOKEN_CHARS = 2048;

    private final JobStore jobs;

    public JobsEndpoint(JobStore jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    public HttpResponse get(String jobId) {
        if (!JobIds.looksValid(jobId)) {
            return HttpResponse.badRequest("invalid job id '" + shorten(jobId)
                    + "': expected a type prefix, '-' and 24 hex digits, e.g. deploy-0123456789abcdef01234567");
        }
        return jobs.find(jobId)
                .map(job -> HttpResponse.json(200, JobViews.view(job)))
                .orElseGet(() -> HttpResponse.notFound("no job " + jobId));
    }

    public HttpResponse list(HttpRequest request) {
        JobType type = null;
        JobStatus status = null;
        int limit = JobQuery.DEFAULT_LIMIT;
        String typeValue = request.queryParameter("type").orElse(null);
        if (typeValue != null && !typeValue.isBlank()) {
            try {
                type = JobType.parse(typeValue.trim());
            } catch (IllegalArgumentException e) {
                return invalidParameter("type", typeValue, "one of " + Arrays.toString(JobType.values()));
            }
        }
        String statusValue = request.queryParameter("status").orElse(null);
        if (statusValue != null && !statusValue.isBlank()) {
            try {
                status = JobStatus.parse(statusValue.trim());
            } catch (IllegalArgumentException e) {
                return invalidParameter("status", statusValue, "one of " + Arrays.toString(JobStatus.values()));
            }
        }
        String limitValue = request.queryParameter("limit").orElse(null);
        if (limitValue != null && !limitValue.isBlank()) {
            String allowed = "an integer from 1 to " + JobQuery.MAX_LIMIT;
            try {
                limit = Integer.parseInt(limitValue.trim());
            } catch (NumberFormatException e) {
                return invalidParameter("limit", limitValue, allowed);
            }
            if (limit < 1 || limit > JobQuery.MAX_LIMIT) {
                return invalidParameter("limit", limitValue, allowed);
            }
        }
        String pageToken = request.queryParameter("pageToken").filter(token -> !token.isBlank()).orElse(null);
        String tokenHint = "the nextPageToken of a previous page, unchanged";
        if (pageToken != null && pageToken.length() > MAX_PAGE_TOKEN_CHARS) {
            return invalidParameter("pageToken", pageToken, tokenHint);
        }
        JobPage page;
        try {
            page = jobs.list(new JobQuery(type, status, limit, pageToken));
        } catch (IllegalArgumentException e) {
            if (pageToken == null) {
                throw e;
            }
            return invalidParameter("pageToken", pageToken, tokenHint);
        }
        List<Map<String, Object>> views = new ArrayList<>(page.jobs().size());
        page.jobs().forEach(job -> views.add(JobViews.view(job)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", views);
        body.put("nextPageToken", page.nextPageToken());
        return HttpResponse.json(200, body);
    }

    private static HttpResponse invalidParameter(String name, String value, String allowed) {
        return HttpResponse.badRequest("invalid query parameter " + name + " '" + shorten(value)
                + "': expected " + allowed);
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
