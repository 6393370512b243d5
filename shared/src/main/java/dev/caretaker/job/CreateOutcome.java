package dev.caretaker.job;

/** Creating a job either records it or finds the one a previous delivery of the same trigger made. */
public sealed interface CreateOutcome {

    Job job();

    record Created(Job job) implements CreateOutcome {
    }

    record AlreadyExists(Job job) implements CreateOutcome {
    }
}
