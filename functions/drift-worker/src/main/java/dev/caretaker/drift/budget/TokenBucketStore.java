package dev.caretaker.drift.budget;

/**
 * Port: where the shared token bucket lives. The bucket is kept in its scheduling form (GCRA): one
 * number, the time from which the next call may go. Taking a token is reserving that slot and moving
 * the number on by one interval, in one atomic step, so concurrent takers get distinct slots without
 * reading first or retrying.
 */
public interface TokenBucketStore {

    /**
     * Atomically: {@code next = max(next, floor) + interval}; returns the slot reserved (the value
     * before the interval was added). {@code floor} is now minus the burst window: a bucket idle for
     * longer than the window starts again from a full burst, never from more.
     *
     * @param floorMicros    the earliest slot that may be handed out, in microseconds since the epoch
     * @param intervalMicros microseconds between two calls at the configured rate
     */
    long reserve(long floorMicros, long intervalMicros);
}
