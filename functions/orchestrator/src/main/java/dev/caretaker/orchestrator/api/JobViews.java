package dev.caretaker.orchestrator.api;

import dev.caretaker.job.Job;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public JSON shape of a job. Kept apart from the stored shape so the table can change
 * without breaking API clients; lease bookkeeping stays internal.
 */
public final class JobViews {

    private JobViews() {
    }

    public static Map<String, Object> view(Job job) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("kind", job.triggerKind());
        trigger.put("key", job.triggerKey());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("type", job.type().name());
        view.put("target", job.target());
        view.put("status", job.status().name());
        view.put("attempts", job.attempts());
        view.put("trigger", trigger);
        view.put("createdAt", iso(job.createdAt()));
        view.put("updatedAt", iso(job.updatedAt()));
        view.put("startedAt", iso(job.startedAt()));
        view.put("finishedAt", iso(job.finishedAt()));
        view.put("parentId", job.parentId());
        view.put("correlationId", job.correlationId());
        view.put("result", job.result());
        view.put("error", job.error());
        return view;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
