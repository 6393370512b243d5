package dev.caretaker.orchestrator.schedule;

import dev.caretaker.job.JobType;
import java.time.Instant;
import java.util.Objects;

/** One firing of a schedule: which schedule, what kind of work, for which scheduled time. */
public record ScheduledTrigger(String scheduleName, JobType jobType, Instant scheduledTime) {

    public ScheduledTrigger {
        Objects.requireNonNull(scheduleName, "scheduleName");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
    }
}
