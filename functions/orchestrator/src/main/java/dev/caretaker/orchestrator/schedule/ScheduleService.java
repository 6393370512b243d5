package dev.caretaker.orchestrator.schedule;

import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStatus;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a schedule firing into jobs and work items.
 *
 * <p>A drift check is a parent job that fans out one child job and one message per stack; cost
 * and backup are single account-wide jobs whose one message carries their own id. The parent is
 * claimed while it fans out and succeeds only when every message went out; on failure it is
 * released, so the Scheduler's retry redoes the fan-out (children and messages are idempotent by
 * job id).
 */
public final class ScheduleService {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    private static final String ACCOUNT_WIDE = "*";

    private final JobStore jobs;
    private final WorkQueues queues;
    private final StackSource stacks;
    private final Clock clock;
    private final DriftFanOut driftFanOut;

    public ScheduleService(JobStore jobs, WorkQueues queues, StackSource stacks, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.driftFanOut = new DriftFanOut(jobs, queues, clock);
    }

    public ScheduleOutcome handle(ScheduledTrigger trigger) {
        Instant now = clock.instant();
        JobTrigger.Schedule cause = new JobTrigger.Schedule(trigger.scheduleName(), trigger.scheduledTime());
        if (trigger.jobType() != JobType.DRIFT_CHECK) {
            return dispatchSingle(new JobRequest(trigger.jobType(), ACCOUNT_WIDE, cause), now);
        }
        List<String> configured = stacks.stacks();
        if (configured.isEmpty()) {
            LOG.warn("drift schedule {} fired but no stacks are configured", trigger.scheduleName());
        }
        ScheduleOutcome outcome = driftFanOut.dispatch(cause, ACCOUNT_WIDE, configured);
        if (outcome instanceof ScheduleOutcome.Dispatched dispatched) {
            LOG.info("drift schedule {} fanned out {} work items", trigger.scheduleName(), dispatched.workItemJobIds().size());
        }
        return outcome;
    }

    private ScheduleOutcome dispatchSingle(JobRequest request, Instant now) {
        Job job = jobs.create(request, now).job();
        if (job.status() != JobStatus.QUEUED) {
            // Sent before and picked up (or finished) by its worker: a duplicate firing.
            return new ScheduleOutcome.AlreadyHandled(job.id());
        }
        // A QUEUED job may be one whose earlier send failed; sending again is safe because the worker dedupes on the id.
        queues.send(List.of(new WorkItem(job.id(), job.type(), job.target(), job.correlationId(), Map.of())));
        return new ScheduleOutcome.Dispatched(job.id(), List.of(job.id()));
    }
}
