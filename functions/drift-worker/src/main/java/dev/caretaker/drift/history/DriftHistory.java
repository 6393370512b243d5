package dev.caretaker.drift.history;

import java.util.Optional;

/** Port: the checks made so far, per stack. */
public interface DriftHistory {

    /** The newest check of the stack made by another job than {@code excludingJobId} (a retry must not compare with itself). */
    Optional<CheckRecord> latest(String stack, String excludingJobId);

    /** Stores a check; storing the same job's check again replaces it. */
    void record(CheckRecord check);
}
