package dev.caretaker.orchestrator.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.job.JobType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the two shapes a schedule arrives in: the input EventBridge Scheduler sends
 * ({@code {"schedule","jobType","scheduledTime"}}, as template.yaml sets it) and the classic
 * EventBridge rule's "Scheduled Event", whose rule name must end in {@code -drift}, {@code -cost}
 * or {@code -backup}.
 */
public final class ScheduleEvents {

    private static final Map<String, JobType> BY_SUFFIX = Map.of(
            "drift", JobType.DRIFT_CHECK,
            "cost", JobType.COST_REPORT,
            "backup", JobType.BACKUP);

    private ScheduleEvents() {
    }

    public static boolean isSchedulerInput(JsonNode event) {
        return event.hasNonNull("schedule") && event.hasNonNull("scheduledTime");
    }

    public static boolean isClassicScheduledEvent(JsonNode event) {
        return "Scheduled Event".equals(event.path("detail-type").asText()) && "aws.events".equals(event.path("source").asText());
    }

    public static ScheduledTrigger parse(JsonNode event) {
        if (isSchedulerInput(event)) {
            String name = event.get("schedule").asText();
            JobType type = event.hasNonNull("jobType") ? JobType.parse(event.get("jobType").asText()) : typeFor(name);
            return new ScheduledTrigger(name, type, instant(event.get("scheduledTime").asText(), "scheduledTime"));
        }
        if (isClassicScheduledEvent(event)) {
            JsonNode resources = event.path("resources");
            if (!resources.isArray() || resources.isEmpty()) {
                throw new IllegalArgumentException("scheduled event has no resources: cannot tell which rule fired");
            }
            String arn = resources.get(0).asText();
            String rule = arn.substring(arn.lastIndexOf('/') + 1);
            return new ScheduledTrigger(rule, typeFor(rule), instant(event.path("time").asText(), "time"));
        }
        throw new IllegalArgumentException("not a schedule event: expected Scheduler input {schedule, scheduledTime}"
                + " or an EventBridge Scheduled Event");
    }

    private static JobType typeFor(String scheduleName) {
        String lower = scheduleName.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JobType> entry : BY_SUFFIX.entrySet()) {
            if (lower.equals(entry.getKey()) || lower.endsWith("-" + entry.getKey())) {
                return entry.getValue();
            }
        }
        throw new IllegalArgumentException("schedule '" + scheduleName
                + "' does not say what to run: name it *-drift, *-cost or *-backup, or pass jobType");
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an ISO-8601 instant");
        }
    }
}
