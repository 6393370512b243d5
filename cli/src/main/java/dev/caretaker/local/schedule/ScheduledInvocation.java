package dev.caretaker.local.schedule;

import java.time.Instant;
import java.util.Objects;

/** One firing of a schedule: the target to invoke and the input it gets, placeholders replaced. */
public record ScheduledInvocation(String scheduleLogicalId, String scheduleName, String targetLogicalId, Instant scheduledTime,
                                  String input) {

    public ScheduledInvocation {
        Objects.requireNonNull(scheduleLogicalId, "scheduleLogicalId");
        Objects.requireNonNull(targetLogicalId, "targetLogicalId");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(input, "input");
    }
}
