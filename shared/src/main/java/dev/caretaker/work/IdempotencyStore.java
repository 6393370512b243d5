package dev.caretaker.work;

import java.time.Instant;
import java.util.Map;

/**
 * Remembers the outcome of work already done, so a redelivered message whose job outlived its
 * worker (crash after the work, before the job was marked done) reuses the result instead of
 * doing the work again.
 */
public interface IdempotencyStore {

    /** Starts work under {@code key}, or says why not. */
    Start begin(String key, Instant now, Instant inProgressUntil);

    void complete(String key, Map<String, Object> result, Instant now);

    /** Forgets an in-progress record after a failure, so the next attempt runs the work again. */
    void abandon(String key);

    sealed interface Start {
        record Begun() implements Start {
        }

        record AlreadyCompleted(Map<String, Object> result) implements Start {
        }

        record InProgressElsewhere(Instant until) implements Start {
        }
    }
}
