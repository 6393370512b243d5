package dev.caretaker.drift;

import java.time.Duration;

/** Port: runs drift detection on one stack and reports what differs. */
public interface DriftDetector {

    /**
     * @param budget how long the caller can wait for detection to finish
     * @throws StackNotFound when the stack does not exist (retrying will not help)
     */
    DriftReport detect(String stack, Duration budget) throws InterruptedException;

    final class StackNotFound extends RuntimeException {
        public StackNotFound(String stack) {
            super("stack " + stack + " does not exist");
        }
    }
}
