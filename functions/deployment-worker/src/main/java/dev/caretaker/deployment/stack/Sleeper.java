package dev.caretaker.deployment.stack;

import java.time.Duration;

/** Waits; tests pass one that records instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration);
    }
}
