package dev.caretaker.local.sandbox;

/**
 * The sandbox CloudFormation's own rate limit: a token bucket holding one second's worth of calls,
 * refilled continuously on the JVM's monotonic clock. A call finding it empty is throttled.
 */
final class SandboxRateLimit {

    private final double callsPerSecond;
    private final double capacity;
    private double tokens;
    private long updatedNanos;

    SandboxRateLimit(double callsPerSecond) {
        this.callsPerSecond = callsPerSecond;
        this.capacity = Math.max(1, Math.floor(callsPerSecond));
        this.tokens = capacity;
        this.updatedNanos = System.nanoTime();
    }

    synchronized boolean tryTake() {
        if (Double.isInfinite(callsPerSecond)) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * callsPerSecond);
        updatedNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
