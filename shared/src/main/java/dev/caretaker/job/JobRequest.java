package dev.caretaker.job;

import java.util.Objects;

/**
 * What a trigger asks for. The job id follows from type and trigger.
 *
 * @param correlationId ties the job to the request that caused it across functions; null means
 *                      "use the job id", which is right for a root job
 */
public record JobRequest(JobType type, String target, JobTrigger trigger, String correlationId) {

    public JobRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(trigger, "trigger");
        if (target.isBlank()) {
            throw new IllegalArgumentException("job target must not be blank");
        }
    }

    public JobRequest(JobType type, String target, JobTrigger trigger) {
        this(type, target, trigger, null);
    }

    public String jobId() {
        return JobIds.of(type, trigger);
    }
}
