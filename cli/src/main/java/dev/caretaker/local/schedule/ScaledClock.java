package dev.caretaker.local.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Local time that runs {@code timeScale} times faster than {@code real} from {@code virtualStart}:
 * at 3600 an hour passes each second, so a daily schedule fires every 24 s. Schedules, and only
 * they, run on it; handlers keep the real clock.
 */
public final class ScaledClock extends Clock {

    private final Clock real;
    private final double timeScale;
    private final Instant virtualStart;
    private final Instant realStart;

    public ScaledClock(Clock real, double timeScale, Instant virtualStart) {
        this.real = Objects.requireNonNull(real, "real");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("the time scale must be a positive number, was " + timeScale);
        }
        this.timeScale = timeScale;
        this.virtualStart = Objects.requireNonNull(virtualStart, "virtualStart");
        this.realStart = real.instant();
    }

    /** Scaled time starting at the real clock's present. */
    public static ScaledClock startingNow(Clock real, double timeScale) {
        return new ScaledClock(real, timeScale, real.instant());
    }

    public double timeScale() {
        return timeScale;
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(realStart, real.instant()).toNanos();
        return virtualStart.plusNanos((long) (realNanos * timeScale));
    }

    /** How long to wait on the real clock until this clock reads {@code virtual}; zero if it already has. */
    public Duration realTimeUntil(Instant virtual) {
        Duration ahead = Duration.between(instant(), virtual);
        return ahead.isNegative() ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(ahead.toNanos() / timeScale));
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(real.withZone(zone), timeScale, instant());
    }
}
