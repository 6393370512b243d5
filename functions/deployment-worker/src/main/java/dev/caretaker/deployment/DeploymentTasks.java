package dev.caretaker.deployment;

import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.IllegalJobTransitionException;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.work.PermanentFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The task steps of the deployment state machine. Step Functions retries a task after a Lambda
 * error, so each step is idempotent: begin on a job this execution already runs returns its
 * attempt, complete or fail on a finished job report what it ended as.
 */
public final class DeploymentTasks {

    /** A Standard workflow may wait days for a window or an approval; the lease covers the whole execution. */
    private static final Duration EXECUTION_LEASE = Duration.ofDays(8);

    private final JobStore jobs;
    private final StackInspector stacks;
    private final EventPublisher events;
    private final Clock clock;

    public DeploymentTasks(JobStore jobs, StackInspector stacks, EventPublisher events, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Map<String, Object> begin(DeploymentInput input) {
        Instant now = clock.instant();
        ClaimOutcome claim = jobs.claim(input.jobId(), now, now.plus(EXECUTION_LEASE));
        return switch (claim) {
            case ClaimOutcome.Claimed claimed -> Map.of("attempt", claimed.job().attempts(), "status", "RUNNING");
            // The execution name is the job id, so the only other holder is this execution's earlier try.
            case ClaimOutcome.HeldByAnother held -> Map.of("attempt", held.job().attempts(), "status", "RUNNING");
            case ClaimOutcome.AlreadyFinished finished -> throw new PermanentFailure(
                    "deployment " + input.jobId() + " already ended as " + finished.job().status());
            case ClaimOutcome.NotFound missing -> throw new PermanentFailure("deployment job " + input.jobId() + " does not exist");
        };
    }

    public Map<String, Object> checkStack(DeploymentInput input) {
        StackState state = stacks.inspect(input.stack());
        return switch (state) {
            case StackState.Absent absent -> Map.of("stackStatus", "ABSENT", "operation", "CREATE");
            case StackState.Present present -> {
                String blocker = present.blocker();
                if (blocker != null) {
                    throw new PermanentFailure(blocker);
                }
                yield Map.of("stackStatus", present.status(), "operation", "UPDATE");
            }
        };
    }

    public Map<String, Object> complete(DeploymentInput input) {
        Instant now = clock.instant();
        Job job = jobs.find(input.jobId()).orElseThrow(() -> new PermanentFailure("deployment job " + input.jobId() + " does not exist"));
        if (job.status() == JobStatus.SUCCEEDED) {
            return Map.of("status", job.status().name());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stack", input.stack());
        result.put("version", input.version());
        // Publish first, as the worker runtime does: if the bus is down the job stays RUNNING and Step Functions'
        // retry publishes again; marking it SUCCEEDED first would make that retry return early and lose the event.
        // A publish followed by a failed succeed repeats the event on retry, which consumers dedupe by job id.
        events.publish(new ResultEvent("caretaker.deployment", "DeploymentCompleted", Severity.INFO, job.id(),
                job.correlationId(), input.stack(), input.stack() + " deployed at version " + input.version(), now, result));
        Job done = jobs.succeed(job.id(), job.attempts(), result, now);
        return Map.of("status", done.status().name());
    }

    public Map<String, Object> fail(DeploymentInput input, String error) {
        Instant now = clock.instant();
        String reason = error == null || error.isBlank() ? "deployment failed" : error;
        Job job = jobs.find(input.jobId()).orElseThrow(() -> new PermanentFailure("deployment job " + input.jobId() + " does not exist"));
        if (job.status().isTerminal()) {
            return Map.of("status", job.status().name());
        }
        // Publish before recording, as complete() does: a retry after a bus failure must still find the job open.
        events.publish(new ResultEvent("caretaker.deployment", "DeploymentFailed", Severity.ERROR, job.id(),
                job.correlationId(), input.stack(), reason, now, Map.of("error", reason)));
        try {
            return Map.of("status", jobs.fail(job.id(), null, reason, now).status().name());
        } catch (IllegalJobTransitionException alreadyEnded) {
            return Map.of("status", String.valueOf(alreadyEnded.from()));
        }
    }
}
