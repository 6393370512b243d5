package dev.caretaker.orchestrator.schedule;

import dev.caretaker.job.ClaimOutcome;
import dev.caretaker.job.CreateOutcome;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobStore;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A drift check of some stacks: a parent job that fans out one child job and one work item per
 * stack. The parent is claimed while it fans out and succeeds only when every message went out; on
 * failure it is released, so a retry of the same trigger redoes the fan-out (children and messages
 * are idempotent by job id). Used by the drift schedule and by {@code POST /drift/checks}.
 */
public final class DriftFanOut {

    private static final Duration FAN_OUT_LEASE = Duration.ofMinutes(2);
    private static final String ACCOUNT_WIDE = "*";

    private final JobStore jobs;
    private final WorkQueues queues;
    private final Clock clock;

    public DriftFanOut(JobStore jobs, WorkQueues queues, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param target what the parent job is about: "*" for every configured stack, or the one stack asked for */
    public ScheduleOutcome dispatch(JobTrigger cause, String target, List<String> stacks) {
        Instant now = clock.instant();
        CreateOutcome created = jobs.create(new JobRequest(JobType.DRIFT_CHECK, target == null ? ACCOUNT_WIDE : target, cause), now);
        Job parent = created.job();
        if (parent.status().isTerminal()) {
            return new ScheduleOutcome.AlreadyHandled(parent.id());
        }
        ClaimOutcome claim = jobs.claim(parent.id(), now, now.plus(FAN_OUT_LEASE));
        if (!(claim instanceof ClaimOutcome.Claimed claimed)) {
            return claim instanceof ClaimOutcome.AlreadyFinished
                    ? new ScheduleOutcome.AlreadyHandled(parent.id())
                    : new ScheduleOutcome.InProgressElsewhere(parent.id());
        }
        int attempt = claimed.job().attempts();
        try {
            List<WorkItem> items = new ArrayList<>();
            List<String> children = new ArrayList<>();
            for (String stack : stacks) {
                Job child = jobs.create(new JobRequest(JobType.DRIFT_CHECK, stack,
                        new JobTrigger.Parent(parent.id(), stack), parent.correlationId()), now).job();
                children.add(child.id());
                if (!child.status().isTerminal()) {
                    items.add(new WorkItem(child.id(), JobType.DRIFT_CHECK, stack, parent.correlationId(), Map.of()));
                }
            }
            queues.send(items);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("stacks", stacks);
            result.put("children", children);
            jobs.succeed(parent.id(), attempt, result, clock.instant());
            return new ScheduleOutcome.Dispatched(parent.id(), items.stream().map(WorkItem::jobId).toList());
        } catch (RuntimeException e) {
            jobs.release(parent.id(), attempt, "fan-out interrupted: " + e.getMessage(), clock.instant());
            throw e;
        }
    }
}
