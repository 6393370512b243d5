package dev.caretaker.drift.budget;

import java.util.Optional;

/** Port: where the shared token bucket lives, with compare-and-set on its version. */
public interface TokenBucketStore {

    /** The bucket as last written; empty before anyone took a token. */
    Optional<BucketState> read();

    /**
     * Writes {@code next} only if the bucket is still {@code expected} (same version, or still
     * absent when {@code expected} is empty); false when someone else changed it first.
     */
    boolean replace(Optional<BucketState> expected, BucketState next);
}
