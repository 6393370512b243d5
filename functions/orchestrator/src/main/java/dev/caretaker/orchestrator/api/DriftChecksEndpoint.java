package dev.caretaker.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.json.Json;
import dev.caretaker.orchestrator.schedule.DriftFanOut;
import dev.caretaker.orchestrator.schedule.ScheduleOutcome;
import dev.caretaker.orchestrator.schedule.StackSource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /drift/checks}: an operator's drift check, now. Body {@code {"stack": "billing"}} checks
 * one stack, an empty body every configured stack. The {@code X-Caretaker-Request-Id} header makes
 * a retry of the same request find the same check instead of starting another. Answers 202 with the
 * parent job and one child job per stack, which the caller follows through {@code GET /jobs/{id}}.
 */
public final class DriftChecksEndpoint {

    public static final String REQUEST_ID_HEADER = "x-caretaker-request-id";
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final DriftFanOut fanOut;
    private final StackSource stacks;
    private final JobStore jobs;

    public DriftChecksEndpoint(DriftFanOut fanOut, StackSource stacks, JobStore jobs) {
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    public HttpResponse start(HttpRequest request) {
        String requestId = request.header(REQUEST_ID_HEADER).orElse(null);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            return HttpResponse.badRequest("invalid X-Caretaker-Request-Id: 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Optional<String> stack;
        try {
            stack = stackAskedFor(request.body());
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(e.getMessage());
        }
        List<String> targets = stack.map(List::of).orElseGet(stacks::stacks);
        if (targets.isEmpty()) {
            // The configuration in force decides the scope (ConfiguredStackSource), so that is what to change.
            return HttpResponse.error(409, "no_stacks", "no stacks are in scope for drift checks: name one with"
                    + " {\"stack\": \"NAME\"}, or list them in the configuration's drift.stacks or select them by tag"
                    + " with drift.tagSelector (a selector that matches no managed stack selects none)");
        }
        JobTrigger.Manual cause = new JobTrigger.Manual(requestId == null ? UUID.randomUUID().toString() : requestId);
        ScheduleOutcome outcome = fanOut.dispatch(cause, stack.orElse(null), targets);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", outcome.jobId());
        switch (outcome) {
            case ScheduleOutcome.Dispatched dispatched -> body.put("duplicate", false);
            case ScheduleOutcome.AlreadyHandled handled -> body.put("duplicate", true);
            case ScheduleOutcome.InProgressElsewhere elsewhere -> {
                return HttpResponse.unavailable("drift check " + outcome.jobId() + " is being started by another request; retry");
            }
        }
        Job parent = jobs.find(outcome.jobId()).orElseThrow(() ->
                new IllegalStateException("drift check " + outcome.jobId() + " vanished right after it was started"));
        body.put("stacks", parent.result().getOrDefault("stacks", targets));
        body.put("children", parent.result().getOrDefault("children", List.of()));
        return HttpResponse.json(202, body);
    }

    private static Optional<String> stackAskedFor(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("body is not JSON: expected {\"stack\": \"NAME\"} or nothing");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object: {\"stack\": \"NAME\"} or nothing");
        }
        JsonNode stack = json.get("stack");
        if (stack == null || stack.isNull()) {
            return Optional.empty();
        }
        if (!stack.isTextual() || !STACK_NAME.matcher(stack.asText()).matches()) {
            throw new IllegalArgumentException("invalid stack '" + stack.asText() + "': a stack name starts with a letter and"
                    + " holds only letters, digits and hyphens (max 128)");
        }
        return Optional.of(stack.asText());
    }
}
