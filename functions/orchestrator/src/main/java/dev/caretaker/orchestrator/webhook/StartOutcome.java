package dev.caretaker.orchestrator.webhook;

/** What happened when the deployment workflow was asked to start. */
public sealed interface StartOutcome {

    record Started(String executionArn) implements StartOutcome {
    }

    /** An execution with this job's name exists: an earlier attempt started it, which is fine. */
    record AlreadyStarted() implements StartOutcome {
    }

    /** Throttled, over the running-execution limit, or unreachable: the same request later should work. */
    record Unavailable(String reason) implements StartOutcome {
    }

    /** Refused for a reason retrying will not fix (no such state machine, no permission). */
    record Failed(String reason) implements StartOutcome {
    }
}
