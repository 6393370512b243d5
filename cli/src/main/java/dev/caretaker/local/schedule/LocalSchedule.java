package dev.caretaker.local.schedule;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One {@code AWS::Scheduler::Schedule} of the template, ready to fire: when, in which time zone,
 * at which target (by logical id) and with which input (placeholders still in it).
 */
public record LocalSchedule(String logicalId, String name, String groupName, ScheduleExpression expression, ZoneId zone,
                            String targetLogicalId, String input, boolean enabled) {

    public LocalSchedule {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(targetLogicalId, "targetLogicalId");
        Objects.requireNonNull(input, "input");
    }
}
