package dev.caretaker.cli;

import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobType;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.api.JobViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Response bodies made by the orchestrator's own JobViews, so the CLI reads the shape the API really writes. */
final class ApiJobs {

    static final Instant CREATED = Instant.parse("2026-03-14T08:00:00Z");

    private ApiJobs() {
    }

    static Job job(String id, JobType type, String target, JobStatus status, int attempts, String error) {
        return new Job(id, type, target, "webhook", "vendor:delivery-1", status, attempts, CREATED, CREATED.plusSeconds(60),
                attempts > 0 ? CREATED.plusSeconds(5) : null, status.isTerminal() ? CREATED.plusSeconds(60) : null,
                null, null, id, status == JobStatus.SUCCEEDED ? Map.of("changes", 3) : Map.of(), error);
    }

    static String one(Job job) {
        return Json.write(JobViews.view(job));
    }

    static String page(String nextPageToken, Job... jobs) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Job job : jobs) {
            views.add(JobViews.view(job));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", views);
        body.put("nextPageToken", nextPageToken);
        return Json.write(body);
    }
}
