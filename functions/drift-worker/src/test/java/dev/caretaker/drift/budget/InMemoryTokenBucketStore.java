package dev.caretaker.drift.budget;

/** {@link TokenBucketStore} in memory, with the same reservation arithmetic as the DynamoDB one. */
public final class InMemoryTokenBucketStore implements TokenBucketStore {

    private Long next;

    @Override
    public synchronized long reserve(long floorMicros, long intervalMicros) {
        long slot = next == null ? floorMicros : Math.max(next, floorMicros);
        next = slot + intervalMicros;
        return slot;
    }

    /** Sets the next free slot, as another instance's reservations would have. */
    public synchronized void nextFreeAt(long micros) {
        next = micros;
    }
}
