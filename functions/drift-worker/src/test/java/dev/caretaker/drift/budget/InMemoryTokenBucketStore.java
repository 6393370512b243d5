package dev.caretaker.drift.budget;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link TokenBucketStore} in memory with the same compare-and-set contract as the DynamoDB one. */
public final class InMemoryTokenBucketStore implements TokenBucketStore {

    private BucketState state;
    private final AtomicInteger conflicts = new AtomicInteger();

    @Override
    public synchronized Optional<BucketState> read() {
        return Optional.ofNullable(state);
    }

    @Override
    public synchronized boolean replace(Optional<BucketState> expected, BucketState next) {
        boolean matches = expected.isEmpty() ? state == null : state != null && state.version() == expected.get().version();
        if (!matches) {
            conflicts.incrementAndGet();
            return false;
        }
        state = next;
        return true;
    }

    public int conflicts() {
        return conflicts.get();
    }
}
