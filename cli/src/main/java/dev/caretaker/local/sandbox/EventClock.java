package dev.caretaker.local.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps for stack events: the sandbox clock to the millisecond, but always at least a
 * millisecond after the previous event, so events keep their order by time even on a clock a
 * test holds still, as they would in AWS.
 */
final class EventClock {

    private final Clock clock;
    private Instant last = Instant.MIN;

    EventClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }
}
