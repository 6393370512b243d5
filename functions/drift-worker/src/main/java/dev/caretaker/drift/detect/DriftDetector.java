package dev.caretaker.drift.detect;

import java.time.Duration;

/** Port: runs drift detection on one stack and the stacks nested in it, and reports what it found. */
public interface DriftDetector {

    /**
     * @param timeBudget how long the caller can wait for detection to finish
     * @return the stack first, then its nested stacks, depth first
     * @throws StackNotFound when the stack does not exist (retrying will not help)
     */
    Detection detect(String stack, Duration timeBudget) throws InterruptedException;

    final class StackNotFound extends RuntimeException {
        public StackNotFound(String stack) {
            super("stack " + stack + " does not exist");
        }
    }

    /** Detection could not run on the stack at all (it is being updated, say); a later attempt may work. */
    final class DetectionFailed extends RuntimeException {
        public DetectionFailed(String message) {
            super(message);
        }
    }
}
