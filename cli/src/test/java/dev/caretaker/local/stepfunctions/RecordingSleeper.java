package dev.caretaker.local.stepfunctions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A sleeper that never sleeps: it records each delay and moves its clock on by it. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    RecordingSleeper(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Moves the clock without a sleep, as time passes while an execution waits for something else. */
    void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    Clock clock() {
        return clock;
    }
}
