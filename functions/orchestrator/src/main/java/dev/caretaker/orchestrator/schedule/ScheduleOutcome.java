package dev.caretaker.orchestrator.schedule;

import java.util.List;

/** What a schedule firing led to. */
public sealed interface ScheduleOutcome {

    String jobId();

    /** The work went out: one item per child job (a single item for account-wide jobs). */
    record Dispatched(String jobId, List<String> workItemJobIds) implements ScheduleOutcome {
        public Dispatched {
            workItemJobIds = List.copyOf(workItemJobIds);
        }
    }

    /** This firing was handled before: a duplicate delivery, nothing new. */
    record AlreadyHandled(String jobId) implements ScheduleOutcome {
    }

    /** Another invocation is handling this firing right now. */
    record InProgressElsewhere(String jobId) implements ScheduleOutcome {
    }
}
