package dev.caretaker.drift.budget;

/**
 * A token bucket as stored: tokens left at {@code updatedAtMillis}, and a version that every
 * change increments so concurrent takers can use it as the condition of their write.
 */
public record BucketState(double tokens, long updatedAtMillis, long version) {
}
