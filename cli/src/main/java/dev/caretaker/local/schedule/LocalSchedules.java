package dev.caretaker.local.schedule;

import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.local.resources.TemplateRefs;
import dev.caretaker.local.resources.TemplateValues;
import dev.caretaker.template.Template;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's {@code AWS::Scheduler::Schedule} resources, expressions resolved from parameters.
 * Settings that would change when or with what a target is invoked, and that are not implemented
 * ({@code StartDate}, {@code EndDate}, non-Lambda target parameters), are refused.
 */
public final class LocalSchedules {

    private static final Set<String> APPLIED = Set.of("Name", "GroupName", "ScheduleExpression", "ScheduleExpressionTimezone",
            "State", "Target");
    /** Accepted and not applied, each because the local runtime has nothing to apply it to. */
    private static final Set<String> IGNORED = Set.of("Description", "KmsKeyArn", "FlexibleTimeWindow");
    private static final Set<String> TARGET_APPLIED = Set.of("Arn", "Input");
    private static final Set<String> TARGET_IGNORED = Set.of("RoleArn", "RetryPolicy", "DeadLetterConfig");
    static final Set<String> PLACEHOLDERS = Set.of("<aws.scheduler.scheduled-time>", "<aws.scheduler.execution-id>",
            "<aws.scheduler.schedule-arn>", "<aws.scheduler.attempt-number>");
    private static final Pattern PLACEHOLDER = Pattern.compile("<aws\\.scheduler\\.[^>]*>");

    private LocalSchedules() {
    }

    /**
     * @throws LocalTemplateException or {@link UnsupportedScheduleExpressionException} naming the schedule and the problem
     */
    public static List<LocalSchedule> fromTemplate(Template template, TemplateParameters parameters) {
        TemplateValues values = new TemplateValues(template, parameters);
        List<LocalSchedule> schedules = new ArrayList<>();
        for (Template.Resource resource : template.resourcesOfType("AWS::Scheduler::Schedule").values()) {
            schedules.add(schedule(resource, values));
        }
        return List.copyOf(schedules);
    }

    private static LocalSchedule schedule(Template.Resource resource, TemplateValues values) {
        String id = resource.logicalId();
        Map<String, Object> properties = resource.properties();
        refuseUnknown(properties.keySet(), APPLIED, IGNORED, id);
        if (!(properties.get("Target") instanceof Map<?, ?> target)) {
            throw new LocalTemplateException(id + " has no Target");
        }
        Set<String> targetKeys = new java.util.TreeSet<>();
        target.keySet().forEach(key -> targetKeys.add(key.toString()));
        refuseUnknown(targetKeys, TARGET_APPLIED, TARGET_IGNORED, id + ".Target");

        String expressionText = values.resolve(properties.get("ScheduleExpression"), id + ".ScheduleExpression");
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(expressionText);
        } catch (UnsupportedScheduleExpressionException e) {
            throw new UnsupportedScheduleExpressionException(id + ".ScheduleExpression " + e.getMessage());
        }
        ZoneId zone = zone(properties.containsKey("ScheduleExpressionTimezone")
                ? values.resolve(properties.get("ScheduleExpressionTimezone"), id + ".ScheduleExpressionTimezone") : "UTC", id);
        String name = properties.containsKey("Name") ? values.resolve(properties.get("Name"), id + ".Name") : id;
        // GroupName usually refers to the ScheduleGroup resource, which is not created locally: its logical id stands in.
        String group = properties.containsKey("GroupName")
                ? TemplateRefs.logicalIdIn(properties.get("GroupName")).orElseGet(() -> values.resolve(properties.get("GroupName"),
                        id + ".GroupName"))
                : "default";
        String targetId = TemplateRefs.requireLogicalId(target.get("Arn"), id + ".Target.Arn");
        // Scheduler sends an empty object to a Lambda target without Input.
        String input = target.containsKey("Input") ? values.resolve(target.get("Input"), id + ".Target.Input") : "{}";
        Matcher placeholders = PLACEHOLDER.matcher(input);
        while (placeholders.find()) {
            if (!PLACEHOLDERS.contains(placeholders.group())) {
                throw new LocalTemplateException(id + ".Target.Input uses " + placeholders.group() + ", which is not a context"
                        + " attribute EventBridge Scheduler defines; it has " + PLACEHOLDERS);
            }
        }
        boolean enabled = !properties.containsKey("State") || "ENABLED".equals(values.resolve(properties.get("State"), id + ".State"));
        return new LocalSchedule(id, name, group, expression, zone, targetId, input, enabled);
    }

    private static ZoneId zone(String name, String id) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new LocalTemplateException(id + ".ScheduleExpressionTimezone '" + name + "' is not a time zone Java knows");
        }
    }

    private static void refuseUnknown(Set<String> present, Set<String> applied, Set<String> ignored, String where) {
        List<String> unknown = present.stream().filter(key -> !applied.contains(key) && !ignored.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new LocalTemplateException(where + " uses " + unknown + ", which the local scheduler does not support");
        }
    }
}
