package dev.caretaker.local.stepfunctions;

import java.time.Duration;

/**
 * Every wait an execution makes (Wait states, delays between retries) goes through this, so tests
 * can record the delays and move a clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return Thread::sleep;
    }
}
