package dev.caretaker.orchestrator.webhook;

import java.time.Instant;

/**
 * Remembers which webhook deliveries were acted on, so a captured request replayed within the
 * signature tolerance (or a GitHub delivery, which has no timestamp) is refused.
 *
 * <p>A delivery is recorded only after the request proved authentic and its work was handed on:
 * a forged request cannot burn a delivery id, and a request that failed half-way can be retried.
 */
public interface DeliveryReplayGuard {

    boolean isConsumed(Delivery delivery, Instant now);

    /**
     * Records the delivery as consumed, atomically.
     *
     * @return true when this call recorded it; false when it was already consumed (a concurrent
     *         duplicate got there first)
     */
    boolean markConsumed(Delivery delivery, String jobId, Instant now);
}
